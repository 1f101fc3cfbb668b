"""Keeping the search index in step with the database through the outbox.

The drain reads a batch of outbox rows, pushes the *current* state of their resources to the engine (index
the published ones, delete the rest) and then deletes exactly the rows it read. A crash anywhere before that
last commit leaves the rows in place, so the batch is replayed; indexing being idempotent, nothing is lost or
duplicated. A failed batch is retried with exponential backoff. Only the holder of the ``search-writer``
lease writes to the engine, so the drain and ``crv index rebuild`` never interleave, on one host or many. A pass
that fails outright (the database down) is retried with backoff and logged once a streak (:class:`FailureStreak`).
"""

import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, nullcontext
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.models import OutboxEvent, Resource
from app.models.base import utcnow
from app.search.base import SearchDocument, SearchEngine, SearchUnavailable
from app.search.documents import indexed_rows, to_search_document
from app.services.leases import (
    LEASE_SECONDS,
    WRITER_LEASE,
    Heartbeat,
    LeaseBusy,
    acquire_lease,
    new_holder_id,
    release_lease,
    wait_for_lease,
)
from app.taxonomy import Taxonomies

__all__ = [
    "LEASE_SECONDS",
    "WRITER_LEASE",
    "IndexBusy",
    "OutboxDrain",
    "acquire_lease",
    "chores",
    "release_lease",
]

MAX_BACKOFF_SECONDS = 300
# A full batch means a backlog (a bulk load): the next one is twice as large, up to this. Fewer, larger index
# commits (the engine's bulk writer from BULK_DOCUMENTS on) drain it several times faster than 500 at a time.
MAX_BATCH_SIZE = 16_000
REBUILD_CHUNK = 1000
REBUILD_WAIT_SECONDS = 60
FAILURE_REMINDER_SECONDS = 600  # while the drain keeps failing, one line every ten minutes says it still does
MAX_REASON_LENGTH = 500
log = structlog.get_logger(__name__)


@dataclass
class DrainReport:
    events: int = 0
    indexed: int = 0
    deleted: int = 0
    failed: bool = False
    busy: bool = False


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


