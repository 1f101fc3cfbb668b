"""The reader's language: which version of a resource to rank first. A preference, never a filter.

In order: the language the site or the widget asks for (``prefer_lang``), else the best of ``Accept-Language``,
else the language of the query's own words — « coton » is French, « cotton » English, « Pakistan » either.
"""

from collections.abc import Iterable

from app.i18n import preferred_language
from app.languages import LANGUAGES
from app.search.text import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS, tokenize
from app.taxonomy import Taxonomies


class LanguageGuesser:
    """Guesses a query's language from words that belong to one language only: the taxonomy labels (French and
    English) and each language's stop words. A word both languages share says nothing."""

    def __init__(self, taxonomies: Taxonomies) -> None:
        french: set[str] = set(FRENCH_STOP_WORDS)
        english: set[str] = set(ENGLISH_STOP_WORDS)
        for vocabulary in taxonomies.vocabularies.values():
            for term in vocabulary.values():
                french.update(tokenize(term.fr))
                english.update(tokenize(term.en))
        self._only = {"fr": frozenset(french - english), "en": frozenset(english - french)}

    def guess(self, q: str) -> str | None:
        words = tokenize(q)
        votes = {language: sum(word in only for word in words) for language, only in self._only.items()}
        french, english = votes["fr"], votes["en"]
        if french == english:
            return None
        return "fr" if french > english else "en"


_guessers: dict[int, tuple[Taxonomies, LanguageGuesser]] = {}


def guesser(taxonomies: Taxonomies) -> LanguageGuesser:
    cached = _guessers.get(id(taxonomies))
    if cached is None or cached[0] is not taxonomies:
        cached = _guessers[id(taxonomies)] = (taxonomies, LanguageGuesser(taxonomies))
    return cached[1]


def reader_language(
    taxonomies: Taxonomies, *, asked: str | None, accept_language: str | None, q: str, filtered: Iterable[str] = ()
) -> str | None:
    """The language to rank first: asked for, else ``Accept-Language``, else the query's, else the one language
    the ``lang`` filter keeps (then it changes nothing but the labels)."""
    if asked in LANGUAGES:
        return asked
    language = preferred_language(accept_language) or guesser(taxonomies).guess(q)
    if language:
        return language
    kept = list(dict.fromkeys(filtered))
    return kept[0] if len(kept) == 1 else None
