"""Retention enforced (app/services/retention.py): each rule deletes its rows one second past their period and keeps
those one second short of it; a dry run counts the same rows and deletes none; a second purge finds nothing; the
periods are the settings'; the outbox drain's loop purges once a day, in one process of many, and a failed purge
never stops it; `crv purge` prints what it deleted."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.config import Settings
from app.models import (
    AccountRequest,
    AuditEntry,
    KeyRequest,
    LoginAttempt,
    OrganisationKind,
    ReadCount,
    ReadKind,
    RequestDecision,
    Role,
    SearchCount,
    SearchSource,
    TokenPurpose,
    UserSession,
    UserToken,
)
from app.models.base import utcnow
from app.search.base import SearchEngine
from app.services import accounts, keys, read_counts, retention, search_statistics
from app.services.retention import DailyPurge, PurgeReport
from app.services.sync import OutboxDrain
from app.taxonomy import Taxonomies
from tests.helpers import make_org

NOW = utcnow().replace(microsecond=0)
SECOND = timedelta(seconds=1)
PAST, SHORT = "past", "short"  # one second past its period, one second short of it


@pytest.fixture
def user_id(session_factory: sessionmaker[Session]) -> int:
    make_org(session_factory, "ong-a")
    with session_factory() as session:
        user, _ = accounts.invite(
            session, None, keys.get_organisation(session, "ong-a"), "awa@ong-a.org", "Awa", Role.admin
        )
        session.commit()
        return user.id


def days(count: int) -> timedelta:
    return timedelta(days=count)


def add_sessions(session: Session, settings: Settings, user_id: int) -> None:
    """Ended by expiry, and ended by idleness (expiry still ahead), each one second either side of its period."""
    ended = NOW - days(settings.ended_sessions_kept_days)
    idle = timedelta(minutes=settings.session_idle_minutes)
    for label, shift in ((PAST, -SECOND), (SHORT, SECOND)):
        session.add(
            UserSession(
                token_hash=f"expired-{label}", user_id=user_id, created_at=ended - days(1),
                last_seen_at=ended - idle / 2, expires_at=ended + shift, address=f"expired-{label}",
            )
        )  # fmt: skip
        session.add(
            UserSession(
                token_hash=f"idle-{label}", user_id=user_id, created_at=ended - days(1),
                last_seen_at=ended - idle + shift, expires_at=NOW + days(1), address=f"idle-{label}",
            )
        )  # fmt: skip


def test_an_ended_session_goes_its_period_after_it_ended_by_expiry_or_idleness(
    session: Session, settings: Settings, user_id: int
) -> None:
    add_sessions(session, settings, user_id)
    report = retention.purge(session, settings, now=NOW)
    assert report.sessions == 2
    assert set(session.scalars(select(UserSession.address))) == {"expired-short", "idle-short"}


def test_a_link_goes_its_period_after_it_expired_or_was_used(
    session: Session, settings: Settings, user_id: int
) -> None:
    ended = NOW - days(settings.ended_sessions_kept_days)
    for label, shift in ((PAST, -SECOND), (SHORT, SECOND)):
        session.add(
            UserToken(
                token_hash=f"expired-{label}", user_id=user_id, purpose=TokenPurpose.reset, expires_at=ended + shift
            )
        )
        session.add(
            UserToken(
                token_hash=f"used-{label}", user_id=user_id, purpose=TokenPurpose.invite,
                expires_at=NOW + days(1), used_at=ended + shift,
            )
        )  # fmt: skip
    session.flush()
    invitation = set(session.scalars(select(UserToken.token_hash)))  # the fixture's own invitation, unused: kept
    assert retention.purge(session, settings, now=NOW).links == 2
    assert invitation - set(session.scalars(select(UserToken.token_hash))) == {"expired-past", "used-past"}


def test_a_failed_sign_in_goes_its_period_after_its_throttling_window(session: Session, settings: Settings) -> None:
    stopped = NOW - timedelta(minutes=settings.login_window_minutes)
    for label, shift in ((PAST, -SECOND), (SHORT, SECOND)):
        at = stopped - days(settings.failed_sign_ins_kept_days) + shift
        session.add(LoginAttempt(at=at, email="awa@ong-a.org", address=label))
    assert retention.purge(session, settings, now=NOW).failed_sign_ins == 1
    assert set(session.scalars(select(LoginAttempt.address))) == {SHORT}


def test_a_decided_request_goes_its_period_after_its_decision_and_a_waiting_one_stays(
    session: Session, settings: Settings
) -> None:
    decided = NOW - days(settings.decided_requests_kept_days)
    for label, shift in ((PAST, -SECOND), (SHORT, SECOND)):
        for model, extra in (
            (AccountRequest, {"organisation_name": "ONG", "kind": OrganisationKind.ngo}),
            (KeyRequest, {"site_name": "Site", "origins": [], "fixed_filters": {}}),
        ):
            session.add(
                model(
                    contact_name=label, email=f"{label}@example.org", decided_at=decided + shift,
                    decision=RequestDecision.declined, **extra,
                )
            )  # fmt: skip
    session.add(
        AccountRequest(
            contact_name="waiting", email="w@example.org", created_at=NOW - days(800),
            organisation_name="ONG", kind=OrganisationKind.ngo,
        )
    )  # fmt: skip
    report = retention.purge(session, settings, now=NOW)
    assert (report.account_requests, report.key_requests) == (1, 1)
    assert set(session.scalars(select(AccountRequest.contact_name))) == {SHORT, "waiting"}
    assert set(session.scalars(select(KeyRequest.contact_name))) == {SHORT}


def test_the_sign_in_log_goes_its_period_after_and_the_editorial_record_stays_without_names(
    session: Session, settings: Settings
) -> None:
    cutoff = NOW - days(settings.sign_in_log_kept_days)
    for label, shift in ((PAST, -SECOND), (SHORT, SECOND)):
        for action in retention.SIGN_IN_ACTIONS:
            session.add(AuditEntry(at=cutoff + shift, action=action, key_prefix="user:1", details={"at": label}))
        cancelled = {"user": 9, "email": "typo@ong-a.org", "name": "Typo", "organisation": "ong-a", "at": label}
        session.add(AuditEntry(at=cutoff + shift, action="user.invite.cancel", details=cancelled))
    session.add(AuditEntry(at=NOW - days(3000), action="resource.approve", key_prefix="user:1", resource_id="x.fr"))
    report = retention.purge(session, settings, now=NOW)
    assert (report.sign_in_log, report.audit_names) == (len(retention.SIGN_IN_ACTIONS), 1)
    session.expire_all()
    left = {(entry.action, entry.details.get("at")): entry.details for entry in session.scalars(select(AuditEntry))}
    assert {at for action, at in left if action in retention.SIGN_IN_ACTIONS} == {SHORT}
    assert left[("user.invite.cancel", PAST)] == {"user": 9, "organisation": "ong-a", "at": PAST}
    assert left[("user.invite.cancel", SHORT)]["email"] == "typo@ong-a.org"
    assert ("resource.approve", None) in left  # the record of the resources is kept


def add_everything(session: Session, user_id: int) -> None:
    """A session, a failed sign-in and a sign-in entry long past their periods; a session that ended yesterday."""
    long_ago, yesterday = NOW - days(400), NOW - days(1)
    for label, at in (("old", long_ago), ("recent", yesterday)):
        session.add(
            UserSession(token_hash=label, user_id=user_id, created_at=at, last_seen_at=at, expires_at=at, address=label)
        )
    session.add(LoginAttempt(at=long_ago, email="x@example.org", address="x"))
    session.add(AuditEntry(at=long_ago, action="user.login", key_prefix="user:1", details={}))
    session.flush()


def test_a_search_s_counts_go_their_period_after_their_day(session: Session, settings: Settings) -> None:
    kept = (NOW - days(settings.search_statistics_kept_days)).date()
    search_statistics.add(
        session,
        {
            (kept - days(1), "fr", SearchSource.page, "ancien"): (3, 3, 0),
            (kept, "fr", SearchSource.page, "limite"): (3, 3, 0),
            (NOW.date(), "fr", SearchSource.api, "recent"): (3, 3, 0),
        },
    )
    assert retention.purge(session, settings, now=NOW) == PurgeReport(search_counts=1)
    assert session.scalars(select(SearchCount.query).order_by(SearchCount.query)).all() == ["limite", "recent"]


def test_a_resource_s_read_counts_go_their_period_after_their_day(session: Session, settings: Settings) -> None:
    kept = (NOW - days(settings.read_counts_kept_days)).date()
    assert settings.read_counts_kept_days == 400  # a year and the same month of the year before
    read_counts.add(
        session,
        {
            (kept - days(1), "ancien.fr", ReadKind.view): (3,),
            (kept, "limite.fr", ReadKind.download): (2,),
            (NOW.date(), "recent.fr", ReadKind.api): (1,),
        },
    )
    assert retention.purge(session, settings, now=NOW, dry_run=True) == PurgeReport(read_counts=1)
    assert retention.purge(session, settings, now=NOW) == PurgeReport(read_counts=1)
    assert session.scalars(select(ReadCount.resource_id).order_by(ReadCount.resource_id)).all() == [
        "limite.fr",
        "recent.fr",
    ]


def test_a_dry_run_counts_what_a_purge_deletes_and_deletes_nothing(
    session: Session, settings: Settings, user_id: int
) -> None:
    add_everything(session, user_id)
    before = (
        set(session.scalars(select(UserSession.id))),
        set(session.scalars(select(LoginAttempt.id))),
        set(session.scalars(select(AuditEntry.id))),
    )
    counted = retention.purge(session, settings, now=NOW, dry_run=True)
    assert not session.dirty and not session.deleted
    assert before == (
        set(session.scalars(select(UserSession.id))),
        set(session.scalars(select(LoginAttempt.id))),
        set(session.scalars(select(AuditEntry.id))),
    )
    assert (
        counted
        == retention.purge(session, settings, now=NOW)
        == PurgeReport(sessions=1, failed_sign_ins=1, sign_in_log=1)
    )
    assert retention.purge(session, settings, now=NOW) == PurgeReport()  # again: nothing left to delete


def test_the_periods_are_the_settings(session: Session, settings: Settings) -> None:
    shorter = settings.model_copy(update={"decided_requests_kept_days": 30, "failed_sign_ins_kept_days": 0})
    session.add(
        KeyRequest(
            contact_name="old", email="o@example.org", decided_at=NOW - days(31), site_name="S", origins=[],
            fixed_filters={}, decision=RequestDecision.accepted,
        )
    )  # fmt: skip
    session.add(LoginAttempt(at=NOW - timedelta(minutes=settings.login_window_minutes + 1), email="a", address="b"))
    assert retention.purge(session, settings, now=NOW) == PurgeReport()
    assert retention.purge(session, shorter, now=NOW) == PurgeReport(key_requests=1, failed_sign_ins=1)


# Once a day, from the outbox drain's loop


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_daily_purge_runs_at_its_first_call_then_a_day_later_in_one_process_of_many(
    session_factory: sessionmaker[Session], settings: Settings
) -> None:
    clock = Clock()
    purge = DailyPurge(session_factory, settings, clock=clock)
    other = DailyPurge(session_factory, settings, clock=clock)  # another worker, another container
    assert purge() == PurgeReport()
    assert other() is None  # the day's purge was this one's
    clock.now = retention.DAY_SECONDS - 1
    assert purge() is None
    clock.now = retention.DAY_SECONDS
    assert purge() == PurgeReport()


def test_a_failed_purge_is_logged_and_tried_again_within_the_hour(settings: Settings) -> None:
    calls: list[float] = []
    clock = Clock()

    def down() -> Session:
        calls.append(clock.now)
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    purge = DailyPurge(down, settings, clock=clock)  # type: ignore[arg-type]
    assert purge() is None
    clock.now = retention.RETRY_SECONDS - 1
    assert purge() is None
    clock.now = retention.RETRY_SECONDS
    assert purge() is None
    assert calls == [0, retention.RETRY_SECONDS]


def test_the_outbox_drain_s_loop_purges_once_a_day(
    session_factory: sessionmaker[Session],
    settings: Settings,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    user_id: int,
) -> None:
    """Four passes twelve hours apart: purged at the first and the third. The loop is ``crv sync``'s and the API's
    in-process drain's (app/cli.py, app/main.py)."""
    with session_factory() as session:
        add_everything(session, user_id)
        session.commit()
    clock = Clock()
    daily = DailyPurge(session_factory, settings, clock=clock)
    drain = OutboxDrain(session_factory, search_engine, taxonomies)
    stop = threading.Event()
    reports: list[PurgeReport | None] = []

    def chore() -> None:
        reports.append(daily())
        clock.now += retention.DAY_SECONDS / 2
        if len(reports) == 4:
            stop.set()

    drain.run_forever(stop, 0.001, chore=chore)
    assert [report is not None for report in reports] == [True, False, True, False]
    assert reports[0] == PurgeReport(sessions=1, failed_sign_ins=1, sign_in_log=1)
    assert reports[2] == PurgeReport()


