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


def sign_in(request: Request, response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        COOKIE,
        session_cookie(request.app.state.secret_key, token),
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=csrf.is_secure(request),
        path="/",
    )
    csrf.rotate(request, response)


def sign_out(request: Request, response: Response, session: Session) -> None:
    token = _token(request)
    if token:
        accounts.end_session(session, token)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=csrf.is_secure(request))
    csrf.rotate(request, response)


def sign_in_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    target = f"{page_path('login', language_of(request))}?next={quote(exc.next_path, safe='/')}"
    return RedirectResponse(target, status_code=303)


def language_of(request: Request) -> str:
    return language_of_path(request.url.path)


@dataclass(frozen=True, slots=True)
class Page:
    """What every page of this package gets: its language, the person and a CSRF token for its forms."""

    lang: str
    person: Person | None
    csrf_token: str
