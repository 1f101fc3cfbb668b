"""Access and CORS, answered per key (rules in :mod:`app.services.access`).

For every HTTP request this middleware reads the route's policy (:mod:`app.policy`), finds the key the request
carries where the policy reads keys, or the session cookie where it reads people (the portal's and the desk's
pages), resolves it — once: the one authentication of the request —, refuses what the
caller may not do (401/403 problems), stores the :class:`~app.services.principal.Principal` in
``request.state.principal`` for the quotas, the routes (:func:`app.deps.get_principal`) and the services, and adds
the CORS headers the caller is entitled to; a refusal on a public read is readable by any page (the widget says
why). It also answers CORS preflights on the routes open to web pages itself, since those routes only know GET.
"""

from collections.abc import Callable, Mapping

import structlog
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.requests import cookie_parser
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from app.asgi import HttpMiddleware
from app.errors import AppError, Forbidden, ServiceUnavailable, problem_response
from app.policy import policy_for
from app.services import access, accounts
from app.services import principal as principals
from app.services.access import PresentedKey
from app.services.origins import normalise_origin, request_origin
from app.services.principal import Principal


def _add_vary(headers: MutableHeaders, *names: str) -> None:
    present = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
    lowered = {v.lower() for v in present}
    present.extend(n for n in names if n.lower() not in lowered)
    headers["vary"] = ", ".join(present)


def _with_headers(send: Send, extra: Mapping[str, str], vary: tuple[str, ...]) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in extra.items():
                headers[name] = value
            if vary:
                _add_vary(headers, *vary)
        await send(message)

    return wrapped


log = structlog.get_logger(__name__)


def _key(presented: PresentedKey, client: str) -> Callable[[Session], Principal]:
    return lambda session: principals.from_key(session, presented.token, client)


def _person(scope: Scope, cookie: str, client: str) -> Callable[[Session], Principal]:
    """The person a session cookie signs in; anonymous for a forged or ended session (the page asks to sign in)."""

    def resolve(session: Session) -> Principal:
        state = scope["app"].state
        token = principals.session_token(state.secret_key, cookie)
        person = accounts.person_of(session, state.settings, token) if token else None
        return person.as_principal(client) if person is not None else principals.anonymous(client)

    return resolve


class AccessMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        method: str = scope["method"]
        policy = policy_for(scope)
        if method == "OPTIONS" and policy.cors and "origin" in headers and "access-control-request-method" in headers:
            await self._preflight(scope, receive, send, headers)
            return
        query = QueryParams(scope.get("query_string", b""))
        origin = request_origin(headers)
        client = principals.client_of(scope)
        caller = principals.anonymous(client)
        try:
            presented = (
                access.presented_key(headers, {access.KEY_QUERY_PARAMETER: query.getlist("key")})
                if policy.reads_keys  # elsewhere (pages, the demo's ?key=) keys mean nothing
                else None
            )
            if presented is not None:
                caller = await run_in_threadpool(self._resolve, scope, _key(presented, client))
            elif policy.people and (cookie := cookie_parser(headers.get("cookie", "")).get(principals.SESSION_COOKIE)):
                caller = await run_in_threadpool(self._resolve, scope, _person(scope, cookie, client))
            settings = scope["app"].state.settings
            access.authorise(
                caller, presented, method, policy, origin, settings.public_base_url, settings.contact_email
            )
        except AppError as exc:
            await self._refuse(scope, receive, send, exc, origin)
            return
        scope.setdefault("state", {})["principal"] = caller
        extra = access.cors_headers(caller, method, policy, origin if "origin" in headers else None)
        vary = ("Origin",) if policy.reads_keys else ()  # a key's CORS answer depends on the page
        await self.app(scope, receive, _with_headers(send, extra, vary))

    @staticmethod
    def _resolve(scope: Scope, resolver: Callable[[Session], Principal]) -> Principal:
        try:
            with scope["app"].state.session_factory() as session:
                caller = resolver(session)
                session.commit()  # a key notes when it was last used, a session when it was last seen
        except SQLAlchemyError as exc:
            log.warning("credential_check_failed", error=type(exc).__name__)
            raise ServiceUnavailable(
                "The API key or session could not be checked just now. Try again shortly.",
                headers={"Retry-After": "5"},
            ) from exc
        return caller

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, exc: AppError, origin: str | None) -> None:
        response = problem_response(
            exc.status,
            exc.title,
            exc.detail,
            slug=exc.slug,
            instance=scope["path"],
            errors=exc.errors,
            headers=exc.headers,
        )
        policy = policy_for(scope)
        if origin is not None and access.is_public_read(scope["method"], policy):
            # An unreadable, unknown or refused key (a page its origins exclude), or one that can't be checked now:
            # the page's script may read why (the widget tells the visitor and the webmaster). The problem says
            # nothing secret; what the key would have answered stays unreadable to other origins.
            response.headers.update(access.refusal_cors_headers())
        if policy.reads_keys:
            _add_vary(response.headers, "Origin")
        await response(scope, receive, send)

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        """Preflight of a public read: GET or HEAD from a page's origin. Keys are not checked here (a preflight
        carries no Authorization nor X-Crv-Key value): the actual request is, and its refusal — an invalid key, an
        origin the key excludes — is readable by the page, which can then say why. A page without an origin
        (``Origin: null``, opened as a file) gets none: ``Access-Control-Allow-Origin: null`` would name every such
        page at once, and the simple GETs the widget sends (its key as ``?key=``) need no preflight."""
        origin = normalise_origin(headers.get("origin"))
        requested = headers.get("access-control-request-method", "").upper()
        if origin is None or requested not in access.READ_METHODS:
            refusal = Forbidden("Only GET and HEAD on the public read routes may be called from other web pages.")
            await self._refuse(scope, receive, send, refusal, None)
            return
        await Response(status_code=204, headers=access.preflight_headers(origin))(scope, receive, send)
