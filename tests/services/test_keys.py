"""The key service: format, hashing, authentication (revoked, expired, forged), scopes, key settings."""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Conflict, InvalidParameters, Unauthorized
from app.models import ApiKey, KeyKind, Organisation, OrganisationKind, Scope
from app.models.base import utcnow
from app.services import keys
from app.taxonomy import Taxonomies


def test_key_format_and_storage(session: Session, org: Organisation) -> None:
    created = keys.create_key(session, org, scopes=[Scope.resources_write])
    session.commit()
    prefix, secret = created.token.rsplit("_", 1)
    assert keys.KEY_PATTERN.match(created.token)
    assert prefix == created.key.prefix and prefix.startswith("crv_sk_") and len(secret) == 64
    stored = session.scalar(select(ApiKey))
    assert stored is not None
    assert stored.hash == hashlib.sha256(created.token.encode()).hexdigest()
    assert all(secret not in str(getattr(stored, c.key)) for c in ApiKey.__table__.columns)
    publishable = keys.create_key(
        session, org, scopes=["search"], kind=KeyKind.publishable, allowed_origins=["https://ong-a.org/"]
    )
    assert publishable.token.startswith("crv_pk_")
    assert publishable.key.allowed_origins == ["https://ong-a.org"]


def test_two_keys_never_share_a_secret_or_prefix(session: Session, org: Organisation) -> None:
    tokens = {keys.create_key(session, org, scopes=[Scope.resources_write]).token for _ in range(20)}
    assert len(tokens) == 20 and len({t.rsplit("_", 1)[0] for t in tokens}) == 20


def test_authenticate(session: Session, org: Organisation) -> None:
    created = keys.create_key(session, org, scopes=[Scope.resources_write], expires_in_days=1)
    session.commit()
    key = keys.authenticate(session, created.token)
    assert key.id == created.key.id and key.organisation.slug == "ong-a"
    assert key.last_used_at is not None
    prefix = created.key.prefix
    for forged in (
        created.token[:-1] + ("0" if created.token[-1] != "0" else "1"),  # one character off
        f"{prefix}_{'a' * 64}",
        prefix,
        "",
        created.token + "0",
        created.token.upper(),
    ):
        with pytest.raises(Unauthorized):
            keys.authenticate(session, forged)
    with pytest.raises(Unauthorized, match="expired"):
        keys.authenticate(session, created.token, now=utcnow() + timedelta(days=1, seconds=1))
    keys.revoke_key(session, prefix)
    with pytest.raises(Unauthorized, match="revoked") as raised:
        keys.authenticate(session, created.token)
    assert raised.value.headers["WWW-Authenticate"].startswith("Bearer")
    assert created.token.rsplit("_", 1)[1] not in raised.value.detail


def test_fixed_filters_are_checked_against_the_taxonomies(
    session: Session, org: Organisation, taxonomies: Taxonomies
) -> None:
    options: dict[str, Any] = {
        "kind": KeyKind.publishable,
        "scopes": [Scope.search],
        "allowed_origins": ["https://a.org"],
    }
    with pytest.raises(InvalidParameters) as raised:
        keys.create_key(session, org, fixed_filters={"sector": ["cocao"]}, taxonomies=taxonomies, **options)
    assert raised.value.errors is not None and raised.value.errors[0].field == "fixed_filters.sector"
    assert "did you mean" in raised.value.detail and "'cocoa'" in raised.value.detail
    created = keys.create_key(
        session, org, fixed_filters={"sector": ["Cocoa"], "country": ["ci"]}, taxonomies=taxonomies, **options
    )
    assert created.key.fixed_filters == {"sector": ["cocoa"], "country": ["CI"]}  # stored as the filters read them


@pytest.mark.parametrize(
    "options",
    [
        {"scopes": []},
        {"scopes": ["search", "metrics"], "kind": KeyKind.publishable, "allowed_origins": ["https://a.org"]},
        {"scopes": ["write"]},
        {"scopes": ["admin"], "kind": KeyKind.publishable, "allowed_origins": ["https://a.org"]},
        {"scopes": ["search"], "kind": KeyKind.publishable},  # no origin
        {"scopes": ["search"], "kind": KeyKind.publishable, "allowed_origins": ["https://a.org/path"]},
        {"scopes": ["search"], "kind": KeyKind.publishable, "allowed_origins": ["*"]},
        {
            "scopes": ["search"],
            "kind": KeyKind.publishable,
            "allowed_origins": ["https://a.org"],
            "fixed_filters": {"colour": ["red"]},
        },
        {
            "scopes": ["search"],
            "kind": KeyKind.publishable,
            "allowed_origins": ["https://a.org"],
            "fixed_filters": {"sector": []},
        },
        {"scopes": ["search"], "kind": KeyKind.publishable, "allowed_origins": ["https://user@a.org"]},
        {"scopes": ["resources:write"], "allowed_origins": ["https://a.org"]},  # origins on a secret key
        {"scopes": ["resources:write"], "expires_in_days": 0},
    ],
)
def test_invalid_key_settings(session: Session, org: Organisation, options: dict[str, object]) -> None:
    with pytest.raises(InvalidParameters):
        keys.create_key(session, org, **options)  # type: ignore[arg-type]


def test_organisations(session: Session, org: Organisation) -> None:
    with pytest.raises(Conflict):
        keys.create_organisation(session, "ong-a", "Encore", OrganisationKind.ngo)
    keys.create_organisation(session, "bit", "International Labour Office", OrganisationKind.international_organisation)
    assert [o.slug for o in keys.list_organisations(session)] == ["bit", "ong-a"]
    assert {k.value for k in OrganisationKind} == {
        "ngo",
        "company",
        "company-network",
        "union",
        "public-body",
        "international-organisation",
        "resource-centre",
    }


def test_key_listing_and_status(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        org = keys.create_organisation(session, "ong-a", "ONG A", OrganisationKind.ngo)
        other = keys.create_organisation(session, "ong-b", "ONG B", OrganisationKind.ngo)
        active = keys.create_key(session, org, scopes=[Scope.resources_write]).key
        revoked = keys.create_key(session, org, scopes=[Scope.resources_write]).key
        keys.create_key(session, other, scopes=[Scope.resources_write])
        keys.revoke_key(session, revoked.prefix)
        session.commit()
        listed = keys.list_keys(session, "ong-a")
        assert [k.prefix for k in listed] == [active.prefix, revoked.prefix]
        assert [keys.key_status(k) for k in listed] == ["active", "revoked"]
        assert len(keys.list_keys(session)) == 3
