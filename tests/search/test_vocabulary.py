"""A word's typo neighbours found once, sought in each field as a term set, find what tantivy's own automaton
finds there, with the same scores."""

import tantivy

from app.search.vocabulary import Vocabulary

# Near misses of « recrutement » and « plantation » by every kind of edit: deletions, insertions, substitutions
# (first letter included), transpositions, two of them, and three (out of reach); words only one field holds.
WORDS = {
    "title": "recrutement recrutemnet recrutment recruitment precrutement ecrutement rceurtement plantation",
    "body": "recrutement rceurtemnet recrtuemnet plantaiton plnatation plantations planter plantatoins xrecrutemen",
}
QUERIES = [("recrutement", 2), ("plantation", 2), ("plantatoin", 2), ("recruitmnet", 2), ("plantation", 1)]


def test_a_term_set_of_the_neighbours_finds_what_a_fuzzy_term_query_finds_in_each_field() -> None:
    builder = tantivy.SchemaBuilder()
    for field in WORDS:
        builder.add_text_field(field, tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(15_000_000, 1)
    for field, words in WORDS.items():
        for word in words.split():
            writer.add_document(tantivy.Document(**{field: word}))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    vocabulary = Vocabulary(" ".join(WORDS.values()).split())

    def found(query: "tantivy.Query") -> set[tuple[int, float]]:
        boosted = tantivy.Query.boost_query(query, 1.6)
        return {(address.doc, score) for score, address in searcher.search(boosted, 100).hits}

    for word, budget in QUERIES:
        near = vocabulary.near(word, budget)
        for field in WORDS:
            fuzzy = tantivy.Query.fuzzy_term_query(schema, field, word, budget, True, False)
            assert found(tantivy.Query.term_set_query(schema, field, near)) == found(fuzzy), (word, budget, field)
    # Not vacuous: two transpositions, or an insertion and a deletion, are within reach; three edits
    # (« rceurtemnet ») are not.
    assert vocabulary.near("recrutement", 2) == [
        "ecrutement",
        "precrutement",
        "rceurtement",
        "recrtuemnet",
        "recruitment",
        "recrutement",
        "recrutemnet",
        "recrutment",
        "xrecrutemen",
    ]
    assert vocabulary.near("plantation", 1) == ["plantaiton", "plantation", "plantations", "plnatation"]