class OutboxDrain:
    """Drains the outbox into one engine. One instance per worker; safe to run in many processes."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        engine: SearchEngine,
        taxonomies: Taxonomies,
        batch_size: int = 500,
        holder: str | None = None,
    ) -> None:
        self._sessions = session_factory
        self._engine = engine
        self._taxonomies = taxonomies
        self._batch_size = batch_size
        self.holder = holder or new_holder_id()
        self.streak = FailureStreak()  # the failed passes of run_forever in a row, and their log lines

    def drain_once(self, batch_size: int | None = None) -> DrainReport:
        report = DrainReport()
        with self._sessions() as session:
            # The lease is taken only to work: an idle drain never stands in the way of a rebuild.
            if session.scalar(select(OutboxEvent.id).where(OutboxEvent.available_at <= utcnow()).limit(1)) is None:
                return report
            if not acquire_lease(session, self.holder):
                report.busy = True
                return report
            # Rows, not ORM objects: a bulk load's batch holds thousands, and only a failure needs them as objects.
            events = session.execute(
                select(OutboxEvent.id, OutboxEvent.resource_id)
                .where(OutboxEvent.available_at <= utcnow())
                .order_by(OutboxEvent.id)
                .limit(batch_size or self._batch_size)
            ).all()
            report.events = len(events)
            if not events:
                return report
            event_ids = [event.id for event in events]
            resource_ids = sorted({event.resource_id for event in events})
            public = select(Resource.id).where(Resource.id.in_(resource_ids), Resource.is_public)
            published = set(session.scalars(public))
            removed = [rid for rid in resource_ids if rid not in published]
            try:
                # A bulk load's batch (up to MAX_BATCH_SIZE) can outlast the lease on a busy machine: renew it
                # while the batch is read, built and written, so no other worker takes it and writes alongside.
                # Its documents are read and built as the engine indexes them (closed before the session goes on).
                with (
                    Heartbeat(self._sessions, self.holder),
                    closing(published_documents(session, self._taxonomies, sorted(published))) as documents,
                ):
                    self._engine.index(documents)
                    self._engine.delete(removed)
            except SearchUnavailable as exc:
                report.failed = True
                self._postpone(session, event_ids, str(exc))
                log.warning("outbox_batch_failed", events=len(events), error=str(exc))
                return report
            self.acknowledge(session, event_ids)
            report.indexed, report.deleted = len(published), len(removed)
            return report

    def acknowledge(self, session: Session, event_ids: list[int]) -> None:
        session.execute(delete(OutboxEvent).where(OutboxEvent.id.in_(event_ids)))
        session.commit()

    @staticmethod
    def _postpone(session: Session, event_ids: list[int], error: str) -> None:
        now = utcnow()
        for event in session.scalars(select(OutboxEvent).where(OutboxEvent.id.in_(event_ids))):
            event.attempts += 1
            event.available_at = now + backoff(event.attempts)
            event.last_error = error[:2000]
        session.commit()

    def drain_all(self) -> DrainReport:
        """Drain until the outbox is empty, a batch fails, or another worker holds the lease; then give the
        lease back."""
        total = DrainReport()
        # One series of writes: a batch's commit need not wait for the merges of the last one's.
        series = self._engine.writing()
        try:
            series.__enter__()
            try:
                self._drain_batches(total)
            except BaseException as exc:
                if not series.__exit__(type(exc), exc, exc.__traceback__):
                    raise
            else:
                # Its last merges, waited for as it closes, can outlast the lease: kept alive meanwhile.
                with Heartbeat(self._sessions, self.holder) if total.events else nullcontext():
                    series.__exit__(None, None, None)
        finally:
            if not total.busy:
                with self._sessions() as session:
                    release_lease(session, self.holder)
        return total

    def _drain_batches(self, total: DrainReport) -> None:
        batch_size = self._batch_size
        while True:
            report = self.drain_once(batch_size)
            total.events += report.events
            total.indexed += report.indexed
            total.deleted += report.deleted
            if report.failed or report.busy or report.events == 0:
                total.failed, total.busy = report.failed, report.busy
                return
            full = report.events == batch_size
            batch_size = min(batch_size * 2, MAX_BATCH_SIZE) if full else self._batch_size

    def run_forever(
        self, stop: threading.Event, interval_seconds: float, chore: Callable[[], object] | None = None
    ) -> None:
        """Drain until ``stop``; ``chore`` is called before each pass (the daily retention purge, the alerts'
        digests: :func:`chores`; each keeps its own time and its own failures)."""
        streak = self.streak
        while not stop.is_set():
            if chore is not None:
                chore()
            try:
                report = self.drain_all()
                streak.succeeded()
            except Exception as exc:  # the worker must outlive a bad batch; the batch stays in the outbox
                streak.failed(exc)
                report = DrainReport(failed=True)
            if report.events == 0 or report.failed or report.busy:
                # Back off while something keeps failing (the database, most likely): 0.5 s, 1 s, 2 s… 60 s.
                crashes = streak.failures
                stop.wait(min(interval_seconds * 2 ** min(crashes, 10), 60.0) if crashes else interval_seconds)
        try:
            with self._sessions() as session:
                release_lease(session, self.holder)
        except SQLAlchemyError as exc:  # stopping while the database is down: the lease expires by itself
            log.warning(
                "outbox_drain_lease_not_released", error=failure_reason(exc), expires_within_seconds=LEASE_SECONDS
            )


def chores(*each: Callable[[], object]) -> Callable[[], None]:
    """Several chores as the one :meth:`OutboxDrain.run_forever` calls before each pass, in turn. Each keeps its
    own time and its own failures (a chore that raised would stop the drain: :class:`app.services.retention.
    DailyPurge` and :class:`app.services.alert_digests.AlertDigests` log theirs and return)."""

    def run() -> None:
        for chore in each:
            chore()

    return run


class FailureStreak:
    """The drain's log of a run of failures — the database down for minutes means a failed pass every few seconds
    to a minute —: one line when the streak starts, with its reason; a reminder every ``remind_seconds`` while it
    lasts; one line when a pass succeeds again. A database error (down, refusing connections, its schema behind) is
    the operator's and one line says it; any other error is a bug, whose traceback is logged once, at the start."""

    def __init__(
        self, remind_seconds: float = FAILURE_REMINDER_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failures = 0
        self._remind_seconds = remind_seconds
        self._clock = clock
        self._started = self._reminded = 0.0

    def failed(self, exc: Exception) -> None:
        now = self._clock()
        self.failures += 1
        if self.failures == 1:
            self._started = self._reminded = now
            if isinstance(exc, SQLAlchemyError):
                log.error("outbox_drain_failing", error=failure_reason(exc))
            else:
                log.error("outbox_drain_failing", error=failure_reason(exc), exc_info=exc)
        elif now - self._reminded >= self._remind_seconds:
            self._reminded = now
            log.error(
                "outbox_drain_still_failing",
                failures=self.failures,
                seconds=round(now - self._started),
                error=failure_reason(exc),
            )

    def succeeded(self) -> None:
        if self.failures:
            seconds = round(self._clock() - self._started)
            log.info("outbox_drain_recovered", failures=self.failures, seconds=seconds)
        self.failures = 0


def failure_reason(exc: BaseException) -> str:
    """One line: the driver's own message for a database error (psycopg's « connection failed: connection to server
    at "db", port 5432 failed: Connection refused »), without SQLAlchemy's statement and parameters."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else ''}"[:MAX_REASON_LENGTH]


def published_documents(
    session: Session, taxonomies: Taxonomies, ids: Sequence[str] | None = None
) -> Generator[SearchDocument]:
    """Every published resource's search document (those of ``ids`` only, when given), read as they are
    consumed: the engine indexes the first ones while the next are read and built."""
    query = indexed_rows().where(Resource.is_public).order_by(Resource.id)
    if ids is not None:
        query = query.where(Resource.id.in_(ids))
    with session.execute(query.execution_options(yield_per=REBUILD_CHUNK)) as rows:
        for row in rows:
            yield to_search_document(row, taxonomies, row.publisher_name)


IndexBusy = LeaseBusy  # another worker holds the search-writer lease


def rebuild_index(
    session_factory: sessionmaker[Session],
    engine: SearchEngine,
    taxonomies: Taxonomies,
    progress: Callable[[int], None] | None = None,
    wait_seconds: float = REBUILD_WAIT_SECONDS,
) -> int:
    """Rebuild the whole index from the database and swap it in. Outbox rows are left for the drain: replaying
    them on the new index is harmless, while deleting them could drop a change the snapshot did not see.

    Runs while the API serves: the drain holds the writer lease only while it applies a batch, so the rebuild
    waits for it (up to ``wait_seconds``), then keeps it alive with a heartbeat. Killed, it blocks nobody for
    longer than the lease's few seconds."""
    holder = new_holder_id()
    wait_for_lease(session_factory, holder, wait_seconds)
    try:
        with Heartbeat(session_factory, holder):
            engine.apply_settings()
            with session_factory() as session:
                documents: Iterator[SearchDocument] = published_documents(session, taxonomies)
                if progress:
                    documents = _counting(documents, progress)
                return engine.rebuild(documents)
    finally:
        with session_factory() as session:
            release_lease(session, holder)


def _counting(documents: Iterator[SearchDocument], progress: Callable[[int], None]) -> Iterator[SearchDocument]:
    for document in documents:
        progress(1)
        yield document


@dataclass(frozen=True)
class OutboxLag:
    pending: int
    oldest_seconds: float | None


def outbox_lag(session: Session) -> OutboxLag:
    pending, oldest = session.execute(select(func.count(OutboxEvent.id), func.min(OutboxEvent.created_at))).one()
    if oldest is None:
        return OutboxLag(pending=0, oldest_seconds=None)
    return OutboxLag(pending=int(pending), oldest_seconds=round((utcnow() - oldest).total_seconds(), 3))
