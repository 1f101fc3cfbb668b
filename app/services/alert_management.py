"""« Mes alertes »: a reader sees every confirmed alert of their address on one page, changes an alert's frequency,
stops one or all of them, without an account (:mod:`app.services.alerts` has the rules of one alert).

* The page is reached by a link signed for the address (:mod:`app.signing`, its own purpose), valid
  :data:`LINK_DAYS` days: ``<address, base64url>.<expiry, epoch seconds>.<signature>``. Every confirmation and
  digest mail carries a fresh one. The address is in the link, not an alert's number: stopping the alert whose mail
  brought it leaves the link good for the others. An altered link is refused (404), an expired one said so (410).
* The link is also mailed on request from the alerts' page (email only). The answer is the same whatever the
  address; the mail goes only to an address with confirmed alerts. The requests are throttled as the alerts asked
  are (the same limits, ``alerts_pending_per_address`` silently, ``alerts_pending_per_client`` with a 429), counted
  in :class:`AlertLinkRequest` rows that live for the throttling's hour only.
* Stopping all asks to tick a box first: the button alone does nothing.
"""

import base64
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import FieldError, Gone, InvalidParameters, NotFound, TooManyRequests
from app.i18n import N_
from app.models import AlertFrequency, AlertLinkRequest, SearchAlert
from app.models.base import utcnow
from app.paths import absolute, page_path
from app.services import accounts, alerts
from app.signing import b64, sign, verify

MANAGE = "alert-manage"  # the link's signing purpose
LINK_DAYS = 30
BAD_LINK = N_(
    "This link is not valid: it may be incomplete (copy the whole link from the mail). Ask for a new one from the "
    "email alerts page."
)
EXPIRED_LINK = N_(
    "This link has expired. Every alert mail brings a new one, or ask for one from the email alerts page."
)
GONE_ALERT = N_("this alert is no longer there: it was stopped")
CONFIRM_ALL = N_("tick the box to confirm that every alert stops")


def token(key: bytes, email: str, now: datetime | None = None) -> str:
    """The link's ``t``: the address, the expiry second, and the signature over both."""
    expires = str(int(((now or utcnow()) + timedelta(days=LINK_DAYS)).timestamp()))
    return f"{b64(email.encode())}.{expires}.{sign(key, MANAGE, email, expires)}"


def link(settings: Settings, key: bytes, email: str, language: str) -> str:
    """The absolute address of the page that manages ``email``'s alerts, in ``language``."""
    return absolute(settings.public_base_url, page_path("alert_manage", language, t=token(key, email)))


def _decoded(text: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except ValueError:  # not base64, or not UTF-8 once decoded
        return None


def address_of(key: bytes, text: str, now: datetime | None = None) -> str:
    """The address of a manage link: a 404 for a link that is not one (altered, truncated), a 410 once expired."""
    encoded, _, rest = text.partition(".")
    expires, _, signature = rest.partition(".")
    email = _decoded(encoded)
    if email is None or not (expires.isascii() and expires.isdecimal() and len(expires) < 12):
        raise NotFound(BAD_LINK)
    if not verify(key, signature, MANAGE, email, expires):
        raise NotFound(BAD_LINK)
    if datetime.fromtimestamp(int(expires), tz=UTC) <= (now or utcnow()):
        raise Gone(EXPIRED_LINK)
    return email


def confirmed_alerts(session: Session, email: str) -> list[SearchAlert]:
    """The address's confirmed alerts, the oldest first (its unconfirmed ones are no one's yet)."""
    query = select(SearchAlert).where(SearchAlert.email == email, SearchAlert.confirmed_at.is_not(None))
    return list(session.scalars(query.order_by(SearchAlert.confirmed_at, SearchAlert.id)))


def _alert(session: Session, email: str, number: int) -> SearchAlert | None:
    alert = session.get(SearchAlert, number)
    return alert if alert is not None and alert.email == email and alert.confirmed_at is not None else None


def frequency_field(number: int) -> str:
    """The name of an alert's frequency problem on the page (each alert has its own)."""
    return f"frequency-{number}"


def change_frequency(session: Session, email: str, number: int, typed: str) -> SearchAlert:
    """The address's alert ``number`` at the frequency ``typed``; its problem on its own frequency field."""
    alert = _alert(session, email, number)
    if alert is None:
        raise InvalidParameters(
            "Some fields need correcting.", errors=[FieldError.translatable(frequency_field(number), GONE_ALERT)]
        )
    try:
        alert.frequency = AlertFrequency(typed)
    except ValueError:
        problem = FieldError.translatable(frequency_field(number), alerts.UNKNOWN_FREQUENCY)
        raise InvalidParameters("Some fields need correcting.", errors=[problem]) from None
    session.flush()
    return alert


def stop(session: Session, email: str, number: int) -> None:
    """Delete the address's alert ``number``; stopped already (the button pressed twice), nothing to do."""
    alert = _alert(session, email, number)
    if alert is not None:
        session.delete(alert)
        session.flush()


def stop_all(session: Session, email: str, *, confirmed: bool) -> None:
    """Delete every alert of the address, unconfirmed ones too, once the box is ticked."""
    if not confirmed:
        raise InvalidParameters(
            "Some fields need correcting.", errors=[FieldError.translatable("confirm", CONFIRM_ALL)]
        )
    session.execute(delete(SearchAlert).where(SearchAlert.email == email))


def forget_old_requests(session: Session, now: datetime | None = None) -> None:
    """Delete the link requests out of the throttling's hour: they served it only."""
    since = (now or utcnow()) - alerts.THROTTLE_WINDOW
    session.execute(delete(AlertLinkRequest).where(AlertLinkRequest.created_at < since))


def request_link(session: Session, settings: Settings, typed: str, client: str) -> str | None:
    """The address to mail its manage link to, or None (no confirmed alert there, or its share of mails this hour
    sent: the caller answers the same). A problem on ``email`` for an address that is not one; a 429 when this
    client asked too many links this hour."""
    email = accounts.checked_address(typed)
    now = utcnow()
    forget_old_requests(session, now)
    client = client[: alerts.CLIENT_LENGTH]
    since = now - alerts.THROTTLE_WINDOW
    if (
        alerts.asked_since(session, AlertLinkRequest, since, requested_from=client)
        >= settings.alerts_pending_per_client
    ):
        raise TooManyRequests(
            N_("Too many links were asked from your connection in the last hour: try again in an hour."),
            headers={"Retry-After": str(int(alerts.THROTTLE_WINDOW.total_seconds()))},
        )
    sent = alerts.asked_since(session, AlertLinkRequest, since, email=email)
    session.add(AlertLinkRequest(email=email, requested_from=client, created_at=now))
    session.flush()
    if sent >= settings.alerts_pending_per_address or not confirmed_alerts(session, email):
        return None
    return email
