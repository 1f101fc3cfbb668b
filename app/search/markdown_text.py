"""Markdown to plain text for indexing and excerpts: what a reader sees, without markup.

Built on markdown-it's token stream, not on hand-written pattern matching: a soft line break is a space (the
last word of a line and the first of the next stay two words), a hard break a newline, an image its alt text.
A table becomes one readable line per row, each cell named by its column header — « Pays : Côte d'Ivoire —
Bien (ILAB) : Cacao » — so an excerpt cropped inside a table still reads as text.
"""

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_parser = MarkdownIt("commonmark").enable("table")
_EMPTY_CELLS = frozenset({"", "—", "-", "–"})
# Text that no markdown rule can touch: no character that opens inline markup (emphasis, code, links, images,
# HTML, entities, escapes, table cells), no line that could open a block (heading, quote, list, rule, code,
# fence) and no whitespace at a line's ends (indented code, hard breaks). Parsing it gives its paragraphs back,
# so it skips the parser (a tenth of a millisecond per body, most of building a search document). The inline
# characters sought one by one (``in`` scans a string in C, 8x faster than a character class with ``re``: 1.6 us
# rather than 13 for a 2.5 kB body), then the lines with a simple pattern: one pattern with line anchors costs ten
# times more.
_INLINE_MARKUP = "\\`*_[]!<>&~|\t\r\f\v\x00"
_LINE_MARKUP = re.compile(r"\n[#=+\-0-9]|\n[^\S\n]|[^\S\n]\n")
_BLOCK_OPENERS = frozenset("#=+-0123456789")
_BLANK_LINES = re.compile(r"\n\n+")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child))
    return "".join(parts).strip()


def _row_text(headers: Sequence[str], cells: Sequence[str], separator: str) -> str:
    named = [
        f"{header}{separator}{cell}" if header else cell
        for header, cell in zip(headers, cells, strict=False)
        if cell not in _EMPTY_CELLS
    ]
    return " — ".join(named)


def markdown_to_text(markdown: str, language: str = "en") -> str:
    """Plain text of ``markdown``, one block per line. ``language`` only chooses the typography of table rows
    (« Pays : Bénin », with a no-break space, in French, "Country: Benin" in English)."""
    if _is_plain(markdown):
        return _paragraphs(markdown)
    return _parsed_text(markdown, language)


def _parsed_text(markdown: str, language: str) -> str:
    separator = "\u00a0: " if language == "fr" else ": "
    blocks: list[str] = []
    headers: list[str] = []
    row: list[str] | None = None
    in_head = False
    for token in _parser.parse(markdown):
        if token.type == "thead_open":
            in_head, headers = True, []
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if not in_head:
                blocks.append(_row_text(headers, row, separator))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                (headers if in_head else row).append(text)
            elif text:
                blocks.append(text)
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.strip())
    return "\n".join(block for block in blocks if block)


def _is_plain(text: str) -> bool:
    if not text:
        return True
    if any(character in text for character in _INLINE_MARKUP) or text[0] in _BLOCK_OPENERS:
        return False
    if (text[0].isspace() and text[0] != "\n") or (text[-1].isspace() and text[-1] != "\n"):
        return False
    return "\n" not in text or not _LINE_MARKUP.search(text)


def _paragraphs(plain: str) -> str:
    """What the parser makes of text without markup: a paragraph per run of lines, a soft break a space."""
    return "\n".join(block.replace("\n", " ") for block in _BLANK_LINES.split(plain.strip("\n")) if block)
