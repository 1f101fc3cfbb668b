"""Who is calling and what they may do from a web page: the rules behind publishable keys, CORS and fixed filters.

Three kinds of caller:

* **anonymous** (no key): any public read (``GET``/``HEAD`` on :data:`PUBLIC_PATHS`), from any web page
  (``Access-Control-Allow-Origin: *``), under the strict per-address quota.
* **publishable** key (``crv_pk_…``, made for a search widget in somebody's page): public reads only; the request
  must come from a page whose origin is in the key's ``allowed_origins`` (the ``Origin`` header, else the origin of
  ``Referer``), otherwise 403 problem and no ``Access-Control-Allow-Origin``. The key's ``fixed_filters`` are ANDed
  with whatever the caller asks for, and facet counts only list their values. It may be presented as
  ``Authorization: Bearer``, ``X-Crv-Key`` or the ``key`` query parameter: the widget uses ``?key=``, so its GETs
  stay CORS "simple requests" and cost no preflight.
* **secret** key: only in ``Authorization: Bearer`` (a secret key in a URL ends up in logs and ``Referer``: 401),
  and never given CORS headers, so no web page can read what it returns.
"""

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from app.errors import BadRequest, FieldError, Forbidden, NotFound, Unauthorized
from app.filters import FILTER_NAMES, FilterField, parse_fixed_filters, passes
from app.models import KeyKind, Resource
from app.services import keys

API_PREFIX = "/v1/"  # keys are read on the API routes only
KEY_HEADER = "x-crv-key"
KEY_QUERY_PARAMETER = "key"
# Paths whose GET/HEAD are public reads: open to anonymous callers and publishable keys, and to web pages (CORS).
PUBLIC_PATHS = ("/v1/search", "/v1/resources/", "/v1/taxonomies/", "/embed/", "/v1/feed.atom", "/v1/export")
READ_METHODS = frozenset({"GET", "HEAD"})
# Response headers a page's script may read (Retry-After and the quota headers drive the widget's messages).
EXPOSED_HEADERS = (
    "ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Content-Language"
)
ALLOWED_REQUEST_HEADERS = "Authorization, X-Crv-Key, If-None-Match, Accept, Accept-Language"
PREFLIGHT_MAX_AGE = 600


class CallerKind(StrEnum):
    anonymous = "anonymous"
    publishable = "publishable"
    secret = "secret"


class KeySource(StrEnum):
    authorization = "authorization"
    header = "x-crv-key"
    query = "query"


@dataclass(frozen=True, slots=True)
class PresentedKey:
    token: str
    source: KeySource


@dataclass(frozen=True, slots=True)
class Caller:
    """The resolved caller of one request."""

    kind: CallerKind
    client: str  # rate-limit bucket of the client address (an IPv6 address counts as its /64)
    key_id: str | None = None  # stable identifier of the key (its public prefix)
    organisation_id: str | None = None
    scopes: frozenset[str] = frozenset()
    allowed_origins: frozenset[str] = frozenset()
    fixed_filters: Mapping[FilterField, tuple[str, ...]] = field(default_factory=dict)
    rate_limit_per_minute: int | None = None

    @property
    def is_key(self) -> bool:
        return self.kind != CallerKind.anonymous


def client_bucket(host: str | None) -> str:
    """The address a quota is counted against: IPv4 as is, IPv6 by /64 (one subscriber usually owns a /64)."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address.ipv4_mapped or address) if isinstance(address, ipaddress.IPv6Address) else str(address)


def presented_key(headers: Mapping[str, str], query: Mapping[str, Sequence[str]]) -> PresentedKey | None:
    """The key a request carries, wherever it carries it; several different keys are a bad request."""
    found: list[PresentedKey] = []
    authorization = headers.get("authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Send the key as `Authorization: Bearer <key>`.", headers={"WWW-Authenticate": "Bearer"})
        found.append(PresentedKey(token.strip(), KeySource.authorization))
    if headers.get(KEY_HEADER, "").strip():
        found.append(PresentedKey(headers[KEY_HEADER].strip(), KeySource.header))
    values = [v.strip() for v in query.get(KEY_QUERY_PARAMETER, ()) if v.strip()]
    found.extend(PresentedKey(v, KeySource.query) for v in values)
    if len({k.token for k in found}) > 1:
        raise BadRequest(
            "The request carries more than one key (Authorization, X-Crv-Key, ?key=); send exactly one.",
            errors=[FieldError(field="key", message="more than one key")],
        )
    return found[0] if found else None


def normalise_origin(value: str | None) -> str | None:
    """``scheme://host[:port]`` in lower case without a default port, or None for anything else (incl. "null")."""
    if not value or value == "null":
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def request_origin(headers: Mapping[str, str]) -> str | None:
    """The origin of the page behind a request: ``Origin``, else the origin of ``Referer`` (browsers omit
    ``Origin`` on same-origin GETs)."""
    if "origin" in headers:
        return normalise_origin(headers["origin"])
    return normalise_origin(headers.get("referer"))


