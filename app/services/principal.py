"""Who is calling: one :class:`Principal` per request, resolved once by the access middleware
(:mod:`app.middleware.access`) and read by everything after it — the quotas, the routes (through
:class:`app.deps.Authenticator`), the services and the audit log.

Kinds of principal:

* ``anonymous``: no credential. Public reads only, under the per-address quota.
* ``publishable``: a ``crv_pk_…`` key made for a search widget; public reads from the key's ``allowed_origins``,
  within its ``fixed_filters``. Never acts for its organisation.
* ``secret``: a ``crv_sk_…`` key, in ``Authorization: Bearer`` only; acts for its organisation with its scopes.
* ``person``: somebody signed in to the partner portal or the editor's desk, by the ``crv_session`` cookie
  (read only on routes whose policy says ``page(people=True)``); acts for its organisation with its role's scopes;
  :attr:`Principal.person` is who it is (for the pages); the audit log names it ``user:<id>``.

Adding a kind (as ``person`` was added for the partner portal):

1. add a member to :class:`PrincipalKind` (``person``) and, if it acts for an organisation, to
   :data:`MEMBER_KINDS`; the services' rules (``owns``, ``is_reviewer``…) then apply to it unchanged, since they
   only ask :attr:`Principal.acts_for_organisation`, :meth:`Principal.has` and :attr:`Principal.organisation_id`;
2. write its resolver next to :func:`from_key` (a person's is
   :meth:`app.services.accounts.Person.as_principal`, after :func:`session_token`), filling ``credential`` (what
   logs and the audit log name it by, e.g. ``user:<id>``), ``organisation`` and ``scopes``;
3. call it from the access middleware where the route's policy says that credential is read; the route
   dependencies (``Authenticator(required_scopes=…, kinds=…)``, ``SignedIn(role=…)``) need no change, except to
   list the new kind on the routes it may use.
"""

import functools
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy.orm import Session

from app.errors import Forbidden
from app.filters import FilterField, parse_fixed_filters
from app.models import KeyKind, Scope
from app.services import keys
from app.services.origins import normalise_origins
from app.signing import sign, verify

if TYPE_CHECKING:  # a person is built by app.services.accounts, which builds its principal from this module
    from app.services.accounts import Person


class PrincipalKind(StrEnum):
    anonymous = "anonymous"
    publishable = "publishable"
    secret = "secret"
    person = "person"  # signed in to the partner portal (app.services.accounts.Person.as_principal)


# The kinds that act for an organisation (own its resources, write, review, administer with the right scopes).
MEMBER_KINDS: Final = frozenset({PrincipalKind.secret, PrincipalKind.person})
KEY_KINDS: Final = frozenset({PrincipalKind.publishable, PrincipalKind.secret})


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    id: int
    slug: str


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of one request, detached from any database session."""

    kind: PrincipalKind
    client: str = "unknown"  # quota bucket of the client address (an IPv6 address counts as its /64)
    credential: str | None = None  # how logs, quotas and the audit log name it: the key's public prefix
    key_id: int | None = None
    organisation: OrganisationRef | None = None
    scopes: frozenset[str] = frozenset()
    allowed_origins: frozenset[str] = frozenset()
    fixed_filters: Mapping[FilterField, tuple[str, ...]] = field(default_factory=dict)
    rate_limit_per_minute: int | None = None
    person: "Person | None" = None  # who is signed in, for a principal of kind person

    def has(self, scope: Scope) -> bool:
        return scope in self.scopes

    @property
    def is_key(self) -> bool:
        return self.kind in KEY_KINDS

    @property
    def acts_for_organisation(self) -> bool:
        return self.kind in MEMBER_KINDS and self.organisation is not None

    @property
    def prefix(self) -> str:
        """The credential's public name (a key's prefix), as logs and the audit log show it."""
        return self.credential or self.kind.value

    @property
    def organisation_id(self) -> int:
        """The organisation this principal acts for; only asked of principals that passed an
        :class:`~app.deps.Authenticator` for a member kind."""
        if self.organisation is None:
            raise LookupError(f"a {self.kind} principal acts for no organisation")
        return self.organisation.id

    @property
    def organisation_slug(self) -> str:
        if self.organisation is None:
            raise LookupError(f"a {self.kind} principal acts for no organisation")
        return self.organisation.slug


@functools.lru_cache(maxsize=4096)  # asked at every request, for the few addresses of the clients of the moment
def client_bucket(host: str | None) -> str:
    """The address a quota is counted against: IPv4 as is, IPv6 by /64 (one subscriber usually owns a /64)."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # only an address is an identity: anything else shares one bucket
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address.ipv4_mapped or address) if isinstance(address, ipaddress.IPv6Address) else str(address)


def client_of(scope: Mapping[str, Any]) -> str:
    """The quota bucket of an ASGI request's client address (as the proxies believed by uvicorn gave it)."""
    client = scope.get("client")
    return client_bucket(client[0] if client else None)


def anonymous(client: str = "unknown") -> Principal:
    return Principal(PrincipalKind.anonymous, client)


def from_key(session: Session, token: str, client: str) -> Principal:
    """The principal behind a presented key; 401 problem when the key is unknown, revoked or expired, 403 when a
    publishable key's restriction cannot be read (fail closed: never "no restriction")."""
    key = keys.authenticate(session, token)
    secret = Principal(
        PrincipalKind.secret,
        client,
        credential=key.prefix,
        key_id=key.id,
        organisation=OrganisationRef(key.organisation.id, key.organisation.slug),
        scopes=frozenset(key.scopes),
        rate_limit_per_minute=key.rate_limit_per_minute,
    )
    if key.kind != KeyKind.publishable:
        return secret
    try:
        fixed = parse_fixed_filters(key.fixed_filters)
    except ValueError as exc:
        raise Forbidden(f"The key {key.prefix} is misconfigured ({exc}); its owner must replace it.") from exc
    return replace(
        secret,
        kind=PrincipalKind.publishable,
        scopes=secret.scopes & keys.PUBLISHABLE_SCOPES,
        allowed_origins=normalise_origins(key.allowed_origins),
        fixed_filters=fixed,
    )


# The session cookie of a signed-in person: ``<token>.<signature>``, HMAC with the application's secret key.
SESSION_COOKIE: Final = "crv_session"
_SESSION_PURPOSE: Final = "session"


def session_cookie(secret_key: bytes, token: str) -> str:
    """The value of the session cookie that carries ``token``."""
    return f"{token}.{sign(secret_key, _SESSION_PURPOSE, token)}"


def session_token(secret_key: bytes, cookie: str) -> str | None:
    """The session token a cookie carries, or None when it is absent, too long or not signed by us."""
    token, _, signature = cookie.rpartition(".")
    if not token or not signature or len(cookie) > 200:
        return None
    return token if verify(secret_key, signature, _SESSION_PURPOSE, token) else None
