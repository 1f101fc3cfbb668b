"""Requests for a partner account: the form an organisation fills in from the publish page
(``/fr/publier/demande-de-compte``, ``/en/publish/account-request``; no account needed, counted against the quotas)
and the centre's administrators' decisions on the team page (``…/equipe/demandes/<id>``: accept, which adds the
organisation and invites the person, or decline, which tells them). The centre's administrators (else its contact
address) are told of a new request, and its author gets an acknowledgement. CSRF-protected; every problem shown at
once."""

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import CurrentAdmin, SessionDep, SettingsDep
from app.errors import InvalidParameters
from app.i18n import N_, gettext
from app.models import AccountRequest
from app.paths import page_path
from app.routers import team
from app.services import partners, people
from app.web import mails
from app.web.errors import field_problems
from app.web.routing import PartnerForm, add_request_routes, people_router
from app.web.sessions import language_of
from app.web.templating import render

router = people_router("partner requests")


def _form_page(
    request: Request,
    form: partners.NewPartner | None = None,
    errors: dict[str, list[str]] | None = None,
    status_code: int = 200,
    sent: AccountRequest | None = None,
) -> Response:
    """The form (with what was typed and its problems), or the thanks for ``sent``."""
    lang = language_of(request)
    return render(
        request,
        "web/account_request.html",
        lang,
        status_code=status_code,
        title=gettext(lang, "Ask for a partner account"),
        person=None,
        kinds=partners.PARTNER_KINDS,
        form=form or partners.NewPartner.blank(lang),
        errors=errors or {},
        alert=gettext(lang, "Please correct the fields marked below.") if errors else None,
        sent=sent,
        partner_lengths=partners.FIELD_LENGTHS,  # the fields' maxlength: the same as the server's
        message_length=partners.MESSAGE_LENGTH,
    )


def request_page(request: Request) -> Response:
    return _form_page(request)


def send_request(request: Request, session: SessionDep, settings: SettingsDep, form: PartnerForm) -> Response:
    try:
        account_request, new = partners.request_account(session, form)
    except InvalidParameters as exc:
        return _form_page(request, form, field_problems(exc, language_of(request)), exc.status)
    session.commit()  # kept before anyone is told
    if new:  # sent again: the centre and the person were told the first time
        mails.send_account_request(settings, session, account_request)
        mails.send_request_received(settings, account_request)
    return _form_page(request, sent=account_request)


def decide(
    request: Request,
    request_id: int,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentAdmin,
    action: Annotated[str, Form(max_length=16)],
) -> Response:
    """Accept (the organisation added, its person invited) or decline (the person told) one request."""
    lang = language_of(request)
    try:
        if action == "accept":
            organisation, user, token = partners.accept(session, signed_in, request_id)
            session.commit()
            mails.send_invitation(settings, user, token, signed_in.name, organisation.name)
            return RedirectResponse(
                f"{page_path('team', lang)}?organisation={organisation.slug}&notice=partner", status_code=303
            )
        if action != "decline":
            raise people.refusal("form", N_("unknown action"))
        account_request = partners.decline(session, signed_in, request_id)
    except InvalidParameters as exc:
        return team.refused_decision(
            request, session, signed_in, exc, request_row=(request_id, field_problems(exc, lang))
        )
    session.commit()
    mails.send_request_declined(settings, account_request)
    return RedirectResponse(f"{page_path('team', lang)}?notice=declined", status_code=303)


add_request_routes(router, "account_request", "team_requests", form=request_page, send=send_request, decide=decide)
