"""What the centre records of people, deleted once it has served: the one place where retention is enforced.

Each rule deletes the rows past their period (the settings ``*_kept_days``, said on the personal data page):

* ended sessions — expired, or idle past ``session_idle_minutes`` — and used or expired one-time links,
  ``ended_sessions_kept_days`` after they ended (a session keeps the IP address it began from);
* failed sign-ins, ``failed_sign_ins_kept_days`` after they stopped counting for the throttling
  (``login_window_minutes``);
* decided requests for a partner account or a key, ``decided_requests_kept_days`` after their decision (what was
  decided stays in the audit log, without the person's name and address);
* the audit log's entries of sign-ins, sign-outs and password changes, ``sign_in_log_kept_days`` after: a log of
  access, which the CNIL's recommendation on logging (October 2021) keeps six months to a year. The other entries
  are the editorial record of the resources, organisations and keys — who published, corrected, withdrew what —
  and name people by their account's number only: they are kept, and the only names and addresses among them, a
  cancelled invitation's, are removed after the same period;
* the searches' daily counts (app/services/search_statistics.py: words, never who), ``search_statistics_kept_days``
  after their day;
* the resources' daily counts of reads (app/services/read_counts.py: a number per resource and kind, never who),
  ``read_counts_kept_days`` after their day;
* the readers' email alerts never confirmed (app/services/alerts.py: an address, a search), and so never mailed
  but their confirmation, ``alerts_unconfirmed_kept_days`` after they were asked.

:func:`purge` applies them (or counts, for a dry run); :class:`DailyPurge` runs it from the outbox drain's loop
(``crv sync``, or the API's thread), once a day across every process; ``crv purge`` runs it by hand. Deleting what
is past a date, it can run any number of times, anywhere: a second run finds nothing.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import (
    AccountRequest,
    AuditEntry,
    KeyRequest,
    LoginAttempt,
    ReadCount,
    SearchAlert,
    SearchCount,
    UserSession,
    UserToken,
)
from app.models.base import utcnow
from app.services.leases import acquire_lease, new_holder_id
from app.services.sync import failure_reason

# The audit entries that trace access to the accounts (app/services/accounts.py records them), not the resources.
SIGN_IN_ACTIONS = (
    "user.login",
    "user.logout.everywhere",
    "user.logout.others",
    "user.password.invite",
    "user.password.reset",
    "user.password.change",
)
# The audit entries that keep a person's name and address (people.cancel_invitation: the account is gone).
NAMED_ACTIONS = {"user.invite.cancel": ("email", "name")}
DAY_SECONDS = 24 * 3600
RETRY_SECONDS = 3600  # after a failed purge (the database down), the next try
RETENTION_LEASE = "retention"
log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """How many rows each rule deleted (or would delete, for a dry run)."""

    sessions: int = 0
    links: int = 0
    failed_sign_ins: int = 0
    account_requests: int = 0
    key_requests: int = 0
    sign_in_log: int = 0
    audit_names: int = 0  # entries whose name and address were removed (the entries stay)
    search_counts: int = 0
    read_counts: int = 0
    unconfirmed_alerts: int = 0

    def counts(self) -> dict[str, int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def summary(self) -> str:
        """One line: ``3 ended session(s), 0 used or expired link(s), …``."""
        return ", ".join(f"{count} {LABELS[name]}" for name, count in self.counts().items())


LABELS = {
    "sessions": "ended session(s)",
    "links": "used or expired link(s)",
    "failed_sign_ins": "failed sign-in(s)",
    "account_requests": "decided account request(s)",
    "key_requests": "decided key request(s)",
    "sign_in_log": "sign-in audit entry(ies)",
    "audit_names": "audit entry(ies) without their name and address",
    "search_counts": "daily count(s) of a search's words",
    "read_counts": "daily count(s) of a resource's reads",
    "unconfirmed_alerts": "unconfirmed email alert(s)",
}


def _days(days: int) -> timedelta:
    return timedelta(days=days)


def _rules(settings: Settings, now: datetime) -> dict[str, tuple[type[Any], ColumnElement[bool]]]:
    """Each rule's table and the condition of its rows past their period (strictly before the cutoff)."""
    ended = now - _days(settings.ended_sessions_kept_days)
    idle = timedelta(minutes=settings.session_idle_minutes)
    failed = now - timedelta(minutes=settings.login_window_minutes) - _days(settings.failed_sign_ins_kept_days)
    decided = now - _days(settings.decided_requests_kept_days)
    return {
        "sessions": (UserSession, or_(UserSession.expires_at < ended, UserSession.last_seen_at < ended - idle)),
        "links": (UserToken, or_(UserToken.expires_at < ended, UserToken.used_at < ended)),
        "failed_sign_ins": (LoginAttempt, LoginAttempt.at < failed),
        "account_requests": (AccountRequest, AccountRequest.decided_at < decided),
        "key_requests": (KeyRequest, KeyRequest.decided_at < decided),
        "sign_in_log": (
            AuditEntry,
            AuditEntry.action.in_(SIGN_IN_ACTIONS) & (AuditEntry.at < now - _days(settings.sign_in_log_kept_days)),
        ),
        "search_counts": (SearchCount, SearchCount.day < (now - _days(settings.search_statistics_kept_days)).date()),
        "read_counts": (ReadCount, ReadCount.day < (now - _days(settings.read_counts_kept_days)).date()),
        "unconfirmed_alerts": (
            SearchAlert,
            and_(
                SearchAlert.confirmed_at.is_(None),
                SearchAlert.created_at < now - _days(settings.alerts_unconfirmed_kept_days),
            ),
        ),
    }


