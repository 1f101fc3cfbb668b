"""Who is calling and what they may do from a web page: the rules behind publishable keys, CORS and fixed filters.

Three kinds of caller:

* **anonymous** (no key): any public read (``GET``/``HEAD`` on a route whose policy is open to web pages,
  :mod:`app.policy`), from any web page, a page opened as a file included (``Origin: null``): public data, no
  credentials (``Access-Control-Allow-Origin: *``), under the strict per-address quota.
* **publishable** key (``crv_pk_…``, made for a search widget in somebody's page): public reads only; the request
  must come from a page whose origin is in the key's ``allowed_origins`` (the ``Origin`` header, else the origin of
  ``Referer``; an allowed ``https://*.example.org`` takes its subdomains, :mod:`app.services.origins`) or be the
  centre's own (its demo page), otherwise 403 problem — which says, to a page without an origin (``Origin: null``:
  opened as a file), that it must be served over http(s) — readable by the page
  (``Access-Control-Allow-Origin: *``, like every refusal of a public read, :func:`refusal_cors_headers`), so the
  widget can say the site is not allowed, while nothing the key would have answered is. The key's
  ``fixed_filters`` are ANDed with whatever the caller asks for, and facet counts only list their values. It may
  be presented as ``Authorization: Bearer``, ``X-Crv-Key`` or the ``key`` query parameter: the widget uses
  ``?key=``, so its GETs stay CORS "simple requests" and cost no preflight.
* **secret** key (``crv_sk_…``, for servers and scripts): only in ``Authorization: Bearer`` (a secret key in a URL
  ends up in logs and ``Referer``: 401), and never given CORS headers, so no web page can read what it returns. Any
  secret key reads the public routes under its own quota, with no ``Origin`` to check (a server has no page); one
  whose only scope is ``search`` does nothing else — a harvester's or a back end's read-only key, which needs no
  write scope to get more than the anonymous quota.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.errors import BadRequest, FieldError, Forbidden, NotFound, Unauthorized
from app.filters import FILTER_NAMES, FilterField, passes
from app.models import Resource
from app.policy import Audience, RoutePolicy
from app.services.origins import OPAQUE_ORIGIN, key_allows_origin, near_misses, origin_listed
from app.services.principal import Principal, PrincipalKind

KEY_HEADER = "x-crv-key"
KEY_QUERY_PARAMETER = "key"
READ_METHODS = frozenset({"GET", "HEAD"})
# Response headers a page's script may read (Retry-After and the quota headers drive the widget's messages;
# Content-Disposition names the file of an export, a findings CSV or a document download).
EXPOSED_HEADERS = (
    "ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Content-Language, "
    "Content-Disposition"
)
ALLOWED_REQUEST_HEADERS = "Authorization, X-Crv-Key, If-None-Match, Accept, Accept-Language"
PREFLIGHT_MAX_AGE = 600


class KeySource(StrEnum):
    authorization = "authorization"
    header = "x-crv-key"
    query = "query"


@dataclass(frozen=True, slots=True)
class PresentedKey:
    token: str
    sources: frozenset[KeySource]  # every place the request carries it


def presented_key(headers: Mapping[str, str], query: Mapping[str, Sequence[str]]) -> PresentedKey | None:
    """The key a request carries, wherever it carries it; several different keys are a bad request."""
    found: list[tuple[str, KeySource]] = []
    authorization = headers.get("authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Send the key as `Authorization: Bearer <key>`.", headers={"WWW-Authenticate": "Bearer"})
        found.append((token.strip(), KeySource.authorization))
    if headers.get(KEY_HEADER, "").strip():
        found.append((headers[KEY_HEADER].strip(), KeySource.header))
    found.extend((v.strip(), KeySource.query) for v in query.get(KEY_QUERY_PARAMETER, ()) if v.strip())
    tokens = {token for token, _ in found}
    if len(tokens) > 1:
        raise BadRequest(
            "The request carries more than one key (Authorization, X-Crv-Key, ?key=); send exactly one.",
            errors=[FieldError(field="key", message="more than one key")],
        )
    return PresentedKey(tokens.pop(), frozenset(source for _, source in found)) if tokens else None


def is_public_read(method: str, policy: RoutePolicy) -> bool:
    """A read other web pages may make: GET/HEAD on a route whose policy opens it to them."""
    return method in READ_METHODS and policy.cors


def authorise(
    caller: Principal,
    presented: PresentedKey | None,
    method: str,
    policy: RoutePolicy,
    origin: str | None,
    public_base_url: str | None = None,
    contact_email: str | None = None,
) -> None:
    """Refuse what this caller may not do here; raises a problem, returns when allowed. A secret key seen anywhere
    but in the Authorization header is refused, even when the header carries it too (:func:`secret_key_refused`).
    A publishable key is used from one of its origins, or from the centre's own (``public_base_url``: the demo page
    previews any key, :func:`app.services.origins.key_allows_origin`); a refusal names ``contact_email`` to add an
    origin."""
    if caller.kind == PrincipalKind.secret and presented is not None and presented.sources != {KeySource.authorization}:
        raise Unauthorized(secret_key_refused(presented, origin), headers={"WWW-Authenticate": "Bearer"})
    if caller.kind != PrincipalKind.publishable:
        return
    if not (is_public_read(method, policy) and policy.audience == Audience.public):
        raise Forbidden(
            "Publishable keys can only search and read (GET on the public read routes: /v1/search, /v1/resources, "
            "/v1/taxonomies…)."
        )
    if policy.widget_scope is not None and policy.widget_scope not in caller.scopes:
        raise Forbidden(f"This key does not have the `{policy.widget_scope}` scope.")
    if origin == OPAQUE_ORIGIN:
        raise Forbidden(
            "The page has no origin to check against the key's allowed origins (Origin: null): it seems opened as a "
            "file (file://) or in a sandboxed frame. Serve it over http(s), from one of the key's origins (for a "
            "test on your computer, `python3 -m http.server` in its folder and http://localhost:8000/, if the key "
            "lists it); without a key, the widget works from any page, under the anonymous quota."
        )
    if origin is None:
        raise Forbidden(
            "Publishable keys work from web pages: the request has no Origin (or Referer) to check against "
            "the key's allowed origins. A server or a script reads with a secret key (crv_sk_…, scope search) "
            "sent as `Authorization: Bearer <key>`, under its own quota."
        )
    if not key_allows_origin(caller.allowed_origins, origin, public_base_url):
        raise Forbidden(origin_refused(caller, origin, contact_email))


def secret_key_refused(presented: PresentedKey, origin: str | None) -> str:
    """Why a secret key is refused outside the Authorization header. In a URL (``?key=``) it is written into logs,
    histories and ``Referer``, and from a web page (an ``Origin`` or ``Referer``) it sits in the page's code: it has
    leaked, and is to be revoked. A server's ``X-Crv-Key`` header leaks nothing more than Authorization would, so
    that caller is only told the one header secret keys are read from."""
    if KeySource.query in presented.sources or origin is not None:
        return (
            "Secret keys are only accepted in the Authorization header: a key in a URL or in a page leaks. "
            "Revoke this key and use a publishable key (crv_pk_…) in web pages."
        )
    return (
        "Secret keys are only accepted in the Authorization header: send it as `Authorization: Bearer <key>`, "
        f"without the {KEY_HEADER.title()} header."
    )


def origin_refused(caller: Principal, origin: str, contact_email: str | None) -> str:
    """Why a page may not use a key, for its webmaster (the widget's console): the key's origins that name the same
    site (:func:`app.services.origins.near_misses`: the www. sibling, http, another port), since an origin must
    match exactly; that the widget works without a key; and who adds an address to a key — the centre, not "its
    owner", who is most often the person reading this."""
    near = near_misses(caller.allowed_origins, origin)
    ask = f"the centre ({contact_email})" if contact_email else "the centre"
    if near:
        return (
            f"The origin {origin} is not allowed to use this key ({caller.credential}): it lists {', '.join(near)}, "
            "and a page's origin must match one exactly (scheme, host and port). If the site answers at "
            f"{origin} too, ask {ask} to add it to the key."
        )
    return (
        f"The origin {origin} is not allowed to use this key ({caller.credential}), made for other sites. Use the "
        f"key made for this site, or none (the widget works without a key, under the anonymous quota); to add "
        f"{origin} to this key, ask {ask}."
    )


def cors_headers(caller: Principal, method: str, policy: RoutePolicy, origin: str | None) -> dict[str, str]:
    """CORS headers for an (allowed) actual request: ``*`` for anonymous public reads, the page's own origin for a
    publishable key, nothing for secret keys or non-public routes."""
    if not is_public_read(method, policy) or origin is None:
        return {}
    if caller.kind == PrincipalKind.anonymous:
        allow = "*"
    elif caller.kind == PrincipalKind.publishable and origin_listed(caller.allowed_origins, origin):
        allow = origin
    else:
        return {}
    return {"access-control-allow-origin": allow, "access-control-expose-headers": EXPOSED_HEADERS}


def refusal_cors_headers() -> dict[str, str]:
    """CORS headers of a refused public read (an invalid key, an origin the key excludes, a key that can't be
    checked now): any page may read the problem, which says nothing secret, so a widget can tell its visitors and
    its webmaster why."""
    return {"access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED_HEADERS}


def preflight_headers(origin: str) -> dict[str, str]:
    return {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-allow-headers": ALLOWED_REQUEST_HEADERS,
        "access-control-max-age": str(PREFLIGHT_MAX_AGE),
        "vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    }


def ensure_visible(caller: Principal, resource: Resource) -> None:
    """404, like any resource out of reach, when ``resource`` is outside the caller's fixed filters."""
    if not passes(caller.fixed_filters, resource):
        raise NotFound(f"No published resource has the id {resource.id!r}. Search for it with /v1/search.")


def trim_facets(
    facets: Mapping[str, Mapping[str, int]], fixed: Mapping[FilterField, tuple[str, ...]]
) -> dict[str, dict[str, int]]:
    """Facet counts restricted, on a fixed filter, to the fixed values: a cocoa key never lists other sectors."""
    trimmed: dict[str, dict[str, int]] = {}
    for name, counts in facets.items():
        allowed = fixed.get(FilterField(name)) if name in FILTER_NAMES else None
        trimmed[name] = dict(counts) if allowed is None else {v: n for v, n in counts.items() if v in allowed}
    return trimmed
