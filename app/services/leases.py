"""Named leases with an expiry (table ``sync_leases``): one writer of the search index at a time, across processes.

Leases are short (:data:`LEASE_SECONDS`) and taken only to work: the outbox drain takes the writer lease when there
is something to apply and gives it back when the outbox is empty; a long job (``crv index rebuild``) keeps its lease
alive with a :class:`Heartbeat`. A holder that dies without releasing (``kill -9``) therefore blocks the others
for at most :data:`LEASE_SECONDS` — and not at all on its own host: a holder id names its host and process
(``host:pid:nonce``), and a lease whose holder process no longer exists on this host is taken over at once.
"""

import os
import socket
import threading
import time
import uuid
from datetime import timedelta

import structlog
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.models import SyncLease
from app.models.base import utcnow

WRITER_LEASE = "search-writer"
LEASE_SECONDS = 15
log = structlog.get_logger(__name__)


def new_holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_is_gone(holder: str) -> bool:
    """True when ``holder`` names a process of this host that no longer exists (its lease can be taken over)."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another host's process, or an id we cannot read: wait for the expiry
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # exists, owned by someone else
    return False


def acquire_lease(session: Session, holder: str, seconds: int = LEASE_SECONDS, name: str = WRITER_LEASE) -> bool:
    """Take or renew the lease; atomic on SQLite and PostgreSQL (one conditional UPDATE, or the INSERT of the
    first lease). A lease held by a dead process of this host is taken over."""
    now = utcnow()
    expires = now + timedelta(seconds=seconds)
    taken = session.execute(
        update(SyncLease)
        .where(SyncLease.name == name, (SyncLease.holder == holder) | (SyncLease.expires_at < now))
        .values(holder=holder, expires_at=expires)
    ).rowcount  # type: ignore[attr-defined]
    if not taken:
        current = session.scalar(select(SyncLease.holder).where(SyncLease.name == name))
        if current is not None and holder_is_gone(current):
            taken = session.execute(
                update(SyncLease)
                .where(SyncLease.name == name, SyncLease.holder == current)
                .values(holder=holder, expires_at=expires)
            ).rowcount  # type: ignore[attr-defined]
            if taken:
                log.warning("lease_taken_over", lease=name, previous_holder=current, holder=holder)
        elif current is None:
            try:
                with session.begin_nested():
                    session.execute(insert(SyncLease).values(name=name, holder=holder, expires_at=expires))
                taken = 1
            except IntegrityError:
                taken = 0
    session.commit()
    return bool(taken)


def release_lease(session: Session, holder: str, name: str = WRITER_LEASE) -> None:
    session.execute(delete(SyncLease).where(SyncLease.name == name, SyncLease.holder == holder))
    session.commit()


def clear_leases(session: Session) -> int:
    """Drop every lease (after a restore: the holders named in a backup are not running here)."""
    cleared = session.execute(delete(SyncLease)).rowcount  # type: ignore[attr-defined]
    session.commit()
    return int(cleared or 0)


class LeaseBusy(Exception):
    """Another live worker holds the lease."""


def wait_for_lease(
    session_factory: sessionmaker[Session],
    holder: str,
    wait_seconds: float,
    name: str = WRITER_LEASE,
    poll_seconds: float = 0.5,
) -> None:
    """Take the lease, retrying for up to ``wait_seconds`` (the drain holds it only while it works)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        with session_factory() as session:
            if acquire_lease(session, holder, name=name):
                return
        if time.monotonic() >= deadline:
            raise LeaseBusy(f"another worker has held the {name} lease for over {wait_seconds:g} s; try again later")
        time.sleep(poll_seconds)


class Heartbeat:
    """Renews a held lease every third of its duration, in a thread, until stopped."""

    def __init__(self, session_factory: sessionmaker[Session], holder: str, name: str = WRITER_LEASE) -> None:
        self._sessions = session_factory
        self._holder = holder
        self._name = name
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-heartbeat-{name}", daemon=True)
        self.lost = False

    def _run(self) -> None:
        while not self._stop.wait(LEASE_SECONDS / 3):
            try:
                with self._sessions() as session:
                    if not acquire_lease(session, self._holder, name=self._name):
                        self.lost = True
                        log.error("lease_lost", lease=self._name, holder=self._holder)
                        return
            except SQLAlchemyError as exc:
                log.warning("lease_heartbeat_failed", lease=self._name, error=type(exc).__name__)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
