"""CSRF protection for HTML forms: a stateless, signed double-submit token (OWASP's "signed double-submit cookie").

How it works: the browser holds a random nonce in the ``crv_csrf`` cookie (``HttpOnly``, ``SameSite=Lax``,
``Secure`` over HTTPS). Each form carries a token ``<issued>.<signature>``, an HMAC of that nonce and the issue time
made with the application's secret key (:mod:`app.signing`). A POST is accepted only when the cookie is there, the
token signs *that* cookie's nonce, and the token is under :data:`MAX_AGE` old. Another site can make the browser
send the cookie but can neither read it nor forge a signature for it, and nothing is stored on the server, so the
forms work for anonymous visitors as well as for signed-in people. Signing in and out rotates the nonce
(:func:`rotate`), which voids every token issued before.

Use, in a router (``templates`` is a Jinja environment)::

    from app import csrf

    @router.get("/fr/signalement", response_class=HTMLResponse)
    def form_page(request: Request) -> HTMLResponse:
        html = templates().get_template("form.html").render(csrf_token=csrf.token(request))
        response = HTMLResponse(html)
        csrf.set_cookie(request, response)  # sets the nonce cookie when the browser had none
        return response

    @router.post("/fr/signalement", dependencies=[csrf.Protected])
    def submit(...): ...  # a missing or wrong token never gets here: 403

and in the template, inside every ``<form method="post">``::

    <input type="hidden" name="csrf_token" value="{{ csrf_token }}">

Scripts may send the token in an ``X-CSRF-Token`` header instead of the form field (e.g. a ``fetch`` of a live
preview); the cookie goes along by itself on same-origin requests.

A refused form answers a page that says what happened and how to get the text back (:func:`recovery`): a link to
the page the form was on (a path of this site only), and to the sign-in page when nobody is signed in any more. It
never shows what was posted: a form another site posts must not come back pre-filled in the person's browser
(the partners' form keeps its own copy in the tab, ``app/static/web/portal.js``).
"""

import secrets
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Depends, Request, Response

from app.errors import Forbidden
from app.i18n import N_
from app.paths import PEOPLE_PAGES, page_path
from app.signing import b64, sign, verify
from app.web import forms
from app.web.forms import TEXT_FORM, FormLimits
from app.web.paths import section

COOKIE = "crv_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
MAX_AGE = 12 * 3600  # seconds a token stays valid: a form left open for a working day still submits
PURPOSE = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


# What a refused form's person is told (the API's problem detail, the page's alert); the page adds what to do.
FAILED = N_(
    "Nothing was saved: this form has expired (its page stayed open a long time, or you signed in or out in another "
    "tab or window). Go back and send it again; if it is refused again, copy your text, reload the page and send "
    "the form from there."
)
SIGNED_IN_SECTIONS = ("portal", "desk")  # their forms are for signed-in people: a refused one offers to sign in
LOGIN_PATHS = frozenset(PEOPLE_PAGES["login"].values())


class CsrfFailed(Forbidden):
    slug = "csrf-failed"


def _key(request: Request) -> bytes:
    key: bytes = request.app.state.secret_key
    return key


def _nonce(request: Request) -> str:
    """The nonce of this browser: the cookie's, or a new one kept on the request until :func:`set_cookie`."""
    fresh: str | None = getattr(request.state, "csrf_new_nonce", None)
    if fresh is not None:
        return fresh
    current = request.cookies.get(COOKIE)
    if current and 16 <= len(current) <= 128:
        return current
    request.state.csrf_new_nonce = b64(secrets.token_bytes(32))
    return str(request.state.csrf_new_nonce)


def token(request: Request, *, now: float | None = None) -> str:
    """A token for the forms of the page being rendered. Call :func:`set_cookie` on the response too."""
    issued = str(int(time.time() if now is None else now))
    return f"{issued}.{sign(_key(request), PURPOSE, _nonce(request), issued)}"


def is_secure(request: Request) -> bool:
    """Whether the browser talks HTTPS to us: the request came over it (uvicorn applies ``X-Forwarded-Proto`` from
    trusted proxies), or the centre's public address is https — behind a TLS proxy whose address was not set as
    trusted, the request looks like plain HTTP, and a session cookie must not go out without ``Secure`` then."""
    settings = getattr(request.app.state, "settings", None)
    public_https = settings is not None and settings.public_base_url.startswith("https://")
    return request.url.scheme == "https" or public_https


