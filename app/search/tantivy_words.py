"""The tantivy query of a query's clause: its words (and their synonyms) in every text field, plain and stemmed,
their typo neighbours, the words the last one begins.

tantivy's own queries for typo neighbours and prefixes (FuzzyTermQuery, a prefix automaton) walk the field's term
dictionary and gather the documents in a bitset. Sought as terms, a field's few matching words are the same
documents and scores for a fraction of the cost.
"""

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from threading import Lock

import tantivy

from app.search.tantivy_schema import STEMMED_FIELDS, STEMMERS, TEXT_FIELDS
from app.search.text import Clause, typo_budget
from app.search.vocabulary import Vocabulary

SHEET_WEIGHT = 8.0  # a term named alone (country, commodity, sector, region) brings its risk sheet first
STEM_WEIGHT = 0.8  # a stem match counts a little less than the exact word (which also matches its stem)
# A phrase's synonym counts a little less than the phrase typed (« human trafficking »: the texts naming it before those
# saying « traite des êtres humains »); a word's synonyms, most often its translation (« cacao », « cocoa »), count
# alike.
PHRASE_SYNONYM_WEIGHT = 0.8
FUZZY_WEIGHT = 0.4
PREFIX_WEIGHT = 0.6
PREFIX_FIELDS = ("title", "keywords", "summary")
# A phrase's words found apart (:attr:`Clause.apart`) count half as much as where they make the phrase, which also
# matches them apart: documents holding the phrase come first.
APART_WEIGHT = 0.5
CLAUSE_CACHE_SIZE = 2048  # clauses of one index state, a few kB each


@dataclass(frozen=True)
class Sought:
    """A part of a clause's query, and the (field, word) terms whose documents it matches (None: other than
    terms', a phrase's or a prefix automaton's)."""

    query: "tantivy.Query"
    terms: tuple[tuple[str, str], ...] | None


@dataclass(frozen=True)
class ClauseQuery:
    """A clause's query, to rank its documents (every part weighted, in the order their scores add up), and the
    same documents to count, unscored (for the facets): each distinct term sought once. The ranking query
    seeks a word several times, in a field as typed and among its typo neighbours, or as the prefix typed in
    full (benchmark, 100k documents, one word and 5 facets: its aggregation ~8% less CPU so)."""

    scored: "tantivy.Query"
    matching: "tantivy.Query"


def near_query(
    searcher: "tantivy.Searcher",
    schema: "tantivy.Schema",
    field: str,
    near: Sequence[str],
    score: float,
    merge: bool,
) -> Sought | None:
    """Documents holding, in ``field``, one of the words ``near`` (app.search.vocabulary), all scored ``score``:
    what a FuzzyTermQuery finds; None when the field holds none of them.

    The words the field holds are sought as their terms, under a constant score: the same documents and scores for
    a tenth of the cost (the automaton walks the field's term dictionary and gathers the documents in a bitset).
    Several are merged only when ``merge`` says the clauses' order does not matter; otherwise they stay a term
    set, a bitset like the automaton's: tantivy drives an intersection of clauses by their estimated costs and adds
    the clauses' scores in that order. A bitset's cost is its number of documents, a union's the sum of its terms'
    (more when they share documents): with three clauses, a different order could change a score's last bit; two
    scores add up alike in either order. A single term's cost is its document frequency, the bitset's size."""
    words = tuple((field, w) for w in near if searcher.doc_freq(field, w))
    if len(words) > 1 and not merge:
        return Sought(tantivy.Query.boost_query(tantivy.Query.term_set_query(schema, field, list(near)), score), words)
    if words:
        held = [tantivy.Query.term_query(schema, field, w) for _, w in words]
        matching = held[0] if len(held) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in held])
        return Sought(tantivy.Query.const_score_query(matching, score), words)
    return None


def prefix_query(
    searcher: "tantivy.Searcher", schema: "tantivy.Schema", field: str, prefix: str, score: float
) -> Sought | None:
    """Documents holding, in ``field``, a word starting with ``prefix``, all scored ``score``; None when the field
    has no such word. A lone such word (often the word itself, typed in full) is sought as its term under a
    constant score, like a lone near word (:func:`near_query`): the same documents, score and cost estimate,
    where the prefix automaton walks the term dictionary and gathers a bitset."""
    starting = searcher.terms_with_prefix(field, prefix, limit=2)
    if len(starting) > 1:
        query = tantivy.Query.fuzzy_term_query(schema, field, prefix, 0, True, True)
        return Sought(tantivy.Query.boost_query(query, score), None)
    if starting:
        word = starting[0][0]
        return Sought(
            tantivy.Query.const_score_query(tantivy.Query.term_query(schema, field, word), score), ((field, word),)
        )
    return None


