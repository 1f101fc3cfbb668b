"""The team page of the partners' space (``/fr/espace-partenaire/equipe``, ``/en/partner/team``): an
organisation's people with their role and status; invite, change a role, deactivate, reactivate, send an invitation
again or cancel it, erase a deactivated account (the centre's administrators); its API keys, each revocable at once
(``…/cles/<prefix>``, ``…/keys/<prefix>``). For the organisation's administrators, and the centre's for any
organisation (``?organisation=<slug>``), who also add partner organisations there (``…/organisations``: the
organisation and its first administrator, invited) and decide the requests for an account and for a key
(app.routers.partner_requests, app.routers.key_requests). Every form is CSRF-protected; a refused change is shown
next to the person or key it concerns."""

from typing import Annotated, Any

from fastapi import Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app import csrf
from app.deps import CurrentAdmin, SessionDep, SettingsDep
from app.errors import Conflict, InvalidParameters
from app.i18n import N_, gettext
from app.languages import LANGUAGES
from app.models import Organisation, OrganisationKind, Role
from app.paths import PAGES, page_path
from app.services import accounts, erasure, key_requests, organisation_keys, partners, people
from app.web import mails
from app.web.errors import field_problems
from app.web.routing import EMAIL_LENGTH, NAME_LENGTH, PartnerForm, missing, people_router, too_long
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

router = people_router("team")
KEYS = {"fr": "/cles", "en": "/keys"}  # after the team page's path: where a key's revocation is posted
KEY_AFTER_LEAVING = N_(
    "A key keeps working for whoever holds it: if they used one of the organisation’s API keys, revoke it below."
)
INVITED_NEXT = N_(
    "Its link works for 7 days. Until the person chooses a password they are listed as invited below, where you can "
    "send the invitation again, or cancel it if the address is wrong."
)
NOTICES = {
    "role": N_("The role is changed."),
    "deactivated": N_("The account is deactivated: its sessions have ended."),
    "reactivated": N_("The account is active again."),
    # an invitation's link stopped working at its deactivation (people.deactivate): reactivated, it needs a new one
    "reactivated_invited": N_(
        "The invitation is active again, but its link stopped working when it was deactivated: send the invitation "
        "again below, so that the person gets a new one."
    ),
    "resent": N_("The invitation is sent again."),
    "cancelled": N_("The invitation is cancelled: its link no longer works, and the address may be invited again."),
    "erased": N_(
        "The account is erased, for good: its name, email address, password, sessions, failed sign-ins and requests "
        "are deleted. The resources and the audit log now call it by its number. If the person asked for it, tell "
        "them it is done."
    ),
    "key_revoked": N_("The key is revoked: it no longer works, for anyone."),
    "partner": N_("The organisation is added and its administrator invited: the mail holds their link."),
    "declined": N_("The request is declined: its author is told by mail."),
    "key": N_("The key is made: its requester has it by mail, with the lines to paste into their pages."),
    "key_declined": N_("The request for a key is declined: its author is told by mail."),
}


