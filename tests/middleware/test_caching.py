"""HTTP caching of public GETs: Cache-Control per route, ETag, 304 to If-None-Match."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.middleware.caching import etag_matches, weak_etag
from app.models import Resource
from app.schemas.search import SearchResponse
from tests.helpers import make_key, widget_key

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/v1/search?q=cacao", "public, max-age=60"),
        ("/v1/resources/country-ci.fr", "public, max-age=60"),
        ("/v1/taxonomies/countries", "public, max-age=3600"),
        ("/embed/v1/widget.js", "public, max-age=3600"),
        ("/embed/demo", "public, max-age=300"),
        ("/fr/ressources/cote-d-ivoire", "public, max-age=300"),
    ],
)
def test_etag_and_304(client: TestClient, path: str, cache_control: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["cache-control"] == cache_control
    etag = first.headers["etag"]
    assert etag.removeprefix("W/").startswith('"') and etag.endswith('"')
    second = client.get(path)
    assert second.headers["etag"] == etag  # stable across requests
    cached = client.get(path, headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert cached.headers["etag"] == etag and cached.headers["cache-control"] == cache_control
    assert "content-length" not in cached.headers or cached.headers["content-length"] == "0"
    listed = client.get(path, headers={"If-None-Match": f'"nope", {etag}'})
    assert listed.status_code == 304
    stale = client.get(path, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.content.startswith(first.content[:40])


def test_search_etag_ignores_the_processing_time_but_not_the_results(client: TestClient) -> None:
    cacao = client.get("/v1/search", params={"q": "cacao"})
    assert cacao.headers["etag"].startswith('W/"')  # equal in meaning, not in bytes
    assert client.get("/v1/search", params={"q": "briques"}).headers["etag"] != cacao.headers["etag"]
    assert client.get("/v1/search", params={"q": "cacao", "page": 2}).headers["etag"] != cacao.headers["etag"]


def test_a_search_is_serialised_once_as_its_model_would_be(client: TestClient) -> None:
    """The route writes the answer's JSON without the processing time, digests it for the ETag, then appends the
    processing time: the body must still be exactly the response model's own JSON."""
    response = client.get("/v1/search", params=[("q", "cacao"), ("facets", "country")])
    answer = SearchResponse.model_validate_json(response.content)
    assert response.content == answer.model_dump_json().encode()
    assert response.headers["etag"] == weak_etag(answer.model_dump_json(exclude={"processing_time_ms"}))


def test_resource_etag_changes_with_the_resource(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    before = client.get("/v1/resources/country-ci.fr").headers["etag"]
    page_before = client.get("/fr/ressources/cote-d-ivoire").headers["etag"]
    with session_factory() as session:
        resource = session.get(Resource, "country-ci.fr")
        assert resource is not None
        resource.summary = "Changed."
        session.commit()
    response = client.get("/v1/resources/country-ci.fr", headers={"If-None-Match": before})
    assert response.status_code == 200 and response.headers["etag"] != before
    assert client.get("/fr/ressources/cote-d-ivoire", headers={"If-None-Match": page_before}).status_code == 200


def test_api_responses_vary_with_the_key(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    vary = {v.strip() for v in client.get("/v1/search").headers["vary"].split(",")}
    assert {"Authorization", "X-Crv-Key", "Origin"} <= vary
    secret = make_key(session_factory)
    private = client.get("/v1/search", headers={"Authorization": f"Bearer {secret}"})
    assert private.headers["cache-control"] == "private, max-age=60"  # shared caches keep no keyed answer


def test_keyed_results_have_their_own_etag(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    key = widget_key(session_factory, filters={"sector": ["cocoa"]})
    headers = {"Origin": "https://www.cocoa.example"}
    anonymous = client.get("/v1/search", headers=headers).headers["etag"]
    keyed = client.get("/v1/search", params={"key": key}, headers=headers | {"If-None-Match": anonymous})
    assert keyed.status_code == 200 and keyed.headers["etag"] != anonymous


def test_errors_and_writes_are_not_cached(client: TestClient) -> None:
    missing = client.get("/v1/resources/nope.fr")
    assert missing.status_code == 404 and "etag" not in missing.headers and "cache-control" not in missing.headers
    invalid = client.get("/v1/search", params={"page": 0})
    assert invalid.status_code == 422 and "etag" not in invalid.headers
    assert "etag" not in client.get("/healthz").headers
    assert "etag" not in client.post("/v1/search").headers


@pytest.mark.parametrize(
    ("header", "etag", "matches"),
    [
        ('"a"', '"a"', True),
        ('W/"a"', '"a"', True),
        ('"a"', 'W/"a"', True),
        ('"b", "a"', '"a"', True),
        ("*", '"a"', True),
        ('"b"', '"a"', False),
        ('"a', '"a"', False),
    ],
)
def test_etag_matching(header: str, etag: str, matches: bool) -> None:
    assert etag_matches(header, etag) is matches
