"""Quotas per key and per client address, counted in memory and in a real Redis (CRV_TEST_REDIS_URL)."""

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.cli import uvicorn_options
from app.config import Settings
from app.main import create_app
from tests.helpers import make_key, widget_key

REDIS_URL = os.environ.get("CRV_TEST_REDIS_URL")
SITE = "https://www.cocoa.example"
pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.fixture(
    params=[
        pytest.param("memory", id="memory"),
        pytest.param(
            "redis",
            id="redis",
            marks=pytest.mark.skipif(not REDIS_URL, reason="set CRV_TEST_REDIS_URL to test quotas on Redis"),
        ),
    ]
)
def quota_settings(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Settings]:
    """Small quotas; on Redis, a namespace of this test's own, deleted afterwards."""
    namespace = f"crv-test-{uuid.uuid4().hex[:12]}"
    yield settings.model_copy(
        update={
            "redis_url": REDIS_URL if request.param == "redis" else None,
            "rate_limit_namespace": namespace,
            "anonymous_requests_per_minute": 3,
            "key_requests_per_minute": 5,
            "visitor_requests_per_minute": 2,
        }
    )
    if request.param == "redis":
        assert REDIS_URL
        connection = redis.Redis.from_url(REDIS_URL)
        stale = list(connection.scan_iter(match=f"{namespace}:*"))
        if stale:
            connection.delete(*stale)
        connection.close()