def is_public_read(method: str, path: str) -> bool:
    return method in READ_METHODS and is_public_path(path)


def is_public_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix) for prefix in PUBLIC_PATHS)


def normalise_origins(values: Any) -> frozenset[str]:
    if not isinstance(values, Sequence) or isinstance(values, str):
        return frozenset()
    return frozenset(o for o in (normalise_origin(str(v)) for v in values) if o)


def authorise(caller: Caller, presented: PresentedKey | None, method: str, path: str, origin: str | None) -> None:
    """Refuse what this caller may not do here; raises a problem, returns when allowed."""
    if caller.kind == CallerKind.secret and presented is not None and presented.source != KeySource.authorization:
        raise Unauthorized(
            "Secret keys are only accepted in the Authorization header: a key in a URL or in a page leaks. "
            "Revoke this key and use a publishable key (crv_pk_…) in web pages.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if caller.kind != CallerKind.publishable:
        return
    if not is_public_read(method, path):
        raise Forbidden("Publishable keys can only search and read (GET on /v1/search, /v1/resources, /v1/taxonomies).")
    if path.startswith("/v1/search") and "search" not in caller.scopes:
        raise Forbidden("This key does not have the `search` scope.")
    if origin is None:
        raise Forbidden(
            "Publishable keys work from web pages: the request has no Origin (or Referer) to check against "
            "the key's allowed origins."
        )
    if origin not in caller.allowed_origins:
        raise Forbidden(f"The origin {origin} is not allowed to use this key; ask its owner to add it.")


def cors_headers(caller: Caller, method: str, path: str, origin: str | None) -> dict[str, str]:
    """CORS headers for an (allowed) actual request: ``*`` for anonymous public reads, the page's own origin for a
    publishable key, nothing for secret keys or non-public routes."""
    if not is_public_read(method, path) or origin is None:
        return {}
    if caller.kind == CallerKind.anonymous:
        allow = "*"
    elif caller.kind == CallerKind.publishable and origin in caller.allowed_origins:
        allow = origin
    else:
        return {}
    return {"access-control-allow-origin": allow, "access-control-expose-headers": EXPOSED_HEADERS}


def preflight_headers(origin: str) -> dict[str, str]:
    return {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-allow-headers": ALLOWED_REQUEST_HEADERS,
        "access-control-max-age": str(PREFLIGHT_MAX_AGE),
        "vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    }


def ensure_visible(caller: Caller, resource: Resource) -> None:
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
        trimmed[name] = {v: n for v, n in counts.items() if allowed is None or v in allowed}
    return trimmed


def resolve_caller(session: Session, token: str, client: str) -> Caller:
    """The caller behind a presented key; 401 problem when the key is unknown, revoked or expired."""
    key = keys.authenticate(session, token)
    kind = CallerKind.publishable if key.kind == KeyKind.publishable else CallerKind.secret
    try:
        fixed = parse_fixed_filters(key.fixed_filters) if kind == CallerKind.publishable else {}
    except ValueError as exc:  # fail closed: a restriction we cannot read is not "no restriction"
        raise Forbidden(f"The key {key.prefix} is misconfigured ({exc}); its owner must replace it.") from exc
    scopes = frozenset(key.scopes)
    return Caller(
        kind=kind,
        client=client,
        key_id=key.prefix,
        organisation_id=str(key.organisation_id),
        scopes=scopes & keys.PUBLISHABLE_SCOPES if kind == CallerKind.publishable else scopes,
        allowed_origins=normalise_origins(key.allowed_origins) if kind == CallerKind.publishable else frozenset(),
        fixed_filters=fixed,
        rate_limit_per_minute=key.rate_limit_per_minute,
    )
