"""Readers' email alerts for a search (« Recevoir les nouveautés par courriel »): the rules of asking for one,
confirming it and stopping it. The digests themselves are :mod:`app.services.alert_digests`'s.

* An alert is a search's selection exactly as its Atom feed takes it — its words and filters, ``lang`` included —
  checked by the search's own query layer (:func:`app.services.search.build_query`, the one that checks the feed's
  and the API's parameters), an address, the language of its mails (the page's) and a frequency (weekly or daily).
* Double opt-in: asking keeps the alert unconfirmed and mails a link to confirm it; nothing else is sent until it is
  followed, and an alert never confirmed is deleted after ``alerts_unconfirmed_kept_days`` (the retention rule
  of :mod:`app.services.retention`). Whoever asks gets the same answer whether or not the address already has
  alerts, is throttled or is new: at most ``alerts_pending_per_address`` confirmation mails an hour go to one
  address (beyond, nothing is sent, silently), and one client address may ask at most
  ``alerts_pending_per_client`` alerts an hour (beyond, a 429: it tells nothing of any address). They are counted
  in the table itself, as the failed sign-ins are (:mod:`app.services.accounts`): no counter store needed.
* The links are signed with the application's key (:mod:`app.signing`), one purpose each (confirm, unsubscribe),
  over the alert's number, address and creation second: a number alone, or a link of a deleted alert whose number
  came back, is worth nothing. Unsubscribing deletes the alert; following its link again says it is done.
* A link of the form whose filter value is unknown (altered, or a code since gone) is refused in the page's words,
  with the search without it (:func:`unknown_values`): the search page leaves such a value out and says so, but an
  alert left without it would mail a wider search than the one asked.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import FieldError, InvalidParameters, NotFound, TooManyRequests
from app.filters import FILTERS, FilterField
from app.i18n import N_, gettext, ngettext
from app.languages import LANGUAGES, Language
from app.models import AlertFrequency, AlertLinkRequest, SearchAlert
from app.models.base import utcnow
from app.paths import absolute, page_path
from app.search.base import SearchQuery, SortOrder
from app.services import accounts
from app.services import search as search_service
from app.services.feeds import selection_words
from app.services.listing import Selection
from app.services.search import PublisherNames
from app.services.site.layout import Ignored
from app.services.site.search_page import parse_state
from app.signing import sign, verify
from app.taxonomy import Taxonomies

CONFIRM, UNSUBSCRIBE = "alert-confirm", "alert-unsubscribe"  # the links' signing purposes
THROTTLE_WINDOW = timedelta(hours=1)
CLIENT_LENGTH = 64  # as the failed sign-ins keep it
PERIODS: Mapping[AlertFrequency, timedelta] = {
    AlertFrequency.daily: timedelta(days=1),
    AlertFrequency.weekly: timedelta(days=7),
}
FREQUENCY_LABELS: Mapping[AlertFrequency, str] = {
    AlertFrequency.weekly: N_("Once a week"),
    AlertFrequency.daily: N_("Once a day"),
}
UNKNOWN_FREQUENCY = N_("choose once a week or once a day")
BAD_LINK = N_(
    "This link is not valid: it may be incomplete (copy the whole link from the mail), or the alert was not "
    "confirmed in time and has been deleted. Ask for the alert again from the search page."
)


@dataclass(frozen=True, slots=True)
class UnknownValues:
    """The filter values of a form's address that no search knows, and the search without them (its page)."""

    values: tuple[Ignored, ...]
    search_path: str

    def message(self, language: str) -> str:
        """« Ce lien de recherche contient un filtre inconnu (Risque : nope). Refaites la recherche… »"""
        named = (gettext(language, ";") + " ").join(
            f"{gettext(language, item.label)}{gettext(language, ':')} {item.value[:60]}" for item in self.values
        )
        return ngettext(
            language,
            "This search link holds an unknown filter (%(values)s). Search again from the search page.",
            "This search link holds unknown filters (%(values)s). Search again from the search page.",
            len(self.values),
            values=named,
        )


