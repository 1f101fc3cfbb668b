"""The signed-in person of a request: a ``crv_session`` cookie holding ``<token>.<signature>`` (HMAC with the
application's secret key), ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over HTTPS, valid for the session's life.

The token is random and new at every sign-in (no session fixation); the server keeps its hash
(:mod:`app.services.accounts`), so signing out, signing out everywhere and a password change end sessions at once.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app import csrf
from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import Forbidden
from app.i18n import N_
from app.services import accounts
from app.services.accounts import Person
from app.signing import sign, verify
from app.web.paths import path

COOKIE = "crv_session"
PURPOSE = "session"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _token(request: Request) -> str | None:
    value = request.cookies.get(COOKIE, "")
    token, _, signature = value.rpartition(".")
    if not token or not signature or len(value) > 200:
        return None
    key: bytes = request.app.state.secret_key
    return token if verify(key, signature, PURPOSE, token) else None


def person(request: Request, session: Session, settings: Settings) -> Person | None:
    cached: Person | None = getattr(request.state, "person", None)
    if cached is not None:
        return cached
    token = _token(request)
    found = accounts.person_of(session, settings, token) if token else None
    request.state.person = found
    return found


def sign_in(request: Request, response: Response, settings: Settings, token: str) -> None:
    key: bytes = request.app.state.secret_key
    response.set_cookie(
        COOKIE,
        f"{token}.{sign(key, PURPOSE, token)}",
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


class SignInRequired(Exception):
    def __init__(self, language: str, next_path: str) -> None:
        super().__init__("sign in")
        self.language = language
        self.next_path = next_path


def sign_in_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    target = f"{path('login', exc.language)}?next={quote(exc.next_path, safe='/')}"
    return RedirectResponse(target, status_code=303)


def language_of(request: Request) -> str:
    return "en" if request.url.path.startswith("/en/") else "fr"


def optional_person(request: Request, session: SessionDep, settings: SettingsDep) -> Person | None:
    return person(request, session, settings)


def current_person(request: Request, session: SessionDep, settings: SettingsDep) -> Person:
    found = person(request, session, settings)
    if found is None:
        raise SignInRequired(language_of(request), request.url.path)
    return found


def current_editor(signed_in: Annotated[Person, Depends(current_person)]) -> Person:
    if not signed_in.is_editor:
        raise Forbidden(N_("The editor's desk is for the centre's editors."))
    return signed_in


OptionalPerson = Annotated[Person | None, Depends(optional_person)]
CurrentPerson = Annotated[Person, Depends(current_person)]
CurrentEditor = Annotated[Person, Depends(current_editor)]


@dataclass(frozen=True, slots=True)
class Page:
    """What every page of this package gets: its language, the person and a CSRF token for its forms."""

    lang: str
    person: Person | None
    csrf_token: str
