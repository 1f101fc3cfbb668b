"""ASGI middleware, outermost first: request id → reads counted → HEAD as GET → gzip → page headers → input guard →
access (keys, CORS) → quotas → caching → routes."""

from fastapi import FastAPI

from app.middleware.access import AccessMiddleware
from app.middleware.caching import CachingMiddleware
from app.middleware.compression import CompressionMiddleware
from app.middleware.guard import InputGuardMiddleware
from app.middleware.head import HeadMiddleware
from app.middleware.page_headers import PageHeadersMiddleware
from app.middleware.ratelimit import RateLimitMiddleware
from app.middleware.reads import ReadsMiddleware
from app.observability import RequestContextMiddleware


def install_middleware(app: FastAPI) -> None:
    # Starlette wraps in reverse order of addition: the last added is the outermost.
    app.add_middleware(CachingMiddleware)
    app.add_middleware(RateLimitMiddleware)
    app.add_middleware(AccessMiddleware)
    app.add_middleware(InputGuardMiddleware)  # before any key lookup: no NUL reaches the database
    app.add_middleware(PageHeadersMiddleware)  # error pages too (an input guard's 400 or a quota's 429 in HTML)
    app.add_middleware(CompressionMiddleware)  # outside caching: the ETag is the identity body's (then weakened)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(ReadsMiddleware)  # outside HEAD and caching: counts the GETs answered 200
    app.add_middleware(RequestContextMiddleware)  # outermost: request id on every response and log line
