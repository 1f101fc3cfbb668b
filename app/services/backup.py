"""``crv db backup FILE`` and ``crv db restore FILE``: consistent copies of the database, taken while serving.

* SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot *including the
  WAL* (copying ``var/crv.db`` with ``cp`` while serving missed it and lost published states). The copy is a single
  self-contained file (journal mode DELETE).
* PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists --no-owner`` (the client tools of the
  server's major version must be on PATH).

Leases are never carried over: a backup excludes them (their holders are processes of the running system) and a
restore clears them, so indexing is not blocked after a restore. The search index is not in the backup: it is
rebuilt from the restored database (``crv db restore`` does it unless told not to).

A backup written by an older release is restored, then its schema upgraded to this release's (the code cannot read
it otherwise); one written by a newer release is refused after the restore, before anything reads it.

The password of the database URL is handed to ``pg_dump``/``pg_restore`` in ``PGPASSWORD``, never on their command
line, which every user of the machine (and ``docker top``) can read while they run.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app import migrations
from app.db import make_engine, make_session_factory
from app.services.leases import clear_leases

LEASE_TABLE = "sync_leases"


class BackupFailed(Exception):
    pass


@dataclass(frozen=True)
class BackupReport:
    path: Path
    backend: str
    bytes: int


@dataclass(frozen=True)
class RestoreReport:
    backend: str
    schema: str  # the revision the database is at once restored (this release's head)
    upgraded_from: str | None  # the backup's own revision, when it was older


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _libpq(url: URL) -> str:
    """The SQLAlchemy URL as libpq understands it (``postgresql://…``, no driver suffix), without its password."""
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False)


def _run(command: list[str], url: URL) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupFailed(f"{tool} is not on PATH: install the PostgreSQL client tools of the server's version")
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        raise BackupFailed(f"{tool} failed: {done.stderr.strip()[:2000]}")


def backup(database_url: str, target: Path) -> BackupReport:
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if url.get_backend_name() == "sqlite":
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupFailed(f"no database at {source}")
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live, sqlite3.connect(partial) as copy:
            live.backup(copy)  # online and consistent: pages from the WAL included
            copy.execute(f"DELETE FROM {LEASE_TABLE}")
            copy.commit()
            copy.execute("PRAGMA journal_mode=DELETE")
        live.close()
        copy.close()
        backend = "sqlite"
    elif url.get_backend_name() == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                f"--exclude-table-data={LEASE_TABLE}",
                f"--file={partial}",
                _libpq(url),
            ],
            url,
        )
        backend = "postgresql"
    else:
        raise BackupFailed(f"no backup procedure for {url.get_backend_name()}")
    partial.replace(target)  # a backup file is complete or absent
    return BackupReport(target, backend, target.stat().st_size)


def restore(database_url: str, source: Path) -> RestoreReport:
    """Replace the database's content with the backup's, upgrade its schema if the backup is older than this
    release; leases cleared. Stop the API first: a restore under a running API would mix the two states."""
    if not source.is_file():
        raise BackupFailed(f"no backup at {source}")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db, sqlite3.connect(target) as live:
            backup_db.backup(live)
        backup_db.close()
        live.close()
    elif url.get_backend_name() == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq(url)}",
                str(source),
            ],
            url,
        )
    else:
        raise BackupFailed(f"no restore procedure for {url.get_backend_name()}")
    state = migrations.schema_state_of(database_url)
    if state.current is None or not state.known:
        raise BackupFailed(
            f"restored, but {state.problem()}"
            if state.current is not None
            else f"restored, but {source} holds no crv schema: is it a crv backup?"
        )
    if not state.ok:
        migrations.upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            clear_leases(session)
    finally:
        engine.dispose()
    return RestoreReport(url.get_backend_name(), state.head, None if state.ok else state.current)
