"""Facet counts computed beside the page's search (Settings.facet_threads) or after it: the same answers."""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from app.filters import FilterField
from app.search.base import SearchQuery
from app.search.tantivy_facets import PendingFacets
from tests.search.test_answer_cache import make, setup

FACETS = (FilterField.lang, FilterField.type, FilterField.country, FilterField.sector)


def test_facets_beside_the_page_are_those_after_it(tmp_path: Path) -> None:
    after, _, taxonomies = setup(tmp_path)
    beside = make(tmp_path, taxonomies, size=0, facet_threads=1)  # the same index
    queries = [
        SearchQuery(q="cacao", facets=FACETS, filters={FilterField.lang: ("fr",)}),
        SearchQuery(facets=FACETS, filters={FilterField.country: ("CI", "PK"), FilterField.type: ("risk_sheet",)}),
        # No document has every word: the page's search drops "zzzqqq", and the facets are counted again without it.
        SearchQuery(q="cacao zzzqqq", facets=FACETS, filters={FilterField.sector: ("cocoa",)}),
    ]
    for query in queries:
        expected = after.search(query)
        assert expected.facets[FilterField.lang]
        assert replace(beside.search(query), processing_time_ms=0) == replace(expected, processing_time_ms=0)


def test_counts_still_queued_are_computed_by_the_caller() -> None:
    pool = ThreadPoolExecutor(1)
    release = threading.Event()
    pool.submit(release.wait)  # the pool's one thread busy with another search's counts
    callers: list[str] = []
    pending = PendingFacets(lambda: callers.append(threading.current_thread().name) or {}, pool)
    assert pending.result() == {}
    assert callers == [threading.current_thread().name]
    release.set()
    pool.shutdown()
