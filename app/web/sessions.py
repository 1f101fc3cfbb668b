"""The signed-in person of a request: a ``crv_session`` cookie holding ``<token>.<signature>`` (HMAC with the
application's secret key), ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over HTTPS, valid for the session's life.

The token is random and new at every sign-in (no session fixation); the server keeps its hash
(:mod:`app.services.accounts`), so signing out, signing out everywhere and a password change end sessions at once.
"""

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app import csrf
from app.config import Settings
from app.deps import SignInRequired
from app.paths import page_path
from app.services import accounts
from app.services.accounts import Person
from app.services.principal import SESSION_COOKIE, session_cookie, session_token
from app.web.paths import language_of_path

COOKIE = SESSION_COOKIE


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _token(request: Request) -> str | None:
    return session_token(request.app.state.secret_key, request.cookies.get(COOKIE, ""))


def _set_cookie(request: Request, response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        COOKIE,
        session_cookie(request.app.state.secret_key, token),
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=csrf.is_secure(request),
        path="/",
    )


def sign_in(request: Request, response: Response, settings: Settings, token: str) -> None:
    _set_cookie(request, response, settings, token)
    csrf.rotate(request, response)


@dataclass(frozen=True, slots=True)
class Resumed:
    """A session started again from a form posted after the previous one ended (:func:`sign_in_again`)."""

    person: Person
    token: str

    def keep(self, request: Request, response: Response, settings: Settings) -> None:
        """Send the new session's cookie, and the CSRF nonce the answer's forms were signed with (a rendered page
        sends it already)."""
        _set_cookie(request, response, settings, self.token)
        if not any(c.startswith(f"{csrf.COOKIE}=") for c in response.headers.getlist("set-cookie")):
            csrf.set_cookie(request, response)


def sign_in_again(request: Request, session: Session, settings: Settings, email: str, password: str) -> Resumed:
    """Sign in from the form a person was filling in when their session ended, as the sign-in page does: the same
    throttled check (401, 429), the former session's cookie ended, a new session and a new CSRF nonce — renewed
    before the answer is rendered, so the forms of that answer carry tokens for it (:meth:`Resumed.keep`)."""
    user = accounts.authenticate(session, settings, email, password, client_address(request))
    old = _token(request)
    if old:
        accounts.end_session(session, old)
    token = accounts.start_session(session, settings, user, client_address(request))
    person = accounts.person_of(session, settings, token)
    assert person is not None  # just started, for an active account
    csrf.rotate(request, Response())  # the nonce on the request now; its cookie goes with the answer
    return Resumed(person, token)


def sign_out(request: Request, response: Response, session: Session) -> None:
    token = _token(request)
    if token:
        accounts.end_session(session, token)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=csrf.is_secure(request))
    csrf.rotate(request, response)


def _page_posted_from(request: Request) -> str:
    """The page a form was posted from (its Referer, when it is this site's), else the portal: where to come back
    after signing in, since a form's own address may answer POST only (``…/approve``)."""
    return csrf.came_from(request) or page_path("portal", language_of(request))


def _why_it_ended(request: Request) -> str:
    """The sign-in page's notice for a session that ended: its account was deactivated, else it expired (idle too
    long, signed out elsewhere)."""
    token = _token(request)
    if token is None:  # a forged or damaged cookie: no session of anyone's to speak of
        return "expired"
    with request.app.state.session_factory() as session:
        return "deactivated" if accounts.ended_by_deactivation(session, token) else "expired"


def sign_in_redirect(request: Request, exc: Exception) -> Response:
    """The sign-in page, which comes back here (to a form's page, for a form posted), saying why when the browser
    still held a session: it ended (idle too long, signed out elsewhere, the account deactivated), which is not the
    person's doing."""
    assert isinstance(exc, SignInRequired)
    back = exc.next_path if request.method in ("GET", "HEAD") else _page_posted_from(request)
    target = f"{page_path('login', language_of(request))}?next={quote(back, safe='/')}"
    if request.cookies.get(COOKIE):
        target += f"&notice={_why_it_ended(request)}"
    return RedirectResponse(target, status_code=303)


def language_of(request: Request) -> str:
    return language_of_path(request.url.path)


@dataclass(frozen=True, slots=True)
class Page:
    """What every page of this package gets: its language, the person and a CSRF token for its forms."""

    lang: str
    person: Person | None
    csrf_token: str
