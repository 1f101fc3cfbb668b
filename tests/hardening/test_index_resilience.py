"""Items 3–5: the index heals, leases survive crashes, the drain backs off, /readyz tells the truth.

Rebuild while the API serves (with its in-process drain), ``kill -9`` of a real rebuild, an index whose files are
damaged, engine errors of every kind, an outbox that stops draining."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import OutboxEvent, SyncLease
from app.models.base import utcnow
from app.search.base import EngineHealth, SearchEngine, SearchQuery, SearchUnavailable
from app.search.guarded import GuardedEngine
from app.services import content as content_service
from app.services.leases import LEASE_SECONDS, WRITER_LEASE, acquire_lease, holder_is_gone
from app.services.sync import IndexBusy, OutboxDrain, rebuild_index
from app.taxonomy import Taxonomies
from tests.conftest import ROOT


def _load(session_factory: sessionmaker[Session], content_dir: Path) -> None:
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.commit()


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "CRV_DATABASE_URL": settings.database_url,
        "CRV_INDEX_DIR": str(settings.index_dir),
        "CRV_CONTENT_DIR": str(settings.content_dir),
    }


def test_a_rebuild_succeeds_while_the_api_serves_and_drains(
    settings: Settings,
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    _load(session_factory, content_dir)
    rebuild_index(session_factory, search_engine, taxonomies)
    serving = settings.model_copy(
        update={"sync_in_process": True, "sync_interval_seconds": 0.05, "rate_limit_enabled": False}
    )
    failures: list[int] = []
    stop = threading.Event()
    with TestClient(create_app(serving)) as client:

        def search_continuously() -> None:
            while not stop.is_set():
                status = client.get("/v1/search", params={"q": "cacao"}).status_code
                if status != 200:
                    failures.append(status)

        searcher = threading.Thread(target=search_continuously)
        searcher.start()
        try:
            deadline = time.monotonic() + 30
            while True:  # the drain applies what loading queued, then idles
                with session_factory() as session:
                    if session.scalar(select(func.count()).select_from(OutboxEvent)) == 0:
                        break
                assert time.monotonic() < deadline, "the drain never emptied the outbox"
                time.sleep(0.1)
            time.sleep(0.5)  # idle rounds of the drain
            with session_factory() as session:
                # idle: no writer lease held (the day's retention lease is, app.services.retention)
                assert session.scalar(select(func.count()).where(SyncLease.name == WRITER_LEASE)) == 0
            for _ in range(3):  # the probe's case: the rebuild never failed 5 of 5 times
                assert rebuild_index(session_factory, search_engine, taxonomies, wait_seconds=10) == 6
        finally:
            stop.set()
            searcher.join()
        assert client.get("/readyz").json()["status"] == "ready"
    assert failures == []


def test_a_rebuild_killed_with_sigkill_blocks_nobody(
    settings: Settings,
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    _load(session_factory, content_dir)
    script = textwrap.dedent(
        """
        import time
        from app.config import get_settings
        from app.db import make_engine, make_session_factory
        from app.search.factory import make_search_engine
        from app.services.sync import rebuild_index
        from app.taxonomy import load_taxonomies

        settings = get_settings()
        factory = make_session_factory(make_engine(settings.database_url))
        taxonomies = load_taxonomies(settings.content_dir)
        print("rebuilding", flush=True)
        rebuild_index(factory, make_search_engine(settings, taxonomies), taxonomies, lambda n: time.sleep(60))
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, env=_env(settings), stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "rebuilding"
        deadline = time.monotonic() + 30
        while True:  # wait until the child holds the lease and is inside the rebuild
            with session_factory() as session:
                holder = session.scalar(select(SyncLease.holder))
            if holder and f":{process.pid}:" in holder:
                break
            assert time.monotonic() < deadline, "the child never took the lease"
            time.sleep(0.1)
        with pytest.raises(IndexBusy):  # alive: its lease is respected
            rebuild_index(session_factory, search_engine, taxonomies, wait_seconds=0.5)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    with session_factory() as session:
        expires = session.scalar(select(SyncLease.expires_at))
        assert expires is not None  # the dead rebuild still "holds" the lease…
    assert holder_is_gone(holder)
    started = time.monotonic()
    assert rebuild_index(session_factory, search_engine, taxonomies, wait_seconds=5) == 6  # …taken over at once
    assert time.monotonic() - started < 3
    assert search_engine.search(SearchQuery(q="cacao")).total > 0


