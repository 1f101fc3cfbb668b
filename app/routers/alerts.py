"""Readers' email alerts for a search (« Recevoir les nouveautés par courriel »): the form the search page leads to
(``/fr/alertes``, ``/en/alerts``, the search's words and filters in its query, as the feed's address carries them),
and the pages of the links their mails bring — confirm (``…/confirmer``, ``…/confirm``) and unsubscribe
(``…/desabonnement``, ``…/unsubscribe``) — each a page with one button, so that a mail scanner following the link
changes nothing. Thin: the rules are :mod:`app.services.alerts`'s, the mails :mod:`app.services.alert_digests`'s.

The page of all an address's alerts (« Mes alertes », ``…/gerer``, ``…/manage``), reached by the signed link every
alert mail brings or one asked for from the form page (``…/lien-de-gestion``, ``…/manage-link``), changes an
alert's frequency, stops one or all; its rules are :mod:`app.services.alert_management`'s.

The forms are CSRF-protected as the site's other public forms, the manage page's too (a page, not a mail client's
button). The confirm and unsubscribe links' POSTs are not: the signed link in their address is what they are
authorised by, and a mail client's one-click unsubscribe (RFC 8058) has no cookie."""

from functools import partial
from typing import Annotated, Any, Literal

from fastapi import Form, Query, Request
from fastapi.responses import Response

from app import csrf
from app.config import Settings
from app.deps import SessionDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters
from app.i18n import gettext
from app.languages import LANGUAGES
from app.models import AlertFrequency, SearchAlert
from app.paths import PAGES, page_path
from app.policy import page
from app.routers.filters import FiltersDep
from app.services import alert_digests, alert_management, alerts, jsonld
from app.services.alerts import NewAlert, UnknownValues
from app.taxonomy import Taxonomies
from app.web.errors import field_problems
from app.web.routing import EMAIL_LENGTH, people_router
from app.web.sessions import client_address, language_of
from app.web.templating import render

router = people_router("alerts")
LinkToken = Annotated[str, Query(alias="t", max_length=200)]  # the signed link's ``t``
ManageToken = Annotated[str, Query(alias="t", max_length=600)]  # the manage link's: the address is in it
Email = Annotated[str, Form(max_length=1000)]


def _key(request: Request) -> bytes:
    key: bytes = request.app.state.secret_key
    return key


def _page(request: Request, template: str, title: str, status_code: int = 200, **context: Any) -> Response:
    """An alert's page: the public site's, under « Search » in the menu and the breadcrumb, nobody signed in."""
    lang = language_of(request)
    return render(
        request,
        template,
        lang,
        status_code=status_code,
        title=title,
        person=None,
        nav_current="search",
        breadcrumbs=[(gettext(lang, "Search"), page_path("search", lang)), (title, request.url.path)],
        **context,
    )


def _form_page(
    request: Request,
    settings: Settings,
    taxonomies: Taxonomies,
    stored: dict[str, Any],
    form: NewAlert,
    *,
    search: str,
    errors: dict[str, list[str]] | None = None,
    status_code: int = 200,
    asked: bool = False,
) -> Response:
    """The form (what was typed, its problems next to the fields), or, once sent, the same answer for everyone."""
    lang = language_of(request)
    title = gettext(lang, "Receive the new resources by email")
    return _page(
        request,
        "site/alert_form.html",
        title,
        status_code=status_code,
        form=form,
        search=search,
        search_url=alerts.search_path(stored, lang),
        action=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        frequencies=alerts.FREQUENCY_LABELS,
        errors=errors or {},
        alert=gettext(lang, "Please correct the fields marked below.") if errors else None,
        asked=asked,
        email_length=EMAIL_LENGTH,
        kept_days=settings.alerts_unconfirmed_kept_days,
        manage_action=page_path("alert_manage_link", lang),
    )


def _unknown_page(request: Request, unknown: UnknownValues) -> Response:
    """The form's page without its form: the unknown values said in the page's words, and the search without them
    to ask from again."""
    lang = language_of(request)
    title = gettext(lang, "Receive the new resources by email")
    return _page(
        request,
        "site/alert_form.html",
        title,
        status_code=422,
        alert=unknown.message(lang),
        errors={},
        search_url=unknown.search_path,
        unknown=True,
    )


def alert_form(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    filters: FiltersDep,
    q: str = "",
) -> Response:
    """The form for the search of the address's query (a 422 page for an unknown filter value)."""
    lang = language_of(request)
    if (unknown := alerts.unknown_values(settings, taxonomies, q, filters, lang)) is not None:
        return _unknown_page(request, unknown)
    stored = alerts.stored_selection(settings, taxonomies, q, filters)
    search = alerts.describe(stored, taxonomies, lang, lambda: jsonld.organisation_names(session))
    return _form_page(request, settings, taxonomies, stored, NewAlert.blank(lang), search=search)


