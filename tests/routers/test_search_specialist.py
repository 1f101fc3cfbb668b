"""The search API as a specialist uses it: the reader's language, facet labels and limits, facet-value search,
autocomplete, strict parameters. Each test names the query it is about, and runs on every engine: the embedded
one, and Meilisearch when ``CRV_TEST_MEILI_URL`` is set (as the conformance suite does)."""

import uuid
from collections.abc import Iterator

import meilisearch
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.config import Settings
from tests.search.conformance.conftest import ENGINES, MEILI_KEY, MEILI_URL, SESSION_PREFIX

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.fixture(params=ENGINES)
def settings(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Settings]:
    """The project's test settings, on each engine; a Meilisearch index of its own, deleted afterwards."""
    if request.param == "tantivy":
        yield settings
        return
    assert MEILI_URL
    uid = f"{SESSION_PREFIX}_api_{uuid.uuid4().hex[:8]}"
    yield settings.model_copy(
        update={
            "search_backend": "meilisearch",
            "meili_url": MEILI_URL,
            "meili_master_key": SecretStr(MEILI_KEY) if MEILI_KEY else None,
            "meili_index": uid,
        }
    )
    client = meilisearch.Client(MEILI_URL, MEILI_KEY, timeout=10)
    client.wait_for_task(client.delete_index(uid).task_uid, timeout_in_ms=30_000)


def ids(body: dict[str, object]) -> list[str]:
    return [hit["id"] for hit in body["hits"]]  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(
    ("params", "headers", "first", "language"),
    [
        ({"q": "cacao"}, {}, "country-ci.fr", "fr"),  # the query's own language
        ({"q": "cocoa"}, {}, "country-ci.en", "en"),
        ({"q": "cocoa"}, {"Accept-Language": "fr-FR,fr;q=0.9"}, "country-ci.fr", "fr"),
        ({"q": "cacao", "prefer_lang": "en"}, {"Accept-Language": "fr"}, "country-ci.en", "en"),  # the site's
    ],
)
def test_cacao_the_readers_version_first_the_other_kept(
    client: TestClient, params: dict[str, str], headers: dict[str, str], first: str, language: str
) -> None:
    body = client.get("/v1/search", params=params, headers=headers).json()
    assert ids(body)[:2] == [first, first[:-2] + ("en" if language == "fr" else "fr")]
    assert body["language"] == language


def test_the_language_preference_varies_with_accept_language(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "cacao"})
    assert "accept-language" in response.headers["vary"].lower()


def test_an_empty_search_for_a_french_reader_lists_french_titles_first(client: TestClient) -> None:
    body = client.get("/v1/search", headers={"Accept-Language": "fr"}).json()
    languages = [hit["language"] for hit in body["hits"]]
    assert languages == sorted(languages, key=lambda language: language != "fr")
    french = [hit["title"] for hit in body["hits"] if hit["language"] == "fr"]
    assert french == sorted(french) and french
    assert ids(client.get("/v1/search", headers={"Accept-Language": "fr"}).json()) == ids(body)  # stable


def test_facet_labels_in_the_readers_language_and_facet_limit(client: TestClient) -> None:
    params = [("facets", "country"), ("facets", "lang"), ("facets", "type"), ("facet_limit", "1")]
    french = client.get("/v1/search", params=[*params, ("prefer_lang", "fr")]).json()
    assert len(french["facets"]["country"]) == 1 and len(french["facets"]["type"]) == 1
    (code,) = french["facets"]["country"]
    assert french["facet_labels"]["country"][code] in {"Côte d’Ivoire", "Pakistan"}
    assert french["facet_labels"]["lang"] == {next(iter(french["facets"]["lang"])): "Français"} or french[
        "facet_labels"
    ]["lang"] == {next(iter(french["facets"]["lang"])): "Anglais"}
    english = client.get("/v1/search", params=[("facets", "type"), ("prefer_lang", "en")]).json()
    assert english["facet_labels"]["type"]["risk_sheet"] != french["facet_labels"]["type"].get("risk_sheet", "")
    everything = client.get("/v1/search", params=[("facets", "country")]).json()
    counts = list(everything["facets"]["country"].values())
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("facet_q", "expected"), [("cô", ["CI"]), ("ivory", ["CI"]), ("paki", ["PK"]), ("", ["CI", "PK"])]
)
def test_facet_value_search_on_countries(client: TestClient, facet_q: str, expected: list[str]) -> None:
    params = {"facet": "country", "facet_q": facet_q, "prefer_lang": "fr"}
    body = client.get("/v1/facet-search", params=params).json()
    assert sorted(value["value"] for value in body["values"]) == expected
    assert all(value["count"] > 0 and value["label"] for value in body["values"])


def test_facet_value_search_follows_the_query_and_filters(client: TestClient) -> None:
    body = client.get("/v1/facet-search", params={"facet": "country", "q": "briques", "facet_q": "c"}).json()
    assert body["values"] == []  # Côte d'Ivoire has no brick kiln sheet


@pytest.mark.parametrize(("q", "value"), [("cac", "cocoa"), ("Côte d", "CI"), ("pakis", "PK")])
def test_suggest_offers_terms_and_titles(client: TestClient, q: str, value: str) -> None:
    body = client.get("/v1/suggest", params={"q": q, "prefer_lang": "fr"}).json()
    terms = [s for s in body["suggestions"] if s["kind"] == "term"]
    assert value in [s["value"] for s in terms]
    assert any(s["kind"] == "resource" and s["url"] for s in body["suggestions"])
    assert all("<script" not in s["text"] for s in body["suggestions"])


def test_suggest_for_nothing_is_empty(client: TestClient) -> None:
    assert client.get("/v1/suggest", params={"q": "  "}).json()["suggestions"] == []


@pytest.mark.parametrize(
    ("path", "params", "unknown", "closest"),
    [
        ("/v1/search", {"contry": "CI"}, "contry", "country"),
        ("/v1/search", {"q": "cacao", "facet": "country"}, "facet", "facets"),
        ("/v1/search", {"per-page": "5"}, "per-page", "per_page"),
        ("/v1/suggest", {"query": "cac"}, "query", None),
        ("/v1/facet-search", {"facet": "country", "facetq": "c"}, "facetq", "facet_q"),
    ],
)
def test_contry_an_unknown_parameter_is_a_422_naming_the_closest(
    client: TestClient, path: str, params: dict[str, str], unknown: str, closest: str | None
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["field"] == unknown
    if closest:
        assert f"did you mean {closest!r}" in error["message"]


def test_a_key_in_the_url_is_not_an_unknown_parameter(client: TestClient) -> None:
    assert client.get("/v1/search", params={"q": "cacao", "key": "crv_pk_nope"}).status_code != 422