def test_a_lease_of_another_host_expires_within_seconds(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        assert acquire_lease(session, "elsewhere:1:abcd")
        assert not acquire_lease(session, "here:2:efgh")
        lease = session.scalar(select(SyncLease))
        assert lease is not None
        remaining = lease.expires_at.replace(tzinfo=utcnow().tzinfo) - utcnow()
        assert remaining <= timedelta(seconds=LEASE_SECONDS)
        session.execute(update(SyncLease).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
        assert acquire_lease(session, "here:2:efgh")


def _damage(index_dir: Path) -> None:
    """The live generation's segments without their term dictionaries and postings (a restore that copied part of
    it). Not truncated files: tantivy reads them through memory maps, and a truncated file whose last bytes still
    parse as a footer is read past its end — a SIGBUS that kills the process, no exception to answer 503 with (a
    CI worker died so, once in many runs). A missing file fails the index's opening, every time."""
    generation = (index_dir / "CURRENT").read_text().strip()
    for path in (index_dir / generation).iterdir():
        if path.suffix in (".term", ".idx"):
            path.unlink()


def test_a_damaged_index_is_a_503_and_one_command_heals_it_while_serving(
    settings: Settings,
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    _load(session_factory, content_dir)
    rebuild_index(session_factory, search_engine, taxonomies)
    search_engine.close()
    _damage(settings.index_dir)
    serving = settings.model_copy(update={"sync_in_process": True, "sync_interval_seconds": 0.05})
    with TestClient(create_app(serving)) as client:
        response = client.get("/v1/search", params={"q": "cacao"})
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200
        healed = subprocess.run(
            [str(Path(sys.executable).parent / "crv"), "index", "rebuild"],
            cwd=ROOT,
            env=_env(settings),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert healed.returncode == 0, healed.stderr
        assert client.get("/v1/search", params={"q": "cacao"}).status_code == 200
        assert client.get("/readyz").status_code == 200


class PanicException(BaseException):
    """What a Rust panic in tantivy surfaces as (pyo3's PanicException is a BaseException)."""


class BrokenEngine:
    name = "broken"

    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.closed = 0

    def apply_settings(self) -> None: ...

    def index(self, documents: object) -> None:
        raise self.error

    def delete(self, ids: object) -> None:
        raise self.error

    def writing(self) -> AbstractContextManager[None]:
        return nullcontext()

    def search(self, query: SearchQuery) -> object:
        raise self.error

    def rebuild(self, documents: object) -> int:
        raise self.error

    def health(self) -> EngineHealth:
        return EngineHealth(ok=True, engine=self.name, documents=1)

    def close(self) -> None:
        self.closed += 1


@pytest.mark.parametrize(
    "error",
    [PanicException("Corrupted data. Invalid VInt 32"), ValueError("meta.json"), OSError("gone"), KeyError("x")],
    ids=["panic", "value", "os", "other"],
)
def test_every_engine_error_is_unavailable_and_unhealthy_until_it_works(error: BaseException) -> None:
    inner = BrokenEngine(error)
    engine = GuardedEngine(inner)  # type: ignore[arg-type]
    assert engine.health().ok
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(q="x"))
    assert inner.closed == 1  # reopened on the next call
    assert not engine.health().ok  # the probe search fails too
    inner.search = lambda query: object()  # type: ignore[method-assign]
    assert engine.health().ok


def test_keyboard_interrupt_is_not_an_engine_error() -> None:
    with pytest.raises(KeyboardInterrupt):
        GuardedEngine(BrokenEngine(KeyboardInterrupt())).search(SearchQuery())  # type: ignore[arg-type]


def test_the_drain_backs_off_on_any_engine_error(
    session_factory: sessionmaker[Session], content_dir: Path, taxonomies: Taxonomies
) -> None:
    _load(session_factory, content_dir)
    engine = GuardedEngine(BrokenEngine(PanicException("Invalid VInt")))  # type: ignore[arg-type]
    drain = OutboxDrain(session_factory, engine, taxonomies)
    report = drain.drain_all()
    assert report.failed
    with session_factory() as session:
        events = list(session.scalars(select(OutboxEvent)))
        assert events and all(e.attempts == 1 and e.last_error for e in events)
        assert all(e.available_at.replace(tzinfo=utcnow().tzinfo) > utcnow() for e in events)
        assert session.scalar(select(func.count()).select_from(SyncLease)) == 0  # given back after the failure
    assert drain.drain_all().events == 0  # postponed: nothing to retry yet, so no retry storm


def test_readyz_is_not_ready_when_the_outbox_lags(
    settings: Settings, session_factory: sessionmaker[Session], content_dir: Path, search_engine: SearchEngine
) -> None:
    with TestClient(create_app(settings.model_copy(update={"readiness_max_outbox_lag_seconds": 60}))) as client:
        assert client.get("/readyz").status_code == 200
        _load(session_factory, content_dir)  # outbox rows, not drained (no drain in this app)
        assert client.get("/readyz").status_code == 200  # fresh: within the threshold
        with session_factory() as session:
            session.execute(update(OutboxEvent).values(created_at=utcnow() - timedelta(minutes=5)))
            session.commit()
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["outbox_lagging"] is True
