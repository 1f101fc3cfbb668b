"""Markdown to plain text for indexing and excerpts: what a reader sees, without markup.

Built on markdown-it's token stream, not on hand-written pattern matching: a soft line break is a space (the
last word of a line and the first of the next stay two words), a hard break a newline, an image its alt text.
A table becomes one readable line per row, each cell named by its column header — « Pays : Côte d'Ivoire —
Bien (ILAB) : Cacao » — so an excerpt cropped inside a table still reads as text.

A block (a paragraph, a list item) whose visible text is only links to the centre's own pages, joined by
punctuation or « et », « and » — « [Convention n° 182](crv:law-ilo-c182) · [Cacao](crv:commodity-cocoa) » — is
where to go next, not text: it is left out, and so is a heading left with nothing under it (« Related crv
resources »). Indexed, the names of the pages linked to made a text that only points to the CSDDD a hit for
« CSDDD », ranked above texts about it. The page itself keeps its links (app.services.markdown renders them).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.language_spans import language_spans

_parser = MarkdownIt("commonmark").enable("table").use(language_spans)  # words in another language: the words
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
INTERNAL_SCHEME = "crv:"  # a link to one of the centre's pages (app.services.markdown resolves it)
# The words that may join the links of a navigation block, besides punctuation.
_JOINING_WORDS = frozenset({"et", "ou", "and", "or"})
_WORD = re.compile(r"[^\W_]+")


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


def _is_navigation(token: Token) -> bool:
    """Whether an inline token shows nothing but ``crv:`` links, joined by punctuation or :data:`_JOINING_WORDS`
    (emphasis around a link shows no text of its own)."""
    links = depth = 0
    for child in token.children or ():
        if child.type == "link_open":
            if not str(child.attrs.get("href", "")).startswith(INTERNAL_SCHEME):
                return False
            links, depth = links + 1, depth + 1
        elif child.type == "link_close":
            depth -= 1
        elif depth or child.type in ("softbreak", "hardbreak") or child.type.endswith(("_open", "_close")):
            continue
        elif child.type != "text" or not _JOINING_WORDS.issuperset(map(str.lower, _WORD.findall(child.content))):
            return False
    return links > 0


@dataclass
class _Section:
    """A heading of the text, while the blocks under it are read."""

    level: int
    block: int  # its index among the blocks
    text: bool = False  # a block of text under it (a heading kept counts)
    navigation: bool = False  # a navigation block under it, left out


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
    sections: list[_Section] = []  # the headings the block being read is under, outermost first
    level = 0  # the level of the heading being read, 0 out of one

    def close(below: int) -> None:
        """Ends the sections of ``below`` and deeper levels: a heading with navigation under it and nothing else
        is left out; one kept is text under the headings it is under."""
        while sections and sections[-1].level >= below:
            section = sections.pop()
            if section.navigation and not section.text:
                blocks[section.block] = ""
            else:
                mark(text=True)

    def mark(text: bool) -> None:
        """Notes a block under the open headings: text, or navigation left out."""
        for section in sections:
            section.text = section.text or text
            section.navigation = section.navigation or not text

    for token in _parser.parse(markdown):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            close(level)
        elif token.type == "heading_close":
            level = 0
        elif token.type == "thead_open":
            in_head, headers = True, []
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if not in_head:
                blocks.append(_row_text(headers, row, separator))
                mark(text=True)
            row = None
        elif token.type == "inline" and row is not None:
            (headers if in_head else row).append(_inline_text(token))
        elif token.type == "inline" and level:
            sections.append(_Section(level, len(blocks)))
            blocks.append(_inline_text(token))
        elif token.type == "inline" and _is_navigation(token):
            mark(text=False)
        elif token.type == "inline" and (text := _inline_text(token)):
            blocks.append(text)
            mark(text=True)
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.strip())
            mark(text=True)
    close(1)
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
