"""Items 9 and 10: request ids, JSON logs, Prometheus metrics, truthful 405s."""

import json
import logging

import pytest
import structlog
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from tests.helpers import make_key, metrics_headers


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    ids = set()
    for path in ("/healthz", "/v1/search?q=cacao", "/v1/nowhere", "/v1/my/resources", "/v1/search?q=%00"):
        response = client.get(path)
        ids.add(response.headers["X-Request-ID"])
    assert len(ids) == 5
    echoed = client.get("/healthz", headers={"X-Request-ID": "abc-123.trace"})
    assert echoed.headers["X-Request-ID"] == "abc-123.trace"
    forged = client.get("/healthz", headers={"X-Request-ID": "a b\tinjected"})
    assert forged.headers["X-Request-ID"] != "a b\tinjected"


def test_json_logs_carry_the_request_id(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(settings.model_copy(update={"log_format": "json"}))

    @app.get("/probe-log")
    def probe() -> dict[str, str]:
        structlog.get_logger("probe").info("probe_line", answer=42)
        logging.getLogger("uvicorn.error").warning("stdlib line")
        return {}

    handler = logging.StreamHandler()
    logging.getLogger("uvicorn.error").addHandler(handler)
    try:
        with TestClient(app) as client:
            create_app(settings.model_copy(update={"log_format": "json"}))  # formats the new handler too
            capsys.readouterr()
            response = client.get("/probe-log", headers={"X-Request-ID": "req-42"})
    finally:
        logging.getLogger("uvicorn.error").removeHandler(handler)
    output = capsys.readouterr()
    lines = [json.loads(line) for line in (output.out + output.err).splitlines() if line.startswith("{")]
    probe_line = next(line for line in lines if line["event"] == "probe_line")
    assert probe_line["request_id"] == response.headers["X-Request-ID"] == "req-42"
    assert probe_line["answer"] == 42 and probe_line["level"] == "info"
    stdlib_line = next(line for line in lines if line["event"] == "stdlib line")
    assert stdlib_line["request_id"] == "req-42"


def test_unexpected_errors_are_logged_plainly_with_the_request_id(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as client:
        capsys.readouterr()
        response = client.get("/boom", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["X-Request-ID"] == "boom-1"
    output = capsys.readouterr().out
    assert "request_id=boom-1" in output and "RuntimeError: kaboom" in output
    assert "│" not in output  # no rich box-drawing traceback


def test_an_unexpected_error_on_a_page_is_a_page_in_its_language_with_the_reference_to_give(
    settings: Settings,
) -> None:
    app = create_app(settings.model_copy(update={"contact_email": "aide@example.org"}))

    @app.get("/fr/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    @app.get("/en/boom-db")
    def database_down() -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/fr/boom", headers={"X-Request-ID": "boom-2"})
        unavailable = client.get("/en/boom-db", headers={"Accept": "text/html"})
    assert page.status_code == 500 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["X-Request-ID"] == "boom-2"
    assert "<h1>Une erreur s’est produite</h1>" in page.text
    assert "aide@example.org" in page.text and "boom-2" in page.text and "kaboom" not in page.text
    assert unavailable.status_code == 503 and unavailable.headers["Retry-After"] == "5"
    assert "<h1>The centre is unavailable for a moment</h1>" in unavailable.text


def test_metrics_need_the_metrics_scope(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    anonymous = client.get("/metrics")
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == "application/problem+json"
    writer = client.get("/metrics", headers={"Authorization": f"Bearer {make_key(session_factory)}"})
    assert writer.status_code == 403 and 'scope="metrics"' in writer.headers["WWW-Authenticate"]
    assert "crv_http_requests_total" not in anonymous.text + writer.text


def test_metrics_are_in_the_prometheus_format(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    client.get("/v1/search", params={"q": "cacao"})
    response = client.get("/metrics", headers=metrics_headers(session_factory))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    text = response.text
    for name in (
        "crv_http_requests_total",
        "crv_http_request_duration_seconds_bucket",
        "crv_outbox_pending",
        "crv_outbox_oldest_seconds",
        "crv_search_engine_errors_total",
        "crv_quota_refusals_total",
    ):
        assert f"# TYPE {name.removesuffix('_total').removesuffix('_bucket')}" in text, name
    assert 'route="/v1/search"' in text


def test_405_names_every_allowed_method(client: TestClient) -> None:
    response = client.delete("/v1/resources")  # POST (publishing) only
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == {"POST"}
    response = client.post("/v1/resources/some-id")  # GET (public read), PUT and PATCH (publishing)
    assert response.status_code == 405
    assert {"GET", "HEAD", "PUT", "PATCH"} <= set(response.headers["Allow"].split(", "))
