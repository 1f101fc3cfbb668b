"""GET /v1/search over HTTP: results, filters, facets, pagination and problem+json for bad input."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.filters import FILTERS
from app.schemas.search import SearchAnswer, SearchHitAnswer, SearchHitRead, SearchResponse
from tests.helpers import WIDGET_SITE, widget_key

pytestmark = pytest.mark.usefixtures("loaded")


def ids(response_json: dict[str, object]) -> list[str]:
    return [hit["id"] for hit in response_json["hits"]]  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("cacao Côte d'Ivoire", "country-ci"),
        ("cocoa ivory coast", "country-ci"),
        ("travial des enfnats", "country-ci"),
        ("briques Pakistan", "country-pk"),
        ("PK", "country-pk"),
        ("cartographie des risques", "method-risk-mapping"),
        ("risk mapp", "method-risk-mapping"),
    ],
)
def test_relevant_resource_comes_first(client: TestClient, q: str, first: str) -> None:
    response = client.get("/v1/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert ids(response.json())[0].split(".")[0] == first


def test_hit_shape_and_highlights(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "cacao", "lang": "fr"}).json()
    hit = body["hits"][0]
    assert hit["id"] == "country-ci.fr"
    assert hit["url"] == "http://testserver/fr/ressources/cote-d-ivoire"
    assert set(hit) >= {"id", "slug", "type", "language", "title", "summary", "countries", "sectors", "risks"}
    assert "<mark>cacao</mark>" in hit["highlights"]["title"]
    assert body["total"] == 1 and body["total_pages"] == 1
    assert body["processing_time_ms"] >= 0


def test_filters_or_within_and_across(client: TestClient) -> None:
    both = client.get("/v1/search", params=[("country", "CI"), ("country", "PK"), ("lang", "en")]).json()
    assert sorted(ids(both)) == ["country-ci.en", "country-pk.en"]
    narrowed = client.get("/v1/search", params=[("country", "ci"), ("country", "PK"), ("sector", "bricks")]).json()
    assert sorted(ids(narrowed)) == ["country-pk.en", "country-pk.fr"]


def test_facets_are_disjunctive(client: TestClient) -> None:
    body = client.get(
        "/v1/search",
        params=[("country", "CI"), ("facets", "country"), ("facets", "type"), ("facets", "lang")],
    ).json()
    assert body["total"] == 2
    assert body["facets"]["country"] == {"CI": 2, "PK": 2}  # own selection ignored
    assert body["facets"]["type"] == {"risk_sheet": 2}
    assert body["facets"]["lang"] == {"fr": 1, "en": 1}


def test_sort_and_pagination(client: TestClient) -> None:
    first = client.get("/v1/search", params={"sort": "published_at:desc", "per_page": 2, "lang": "en"}).json()
    assert ids(first) == ["method-risk-mapping.en", "country-pk.en"]
    assert first["total"] == 3 and first["total_pages"] == 2
    second = client.get("/v1/search", params={"sort": "published_at:desc", "per_page": 2, "page": 2, "lang": "en"})
    assert ids(second.json()) == ["country-ci.en"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": 101}, "per_page"),
        ({"per_page": 0}, "per_page"),
        ({"page": 0}, "page"),
        ({"page": "two"}, "page"),
        ({"page": 500, "per_page": 100}, "page"),
        ({"country": "ZZ"}, "country"),
        ({"sector": "<script>"}, "sector"),
        ({"lang": "de"}, "lang"),
        ({"type": "blog"}, "type"),
        ({"sort": "random"}, "sort"),
        ({"facets": "colour"}, "facets"),
        ({"q": "x" * 600}, "q"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_bad_input_is_a_problem(client: TestClient, params: dict[str, object], field: str) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["title"] and field in problem["detail"]
    assert any(error["field"].startswith(field) for error in problem["errors"])


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "((",
        "AND OR NOT",
        "title:foo",
        "*",
        "~2",
        "🙂🙂",
        "\\",
        "a" * 300,
        "'; DROP TABLE resources; --",
        "   ",
    ],
)
def test_odd_queries_never_fail(client: TestClient, q: str) -> None:
    response = client.get("/v1/search", params={"q": q})
    assert response.status_code == 200, response.text


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "/v1/nothing-here" in response.json()["detail"]


def test_every_filter_of_the_table_is_a_query_parameter(client: TestClient) -> None:
    """The search route's filter parameters come from app.filters.FILTERS: a new row needs no code in the router."""
    parameters = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/v1/search"]["get"]["parameters"]}
    assert {name.value for name in FILTERS} <= parameters
    too_many = client.get("/v1/search", params={"sector": ["cocoa"] * 51})
    assert too_many.status_code == 422


