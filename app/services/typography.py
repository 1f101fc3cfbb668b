"""French typography for prose written on an ordinary keyboard: the apostrophe ’ (U+2019) for ', a no-break space
before the colon and the percent sign, a narrow no-break space before ; ! ? », after « and between a number's groups
of thousands. And the elision a
sentence needs when a name is put into it: « de Awa » reads « d’Awa » (:func:`elide`).

``french_markdown`` leaves alone what is not prose: code, link targets, autolinks, HTML tags and bare URLs (a
Wikipedia address may hold an apostrophe). Both functions are idempotent: typeset text comes back unchanged, which
is how the content check finds a file that still needs it.

The other way round, ``french_marks`` finds French typography in English prose (:data:`FRENCH_ONLY`), which no
function can set right: « 1 h 30 » is a duration or a time of day, and only a person can tell.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.language_tags import language_subtag

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


# French typography in English prose: what it is, where it is, what English writes instead.
_SPACE = "[ \u00a0\u202f]"  # an ordinary, a no-break or a narrow no-break space
# « 2 h », « 1 h 30 », « 9h30 »: not a digit of a larger number before (« 1.5 h », « 10:30 »), no letter after the
# h (« 5 ha », « 2 hours »).
_HOURS = re.compile(rf"(?<![\w.,:/])(?P<hours>\d{{1,2}}){_SPACE}?h(?:{_SPACE}?(?P<minutes>[0-5]\d))?(?!\w)")
# A time of day rather than a duration: « at 9 h », « from 9 h », « 9 h 30 – 10 h 45 » (either end of a range).
_CLOCK_BEFORE = re.compile(rf"(?:\b(?:at|from|until)|[–—-]){_SPACE}*$")
_CLOCK_AFTER = re.compile(rf"{_SPACE}*[–—-]{_SPACE}*\d")
_WORD_BEFORE = re.compile(r"\w+$")  # the word a no-break space follows, for the fix
# A decimal comma is French where a unit or a currency says the number is a quantity: English groups thousands by
# three (« 5,000 »), so one or two digits after the comma are decimals (« 2,5 % », « €1,5 », « 3,2 million »).
_UNITS = r"%|‰|°C|km²?|m²|kg|ha|t|tonnes?|million|billion|trillion|euros?|dollars?|EUR|USD|GBP|€|\$|£"
_AMOUNT = r"\d+,\d{1,2}(?!\d|,\d)"
_UNIT = rf"{_SPACE}?(?:{_UNITS})(?!\w)"
_DECIMAL_COMMA = re.compile(
    rf"(?<![\w,.])(?:(?:[€$£]|(?:EUR|USD|GBP){_SPACE}){_SPACE}?{_AMOUNT}(?:{_UNIT})?|{_AMOUNT}{_UNIT})"
)

# Words marked as in another language, in the bracketed span of Pandoc that app.language_spans renders, and the
# quotation marks around them: « [Loi sur le devoir de vigilance]{lang=fr} » is French, in French typography.
_MARKED = re.compile(r"(?P<open>«\s*)?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\{lang=(?P<language>[A-Za-z]{2,3})\}(?(open)\s*»)")


@dataclass(frozen=True, slots=True)
class FrenchOnly:
    """A habit of French typography that English does not share: ``pattern`` finds it, ``fix`` says, for one place
    it is found, what English writes instead."""

    name: str
    pattern: re.Pattern[str]
    fix: Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class FrenchMark:
    """One place English prose is in French typography."""

    offset: int
    found: str
    rule: str
    fix: str


def _quotation_marks(match: re.Match[str]) -> str:
    quoted = match["quoted"]
    if quoted is None:
        return "“ and ” around a quotation, or none around a name"
    return f"'“{' '.join(quoted.split())}”' (or no quotation marks around a name)"


def _english_time(match: re.Match[str]) -> str:
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    clock = f"{hours}:{minutes:02d}"
    before = max(0, match.start() - len("until  "))  # the longest word it looks for and a space or two
    if _CLOCK_BEFORE.search(match.string, before, match.start()) or _CLOCK_AFTER.match(match.string, match.end()):
        return f"'{clock}' for a time of day ('9:30–10:45' for a range)"
    duration = f"{hours} hour{'' if hours == 1 else 's'}" + (f" {minutes} minutes" if minutes else "")
    return f"'{duration}' for a duration, '{clock}' for a time of day"


def _no_space_before(match: re.Match[str]) -> str:
    word = _WORD_BEFORE.search(match.string, max(0, match.start() - 40), match.start())
    return f"'{word.group() if word else ''}{match['mark']}' (no space before {match['mark']} in English)"


def _decimal_point(match: re.Match[str]) -> str:
    number = re.sub(rf"(?<=[€$£]){_SPACE}|{_SPACE}(?=[%‰])", "", match.group().replace(",", "."))
    return f"'{re.sub(_SPACE, ' ', number)}' (a decimal point)"


FRENCH_ONLY: tuple[FrenchOnly, ...] = (
    # A pair on one line or across a line break (a paragraph wraps), else a guillemet alone.
    FrenchOnly("French quotation marks", re.compile(r"«\s*(?P<quoted>[^«»]{0,300}?)\s*»|[«»]"), _quotation_marks),
    FrenchOnly("a French time or duration", _HOURS, _english_time),
    FrenchOnly(
        "a no-break space before a punctuation mark",
        re.compile(r"[\u00a0\u202f](?P<mark>[;:!?])"),
        _no_space_before,
    ),
    FrenchOnly("a French decimal comma", _DECIMAL_COMMA, _decimal_point),
)


def french_marks(markdown: str) -> list[FrenchMark]:
    """Every place the English prose of ``markdown`` is in French typography (:data:`FRENCH_ONLY`), in the order
    of the text. Left out, a mark starting there being no mark: what is not prose (code, link targets, addresses:
    ``_NOT_PROSE``, as ``french_markdown`` leaves them; « 9h30 » in a URL), and words marked as in another language
    with their quotation marks (``_MARKED``)."""
    left_out = [match.span() for match in _NOT_PROSE.finditer(markdown)] + [
        match.span()
        for match in (_MARKED.finditer(markdown) if "{lang=" in markdown else ())
        if language_subtag(match["language"]) not in (None, "en")  # an unknown tag marks nothing: the span is text
    ]
    marks = [
        FrenchMark(match.start(), match.group(), rule.name, rule.fix(match))
        for rule in FRENCH_ONLY
        for match in rule.pattern.finditer(markdown)
        if not any(start <= match.start() < end for start, end in left_out)
    ]
    return sorted(marks, key=lambda mark: mark.offset)


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
