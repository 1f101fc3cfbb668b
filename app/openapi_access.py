"""What the OpenAPI document says about keys, quotas and limits, generated from what the server obeys.

* **Keys.** Each route's policy (:mod:`app.policy`) says whether keys are read on it and who may call it; the
  access middleware (:mod:`app.middleware.access`, rules in :mod:`app.services.access`) applies it. From the same
  policies every operation lists the security schemes it accepts (anonymous too, on public routes) and the
  problems a key can cause there: 400 (more than one key), 401 (an invalid, expired or revoked key; a secret key
  outside ``Authorization``), 403 (a publishable key off its origins, without the route's scope, or not reading),
  503 (the key could not be checked just now).
* **Quotas.** A route whose policy counts it may answer 429 with ``Retry-After`` (:mod:`app.middleware.ratelimit`),
  and its answers carry the ``RateLimit-*`` fields.
* **Limits.** The routes that read the search's parameters validate them with the settings
  (:func:`app.services.search.build_query`): ``q`` at most ``max_query_length`` characters, ``per_page`` at most
  ``max_per_page``, ``page × per_page`` at most ``max_result_window``. Those bounds go into their schemas.
* **The overview** (:func:`overview`), under the document's description: what a developer reading ``/docs`` needs
  before the first call — the quotas in force, which key a server or a web page needs and where to ask for it, how
  far the search pages go — from the settings, not from prose that would drift from them.

Declarations a route makes itself (its own 401, say) are kept; only what is missing is added.
"""

from collections.abc import Callable, Iterator
from typing import Any, Final

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.config import Settings
from app.errors import PROBLEM_JSON
from app.paths import page_path
from app.policy import Audience, RoutePolicy, declared, routes
from app.routers.filters import get_selection
from app.routers.parameters import is_strict
from app.routers.search import search_parameters
from app.services import access
from app.services.access import KEY_QUERY_PARAMETER, READ_METHODS, is_public_read
from app.services.embed_builder import demo_path

BEARER: Final = "HTTPBearer"  # the name FastAPI gives app.deps.bearer_scheme
KEY_HEADER: Final = "-".join(word.capitalize() for word in access.KEY_HEADER.split("-"))  # X-Crv-Key
KEY_IN_HEADER: Final = "PublishableKeyHeader"
KEY_IN_QUERY: Final = "PublishableKeyQuery"
PROBLEM_CONTENT: Final = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
RATE_LIMIT_HEADERS: Final = {
    "RateLimit-Limit": "Requests allowed in the window of the quota nearest to running out",
    "RateLimit-Remaining": "Requests left in that window",
    "RateLimit-Reset": "Seconds until that window frees requests",
    "RateLimit-Policy": 'Every quota that applies, e.g. `120;w=60;comment="visitor", 1200;w=60;comment="key"`',
}
RETRY_AFTER: Final = "Retry-After"
# Dependencies whose parameters the search's query layer (app.services.search.build_query) validates.
SEARCH_VALIDATED: Final[frozenset[Callable[..., Any]]] = frozenset({search_parameters, get_selection})


def overview(settings: Settings) -> str:
    """The keys, quotas and paging a developer meets first, as Markdown (Swagger UI and ReDoc render it)."""
    base = settings.public_base_url
    guide, builder, request = (
        base + page_path("api", "en"),
        base + demo_path("en"),
        base + page_path("key_request", "en"),
    )
    quotas = (
        f"Reading needs no key: each client address may send {settings.anonymous_requests_per_minute:,} requests a "
        "minute (an IPv6 address counts as its /64)."
        if settings.rate_limit_enabled
        else "Reading needs no key, and this server sets no quota."
    )
    return f"""
## Keys and quotas

{quotas} Every `/v1/` answer carries the `RateLimit-*` headers; past a quota, a 429 says which one, with \
`Retry-After`.

* **A server or a script** (a nightly harvest, a back end searching for its users) reads under a quota of its own, \
{settings.key_requests_per_minute:,} requests a minute, with a secret key (`crv_sk_…`, scope `search`) sent as \
`Authorization: Bearer <key>` only, never in a URL or a web page. Ask the centre for one: \
[{settings.contact_email}](mailto:{settings.contact_email}).
* **A web page** embeds the search with the widget, without a key or with a publishable key (`crv_pk_…`) that \
names its sites: [the snippet builder]({builder}) writes the lines to paste, [the key request form]({request}) \
asks for the key.

The guide, with examples: [{guide}]({guide}#api-keys) ([in French]({base}{page_path("api", "fr")})).

## Paging

`page` × `per_page` at most {settings.max_result_window:,}: `total` counts up to that window and `total_pages` \
ends within it. To read every resource, take `/v1/export` (CSV, JSON Lines, XLSX) or follow `/v1/feed.atom`'s \
`next` links (with `since`, only what changed).
"""


def _operations(app: FastAPI, schema: dict[str, Any]) -> Iterator[tuple[str, str, APIRoute, RoutePolicy | None, Any]]:
    """(path, method, route, its policy, its operation) for every documented operation."""
    paths: dict[str, Any] = schema.get("paths", {})
    for route in routes(app):
        original = route.original_route
        if not isinstance(original, APIRoute):
            continue
        operations = paths.get(route.path_format or "", {})
        for method in sorted(route.methods or ()):
            operation = operations.get(method.lower())
            if operation is not None:
                yield route.path_format, method, original, declared(route), operation


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": PROBLEM_CONTENT}