def test_answer_is_the_documented_model_field_for_field(client: TestClient) -> None:
    """The service shapes the answer as plain data: it must be SearchResponse, its fields in the model's order, as
    the typed shape the service declares (SearchAnswer) lists them."""
    assert list(SearchAnswer.__annotations__) == list(SearchResponse.model_fields)
    assert list(SearchHitAnswer.__annotations__) == list(SearchHitRead.model_fields)
    response = client.get("/v1/search", params=[("q", "cacao"), ("facets", "country"), ("facets", "lang")])
    body = response.json()
    assert list(body) == list(SearchResponse.model_fields)
    assert body["hits"] and all(list(hit) == list(SearchHitRead.model_fields) for hit in body["hits"])
    assert SearchResponse.model_validate(body).model_dump(mode="json") == body


def test_the_answer_names_the_words_its_hits_are_without(client: TestClient) -> None:
    """No resource holds « Groenland »: the hits are those of « briques Pakistan », and the answer says so, so that
    a client can tell its reader why they lack a word typed."""
    fallback = client.get("/v1/search", params={"q": "briques Groenland Pakistan"}).json()
    assert fallback["left_out"] == ["groenland"]
    assert sorted(ids(fallback)) == ["country-pk.en", "country-pk.fr"]
    assert client.get("/v1/search", params={"q": "briques Pakistan"}).json()["left_out"] == []
    assert client.get("/v1/search").json()["left_out"] == []  # no words, none left out
    # Nothing found even so (the fixed filters of a key, or here a filter): no word was left out for anything.
    nothing = client.get("/v1/search", params={"q": "briques Groenland", "country": "CI"}).json()
    assert nothing["total"] == 0 and nothing["left_out"] == []


def test_left_out_is_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SearchResponse"]
    field = schema["properties"]["left_out"]
    assert field["type"] == "array" and field["items"] == {"type": "string"}
    assert "left out" in field["description"] and "Empty when every word matched" in field["description"]


def test_the_answer_labels_every_value_it_holds(client: TestClient) -> None:
    """A widget labels its facets and its hits from the answer alone (no request for the taxonomies): the labels
    cover the facets' values and the hits' type, countries, sectors and risks, even of facets not asked for."""
    body = client.get("/v1/search", params={"q": "cacao", "prefer_lang": "fr", "facets": "sector"}).json()
    labels = body["facet_labels"]
    assert body["hits"] and set(body["facets"]["sector"]) <= set(labels["sector"])
    for hit in body["hits"]:
        assert hit["type"] in labels["type"]
        for name, values in (("country", "countries"), ("sector", "sectors"), ("risk", "risks")):
            assert set(hit[values]) <= set(labels[name]), (name, hit["id"])
    assert labels["country"]["CI"] == "Côte d’Ivoire" and labels["type"]["risk_sheet"] == "Fiche risque"
    english = client.get("/v1/search", params={"q": "cacao", "prefer_lang": "en"}).json()["facet_labels"]
    assert english["type"]["risk_sheet"] == "Risk sheet" and "lang" not in english  # no facet asked: hits' only


def test_the_answer_names_the_fixed_filters_of_the_key(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """A key's fixed filters come back in the answer (their facets only count the fixed values: a widget hides
    them); empty for any other caller."""
    key = widget_key(session_factory, filters={"sector": ["cocoa"], "country": ["ci"]})
    params = {"key": key, "facets": ["sector", "type"]}
    keyed = client.get("/v1/search", params=params, headers={"Origin": WIDGET_SITE}).json()
    assert keyed["fixed_filters"] == {"country": ["CI"], "sector": ["cocoa"]}
    assert set(keyed["facets"]["sector"]) == {"cocoa"}
    assert client.get("/v1/search", params={"facets": "sector"}).json()["fixed_filters"] == {}
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SearchResponse"]
    assert "publishable key fixes" in schema["properties"]["fixed_filters"]["description"]