def render_team(
    request: Request,
    session: SessionDep,
    signed_in: accounts.Person,
    organisation: Organisation,
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    row: tuple[int, dict[str, list[str]]] | None = None,
    partner: tuple[partners.NewPartner, dict[str, list[str]]] | None = None,
    request_row: tuple[int, dict[str, list[str]]] | None = None,
    key_row: tuple[int, dict[str, list[str]], str | None] | None = None,
    revoked_row: tuple[str, dict[str, list[str]]] | None = None,
    found: tuple[str, dict[str, list[str]]] | None = None,
    status_code: int = 200,
    notice: str | None = None,
) -> Response:
    """The page; ``row``, ``request_row`` and ``key_row``: a person's, an account request's or a key request's
    refused change, (its id, its problems), said next to it (a key request's with its origins as typed, None if
    none were sent); ``revoked_row``: an API key's refused revocation, (its prefix, its problems); ``found``: the
    centre's look-up of a person by address that found nobody, (the address typed, its problems)."""
    lang = language_of(request)
    is_centre = organisation.kind == OrganisationKind.resource_centre
    roles = [str(Role.contributor), str(Role.admin)] + ([str(Role.editor)] if is_centre else [])
    listed = people.members(session, organisation)
    without_admin = people.without_admin(listed)  # the centre deactivated its last one: said, with the way out
    holders = key_requests.holders(session) if signed_in.is_centre else []  # a key is made for one of them, or new
    return render(
        request,
        "web/team.html",
        lang,
        status_code=status_code,
        title=gettext(lang, "Team"),
        here=page_path("team", lang),
        person=signed_in,
        organisation=organisation,
        organisations=people.organisations(session, signed_in),
        members=listed,
        without_admin=without_admin,
        # whose deactivation the centre's admins confirm, warned that the organisation is then left with none
        last_admins={m.id for m in listed if m.only_admin} if signed_in.is_centre and not is_centre else set(),
        last_admin=people.is_last_admin(session, signed_in),  # told how to hand over before leaving
        may_erase=erasure.may_erase(signed_in),  # a deactivated account's erasure: the centre's administrators
        keys=organisation_keys.of(session, organisation),
        key_states=organisation_keys.STATES,
        keys_path=page_path("team", lang) + KEYS[lang],
        roles=roles,
        errors=errors or {},
        form=form or {"role": str(Role.admin if without_admin else Role.contributor), "language": lang},
        row=row,
        partner_kinds=partners.PARTNER_KINDS if signed_in.is_centre else None,  # the centre's admins add partners
        requests=partners.pending(session) if signed_in.is_centre else [],  # … and decide the requests
        request_row=request_row,
        key_requests=key_requests.waiting(session, request.app.state.taxonomies, lang, holders)
        if signed_in.is_centre
        else [],
        key_row=key_row,
        revoked_row=revoked_row,
        found=found or ("", {}),
        holders=holders,
        holder_kinds=key_requests.HOLDER_KINDS,
        origins_length=key_requests.FIELD_LENGTHS["origins"],  # the origins' maxlength: the same as the server's
        partner_form=partner[0] if partner else partners.NewPartner.blank(lang),
        partner_errors=partner[1] if partner else {},
        limits={"name": NAME_LENGTH, "email": EMAIL_LENGTH},  # the forms' maxlength: the same as the server's
        partner_lengths=partners.FIELD_LENGTHS,
        notice=notice,
        alert=gettext(lang, "Please correct the fields marked below.")
        if errors or row or partner or request_row or key_row or revoked_row
        else None,
    )


def refused_decision(
    request: Request, session: SessionDep, signed_in: accounts.Person, exc: InvalidParameters, **row: Any
) -> Response:
    """The team page again after a refused decision on a request (nothing of it written), its problems next to the
    request (``request_row`` or ``key_row``)."""
    session.rollback()
    own = people.organisation_for(session, signed_in)
    return render_team(request, session, signed_in, own, status_code=exc.status, **row)


def team_page(
    request: Request,
    session: SessionDep,
    signed_in: CurrentAdmin,
    organisation: str = "",
    address: Annotated[str, Query(max_length=EMAIL_LENGTH)] = "",
) -> Response:
    """An organisation's people; ``address`` (the centre's administrators): the person with it, on their
    organisation's page — a request to erase an account names an address, not its organisation."""
    managed = people.organisation_for(session, signed_in, organisation or None)
    lang = language_of(request)
    if address.strip():
        try:
            holder, user_id = people.found_by_address(session, signed_in, address)
        except InvalidParameters as exc:
            problems = field_problems(exc, lang)
            return render_team(request, session, signed_in, managed, found=(address, problems), status_code=exc.status)
        return RedirectResponse(f"{page_path('team', lang)}?organisation={holder.slug}#person-{user_id}", 303)
    notice = redirect_notice(request, NOTICES, lang)
    if request.query_params.get("notice") == "deactivated" and organisation_keys.has_secret_key(session, managed):
        notice = f"{notice} {gettext(lang, KEY_AFTER_LEAVING)}"  # an account's end is not its keys'
    invited = people.invited_member(session, managed, request.query_params.get("person", ""))
    if request.query_params.get("notice") == "invited" and invited is not None:
        # what comes next: how long the link works, what can still be done about it (gettext outside the f-string:
        # Babel's extractor does not read into one, and the catalogs had lost the sentence)
        sent = gettext(lang, "Invitation sent to %(email)s.", email=invited.email)
        notice = f"{sent} {gettext(lang, INVITED_NEXT)}"
    return render_team(request, session, signed_in, managed, notice=notice)


