"""Repeated searches are answered from a cache that no index change survives (embedded engine)."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from app.filters import FilterField
from app.search.answer_cache import query_key
from app.search.base import SearchDocument, SearchQuery
from app.search.factory import country_codes
from app.search.tantivy_engine import TantivyEngine
from app.taxonomy import Taxonomies, load_taxonomies
from tests.search.conformance.corpus import corpus

ROOT = Path(__file__).resolve().parents[2]


def make(
    directory: Path,
    taxonomies: Taxonomies,
    size: int = 64,
    concurrent_searches: int | None = None,
    facet_threads: int = 0,
) -> TantivyEngine:
    return TantivyEngine(
        index_dir=directory,
        synonym_groups=taxonomies.synonym_groups(),
        country_codes=country_codes(taxonomies),
        concepts=taxonomies.concepts(),
        answer_cache_size=size,
        concurrent_searches=concurrent_searches,
        facet_threads=facet_threads,
    )


def setup(tmp_path: Path) -> tuple[TantivyEngine, list[SearchDocument], Taxonomies]:
    taxonomies = load_taxonomies(ROOT / "content")
    documents = corpus(taxonomies)
    engine = make(tmp_path, taxonomies)
    engine.apply_settings()
    engine.rebuild(documents)
    return engine, documents, taxonomies


def test_a_repeated_search_is_answered_from_the_cache_unchanged(tmp_path: Path) -> None:
    engine, _, _ = setup(tmp_path)
    query = SearchQuery(q="cacao", facets=(FilterField.country,), prefer_language="fr")
    first = engine.search(query)
    again = engine.search(SearchQuery(q="cacao", facets=(FilterField.country,), prefer_language="fr"))
    assert engine._answers.hits == 1
    assert replace(again, processing_time_ms=0) == replace(first, processing_time_ms=0)


def test_every_index_change_invalidates(tmp_path: Path) -> None:
    engine, documents, _ = setup(tmp_path)
    before = engine.search(SearchQuery(q="cacao"))
    engine.index([replace(documents[4], id="new-cocoa.fr", translation_key="new-cocoa", title="Le cacao, encore")])
    after = engine.search(SearchQuery(q="cacao"))
    assert after.total == before.total + 1
    engine.delete(["new-cocoa.fr"])
    assert engine.search(SearchQuery(q="cacao")).total == before.total
    engine.rebuild(documents[:2])
    assert engine.search(SearchQuery(q="cacao")).total == 2


def test_a_change_made_by_another_process_invalidates(tmp_path: Path) -> None:
    """Another process (the outbox drain of another worker, `crv sync`) commits to the same index."""
    engine, documents, taxonomies = setup(tmp_path)
    before = engine.search(SearchQuery(q="cacao")).total
    other = make(tmp_path, taxonomies, size=0)
    other.index([replace(documents[4], id="new-cocoa.fr", translation_key="new-cocoa", title="Le cacao, encore")])
    assert engine.search(SearchQuery(q="cacao")).total == before + 1


OTHER_WORKER = """
import sys
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from tests.search.test_answer_cache import ROOT, make
from tests.search.conformance.corpus import corpus
from app.taxonomy import load_taxonomies
taxonomies = load_taxonomies(ROOT / "content")
document = corpus(taxonomies)[4]
make(Path(sys.argv[1]), taxonomies).index([replace(document, id="other.fr", translation_key="other", title="Le cacao")])
"""


def test_a_change_committed_by_another_worker_process_invalidates(tmp_path: Path) -> None:
    """Two API workers share the index directory and nothing else: a commit by one (its outbox drain) must empty
    the other's cache before its next answer."""
    engine, _, _ = setup(tmp_path)
    before = engine.search(SearchQuery(q="cacao")).total
    assert engine.search(SearchQuery(q="cacao")).total == before and engine._answers.hits == 1
    subprocess.run([sys.executable, "-c", OTHER_WORKER, str(tmp_path)], cwd=ROOT, check=True, timeout=120)
    assert engine.search(SearchQuery(q="cacao")).total == before + 1
    assert engine._answers.hits == 1  # computed again, not answered from the cache


def test_the_key_keeps_what_changes_the_answer() -> None:
    assert query_key(SearchQuery(q="IN")) != query_key(SearchQuery(q="in"))  # India, or a stop word
    assert query_key(SearchQuery(q="cacao")) != query_key(SearchQuery(q="cacao "))  # a prefix, or a finished word
    assert query_key(SearchQuery(q="cacao  ivoire")) == query_key(SearchQuery(q="cacao ivoire"))
    countries = {FilterField.country: ("CI", "GH")}
    assert query_key(SearchQuery(filters=countries)) == query_key(
        SearchQuery(filters={FilterField.country: ("GH", "CI")})
    )
    assert query_key(SearchQuery(filters={FilterField.lang: ()})) == query_key(SearchQuery())
    assert query_key(SearchQuery(fixed_filters={FilterField.lang: ()})) != query_key(SearchQuery())
    assert query_key(SearchQuery(prefer_language="fr")) != query_key(SearchQuery(prefer_language="en"))


def test_a_cache_of_size_zero_keeps_nothing(tmp_path: Path) -> None:
    taxonomies = load_taxonomies(ROOT / "content")
    engine = make(tmp_path, taxonomies, size=0)
    engine.apply_settings()
    engine.rebuild(corpus(taxonomies))
    engine.search(SearchQuery(q="cacao"))
    engine.search(SearchQuery(q="cacao"))
    assert engine._answers.hits == 0
