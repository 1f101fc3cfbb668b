"""Persistence: SQLAlchemy 2.0 typed models, one module per aggregate."""

from app.models.base import Base
from app.models.outbox import OutboxEvent, SyncLease
from app.models.resource import Language, Resource, ResourceOrigin, ResourceStatus, ResourceType

__all__ = [
    "Base",
    "Language",
    "OutboxEvent",
    "Resource",
    "ResourceOrigin",
    "ResourceStatus",
    "ResourceType",
    "SyncLease",
]
