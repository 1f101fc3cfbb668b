"""A word's typo neighbours found once, sought in each field as the engine does, find what tantivy's own automaton
finds there, with the same scores."""

import random

import tantivy
from rapidfuzz.distance import OSA

from app.search.tantivy_words import Sought, near_query
from app.search.vocabulary import Vocabulary
from tests.search.word_index import one_word_documents

# Near misses of « recrutement » and « plantation » by every kind of edit: deletions, insertions, substitutions
# (first letter included), transpositions, two of them, and three (out of reach); words only one field holds.
WORDS = {
    "title": "recrutement recrutemnet recrutment recruitment precrutement ecrutement rceurtement plantation",
    "body": "recrutement rceurtemnet recrtuemnet plantaiton plnatation plantations planter plantatoins xrecrutemen",
}
QUERIES = [("recrutement", 2), ("plantation", 2), ("plantatoin", 2), ("recruitmnet", 2), ("plantation", 1)]
# One typo: the neighbours are sought among the words sharing the first or the last letter; edits at either end.
QUERIES += [(word, 1) for word in ("lantation", "xplantation", "lpantation", "plantatiox", "recrutemen", "ecrutement")]


def test_a_term_set_of_the_neighbours_finds_what_a_fuzzy_term_query_finds_in_each_field() -> None:
    schema, searcher = one_word_documents(WORDS)
    vocabulary = Vocabulary(" ".join(WORDS.values()).split())

    def found(query: "tantivy.Query | Sought | None") -> set[tuple[int, float]]:
        query = query.query if isinstance(query, Sought) else query
        return {(address.doc, score) for score, address in searcher.search(query, 100).hits} if query else set()

    for word, budget in QUERIES:
        near = vocabulary.near(word, budget)
        for field in WORDS:
            fuzzy = tantivy.Query.fuzzy_term_query(schema, field, word, budget, True, False)
            expected = found(tantivy.Query.boost_query(fuzzy, 1.6))
            for merge in (False, True):
                query = near_query(searcher, schema, field, near, 1.6, merge)
                assert found(query) == expected, (word, budget, field, merge)
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
    # Edits at the first letters (a swap, an insertion before the word) are found among the words ending alike.
    assert vocabulary.near("lpantation", 1) == ["plantation"]
    assert vocabulary.near("recrutemen", 1) == ["recrutement", "xrecrutemen"]


def test_the_neighbours_are_those_a_comparison_with_every_word_finds() -> None:
    """The words compared are only those sharing the first letter, the last or (two typos) letters 3 to 5: none
    within reach is missed. Words of four letters, so that many are within reach, edited at either end."""
    rng = random.Random(15)
    words = {"".join(rng.choice("abcd") for _ in range(rng.randint(4, 13))) for _ in range(3000)}
    vocabulary = Vocabulary(words)
    for _ in range(300):
        word = "".join(rng.choice("abcd") for _ in range(rng.randint(3, 12)))
        for budget in (1, 2):
            expected = sorted(w for w in words if OSA.distance(word, w) <= budget)
            assert vocabulary.near(word, budget) == expected, (word, budget)