# crv purge


def one_line(output: str) -> str:
    """The command's output as one line (a terminal's width wraps it)."""
    return " ".join(output.split())


def test_crv_purge_prints_what_it_deleted_and_dry_run_what_it_would(
    session_factory: sessionmaker[Session], settings: Settings, user_id: int, cli_database: None
) -> None:
    with session_factory() as session:
        add_everything(session, user_id)
        session.commit()
    runner = CliRunner()
    dry = runner.invoke(cli.app, ["purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert one_line(dry.output) == (
        "would delete: 1 ended session(s), 0 used or expired link(s), 1 failed sign-in(s), 0 decided account "
        "request(s), 0 decided key request(s), 1 sign-in audit entry(ies), 0 audit entry(ies) without their name "
        "and address, 0 daily count(s) of a search's words, 0 daily count(s) of a resource's reads, 0 unconfirmed "
        "email alert(s)"
    )
    done = runner.invoke(cli.app, ["purge"])
    assert done.exit_code == 0 and one_line(done.output).startswith("deleted: 1 ended session(s)"), done.output
    with session_factory() as session:
        assert set(session.scalars(select(UserSession.address))) == {"recent"}
    assert one_line(runner.invoke(cli.app, ["purge"]).output).startswith("deleted: 0 ended session(s)")
