"""French typography for prose written on an ordinary keyboard: the apostrophe ’ (U+2019) for ', a no-break space
before the colon and the percent sign, a narrow no-break space before ; ! ? », after « and between a number's groups
of thousands. And the elision a
sentence needs when a name is put into it: « de Awa » reads « d’Awa » (:func:`elide`).

``french_markdown`` leaves alone what is not prose: code, link targets, autolinks, HTML tags and bare URLs (a
Wikipedia address may hold an apostrophe). Both functions are idempotent: typeset text comes back unchanged, which
is how the content check finds a file that still needs it.
"""

import re
from collections.abc import Mapping

NBSP = "\u00a0"
NNBSP = "\u202f"

# A letter or digit before, and a word, a link or an emphasis after: "l'OIT", "aujourd'hui", "l'[accord](…)",
# "d'**abord**"; not a quotation mark ('…') or an English plural ("workers'").
_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_]|\[|\*)")
# A thousands separator typed as a space, « 5 000 », « 1 037 644 »: a narrow no-break space, so that a line never
# breaks inside a number. Only groups of three after a group of one to three digits, so « en 2023 150 pays » stays.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])")
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
    text = _THOUSANDS.sub(lambda number: number.group(1) + number.group(2).replace(" ", NNBSP), text)
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


# Elision before a name put into a French sentence: « de », « que », « le », « la » before a vowel sound.
_ELIDED = {"de": "d’", "que": "qu’", "le": "l’", "la": "l’"}
_ELIDABLE = re.compile(r"(?<![^\W_])(de|De|que|Que|le|Le|la|La) %\((\w+)\)s")
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def starts_with_vowel_sound(word: str) -> bool:
    """Whether French elides before ``word``, as far as its spelling tells: a vowel (accented or not, any case) —
    « Awa », « Élise », « ONG », « Yves », « Œuvre » —, but not « ou » or « y » before a vowel, which sound as
    consonants (« de Ouagadougou », « de Yaoundé »), nor any h: a mute h (« d’Hélène ») and an aspirate one (« de
    Hambourg ») are spelled alike, and « de Hélène » is a lesser fault than « d’Hambourg »."""
    lower = word[:3].lower()
    if not lower or lower[0] not in _VOWELS:
        return False
    if lower[0] == "y" or lower.startswith("ou"):
        next_letter = lower[1:2] if lower[0] == "y" else lower[2:3]
        return not next_letter or next_letter not in _VOWELS
    return True


def elide(template: str, values: Mapping[str, object]) -> str:
    """``template`` (a French sentence with ``%(name)s`` placeholders) with « de », « que », « le », « la » elided
    before the placeholders whose value starts with a vowel sound: « Membres de %(organisation)s » with « ONG
    Audit » becomes « Membres d’%(organisation)s ». Only the template changes (fill it in with ``%`` as usual), so
    an escaped template stays escaped; a value that is not text (a number) elides nothing."""

    def elided(match: re.Match[str]) -> str:
        word, name = match.groups()
        value = values.get(name)
        if not isinstance(value, str) or not starts_with_vowel_sound(value.lstrip()):
            return match.group()
        short = _ELIDED[word.lower()]
        return (short[0].upper() + short[1:] if word[0].isupper() else short) + f"%({name})s"

    return _ELIDABLE.sub(elided, template)
