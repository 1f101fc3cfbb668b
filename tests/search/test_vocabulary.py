"""The typo expansion done once for all fields finds, field by field, the words tantivy's own automaton finds."""

import tantivy

from app.search.vocabulary import Vocabulary

# Near misses of « recrutement » and « plantation » by every kind of edit: deletions, insertions, substitutions
# (first letter included), transpositions, two of them, and three (out of reach); words only one field holds.
WORDS = {
    "title": "recrutement recrutemnet recrutment recruitment precrutement ecrutement rceurtement plantation",
    "body": "recrutement rceurtemnet recrtuemnet plantaiton plnatation plantations planter plantatoins xrecrutemen",
}
QUERIES = [("recrutement", 2), ("plantation", 2), ("plantatoin", 2), ("recruitmnet", 2), ("plantation", 1)]


def _fuzzy_matches(
    searcher: "tantivy.Searcher", schema: "tantivy.Schema", field: str, word: str, budget: int
) -> set[str]:
    query = tantivy.Query.fuzzy_term_query(schema, field, word, budget, True, False)
    return {searcher.doc(address)["word"][0] for _, address in searcher.search(query, 100).hits}


def test_near_finds_what_a_fuzzy_term_query_finds_in_each_field() -> None:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("word", stored=True, tokenizer_name="raw")
    for field in WORDS:
        builder.add_text_field(field, tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(15_000_000, 1)
    for field, words in WORDS.items():
        for word in words.split():
            writer.add_document(tantivy.Document(word=word, **{field: word}))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    vocabulary = Vocabulary({field: words.split() for field, words in WORDS.items()})

    for word, budget in QUERIES:
        near = vocabulary.near(word, budget)
        for field in WORDS:
            expected = _fuzzy_matches(searcher, schema, field, word, budget)
            assert set(near[field]) == expected, (word, budget, field)
    # Not vacuous: two transpositions, or an insertion and a deletion, are within reach; three edits are not.
    assert vocabulary.near("recrutement", 2)["body"] == ["recrtuemnet", "recrutement", "xrecrutemen"]
    assert vocabulary.near("plantation", 1)["body"] == ["plantaiton", "plantations", "plnatation"]
