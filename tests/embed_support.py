"""Helpers for the embedding tests (issue 6): real keys made by the key service, in the test database."""

from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.models import KeyKind, OrganisationKind, Scope
from app.models.base import utcnow
from app.services import keys


def make_key(
    factory: sessionmaker[Session],
    *,
    kind: KeyKind = KeyKind.publishable,
    origins: Sequence[str] = ("https://www.cocoa.example",),
    filters: Mapping[str, Sequence[str]] | None = None,
    rate_limit_per_minute: int | None = None,
    scopes: Sequence[str] | None = None,
    organisation: str = "cocoa-federation",
    revoked: bool = False,
    expired: bool = False,
) -> str:
    """A new key's token."""
    with factory() as session:
        try:
            org = keys.get_organisation(session, organisation)
        except Exception:
            org = keys.create_organisation(session, organisation, organisation.title(), OrganisationKind.ngo)
        created = keys.create_key(
            session,
            org,
            kind=kind,
            scopes=scopes or ([Scope.search] if kind == KeyKind.publishable else [Scope.resources_write]),
            allowed_origins=origins if kind == KeyKind.publishable else (),
            fixed_filters=filters,
            rate_limit_per_minute=rate_limit_per_minute,
        )
        if revoked:
            created.key.revoked_at = utcnow()
        if expired:
            created.key.expires_at = utcnow() - timedelta(days=1)
        session.commit()
        return created.token
