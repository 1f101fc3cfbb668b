"""Organisations and API keys: creation, authentication, scopes, revocation.

A key is ``<prefix>_<secret>``: ``crv_sk_`` (secret) or ``crv_pk_`` (publishable), 8 hex characters, then 64 hex
characters of randomness. It is returned once, by :func:`create_key`; only its prefix and SHA-256 are stored.
:func:`authenticate` finds the key by prefix and compares hashes in constant time. Never log or echo a key:
log its prefix.

Which scopes each kind takes (:data:`SECRET_SCOPES`, :data:`PUBLISHABLE_SCOPES`): a publishable key only ``search``
(it sits in web pages); a secret key any, ``search`` included — a server's read-only key: a nightly harvest or a
back end searching under the key's own quota, with no write scope it does not need (the public reads are open to
every secret key; ``search`` alone grants nothing more).
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.errors import Conflict, FieldError, InvalidParameters, NotFound, Unauthorized
from app.filters import FilterField, check_values, parse_fixed_filters
from app.models import ApiKey, KeyKind, Organisation, OrganisationKind, Scope
from app.models.base import utcnow
from app.services import audit
from app.services.centre import CENTRE_NAME, CENTRE_SLUG
from app.services.origins import OriginError, describe_origins, parse_allowed_origin
from app.taxonomy import Taxonomies

if TYPE_CHECKING:  # the principal is built from a key by app.services.principal
    from app.services.principal import Principal

KIND_PREFIXES = {KeyKind.secret: "crv_sk", KeyKind.publishable: "crv_pk"}
SECRET_SCOPES = frozenset({Scope.search, Scope.resources_write, Scope.resources_review, Scope.admin, Scope.metrics})
PUBLISHABLE_SCOPES = frozenset({Scope.search})
KEY_PATTERN = re.compile(r"^(crv_(?:sk|pk)_[0-9a-f]{8})_([0-9a-f]{64})$")
LAST_USED_RESOLUTION = timedelta(minutes=1)  # don't write on every request
INVALID_TOKEN = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


@dataclass(frozen=True, slots=True)
class CreatedKey:
    key: ApiKey
    token: str  # the only copy of the full key: hand it to its owner, never store or log it


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Organisations


def create_organisation(
    session: Session, slug: str, name: str, kind: OrganisationKind, actor: "Principal | None" = None
) -> Organisation:
    if session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None:
        raise Conflict(f"An organisation with the slug {slug!r} already exists.")
    organisation = Organisation(slug=slug, name=name, kind=kind)
    session.add(organisation)
    session.flush()
    audit.record(session, "organisation.create", actor, organisation=slug, kind=str(kind))
    return organisation


def ensure_centre(session: Session) -> tuple[Organisation, bool]:
    """The centre's own organisation (its editors review submissions), created if missing; idempotent."""
    found = session.scalar(select(Organisation).where(Organisation.slug == CENTRE_SLUG))
    if found is not None:
        return found, False
    return create_organisation(session, CENTRE_SLUG, CENTRE_NAME, OrganisationKind.resource_centre), True


def get_organisation(session: Session, slug: str) -> Organisation:
    organisation = session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        raise NotFound(f"No organisation has the slug {slug!r}.")
    return organisation


def list_organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.slug)))


# Keys


def _clean_scopes(kind: KeyKind, scopes: Iterable[str]) -> list[str]:
    allowed = PUBLISHABLE_SCOPES if kind == KeyKind.publishable else SECRET_SCOPES
    wanted = list(dict.fromkeys(scopes))
    if not wanted:
        raise InvalidParameters("A key needs at least one scope.", errors=[FieldError(field="scopes", message="empty")])
    wrong = [s for s in wanted if s not in allowed]
    if wrong:
        other = KeyKind.secret if kind == KeyKind.publishable else KeyKind.publishable
        raise InvalidParameters(
            f"A {kind} key can only have the scope(s) {', '.join(sorted(allowed))}; not {', '.join(wrong)}, which "
            f"{'is' if len(wrong) == 1 else 'are'} for {other} keys.",
            errors=[FieldError(field="scopes", message=f"not allowed on a {kind} key: {', '.join(wrong)}")],
        )
    return wanted


