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
from app.services import access
from app.services.access import KeySource, client_bucket, normalise_origin, presented_key
from tests.helpers import widget_key


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
        ("testclient", "testclient"),
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


def test_presented_key_sources() -> None:
    assert presented_key({}, {}) is None
    assert presented_key({"authorization": "Bearer abc"}, {}) == access.PresentedKey("abc", KeySource.authorization)
    assert presented_key({"x-crv-key": " abc "}, {"key": ["abc"]}) == access.PresentedKey("abc", KeySource.header)
    assert presented_key({}, {"key": ["", "abc"]}) == access.PresentedKey("abc", KeySource.query)
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