class ClauseQueries:
    """The tantivy query of each clause, built once per index state (the ``stamp`` of ``TantivyEngine._stamp``) and
    kept for the next searches of the same words in that state, least recently used first to go: building one
    (its synonyms' terms in ten fields, their stems, the typo neighbours found in the index's words, a few dozen
    document frequencies) costs 0.1-0.4 ms of Python, a tenth of a search. A query depends only on the clause,
    ``merge`` (:func:`near_query`) and the index's words and document frequencies, which the stamp fixes."""

    def __init__(self, schema: "tantivy.Schema", stem: Callable[[str, str], str], size: int = CLAUSE_CACHE_SIZE):
        self._schema = schema
        self._stem = stem  # (language, word) -> its stem
        self._size = size
        self._lock = Lock()
        self._stamp: Hashable = None
        self._queries: OrderedDict[tuple[Clause, bool], ClauseQuery] = OrderedDict()
        self._vocabulary: tuple[Hashable, Vocabulary] | None = None  # of the index state it was read at

    def query(self, searcher: "tantivy.Searcher", stamp: Hashable, clause: Clause, merge: bool) -> ClauseQuery:
        key = (clause, merge)
        with self._lock:
            if stamp != self._stamp:
                self._queries.clear()
                self._stamp = stamp
            found = self._queries.get(key)
            if found is not None:
                self._queries.move_to_end(key)
                return found
        apart = [self.query(searcher, stamp, word, merge) for word in clause.apart]
        built = self._built(list(self._sought(clause, searcher, stamp, merge)), apart)
        with self._lock:
            if stamp == self._stamp:  # else the index changed meanwhile: the next search builds it again
                self._queries[key] = built
                while len(self._queries) > self._size:
                    self._queries.popitem(last=False)
        return built

    def _built(self, parts: list[Sought], apart: list[ClauseQuery]) -> ClauseQuery:
        terms = dict.fromkeys(term for part in parts if part.terms is not None for term in part.terms)
        matching = [tantivy.Query.term_query(self._schema, field, word) for field, word in terms]
        matching += [part.query for part in parts if part.terms is None]
        scored = [part.query for part in parts]
        if apart:
            every = tantivy.Query.boolean_query([(tantivy.Occur.Must, word.scored) for word in apart])
            scored.append(tantivy.Query.boost_query(every, APART_WEIGHT))
            matching.append(tantivy.Query.boolean_query([(tantivy.Occur.Must, word.matching) for word in apart]))
        return ClauseQuery(
            tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in scored]),
            tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in matching]),
        )

    def _vocabulary_of(self, searcher: "tantivy.Searcher", stamp: Hashable) -> Vocabulary:
        """The text fields' words at the index state ``stamp``, read when first needed in that state (at 100k
        documents: 21k words, ~40 ms, 1.5 MB)."""
        known = self._vocabulary
        if known is None or known[0] != stamp:
            words = (term for field in TEXT_FIELDS for term, _ in searcher.terms_with_prefix(field, ""))
            known = self._vocabulary = (stamp, Vocabulary(words))
        return known[1]

    def _weights(
        self, searcher: "tantivy.Searcher", field: str, alternatives: Sequence[tuple[str, ...]]
    ) -> list[float]:
        """Each alternative's weight in ``field``. The words typed are the first alternative the field holds every
        word of (as typed; else as corrected, or the first synonym held): 1. A phrase's synonym counts a little
        less (:data:`PHRASE_SYNONYM_WEIGHT`), a word's alike, and a synonym rarer in the field than the words typed
        scores as if it were as common, its BM25 weight scaled to their IDF: naming a rare equivalent must not
        outrank naming the words themselves. « travail forcé » has « servitude pour dettes » among its synonyms
        (the risk taxonomy's): with its own IDF, five times the typed phrase's, one mention in a summary put a
        text on living wages before every text about forced labour. Lucene's SynonymQuery scores synonyms alike
        (one pseudo-term, with the most frequent one's document frequency). A synonym more common than the words
        typed keeps its own, lower, IDF."""
        weights = [1.0] * len(alternatives)
        held = [(rank, idf) for rank, idf in enumerate(self._idf(searcher, field, w) for w in alternatives) if idf]
        for rank, idf in held[1:]:
            synonym = PHRASE_SYNONYM_WEIGHT if len(alternatives[rank]) > 1 else 1.0
            weights[rank] = synonym * min(1.0, held[0][1] / idf)
        return weights

    @staticmethod
    def _holds(searcher: "tantivy.Searcher", words: Sequence[str]) -> bool:
        """Whether the index holds every one of ``words`` in some text field."""
        return all(any(searcher.doc_freq(field, word) for field in TEXT_FIELDS) for word in words)

    @staticmethod
    def _idf(searcher: "tantivy.Searcher", field: str, words: Sequence[str]) -> float | None:
        """tantivy's BM25 IDF of ``words`` in ``field`` (a phrase's: the sum of its words'); None when the field
        lacks one of them."""
        documents = searcher.num_docs  # tantivy counts deleted documents too: hence the max below
        idf = 0.0
        for word in words:
            held = searcher.doc_freq(field, word)
            if not held:
                return None
            idf += math.log(1 + (max(documents - held, 0) + 0.5) / (held + 0.5))
        return idf

    def _term(self, searcher: "tantivy.Searcher", field: str, word: str, weight: float) -> Sought | None:
        """``word`` sought in ``field``, its BM25 score weighted; None when the field lacks it. Such a query would
        match nothing and add to no score (tantivy drops its empty scorer before adding up the others), but
        tantivy would still look the word up in each segment, to weigh it, then to match it: a word most often
        lacks a third to a half of the ten fields (stems of the other language, synonyms in one language). Its
        positions are not read: a term's score needs its frequencies only."""
        if not searcher.doc_freq(field, word):
            return None
        query = tantivy.Query.boost_query(tantivy.Query.term_query(self._schema, field, word, "freq"), weight)
        return Sought(query, ((field, word),))

    def _sought(self, clause: Clause, searcher: "tantivy.Searcher", stamp: Hashable, merge: bool) -> Iterator[Sought]:
        """The clause's queries, in the order their scores are added up."""
        boost = tantivy.Query.boost_query
        for attribute, code in clause.codes:
            term = (attribute, code)
            yield Sought(boost(tantivy.Query.term_query(self._schema, *term), TEXT_FIELDS["keywords"]), (term,))
            # Someone naming a country, a commodity or a sector wants its risk sheet first, then what else
            # concerns it.
            sheet = ("sheet", f"{attribute}:{code}")
            yield Sought(boost(tantivy.Query.term_query(self._schema, *sheet), SHEET_WEIGHT), (sheet,))
        if clause.code_only:
            return
        alternatives = clause.alternatives
        weights = {field: self._weights(searcher, field, alternatives) for field in TEXT_FIELDS}
        stems = {
            language: [tuple(self._stem(language, word) for word in words) for words in alternatives]
            for language in STEMMERS
        }
        stem_weights = {
            (field, language): self._weights(searcher, f"{field}_{language}", stems[language])
            for field in STEMMED_FIELDS
            for language in STEMMERS
        }
        if clause.corrected and self._holds(searcher, alternatives[0]):
            # « modele », « farms » are words of the index, corrected to « module », « forms » (words of the
            # synonyms): what was typed comes first, the correction counts as a typo neighbour.
            for weighted in (*weights.values(), *stem_weights.values()):
                weighted[1:] = [weight * FUZZY_WEIGHT for weight in weighted[1:]]
        for rank, alternative in enumerate(alternatives):
            if len(alternative) > 1:
                # Phrase queries are the costly ones, and most in the keywords field, where every document tagged
                # with a term holds its labels. A clause naming a taxonomy term matches the term's code instead:
                # one posting list.
                fields = [f for f in TEXT_FIELDS if f != "keywords" or not clause.codes]
                for field in fields:
                    # A phrase with a word its field lacks matches nothing (as a lacking word, :meth:`_term`;
                    # benchmark corpus: 12-24 of the 21-30 phrases of a query naming a synonym-rich taxonomy term).
                    if all(searcher.doc_freq(field, word) for word in alternative):
                        phrase = tantivy.Query.phrase_query(self._schema, field, list(alternative))
                        weight = TEXT_FIELDS[field] * weights[field][rank]
                        yield Sought(boost(phrase, weight), None)
                continue
            (word,) = alternative
            for field, weight in TEXT_FIELDS.items():
                found = self._term(searcher, field, word, weight * weights[field][rank])
                if found is not None:
                    yield found
            for language in STEMMERS:
                (stem,) = stems[language][rank]
                for field in STEMMED_FIELDS:
                    weight = TEXT_FIELDS[field] * STEM_WEIGHT * stem_weights[field, language][rank]
                    query = self._term(searcher, f"{field}_{language}", stem, weight)
                    if query is not None:
                        yield query
        word = clause.alternatives[0][0]
        budget = typo_budget(word)
        if len(clause.alternatives[0]) == 1 and budget:
            # Typos: the words within reach found once for every field (app.search.vocabulary), then sought in
            # each field that holds some.
            near = self._vocabulary_of(searcher, stamp).near(word, budget)
            for field, weight in TEXT_FIELDS.items():
                fuzzy = near_query(searcher, self._schema, field, near, weight * FUZZY_WEIGHT, merge)
                if fuzzy is not None:
                    yield fuzzy
        if clause.prefix and len(word) >= 2:
            for field in PREFIX_FIELDS:
                prefix = prefix_query(searcher, self._schema, field, word, TEXT_FIELDS[field] * PREFIX_WEIGHT)
                if prefix is not None:
                    yield prefix
