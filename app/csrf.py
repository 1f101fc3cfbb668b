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
"""

import secrets
import time

from fastapi import Depends, Request, Response

from app.errors import Forbidden
from app.i18n import N_
from app.signing import b64, sign, verify

COOKIE = "crv_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
MAX_AGE = 12 * 3600  # seconds a token stays valid: a form left open for a working day still submits
PURPOSE = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


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
    """Whether the browser talks HTTPS to us (uvicorn applies ``X-Forwarded-Proto`` from trusted proxies)."""
    return request.url.scheme == "https"


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
    problem = N_("This form has expired or did not come from this site: reload the page and submit it again.")
    if not cookie or not submitted or submitted.count(".") != 1:
        raise CsrfFailed(problem)
    issued, signature = submitted.split(".")
    if not issued.isdigit() or not verify(_key(request), signature, PURPOSE, cookie, issued):
        raise CsrfFailed(problem)
    age = (time.time() if now is None else now) - int(issued)
    if age > MAX_AGE or age < -60:
        raise CsrfFailed(problem)


async def require_token(request: Request) -> None:
    """Dependency: unsafe methods need a valid token in the ``csrf_token`` form field or the X-CSRF-Token header."""
    if request.method in SAFE_METHODS:
        return
    submitted = request.headers.get(HEADER)
    if submitted is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(FIELD)
            submitted = value if isinstance(value, str) else None
    check(request, submitted)


Protected = Depends(require_token)
