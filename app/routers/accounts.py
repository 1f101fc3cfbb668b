"""Sign-in, sign-out, invitations, passwords and an editor's mails (HTML forms, each CSRF-protected), in French and
English."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from app import csrf
from app.config import Settings
from app.deps import CurrentPerson, OptionalPerson, SessionDep, SettingsDep
from app.errors import (
    InvalidParameters,
    NotFound,
    TooManyRequests,
    Unauthorized,
)
from app.i18n import N_, gettext
from app.languages import LANGUAGES
from app.paths import PAGES, page_path
from app.services import accounts, people, portal
from app.web import mails, sessions
from app.web.errors import field_problems
from app.web.routing import EMAIL_LENGTH, PASSWORD_LENGTH, missing, people_router, too_long
from app.web.sessions import client_address, language_of
from app.web.templating import redirect_notice, render

router = people_router("accounts")
# The forms take their addresses and passwords unbounded and optional: too long or empty, the form comes back with
# what was typed and the problem next to its field (``Form(max_length=…)`` and a required ``Form()`` answered an
# English problem document, what was typed lost).
TypedAddress = Annotated[str, Form()]
TypedPassword = Annotated[str, Form()]
LIMITS = {"email": EMAIL_LENGTH, "password": PASSWORD_LENGTH}  # and the inputs' maxlength
CORRECT = N_("Please correct the fields marked below.")
# After a forgotten password, whatever the address: a reset's link lasts accounts.RESET_LIFETIME; someone invited who
# never chose a password gets an invitation's, accounts.INVITE_LIFETIME (accounts.request_reset), as the mail says.
LINK_SENT = N_(
    "If an account has this address, a link to choose a password is on its way. It works for one hour, or for 7 "
    "days if you were invited and have not chosen a password yet: the mail says which."
)
NOTICES = {
    "everywhere": N_("You are signed out on every device."),
    "changed": N_("Your password is changed. Your other sessions have ended."),
    "others": N_("Your other sessions have ended."),
    "mails": N_("Your choice of mails is saved."),
    # A page or form met a session that had ended (web.sessions.sign_in_redirect): not the person's doing.
    "expired": N_(
        "Your session has ended (after a long time without activity, or a sign-out elsewhere). Sign in again: "
        "you will come back to the page you were on."
    ),
    # … or met the session of an account deactivated since (web.sessions.sign_in_redirect): the mail says by whom.
    "deactivated": N_(
        "Your session has ended because your account has been deactivated: to use it again, contact the "
        "administrator of your organisation."
    ),
}


def _typed_passwords(lang: str, **passwords: str) -> dict[str, list[str]]:
    """The problems of the passwords (``name=text``) left empty or too long, next to their fields: the form comes
    back before any is checked, so none counts as a failed sign-in."""
    bounded = {name: (text, PASSWORD_LENGTH) for name, text in passwords.items()}
    return missing(lang, **passwords) | too_long(lang, **bounded)


def _safe_next(target: str) -> str | None:
    """Only a path of this site (never ``//evil.example`` or a URL): no open redirect."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _landing(session: Session, settings: Settings, token: str, lang: str) -> str:
    """Where a sign-in leads when no page sent the person: the desk for an editor with submissions waiting (the
    portal had shown them « no resource » and a button to write one), else the partner area."""
    person = accounts.person_of(session, settings, token)
    if person is not None and portal.waiting_for(session, person).submissions:
        return page_path("desk", lang)
    return page_path("portal", lang)


def _notice(request: Request, lang: str) -> str | None:
    """The notice a redirect asked this page to show (``?notice=…``)."""
    return redirect_notice(request, NOTICES, lang) if request.method == "GET" else None


def _login_page(request: Request, signed_in: OptionalPerson, next: str = "") -> Response:
    lang = language_of(request)
    notice = _notice(request, lang)
    return render(
        request,
        "web/login.html",
        lang,
        title=gettext(lang, "Sign in"),
        person=signed_in,
        next=next,
        email="",
        errors={},
        limits=LIMITS,
        notice=notice,
    )


def _login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: TypedAddress = "",
    password: TypedPassword = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    lang = language_of(request)
    problems = missing(lang, email=email, password=password) | too_long(
        lang, email=(email, EMAIL_LENGTH), password=(password, PASSWORD_LENGTH)
    )
    if problems:  # no attempt counted: no account has such an address or password
        return render(
            request,
            "web/login.html",
            lang,
            status_code=422,
            title=gettext(lang, "Sign in"),
            person=None,
            next=next,
            email=email,
            errors=problems,
            limits=LIMITS,
            alert=gettext(lang, CORRECT),
        )
    try:
        user = accounts.authenticate(session, settings, email, password, client_address(request))
    except (Unauthorized, TooManyRequests) as exc:
        session.commit()  # the failed attempt counts even though the answer is an error
        if isinstance(exc, accounts.AccountDeactivated):
            message = accounts.ACCOUNT_DEACTIVATED
        elif isinstance(exc, Unauthorized):
            message = N_("Wrong email address or password.")
        else:
            message = N_("Too many failed sign-ins: wait a few minutes, or reset your password.")
        refused = render(
            request,
            "web/login.html",
            lang,
            status_code=exc.status,
            title=gettext(lang, "Sign in"),
            person=None,
            next=next,
            email=email,
            errors={},
            limits=LIMITS,
            alert=gettext(lang, message),
        )
        refused.headers.update(exc.headers)  # Retry-After when throttled
        return refused
    old = request.cookies.get(sessions.COOKIE)
    if old:  # a session cookie from before (or planted by someone else) is ended, never reused
        sessions.sign_out(request, Response(), session)
    token = accounts.start_session(session, settings, user, client_address(request))
    target = _safe_next(next) or _landing(session, settings, token, lang)  # the page the person came from wins
    response = RedirectResponse(target, status_code=303)
    sessions.sign_in(request, response, settings, token)
    return response


def _logout(request: Request, session: SessionDep) -> Response:
    lang = language_of(request)
    response = RedirectResponse(page_path("login", lang), status_code=303)
    sessions.sign_out(request, response, session)
    return response


def _logout_everywhere(request: Request, session: SessionDep, signed_in: CurrentPerson) -> Response:
    lang = language_of(request)
    accounts.end_all_sessions(session, signed_in.id)
    response = RedirectResponse(f"{page_path('login', lang)}?notice=everywhere", status_code=303)
    sessions.sign_out(request, response, session)
    return response


def _forgot_form(
    request: Request, status_code: int = 200, email: str = "", errors: dict[str, list[str]] | None = None, **shown: str
) -> Response:
    """The forgotten-password form (``shown``: its notice or alert)."""
    lang = language_of(request)
    title = gettext(lang, "Forgot your password?")
    return render(
        request,
        "web/forgot.html",
        lang,
        status_code=status_code,
        title=title,
        person=None,
        email=email,
        errors=errors or {},
        limits=LIMITS,
        **shown,
    )


def _forgot_page(request: Request) -> Response:
    return _forgot_form(request)


def _forgot(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: TypedAddress = "",
) -> Response:
    lang = language_of(request)
    problems = missing(lang, email=email) | too_long(lang, email=(email, EMAIL_LENGTH))
    if problems:
        alert = gettext(lang, CORRECT)
        return _forgot_form(request, 422, email, problems, alert=alert)
    found = accounts.request_reset(session, email)
    if found is not None:
        user, token = found
        session.commit()  # the link must exist before the mail leaves
        mails.send_password_link(settings, user, token)
    elif (deactivated := accounts.deactivated_account(session, email)) is not None:
        mails.send_account_deactivated(settings, session, deactivated)  # to its mailbox only: the page says the same
    notice = gettext(lang, LINK_SENT)  # the same for every address: it tells nobody whether an account exists
    return _forgot_form(request, notice=notice)


def _set_password_form(
    request: Request,
    session: SessionDep,
    token: str,
    status_code: int = 200,
    errors: dict[str, list[str]] | None = None,
) -> Response:
    """The form of a link (a 404 page saying so when the link is expired, used or unknown), ``errors`` next to its
    fields."""
    lang = language_of(request)
    holder = people.link_holder(session, token)
    return render(
        request,
        "web/set_password.html",
        lang,
        status_code=status_code if holder else 404,
        title=gettext(lang, "Choose a password"),
        person=None,
        valid=holder is not None,
        token=token,
        holder=holder,
        errors=errors or {},
        limits=LIMITS,
        alert=gettext(lang, CORRECT) if errors and holder else None,
    )


def _set_password_page(request: Request, session: SessionDep, token: str = "") -> Response:
    return _set_password_form(request, session, token)


def _set_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=200)] = "",
    password: TypedPassword = "",
    confirmation: TypedPassword = "",
) -> Response:
    lang = language_of(request)
    problems = _typed_passwords(lang, password=password, confirmation=confirmation)
    if problems:
        return _set_password_form(request, session, token, 422, problems)
    try:
        user = accounts.set_password(session, token, password, confirmation)
    except (NotFound, InvalidParameters) as exc:
        return _set_password_form(request, session, token, exc.status, field_problems(exc, lang))
    changed = user.password_changed_at is not None and user.last_login_at is not None  # a reset, not a first one
    if request.cookies.get(sessions.COOKIE):  # a session of this browser's from before (someone else's, say) ends
        sessions.sign_out(request, Response(), session)
    session_token = accounts.start_session(session, settings, user, client_address(request))
    if changed:
        session.commit()
        mails.send_password_changed(settings, user)
    notice = "password" if changed else "welcome"  # a first password: the invitation's newcomer is told where to start
    # an editor's work is the desk (its notices say where to start there), a partner's the portal
    person = accounts.person_of(session, settings, session_token)
    home = "desk" if person is not None and person.is_editor else "portal"
    response = RedirectResponse(f"{page_path(home, lang)}?notice={notice}", status_code=303)
    sessions.sign_in(request, response, settings, session_token)
    return response