@dataclass(frozen=True, slots=True)
class NewAlert:
    """The form as posted: the address, the frequency (a code), the language of the mails."""

    email: str
    frequency: str
    language: str

    @classmethod
    def blank(cls, language: str) -> "NewAlert":
        return cls("", AlertFrequency.weekly.value, language)


def unknown_values(
    settings: Settings, taxonomies: Taxonomies, q: str, filters: Mapping[FilterField, Sequence[str]], language: str
) -> UnknownValues | None:
    """The form's filter values that the search page would leave out (:func:`parse_state`, whose notice lists
    them), and a ``lang`` that is not one; None when every value is known."""
    state = parse_state(taxonomies, settings, q=q, raw_filters=filters, sort="", page="")
    languages = [
        Ignored(N_("Language"), typed)
        for typed in filters.get(FilterField.lang, ())
        if FILTERS[FilterField.lang].normalise(typed) not in LANGUAGES
    ]
    if not state.ignored and not languages:
        return None
    return UnknownValues((*state.ignored, *languages), page_path("search", language, **state.params()))


def stored_selection(
    settings: Settings, taxonomies: Taxonomies, q: str, filters: Mapping[FilterField, Sequence[str]]
) -> dict[str, Any]:
    """The search's words and filters as an alert keeps them, checked and normalised as the feed's are (a 422
    problem on an unknown value): ``{"q": "cacao", "filters": {"country": ["CI"], "lang": ["fr"]}}``."""
    query = search_service.build_query(
        settings, taxonomies, q=q, filters=filters, sort=SortOrder.relevance, page=1, per_page=1, facets=()
    )
    return {"q": query.q, "filters": {name.value: list(codes) for name, codes in query.filters.items()}}


def query_of(stored: Mapping[str, Any]) -> tuple[str, dict[FilterField, list[str]]]:
    """An alert's words and filters, as the feed's parameters give them (the digest checks them again: a taxonomy's
    code may have gone since)."""
    filters = {FilterField(name): list(codes) for name, codes in stored.get("filters", {}).items()}
    return str(stored.get("q", "")), filters


def describe(
    stored: Mapping[str, Any], taxonomies: Taxonomies, language: str, organisations: PublisherNames | None = None
) -> str:
    """The search in words, as its feed's title narrows it (the words, each filter's labels), or « every
    resource » for a search of nothing."""
    q, filters = query_of(stored)
    selection = Selection(query=SearchQuery(q=q, filters={name: tuple(codes) for name, codes in filters.items()}))
    return selection_words(selection, taxonomies, language, organisations) or gettext(language, "every resource")


def search_path(stored: Mapping[str, Any], language: str) -> str:
    """The search on the site: its words and filters, on the page of the mails' language (whose language is its
    ``lang``: the filter is not repeated)."""
    q, filters = query_of(stored)
    params: dict[str, str | list[str]] = {"q": q}
    params.update({name.value: codes for name, codes in filters.items() if name is not FilterField.lang})
    return page_path("search", language, **params)


def _frequency(typed: str) -> AlertFrequency | None:
    try:
        return AlertFrequency(typed)
    except ValueError:
        return None


def asked_since(
    session: Session,
    model: type[SearchAlert | AlertLinkRequest],
    since: datetime,
    *conditions: ColumnElement[bool],
    **where: str,
) -> int:
    """The throttle's count: ``model``'s rows made since ``since`` with the ``where`` columns' values (an address,
    a connection) and ``conditions`` — the alerts asked, or the manage links (app.services.alert_management)."""
    query = select(func.count()).select_from(model).where(model.created_at >= since, *conditions)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return session.scalar(query) or 0


def _pending_since(session: Session, **where: str) -> int:
    unconfirmed = SearchAlert.confirmed_at.is_(None)
    return asked_since(session, SearchAlert, utcnow() - THROTTLE_WINDOW, unconfirmed, **where)


