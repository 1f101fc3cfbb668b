"""The mails of the readers' email alerts (:mod:`app.services.alerts`): the confirmation, and the digests.

A confirmed alert is due once its period (a day, a week) has passed since its last digest (or its confirmation,
before the first). Its digest lists what its search's feed gives with ``since`` that instant
(:func:`app.services.feeds.harvested`: the same selection, published or changed since, the most recently changed
first), withdrawn resources left out: up to :data:`MAX_LISTED`, each with its title and address, and the link to the
whole search on the site. Nothing new, nothing is sent, and the alert stays due: the next pass looks again, so that
the next digest covers everything since the last one sent. ``last_sent_at`` moves only once the mail server took the
digest, to the instant its pass began (a change made during the pass comes again next time rather than never); a
refused mail is tried again at the next pass. A text query is the search engine's to answer: with the engine down,
the alert waits for the next pass too.

Every mail carries its unsubscribe link, in its text and as ``List-Unsubscribe`` with ``List-Unsubscribe-Post``
(RFC 8058): a mail client's « unsubscribe » button POSTs to the link, which deletes the alert. It also carries a
fresh link to the page of all the address's alerts (:mod:`app.services.alert_management`), which a reader can ask
for from the alerts' page too (:func:`send_manage_link`).

:class:`AlertDigests` sends them from the outbox drain's loop (``crv sync``, or the API's thread, beside the daily
purge: :func:`app.services.sync.chores`), one process at a time under the ``alerts`` lease; ``crv alerts send``
sends them by hand.
"""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

import structlog
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app import mail
from app.config import Settings
from app.errors import InvalidParameters
from app.i18n import N_, gettext
from app.models import Resource, SearchAlert
from app.models.base import utcnow
from app.paths import absolute
from app.search.base import SearchEngine, SearchUnavailable
from app.services import alert_management, alerts, feeds, jsonld, listing
from app.services.leases import acquire_lease, new_holder_id, release_lease
from app.services.resources import resource_url
from app.services.sync import failure_reason
from app.taxonomy import Taxonomies

MAX_LISTED = 20
ALERTS_LEASE = "alerts"
PASS_SECONDS = 3600  # how often a process looks for due alerts: a digest is at most this late
LEASE_SECONDS = 900  # a pass's longest: then another process may take over
log = structlog.get_logger(__name__)


