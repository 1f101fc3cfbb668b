"""Meilisearch's internal address never reaches the public. When Meilisearch could not be reached, the search routes'
503 problem (its ``detail``) and ``/readyz`` (a page anyone may ask for: ``app.policy.page``) repeated the HTTP
client's message, « HTTPConnectionPool(host='meilisearch', port=7700): Max retries exceeded with url:
/multi-search … »; a 502 with an empty body (a proxy in front of Meilisearch) gave « 502 Server Error: Bad Gateway
for url: http://meilisearch:7700/multi-search ». Now they say what failed and why, without the address, which the
operator still reads in the log line ``search_engine_error`` (its ``cause``)."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.helpers import free_port
from tests.search.meili_stub import Reply, StubMeili, serve_stub

pytestmark = pytest.mark.database_agnostic

SEARCH_ROUTES = (
    "/v1/search?q=cacao",
    "/v1/suggest?q=cac",
    "/v1/facet-search?facet=country&facet_q=c",
)


@pytest.fixture
def meili_stub() -> Iterator[StubMeili]:
    yield from serve_stub()


def on_meilisearch(settings: Settings, url: str) -> Settings:
    return settings.model_copy(
        update={"search_backend": "meilisearch", "meili_url": url, "search_timeout_seconds": 2.0}
    )


def assert_no_address(text: str, host: str, port: int) -> None:
    assert host not in text and str(port) not in text and "http://" not in text, text


def test_an_unreachable_meilisearch_is_a_503_that_names_no_internal_address(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()  # nothing listens there: the connection is refused
    with TestClient(create_app(on_meilisearch(settings, f"http://127.0.0.1:{port}"))) as client:
        for route in SEARCH_ROUTES:
            response = client.get(route)
            assert response.status_code == 503 and response.headers["retry-after"] == "5"
            detail = response.json()["detail"]
            assert "meilisearch unreachable during search: Connection refused" in detail
            assert_no_address(response.text, "127.0.0.1", port)
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["search_detail"] == "meilisearch unreachable during health check: Connection refused"
    assert_no_address(ready.text, "127.0.0.1", port)
    # The operator's log line keeps the client's message, address included.
    logged = [line for line in capsys.readouterr().out.splitlines() if "search_engine_error" in line]
    assert logged and all(f"port={port}" in line for line in logged)


def test_a_proxy_answering_502_for_meilisearch_is_a_503_that_names_no_internal_address(
    settings: Settings, meili_stub: StubMeili, capsys: pytest.CaptureFixture[str]
) -> None:
    port = int(meili_stub.url.rsplit(":", 1)[1])
    with TestClient(create_app(on_meilisearch(settings, meili_stub.url))) as client:
        # An empty body: the client's message is requests' « 502 Server Error: Bad Gateway for url: http://… ».
        meili_stub.on("POST", "/multi-search", Reply(502, None))
        response = client.get("/v1/search", params={"q": "cacao"})
        assert response.status_code == 503
        assert "meilisearch search failed: HTTP 502" in response.json()["detail"]
        assert_no_address(response.text, "127.0.0.1", port)
        # A proxy's own page, which may name the upstream it could not reach.
        meili_stub.on("GET", "/health", Reply(502, f"<html>upstream http://127.0.0.1:{port} is down</html>"))
        ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["search_detail"] == "meilisearch health check failed: HTTP 502"
    assert_no_address(ready.text, "127.0.0.1", port)
    logged = [line for line in capsys.readouterr().out.splitlines() if "search_engine_error" in line]
    assert any(f"127.0.0.1:{port}/multi-search" in line for line in logged)


def test_meilisearch_own_errors_still_say_what_went_wrong(settings: Settings, meili_stub: StubMeili) -> None:
    with TestClient(create_app(on_meilisearch(settings, meili_stub.url))) as client:
        meili_stub.on(
            "POST",
            "/multi-search",
            Reply(401, {"message": "The provided API key is invalid.", "code": "invalid_api_key", "type": "auth"}),
        )
        response = client.get("/v1/search", params={"q": "cacao"})
    assert response.status_code == 503
    assert "HTTP 401 invalid_api_key: The provided API key is invalid." in response.json()["detail"]