def _account(
    request: Request,
    session: SessionDep,
    signed_in: accounts.Person,
    status_code: int = 200,
    errors: dict[str, list[str]] | None = None,
    alert: str | None = None,
) -> Response:
    lang = language_of(request)
    return render(
        request,
        "web/account.html",
        lang,
        status_code=status_code,
        title=gettext(lang, "Your account"),
        person=signed_in,
        sessions=accounts.sessions_of(session, signed_in.id),
        submission_mails=signed_in.is_editor and accounts.wants_submission_mails(session, signed_in),
        mail_language=accounts.mail_language(session, signed_in),
        errors=errors or {},
        limits=LIMITS,
        notice=_notice(request, lang),
        alert=alert,
    )


def _account_page(request: Request, session: SessionDep, signed_in: CurrentPerson) -> Response:
    return _account(request, session, signed_in)


def _refused_on_account(
    request: Request, session: SessionDep, signed_in: accounts.Person, exc: InvalidParameters | TooManyRequests
) -> Response:
    """The account page again: the problems next to their fields, or the throttling notice (with Retry-After)."""
    lang = language_of(request)
    if isinstance(exc, InvalidParameters):
        alert = gettext(lang, CORRECT)
        return _account(request, session, signed_in, exc.status, field_problems(exc, lang), alert)
    alert = gettext(lang, "Too many failed sign-ins: wait a few minutes, or reset your password.")
    refused = _account(request, session, signed_in, exc.status, alert=alert)
    refused.headers.update(exc.headers)
    return refused


