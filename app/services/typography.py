"""French typography for prose written on an ordinary keyboard: the apostrophe ’ (U+2019) for ', a no-break space
before the colon and the percent sign, a narrow no-break space before ; ! ? » and after «.

``french_markdown`` leaves alone what is not prose: code, link targets, autolinks, HTML tags and bare URLs (a
Wikipedia address may hold an apostrophe). Both functions are idempotent: typeset text comes back unchanged, which
is how the content check finds a file that still needs it.
"""

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

# Letter or digit on both sides: "l'OIT", "aujourd'hui"; not a quotation mark ('…') or an English plural ("workers'").
_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_])")
_SPACES = (
    (re.compile(r" ([:%])"), NBSP + r"\1"),
    (re.compile(r" ([;!?»])"), NNBSP + r"\1"),
    (re.compile(r"« "), "«" + NNBSP),
)
# What is not prose in Markdown, in the order a reader meets it: fenced code, inline code, a link's target, an
# autolink or HTML tag, a bare URL.
_NOT_PROSE = re.compile(r"(?ms)^```.*?^```|`[^`\n]*`|\]\([^)\n]*\)|<[^<>\n]*>|https?://\S+")


def french(text: str) -> str:
    """``text`` (plain prose, no markup) with French typography."""
    text = _APOSTROPHE.sub("’", text)
    for pattern, replacement in _SPACES:
        text = pattern.sub(replacement, text)
    return text


def french_markdown(markdown: str) -> str:
    """``markdown`` with French typography in its prose, code and addresses untouched."""
    pieces: list[str] = []
    start = 0
    for match in _NOT_PROSE.finditer(markdown):
        pieces += [french(markdown[start : match.start()]), match.group()]
        start = match.end()
    pieces.append(french(markdown[start:]))
    return "".join(pieces)


def first_difference(before: str, after: str) -> int:
    """The offset of the first character where ``before`` and ``after`` differ (``len(before)`` if none)."""
    return next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before))


def typeset(text: str, language: str) -> str:
    """``text`` as a page in ``language`` shows it: French typography in French (what a partner typed on an ordinary
    keyboard, « l'OIT : », reads « l’OIT : »), any other language as written. The stored text stays as typed."""
    return french(text) if language == "fr" else text


def typeset_markdown(markdown: str, language: str) -> str:
    """:func:`typeset` for a Markdown body (its code and addresses untouched)."""
    return french_markdown(markdown) if language == "fr" else markdown
