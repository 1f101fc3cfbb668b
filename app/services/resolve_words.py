"""A product phrase's words, for :mod:`app.services.resolve`: folded as the index keys them (accents, case and
punctuation dropped, plurals folded to singulars), and the parts each is in, the words opening what qualifies the
phrase's head (« lait UHT en brique »: ``lait uht`` then ``brique``)."""

import re
from dataclasses import dataclass

from app.search.text import fold as text_fold
from app.services.resolve_aliases import CONTENT_OPENERS, GRADES, PURPOSE_OPENERS, STOP_WORDS


def fold(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: ``Côte d’Ivoire`` → ``cote d ivoire``, ``bœuf`` → ``boeuf``."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text_fold(text)).split())


def singular(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("oes") and not word.endswith("hoes"):  # tomatoes → tomato, shoes → shoe
        return word[:-2]
    if word.endswith("ies") and len(word) > 5:  # berries → berry; not « soies » (silk), which was « soy »
        return word[:-3] + "y"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def product_key(text: str) -> str:
    return " ".join(singular(w) for w in fold(text).split())


@dataclass(frozen=True, slots=True)
class ProductWords:
    """A product phrase's words (:func:`product_words`) and the part of the phrase each is in: 0 for its head, one
    more at each word opening a qualifier, which ``openers`` holds (None for the head): « lait UHT en brique » is
    ``lait uht`` then ``brique``, opened by ``en``. ``runs``: each word's run of words written one after the other,
    a stop word or punctuation ending one: « flower honey » is one (a compound), « cocoa and coffee » or « cocoa,
    coffee » two."""

    words: tuple[str, ...]
    parts: tuple[int, ...]
    openers: tuple[str | None, ...]
    runs: tuple[int, ...]
    plural: tuple[bool, ...]  # each word as written: « flowers » is, « flower » and « honey » are not
    commas: frozenset[int]  # the runs a comma alone opens: « Honey, flower »


OPENERS = CONTENT_OPENERS | PURPOSE_OPENERS
JOINERS = re.compile(r"[\s\-'’]*")  # what may join a compound's words: « T-shirt », « People’s »


def product_parts(text: str) -> ProductWords:
    words: list[str] = []
    parts: list[int] = []
    openers: list[str | None] = [None]
    runs: list[int] = []
    plural: list[bool] = []
    commas: set[int] = set()
    run, end, previous = 0, 0, ""
    folded = text.casefold()
    for match in re.finditer(r"[^\W_]+", folded):
        token = match.group()
        if not JOINERS.fullmatch(folded, end, match.start()):
            run += 1
            if folded[end : match.start()].strip() == ",":
                commas.add(run)
        end = match.end()
        if token in OPENERS and not (token == "a" and fold(previous) in GRADES):  # « à » written « a », not « A »
            openers.append(token)
        previous = token
        if token in STOP_WORDS:
            run += 1
            continue
        for written in fold(token).split():
            words.append(singular(written))
            parts.append(len(openers) - 1)
            runs.append(run)
            plural.append(words[-1] != written)
    return ProductWords(tuple(words), tuple(parts), tuple(openers), tuple(runs), tuple(plural), frozenset(commas))


def product_words(text: str) -> list[str]:
    """The words that name a product, singular, without the stop words as written, accents kept: « thé » (tea) is
    not « the »."""
    return list(product_parts(text).words)