def _header_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def _schemes(paths: list[str]) -> dict[str, Any]:
    routes_list = ", ".join(f"`{path}`" for path in paths)
    publishable = (
        "A publishable key (`crv_pk_…`), made for a search widget in a web page: GET and HEAD of the public read "
        f"routes only ({routes_list}), from a page whose origin the key allows (`Origin`, else `Referer`; 403 "
        "otherwise); its fixed filters narrow every answer. A secret key sent this way is refused (401): send it as "
        "`Authorization: Bearer <key>`; in a URL or a page's code it has leaked, and is to be revoked."
    )
    return {
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "description": "Any API key, as `Authorization: Bearer <key>`. Secret keys (`crv_sk_…`) only this way: "
            "they open the routes that need a key (writing, review, administration, with the scopes each names) "
            "and have their own quota on the public reads. A publishable key (`crv_pk_…`) may be sent this way too.",
        },
        KEY_IN_HEADER: {
            "type": "apiKey",
            "in": "header",
            "name": KEY_HEADER,
            "description": f"{publishable} As the `{KEY_HEADER}` header (a CORS preflight first).",
        },
        KEY_IN_QUERY: {
            "type": "apiKey",
            "in": "query",
            "name": KEY_QUERY_PARAMETER,
            "description": f"{publishable} As the `{KEY_QUERY_PARAMETER}` query parameter, what the widget does: its "
            "GETs stay CORS simple requests, without a preflight.",
        },
    }


def document_access(schema: dict[str, Any], app: FastAPI, settings: Settings) -> None:
    """Security schemes, each operation's security, and the key, quota and parameter problems it may answer."""
    components = schema.setdefault("components", {})
    widget_paths: list[str] = []
    for path, method, route, policy, operation in _operations(app, schema):
        responses: dict[str, Any] = operation.setdefault("responses", {})
        if is_strict(route):
            responses.setdefault("422", _problem("Invalid parameters (an unknown one is named, with the closest)"))
        if policy is None:
            continue
        if policy.reads_keys:
            _document_keys(path, method, policy, operation, responses, widget_paths)
        if policy.quota and settings.rate_limit_enabled:
            _document_quota(responses)
    schemes = components.setdefault("securitySchemes", {})
    schemes.update(_schemes(sorted(dict.fromkeys(widget_paths))))
    if settings.rate_limit_enabled:
        headers = components.setdefault("headers", {})
        for name, description in RATE_LIMIT_HEADERS.items():
            headers[name] = {
                "description": description,
                "schema": {"type": "string" if "Policy" in name else "integer"},
            }
        headers[RETRY_AFTER] = {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}}


def _document_keys(
    path: str,
    method: str,
    policy: RoutePolicy,
    operation: dict[str, Any],
    responses: dict[str, Any],
    widget_paths: list[str],
) -> None:
    widget = policy.audience == Audience.public and is_public_read(method, policy)
    if policy.audience == Audience.public:
        # Anonymous (the empty requirement) or any key; publishable keys only where they may read.
        security: list[dict[str, list[str]]] = [{}, {BEARER: []}]
        if widget:
            security += [{KEY_IN_HEADER: []}, {KEY_IN_QUERY: []}]
            widget_paths.append(path)
        operation["security"] = security
    else:
        operation.setdefault("security", [{BEARER: []}])
    responses.setdefault("400", _problem("More than one key (`Authorization`, `X-Crv-Key`, `?key=`): send one"))
    if policy.audience == Audience.public:
        responses.setdefault(
            "401",
            _problem(
                "An unknown, expired or revoked key, a malformed `Authorization`, or a secret key sent elsewhere "
                "than in `Authorization` (no key is needed here)"
            ),
        )
        scope = f", without the `{policy.widget_scope}` scope" if policy.widget_scope else ""
        responses.setdefault(
            "403",
            _problem(
                f"A publishable key from an origin it does not allow{scope}, or without an `Origin`/`Referer`"
                if widget
                else "A publishable key: those only read (GET on the public read routes)"
            ),
        )
    else:
        responses.setdefault("401", _problem("No key, or an unknown, expired or revoked one"))
        responses.setdefault("403", _problem("A key of the wrong kind, or without the scope this route needs"))
    responses.setdefault("503", _problem("The key could not be checked just now (see `Retry-After`)"))


def _document_quota(responses: dict[str, Any]) -> None:
    for status, response in responses.items():
        if status[0] in "23":
            headers = response.setdefault("headers", {})
            for name in RATE_LIMIT_HEADERS:
                headers.setdefault(name, _header_ref(name))
    too_many = responses.setdefault("429", _problem("The caller's quota is used up: retry after `Retry-After` seconds"))
    headers = too_many.setdefault("headers", {})
    for name in (RETRY_AFTER, *RATE_LIMIT_HEADERS):
        headers.setdefault(name, _header_ref(name))


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def document_limits(schema: dict[str, Any], app: FastAPI, settings: Settings) -> None:
    """The search's bounds on ``q``, ``page`` and ``per_page``, where the search's query layer checks them."""
    window = settings.max_result_window
    bounds: dict[str, tuple[str, int, str]] = {
        "q": ("maxLength", settings.max_query_length, f"at most {settings.max_query_length} characters"),
        "per_page": (
            "maximum",
            min(settings.max_per_page, window),
            f"at most {settings.max_per_page}; `page` × `per_page` at most {window}",
        ),
        "page": ("maximum", window, f"`page` × `per_page` at most {window}"),
    }
    for _path, method, route, _policy, operation in _operations(app, schema):
        if method not in READ_METHODS or not SEARCH_VALIDATED.intersection(_calls(route.dependant)):
            continue
        for parameter in operation.get("parameters", []):
            bound = bounds.get(parameter["name"]) if parameter.get("in") == "query" else None
            if bound is None:
                continue
            keyword, limit, note = bound
            parameter.setdefault("schema", {})[keyword] = limit
            described = parameter.get("description")
            parameter["description"] = f"{described}; {note}" if described else note
