"""Queries over the words of a field that a query word reaches: its typo neighbours, the words it begins.

tantivy's own queries for them (FuzzyTermQuery, a prefix automaton) walk the field's term dictionary and gather
the documents in a bitset. Sought as terms, a field's few matching words are the same documents and scores for a
fraction of the cost.
"""

from collections.abc import Sequence

import tantivy


def near_query(
    searcher: "tantivy.Searcher",
    schema: "tantivy.Schema",
    field: str,
    near: Sequence[str],
    score: float,
    merge: bool,
) -> "tantivy.Query | None":
    """Documents holding, in ``field``, one of the words ``near`` (app.search.vocabulary), all scored ``score``:
    what a FuzzyTermQuery finds; None when the field holds none of them.

    The words the field holds are sought as their terms, under a constant score: the same documents and scores for
    a tenth of the cost (the automaton walks the field's term dictionary and gathers the documents in a bitset).
    Several are merged only when ``merge`` says the clauses' order does not matter; otherwise they stay a term
    set, a bitset like the automaton's: tantivy drives an intersection of clauses by their estimated costs and adds
    the clauses' scores in that order. A bitset's cost is its number of documents, a union's the sum of its terms'
    (more when they share documents): with three clauses, a different order could change a score's last bit; two
    scores add up alike in either order. A single term's cost is its document frequency, the bitset's size."""
    held = [
        (tantivy.Occur.Should, tantivy.Query.term_query(schema, field, w)) for w in near if searcher.doc_freq(field, w)
    ]
    if len(held) > 1 and not merge:
        return tantivy.Query.boost_query(tantivy.Query.term_set_query(schema, field, list(near)), score)
    if held:
        matching = held[0][1] if len(held) == 1 else tantivy.Query.boolean_query(held)
        return tantivy.Query.const_score_query(matching, score)
    return None


def prefix_query(
    searcher: "tantivy.Searcher", schema: "tantivy.Schema", field: str, prefix: str, score: float
) -> "tantivy.Query | None":
    """Documents holding, in ``field``, a word starting with ``prefix``, all scored ``score``; None when the field
    has no such word. A lone such word (often the word itself, typed in full) is sought as its term under a
    constant score, like a lone near word (:func:`near_query`): the same documents, score and cost estimate,
    where the prefix automaton walks the term dictionary and gathers a bitset."""
    starting = searcher.terms_with_prefix(field, prefix, limit=2)
    if len(starting) > 1:
        query = tantivy.Query.fuzzy_term_query(schema, field, prefix, 0, True, True)
        return tantivy.Query.boost_query(query, score)
    if starting:
        return tantivy.Query.const_score_query(tantivy.Query.term_query(schema, field, starting[0][0]), score)
    return None
