"""A question asked as one, on the real corpus (the embedded engine): « travail forcé que faire », « comment
signaler traite », « how to report child labour » listed risk sheets and ILO conventions first, their question words
being stop words and the words left those of every risk sheet. The search page and /v1/search now list the
methodologies, tools, training and good practices first, those whose title says the question's phrase (« que
faire », « what to do », « how to report ») first among them; other words keep the engine's order."""

from collections.abc import Sequence
from dataclasses import replace

import pytest

from app.filters import FilterField
from app.search.base import SearchQuery
from app.services import guides_first
from app.services import search as search_service
from app.services.site import search_page
from app.services.site.published import published_index
from app.taxonomy import TaxonomyName
from tests.helpers import IndexedContent

HOW_TO_LABELS = {"Méthodologie", "Outil", "Module de formation", "Bonne pratique"}
HOW_TO_LABELS_EN = {"Methodology", "Tool", "Training module", "Good practice"}


def page(corpus: IndexedContent, q: str, language: str) -> search_page.SearchView:
    with corpus.session_factory() as session:
        index = published_index(session)
    state = search_page.SearchState(q=q)
    return search_page.build_view(corpus.engine, corpus.taxonomies, lambda: index, state, language)


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("travail forcé que faire", "fr"),
        ("que faire travail des enfants", "fr"),
        ("comment signaler traite", "fr"),
        ("que faire traite des êtres humains", "fr"),
        ("what to do forced labour", "en"),
        ("how to report child labour", "en"),
    ],
)
def test_a_question_of_what_to_do_lists_how_to_resources_first(
    indexed_corpus: IndexedContent, q: str, language: str
) -> None:
    view = page(indexed_corpus, q, language)
    labels = HOW_TO_LABELS if language == "fr" else HOW_TO_LABELS_EN
    first = [hit.type_label for hit in view.hits[:6]]
    assert set(first) <= labels, first
    assert view.total > 100 and not view.left_out


@pytest.mark.parametrize(
    ("q", "language"), [("comment signaler traite", "fr"), ("que faire traite des êtres humains", "fr")]
)
def test_the_witness_s_guide_comes_among_the_first(indexed_corpus: IndexedContent, q: str, language: str) -> None:
    urls = [hit.url for hit in page(indexed_corpus, q, language).hits[:3]]
    with indexed_corpus.session_factory() as session:
        guide = published_index(session).by_key["method-suspected-trafficking-france"][language]
    assert any(url.endswith(f"/{guide.slug}") for url in urls), urls


def _keys(result_hits: Sequence[object]) -> list[str]:
    return [hit.document.translation_key for hit in result_hits]  # type: ignore[attr-defined]


@pytest.mark.parametrize("q", ["travail forcé", "how many children work", "ILO report forced labour", "cacao"])
def test_other_words_keep_the_engine_s_order(indexed_corpus: IndexedContent, q: str) -> None:
    query = SearchQuery(q=q, filters={FilterField.lang: ("fr",)}, per_page=10)
    engine = indexed_corpus.engine
    assert _keys(guides_first.search(engine, query).hits) == _keys(engine.search(query).hits)


def test_a_question_whose_words_no_guide_holds_keeps_the_engine_s_order(indexed_corpus: IndexedContent) -> None:
    """A guide without the country or the product typed does not come before their sheets."""
    query = SearchQuery(q="que faire travail forcé Bangladesh cuir", filters={FilterField.lang: ("fr",)})
    engine = indexed_corpus.engine
    result = guides_first.search(engine, query)
    assert _keys(result.hits) == _keys(engine.search(query).hits)
    assert {"country-bd", "commodity-leather"} <= set(_keys(result.hits))


def test_a_question_s_pages_list_every_resource_once_how_to_first(indexed_corpus: IndexedContent) -> None:
    engine, types = indexed_corpus.engine, indexed_corpus.taxonomies[TaxonomyName.types]
    query = SearchQuery(q="comment signaler traite", filters={FilterField.lang: ("fr",)}, per_page=7)
    listed = []
    for number in range(1, 30):
        hits = guides_first.search(engine, replace(query, page=number)).hits
        listed += [hit.document for hit in hits]
        if not hits:
            break
    total = engine.search(query).total
    assert len({document.id for document in listed}) == len(listed) == total
    how_to = [document.type in guides_first.HOW_TO for document in listed]
    assert how_to == sorted(how_to, reverse=True) and any(how_to) and not all(how_to)
    assert set(types) >= {document.type for document in listed}


def _guide_slug(corpus: IndexedContent, language: str) -> str:
    with corpus.session_factory() as session:
        return published_index(session).by_key["method-suspected-trafficking-france"][language].slug


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("travail forcé que faire", "fr"),
        ("que faire en cas de travail forcé", "fr"),
        ("que faire traite des êtres humains", "fr"),
        ("comment signaler traite", "fr"),
        ("what to do forced labour", "en"),
        ("what to do about forced labour", "en"),
        ("how to report child labour", "en"),
    ],
)
def test_the_guide_titled_with_the_question_s_phrase_comes_first_on_the_page_and_through_the_api(
    indexed_corpus: IndexedContent, q: str, language: str
) -> None:
    """The witness's guide (« … : que faire, qui contacter, comment signaler ») came 14th for « travail forcé que
    faire », 23rd for « que faire en cas de travail forcé » and « what to do forced labour »: « que » and « faire »
    are stop words, its title's phrase counted for nothing."""
    slug = _guide_slug(indexed_corpus, language)
    view = page(indexed_corpus, q, language)
    assert view.hits[0].url.endswith(f"/{slug}"), [hit.url for hit in view.hits[:3]]
    shown = len(view.hits)  # the page's page size
    query = SearchQuery(q=q, filters={FilterField.lang: (language,)}, per_page=shown, prefer_language=language)
    answer = search_service.search(indexed_corpus.engine, query, "http://testserver", max_result_window=1000)
    assert [hit["slug"] for hit in answer["hits"]] == [hit.url.rsplit("/", 1)[1] for hit in view.hits]


def test_a_phrase_no_title_says_keeps_the_how_to_order(indexed_corpus: IndexedContent) -> None:
    """« comment agir » is in the table; no how-to title of the corpus says it: the how-to part keeps the engine's
    order, as without the phrase (« comment » asks alone)."""
    engine = indexed_corpus.engine
    asked = SearchQuery(q="comment agir travail forcé", filters={FilterField.lang: ("fr",)})
    plain = replace(asked, q="comment travail forcé agir")
    assert guides_first.asked_phrases(asked.q) and not guides_first.asked_phrases(plain.q)
    assert _keys(guides_first.search(engine, asked).hits) == _keys(guides_first.search(engine, plain).hits)


@pytest.mark.parametrize("read", [guides_first.TITLES_READ, 10])  # 10: the how-to hits read a page at a time
def test_a_phrase_s_pages_list_every_resource_once_titled_first(
    indexed_corpus: IndexedContent, read: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guides_first, "TITLES_READ", read)
    engine = indexed_corpus.engine
    query = SearchQuery(q="travail forcé que faire", filters={FilterField.lang: ("fr",)}, per_page=9)
    listed = []
    for number in range(1, 80):
        hits = guides_first.search(engine, replace(query, page=number)).hits
        listed += [hit.document for hit in hits]
        if not hits:
            break
    assert len({document.id for document in listed}) == len(listed) == engine.search(query).total
    assert listed[0].translation_key == "method-suspected-trafficking-france"
    how_to = [document.type in guides_first.HOW_TO for document in listed]
    assert how_to == sorted(how_to, reverse=True) and any(how_to) and not all(how_to)
