"""A prefix sought as the one word a field has starting with it finds what tantivy's prefix automaton finds, with
the same scores."""

import tantivy

from app.search.tantivy_words import prefix_query
from tests.search.word_index import one_word_documents

WORDS = {"title": "recrutement recruteur cacao plantation", "body": "recrutement cacaoyer cacao plantations"}


def test_a_prefix_finds_what_the_prefix_automaton_finds_in_each_field() -> None:
    schema, searcher = one_word_documents(WORDS)

    def found(query: "tantivy.Query | None") -> set[tuple[int, float]]:
        return {(address.doc, score) for score, address in searcher.search(query, 100).hits} if query else set()

    # One word (in one field, several in the other), several, none; a prefix that is a whole word.
    for prefix in ("recrut", "recrutement", "cacao", "plant", "zz"):
        for field in WORDS:
            automaton = tantivy.Query.fuzzy_term_query(schema, field, prefix, 0, True, True)
            expected = found(tantivy.Query.boost_query(automaton, 1.5))
            assert found(prefix_query(searcher, schema, field, prefix, 1.5)) == expected, (prefix, field)
    assert len(found(prefix_query(searcher, schema, "title", "recrut", 1.5))) == 2  # not vacuous
