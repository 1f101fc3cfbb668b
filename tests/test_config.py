"""Settings: the public base URL defaults to the address served."""

import pytest

from app.config import Settings


@pytest.mark.parametrize(
    ("options", "base"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"port": 8200}, "http://127.0.0.1:8200"),
        ({"host": "0.0.0.0", "port": 9000}, "http://127.0.0.1:9000"),
        ({"host": "::1"}, "http://[::1]:8000"),
        ({"public_base_url": "https://crv.example.org/"}, "https://crv.example.org"),
    ],
)
def test_public_base_url(monkeypatch: pytest.MonkeyPatch, options: dict[str, object], base: str) -> None:
    for name in ("CRV_HOST", "CRV_PORT", "CRV_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert Settings(**options).public_base_url == base  # type: ignore[arg-type]


def test_one_search_at_a_time_by_default_when_each_worker_has_a_core_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.config.os.sched_getaffinity", lambda pid: {0, 1})
    assert Settings(workers=1).concurrent_searches() is None  # its searches use both cores
    assert Settings(workers=2).concurrent_searches() == 1
    assert Settings(workers=4).concurrent_searches() == 1
    assert Settings(workers=1, search_concurrency=3).concurrent_searches() == 3


def test_facets_are_counted_beside_the_page_by_a_worker_with_cores_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.config.os.sched_getaffinity", lambda pid: {0, 1})
    assert Settings(workers=1).facet_threads() == 1
    assert Settings(workers=2).facet_threads() == 0  # its searches take turns on its one core
    assert Settings(workers=1, search_concurrency=2).facet_threads() == 0
    monkeypatch.setattr("app.config.os.sched_getaffinity", lambda pid: set(range(8)))
    assert Settings(workers=2).facet_threads() == 3