def ask(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    filters: FiltersDep,
    q: str = "",
    email: Annotated[str, Form(max_length=1000)] = "",
    frequency: Annotated[str, Form(max_length=16)] = AlertFrequency.weekly.value,
) -> Response:
    """Keep the alert unconfirmed and mail its confirmation link; the same answer whatever the address's alerts."""
    lang = language_of(request)
    if (unknown := alerts.unknown_values(settings, taxonomies, q, filters, lang)) is not None:
        return _unknown_page(request, unknown)
    form = NewAlert(email, frequency, lang)
    stored = alerts.stored_selection(settings, taxonomies, q, filters)
    search = alerts.describe(stored, taxonomies, lang, lambda: jsonld.organisation_names(session))
    try:
        asked = alerts.subscribe(session, settings, form, stored, client_address(request))
    except InvalidParameters as exc:
        problems = field_problems(exc, lang)
        return _form_page(
            request, settings, taxonomies, stored, form, search=search, errors=problems, status_code=exc.status
        )
    session.commit()  # kept before the mail that names it
    if asked is not None:
        alert_digests.send_confirmation(settings, _key(request), asked, search)
    return _form_page(request, settings, taxonomies, stored, form, search=search, asked=True)


def _link_page(
    request: Request,
    template: str,
    title: str,
    *,
    alert: SearchAlert | None = None,
    done: bool = False,
    session: SessionDep | None = None,
    taxonomies: Taxonomies | None = None,
) -> Response:
    lang = language_of(request)
    search = search_url = ""
    if alert is not None and taxonomies is not None and session is not None:
        search = alerts.describe(alert.selection, taxonomies, lang, lambda: jsonld.organisation_names(session))
        search_url = alerts.search_path(alert.selection, lang)
    return _page(
        request,
        template,
        title,
        action=f"{request.url.path}?{request.url.query}",
        done=done,
        search=search,
        search_url=search_url,
        frequency=gettext(lang, alerts.FREQUENCY_LABELS[alert.frequency]) if alert is not None else "",
    )


def confirm_page(request: Request, session: SessionDep, taxonomies: TaxonomiesDep, t: LinkToken) -> Response:
    """The confirmation link's page: what will be sent, and the button that confirms it."""
    alert = alerts.alert_of(session, _key(request), alerts.CONFIRM, t)
    if alert is None:
        raise alerts.gone()
    title = gettext(language_of(request), "Confirm your email alert")
    return _link_page(
        request, "site/alert_confirm.html", title, alert=alert, done=alert.confirmed_at is not None,
        session=session, taxonomies=taxonomies,
    )  # fmt: skip


def confirm(request: Request, session: SessionDep, taxonomies: TaxonomiesDep, t: LinkToken) -> Response:
    """Confirm: the digests start."""
    alert = alerts.confirm(session, _key(request), t)
    session.commit()
    title = gettext(language_of(request), "Your email alert is confirmed")
    return _link_page(
        request, "site/alert_confirm.html", title, alert=alert, done=True, session=session, taxonomies=taxonomies
    )


def unsubscribe_page(request: Request, session: SessionDep, taxonomies: TaxonomiesDep, t: LinkToken) -> Response:
    """The unsubscribe link's page: the button that stops the alert (already stopped: said so)."""
    alert = alerts.alert_of(session, _key(request), alerts.UNSUBSCRIBE, t)
    title = gettext(language_of(request), "Stop an email alert")
    return _link_page(
        request, "site/alert_unsubscribe.html", title, alert=alert, done=alert is None,
        session=session, taxonomies=taxonomies,
    )  # fmt: skip


def unsubscribe(request: Request, session: SessionDep, t: LinkToken) -> Response:
    """Delete the alert: the page's button, or a mail client's one-click POST (RFC 8058)."""
    alerts.unsubscribe(session, _key(request), t)
    session.commit()
    title = gettext(language_of(request), "Your email alert is stopped")
    return _link_page(request, "site/alert_unsubscribe.html", title, done=True)


def _manage_link_page(
    request: Request, email: str = "", *, errors: dict[str, list[str]] | None = None, sent: bool = False,
    status_code: int = 200,
) -> Response:  # fmt: skip
    lang = language_of(request)
    title = gettext(lang, "Receive the link to manage my alerts")
    return _page(
        request,
        "site/alert_manage_link.html",
        title,
        status_code=status_code,
        email=email,
        errors=errors or {},
        alert=gettext(lang, "Please correct the fields marked below.") if errors else None,
        sent=sent,
        action=request.url.path,
        email_length=EMAIL_LENGTH,
    )


def manage_link_form(request: Request) -> Response:
    """The form that mails the link to manage an address's alerts."""
    return _manage_link_page(request)


