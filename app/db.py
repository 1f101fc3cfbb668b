"""Database engine and sessions. Nothing connects at import time."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models.outbox import record_resource_changes
from app.services.site.published import resources_changed


def make_engine(database_url: str, *, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """An engine for ``database_url``; on a server database, a pool of ``pool_size`` connections kept open and up to
    ``max_overflow`` more at a peak (SQLAlchemy's defaults; the settings ``database_pool_size`` and
    ``database_max_overflow`` for the long-running processes)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets the API read while the loader or the outbox drain writes.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "savepoint")
    def _sqlite_begin_before_savepoint(connection: Connection, _name: str) -> None:
        # pysqlite opens a transaction only before INSERT, UPDATE or DELETE ("legacy transaction control"), so a
        # SAVEPOINT sent first would open a transaction of its own, and its RELEASE would commit at once: a request
        # whose commit then fails would keep what the savepoint wrote. Open the transaction first (SQLAlchemy's
        # documented remedy, applied where it matters). Not the recipe's BEGIN for every transaction: a request's
        # snapshot would then start at its first SELECT, and one that reads then writes while another commits
        # would fail with SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out, instead of waiting its turn.
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN")

    return engine


def configured_engine(settings: Settings) -> Engine:
    """The engine of the configured database, its pool sized by the settings."""
    return make_engine(
        settings.database_url, pool_size=settings.database_pool_size, max_overflow=settings.database_max_overflow
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The project's sessions: every change to a resource leaves a search outbox row in the same transaction, and
    makes the pages' cache of published resources stale."""
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", record_resource_changes)
    event.listen(factory, "after_flush", resources_changed)
    return factory


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: ``with session_scope(factory) as session: …`` commits when the block ends, rolls back
    (and re-raises) when it raises, including when the commit itself fails."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
