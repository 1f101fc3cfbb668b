"""Revisions of a partner's resource: every edit is kept, with who made it and where it stands in review.

The ``resources`` row is what the public sees. Until a resource is first published it mirrors its latest revision
(so slugs and ids are reserved at once); afterwards it only changes when an editor approves a revision, while the
next revision waits here.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, enum_column, utcnow


class RevisionState(StrEnum):
    draft = "draft"  # being written; only its organisation sees it
    submitted = "submitted"  # waiting for an editor
    published = "published"  # approved: the live state of the resource
    rejected = "rejected"  # an editor sent it back for changes, with a reason
    declined = "declined"  # an editor refused it for good, with a reason: it will not be published
    superseded = "superseded"  # a later revision replaced it
    withdrawn = "withdrawn"  # the resource was archived before a decision
    # An editor took the published resource off the site, with a reason (a revision of its own, after the live one).
    unpublished = "unpublished"


OPEN_STATES = frozenset({RevisionState.draft, RevisionState.submitted, RevisionState.rejected})


class ResourceRevision(Base):
    __tablename__ = "resource_revisions"
    __table_args__ = (UniqueConstraint("resource_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[RevisionState] = mapped_column(
        enum_column(RevisionState, 16), index=True, default=RevisionState.draft
    )
    # The full editable data: slug, type and the ResourceFields (title, summary, body, codes, sources, licence).
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Its documents (app.services.attachments): title, filename, format, size, language and the digest of their
    # bytes, kept once in attachment_files; apart from ``data``, which the write API sends whole and never holds them.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_key_prefix: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewer_key_prefix: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    # The editor reviewing a submission (« I'm reviewing this »: ``user:<id>``, as ``reviewer_key_prefix`` names
    # them) and since when; it counts for a while only (app.services.desk_taking). Not the resource's version:
    # taking it changes nothing an organisation or an editor has read.
    taken_by: Mapped[str | None] = mapped_column(String(32))
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
