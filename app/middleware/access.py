"""Access and CORS, answered per key (rules in :mod:`app.services.access`).

For every HTTP request this middleware finds the key the request carries, resolves it, refuses what the caller may
not do (401/403 problems), stores the :class:`~app.services.access.Caller` in ``request.state.caller`` for the
quotas and the routes, and adds the CORS headers the caller is entitled to. It also answers CORS preflights on the
public read routes itself, since those routes only know GET.
"""

from collections.abc import Mapping
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import AppError, Forbidden, ServiceUnavailable, problem_response
from app.services import access
from app.services.access import Caller, CallerKind, PresentedKey


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
ANONYMOUS = Caller(CallerKind.anonymous, "unknown")


class AccessMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        method: str = scope["method"]
        path: str = scope["path"]
        public = access.is_public_path(path)
        if method == "OPTIONS" and public and "origin" in headers and "access-control-request-method" in headers:
            await self._preflight(scope, receive, send, headers)
            return
        query = QueryParams(scope.get("query_string", b""))
        origin = access.request_origin(headers)
        client = access.client_bucket(scope["client"][0] if scope.get("client") else None)
        caller = Caller(CallerKind.anonymous, client)
        try:
            presented = (
                access.presented_key(headers, {access.KEY_QUERY_PARAMETER: query.getlist("key")})
                if path.startswith(access.API_PREFIX)  # elsewhere (pages, the demo's ?key=) keys mean nothing
                else None
            )
            if presented is not None:
                caller = await run_in_threadpool(self._resolve, scope, presented, client)
            access.authorise(caller, presented, method, path, origin)
        except AppError as exc:
            await self._refuse(scope, receive, send, exc, caller, origin)
            return
        scope.setdefault("state", {})["caller"] = caller
        extra = access.cors_headers(caller, method, path, origin if "origin" in headers else None)
        vary = ("Origin",) if path.startswith(access.API_PREFIX) else ()  # a key's CORS answer depends on the page
        await self.app(scope, receive, _with_headers(send, extra, vary))

    @staticmethod
    def _resolve(scope: Scope, presented: PresentedKey, client: str) -> Caller:
        state = scope["app"].state
        try:
            with state.session_factory() as session:
                caller = access.resolve_caller(session, presented.token, client)
                session.commit()  # the key service may note when the key was last used
        except SQLAlchemyError as exc:
            log.warning("key_check_failed", error=type(exc).__name__)
            raise ServiceUnavailable(
                "The API key could not be checked just now. Try again shortly.", headers={"Retry-After": "5"}
            ) from exc
        return caller

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, exc: AppError, caller: Caller, origin: str | None
    ) -> None:
        response = problem_response(
            exc.status,
            exc.title,
            exc.detail,
            slug=exc.slug,
            instance=scope["path"],
            errors=exc.errors,
            headers=exc.headers,
        )
        method, path = scope["method"], scope["path"]
        if origin is not None and access.is_public_read(method, path):
            if exc.status in (400, 401, 503):
                # An unreadable or unknown key, or a key that can't be checked now: let the page's script read why.
                response.headers["access-control-allow-origin"] = "*"
            elif caller.kind == CallerKind.publishable and origin in caller.allowed_origins:
                response.headers["access-control-allow-origin"] = origin
            # An origin the key does not allow gets no CORS header at all: the browser hides the answer.
            if "access-control-allow-origin" in response.headers:
                response.headers["access-control-expose-headers"] = access.EXPOSED_HEADERS
        if path.startswith(access.API_PREFIX):
            _add_vary(response.headers, "Origin")
        await response(scope, receive, send)

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        """Preflight of a public read. A preflight never carries Authorization or X-Crv-Key values, so only a
        ``?key=`` in the URL can be checked here; the actual request is always checked again."""
        origin = access.normalise_origin(headers.get("origin"))
        requested = headers.get("access-control-request-method", "").upper()
        keys = QueryParams(scope.get("query_string", b"")).getlist(access.KEY_QUERY_PARAMETER)
        if origin is None or requested not in access.READ_METHODS:
            refusal = Forbidden("Only GET and HEAD on the public read routes may be called from other web pages.")
            await self._refuse(scope, receive, send, refusal, ANONYMOUS, None)
            return
        if keys:
            client = access.client_bucket(scope["client"][0] if scope.get("client") else None)
            caller = Caller(CallerKind.anonymous, client)
            try:
                presented = access.presented_key({}, {access.KEY_QUERY_PARAMETER: keys})
                if presented is not None:
                    caller = await run_in_threadpool(self._resolve, scope, presented, client)
                access.authorise(caller, presented, requested, scope["path"], origin)
            except AppError as exc:
                if exc.status not in (400, 401):  # an invalid key is left for the actual request to explain
                    await self._refuse(scope, receive, send, exc, caller, None)
                    return
        await Response(status_code=204, headers=access.preflight_headers(origin))(scope, receive, send)


def get_caller(request: Request) -> Caller:
    """The caller :class:`AccessMiddleware` resolved for this request."""
    caller: Caller | None = getattr(request.state, "caller", None)
    if caller is None:  # fail closed: without the middleware no key restriction would apply
        raise RuntimeError("AccessMiddleware is not installed: no caller for this request")
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]