def _headers(settings: Settings, key: bytes, alert: SearchAlert) -> dict[str, str]:
    """RFC 2369's ``List-Unsubscribe`` and RFC 8058's one-click ``List-Unsubscribe-Post``."""
    return {
        "List-Unsubscribe": f"<{alerts.link(settings, key, alerts.UNSUBSCRIBE, alert)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _manage(settings: Settings, key: bytes, email: str, lang: str) -> str:
    """The closing lines of every alert mail: the page of all the address's alerts."""
    return "\n" + gettext(
        lang,
        N_("Manage your alerts (how often, stop one or all):\n%(manage)s\n"),
        manage=alert_management.link(settings, key, email, lang),
    )


def send_manage_link(settings: Settings, key: bytes, email: str, lang: str) -> bool:
    """The link to the page of an address's alerts, asked for from the alerts' page."""
    body = gettext(
        lang,
        N_(
            "Hello,\n\nSomeone, probably you, asked the virtual resource centre 8.7 for the link to manage the email "
            "alerts of this address. It is valid %(days)s days:\n%(manage)s\n\nIf you did not ask for it, ignore "
            "this message: nothing changes.\n"
        ),
        days=alert_management.LINK_DAYS,
        manage=alert_management.link(settings, key, email, lang),
    )
    return mail.send(settings, email, gettext(lang, N_("Manage your email alerts")), body, language=lang)


def send_confirmation(settings: Settings, key: bytes, alert: SearchAlert, search: str) -> bool:
    """The double opt-in's mail: what was asked, the link that confirms it, and what happens if it is not."""
    lang = alert.language
    body = gettext(
        lang,
        N_(
            "Hello,\n\nSomeone, probably you, asked the virtual resource centre 8.7 to mail this address the new "
            "resources of a search, %(frequency)s:\n%(search)s\n\nTo receive them, confirm by following this "
            "link:\n%(confirm)s\n\nIf you did not ask for it, ignore this message: nothing will be sent, and the "
            "request is deleted after %(days)s days. To stop it now:\n%(unsubscribe)s\n"
        ),
        frequency=gettext(lang, alerts.FREQUENCY_LABELS[alert.frequency]).lower(),
        search=search,
        confirm=alerts.link(settings, key, alerts.CONFIRM, alert),
        days=settings.alerts_unconfirmed_kept_days,
        unsubscribe=alerts.link(settings, key, alerts.UNSUBSCRIBE, alert),
    ) + _manage(settings, key, alert.email, lang)
    subject = gettext(lang, N_("Confirm your email alert"))
    return mail.send(settings, alert.email, subject, body, language=lang, headers=_headers(settings, key, alert))


@dataclass
class DigestReport:
    due: int = 0  # confirmed alerts whose period had passed
    sent: int = 0  # digests handed to the mail server (or, for a dry run, that would have been)
    empty: int = 0  # nothing new: nothing sent
    failed: int = 0  # not sent (the mail server, the engine): tried again at the next pass

    def summary(self) -> str:
        return f"{self.due} due alert(s): {self.sent} digest(s), {self.empty} with nothing new, {self.failed} failed"


def due(session: Session, now: datetime) -> list[SearchAlert]:
    """The confirmed alerts whose period has passed since their last digest (or their confirmation)."""
    last = func.coalesce(SearchAlert.last_sent_at, SearchAlert.confirmed_at)
    periods = [
        and_(SearchAlert.frequency == frequency, last <= now - period) for frequency, period in alerts.PERIODS.items()
    ]
    query = select(SearchAlert).where(SearchAlert.confirmed_at.is_not(None), or_(*periods))
    return list(session.scalars(query.order_by(SearchAlert.id)))


def new_resources(
    session: Session, settings: Settings, taxonomies: Taxonomies, engine: SearchEngine, alert: SearchAlert
) -> list[Resource]:
    """What the alert's feed gives since its last digest, published ones only, the most recently changed first:
    :data:`MAX_LISTED` and one more (to say there are more)."""
    since = alert.last_sent_at or alert.confirmed_at
    q, filters = alerts.query_of(alert.selection)
    selection = listing.select_resources(settings, taxonomies, engine, q=q, filters=filters)
    query = feeds.harvested(session, selection, since).where(Resource.is_public)
    return list(session.scalars(query.order_by(*feeds.NEWEST_FIRST).limit(MAX_LISTED + 1)))


def digest_body(
    settings: Settings, key: bytes, alert: SearchAlert, resources: list[Resource], search: str
) -> tuple[str, str]:
    """The digest's subject and text: each resource's title and address, then the whole search on the site."""
    lang, base_url = alert.language, settings.public_base_url
    listed = resources[:MAX_LISTED]
    lines = "\n\n".join(f"- {r.title}\n  {resource_url(base_url, r.language, r.slug)}" for r in listed)
    more = len(resources) > MAX_LISTED
    body = gettext(
        lang,
        N_(
            "Hello,\n\nNew or updated in the virtual resource centre 8.7 for your search:\n%(search)s\n\n"
            "%(resources)s\n\n%(all)s\n%(url)s\n\nYou receive this mail %(frequency)s because you asked for it. "
            "To stop it:\n%(unsubscribe)s\n"
        ),
        search=search,
        resources=lines,
        all=gettext(lang, N_("More are new: see them all on the site:") if more else N_("The whole search:")),
        url=absolute(base_url, alerts.search_path(alert.selection, lang)),
        frequency=gettext(lang, alerts.FREQUENCY_LABELS[alert.frequency]).lower(),
        unsubscribe=alerts.link(settings, key, alerts.UNSUBSCRIBE, alert),
    ) + _manage(settings, key, alert.email, lang)
    return gettext(lang, N_("New resources for your search")), body


def send_digests(
    session: Session,
    settings: Settings,
    taxonomies: Taxonomies,
    engine: SearchEngine,
    key: bytes,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
) -> DigestReport:
    """Each due alert's digest, each committed as soon as it is sent (a crash half-way sends none twice)."""
    started = now or utcnow()
    report = DigestReport()
    if not dry_run:  # the hourly pass is the link requests' sweep when no new request comes to do it
        alert_management.forget_old_requests(session, started)
        session.commit()
    organisations: Callable[[], Mapping[str, str]] = partial(jsonld.organisation_names, session)
    for alert in due(session, started):
        report.due += 1
        try:
            resources = new_resources(session, settings, taxonomies, engine, alert)
        except (SearchUnavailable, InvalidParameters) as exc:  # the engine down; a code gone from a taxonomy
            report.failed += 1
            log.warning("alert_digest_not_read", alert=alert.id, error=str(exc))
            continue
        if not resources:
            report.empty += 1
            continue
        if dry_run:
            report.sent += 1
            continue
        search = alerts.describe(alert.selection, taxonomies, alert.language, organisations)
        subject, body = digest_body(settings, key, alert, resources, search)
        headers = _headers(settings, key, alert)
        if not mail.send(settings, alert.email, subject, body, language=alert.language, headers=headers):
            report.failed += 1
            continue
        alert.last_sent_at = started
        session.commit()
        report.sent += 1
    return report


class AlertsBusy(Exception):
    """Another process is sending the digests (it holds the ``alerts`` lease)."""


class AlertDigests:
    """:func:`send_digests` from a long-running loop: called at each of its passes, it sends at the first and then
    every ``every_seconds`` (``clock``: monotonic seconds), in one process at a time (the ``alerts`` lease, given
    back after the pass). A failed pass (the database down) is logged; the next one sends what it did not."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        settings: Settings,
        taxonomies: Taxonomies,
        engine: SearchEngine,
        key: bytes,
        *,
        clock: Callable[[], float] = time.monotonic,
        every_seconds: int = PASS_SECONDS,
        holder: str | None = None,
    ) -> None:
        self._sessions = session_factory
        self._settings = settings
        self._taxonomies = taxonomies
        self._engine = engine
        self._key = key
        self._clock = clock
        self._every = every_seconds
        self.holder = holder or new_holder_id()
        self._next: float | None = None

    def send(self, *, dry_run: bool = False) -> DigestReport:
        """One pass now, under the lease (:class:`AlertsBusy` when another process holds it)."""
        with self._sessions() as session:
            if not acquire_lease(session, self.holder, seconds=LEASE_SECONDS, name=ALERTS_LEASE):
                raise AlertsBusy
            try:
                return send_digests(session, self._settings, self._taxonomies, self._engine, self._key, dry_run=dry_run)
            finally:
                session.rollback()  # a dry run's reads, or a failure's half-done alert: nothing more to write
                release_lease(session, self.holder, name=ALERTS_LEASE)

    def __call__(self) -> DigestReport | None:
        """The pass's report when one ran now, else None (not due, or another process's turn)."""
        now = self._clock()
        if self._next is not None and now < self._next:
            return None
        self._next = now + self._every
        try:
            report = self.send()
        except AlertsBusy:
            return None
        except Exception as exc:  # the drain it runs in must outlive it; a bug's traceback is logged
            traceback = None if isinstance(exc, SQLAlchemyError) else exc
            log.warning("alert_digests_failed", error=failure_reason(exc), exc_info=traceback)
            return None
        if report.due:
            log.info("alert_digests_sent", due=report.due, sent=report.sent, empty=report.empty, failed=report.failed)
        return report
