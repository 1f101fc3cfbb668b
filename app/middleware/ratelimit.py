"""Quotas on the routes whose policy counts them (:mod:`app.policy`): the RateLimit headers on every counted
response, 429 problem when exhausted.

Runs inside :class:`~app.middleware.access.AccessMiddleware`, which has put the caller in the request state, so a
429 still carries the CORS headers a page needs to read it (and its Retry-After)."""

import structlog
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.errors import TooManyRequests, problem_response
from app.observability import QUOTA_REFUSALS
from app.policy import policy_for
from app.services import principal as principals
from app.services.principal import Principal
from app.services.ratelimit import QuotaStoreUnavailable, RateLimiterService, quotas_for, refusal_detail

log = structlog.get_logger(__name__)


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS" or not policy_for(scope).quota:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        settings: Settings = state.settings
        limiter: RateLimiterService | None = getattr(state, "rate_limiter", None)
        if not settings.rate_limit_enabled or limiter is None:
            await self.app(scope, receive, send)
            return
        caller: Principal | None = scope.get("state", {}).get("principal")
        if caller is None:
            caller = principals.anonymous(principals.client_of(scope))
        try:
            decision = await run_in_threadpool(limiter.check, quotas_for(caller, settings))
        except QuotaStoreUnavailable as exc:
            if not exc.skipped:  # one line per failure; none while the breaker skips the store
                log.warning("quota_store_unavailable", error=str(exc))
            await self.app(scope, receive, send)
            return
        quota_headers = decision.headers()
        if not decision.allowed:
            QUOTA_REFUSALS.labels(decision.binding.quota.name).inc()
            error = TooManyRequests(refusal_detail(decision, caller, settings))
            response = problem_response(
                error.status, error.title, error.detail, slug=error.slug, instance=scope["path"], headers=quota_headers
            )
            await response(scope, receive, send)
            return

        async def send_with_quota(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in quota_headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_quota)
