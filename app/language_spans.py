"""Words in another language than the text's, marked in its Markdown as Pandoc marks them, a bracketed span with
its language: « progrès significatifs (« [Significant Advancement]{lang=en} ») », so that a screen reader reads
ILAB's English name with English sounds on a French page (WCAG 2.2, 3.1.2 Language of Parts). The bodies' Markdown
has no raw HTML (markdown.py escapes it), hence a syntax of its own, the one other Markdown tools know.

Only ``{lang=…}`` with a primary language subtag (:mod:`app.language_tags`) makes a span: any other braces after
brackets stay text, as they were. A markdown-it plugin, used by the page's renderer (a ``<span lang>``) and by the
search's text (the words alone)."""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from app.language_tags import language_subtag

_LANGUAGE = re.compile(r"\{lang=([A-Za-z]{2,3})\}")


def _language_span(state: StateInline, silent: bool) -> bool:
    """``[words]{lang=xx}``: a ``span_open`` with its ``lang``, the words' own tokens, a ``span_close``."""
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos)
    found = _LANGUAGE.match(state.src, end + 1) if end >= 0 else None
    tag = language_subtag(found.group(1)) if found else None
    if found is None or tag is None:
        return False
    if not silent:
        maximum = state.posMax
        state.pos, state.posMax = state.pos + 1, end
        state.push("span_open", "span", 1).attrs = {"lang": tag}
        state.md.inline.tokenize(state)
        state.push("span_close", "span", -1)
        state.posMax = maximum
    state.pos = found.end()
    return True


def language_spans(md: MarkdownIt) -> None:
    """The plugin: ``MarkdownIt(...).use(language_spans)``."""
    md.inline.ruler.before("link", "language_span", _language_span)