def set_cookie(request: Request, response: Response) -> None:
    """Send the nonce cookie if :func:`token` had to make a new one (no-op otherwise)."""
    fresh: str | None = getattr(request.state, "csrf_new_nonce", None)
    if fresh is not None:
        response.set_cookie(COOKIE, fresh, httponly=True, samesite="lax", secure=is_secure(request), path="/")


def rotate(request: Request, response: Response) -> None:
    """A new nonce (at sign-in and sign-out): tokens issued before no longer verify."""
    request.state.csrf_new_nonce = b64(secrets.token_bytes(32))
    set_cookie(request, response)


def check(request: Request, submitted: str | None, *, now: float | None = None) -> None:
    """Raise :class:`CsrfFailed` (403) unless ``submitted`` is a fresh token signed for this browser's cookie."""
    cookie = request.cookies.get(COOKIE)
    if not cookie or not submitted or submitted.count(".") != 1:
        raise CsrfFailed(FAILED)
    issued, signature = submitted.split(".")
    if not issued.isdigit() or not verify(_key(request), signature, PURPOSE, cookie, issued):
        raise CsrfFailed(FAILED)
    age = (time.time() if now is None else now) - int(issued)
    if age > MAX_AGE or age < -60:
        raise CsrfFailed(FAILED)


def protected(limits: Callable[[Request], FormLimits] = lambda request: TEXT_FORM) -> Any:
    """Dependency for a route's ``dependencies=[...]``: unsafe methods need a valid token in the ``csrf_token``
    form field or the X-CSRF-Token header. A form's body is read within the route's ``limits`` (413 past them; a
    form of files declares its own, e.g. ``csrf.protected(resource_form.form_limits)``) and kept for the route's
    ``request.form()`` (:func:`app.web.forms.read`). Without the cookie nothing is read: a form another site posts
    comes without it (``SameSite=Lax``), and is refused before its body is."""

    async def require_token(request: Request) -> AsyncIterator[None]:
        if request.method in SAFE_METHODS:
            yield
            return
        if not request.cookies.get(COOKIE):
            raise CsrfFailed(FAILED)
        submitted = request.headers.get(HEADER)
        form = await forms.read(request, limits(request)) if forms.is_form(request) else None
        if submitted is None and form is not None:
            value = form.get(FIELD)
            submitted = value if isinstance(value, str) else None
        check(request, submitted)
        try:
            yield
        finally:
            if form is not None:  # its files' spools, once the answer is sent
                await form.close()

    return Depends(require_token)


Protected = protected()  # an ordinary form's (:data:`app.web.forms.TEXT_FORM`)


def came_from(request: Request) -> str | None:
    """The page a form was posted from, as a path of this site (its ``Referer``, when of this origin — the pages
    send it to their own origin only), its ``notice`` left out; else None. Never another site's address."""
    raw = request.headers.get("referer", "")
    if not raw or len(raw) > 2000 or not raw.isprintable() or "\\" in raw:
        return None
    referer = urlsplit(raw)
    if referer.scheme != request.url.scheme or referer.netloc != request.url.netloc:
        return None
    if not referer.path.startswith("/") or referer.path.startswith("//"):
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(referer.query, keep_blank_values=True) if k != "notice"])
    return f"{referer.path}?{query}" if query else referer.path


@dataclass(frozen=True, slots=True)
class Recovery:
    """Where the page of a refused form leads: ``back`` to the form's page (a path of this site), ``sign_in`` when
    the form was for signed-in people and nobody is signed in any more (it comes back to the form's page)."""

    back: str | None
    sign_in: str | None


def recovery(request: Request, lang: str, *, signed_in: bool) -> Recovery:
    back = came_from(request)
    wanted = section(request.url.path) in SIGNED_IN_SECTIONS and not signed_in
    on_login = back is not None and urlsplit(back).path in LOGIN_PATHS
    return Recovery(back, page_path("login", lang, next=back or "") if wanted and not on_login else None)
