"""The OpenAPI document declares the keys each route accepts, the problems keys and quotas answer there (generated
from the route policies), the quota headers, and the search's limits from the settings the server validates with."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

pytestmark = pytest.mark.database_agnostic

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PUBLIC_READS = [
    "/v1/search",
    "/v1/suggest",
    "/v1/facet-search",
    "/v1/resources/{resource_id}",
    "/v1/resources/{resource_id}/download",
    "/v1/resources/{resource_id}/citation",
    "/v1/taxonomies/{name}",
    "/v1/findings",
    "/v1/findings/countries",
    "/v1/findings/countries/{code}",
    "/v1/export",
    "/v1/feed.atom",
]
SEARCH_VALIDATED = ["/v1/search", "/v1/suggest", "/v1/facet-search", "/v1/export", "/v1/feed.atom"]
RATE_LIMIT = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"]


def document(settings: Settings, **changes: Any) -> dict[str, Any]:
    schema: dict[str, Any] = create_app(settings.model_copy(update=changes)).openapi()
    return schema


def parameter(operation: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in operation["parameters"] if p["name"] == name and p["in"] == "query")


def test_the_key_schemes_are_declared(settings: Settings) -> None:
    schemes = document(settings)["components"]["securitySchemes"]
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    assert {k: schemes["PublishableKeyHeader"][k] for k in ("type", "in", "name")} == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Crv-Key",
    }
    assert {k: schemes["PublishableKeyQuery"][k] for k in ("type", "in", "name")} == {
        "type": "apiKey",
        "in": "query",
        "name": "key",
    }
    for name in ("PublishableKeyHeader", "PublishableKeyQuery"):
        assert "crv_pk_" in schemes[name]["description"]
        assert "`/v1/search`" in schemes[name]["description"] and "`/v1/export`" in schemes[name]["description"]
        assert "/v1/admin" not in schemes[name]["description"]


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_a_public_read_lists_its_keys_and_their_refusals(settings: Settings, path: str) -> None:
    operation = document(settings)["paths"][path]["get"]
    assert operation["security"] == [{}, {"HTTPBearer": []}, {"PublishableKeyHeader": []}, {"PublishableKeyQuery": []}]
    responses = operation["responses"]
    for status in ("400", "401", "403", "422", "429"):
        assert responses[status]["content"] == PROBLEM, status
    assert set(responses["429"]["headers"]) == {"Retry-After", *RATE_LIMIT}
    assert set(RATE_LIMIT) <= set(responses["200"]["headers"])


def test_keyed_and_page_routes(settings: Settings) -> None:
    schema = document(settings)
    admin = schema["paths"]["/v1/admin/keys"]["get"]
    assert admin["security"] == [{"HTTPBearer": []}]  # no publishable key, no anonymous call
    assert {"401", "403", "429"} <= set(admin["responses"])
    screening = schema["paths"]["/v1/screenings"]["post"]  # public, but not a read: no publishable key
    assert screening["security"] == [{}, {"HTTPBearer": []}]
    oai = schema["paths"]["/oai"]["get"]  # a page: keys are not read, nothing counted
    assert "security" not in oai and "429" not in oai["responses"] and "401" not in oai["responses"]
    headers = schema["components"]["headers"]
    assert headers["Retry-After"]["schema"] == {"type": "integer"}
    assert headers["RateLimit-Policy"]["schema"] == {"type": "string"}


def test_without_quotas_no_429_is_promised(settings: Settings) -> None:
    operation = document(settings, rate_limit_enabled=False)["paths"]["/v1/search"]["get"]
    assert "429" not in operation["responses"]
    assert "headers" not in operation["responses"]["200"]


def test_the_limits_are_the_settings(settings: Settings) -> None:
    schema = document(settings)
    search = schema["paths"]["/v1/search"]["get"]
    assert parameter(search, "per_page")["schema"]["maximum"] == settings.max_per_page == 100
    assert parameter(search, "page")["schema"]["maximum"] == settings.max_result_window == 1000
    assert f"at most {settings.max_result_window}" in parameter(search, "per_page")["description"]
    for path in SEARCH_VALIDATED:
        q = parameter(schema["paths"][path]["get"], "q")
        assert q["schema"]["maxLength"] == settings.max_query_length == 512, path
    review = schema["paths"]["/v1/review/queue"]["get"]  # a route's own bounds stay its own
    assert parameter(review, "page")["schema"]["maximum"] == 10000


def test_other_settings_other_limits(settings: Settings) -> None:
    schema = document(settings, max_per_page=50, max_query_length=200, max_result_window=500)
    search = schema["paths"]["/v1/search"]["get"]
    assert parameter(search, "per_page")["schema"]["maximum"] == 50
    assert parameter(search, "page")["schema"]["maximum"] == 500
    assert parameter(schema["paths"]["/v1/export"]["get"], "q")["schema"]["maxLength"] == 200


@pytest.mark.usefixtures("loaded")
def test_the_documented_limits_are_the_enforced_ones(client: TestClient, settings: Settings) -> None:
    search = client.get("/openapi.json").json()["paths"]["/v1/search"]["get"]
    per_page = parameter(search, "per_page")["schema"]["maximum"]
    max_length = parameter(search, "q")["schema"]["maxLength"]
    assert client.get("/v1/search", params={"per_page": per_page}).status_code == 200
    assert client.get("/v1/search", params={"per_page": per_page + 1}).status_code == 422
    assert client.get("/v1/search", params={"q": "a" * max_length}).status_code == 200
    assert client.get("/v1/search", params={"q": "a" * (max_length + 1)}).status_code == 422
    assert client.get("/v1/export", params={"q": "a" * (max_length + 1)}).status_code == 422
