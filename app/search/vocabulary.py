"""The words of an index's text fields, to expand a typo-tolerant word once for all of them.

tantivy's ``FuzzyTermQuery`` runs a Levenshtein automaton over one field's whole term dictionary, then gathers the
matching words' documents in a bitset: at 100k documents ~0.5 ms per field and word, for each of the four text
fields, twice for a query with facets. Here the words within reach are found once, among all the fields' words of
a length within reach; the engine asks each field for those it holds (``tantivy_words.near_query``: most often
one, sought as its term for a tenth of the cost), which match and score (a constant, the boost) as the
FuzzyTermQuery would. The distance is rapidfuzz's OSA (optimal string alignment: a transposition of two adjacent
letters is one edit), the distance of tantivy's automaton with ``transposition_cost_one``, so the same words match
(``tests/search/test_vocabulary.py`` checks it against tantivy).
"""

from collections.abc import Iterable
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    def __init__(self, words: Iterable[str]) -> None:
        by_length: dict[int, list[str]] = {}
        by_end: dict[tuple[int, str], list[str]] = {}
        for word in set(words):
            by_length.setdefault(len(word), []).append(word)
            if word:
                by_end.setdefault((len(word), word[0]), []).append(word)
                by_end.setdefault((-len(word), word[-1]), []).append(word)
        self._by_length = by_length
        self._by_end = by_end

    @cached_property
    def _by_middle(self) -> dict[tuple[int, int], dict[str, list[str]]]:
        """The words by length and place, then by their three letters from that place: the second, the third or
        the fourth (built the first time a word of two typos is sought)."""
        by_middle: dict[tuple[int, int], dict[str, list[str]]] = {}
        for length, words in self._by_length.items():
            for start in range(1, min(4, length - 2)):
                found = by_middle[(length, start)] = {}
                for word in words:
                    found.setdefault(word[start : start + 3], []).append(word)
        return by_middle

    def near(self, word: str, budget: int) -> list[str]:
        """The words within ``budget`` edits of ``word`` (``word`` itself if known), sorted."""
        found: set[str] = set()
        for length in range(len(word) - budget, len(word) + budget + 1):
            for candidates in self._candidates(word, budget, length):
                matches = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=budget, limit=None)
                found.update(match for match, _, _ in matches)
        return sorted(found)

    def _candidates(self, word: str, budget: int, length: int) -> list[list[str]]:
        """The words of ``length`` that may be within ``budget`` edits of ``word``, a fraction of those of that
        length (compared 3-10× faster). An edit (substituting, inserting, deleting a letter, swapping two) changes
        the first letter only if it is at the word's start, the last only at its end. So one edit of a word of
        three letters or more leaves its first or its last letter in place; two edits of a word of seven letters
        or more leave one of them, or (one edit at each end) its letters 3 to 5, moved by one place at most."""
        first = self._by_end.get((length, word[0]), []) if word else []
        last = self._by_end.get((-length, word[-1]), []) if word else []
        if budget == 1 and len(word) >= 3:
            return [first, last]
        if budget == 2 and len(word) >= 7:
            return [first, last] + [self._by_middle.get((length, start), {}).get(word[2:5], []) for start in (1, 2, 3)]
        return [self._by_length.get(length, [])]
