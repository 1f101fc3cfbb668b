"""Quotas with the ``limits`` library: counters in Redis when ``CRV_REDIS_URL`` is set, else in this process.

Which quotas a request counts against:

* anonymous: ``anonymous_requests_per_minute`` per client address;
* publishable key: the key's ``rate_limit_per_minute`` (else ``key_requests_per_minute``) for the key as a whole,
  and ``visitor_requests_per_minute`` per client address behind it, so one visitor cannot use up a site's quota —
  unless the key's own limit is no larger: then the key's is the only one (a visitor's quota as large as the key's
  would only ever be the one named, « for this visitor », when the key's limit is what binds);
* secret key: the key's own limit (a server's read-only key has the ``search`` scope: :mod:`app.services.keys`).

The visitor's quota is counted first, so a refused visitor never eats into the key's. When the counter store is
unreachable the API fails open (serves, logs, and sends no quota headers) rather than going down with Redis.
"""

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import structlog
from limits import RateLimitItem, RateLimitItemPerMinute
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter, RateLimiter
from redis.exceptions import RedisError

from app.config import Settings
from app.observability import QUOTA_BREAKER_OPEN, QUOTA_STORE_FAILURES
from app.paths import page_path
from app.services.breaker import CircuitBreaker
from app.services.principal import Principal, PrincipalKind

log = structlog.get_logger(__name__)
WINDOW_SECONDS = 60
WHO: Final = {"anonymous": "this address", "visitor": "this visitor", "key": "this key"}


@dataclass(frozen=True, slots=True)
class Quota:
    """One limit a request counts against."""

    name: str  # shown in RateLimit-Policy: "key", "visitor" or "anonymous"
    limit: int  # requests per window
    identifiers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuotaState:
    quota: Quota
    remaining: int
    reset_after: int  # seconds until the window frees capacity


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    states: Sequence[QuotaState]  # the quotas checked, the one that refused last
    quotas: Sequence[Quota] = ()  # every quota of the request, checked or not: RateLimit-Policy lists them all

    @property
    def binding(self) -> QuotaState:
        """The quota closest to exhaustion (the refusing one when refused): the one the headers describe."""
        if not self.allowed:
            return self.states[-1]
        return min(self.states, key=lambda s: (s.remaining, -s.reset_after))

    def headers(self) -> dict[str, str]:
        """The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-07), plus Retry-After if refused."""
        state = self.binding
        headers = {
            "RateLimit-Limit": str(state.quota.limit),
            "RateLimit-Remaining": str(max(state.remaining, 0)),
            "RateLimit-Reset": str(state.reset_after),
            "RateLimit-Policy": ", ".join(
                f'{quota.limit};w={WINDOW_SECONDS};comment="{quota.name}"'
                for quota in (self.quotas or [s.quota for s in self.states])
            ),
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(state.reset_after, 1))
        return headers


def quotas_for(caller: Principal, settings: Settings) -> list[Quota]:
    """The quotas of ``caller``, narrowest first."""
    if caller.kind == PrincipalKind.anonymous:
        return [Quota("anonymous", settings.anonymous_requests_per_minute, ("anonymous", caller.client))]
    key_limit = caller.rate_limit_per_minute or settings.key_requests_per_minute
    key_quota = Quota("key", key_limit, ("key", caller.prefix))
    if caller.kind == PrincipalKind.publishable and settings.visitor_requests_per_minute < key_limit:
        visitor = Quota("visitor", settings.visitor_requests_per_minute, ("visitor", caller.prefix, caller.client))
        return [visitor, key_quota]
    return [key_quota]


