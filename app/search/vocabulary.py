"""The words of an index's text fields, to expand a word with two typos once for all of them.

tantivy's ``FuzzyTermQuery`` runs a Levenshtein automaton over one field's whole term dictionary: at 100k
documents ~0.5 ms per field for a word of 9 letters or more (two typos allowed), for each of the four text fields,
twice for a query with facets (distance 1 costs ~0.1 ms: left to tantivy). Here the words within reach are found
once, among all the fields' words of a length within reach; the engine asks each field for them as a term set,
which matches and scores (a constant, the boost) as the FuzzyTermQuery would: a field finds those of the words it
holds. The distance is rapidfuzz's OSA (optimal string alignment: a transposition of two adjacent letters is one
edit), the distance of tantivy's automaton with ``transposition_cost_one``, so the same words match
(``tests/search/test_vocabulary.py`` checks it against tantivy).
"""

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    def __init__(self, words: Iterable[str]) -> None:
        by_length: dict[int, list[str]] = {}
        for word in set(words):
            by_length.setdefault(len(word), []).append(word)
        self._by_length = by_length

    def near(self, word: str, budget: int) -> list[str]:
        """The words within ``budget`` edits of ``word`` (``word`` itself if known), sorted."""
        found: list[str] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            candidates = self._by_length.get(length, ())
            matches = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=budget, limit=None)
            found += (match for match, _, _ in matches)
        return sorted(found)