def _clean_origins(origins: Sequence[str]) -> list[str]:
    """The origins in their normal form (:func:`app.services.origins.parse_allowed_origin`), or a 422 saying what
    is wrong with each that is not one."""
    cleaned, problems = [], []
    for origin in origins:
        try:
            cleaned.append(parse_allowed_origin(origin))
        except OriginError as exc:
            problems.append(str(exc))
    if problems:
        raise InvalidParameters(
            "; ".join(problems) + ".",
            errors=[FieldError(field="allowed_origins", message=problem) for problem in problems],
        )
    return list(dict.fromkeys(cleaned))


def _clean_filters(filters: Mapping[str, Sequence[str]], taxonomies: Taxonomies | None) -> dict[str, list[str]]:
    """The same parser as the requests' (:func:`app.filters.parse_fixed_filters`), then every code checked against
    the taxonomies: a key restricted to a code that does not exist would see nothing."""
    try:
        parsed = parse_fixed_filters(filters)
    except ValueError as exc:
        names = ", ".join(FilterField)
        raise InvalidParameters(
            f"fixed_filters maps a filter ({names}) to a non-empty list of values: {exc}.",
            errors=[FieldError(field="fixed_filters", message=str(exc))],
        ) from exc
    if parsed and taxonomies is None:
        raise TypeError("checking fixed_filters needs the taxonomies")
    if taxonomies is not None:
        checked, errors = check_values(parsed, taxonomies, field_prefix="fixed_filters.")
        if errors:
            raise InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
        parsed = checked
    return {name.value: list(values) for name, values in parsed.items()}


def _new_prefix(session: Session, kind: KeyKind) -> str:
    while True:
        prefix = f"{KIND_PREFIXES[kind]}_{secrets.token_hex(4)}"
        if session.scalar(select(ApiKey.id).where(ApiKey.prefix == prefix)) is None:
            return prefix


def create_key(
    session: Session,
    organisation: Organisation,
    *,
    scopes: Iterable[str],
    name: str = "",
    kind: KeyKind = KeyKind.secret,
    expires_in_days: int | None = None,
    allowed_origins: Sequence[str] = (),
    fixed_filters: Mapping[str, Sequence[str]] | None = None,
    rate_limit_per_minute: int | None = None,
    taxonomies: Taxonomies | None = None,
    actor: "Principal | None" = None,
) -> CreatedKey:
    """A new key for ``organisation``; the returned token is the only time the full key exists outside its owner."""
    clean_scopes = _clean_scopes(kind, scopes)
    if kind == KeyKind.secret and (allowed_origins or fixed_filters):
        raise InvalidParameters("allowed_origins and fixed_filters are for publishable keys only.")
    origins = _clean_origins(allowed_origins)
    if kind == KeyKind.publishable and not origins:
        raise InvalidParameters(
            "A publishable key needs the origins of the pages that will use it (e.g. https://www.example.org).",
            errors=[FieldError(field="allowed_origins", message="empty")],
        )
    if expires_in_days is not None and expires_in_days < 1:
        raise InvalidParameters("expires_in_days must be at least 1.")
    prefix = _new_prefix(session, kind)
    token = f"{prefix}_{secrets.token_hex(32)}"
    now = utcnow()
    key = ApiKey(
        organisation=organisation,
        name=name or f"{organisation.slug} {kind} key",
        prefix=prefix,
        hash=hash_token(token),
        scopes=clean_scopes,
        kind=kind,
        allowed_origins=origins,
        fixed_filters=_clean_filters(fixed_filters or {}, taxonomies),
        rate_limit_per_minute=rate_limit_per_minute,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        created_at=now,
    )
    session.add(key)
    session.flush()
    audit.record(
        session, "key.create", actor, organisation=organisation.slug, prefix=prefix, kind=str(kind), scopes=clean_scopes
    )
    return CreatedKey(key=key, token=token)


