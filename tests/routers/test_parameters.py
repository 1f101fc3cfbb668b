"""Strict query parameters on every public read of the API: a misspelt one is a 422 naming the closest valid one,
never silently ignored (« contry » used to return the whole corpus on the export and the feed)."""

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.policy import Audience, declared, routes
from app.routers.parameters import is_strict

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.mark.parametrize(
    ("path", "unknown", "closest"),
    [
        ("/v1/export?format=jsonl&contry=CI", "contry", "country"),
        ("/v1/export?fromat=csv", "fromat", "format"),
        ("/v1/feed.atom?contry=CI", "contry", "country"),
        ("/v1/feed.atom?limt=5", "limt", "limit"),
        ("/v1/findings?contry=CI", "contry", "country"),
        ("/v1/findings/countries?regoin=africa", "regoin", "region"),
        ("/v1/findings/countries/CI?kye=x", "kye", "key"),
        ("/v1/taxonomies/countries?keys=x", "keys", "key"),
        ("/v1/resources/country-ci.fr?kye=x", "kye", "key"),
        ("/v1/resources/country-ci.fr/download?fromat=odt", "fromat", "format"),
        # other APIs' names for a harvest's start: a word of them is ours
        ("/v1/export?updated_since=2026-01-01", "updated_since", "since"),
        ("/v1/feed.atom?modified-since=2026-01-01", "modified-since", "since"),
    ],
)
def test_an_unknown_parameter_is_a_422_naming_the_closest(
    client: TestClient, path: str, unknown: str, closest: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["field"] == unknown
    assert f"did you mean {closest!r}" in error["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/export?format=jsonl&country=CI",
        "/v1/feed.atom?country=CI&limit=5",
        "/v1/findings?country=CI&format=csv",
        "/v1/findings/countries?region=sub-saharan-africa",
        "/v1/findings/countries/CI",
        "/v1/taxonomies/countries",
        "/v1/resources/country-ci.fr",
        "/v1/resources/country-ci.fr/download?format=odt",
    ],
)
def test_the_known_parameters_still_work(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200
    # a key may always come in the URL: an unknown one is refused as a key (401), not as a parameter
    assert client.get(f"{path}{'&' if '?' in path else '?'}key=crv_pk_00000000_nope").status_code == 401


def test_every_public_read_of_the_api_is_strict(settings: Settings) -> None:
    """A new public GET under /v1/ declares STRICT_PARAMETERS (on its router or itself), or this fails."""
    lax = [
        route.path
        for route in routes(create_app(settings))
        if isinstance(route.original_route, APIRoute)
        and route.path.startswith("/v1/")
        and "GET" in (route.methods or ())
        and (policy := declared(route)) is not None
        and policy.audience == Audience.public
        and not is_strict(route)
    ]
    assert lax == []


def test_oai_pmh_keeps_its_own_error_model(client: TestClient) -> None:
    response = client.get("/oai?verb=Identify&contry=CI")
    assert response.status_code == 200
    assert "badArgument" in response.text
