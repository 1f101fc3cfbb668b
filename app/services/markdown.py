"""Markdown → safe HTML. Raw HTML in the source is escaped by the parser, then nh3 enforces an allow-list:
no scripts, no event handlers, no ``javascript:`` URLs. Links to other sites get ``rel="nofollow noopener"`` (a
partner's text vouches for no one); ``crv:`` links, to the centre's own pages, none: crawlers follow them."""

from collections.abc import Callable, Iterator

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

INTERNAL_SCHEME = "crv:"
ALLOWED_TAGS = {
    "a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img", "del", "sup", "sub",
}  # fmt: skip
EXTERNAL_REL = "nofollow noopener"
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
LinkResolver = Callable[[str], str | None]

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])


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


def render_markdown(markdown: str, resolve: LinkResolver | None = None) -> str:
    tokens = _parser.parse(markdown)
    for token in _walk(tokens):
        href = str(token.attrs.get("href", "")) if token.type == "link_open" else ""
        if href.startswith(INTERNAL_SCHEME):
            target = resolve(href[len(INTERNAL_SCHEME) :]) if resolve else None
            token.attrs["href"] = target or "#"
        elif token.type == "link_open":
            token.attrs["rel"] = EXTERNAL_REL
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
