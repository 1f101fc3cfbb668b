"""Route policy, declared where the route is: who may call it, whether keys are read on it, how long a shared cache
may keep it, whether it counts against quotas, whether other web pages may read it (CORS).

A router (or one route) declares its policy as a dependency, e.g.::

    router = APIRouter(prefix="/v1", dependencies=[public(cache_seconds=60)])
    @router.get("/special", dependencies=[keyed()])  # a route's own declaration wins over its router's

The middlewares (:mod:`app.middleware`) find the route a request is for, before routing, with :func:`policy_for`
and read its :class:`RoutePolicy`; nothing there names a path. ``tests/test_policy.py`` walks every route of the
application and fails when one declares no policy, so adding a route cannot silently change its auth, CORS, quota
or caching.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from fastapi import Depends
from fastapi.routing import iter_route_contexts
from starlette.routing import Host, Match
from starlette.types import Scope


class Audience(StrEnum):
    public = "public"  # anyone may read it (GET/HEAD): anonymous callers, and publishable keys from their origins
    keyed = "keyed"  # an API key is needed; the route's Authenticator says which kind and scopes
    page = "page"  # pages, documents, health checks: keys are not read (a ?key= there means nothing)


@dataclass(frozen=True, slots=True)
class RoutePolicy:
    audience: Audience
    cache_seconds: int | None = None  # Cache-Control max-age of a 200 GET; None: not cached by the middleware
    quota: bool = True  # counted against the caller's quota
    cors: bool = False  # GET/HEAD readable by scripts of other web pages
    widget_scope: str | None = None  # the scope a publishable key needs here (e.g. "search")
    people: bool = False  # a page of the portal or the desk: the session cookie's person is the principal
    inline_scripts: bool = False  # a page that runs inline scripts (Swagger UI, ReDoc): sent without a CSP

    @property
    def reads_keys(self) -> bool:
        return self.audience != Audience.page

    async def __call__(self) -> None:
        """A no-op dependency: the policy is read by the middlewares, not by the route (``async``: no thread-pool
        hop for nothing)."""


def public(
    *, cache_seconds: int | None = None, cors: bool = True, quota: bool = True, widget_scope: str | None = None
) -> Any:
    """Public reads: anonymous, or a publishable key from its allowed origins (with ``widget_scope`` if set)."""
    return Depends(RoutePolicy(Audience.public, cache_seconds, quota, cors, widget_scope))


def keyed(*, quota: bool = True) -> Any:
    """Needs an API key (never given CORS headers, never cached by shared caches)."""
    return Depends(RoutePolicy(Audience.keyed, None, quota, False))


def page(
    *,
    cache_seconds: int | None = None,
    quota: bool = False,
    cors: bool = False,
    people: bool = False,
    inline_scripts: bool = False,
) -> Any:
    """A page or document for people and monitors: no keys, no quota and no CORS unless said. With ``people``, the
    person signed in by the session cookie is the request's principal (pages of the portal and the desk, never
    cached, never open to other web pages). With ``inline_scripts``, the page goes without a Content Security
    Policy (pages the centre does not write, like Swagger UI's)."""
    if people and (cache_seconds is not None or cors):
        raise ValueError("a page for signed-in people is neither cached nor open to other web pages")
    if people and inline_scripts:
        raise ValueError("a page for signed-in people keeps its Content Security Policy")
    return Depends(RoutePolicy(Audience.page, cache_seconds, quota, cors, people=people, inline_scripts=inline_scripts))


# A request no route matches (a 404): keys are not read, and it is counted, so unknown paths are no free ride.
UNMATCHED: Final = RoutePolicy(Audience.page, quota=True)
# FastAPI's own documents (/docs, /openapi.json), which cannot declare anything.
DOCUMENTS: Final = RoutePolicy(Audience.page, quota=False)


def declared(route: Any) -> RoutePolicy | None:
    """The policy a route declares (its own, else its router's), or None."""
    found = [d.dependency for d in getattr(route, "dependencies", None) or [] if isinstance(d.dependency, RoutePolicy)]
    return found[-1] if found else None


def routes(app: Any) -> Iterator[Any]:
    """Every route of ``app``, with its full path (routers included). The routes of a router included with no prefix
    and no dependencies of its own (every router of crv) are read as the router declared them: FastAPI's effective
    routes, which :func:`iter_route_contexts` yields, build each route's dependencies and validation models when
    first walked — ~0.2 s for an application's 160 routes, paid again by every application made (each test's)."""
    for route in app.routes:
        included = getattr(route, "include_context", None)
        if included is not None and not included.prefix and not included.dependencies:
            yield from routes(route.original_router)
        else:
            yield from iter_route_contexts([route])


def policy_for(scope: Scope) -> RoutePolicy:
    """The policy of the route ``scope`` is for (matched as the router will: first full match, else the first route
    with that path), cached in the request's state."""
    state = scope.setdefault("state", {})
    cached = state.get("route_policy")
    if isinstance(cached, RoutePolicy):
        return cached
    policy = _matcher(scope["app"]).policy(scope)
    state["route_policy"] = policy
    return policy


class _Matcher:
    """An application's routes, flattened once (FastAPI builds a context object per route of an included router at
    each walk), and the policy of each path already asked for: walking the routes up to a site page's, far down the
    list, cost ~0.35 ms a request. A route matches on the request's type, method and path alone (no route of the
    application matches on the host, else nothing is remembered); the routes are walked anew when their number
    changes (a route added after the first request)."""

    MEMORY = 4096  # paths remembered; past that (slugs, scanners' probes) all are forgotten at once

    def __init__(self, app: Any) -> None:
        self.count = len(app.routes)
        self.routes = tuple(routes(app))
        self.remembers = not any(isinstance(getattr(route, "original_route", route), Host) for route in self.routes)
        self.known: dict[tuple[str, str, str, str], RoutePolicy] = {}

    def policy(self, scope: Scope) -> RoutePolicy:
        if not self.remembers:
            return self._match(scope)
        key = (scope["type"], scope.get("method", ""), scope.get("root_path", ""), scope["path"])
        policy = self.known.get(key)
        if policy is None:
            if len(self.known) >= self.MEMORY:
                self.known.clear()
            policy = self.known[key] = self._match(scope)
        return policy

    def _match(self, scope: Scope) -> RoutePolicy:
        partial: Any = None
        for route in self.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return declared(route) or DOCUMENTS
            if match == Match.PARTIAL and partial is None:
                partial = route
        if partial is not None:  # the path exists for other methods (a preflight, a 405)
            return declared(partial) or DOCUMENTS
        return UNMATCHED


def _matcher(app: Any) -> _Matcher:
    """The application's matcher, kept in its state (in a table of this module, the routes' closures over the
    application would keep every application made alive)."""
    matcher: _Matcher | None = getattr(app.state, "route_matcher", None)
    if matcher is None or matcher.count != len(app.routes):
        matcher = app.state.route_matcher = _Matcher(app)
    return matcher