def how_to_use(key: ApiKey, default_rate_limit: int) -> list[str]:
    """What the person who made ``key`` needs to know to use it, a line each: where to send it and its quota; for a
    publishable key, the pages that may use it (and the common sibling origin its list leaves out)."""
    own = key.rate_limit_per_minute
    quota = f"{own} requests per minute (its own)" if own else f"{default_rate_limit} requests per minute (the default)"
    if key.kind == KeyKind.publishable:
        return [
            f"For web pages (<crv-search key=…>, or ?key=): {quota} for the site. The pages that may use it:",
            *(f"  {line}" for line in describe_origins(key.allowed_origins)),
        ]
    return [f"For servers and scripts: send it as `Authorization: Bearer <key>`, never in a URL or a page. {quota}."]


# What a caller whose key is refused can do now: the public reads need none (the widget works without one).
WITHOUT_A_KEY: Final = "Reading needs no key, under the anonymous quota: remove it, or ask the centre for a new one."


def malformed_key_detail(token: str) -> str:
    """Why ``token`` is not a key, naming the format of the kind it was meant to be: a truncated publishable key is
    told what a publishable key looks like, not a secret one."""
    for kind in (KeyKind.publishable, KeyKind.secret):
        if token.startswith(KIND_PREFIXES[kind]):
            return (
                f"This is not a valid {kind} key: {kind} keys look like {KIND_PREFIXES[kind]}_ then 8 and 64 "
                f"hexadecimal characters separated by _ ({KIND_PREFIXES[kind]}_1a2b3c4d_…). Copy the whole key."
            )
    return "This is not a crv API key: they look like crv_pk_… (publishable, for web pages) or crv_sk_… (secret)."


def authenticate(session: Session, token: str, now: datetime | None = None) -> ApiKey:
    """The active key ``token`` stands for (its organisation loaded), or a 401 problem. Notes when it was used."""
    match = KEY_PATTERN.match(token)
    if match is None:
        raise Unauthorized(malformed_key_detail(token), headers=INVALID_TOKEN)
    key = session.scalar(select(ApiKey).options(joinedload(ApiKey.organisation)).where(ApiKey.prefix == match.group(1)))
    if key is None or not hmac.compare_digest(key.hash, hash_token(token)):
        # the same words whether the prefix exists or not: the answer tells nothing of the centre's keys
        raise Unauthorized(
            f"Unknown API key ({match.group(1)}_…): copy the whole key from where the centre gave it (one "
            f"character changed makes another key). {WITHOUT_A_KEY}",
            headers=INVALID_TOKEN,
        )
    now = now or utcnow()
    if key.revoked_at is not None:
        raise Unauthorized(f"The API key {key.prefix} has been revoked. {WITHOUT_A_KEY}", headers=INVALID_TOKEN)
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthorized(
            f"The API key {key.prefix} expired on {key.expires_at:%Y-%m-%d %H:%M} UTC. {WITHOUT_A_KEY}",
            headers=INVALID_TOKEN,
        )
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = now
    return key


def get_key(session: Session, prefix: str) -> ApiKey:
    key = session.scalar(select(ApiKey).options(joinedload(ApiKey.organisation)).where(ApiKey.prefix == prefix))
    if key is None:
        raise NotFound(f"No API key has the prefix {prefix!r}.")
    return key


def revoke_key(session: Session, prefix: str, actor: "Principal | None" = None) -> ApiKey:
    """Revoke the key (idempotent: revoking twice keeps the first date). Through the API (``actor`` given) an admin
    key cannot revoke itself nor the last active admin key: the centre would lock itself out of its own API."""
    key = get_key(session, prefix)
    if key.revoked_at is None and actor is not None:
        _refuse_lockout(session, key, actor)
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        audit.record(session, "key.revoke", actor, organisation=key.organisation.slug, prefix=prefix)
        session.flush()
    return key


