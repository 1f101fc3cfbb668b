"""The reader's language over the whole ranked list, and the fallback's words checked under the query's filters —
asserted on every engine. Each test indexes documents of its own into an empty engine."""

import pytest

from app.search.base import FilterField, SearchDocument, SearchEngine, SearchQuery, SearchResult, SortOrder
from app.taxonomy import Taxonomies
from tests.search.conformance.corpus import ids
from tests.search.conformance.test_specialist import doc

SANDS = 12  # documents in the corpus below


@pytest.fixture
def sands_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    """« zircon » in the title of two English versions whose French versions hold it in their body only, so that
    the French versions rank pages below; the other way round for a third resource; and six English-only
    reports alike, holding it in their summary, ranked between them (tied with each other)."""
    t = conformance_taxonomies
    reports = [
        doc(t, f"report-{n}.en", "Field report from the coast", "Traders met on the beach.", summary="Zircon traders.")
        for n in range(1, 7)
    ]
    documents: list[SearchDocument] = [
        doc(t, "sands-a.en", "Zircon sands: a note", "A short note on the beach."),
        doc(t, "sands-a.fr", "Sables minéraux : une note", "Une note sur le zircon des plages."),
        doc(t, "sands-b.en", "Zircon exports and debt", "Exports from the coast."),
        doc(t, "sands-b.fr", "Exportations et dettes", "Les exportations de zircon de la côte."),
        doc(t, "sands-c.fr", "Zircon : les mines de la côte", "Les mines artisanales."),
        doc(t, "sands-c.en", "Mines of the coast", "Artisanal mines of zircon."),
        *reports,
    ]
    fresh_engine.index(documents)
    return fresh_engine


def pages(engine: SearchEngine, per_page: int, **options: object) -> tuple[list[str], list[SearchResult]]:
    """Every page of « zircon » at ``per_page``, their hits' ids end to end, and the pages."""
    results = [
        engine.search(SearchQuery(q="zircon", page=page, per_page=per_page, **options))  # type: ignore[arg-type]
        for page in range(1, -(-SANDS // per_page) + 1)
    ]
    return [i for result in results for i in ids(result)], results


def swapped(ranked: list[str], language: str) -> list[str]:
    """``ranked`` with each resource's version in ``language`` swapped with its other version ranked before it."""
    shown = list(ranked)
    for at, version in enumerate(ranked):
        key, version_language = version.rsplit(".", 1)
        preferred = f"{key}.{language}"
        if version_language != language and preferred in ranked[at + 1 :]:
            there = ranked.index(preferred)
            shown[at], shown[there] = preferred, version
    return shown


# Every document has the same date: by date, the order is the engine's tie-break alone.
@pytest.mark.parametrize("sort", [SortOrder.relevance, SortOrder.published_desc])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_preferred_version_takes_its_best_ranked_versions_place_whatever_the_page(
    sands_engine: SearchEngine, language: str, sort: SortOrder
) -> None:
    ranked, plain = pages(sands_engine, SANDS, sort=sort, facets=(FilterField.lang,))
    assert len(ranked) == SANDS
    expected = swapped(ranked, language)
    for per_page in (3, 5, 12):
        shown, preferred = pages(
            sands_engine, per_page, sort=sort, facets=(FilterField.lang,), prefer_language=language
        )
        assert shown == expected, per_page  # nothing hidden, no other hit moved, the same list at any page size
        assert {result.total for result in preferred} == {SANDS}
        assert all(result.facets == plain[0].facets for result in preferred)


def test_a_french_version_ranked_pages_below_comes_up_to_the_first_page(sands_engine: SearchEngine) -> None:
    """The case of « orpaillage » for a French reader, 10 a page: English versions on the first page, the French
    ones pages below."""
    ranked, _ = pages(sands_engine, SANDS)
    first = ranked[:3]
    assert {"sands-a.en", "sands-b.en"} <= set(first) and not {"sands-a.fr", "sands-b.fr"} & set(first)
    shown, _ = pages(sands_engine, 3, prefer_language="fr")
    assert set(shown[:3]) == {"sands-a.fr", "sands-b.fr", "sands-c.fr"}
    assert shown.index("sands-a.fr") == ranked.index("sands-a.en")  # where its English version ranked
    assert shown.index("sands-a.en") == ranked.index("sands-a.fr")  # and that one where the French one did
    assert shown[3:-3] == ranked[3:-3]  # the reports did not move


def test_the_highlights_of_a_version_brought_from_another_page(sands_engine: SearchEngine) -> None:
    page = sands_engine.search(SearchQuery(q="zircon", per_page=3, prefer_language="fr"))
    brought = next(hit for hit in page.hits if hit.document.id == "sands-a.fr")
    assert "<mark>zircon</mark>" in brought.highlights["body"]


# -- the fallback's words, under the query's filters ------------------------------------------------------------
@pytest.fixture
def vigilance_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    t = conformance_taxonomies
    fresh_engine.index(
        [
            doc(t, "law-vigilance.fr", "La loi sur le devoir de vigilance", "Les sociétés mères publient un plan."),
            doc(t, "law-vigilance.en", "The French duty of vigilance law", "Parent companies publish a plan."),
            doc(t, "case-total.en", "A court judgment on a vigilance plan", "The judgment orders a new plan."),
        ]
    )
    return fresh_engine


@pytest.mark.parametrize("where", ["filters", "fixed_filters"])
def test_a_word_only_the_filtered_out_documents_hold_is_left_out(vigilance_engine: SearchEngine, where: str) -> None:
    """« judgment devoir de vigilance » in French: « judgment » is only in English texts, so it is left out, and the
    French law is found (it was « nothing found » when the words were checked without the filters)."""
    query = SearchQuery(q="judgment devoir de vigilance", **{where: {FilterField.lang: ("fr",)}})  # type: ignore[arg-type]
    result = vigilance_engine.search(query)
    assert ids(result) == ["law-vigilance.fr"]
    assert result.left_out == ("judgment",)
    unfiltered = vigilance_engine.search(SearchQuery(q="judgment devoir de vigilance"))
    assert unfiltered.left_out and "judgment" not in unfiltered.left_out  # an English text holds it
