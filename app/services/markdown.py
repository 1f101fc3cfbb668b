"""Markdown → safe HTML. Raw HTML in the source is escaped by the parser, then nh3 enforces an allow-list:
no scripts, no event handlers, no ``javascript:`` URLs. Links to other sites get ``rel="nofollow noopener"`` (a
partner's text vouches for no one); ``crv:`` links, to the centre's own pages, none: crawlers follow them.

Web addresses are written as people copy them: a link to « www.ong.org/rapport.pdf » (the browser's address bar
hides the scheme) leads to https://www.ong.org/rapport.pdf, where it was a relative link, a 404 on the public page;
an address typed in the text (« https://… », « www.… ») is a link."""

import re
from collections.abc import Callable, Iterator

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from app.language_spans import language_spans
from app.services.addresses import web_address

INTERNAL_SCHEME = "crv:"
ALLOWED_TAGS = {
    "a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img", "del", "sup", "sub", "span",
}  # fmt: skip
EXTERNAL_REL = "nofollow noopener"
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "span": {"lang"},  # words in another language (app.language_spans), the only span the renderer writes
}
LinkResolver = Callable[[str], str | None]

# An address without its scheme that names a site: « www.… », or a dotted host (its last label letters) followed by
# a path. « rapport.pdf » or « ./annexe » stay what they are.
_SITE = re.compile(r"^(?:www\.[^\s/:@?#.]+\.[^\s/:@?#]|[^\s/:@?#.]+(?:\.[^\s/:@?#.]+)*\.[^\W\d_]{2,}/)", re.IGNORECASE)
# The schemes of an address typed in the text that are linked as typed.
_LINKED_SCHEMES = ("http://", "https://", "mailto:")


def _absolute_web_addresses(state: StateCore) -> None:
    """Links to a site typed without a scheme get https://; of the addresses found in the text (linkify), those
    with a scheme and those that name a site are links, the others (« ilo.org », « //x ») stay text."""
    for block in state.tokens:
        if block.children is None:
            continue
        kept: list[Token] = []
        unlinked = 0  # the linkify links dropped whose link_close is still to come
        for index, token in enumerate(block.children):
            href = str(token.attrs.get("href", ""))
            if token.type == "link_open" and token.markup == "linkify":
                text = block.children[index + 1].content
                if _SITE.match(text):  # found without a scheme: linkify put http:// in front
                    token.attrs["href"] = "https://" + href.removeprefix("http://")
                elif not text.lower().startswith(_LINKED_SCHEMES):
                    unlinked += 1
                    continue
            elif token.type == "link_close" and token.markup == "linkify" and unlinked:
                unlinked -= 1
                continue
            elif token.type == "link_open" and _SITE.match(href):
                token.attrs["href"] = web_address(href)
            kept.append(token)
        block.children = kept


_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": True})
    .enable(["table", "strikethrough", "linkify"])
    .use(language_spans)
)
assert _parser.linkify is not None  # linkify-it-py, a dependency
# Text that only looks like a site (« ilo.org », an e-mail address) stays text: _absolute_web_addresses keeps
# « www.… » and a host with a path. The quick look before the search for addresses is for those alone: linkify-it's
# own (any « word.tld ») slowed every page's rendering by a fifth.
_parser.linkify.set({"fuzzy_link": True, "fuzzy_email": False, "fuzzy_ip": False})
_parser.linkify.re["pretest"] = r"https?:|mailto:|www\.|\.[^\W\d_]{2,}/"
_parser.core.ruler.after("linkify", "absolute_web_addresses", _absolute_web_addresses)


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def tokens(markdown: str) -> list[Token]:
    """The block tokens of ``markdown`` (inline tokens as their children), for writers of other formats."""
    return _parser.parse(markdown)


def internal_links(markdown: str) -> list[str]:
    """Translation keys targeted by ``crv:`` links in ``markdown``."""
    return [
        str(token.attrs["href"])[len(INTERNAL_SCHEME) :]
        for token in _walk(_parser.parse(markdown))
        if token.type == "link_open" and str(token.attrs.get("href", "")).startswith(INTERNAL_SCHEME)
    ]


def render_markdown(markdown: str, resolve: LinkResolver | None = None, headings_under: int = 1) -> str:
    """``markdown`` as safe HTML. ``headings_under``: the level of the heading the text is shown under, its « ## »
    (a body's sections) one level below it and the others as far (a resource's page: its title's H1, as written;
    a version on the desk under its H3 title: « ## » an H4), so that the page's outline stays whole."""
    tokens = _parser.parse(markdown)
    for token in _walk(tokens):
        href = str(token.attrs.get("href", "")) if token.type == "link_open" else ""
        if href.startswith(INTERNAL_SCHEME):
            target = resolve(href[len(INTERNAL_SCHEME) :]) if resolve else None
            token.attrs["href"] = target or "#"
        elif token.type == "link_open":
            token.attrs["rel"] = EXTERNAL_REL
        elif token.type in ("heading_open", "heading_close") and headings_under > 1:
            token.tag = f"h{min(6, int(token.tag[1:]) + headings_under - 1)}"
    html = _parser.renderer.render(tokens, _parser.options, {})
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_only_external_rel,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _only_external_rel(element: str, attribute: str, value: str) -> str | None:
    """The one ``rel`` kept is the one :func:`render_markdown` gives links to other sites."""
    return value if attribute != "rel" or value == EXTERNAL_REL else None
