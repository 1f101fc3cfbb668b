"""A query's clauses, kept for the next searches of the same words (embedded engine), answer as when made
afresh."""

from dataclasses import replace
from pathlib import Path

from app.filters import FilterField
from app.search.base import SearchQuery, SearchResult, SortOrder
from app.search.tantivy_engine import TantivyEngine
from tests.search.test_answer_cache import make, setup

# The same words on other pages, under filters, sorted, with facets, for a reader's language; words typed further
# (« brique » then « briqueteries »); words nothing holds together (« cild labor Ghana »: answered with fewer);
# a typo corrected (« enfnats »).
QUERIES = [
    SearchQuery(q="cacao", per_page=2),
    SearchQuery(q="cacao", per_page=2, page=2),
    SearchQuery(q="cacao", filters={FilterField.lang: ("fr",)}, facets=(FilterField.country,)),
    SearchQuery(q="cacao", sort=SortOrder.published_desc, prefer_language="en"),
    SearchQuery(q="travail des enfants", per_page=3),
    SearchQuery(q="travail des enfants", per_page=3, page=2, facets=(FilterField.risk, FilterField.type)),
    SearchQuery(q="brique"),
    SearchQuery(q="briqueteries"),
    SearchQuery(q="cild labor Ghana"),
    SearchQuery(q="cild labor Ghana", per_page=1, page=2),
    SearchQuery(q="enfnats"),
]


def answer(engine: TantivyEngine, query: SearchQuery) -> SearchResult:
    return replace(engine.search(query), processing_time_ms=0)


def test_kept_analyses_answer_as_fresh_ones(tmp_path: Path) -> None:
    engine, _, taxonomies = setup(tmp_path)
    engine = make(tmp_path, taxonomies, size=0)  # every answer computed: no answer cache
    kept = [answer(engine, query) for query in QUERIES * 2]
    assert kept[8].left_out and all(result.hits for result in kept)
    first_pages = [result for query, result in zip(QUERIES, kept[: len(QUERIES)], strict=True) if query.page == 1]
    assert all("<mark>" in "".join(result.hits[0].highlights.values()) for result in first_pages)
    assert engine._analyze.cache_info().hits >= len(QUERIES)  # type: ignore[attr-defined]
    for query, found in zip(QUERIES * 2, kept, strict=True):
        engine._analyze.cache_clear()  # type: ignore[attr-defined]
        assert answer(engine, query) == found, query
