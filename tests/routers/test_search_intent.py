"""/v1/search reads the words as the search page does: a question of what to do (« que faire ») lists the how-to
resources first, and a region no text names (« Abidjan ») offers its country's resources (``places``)."""

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.usefixtures("loaded")


def types(body: dict[str, object]) -> list[str]:
    return [hit["type"] for hit in body["hits"]]  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(("q", "lang"), [("travail forcé que faire", "fr"), ("what to do forced labour", "en")])
def test_a_question_of_what_to_do_lists_the_methodology_first(client: TestClient, q: str, lang: str) -> None:
    """The fixture corpus's two risk sheets came before its methodology: the question words are stop words."""
    plain = client.get("/v1/search", params={"q": q.replace("que faire", "").replace("what to do", ""), "lang": lang})
    asked = client.get("/v1/search", params={"q": q, "lang": lang, "facets": "type"}).json()
    assert types(plain.json())[0] == "risk_sheet"  # without the question, the engine's order
    assert types(asked) == ["methodology", "risk_sheet", "risk_sheet"]
    assert asked["total"] == 3 and asked["facets"]["type"] == {"risk_sheet": 2, "methodology": 1}


def test_a_question_s_pages_list_each_resource_once(client: TestClient) -> None:
    pages = [
        client.get("/v1/search", params={"q": "que faire travail forcé", "lang": "fr", "per_page": 1, "page": page})
        for page in (1, 2, 3)
    ]
    assert [types(page.json()) for page in pages] == [["methodology"], ["risk_sheet"], ["risk_sheet"]]
    assert len({page.json()["hits"][0]["id"] for page in pages}) == 3


def test_a_region_no_text_names_offers_its_country(client: TestClient) -> None:
    """« Abidjan » found nothing through the API, where the search page offered Côte d'Ivoire's resources."""
    body = client.get("/v1/search", params={"q": "Abidjan", "lang": "fr", "prefer_lang": "fr"}).json()
    assert body["total"] == 0
    ((place,),) = [body["places"]]
    assert place == {
        "country": "CI",
        "name": "Côte d’Ivoire",
        "region": "Abidjan",
        "total": 1,
        "url": "http://testserver/fr/recherche?country=CI",
    }
    listed = client.get("/v1/search", params={"country": "CI", "lang": "fr"}).json()
    assert listed["total"] == place["total"]


def test_the_offer_keeps_the_search_s_other_filters_and_the_reader_s_language(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "Sindh", "type": "risk_sheet", "prefer_lang": "en"}).json()
    assert [(p["country"], p["name"], p["total"]) for p in body["places"]] == [("PK", "Pakistan", 2)]
    assert body["places"][0]["url"] == "http://testserver/en/search?type=risk_sheet&country=PK"
    assert client.get("/v1/search", params={"q": "Sindh", "type": "tool"}).json()["places"] == []  # none found there


@pytest.mark.parametrize("q", ["cacao", "Pakistan", "Asie", "briques Groenland"])
def test_no_place_is_offered_for_results_a_country_or_a_world_region(client: TestClient, q: str) -> None:
    assert client.get("/v1/search", params={"q": q}).json()["places"] == []


def test_places_are_documented(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    field = schemas["SearchResponse"]["properties"]["places"]
    assert field["items"] == {"$ref": "#/components/schemas/PlaceRead"} and "Dhaka" in field["description"]
    assert set(schemas["PlaceRead"]["properties"]) == {"country", "name", "region", "total", "url"}
    assert "places" not in schemas["SearchResponse"].get("required", [])
