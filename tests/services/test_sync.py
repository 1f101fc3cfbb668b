"""The outbox drain: every change reaches the index, failures back off, a crash loses nothing."""

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tantivy
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import OutboxEvent, Resource, ResourceStatus, SyncLease
from app.search.base import SearchDocument, SearchEngine, SearchQuery, SearchUnavailable
from app.services import content as content_service
from app.services import leases, sync
from app.services.sync import OutboxDrain, acquire_lease, outbox_lag, rebuild_index, release_lease
from app.taxonomy import Taxonomies


def indexed_ids(engine: SearchEngine) -> set[str]:
    return {hit.document.id for hit in engine.search(SearchQuery(per_page=100)).hits}


def published_ids(session: Session) -> set[str]:
    return set(session.scalars(select(Resource.id).where(Resource.status == ResourceStatus.published)))


def load(session_factory: sessionmaker[Session], content_dir: Path) -> None:
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.commit()


def test_every_write_leaves_an_outbox_row_in_its_transaction(
    session_factory: sessionmaker[Session], content_dir: Path
) -> None:
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.rollback()
        assert session.scalar(select(func.count(OutboxEvent.id))) == 0
    load(session_factory, content_dir)
    with session_factory() as session:
        assert set(session.scalars(select(OutboxEvent.resource_id))) == published_ids(session)
        resource = session.get(Resource, "country-ci.fr")
        assert resource is not None
        resource.title = resource.title  # no net change: no event
        session.commit()
        assert session.scalar(select(func.count(OutboxEvent.id))) == 6