@pytest.fixture
def app(quota_settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[FastAPI]:
    application = create_app(quota_settings)
    with TestClient(application):  # runs the lifespan once; the clients below share its state
        yield application


def client_at(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, client=(address, 40000))


def test_anonymous_quota_per_address(app: FastAPI) -> None:
    first = client_at(app, "203.0.113.7")
    remaining = []
    for _ in range(3):
        response = first.get("/v1/search", params={"q": "cacao"})
        assert response.status_code == 200
        assert response.headers["ratelimit-limit"] == "3"
        assert response.headers["ratelimit-policy"] == '3;w=60;comment="anonymous"'
        assert 0 < int(response.headers["ratelimit-reset"]) <= 60
        remaining.append(int(response.headers["ratelimit-remaining"]))
    assert remaining == [2, 1, 0]
    refused = first.get("/v1/search", params={"q": "cacao"}, headers={"Origin": "https://any.example"})
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["status"] == 429 and problem["type"] == "/problems/rate-limited"
    retry_after = int(refused.headers["retry-after"])
    assert 1 <= retry_after <= 60 and f"retry in {retry_after} s" in problem["detail"]
    assert refused.headers["ratelimit-remaining"] == "0"
    assert refused.headers["access-control-allow-origin"] == "*"  # the widget can read it and its Retry-After
    assert "Retry-After" in refused.headers["access-control-expose-headers"]
    # Every /v1 route counts; another address has its own quota; health checks and pages don't count.
    assert first.get("/v1/taxonomies/sectors").status_code == 429
    assert first.get("/healthz").status_code == 200
    assert first.get("/fr/ressources/cote-d-ivoire").status_code == 200
    assert client_at(app, "203.0.113.8").get("/v1/search").status_code == 200


def test_ipv6_clients_share_their_64(app: FastAPI) -> None:
    for suffix in ("1", "2", "3"):
        assert client_at(app, f"2001:db8:1:2::{suffix}").get("/v1/search").status_code == 200
    assert client_at(app, "2001:db8:1:2::ffff").get("/v1/search").status_code == 429
    assert client_at(app, "2001:db8:1:3::1").get("/v1/search").status_code == 200


def test_publishable_key_quota_per_visitor_and_per_key(app: FastAPI, session_factory: sessionmaker[Session]) -> None:
    key = widget_key(session_factory, origins=[SITE], rate_limit_per_minute=3)
    headers = {"Origin": SITE}
    visitor = client_at(app, "198.51.100.1")
    for _ in range(2):
        ok = visitor.get("/v1/search", params={"key": key}, headers=headers)
        assert ok.status_code == 200
        assert ok.headers["ratelimit-policy"] == '2;w=60;comment="visitor", 3;w=60;comment="key"'
    refused = visitor.get("/v1/search", params={"key": key}, headers=headers)
    assert refused.status_code == 429 and "this visitor" in refused.json()["detail"]
    assert refused.headers["access-control-allow-origin"] == SITE
    # The refused visitor did not eat into the key's quota: one more visitor may search once, then the key is spent.
    second = client_at(app, "198.51.100.2")
    last = second.get("/v1/search", params={"key": key}, headers=headers)
    assert last.status_code == 200 and last.headers["ratelimit-remaining"] == "0"
    spent = second.get("/v1/search", params={"key": key}, headers=headers)
    assert spent.status_code == 429 and "this key" in spent.json()["detail"]
    assert spent.headers["ratelimit-limit"] == "3"
    # Anonymous use from the same address is counted apart.
    assert second.get("/v1/search").status_code == 200


def test_secret_key_quota(app: FastAPI, session_factory: sessionmaker[Session]) -> None:
    key = make_key(session_factory)  # no own limit: key_requests_per_minute (5)
    headers = {"Authorization": f"Bearer {key}"}
    clients = [client_at(app, f"192.0.2.{n}") for n in range(5)]
    for c in clients:
        response = c.get("/v1/search", headers=headers)
        assert response.status_code == 200 and response.headers["ratelimit-policy"] == '5;w=60;comment="key"'
    assert client_at(app, "192.0.2.99").get("/v1/search", headers=headers).status_code == 429


def test_a_server_key_with_the_search_scope_reads_under_its_own_quota(
    app: FastAPI, session_factory: sessionmaker[Session]
) -> None:
    """A harvest from a server: past the anonymous quota, the 429 says how to get a key and what it gives; a secret
    key whose only scope is search then reads from the same address under its own quota, with no Origin, no CORS
    and nothing to write with."""
    harvester = client_at(app, "203.0.113.90")
    for _ in range(3):
        assert harvester.get("/v1/search", params={"q": "cacao"}).status_code == 200
    refused = harvester.get("/v1/search", params={"q": "cacao"})
    assert refused.status_code == 429
    detail = refused.json()["detail"]
    assert "The quota of 3 requests per minute for this address is used up" in detail
    assert "A key has a quota of its own, 5 requests per minute" in detail  # CRV_KEY_REQUESTS_PER_MINUTE
    assert "secret key (crv_sk_…) with the scope search, sent as `Authorization: Bearer <key>`" in detail
    assert "2 per visitor" in detail and detail.endswith("Ask the centre for one: http://testserver/en/api#api-keys")

    key = make_key(session_factory, "harvester", "search")
    assert key.startswith("crv_sk_")
    headers = {"Authorization": f"Bearer {key}"}
    for path in ("/v1/search", "/v1/export", "/v1/feed.atom", "/v1/taxonomies/countries", "/v1/findings"):
        read = harvester.get(path, headers=headers)
        assert read.status_code == 200, path
        assert read.headers["ratelimit-policy"] == '5;w=60;comment="key"'
        assert "access-control-allow-origin" not in read.headers
    spent = harvester.get("/v1/search", headers=headers)
    assert spent.status_code == 429 and "for this key" in spent.json()["detail"]
    assert "A key has a quota of its own" not in spent.json()["detail"]  # it has one


def test_a_server_key_with_the_search_scope_writes_nothing(
    app: FastAPI, session_factory: sessionmaker[Session]
) -> None:
    headers = {"Authorization": f"Bearer {make_key(session_factory, 'harvester', 'search')}"}
    c = client_at(app, "203.0.113.91")
    assert c.get("/v1/my/resources", headers=headers).status_code == 403
    assert c.get("/metrics", headers=headers).status_code == 403


def test_a_publishable_key_without_an_origin_points_a_server_to_a_secret_key(
    app: FastAPI, session_factory: sessionmaker[Session]
) -> None:
    refused = client_at(app, "203.0.113.92").get("/v1/search", params={"key": widget_key(session_factory)})
    assert refused.status_code == 403
    assert "A server or a script reads with a secret key (crv_sk_…, scope search)" in refused.json()["detail"]


def test_preflights_and_refused_keys_are_not_counted(app: FastAPI) -> None:
    c = client_at(app, "203.0.113.50")
    for _ in range(5):
        preflight = c.options("/v1/search", headers={"Origin": SITE, "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 204
        assert c.get("/v1/search", params={"key": "crv_pk_00000000_" + "0" * 64}).status_code == 401
    assert c.get("/v1/search").headers["ratelimit-remaining"] == "2"


def test_quota_headers_on_304(app: FastAPI) -> None:
    c = client_at(app, "203.0.113.60")
    first = c.get("/v1/search", params={"q": "cacao"})
    again = c.get("/v1/search", params={"q": "cacao"}, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["ratelimit-remaining"] == "1"


@pytest.mark.parametrize("strategy", ["fixed-window", "moving-window"])
def test_strategies(settings: Settings, session_factory: sessionmaker[Session], strategy: str) -> None:
    limited = settings.model_copy(update={"rate_limit_strategy": strategy, "anonymous_requests_per_minute": 1})
    with TestClient(create_app(limited)) as c:
        assert c.get("/v1/search").status_code == 200
        assert c.get("/v1/search").status_code == 429


def test_quotas_can_be_disabled(settings: Settings, session_factory: sessionmaker[Session]) -> None:
    off = settings.model_copy(update={"rate_limit_enabled": False, "anonymous_requests_per_minute": 1})
    with TestClient(create_app(off)) as c:
        for _ in range(3):
            response = c.get("/v1/search")
            assert response.status_code == 200 and "ratelimit-limit" not in response.headers


def test_redis_down_fails_open(settings: Settings, session_factory: sessionmaker[Session]) -> None:
    down = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0", "anonymous_requests_per_minute": 1})
    with TestClient(create_app(down)) as c:
        for _ in range(3):
            response = c.get("/v1/search")
            assert response.status_code == 200 and "ratelimit-limit" not in response.headers


def test_counters_live_in_the_configured_store(app: FastAPI, quota_settings: Settings) -> None:
    assert client_at(app, "203.0.113.70").get("/v1/search").status_code == 200
    if quota_settings.redis_url is None:
        return
    connection = redis.Redis.from_url(quota_settings.redis_url)
    try:
        stored = [k.decode() for k in connection.scan_iter(match=f"{quota_settings.rate_limit_namespace}:*")]
    finally:
        connection.close()
    assert stored and all("203.0.113.70" in k for k in stored)
    # Another app process sharing the Redis shares the counters.
    with TestClient(create_app(quota_settings), client=("203.0.113.70", 1)) as other:
        assert other.get("/v1/search").headers["ratelimit-remaining"] == "1"


@pytest.mark.parametrize(("trusted", "rotating_escapes"), [("", False), ("127.0.0.1", True)])
def test_forwarded_for_is_believed_from_configured_proxies_only(
    quota_settings: Settings, session_factory: sessionmaker[Session], trusted: str, rotating_escapes: bool
) -> None:
    """Served as `crv serve` serves it (uvicorn's options from the settings): a client rotating X-Forwarded-For
    stays on its own quota unless it is a configured proxy."""
    settings = quota_settings.model_copy(update={"forwarded_allow_ips": trusted})
    options = uvicorn_options(settings)
    del options["workers"]
    config = uvicorn.Config(create_app(settings), log_config=None, **options)
    config.load()
    with TestClient(config.loaded_app, client=("127.0.0.1", 5000)) as c:
        statuses = [c.get("/v1/search", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(6)]
        spoofed = [c.get("/v1/search", headers={"X-Forwarded-For": "not-an-address"}).status_code for _ in range(4)]
    assert (set(statuses) == {200}) is rotating_escapes
    assert 429 in spoofed  # a string that is not an address is no identity of its own
