"""Request ids and metrics.

Every HTTP request gets an id: the client's ``X-Request-ID`` when it is a sane token, else a fresh one. It is bound
in structlog's context (so every log line written while serving the request carries ``request_id``, uvicorn's
access line included) and echoed in the response's ``X-Request-ID``.

Metrics are Prometheus counters and histograms from ``prometheus-client``, in a registry of their own, served at
``/metrics``. They are per process: with several workers, scrape each (or run one worker per container).
"""

import re
import time
import uuid

import structlog
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from app.asgi import HttpMiddleware

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "crv_http_requests",
    "HTTP requests answered, by route template and status",
    ("method", "route", "status"),
    registry=REGISTRY,
)
LATENCY = Histogram(
    "crv_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template",
    ("method", "route"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
CLIENT_DISCONNECTS = Counter(
    "crv_client_disconnects", "Requests whose client went away before sending its whole body", registry=REGISTRY
)
ENGINE_ERRORS = Counter(
    "crv_search_engine_errors", "Search engine failures, by operation", ("operation",), registry=REGISTRY
)
QUOTA_REFUSALS = Counter("crv_quota_refusals", "Requests refused by a quota (429)", ("quota",), registry=REGISTRY)
QUOTA_STORE_FAILURES = Counter(
    "crv_quota_store_failures",
    "Quota checks that failed open because the counter store did not answer",
    registry=REGISTRY,
)
QUOTA_BREAKER_OPEN = Gauge(
    "crv_quota_store_breaker_open", "1 while the quota store's circuit breaker skips the store", registry=REGISTRY
)
OUTBOX_PENDING = Gauge("crv_outbox_pending", "Outbox events not yet applied to the search index", registry=REGISTRY)
OUTBOX_OLDEST = Gauge(
    "crv_outbox_oldest_seconds", "Age of the oldest outbox event not yet applied (0 when empty)", registry=REGISTRY
)


def request_id_from(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = bytes(value).decode("latin-1")
            if _SANE_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


def route_label(scope: Scope) -> str:
    """The matched route's template (``/v1/resources/{resource_id}``): bounded cardinality, no ids in labels."""
    route = scope.get("route")
    path: object = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware(HttpMiddleware):
    """The outermost middleware: request id in and out, one latency observation per request."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = request_id_from(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        tokens = structlog.contextvars.bind_contextvars(request_id=request_id)

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = route_label(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(time.perf_counter() - started)
            structlog.contextvars.reset_contextvars(**tokens)
