"""The audit log: every state change of a resource, an organisation or a key, with who did it and when."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry

if TYPE_CHECKING:  # keys records its own changes here
    from app.services.principal import Principal


def record(
    session: Session,
    action: str,
    actor: "Principal | None",
    *,
    resource_id: str | None = None,
    revision: int | None = None,
    **details: object,
) -> AuditEntry:
    """Add one row (flushed with the change it records). ``actor`` None means the command line."""
    entry = AuditEntry(
        action=action,
        organisation_id=actor.organisation_id if actor else None,
        key_prefix=actor.prefix if actor else None,
        resource_id=resource_id,
        revision=revision,
        details=details if actor else {"via": "cli", **details},
    )
    session.add(entry)
    return entry


def entries(session: Session, resource_id: str | None = None, limit: int = 100) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if resource_id is not None:
        query = query.where(AuditEntry.resource_id == resource_id)
    return session.scalars(query).all()