@dataclass(frozen=True, slots=True)
class KeyChanges:
    """What :func:`update_key` changes; None (or empty) leaves a setting as it is."""

    allowed_origins: Sequence[str] | None = None  # replaces the list
    add_origins: Sequence[str] = ()
    remove_origins: Sequence[str] = ()
    fixed_filters: Mapping[str, Sequence[str]] | None = None  # replaces them; {} removes them
    rate_limit_per_minute: int | None = None
    default_rate_limit: bool = False  # back to the default quota (CRV_KEY_REQUESTS_PER_MINUTE)


def update_key(
    session: Session,
    prefix: str,
    changes: KeyChanges,
    *,
    taxonomies: Taxonomies | None = None,
    actor: "Principal | None" = None,
) -> ApiKey:
    """Change a key in place, so its owner keeps the key deployed in their pages: a publishable key's allowed
    origins and fixed filters (checked as at creation), any key's rate limit. Audited as ``key.update`` with the
    new values."""
    key = get_key(session, prefix)
    if key.revoked_at is not None:
        raise Conflict(f"The API key {prefix} has been revoked: create a new one.")
    touches_origins = changes.allowed_origins is not None or changes.add_origins or changes.remove_origins
    if key.kind != KeyKind.publishable and (touches_origins or changes.fixed_filters is not None):
        raise InvalidParameters("allowed_origins and fixed_filters are for publishable keys only.")
    if changes.rate_limit_per_minute is not None and (changes.default_rate_limit or changes.rate_limit_per_minute < 1):
        raise InvalidParameters("Give either a rate limit of at least 1 request a minute, or the default.")
    updated: dict[str, object] = {}
    if touches_origins:
        current = key.allowed_origins if changes.allowed_origins is None else changes.allowed_origins
        removed = set(_clean_origins(changes.remove_origins))
        listed = _clean_origins([*current, *changes.add_origins])
        if unknown := sorted(removed - set(listed)):
            raise InvalidParameters(
                f"{', '.join(unknown)} is not one of the key's allowed origins ({', '.join(listed)}).",
                errors=[FieldError(field="allowed_origins", message="not an allowed origin")],
            )
        origins = [o for o in listed if o not in removed]
        if not origins:
            raise InvalidParameters(
                "A publishable key needs at least one allowed origin; revoke it if no page should use it.",
                errors=[FieldError(field="allowed_origins", message="empty")],
            )
        key.allowed_origins = updated["allowed_origins"] = origins
    if changes.fixed_filters is not None:
        key.fixed_filters = _clean_filters(changes.fixed_filters, taxonomies)
        updated["fixed_filters"] = key.fixed_filters
    if changes.rate_limit_per_minute is not None or changes.default_rate_limit:
        key.rate_limit_per_minute = updated["rate_limit_per_minute"] = changes.rate_limit_per_minute
    if not updated:
        raise InvalidParameters("Nothing to change: give origins, fixed filters or a rate limit.")
    session.flush()
    audit.record(session, "key.update", actor, organisation=key.organisation.slug, prefix=prefix, changes=updated)
    return key


def _refuse_lockout(session: Session, key: ApiKey, actor: "Principal") -> None:
    if key.id == actor.key_id:
        raise Conflict("A key cannot revoke itself: revoke it with another admin key, or with `crv keys revoke`.")
    if Scope.admin in key.scopes and key_status(key) == "active":
        active_admins = [
            k
            for k in session.scalars(select(ApiKey).where(ApiKey.revoked_at.is_(None)))
            if Scope.admin in k.scopes and key_status(k) == "active"
        ]
        if len(active_admins) <= 1:
            raise Conflict("This is the last active admin key: create another before revoking it.")


def list_keys(session: Session, organisation_slug: str | None = None) -> list[ApiKey]:
    query = select(ApiKey).join(ApiKey.organisation).options(joinedload(ApiKey.organisation))
    if organisation_slug is not None:
        query = query.where(Organisation.slug == organisation_slug)
    return list(session.scalars(query.order_by(Organisation.slug, ApiKey.created_at, ApiKey.id)))


def key_status(key: ApiKey, now: datetime | None = None) -> str:
    now = now or utcnow()
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"
