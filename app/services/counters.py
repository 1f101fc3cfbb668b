"""Daily counts kept in a process's memory and added to the database's rows now and then: recording costs no
database write. The searches' words (app/services/search_statistics.py) and the resources' reads
(app/services/read_counts.py) are counted this way.

Each process adds to a :class:`DailyCounter` in memory; a thread (:class:`Flusher`) writes it every
:data:`FLUSH_SECONDS`, and once more when the process stops, with one upsert that adds to the day's rows
(``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n``, on PostgreSQL and SQLite alike), so any number of
workers and machines add up. Memory is bounded: past ``max_held`` keys between two writes, keys not already held
are not counted."""

import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, Generic, TypeVar

import structlog
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

FLUSH_SECONDS: Final = 60.0
UPSERT_ROWS: Final = 1_000  # rows per statement: SQLite binds at most 32,766 values
log = structlog.get_logger(__name__)
K = TypeVar("K", bound=Hashable)


def utc_today() -> date:
    return datetime.now(UTC).date()


class DailyCounter(Generic[K]):
    """A process's counts since its last write, thread-safe (the routes run in a thread pool): per key, a tally of
    ``width`` numbers. Subclasses say how a key is counted (:meth:`_add`) and written (:meth:`write`)."""

    name = "counts"  # in the log line of a failed write
    width = 1

    def __init__(self, *, enabled: bool, max_held: int, today: Callable[[], date] = utc_today) -> None:
        self.enabled = enabled
        self._max_held = max_held
        self._today = today
        self._counts: dict[K, list[int]] = {}
        self._lock = threading.Lock()

    def _add(self, key: K, increments: Sequence[int]) -> None:
        """Add ``increments`` to ``key``'s tally (a few microseconds, no I/O)."""
        with self._lock:
            tally = self._counts.get(key)
            if tally is None:
                if len(self._counts) >= self._max_held:
                    return
                tally = self._counts[key] = [0] * self.width
            for index, increment in enumerate(increments):
                tally[index] += increment

    def held(self) -> dict[K, tuple[int, ...]]:
        """What is counted and not written yet (a copy)."""
        with self._lock:
            return {key: tuple(tally) for key, tally in self._counts.items()}

    def _take(self) -> dict[K, list[int]]:
        with self._lock:
            taken, self._counts = self._counts, {}
        return taken

    def _give_back(self, taken: Mapping[K, list[int]]) -> None:
        """Counts a failed write took, held again for the next one (added to those counted meanwhile)."""
        with self._lock:
            for key, tally in taken.items():
                held = self._counts.setdefault(key, [0] * self.width)
                held[:] = [a + b for a, b in zip(held, tally, strict=True)]

    def write(self, session: Session, counts: Mapping[K, Iterable[int]]) -> None:
        raise NotImplementedError

    def flush(self, sessions: sessionmaker[Session]) -> int:
        """Write the counts held in one transaction; the number of rows written. A failure keeps the counts for the
        next write and is logged, never raised: the counts are worth less than the process that answers."""
        taken = self._take()
        if not taken:
            return 0
        try:
            with sessions() as session:
                self.write(session, taken)
                session.commit()
        except SQLAlchemyError as exc:
            self._give_back(taken)
            log.warning(f"{self.name}_not_written", rows=len(taken), error=type(exc).__name__)
            return 0
        return len(taken)

    def run_forever(self, stop: threading.Event, sessions: sessionmaker[Session]) -> None:
        """Write every :data:`FLUSH_SECONDS` until ``stop``, then once more: a stopping worker loses nothing."""
        while not stop.wait(FLUSH_SECONDS):
            self.flush(sessions)
        self.flush(sessions)


def add_to_rows(
    session: Session, model: Any, keys: Sequence[str], counted: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """Add ``rows`` (each: the ``keys`` columns and the ``counted`` numbers) to ``model``'s rows, creating those
    missing: one upsert per :data:`UPSERT_ROWS`. Give the rows in key order, so that two processes writing at once
    lock the same rows in the same order (no deadlock on PostgreSQL)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = model.__table__.c
    for start in range(0, len(rows), UPSERT_ROWS):
        statement = dialect.insert(model).values(rows[start : start + UPSERT_ROWS])
        statement = statement.on_conflict_do_update(
            index_elements=[table[name] for name in keys],
            set_={name: table[name] + statement.excluded[name] for name in counted},
        )
        session.execute(statement)


@dataclass(frozen=True, slots=True)
class Flusher:
    """The thread that writes a process's counts, started and stopped by the app's lifespan."""

    thread: threading.Thread
    stop: threading.Event

    @classmethod
    def start(cls, counter: DailyCounter[Any], sessions: sessionmaker[Session], name: str) -> "Flusher":
        stop = threading.Event()
        thread = threading.Thread(target=counter.run_forever, args=(stop, sessions), name=name, daemon=True)
        thread.start()
        return cls(thread, stop)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