def invite(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentAdmin,
    # unbounded and optional here: too long or empty, the form comes back with them and the problem next to them
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    role: Annotated[str, Form(max_length=16)] = "",
    language: Annotated[str, Form(max_length=2)] = "fr",
    organisation: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    lang = language_of(request)
    managed = people.organisation_for(session, signed_in, organisation or None)
    form = {"name": name, "email": email, "role": role, "language": language}
    problems = missing(lang, name=name, email=email) | too_long(
        lang, name=(name, NAME_LENGTH), email=(email, EMAIL_LENGTH)
    )
    if problems:
        return render_team(request, session, signed_in, managed, errors=problems, form=form, status_code=422)
    try:
        if role not in set(Role):
            raise people.refusal("role", N_("unknown role"))
        user, token = accounts.invite(session, signed_in, managed, email, name, Role(role), language)
    except (InvalidParameters, Conflict) as exc:
        problems = field_problems(exc, lang)
        return render_team(request, session, signed_in, managed, errors=problems, form=form, status_code=exc.status)
    session.commit()
    mails.send_invitation(settings, user, token, signed_in.name, managed.name)
    # Redirected, as every other change: reloading the page then shows it again, where it posted the form again.
    target = f"{page_path('team', lang)}?organisation={managed.slug}&notice=invited&person={user.id}"
    return RedirectResponse(target, status_code=303)


def change(
    request: Request,
    user_id: int,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentAdmin,
    action: Annotated[str, Form(max_length=16)],
    role: Annotated[str, Form(max_length=16)] = "",
    without_admin: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """One change to one person: ``action`` is role (with ``role``), deactivate (``without_admin`` "yes": the
    centre's administrator confirmed leaving the organisation with no administrator), reactivate, resend or cancel
    (the invitation), erase (a deactivated account)."""
    lang = language_of(request)
    user, managed = people.target(session, signed_in, user_id)
    try:
        if action == "role":
            people.change_role(session, signed_in, user_id, role)
            notice = "role"
        elif action == "deactivate":
            confirmed = without_admin == "yes"  # the centre's admin, warned that the organisation is left with none
            deactivated = people.deactivate(session, signed_in, user_id, leave_without_admin=confirmed)
            if deactivated is not None:  # None: deactivated already, told then
                session.commit()
                mails.send_access_closed(settings, session, user, signed_in)
            notice = "deactivated"
        elif action == "reactivate":
            reactivated = people.reactivate(session, signed_in, user_id)
            notice = "reactivated" if reactivated.password_hash else "reactivated_invited"
        elif action == "resend":
            _, token, _ = people.resend_invitation(session, signed_in, user_id)
            session.commit()
            mails.send_invitation(settings, user, token, signed_in.name, managed.name)
            notice = "resent"
        elif action == "cancel":
            people.cancel_invitation(session, signed_in, user_id)
            notice = "cancelled"
        elif action == "erase":
            erasure.erase(session, signed_in, user_id)
            notice = "erased"
        else:
            raise people.refusal("form", N_("unknown action"))
    except InvalidParameters as exc:
        problems = field_problems(exc, lang)
        return render_team(request, session, signed_in, managed, row=(user_id, problems), status_code=exc.status)
    target = f"{page_path('team', lang)}?organisation={managed.slug}&notice={notice}"
    return RedirectResponse(target, status_code=303)


def revoke_key(request: Request, prefix: str, session: SessionDep, signed_in: CurrentAdmin) -> Response:
    """Revoke one of the organisation's API keys: it stops working at once."""
    lang = language_of(request)
    try:
        organisation = organisation_keys.revoke(session, signed_in, prefix)
    except InvalidParameters as exc:
        session.rollback()
        managed = people.organisation_for(session, signed_in, organisation_keys.organisation_slug(session, prefix))
        problems = field_problems(exc, lang)
        return render_team(request, session, signed_in, managed, revoked_row=(prefix, problems), status_code=exc.status)
    target = f"{page_path('team', lang)}?organisation={organisation.slug}&notice=key_revoked"
    return RedirectResponse(target, status_code=303)


def add_partner(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentAdmin,
    form: PartnerForm,
) -> Response:
    lang = language_of(request)
    try:
        organisation, user, token = partners.add(session, signed_in, form)
    except InvalidParameters as exc:
        own = people.organisation_for(session, signed_in)
        problems = field_problems(exc, lang)
        return render_team(request, session, signed_in, own, partner=(form, problems), status_code=exc.status)
    session.commit()
    mails.send_invitation(settings, user, token, signed_in.name, organisation.name)
    target = f"{page_path('team', lang)}?organisation={organisation.slug}&notice=partner"
    return RedirectResponse(target, status_code=303)


for _lang in LANGUAGES:
    _base = PAGES["team"][_lang]
    router.add_api_route(_base, team_page, methods=["GET"], response_class=Response)
    router.add_api_route(_base, invite, methods=["POST"], response_class=Response, dependencies=[csrf.Protected])
    router.add_api_route(  # before /{user_id}, which would take « organisations » for a person
        _base + "/organisations", add_partner, methods=["POST"], response_class=Response, dependencies=[csrf.Protected]
    )
    router.add_api_route(
        _base + KEYS[_lang] + "/{prefix}",
        revoke_key,
        methods=["POST"],
        response_class=Response,
        dependencies=[csrf.Protected],
    )
    router.add_api_route(
        _base + "/{user_id}", change, methods=["POST"], response_class=Response, dependencies=[csrf.Protected]
    )