def _change_password(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentPerson,
    current_password: TypedPassword = "",
    password: TypedPassword = "",
    confirmation: TypedPassword = "",
) -> Response:
    """A new password, the current one asked for; the other sessions end and the person is told by mail."""
    lang = language_of(request)
    problems = _typed_passwords(lang, current_password=current_password, password=password, confirmation=confirmation)
    if problems:
        return _account(request, session, signed_in, 422, problems, gettext(lang, CORRECT))
    address = client_address(request)
    try:
        user = accounts.change_password(session, settings, signed_in, current_password, password, confirmation, address)
    except (InvalidParameters, TooManyRequests) as exc:
        return _refused_on_account(request, session, signed_in, exc)
    session.commit()
    mails.send_password_changed(settings, user)
    return RedirectResponse(f"{page_path('account', lang)}?notice=changed", status_code=303)


def _end_other_sessions(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentPerson,
    sessions_password: TypedPassword = "",
) -> Response:
    lang = language_of(request)
    problems = _typed_passwords(lang, sessions_password=sessions_password)
    if problems:
        return _account(request, session, signed_in, 422, problems, gettext(lang, CORRECT))
    try:
        accounts.end_other_sessions_confirmed(session, settings, signed_in, sessions_password, client_address(request))
    except (InvalidParameters, TooManyRequests) as exc:
        return _refused_on_account(request, session, signed_in, exc)
    return RedirectResponse(f"{page_path('account', lang)}?notice=others", status_code=303)


def _choose_mails(
    request: Request,
    session: SessionDep,
    signed_in: CurrentPerson,
    mail_language: Annotated[str, Form(max_length=8)] = "",
    submission_mails: Annotated[str, Form(max_length=2)] = "",
) -> Response:
    """The language of one's mails, and an editor's choice to be mailed each submission: an unticked box sends
    nothing, so its absence means no."""
    lang = language_of(request)
    if mail_language:  # a page from before the choice existed sends none: the language stays
        try:
            accounts.choose_mail_language(session, signed_in, mail_language)
        except InvalidParameters as exc:
            return _refused_on_account(request, session, signed_in, exc)
    if signed_in.is_editor or submission_mails:  # a partner's box is refused (403): partners get no such mail
        accounts.choose_submission_mails(session, signed_in, submission_mails == "on")
    return RedirectResponse(f"{page_path('account', lang)}?notice=mails", status_code=303)


Handler = Callable[..., Response]
ROUTES: dict[str, list[tuple[str, Handler]]] = {
    "login": [("GET", _login_page), ("POST", _login)],
    "logout": [("POST", _logout)],
    "logout_everywhere": [("POST", _logout_everywhere)],
    "forgot": [("GET", _forgot_page), ("POST", _forgot)],
    "set_password": [("GET", _set_password_page), ("POST", _set_password)],
    "account": [("GET", _account_page), ("POST", _change_password)],
    "account_sessions": [("POST", _end_other_sessions)],
    "account_mails": [("POST", _choose_mails)],
}
for _name, _handlers in ROUTES.items():
    for _method, _handler in _handlers:
        for _lang in LANGUAGES:
            router.add_api_route(
                PAGES[_name][_lang],
                _handler,
                methods=[_method],
                response_class=Response,
                dependencies=[csrf.Protected] if _method == "POST" else [],
                name=f"{_name}-{_method.lower()}-{_lang}",
            )