def purge(session: Session, settings: Settings, *, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete what is past its retention (see the module), as of ``now``; ``dry_run``: count it, change nothing.
    Nothing is committed here: the caller commits (or rolls back) the whole purge."""
    now = now or utcnow()
    counts: dict[str, int] = {}
    for name, (model, condition) in _rules(settings, now).items():
        if dry_run:
            counts[name] = session.scalar(select(func.count()).select_from(model).where(condition)) or 0
        else:
            counts[name] = int(getattr(session.execute(delete(model).where(condition)), "rowcount", 0) or 0)
    counts["audit_names"] = _remove_names(session, now - _days(settings.sign_in_log_kept_days), dry_run)
    return PurgeReport(**counts)


def _remove_names(session: Session, before: datetime, dry_run: bool) -> int:
    """Remove the names and addresses the audit's entries older than ``before`` keep; the entries stay."""
    query = select(AuditEntry).where(AuditEntry.action.in_(NAMED_ACTIONS), AuditEntry.at < before)
    named = [entry for entry in session.scalars(query) if set(NAMED_ACTIONS[entry.action]) & entry.details.keys()]
    if not dry_run:
        for entry in named:  # a new dict, not changed in place: the JSON column sees the change
            entry.details = {k: v for k, v in entry.details.items() if k not in NAMED_ACTIONS[entry.action]}
        session.flush()  # written now, as the deletions are
    return len(named)


class DailyPurge:
    """:func:`purge` from a long-running loop: called at each of its passes, it purges at the first and then once
    every ``every_seconds`` (``clock``: monotonic seconds), in one process of many — the one holding the
    ``retention`` lease for the day; a process restarted on the same host takes it over from its dead predecessor,
    and so purges at its start. A failed purge (the database down) is logged and tried again within the hour."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        every_seconds: int = DAY_SECONDS,
        holder: str | None = None,
    ) -> None:
        self._sessions = session_factory
        self._settings = settings
        self._clock = clock
        self._every = every_seconds
        self.holder = holder or new_holder_id()
        self._next: float | None = None

    def __call__(self) -> PurgeReport | None:
        """The purge's report when it ran now, else None (not due, or another process's turn)."""
        now = self._clock()
        if self._next is not None and now < self._next:
            return None
        self._next = now + self._every
        try:
            with self._sessions() as session:
                if not acquire_lease(session, self.holder, seconds=self._every, name=RETENTION_LEASE):
                    return None
                report = purge(session, self._settings)
                session.commit()
        except Exception as exc:  # the drain it runs in must outlive it; a bug's traceback is logged
            self._next = now + min(RETRY_SECONDS, self._every)
            traceback = None if isinstance(exc, SQLAlchemyError) else exc
            log.warning("retention_purge_failed", error=failure_reason(exc), exc_info=traceback)
            return None
        log.info("retention_purged", **report.counts())
        return report
