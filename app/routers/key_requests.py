"""Requests for a publishable key: the form a site fills in from the snippet builder (``/fr/integrer/demande-de-cle``,
``/en/embed/key-request``, its filters and the site's address in the query; no account needed, counted against the
quotas) and the centre's administrators' decisions on the team page (``…/equipe/demandes-de-cle/<id>``: accept,
which makes the key — for the origins asked, or as the administrator corrected them — and mails it, or decline,
which tells them). The centre's administrators (else its contact address) are told of a new request, and its author
gets an acknowledgement. CSRF-protected; every problem shown at once, next to its field."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import AfterValidator

from app.config import Settings
from app.deps import CurrentAdmin, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters
from app.i18n import N_, gettext
from app.models import KeyRequest
from app.paths import page_path
from app.routers import team
from app.services import embed_builder, key_requests, people
from app.services.centre_requests import MESSAGE_LENGTH
from app.services.key_requests import NewKeyRequest
from app.services.origins import siblings_left_out
from app.taxonomy import Taxonomies
from app.web import mails
from app.web.errors import field_problems
from app.web.routing import CodeField, TypedText, add_request_routes, people_router, typed_text
from app.web.sessions import language_of
from app.web.templating import render

router = people_router("key requests")


def _form_page(
    request: Request,
    settings: Settings,
    taxonomies: Taxonomies,
    form: NewKeyRequest,
    errors: dict[str, list[str]] | None = None,
    status_code: int = 200,
    sent: KeyRequest | None = None,
) -> Response:
    """The form (with what was typed, the filters in words and its problems), or the thanks for ``sent``."""
    lang = language_of(request)
    filters, _ = key_requests.filters_of(form.filters, taxonomies)
    chosen = embed_builder.chosen_of(filters)
    title = gettext(lang, "Ask for a key for the search widget")
    return render(
        request,
        "web/key_request.html",
        lang,
        status_code=status_code,
        title=title,
        person=None,
        nav_current="api",
        breadcrumbs=[
            (gettext(lang, "API"), page_path("api", lang)),
            (gettext(lang, "Embed the search in your site"), embed_builder.demo_path(lang)),
            (title, page_path("key_request", lang)),
        ],
        form=form,
        filters=embed_builder.described(chosen, taxonomies, lang),
        builder=embed_builder.demo_path(lang, chosen=chosen),  # to change them
        errors=errors or {},
        alert=gettext(lang, "Please correct the fields marked below.") if errors else None,
        sent=sent,
        lengths=key_requests.FIELD_LENGTHS,  # the fields' maxlength: the same as the server's
        message_length=MESSAGE_LENGTH,
        contact_email=settings.contact_email,  # secret keys are asked for by mail
        anonymous_quota=settings.anonymous_requests_per_minute,  # the thanks: the widget works without a key
        left_out=siblings_left_out(sent.origins) if sent else [],
    )


def request_page(request: Request, settings: SettingsDep, taxonomies: TaxonomiesDep, site: str = "") -> Response:
    """The form, with what the builder chose: the site's address and its filters (names taken as their codes)."""
    lang = language_of(request)
    raw = {name: request.query_params.getlist(name.value) for name in embed_builder.CARRIED}
    chosen, _ = embed_builder.parse(raw, taxonomies, lang)
    site = embed_builder.clean_site(site)
    form = NewKeyRequest.blank(lang, origins=site, filters=urlencode(embed_builder.pairs(chosen)))
    return _form_page(request, settings, taxonomies, form)


def key_request_form(
    request: Request,
    # unbounded: too long, the form comes back with them and the problem next to them
    site_name: Annotated[str, Form()] = "",
    origins: TypedText = "",
    filters: Annotated[str, Form(max_length=key_requests.FILTERS_LENGTH)] = "",  # hidden: the builder's
    contact_name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    language: Annotated[str, Form(max_length=2)] = "",
    message: TypedText = "",
) -> NewKeyRequest:
    """The form as posted; the mails' language is the one chosen, else the page's."""
    return NewKeyRequest(site_name, origins, filters, contact_name, email, language or language_of(request), message)


def send_request(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    form: Annotated[NewKeyRequest, Depends(key_request_form)],
) -> Response:
    try:
        asked, new = key_requests.request_key(session, form, taxonomies)
    except InvalidParameters as exc:
        return _form_page(request, settings, taxonomies, form, field_problems(exc, language_of(request)), exc.status)
    session.commit()  # kept before anyone is told
    if new:  # sent again: the centre and the person were told the first time
        mails.send_key_request(settings, session, asked, taxonomies)
        mails.send_key_request_received(settings, asked)
    return _form_page(request, settings, taxonomies, form, sent=asked)


def decide(
    request: Request,
    request_id: int,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    signed_in: CurrentAdmin,
    action: Annotated[str, Form(max_length=16)],
    organisation: Annotated[str, Form(max_length=120)] = "",
    kind: CodeField = "",
    # as corrected on the team page (line breaks as LF, as the form's textarea); absent: as asked
    origins: Annotated[Annotated[str, AfterValidator(typed_text)] | None, Form()] = None,
) -> Response:
    """Accept (the key made for the organisation chosen, or a new one, and mailed) or decline (the person told)."""
    lang = language_of(request)
    try:
        if action == "accept":
            asked, holder, created = key_requests.accept(
                session, signed_in, request_id, organisation, kind, taxonomies, origins
            )
            session.commit()  # the key and the decision, before the mail that brings the key
            target = f"{page_path('team', lang)}?organisation={holder.slug}&notice=key"
            if mails.send_key(settings, asked, created, taxonomies):
                return RedirectResponse(target, status_code=303)
            # the mail was refused: the key exists nowhere else (only its hash is kept), so its administrator is
            # shown it, once, to give it themselves (publishable: it is public by design)
            notice = gettext(
                lang,
                "The key is made, but the mail to %(email)s could not be sent: give them this key yourself, it is "
                "shown only now: %(key)s",
                email=asked.email,
                key=created.token,
            )
            return team.render_team(request, session, signed_in, holder, notice=notice)
        if action != "decline":
            raise people.refusal("form", N_("unknown action"))
        declined = key_requests.decline(session, signed_in, request_id)
    except InvalidParameters as exc:
        key_row = (request_id, field_problems(exc, lang), origins)  # what was typed, kept
        return team.refused_decision(request, session, signed_in, exc, key_row=key_row)
    session.commit()
    mails.send_key_request_declined(settings, declined)
    return RedirectResponse(f"{page_path('team', lang)}?notice=key_declined", status_code=303)


add_request_routes(router, "key_request", "team_key_requests", form=request_page, send=send_request, decide=decide)
