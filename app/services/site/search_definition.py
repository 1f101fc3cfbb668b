"""The glossary's definition of the term a search is about (``content/glossary.yaml``, :mod:`app.services.glossary`),
shown above the results on a search's first page: « servitude pour dettes », « debt bondage », « kafala Liban » or
« qu’est-ce que la kafala » typed, the term's name, its definition in the page's language and a link to its entry on
the glossary page, with the sources. A reader who types a word of the field is often asking what it means; the
results, ranked by their words, begin with the sheets that use it, not with what it is.

The words typed name a term when they hold one of its names, as a run of words, with at most
:data:`MAX_EXTRA_WORDS` other words (stop words, « qu’est-ce que la », not counted): « kafala Liban », not
« servitude pour dettes briques Pakistan Inde », which is about more than the term. A term's names are its name in
each language (and, for a name ending in an acronym in brackets, « … (SSRTE) », the name without it and the acronym
alone) and the phrases of each synonym group (``content/taxonomies/synonyms.yaml``, and the taxonomies' labels with
their synonyms) that holds one of them and no other term's: « bonded labour » is « Servitude pour dettes »;
« whistleblowing », in the group of both « Mécanisme de réclamation » and « Mécanisme d’alerte », names neither, nor
« servitude », which the risk « Esclavage moderne » lists with « esclavage » (a term of its own). Words are compared
folded, in either number, without their stop words and with the British spelling of an American word (« forced
labor »). Where the words hold several names, the longest is the term (« travail forcé imposé par l’État »)."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.paths import page_path
from app.search.spellings import spelling_groups
from app.search.text import STOP_WORDS, number_key, tokenize
from app.services.glossary import GlossaryTerm, anchor
from app.services.typography import typeset
from app.taxonomy import Taxonomies

MAX_EXTRA_WORDS = 2  # words typed beside the term's: « définition », a country, a product
_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()\s]+)\)$")  # « … des enfants (SSRTE) »

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Definition:
    term: str  # its name in the page's language
    definition: str
    url: str  # its entry on the glossary page, with its sources


class _Matcher:
    """A term's index in the glossary by the key (:func:`_key`) of each of its names."""

    def __init__(self, terms: Sequence[GlossaryTerm], groups: Iterable[Sequence[str]]) -> None:
        self.spellings = {
            number_key(word): number_key(british) for british, *others in spelling_groups() for word in others
        }
        names: dict[Key, set[int]] = {}
        for index, term in enumerate(terms):
            for text in (term.fr, term.en):
                for name in _names(text.term):
                    if key := self.key(name):
                        names.setdefault(key, set()).add(index)
        synonyms: dict[Key, set[int]] = {}
        for group in groups:
            keys = {key for phrase in group if (key := self.key(phrase))}
            named = {index for key in keys for index in names.get(key, ())}
            if len(named) == 1:  # the group says one term's name, and no other's
                for key in keys:
                    synonyms.setdefault(key, set()).update(named)
        self.terms: dict[Key, int] = {}
        for table in (synonyms, names):  # a term's own name before another's synonym
            self.terms.update((key, next(iter(found))) for key, found in table.items() if len(found) == 1)
        self.longest = max(map(len, self.terms), default=0)

    def key(self, text: str) -> Key:
        """``text``'s words but its stop words, folded, each in the singular (:func:`number_key`) and British."""
        keys = (number_key(word) for word in tokenize(text) if word not in STOP_WORDS)
        return tuple(self.spellings.get(word, word) for word in keys)

    def find(self, q: str) -> int | None:
        """The index of the term ``q`` names, with at most :data:`MAX_EXTRA_WORDS` other words."""
        words = self.key(q)
        for length in range(min(self.longest, len(words)), max(len(words) - MAX_EXTRA_WORDS, 1) - 1, -1):
            for start in range(len(words) - length + 1):
                if (found := self.terms.get(words[start : start + length])) is not None:
                    return found
        return None


def _names(term: str) -> list[str]:
    """A term's name and, when it ends with an acronym in brackets, the name without it and the acronym."""
    acronym = _ACRONYM.match(term)
    return [term, acronym["name"], acronym["acronym"]] if acronym else [term]


_MATCHERS: dict[tuple[int, int], tuple[Sequence[GlossaryTerm], Taxonomies, _Matcher]] = {}
MATCHERS_KEPT = 4  # distinct (glossary, taxonomies) a process keeps: the file read again, tests' own


def _matcher(terms: Sequence[GlossaryTerm], taxonomies: Taxonomies) -> _Matcher:
    """Built once per glossary (read again when its file changes) and taxonomies."""
    cached = _MATCHERS.get((id(terms), id(taxonomies)))
    if cached is None or cached[0] is not terms or cached[1] is not taxonomies:
        if len(_MATCHERS) >= MATCHERS_KEPT:
            _MATCHERS.clear()
        cached = _MATCHERS[id(terms), id(taxonomies)] = (
            terms,
            taxonomies,
            _Matcher(terms, taxonomies.synonym_groups()),
        )
    return cached[2]


def search_definition(
    q: str, terms: Sequence[GlossaryTerm], taxonomies: Taxonomies, language: str
) -> Definition | None:
    """The definition of the glossary term ``q`` is about, in ``language``; None when it names none, or more."""
    if not q or not terms:
        return None
    found = _matcher(terms, taxonomies).find(q)
    if found is None:
        return None
    text = terms[found].text(language)
    return Definition(
        typeset(text.term, language),
        typeset(text.definition, language),
        f"{page_path('glossary', language)}#{anchor(text.term)}",
    )
