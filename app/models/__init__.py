"""Persistence: SQLAlchemy 2.0 typed models, one module per aggregate."""

from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.organisation import ApiKey, KeyKind, Organisation, OrganisationKind, Scope
from app.models.outbox import OutboxEvent, SyncLease
from app.models.resource import Language, Resource, ResourceOrigin, ResourceStatus, ResourceType
from app.models.revision import ResourceRevision, RevisionState

__all__ = [
    "ApiKey",
    "AuditEntry",
    "Base",
    "KeyKind",
    "Language",
    "Organisation",
    "OrganisationKind",
    "OutboxEvent",
    "Resource",
    "ResourceOrigin",
    "ResourceRevision",
    "ResourceStatus",
    "ResourceType",
    "RevisionState",
    "Scope",
    "SyncLease",
]
