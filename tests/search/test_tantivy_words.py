"""A prefix sought as the one word a field has starting with it finds what tantivy's prefix automaton finds, with
the same scores; a clause's query is kept no longer than the index state it was built from; a rare synonym does
not outrank the words typed."""

from dataclasses import replace
from pathlib import Path

import tantivy

from app.search.base import SearchQuery
from app.search.tantivy_words import Sought, prefix_query
from app.taxonomy import load_taxonomies
from tests.search.conformance.corpus import corpus, ids
from tests.search.conformance.test_specialist import doc
from tests.search.test_answer_cache import ROOT, make
from tests.search.word_index import one_word_documents

WORDS = {"title": "recrutement recruteur cacao plantation", "body": "recrutement cacaoyer cacao plantations"}


def test_a_prefix_finds_what_the_prefix_automaton_finds_in_each_field() -> None:
    schema, searcher = one_word_documents(WORDS)

    def found(query: "tantivy.Query | Sought | None") -> set[tuple[int, float]]:
        query = query.query if isinstance(query, Sought) else query
        return {(address.doc, score) for score, address in searcher.search(query, 100).hits} if query else set()

    # One word (in one field, several in the other), several, none; a prefix that is a whole word.
    for prefix in ("recrut", "recrutement", "cacao", "plant", "zz"):
        for field in WORDS:
            automaton = tantivy.Query.fuzzy_term_query(schema, field, prefix, 0, True, True)
            expected = found(tantivy.Query.boost_query(automaton, 1.5))
            assert found(prefix_query(searcher, schema, field, prefix, 1.5)) == expected, (prefix, field)
    assert len(found(prefix_query(searcher, schema, "title", "recrut", 1.5))) == 2  # not vacuous


def test_a_clause_kept_for_an_index_state_is_built_again_after_a_change(tmp_path: Path) -> None:
    """A clause's query leaves out the fields lacking its words, and is kept per index state: a word no field held
    when first sought is found once an index change brings it (the answer cache off)."""
    taxonomies = load_taxonomies(ROOT / "content")
    documents = corpus(taxonomies)
    engine = make(tmp_path, taxonomies, size=0)
    engine.apply_settings()
    engine.rebuild(documents)
    for _ in range(2):  # built, then kept
        assert engine.search(SearchQuery(q="zanzibar")).total == 0
    clove = replace(documents[4], id="clove.fr", translation_key="clove", title="Le girofle de Zanzibar")
    engine.index([clove])
    assert ids(engine.search(SearchQuery(q="zanzibar"))) == ["clove.fr"]
    assert ids(engine.search(SearchQuery(q="zanzibra"))) == ["clove.fr"]  # its typo neighbours read again too


def test_a_rare_synonym_scores_as_if_it_were_as_common_as_the_words_typed(tmp_path: Path) -> None:
    """« travail obligatoire » is a synonym of « travail forcé » (the risk taxonomy's), and far rarer: with its
    own IDF, a text naming it once would outrank a text naming the words typed once, in the same place. Scored
    with the typed phrase's IDF (and a phrase synonym's weight), it comes after; found all the same."""
    taxonomies = load_taxonomies(ROOT / "content")
    engine = make(tmp_path, taxonomies, size=0)
    engine.apply_settings()
    common = [doc(taxonomies, f"note-{n}.fr", f"Note {n}", "Le travail forcé dans les champs.") for n in range(8)]
    typed = doc(taxonomies, "typed.fr", "Une filière", summary="Des cas de travail forcé sur les sites.")
    rare = doc(taxonomies, "rare.fr", "Une filière", summary="Des cas de travail obligatoire sur les sites.")
    engine.rebuild([*common, typed, rare])
    found = ids(engine.search(SearchQuery(q="travail forcé", per_page=20)))
    assert set(found) == {"typed.fr", "rare.fr", *(d.id for d in common)}
    assert found.index("typed.fr") < found.index("rare.fr")
    # Typed itself, the rare phrase keeps its own weight: the texts naming it first.
    assert ids(engine.search(SearchQuery(q="travail obligatoire", per_page=1))) == ["rare.fr"]