def subscribe(
    session: Session, settings: Settings, form: NewAlert, stored: dict[str, Any], client: str
) -> SearchAlert | None:
    """A new unconfirmed alert, whose confirmation the caller mails once committed; None when the address has
    had its share of confirmation mails this hour (the same answer is shown: nothing tells the address's alerts
    apart). Every problem of the form at once (on ``email``, ``frequency``); a 429 when this client asked too many."""
    problems: list[FieldError] = []
    frequency = _frequency(form.frequency)
    if frequency is None:
        problems.append(FieldError.translatable("frequency", UNKNOWN_FREQUENCY))
    address = ""
    try:
        address = accounts.checked_address(form.email)
    except InvalidParameters as exc:
        problems.extend(exc.errors or [])
    if problems or frequency is None:
        raise InvalidParameters("Some fields need correcting.", errors=problems)
    client = client[:CLIENT_LENGTH]
    if _pending_since(session, requested_from=client) >= settings.alerts_pending_per_client:
        raise TooManyRequests(
            N_("Too many alerts were asked from your connection in the last hour: try again in an hour."),
            headers={"Retry-After": str(int(THROTTLE_WINDOW.total_seconds()))},
        )
    if _pending_since(session, email=address) >= settings.alerts_pending_per_address:
        return None
    alert = SearchAlert(
        email=address,
        language=Language(form.language) if form.language in LANGUAGES else Language.fr,
        selection=stored,
        frequency=frequency,
        requested_from=client,
        created_at=utcnow(),
    )
    session.add(alert)
    session.flush()
    return alert


def token(key: bytes, purpose: str, alert: SearchAlert) -> str:
    """``<number>.<signature>``: the signature over the alert's number, address and creation second."""
    return f"{alert.id}.{sign(key, purpose, *_signed(alert))}"


def _signed(alert: SearchAlert) -> tuple[str, str, str]:
    return str(alert.id), alert.email, str(int(alert.created_at.timestamp()))


def link(settings: Settings, key: bytes, purpose: str, alert: SearchAlert) -> str:
    """The absolute address of an alert's link (to confirm it, or to stop it), in its mails' language."""
    name = "alert_confirm" if purpose == CONFIRM else "alert_unsubscribe"
    return absolute(settings.public_base_url, page_path(name, alert.language, t=token(key, purpose, alert)))


def _number(text: str) -> int | None:
    number = text.partition(".")[0]
    return int(number) if number.isascii() and number.isdecimal() and len(number) < 12 else None


def gone() -> NotFound:
    """A link that is not one, or whose alert is gone before it was confirmed."""
    return NotFound(BAD_LINK)


def alert_of(session: Session, key: bytes, purpose: str, text: str) -> SearchAlert | None:
    """The alert a link names, when its signature is right; None for a link whose alert is gone. A link that is
    not one (altered, truncated) is refused (404), so that it says nothing of which alerts exist."""
    number = _number(text)
    if number is None:
        raise gone()
    alert = session.get(SearchAlert, number)
    if alert is None:
        return None
    if not verify(key, text.partition(".")[2], purpose, *_signed(alert)):
        raise gone()
    return alert


def confirm(session: Session, key: bytes, text: str) -> SearchAlert:
    """Confirm the alert of a confirmation link (again: nothing changes). The same address's alert for the same
    search, confirmed before, is kept instead, with the frequency just chosen: one digest per search."""
    alert = alert_of(session, key, CONFIRM, text)
    if alert is None:  # never confirmed in time: deleted by the retention rule
        raise gone()
    if alert.confirmed_at is not None:
        return alert
    same = select(SearchAlert).where(
        SearchAlert.email == alert.email, SearchAlert.confirmed_at.is_not(None), SearchAlert.id != alert.id
    )
    for existing in session.scalars(same):
        if existing.selection == alert.selection:
            existing.frequency = alert.frequency
            session.delete(alert)
            session.flush()
            return existing
    alert.confirmed_at = utcnow()
    alert.requested_from = None  # it served the throttling only
    session.flush()
    return alert


def unsubscribe(session: Session, key: bytes, text: str) -> None:
    """Delete the alert of an unsubscribe link; done already (the link followed twice), nothing to do."""
    alert = alert_of(session, key, UNSUBSCRIBE, text)
    if alert is not None:
        session.delete(alert)
        session.flush()
