"""ASGI middleware, outermost first: access (keys, CORS, origins) → quotas → HTTP caching → the routes."""

from fastapi import FastAPI

from app.middleware.access import AccessMiddleware
from app.middleware.caching import CachingMiddleware
from app.middleware.ratelimit import RateLimitMiddleware


def install_middleware(app: FastAPI) -> None:
    # Starlette wraps in reverse order of addition: the last added is the outermost.
    app.add_middleware(CachingMiddleware)
    app.add_middleware(RateLimitMiddleware)
    app.add_middleware(AccessMiddleware)
