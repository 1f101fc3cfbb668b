"""MeiliEngine against a scripted Meilisearch HTTP stub (tests/search/meili_stub.py): the calls it makes, the
tasks it waits for, and every client failure turned into SearchUnavailable."""

from dataclasses import replace
from pathlib import Path

import pytest

from app.search.base import FilterField, SearchQuery, SearchUnavailable
from app.search.meili import (
    POST_TAG,
    PRE_TAG,
    IndexMismatch,
    MeiliEngine,
    MeiliTaskFailed,
)
from app.search.meili_documents import (
    MalformedResponse,
    index_settings,
    to_meili,
)
from app.taxonomy import load_taxonomies
from tests.helpers import free_port
from tests.search.conformance.corpus import corpus
from tests.search.meili_stub import Reply, StubMeili, TaskOutcome, api_error

ROOT = Path(__file__).resolve().parents[2]
TAXONOMIES = load_taxonomies(ROOT / "content")
DOCUMENTS = corpus(TAXONOMIES)
GROUPS = TAXONOMIES.synonym_groups()


def make_engine(url: str, **options: float) -> MeiliEngine:
    return MeiliEngine(
        url=url,
        api_key="test-key",
        index_uid="resources",
        timeout_seconds=options.pop("timeout_seconds", 2.0),
        synonym_groups=GROUPS,
        concepts=TAXONOMIES.concepts(),
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def engine(meili_stub: StubMeili) -> MeiliEngine:
    return make_engine(meili_stub.url, task_timeout_seconds=2.0)


def result_page(
    *hits: dict[str, object], total: int | None = None, facets: dict[str, object] | None = None
) -> dict[str, object]:
    return {
        "indexUid": "resources",
        "hits": list(hits),
        "totalHits": len(hits) if total is None else total,
        "facetDistribution": facets or {},
        "processingTimeMs": 1,
    }


def stored_hit(index: int) -> dict[str, object]:
    raw = to_meili(DOCUMENTS[index])
    raw["_formatted"] = {"title": {DOCUMENTS[index].language: DOCUMENTS[index].title}}
    raw["_rankingScore"] = 0.8
    return raw


# -- settings ------------------------------------------------------------------------------------------------
def test_apply_settings_on_an_existing_index(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    engine.apply_settings()
    assert meili_stub.route_log() == ["GET /indexes/resources", "PATCH /indexes/resources/settings"]
    (patch,) = meili_stub.calls("PATCH")
    assert patch.body == index_settings(GROUPS, 1000)
    assert meili_stub.calls("GET", "/tasks/1"), "the settings task was awaited"
    assert patch.headers["Authorization"] == "Bearer test-key"


def test_apply_settings_creates_a_missing_index(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    engine.apply_settings()
    assert meili_stub.route_log() == [
        "GET /indexes/resources",
        "POST /indexes",
        "PATCH /indexes/resources/settings",
    ]
    assert meili_stub.calls("POST", "/indexes")[0].body == {"uid": "resources", "primaryKey": "key"}
    assert [r.path for r in meili_stub.calls("GET") if r.path.startswith("/tasks/")] == ["/tasks/1", "/tasks/2"]


def test_apply_settings_tolerates_a_concurrent_creation(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.task_outcomes["indexCreation"] = TaskOutcome("failed", api_error("index_already_exists"))
    engine.apply_settings()
    assert meili_stub.route_log()[-1] == "PATCH /indexes/resources/settings"


def test_a_failed_settings_task_raises(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    meili_stub.task_outcomes["settingsUpdate"] = TaskOutcome(
        "failed", api_error("invalid_settings_ranking_rules", "`attribute` cannot be used with `attributeRank`")
    )
    with pytest.raises(MeiliTaskFailed) as failure:
        engine.apply_settings()
    assert failure.value.code == "invalid_settings_ranking_rules"
    assert isinstance(failure.value, SearchUnavailable)
    assert "attributeRank" in str(failure.value)


# -- writes --------------------------------------------------------------------------------------------------
def test_index_sends_mapped_documents_in_batches(meili_stub: StubMeili) -> None:
    engine = make_engine(meili_stub.url, batch_size=5)
    engine.index(DOCUMENTS)
    posts = meili_stub.calls("POST", "/indexes/resources/documents")
    assert [len(p.body) for p in posts] == [5, 5, 2]
    assert posts[0].query == {"primaryKey": ["key"]}
    assert [doc for p in posts for doc in p.body] == [to_meili(d) for d in DOCUMENTS]
    assert len([r for r in meili_stub.requests if r.path.startswith("/tasks/")]) == 3


def test_a_sheet_is_sent_with_its_subjects_names(meili_stub: StubMeili) -> None:
    """Made from the taxonomies' concepts (as the factory does), the engine fills each risk sheet's ``sheet``."""
    engine = MeiliEngine(
        url=meili_stub.url, api_key=None, index_uid="resources", timeout_seconds=2.0, synonym_groups=GROUPS,
        concepts=TAXONOMIES.concepts(), task_timeout_seconds=2.0,
    )  # fmt: skip
    pakistan = replace(
        next(d for d in DOCUMENTS if d.id == "bricks-pk.en"), id="country-pk.en", translation_key="country-pk"
    )
    engine.index([*DOCUMENTS, pakistan])
    (post,) = meili_stub.calls("POST", "/indexes/resources/documents")
    sheets = {doc["id"]: doc["sheet"] for doc in post.body}
    assert {"Pakistan", "PK", "PAK"} <= set(sheets["country-pk.en"])  # the sheet its key names
    assert sheets["bricks-pk.en"] == [] and sheets["risk-mapping.en"] == []


def test_index_nothing_sends_nothing(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    engine.index([])
    engine.delete([])
    assert meili_stub.requests == []


def test_delete_by_ids_through_delete_batch(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    """Deleting by id goes through the delete-batch route with the primary keys, not a filter on them."""
    engine.delete(["cocoa-ci.fr", 'odd"id.en'])
    (call,) = meili_stub.calls("POST", "/indexes/resources/documents/delete-batch")
    assert call.body == ["cocoa-ci_2e_fr", "odd_22_id_2e_en"]
    assert meili_stub.calls("POST", "/indexes/resources/documents/delete") == []


def test_an_index_with_another_primary_key_fails_clearly(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    meili_stub.primary_keys["resources"] = "id"
    with pytest.raises(IndexMismatch, match="primary key 'id', not 'key'"):
        engine.apply_settings()
    assert meili_stub.calls("PATCH", "/indexes/resources/settings") == []


def test_a_failed_indexing_task_raises(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.task_outcomes["documentAdditionOrUpdate"] = TaskOutcome(
        "failed", api_error("invalid_document_id", "Document identifier `a.b` is invalid.")
    )
    with pytest.raises(MeiliTaskFailed, match="invalid_document_id"):
        engine.index(DOCUMENTS[:1])


def test_a_task_that_never_finishes_times_out(meili_stub: StubMeili) -> None:
    engine = make_engine(meili_stub.url, task_timeout_seconds=0.3)
    meili_stub.task_outcomes["documentAdditionOrUpdate"] = TaskOutcome("processing")
    with pytest.raises(SearchUnavailable, match="timed out"):
        engine.index(DOCUMENTS[:1])


# -- rebuild -------------------------------------------------------------------------------------------------
def test_rebuild_fills_a_temporary_index_then_swaps(meili_stub: StubMeili) -> None:
    meili_stub.existing_indexes.update({"resources", "resources_rebuild_1", "other_rebuild_2"})
    engine = make_engine(meili_stub.url, batch_size=10)
    assert engine.rebuild(iter(DOCUMENTS)) == len(DOCUMENTS)
    log = meili_stub.route_log()
    temporary = meili_stub.calls("POST", "/indexes")[0].body["uid"]
    assert temporary.startswith("resources_rebuild_")
    assert log == [
        "GET /indexes",
        "DELETE /indexes/resources_rebuild_1",  # a leftover of a rebuild that died
        f"GET /indexes/{temporary}",
        "POST /indexes",
        f"PATCH /indexes/{temporary}/settings",
        f"POST /indexes/{temporary}/documents",
        f"POST /indexes/{temporary}/documents",
        "GET /indexes/resources",
        "POST /swap-indexes",
        f"DELETE /indexes/{temporary}",
    ]
    assert meili_stub.calls("POST", "/swap-indexes")[0].body == [{"indexes": ["resources", temporary]}]
    assert meili_stub.existing_indexes == {"resources", "other_rebuild_2"}
    assert meili_stub.calls("PATCH")[0].body == index_settings(GROUPS, 1000)


def test_rebuild_creates_the_live_index_when_missing(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    assert engine.rebuild(DOCUMENTS[:2]) == 2
    assert [c.body["uid"] for c in meili_stub.calls("POST", "/indexes")][1] == "resources"
    log = meili_stub.route_log()
    assert log[-2] == "POST /swap-indexes"
    assert log[-1].startswith("DELETE /indexes/resources_rebuild_")


def test_a_failed_rebuild_drops_the_temporary_index_and_never_swaps(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    meili_stub.task_outcomes["documentAdditionOrUpdate"] = TaskOutcome("failed", api_error("internal"))
    with pytest.raises(MeiliTaskFailed):
        engine.rebuild(DOCUMENTS)
    assert not meili_stub.calls("POST", "/swap-indexes")
    assert meili_stub.existing_indexes == {"resources"}


def test_rebuild_of_nothing_swaps_in_an_empty_index(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    assert engine.rebuild([]) == 0
    assert meili_stub.calls("POST", "/swap-indexes")
    assert not [r for r in meili_stub.requests if r.path.endswith("/documents")]


# -- search --------------------------------------------------------------------------------------------------
def test_search_is_one_multi_search_round_trip(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(
            200,
            {
                "results": [
                    result_page(stored_hit(0), stored_hit(11), facets={"language": {"fr": 2}}),
                    result_page(total=0, facets={"sectors": {"cocoa": 3, "bricks": 2}}),
                ]
            },
        ),
    )
    query = SearchQuery(
        q="cacao enfants",
        filters={FilterField.sector: ("cocoa",)},
        fixed_filters={FilterField.lang: ("fr",)},
        facets=(FilterField.sector, FilterField.lang),
    )
    result = engine.search(query)
    (call,) = meili_stub.requests
    assert (call.method, call.path) == ("POST", "/multi-search")
    main, facet = call.body["queries"]
    assert main["q"] == "cacao enfants" and main["facets"] == ["language"]
    assert main["filter"] == 'visibility = "public" AND (sectors = "cocoa") AND (language = "fr")'
    assert (
        facet["facets"] == ["sectors"]
        and facet["filter"] == 'visibility = "public" AND (language = "fr")'
        and facet["limit"] == 0
    )
    assert [h.document.id for h in result.hits] == ["cocoa-ci.fr", "remediation.fr"]
    assert result.total == 2
    assert result.facets == {FilterField.sector: {"cocoa": 3, "bricks": 2}, FilterField.lang: {"fr": 2}}


def test_nothing_with_every_word_leaves_out_the_words_nothing_holds(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    """« briques Groenland » finds nothing with both words: one count-only query per word says no document holds
    « groenland », which is left out."""
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(200, {"results": [result_page()]}),
        Reply(200, {"results": [result_page(total=5), result_page(total=0)]}),
        Reply(200, {"results": [result_page(stored_hit(2))]}),
    )
    result = engine.search(SearchQuery(q="briques Groenland"))
    first, probes, third = meili_stub.calls("POST", "/multi-search")
    assert first.body["queries"][0]["q"] == "briques groenland"
    assert [(q["q"], q["limit"]) for q in probes.body["queries"]] == [("briques ", 0), ("groenland ", 0)]
    assert third.body["queries"][0]["q"] == "briques "
    assert {first.body["queries"][0]["matchingStrategy"], third.body["queries"][0]["matchingStrategy"]} == {"all"}
    assert [h.document.id for h in result.hits] == ["bricks-pk.fr"]
    assert result.left_out == ("groenland",)


@pytest.mark.parametrize(
    ("held", "sent"),
    [
        # Every word is held somewhere, not all together: words go from the end, only as far as needed, those
        # naming no taxonomy term first (« cild » is no typo of « child » under 5 letters, « labor » alone no term).
        ((5, 3, 1, 2), ["cild labor ghana islande", "cild ghana islande ", "ghana islande "]),
        # « cild » is held nowhere: it is left out first.
        ((0, 3, 1, 2), ["cild labor ghana islande", "labor ghana islande ", "ghana islande "]),
        # Terms alone go from the end.
        ((5, 3, 1, 2), ["child labour ghana islande", "child labour ghana ", "child labour "]),
    ],
)
def test_the_fallback_stops_at_the_first_query_that_finds_something(
    meili_stub: StubMeili, engine: MeiliEngine, held: tuple[int, ...], sent: list[str]
) -> None:
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(200, {"results": [result_page()]}),
        Reply(200, {"results": [result_page(total=total) for total in held]}),
        Reply(200, {"results": [result_page()]}),
        Reply(200, {"results": [result_page(stored_hit(2))]}),
    )
    engine.search(SearchQuery(q=sent[0]))
    calls = meili_stub.calls("POST", "/multi-search")
    assert [call.body["queries"][0]["q"] for call in calls if call.body["queries"][0].get("limit") != 0] == sent


@pytest.mark.parametrize(
    ("q", "sent"),
    [
        ("travial des enfnats ", "travail enfants "),
        ("travial des enfnats", "travail enfants"),
        ("travail des enfant ", "travail enfants "),  # a phrase in the other number is sent as the vocabulary has it
        ("cacaos ", "cacao "),  # « cacao » with one typo still matches « cacaos »
        ("kacao ", "kacao "),  # « cacao » would not match « kacao »: another first letter counts as two typos
        ("mines ", "mines "),
        # A correction that makes no phrase is not sent: « modele » is a word (« module » is the synonyms'), and
        # Meilisearch's typo tolerance finds « enfants » for « enfnats », ranked after the words typed.
        ("modèle ", "modele "),
        ("enfnats ", "enfnats "),
        # A stop word naming a taxonomy term as typed is sent as the term's name (the article, the conjunction
        # stay stop words).
        ("thé du Kenya", "tea kenya"),
        ("mines d’or ", "mines gold "),
        ("the tea or coffee ", "tea coffee "),
    ],
)
def test_travial_des_enfnats_is_sent_corrected(meili_stub: StubMeili, engine: MeiliEngine, q: str, sent: str) -> None:
    """Meilisearch finds synonyms of the words as typed only, never of their typo derivations: mistyped words of
    the vocabulary are corrected before sending, as the embedded engine does, so « child labour » is reached —
    when Meilisearch's typo tolerance on the correction still matches what was typed."""
    meili_stub.on("POST", "/multi-search", Reply(200, {"results": [result_page(stored_hit(0))]}))
    engine.search(SearchQuery(q=q))
    (call,) = meili_stub.calls("POST", "/multi-search")
    assert call.body["queries"][0]["q"] == sent


def test_a_single_word_does_not_retry(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.on("POST", "/multi-search", Reply(200, {"results": [result_page()]}))
    assert engine.search(SearchQuery(q="Groenland des")).total == 0
    assert len(meili_stub.calls("POST", "/multi-search")) == 1


def test_highlights_come_back_escaped(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    raw = stored_hit(10)
    raw["_formatted"] = {
        "title": {"en": f"Supplier {PRE_TAG}questionnaire{POST_TAG} <script>alert('x')</script> template"}
    }
    meili_stub.on("POST", "/multi-search", Reply(200, {"results": [result_page(raw)]}))
    (hit,) = engine.search(SearchQuery(q="questionnaire")).hits
    assert hit.highlights["title"] == (
        "Supplier <mark>questionnaire</mark> &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; template"
    )


# -- errors become SearchUnavailable -------------------------------------------------------------------------
def test_unreachable_server(meili_stub: StubMeili) -> None:
    engine = make_engine(f"http://127.0.0.1:{free_port()}", timeout_seconds=0.5)
    with pytest.raises(SearchUnavailable, match="unreachable"):
        engine.search(SearchQuery(q="cacao"))
    with pytest.raises(SearchUnavailable):
        engine.apply_settings()
    with pytest.raises(SearchUnavailable):
        engine.rebuild(DOCUMENTS)
    health = engine.health()
    assert not health.ok and health.engine == "meilisearch" and "unreachable" in (health.detail or "")


def test_slow_server_times_out(meili_stub: StubMeili) -> None:
    engine = make_engine(meili_stub.url, timeout_seconds=0.2)
    meili_stub.on("POST", "/multi-search", Reply(200, {"results": [result_page()]}, delay=1.0))
    with pytest.raises(SearchUnavailable, match="timed out"):
        engine.search(SearchQuery(q="cacao"))


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (400, api_error("invalid_search_filter", "Attribute `x` is not filterable."), "invalid_search_filter"),
        (404, api_error("index_not_found", "Index `resources` not found."), "index_not_found"),
        (401, api_error("missing_authorization_header", error_type="auth"), "missing_authorization_header"),
        (500, None, "HTTP 500"),
        (503, "<html>bad gateway</html>", "HTTP 503"),
    ],
)
def test_api_errors(meili_stub: StubMeili, engine: MeiliEngine, status: int, body: object, expected: str) -> None:
    meili_stub.on("POST", "/multi-search", Reply(status, body))
    with pytest.raises(SearchUnavailable, match=expected) as failure:
        engine.search(SearchQuery(q="cacao"))
    assert "test-key" not in str(failure.value)


def test_an_unreadable_answer(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.on("POST", "/multi-search", Reply(200, {"unexpected": True}))
    with pytest.raises(MalformedResponse):
        engine.search(SearchQuery(q="cacao"))
    meili_stub.on("POST", "/indexes/resources/documents", Reply(202, {"no": "task"}))
    with pytest.raises(MalformedResponse):
        engine.index(DOCUMENTS[:1])


# -- health --------------------------------------------------------------------------------------------------
def test_health_reports_the_document_count(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.existing_indexes.add("resources")
    health = engine.health()
    assert health.ok and health.documents == 12 and health.engine == "meilisearch"
    assert meili_stub.route_log() == ["GET /health", "GET /indexes/resources/stats"]


def test_health_when_the_index_is_missing(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.on("GET", "/indexes/resources/stats", Reply(404, api_error("index_not_found")))
    health = engine.health()
    assert not health.ok and "index_not_found" in (health.detail or "")


def test_health_when_the_server_is_not_available(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    meili_stub.on("GET", "/health", Reply(200, {"status": "starting"}))
    health = engine.health()
    assert not health.ok and health.detail == "meilisearch status: starting"
