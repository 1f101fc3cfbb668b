"""The rules behind embedding, one function at a time, and a key whose restriction can't be read."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import BadRequest, Unauthorized
from app.filters import parse_fixed_filters
from app.models import ApiKey
from app.search.base import FilterField
from app.services.access import KeySource, PresentedKey, presented_key
from app.services.origins import OriginError, normalise_origin, parse_allowed_origin
from app.services.principal import client_bucket
from tests.helpers import make_key, widget_key


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("https://www.example.org", "https://www.example.org"),
        ("HTTPS://WWW.Example.ORG:443/", "https://www.example.org"),
        ("http://example.org:80", "http://example.org"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("https://example.org:8443/path?q=1", "https://example.org:8443"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("null", None),
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("https://", None),
        ("https://example.org:99999", None),
        ("", None),
    ],
)
def test_normalise_origin(raw: str, origin: str | None) -> None:
    assert normalise_origin(raw) == origin


@pytest.mark.parametrize(
    ("host", "bucket"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        (None, "unknown"),
        ("testclient", "unknown"),  # only an IP address is an identity
        ("203.0.113.9, 198.51.100.1", "unknown"),
        ("x" * 200, "unknown"),
    ],
)
def test_client_bucket(host: str | None, bucket: str) -> None:
    assert client_bucket(host) == bucket


def test_parse_fixed_filters() -> None:
    assert parse_fixed_filters({"sector": ["Cocoa ", "cocoa"], "country": ["ci"]}) == {
        FilterField.sector: ("cocoa",),
        FilterField.country: ("CI",),
    }
    assert parse_fixed_filters(None) == {} and parse_fixed_filters({}) == {}
    assert parse_fixed_filters({"lang": "fr"}) == {FilterField.lang: ("fr",)}


@pytest.mark.parametrize("raw", [["sector"], {"colour": ["red"]}, {"sector": []}, {"sector": [1]}, {"sector": [""]}])
def test_unreadable_fixed_filters_raise(raw: Any) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies with the mistake
        parse_fixed_filters(raw)


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("https://www.example.org", "https://www.example.org"),
        ("https://www.example.org/", "https://www.example.org"),
        ("HTTPS://Example.ORG:443", "https://example.org"),
        ("https://a.org/path", None),
        ("https://a.org?q=1", None),
        ("https://user@a.org", None),
        ("*", None),
        ("null", None),
    ],
)
def test_parse_origin(raw: str, origin: str | None) -> None:
    """A key's allowed origins are normalised as the requests' Origin is."""
    if origin is None:
        with pytest.raises(OriginError):
            parse_allowed_origin(raw)
    else:
        assert parse_allowed_origin(raw) == origin == normalise_origin(raw)


def test_presented_key_sources() -> None:
    assert presented_key({}, {}) is None
    assert presented_key({"authorization": "Bearer abc"}, {}) == PresentedKey(
        "abc", frozenset({KeySource.authorization})
    )
    both = PresentedKey("abc", frozenset({KeySource.header, KeySource.query}))
    assert presented_key({"x-crv-key": " abc "}, {"key": ["abc"]}) == both
    assert presented_key({}, {"key": ["", "abc"]}) == PresentedKey("abc", frozenset({KeySource.query}))
    with pytest.raises(BadRequest):
        presented_key({"x-crv-key": "abc"}, {"key": ["def"]})
    with pytest.raises(Unauthorized):
        presented_key({"authorization": "Basic dXNlcjpwYXNz"}, {})


@pytest.mark.usefixtures("loaded")
def test_a_key_with_an_unreadable_restriction_is_refused(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    token = widget_key(session_factory, filters={"sector": ["cocoa"]})
    with session_factory() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.prefix == token[:15])).one()
        key.fixed_filters = {"colour": ["red"]}
        session.commit()
    response = client.get("/v1/search", params={"key": token}, headers={"Origin": "https://www.cocoa.example"})
    assert response.status_code == 403 and "misconfigured" in response.json()["detail"]


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("where", ["query", "x-crv-key"])
def test_a_secret_key_seen_outside_the_header_is_refused_even_with_the_header(
    client: TestClient, session_factory: sessionmaker[Session], where: str
) -> None:
    token = make_key(session_factory)
    headers = {"Authorization": f"Bearer {token}"}
    params = {}
    if where == "query":
        params["key"] = token
    else:
        headers["X-Crv-Key"] = token
    response = client.get("/v1/my/resources", headers=headers, params=params)
    detail = response.json()["detail"]
    assert response.status_code == 401 and "only accepted in the Authorization header" in detail
    # in a URL it is written into logs and Referer: leaked; a server's header is only the wrong one
    assert ("Revoke this key" in detail) is (where == "query"), detail
    assert ("leaks" in detail) is (where == "query"), detail
    assert client.get("/v1/my/resources", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.usefixtures("loaded")
def test_a_secret_key_in_the_header_alone_is_told_the_header_to_use(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """A server that sends its secret key as X-Crv-Key is refused with the header to use, not told it leaked; the
    same header from a web page (its Origin) has put the key in the page's code: leaked."""
    token = make_key(session_factory)
    server = client.get("/v1/search", headers={"X-Crv-Key": token})
    assert server.status_code == 401 and server.headers["www-authenticate"] == "Bearer"
    assert "send it as `Authorization: Bearer <key>`, without the X-Crv-Key header" in server.json()["detail"]
    assert "leak" not in server.json()["detail"] and "Revoke" not in server.json()["detail"]
    page = client.get("/v1/search", headers={"X-Crv-Key": token, "Origin": "https://www.example.org"})
    assert page.status_code == 401 and "Revoke this key" in page.json()["detail"]
