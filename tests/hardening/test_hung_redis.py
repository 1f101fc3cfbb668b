"""Item 6: a hung Redis (accepts connections, never answers) costs one timeout, not one per request."""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.services.breaker import CircuitBreaker
from tests.helpers import metrics_headers


@pytest.fixture
def hung_redis() -> Iterator[str]:
    """A TCP server that accepts connections and never answers a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_hung_redis_costs_one_timeout_then_requests_skip_it(
    settings: Settings,
    session_factory: sessionmaker[Session],
    hung_redis: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hung = settings.model_copy(update={"redis_url": hung_redis, "redis_timeout_seconds": 0.3})
    with TestClient(create_app(hung)) as client:
        capsys.readouterr()
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            response = client.get("/v1/taxonomies/sectors")
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200  # fail open
            assert "RateLimit-Limit" not in response.headers
        metrics = client.get("/metrics", headers=metrics_headers(session_factory)).text
    assert timings[0] >= 0.3  # the first request waited for the store…
    later = sorted(timings[1:])
    assert later[len(later) // 2] < 0.1, timings  # …the others did not (p50 was 564 ms with Redis stopped)
    output = capsys.readouterr().out
    assert output.count("circuit_opened") == 1
    assert output.count("quota_store_unavailable") == 1
    assert "crv_quota_store_breaker_open 1.0" in metrics


def test_the_breaker_retries_after_its_cooldown() -> None:
    now = [0.0]
    breaker = CircuitBreaker("store", cooldown_seconds=30, clock=lambda: now[0])
    assert breaker.allow()
    breaker.failed("timeout")
    assert not breaker.allow()
    now[0] = 29.9
    assert not breaker.allow()
    now[0] = 30.0
    assert breaker.allow()  # one trial call…
    assert not breaker.allow()  # …at a time
    breaker.failed("timeout again")
    now[0] = 59.0
    assert not breaker.allow()
    now[0] = 60.0
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.allow() and breaker.allow() and not breaker.is_open