def refusal_detail(decision: Decision, caller: Principal, settings: Settings) -> str:
    """The 429's detail: which quota is used up and when to retry; when it is a key's, that the centre set it and
    can raise it (where to ask); to an anonymous caller, how to get a quota of its own — the key for a server (the
    quotas' numbers from the settings) or for a web page, and where to ask."""
    state = decision.binding
    detail = (
        f"The quota of {state.quota.limit} requests per minute for {WHO[state.quota.name]} is used up; "
        f"retry in {max(state.reset_after, 1)} s."
    )
    keys_page = f"{settings.public_base_url}{page_path('api', 'en')}#api-keys"
    if state.quota.name == "key":
        whose = (
            "this key's own limit, set by the centre"
            if caller.rate_limit_per_minute
            else "the default limit of the centre's keys"
        )
        return (
            f"{detail} It is {whose}: if the site or script using the key needs more, ask the centre to raise this "
            f"key's limit ({settings.contact_email}; {keys_page})."
        )
    if caller.kind != PrincipalKind.anonymous:
        return detail
    return (
        f"{detail} A key has a quota of its own, {settings.key_requests_per_minute} requests per minute unless the "
        "key sets another: a server or a script reads with a secret key (crv_sk_…) with the scope search, sent as "
        "`Authorization: Bearer <key>` (no Origin needed); a web page with a publishable key (crv_pk_…), which also "
        f"allows {settings.visitor_requests_per_minute} per visitor. Ask the centre for one: {keys_page}"
    )


class QuotaStoreUnavailable(Exception):
    """The counters cannot be read or written (Redis down), or were not asked (``skipped``: the breaker is open)."""

    def __init__(self, detail: str, skipped: bool = False) -> None:
        super().__init__(detail)
        self.skipped = skipped


class RateLimiterService:
    def __init__(self, storage: Storage, strategy: str, namespace: str, breaker_cooldown_seconds: float = 30.0) -> None:
        self.storage = storage
        self.namespace = namespace
        self.breaker = CircuitBreaker("quota-store", breaker_cooldown_seconds, gauge=QUOTA_BREAKER_OPEN)
        self.limiter: RateLimiter = (
            FixedWindowRateLimiter(storage) if strategy == "fixed-window" else MovingWindowRateLimiter(storage)
        )

    def _item(self, quota: Quota) -> RateLimitItem:
        return RateLimitItemPerMinute(quota.limit, namespace=self.namespace)

    def _state(self, quota: Quota) -> QuotaState:
        stats = self.limiter.get_window_stats(self._item(quota), *quota.identifiers)
        reset_after = max(math.ceil(stats.reset_time - time.time()), 0)
        return QuotaState(quota, stats.remaining, reset_after)

    def check(self, quotas: Sequence[Quota]) -> Decision:
        """Count one request against each quota in turn; stop at the first that refuses. Raises
        :class:`QuotaStoreUnavailable` when the store fails, and at once (``skipped``) while the breaker is open."""
        if not self.breaker.allow():
            raise QuotaStoreUnavailable("the quota store is skipped after a recent failure", skipped=True)
        states: list[QuotaState] = []
        try:
            for quota in quotas:
                allowed = self.limiter.hit(self._item(quota), *quota.identifiers)
                states.append(self._state(quota))
                if not allowed:
                    self.breaker.succeeded()
                    return Decision(False, states, tuple(quotas))
        except (StorageError, RedisError, ConnectionError, TimeoutError) as exc:
            QUOTA_STORE_FAILURES.inc()
            self.breaker.failed(str(exc))
            raise QuotaStoreUnavailable(str(exc)) from exc
        self.breaker.succeeded()
        return Decision(True, states, tuple(quotas))

    def close(self) -> None:
        if isinstance(self.storage, MemoryStorage):
            self.storage.timer.cancel()


def make_rate_limiter(settings: Settings) -> RateLimiterService:
    storage: Storage
    if settings.redis_url:
        storage = RedisStorage(
            settings.redis_url,
            key_prefix=f"{settings.rate_limit_namespace}:ratelimit",
            wrap_exceptions=True,
            socket_connect_timeout=settings.redis_timeout_seconds,
            socket_timeout=settings.redis_timeout_seconds,
        )
    else:
        storage = MemoryStorage()
    return RateLimiterService(
        storage, settings.rate_limit_strategy, namespace="crv", breaker_cooldown_seconds=settings.redis_breaker_seconds
    )