def test_drain_indexes_updates_and_removes(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    load(session_factory, content_dir)
    drain = OutboxDrain(session_factory, search_engine, taxonomies, batch_size=4)
    report = drain.drain_all()
    assert (report.events, report.indexed) == (6, 6)
    with session_factory() as session:
        assert indexed_ids(search_engine) == published_ids(session)
        assert outbox_lag(session).pending == 0
        resource = session.get(Resource, "country-pk.en")
        assert resource is not None
        resource.status = ResourceStatus.archived
        session.commit()
    assert drain.drain_all().deleted == 1
    assert "country-pk.en" not in indexed_ids(search_engine)


class FlakyEngine:
    """Wraps a real engine and fails its writes while ``down`` is set (a Meilisearch outage)."""

    def __init__(self, inner: SearchEngine) -> None:
        self.inner = inner
        self.down = True
        self.name = inner.name

    def index(self, documents: Iterable[SearchDocument]) -> None:
        if self.down:
            raise SearchUnavailable("connection refused")
        self.inner.index(documents)

    def delete(self, ids: list[str]) -> None:
        self.inner.delete(ids)

    def writing(self) -> AbstractContextManager[None]:
        return self.inner.writing()


def test_failed_batch_backs_off_and_is_retried(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load(session_factory, content_dir)
    flaky = FlakyEngine(search_engine)
    drain = OutboxDrain(session_factory, flaky, taxonomies)  # type: ignore[arg-type]
    # The drain's clock stopped: on a loaded machine the first back-off (2 s) could pass before it is checked.
    stopped = datetime.now(UTC)
    monkeypatch.setattr(sync, "utcnow", lambda: stopped)
    assert drain.drain_all().failed
    with session_factory() as session:
        events = list(session.scalars(select(OutboxEvent)))
        assert len(events) == 6 and all(e.attempts == 1 and e.last_error == "connection refused" for e in events)
        # backing off: nothing is due yet
        flaky.down = False
        assert drain.drain_once().events == 0
        session.execute(update(OutboxEvent).values(available_at=datetime(2000, 1, 1, tzinfo=UTC)))
        session.commit()
    assert drain.drain_all().indexed == 6
    with session_factory() as session:
        assert indexed_ids(search_engine) == published_ids(session)


class RecordingEngine:
    """Wraps a real engine and records the size of each batch it is given."""

    def __init__(self, inner: SearchEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.batches: list[int] = []

    def index(self, documents: Iterable[SearchDocument]) -> None:
        batch = list(documents)
        self.batches.append(len(batch))
        self.inner.index(batch)

    def delete(self, ids: list[str]) -> None:
        self.inner.delete(ids)

    def writing(self) -> AbstractContextManager[None]:
        return self.inner.writing()


def test_a_backlog_is_drained_in_growing_batches(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    """A full batch means more is waiting (a bulk load): the next batch is twice as large, so a deep outbox takes
    few index commits; the first batch after a short one is the configured size again."""
    load(session_factory, content_dir)
    recording = RecordingEngine(search_engine)
    drain = OutboxDrain(session_factory, recording, taxonomies, batch_size=1)  # type: ignore[arg-type]
    assert drain.drain_all().indexed == 6
    assert recording.batches == [1, 2, 3]
    with session_factory() as session:
        assert indexed_ids(search_engine) == published_ids(session)
        resource = session.get(Resource, "country-ci.fr")
        assert resource is not None
        resource.title = "Côte d'Ivoire, encore"
        session.commit()
    assert drain.drain_all().indexed == 1
    assert recording.batches[3:] == [1]


class LeaseWatchingEngine:
    """Writes nothing; while "indexing", waits (up to 10 s) for the drain's lease to be renewed."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.sessions = session_factory
        self.renewed = False

    def _expiry(self) -> datetime:
        with self.sessions() as session:
            expires = session.scalar(select(SyncLease.expires_at))
            assert expires is not None
            return expires

    def index(self, documents: Iterable[SearchDocument]) -> None:
        first = self._expiry()
        deadline = time.monotonic() + 10
        while not self.renewed and time.monotonic() < deadline:
            time.sleep(0.05)
            self.renewed = self._expiry() > first

    def delete(self, ids: list[str]) -> None:
        pass

    def writing(self) -> AbstractContextManager[None]:
        return nullcontext()


def test_the_lease_is_renewed_while_a_batch_is_written(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    taxonomies: Taxonomies,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bulk load's large batch can take longer than the lease: the drain renews it while it writes, so another
    worker cannot take it over and write to the index at the same time."""
    load(session_factory, content_dir)
    monkeypatch.setattr(leases, "LEASE_SECONDS", 0.3)  # the heartbeat renews every 0.1 s
    engine = LeaseWatchingEngine(session_factory)
    OutboxDrain(session_factory, engine, taxonomies).drain_once()  # type: ignore[arg-type]
    assert engine.renewed


def test_only_one_lease_holder(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as first, session_factory() as second:
        assert acquire_lease(first, "a")
        assert not acquire_lease(second, "b")
        assert acquire_lease(first, "a")  # renewal
        release_lease(first, "a")
        assert acquire_lease(second, "b")


def test_rebuild_waits_for_nobody_and_matches_database(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    load(session_factory, content_dir)
    assert rebuild_index(session_factory, search_engine, taxonomies) == 6
    with session_factory() as session:
        assert indexed_ids(search_engine) == published_ids(session)


CRASHING_WORKER = textwrap.dedent(
    """
    import os, sys
    from app.config import Settings
    from app.db import make_engine, make_session_factory
    from app.search.factory import make_search_engine
    from app.services.sync import OutboxDrain
    from app.taxonomy import load_taxonomies

    settings = Settings()
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    drain = OutboxDrain(make_session_factory(make_engine(settings.database_url)), engine, taxonomies)

    def die(*args, **kwargs):
        os._exit(9)  # killed after the engine accepted the batch, before the outbox rows were acknowledged

    drain.acknowledge = die
    drain.drain_once()
    """
)


def test_worker_killed_between_indexing_and_acknowledging_loses_nothing(
    settings: Settings,
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    load(session_factory, content_dir)
    search_engine.rebuild([])  # an empty index, as before the first sync
    with session_factory() as session:
        resource = session.get(Resource, "country-ci.en")
        assert resource is not None
        resource.status = ResourceStatus.archived  # a delete must survive the crash too
        session.commit()
    env = os.environ | {
        "CRV_DATABASE_URL": settings.database_url,
        "CRV_INDEX_DIR": str(settings.index_dir),
        "CRV_CONTENT_DIR": str(content_dir),
    }
    crashed = subprocess.run([sys.executable, "-c", CRASHING_WORKER], env=env, check=False, timeout=120)
    assert crashed.returncode == 9
    with session_factory() as session:
        assert session.scalar(select(func.count(OutboxEvent.id))) == 7  # nothing acknowledged
    restarted = OutboxDrain(session_factory, search_engine, taxonomies)
    with session_factory() as session:
        # the dead worker's lease expires; here we expire it rather than wait a minute
        session.execute(update(SyncLease).values(expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
        session.commit()
    assert restarted.drain_all().events == 7
    with session_factory() as session:
        assert indexed_ids(search_engine) == published_ids(session)
        assert "country-ci.en" not in indexed_ids(search_engine)
        assert outbox_lag(session).pending == 0


@pytest.mark.usefixtures("loaded")
def test_search_unavailable_is_a_503_problem(client: TestClient, settings: Settings) -> None:
    (settings.index_dir / "CURRENT").unlink()  # the index is gone: the engine cannot answer
    response = client.get("/v1/search", params={"q": "cacao"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"


def test_an_index_of_an_older_schema_is_a_clear_503(client: TestClient, settings: Settings) -> None:
    stale = settings.index_dir / "gen-stale"
    stale.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    tantivy.Index(builder.build(), path=str(stale))
    (settings.index_dir / "CURRENT").write_text("gen-stale")
    response = client.get("/v1/search", params={"q": "cacao"})
    assert response.status_code == 503
    assert "crv index rebuild" in response.json()["detail"]
