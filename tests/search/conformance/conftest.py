"""One corpus, every engine. ``engine`` is parametrised: the embedded tantivy engine always; Meilisearch when
``CRV_TEST_MEILI_URL`` is set (``CRV_TEST_MEILI_KEY`` for its key), in an index of its own for the session that
is deleted afterwards. ``fresh_engine`` is an empty engine per test, for the tests that write."""

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import meilisearch
import pytest

from app.search.base import SearchDocument, SearchEngine
from app.search.factory import country_codes
from app.search.meili import MeiliEngine
from app.search.tantivy_engine import TantivyEngine
from app.taxonomy import Taxonomies, load_taxonomies
from tests.search.conformance.corpus import corpus

ROOT = Path(__file__).resolve().parents[3]
MEILI_URL = os.environ.get("CRV_TEST_MEILI_URL")
MEILI_KEY = os.environ.get("CRV_TEST_MEILI_KEY") or None
SESSION_PREFIX = f"crv_test_{uuid.uuid4().hex[:10]}"

ENGINES = [
    pytest.param("tantivy", id="tantivy"),
    pytest.param(
        "meilisearch",
        id="meilisearch",
        marks=[
            pytest.mark.meilisearch,
            pytest.mark.skipif(not MEILI_URL, reason="set CRV_TEST_MEILI_URL to run the suite on Meilisearch"),
        ],
    ),
]

EngineFactory = Callable[..., SearchEngine]


@pytest.fixture(scope="session")
def conformance_taxonomies() -> Taxonomies:
    return load_taxonomies(ROOT / "content")


@pytest.fixture(scope="session")
def documents(conformance_taxonomies: Taxonomies) -> list[SearchDocument]:
    return corpus(conformance_taxonomies)


@pytest.fixture(scope="session")
def meili_cleanup() -> Iterator[list[str]]:
    """Deletes every index this session created (rebuild leftovers included)."""
    created: list[str] = []
    yield created
    if not MEILI_URL:
        return
    client = meilisearch.Client(MEILI_URL, MEILI_KEY, timeout=10)
    indexes = client.get_raw_indexes({"limit": 1000})
    results = indexes.get("results", []) if isinstance(indexes, dict) else indexes
    for index in results:
        if str(index["uid"]).startswith(SESSION_PREFIX):
            client.wait_for_task(client.delete_index(index["uid"]).task_uid, timeout_in_ms=30_000)


@pytest.fixture(scope="session")
def make_engine(
    tmp_path_factory: pytest.TempPathFactory, conformance_taxonomies: Taxonomies, meili_cleanup: list[str]
) -> EngineFactory:
    def make(kind: str, max_total_hits: int = 1000) -> SearchEngine:
        groups = conformance_taxonomies.synonym_groups()
        if kind == "tantivy":
            return TantivyEngine(
                index_dir=tmp_path_factory.mktemp("tantivy"),
                synonym_groups=groups,
                country_codes=country_codes(conformance_taxonomies),
                concepts=conformance_taxonomies.concepts(),
                max_total_hits=max_total_hits,
                answer_cache_size=256,  # as in production: every answer below may come from the cache
                facet_threads=1,  # as with one worker on two cores: facets counted beside the page's search
            )
        assert MEILI_URL
        uid = f"{SESSION_PREFIX}_{uuid.uuid4().hex[:8]}"
        meili_cleanup.append(uid)
        return MeiliEngine(
            url=MEILI_URL,
            api_key=MEILI_KEY,
            index_uid=uid,
            timeout_seconds=10,
            synonym_groups=groups,
            concepts=conformance_taxonomies.concepts(),
            max_total_hits=max_total_hits,
        )

    return make


@pytest.fixture(scope="session", params=ENGINES)
def engine(
    request: pytest.FixtureRequest, make_engine: EngineFactory, documents: list[SearchDocument]
) -> Iterator[SearchEngine]:
    """The corpus indexed once per engine for the session; tests only read from it."""
    search_engine = make_engine(request.param)
    search_engine.apply_settings()
    assert search_engine.rebuild(documents) == len(documents)
    yield search_engine
    search_engine.close()


@pytest.fixture(params=ENGINES)
def engine_kind(request: pytest.FixtureRequest) -> str:
    """For the tests that build an engine with options of their own (``make_engine(engine_kind, …)``)."""
    kind: str = request.param
    return kind


@pytest.fixture(params=ENGINES)
def fresh_engine(request: pytest.FixtureRequest, make_engine: EngineFactory) -> Iterator[SearchEngine]:
    search_engine = make_engine(request.param)
    search_engine.apply_settings()
    yield search_engine
    search_engine.close()