def manage_link(request: Request, session: SessionDep, settings: SettingsDep, email: Email = "") -> Response:
    """Mail the manage link to an address with confirmed alerts; the same answer whatever the address."""
    lang = language_of(request)
    try:
        known = alert_management.request_link(session, settings, email, client_address(request))
    except InvalidParameters as exc:
        return _manage_link_page(request, email, errors=field_problems(exc, lang), status_code=exc.status)
    session.commit()  # the request counted even when the mail fails
    if known is not None:
        alert_digests.send_manage_link(settings, _key(request), known, lang)
    return _manage_link_page(request, sent=True)


def _manage_page(
    request: Request,
    session: SessionDep,
    taxonomies: Taxonomies,
    email: str,
    *,
    errors: dict[str, list[str]] | None = None,
    notice: str = "",
    status_code: int = 200,
) -> Response:
    """Every confirmed alert of the address: what it follows, how often, when last sent, and its forms."""
    lang = language_of(request)
    title = gettext(lang, "Manage your alerts")
    names = partial(jsonld.organisation_names, session)
    listed = [
        {
            "id": alert.id,
            "search": alerts.describe(alert.selection, taxonomies, lang, names),
            "search_url": alerts.search_path(alert.selection, lang),
            "frequency": alert.frequency.value,
            "last_sent_at": alert.last_sent_at,
            "field": alert_management.frequency_field(alert.id),
        }
        for alert in alert_management.confirmed_alerts(session, email)
    ]
    return _page(
        request,
        "site/alert_manage.html",
        title,
        status_code=status_code,
        email=email,
        alerts=listed,
        frequencies=alerts.FREQUENCY_LABELS,
        errors=errors or {},
        alert=gettext(lang, "Please correct the fields marked below.") if errors else None,
        notice=notice,
        action=f"{request.url.path}?{request.url.query}",
        link_days=alert_management.LINK_DAYS,
    )


def manage_page(request: Request, session: SessionDep, taxonomies: TaxonomiesDep, t: ManageToken) -> Response:
    """The page of all an address's alerts, by its signed link."""
    return _manage_page(request, session, taxonomies, alert_management.address_of(_key(request), t))


def manage(
    request: Request,
    session: SessionDep,
    taxonomies: TaxonomiesDep,
    t: ManageToken,
    action: Annotated[Literal["frequency", "stop", "stop_all"], Form()],
    alert: Annotated[int, Form(ge=0, lt=10**11)] = 0,
    frequency: Annotated[str, Form(max_length=16)] = "",
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Change an alert's frequency, stop one, or stop all (once the box is ticked)."""
    lang = language_of(request)
    email = alert_management.address_of(_key(request), t)
    try:
        if action == "frequency":
            alert_management.change_frequency(session, email, alert, frequency)
            notice = gettext(lang, "The alert’s frequency is changed.")
        elif action == "stop":
            alert_management.stop(session, email, alert)
            notice = gettext(lang, "The alert is stopped: no more mail will be sent for it.")
        else:
            alert_management.stop_all(session, email, confirmed=confirm == "yes")
            notice = gettext(lang, "All your alerts are stopped and your address deleted: no more mail will be sent.")
    except InvalidParameters as exc:
        session.rollback()
        return _manage_page(
            request, session, taxonomies, email, errors=field_problems(exc, lang), status_code=exc.status
        )
    session.commit()
    return _manage_page(request, session, taxonomies, email, notice=notice)


for _lang in LANGUAGES:
    router.add_api_route(PAGES["alerts"][_lang], alert_form, methods=["GET"], response_class=Response)
    router.add_api_route(
        PAGES["alerts"][_lang],
        ask,
        methods=["POST"],
        response_class=Response,
        dependencies=[csrf.Protected, page(people=True, quota=True)],
    )
    for _name, _show, _act in (
        ("alert_confirm", confirm_page, confirm),
        ("alert_unsubscribe", unsubscribe_page, unsubscribe),
    ):
        router.add_api_route(PAGES[_name][_lang], _show, methods=["GET"], response_class=Response)
        router.add_api_route(PAGES[_name][_lang], _act, methods=["POST"], response_class=Response)
    router.add_api_route(PAGES["alert_manage"][_lang], manage_page, methods=["GET"], response_class=Response)
    router.add_api_route(
        PAGES["alert_manage"][_lang], manage, methods=["POST"], response_class=Response, dependencies=[csrf.Protected]
    )
    router.add_api_route(PAGES["alert_manage_link"][_lang], manage_link_form, methods=["GET"], response_class=Response)
    router.add_api_route(
        PAGES["alert_manage_link"][_lang],
        manage_link,
        methods=["POST"],
        response_class=Response,
        dependencies=[csrf.Protected, page(people=True, quota=True)],
    )
