"""Persistence: SQLAlchemy 2.0 typed models, one module per aggregate."""

from app.models.account_request import AccountRequest, RequestDecision
from app.models.attachment import AttachmentFile
from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.former_slug import FormerSlug
from app.models.key_request import KeyRequest
from app.models.organisation import ApiKey, KeyKind, Organisation, OrganisationKind, Scope
from app.models.outbox import OutboxEvent, SyncLease
from app.models.read_count import ReadCount, ReadKind
from app.models.resource import Language, Resource, ResourceOrigin, ResourceStatus, ResourceType, TrainingLevel
from app.models.revision import ResourceRevision, RevisionState
from app.models.search_alert import AlertFrequency, AlertLinkRequest, SearchAlert
from app.models.search_count import SearchCount, SearchSource
from app.models.user import LoginAttempt, Role, TokenPurpose, User, UserSession, UserToken

__all__ = [
    "AccountRequest",
    "AlertFrequency",
    "AlertLinkRequest",
    "ApiKey",
    "AttachmentFile",
    "AuditEntry",
    "Base",
    "FormerSlug",
    "KeyKind",
    "KeyRequest",
    "Language",
    "LoginAttempt",
    "Organisation",
    "OrganisationKind",
    "OutboxEvent",
    "ReadCount",
    "ReadKind",
    "RequestDecision",
    "Resource",
    "ResourceOrigin",
    "ResourceRevision",
    "ResourceStatus",
    "ResourceType",
    "RevisionState",
    "Role",
    "Scope",
    "SearchAlert",
    "SearchCount",
    "SearchSource",
    "SyncLease",
    "TokenPurpose",
    "TrainingLevel",
    "User",
    "UserSession",
    "UserToken",
]
