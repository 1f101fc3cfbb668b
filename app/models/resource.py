"""A resource of the centre, in one language; its translations share a ``translation_key``."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, text, true
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import ColumnElement

from app.languages import Language as Language  # re-exported: app.models is where the enums are looked up
from app.models.base import Base, TimestampMixin, enum_column, usually_true


def resource_id(translation_key: str, language: str) -> str:
    """A resource's public id, ``<translation_key>.<language>`` (a partner's draft may be stored under another
    until its first publication: app.services.publishing.identity)."""
    return f"{translation_key}.{language}"


class ResourceType(StrEnum):
    methodology = "methodology"
    good_practice = "good_practice"
    training_module = "training_module"
    risk_sheet = "risk_sheet"
    legal_reference = "legal_reference"
    tool = "tool"


class ResourceStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    published = "published"
    rejected = "rejected"
    declined = "declined"  # refused for good before it was ever published: closed (app.services.review.decline)
    archived = "archived"


class TrainingLevel(StrEnum):
    """How far a training module takes its participants (docs/content-format.md, "Training modules")."""

    introduction = "introduction"  # the subject from the start: no knowledge of it assumed
    intermediate = "intermediate"  # the subject put to work in a trade the participants practise
    advanced = "advanced"  # for participants who know the subject and its tools already


class ResourceOrigin(StrEnum):
    content = "content"  # loaded from content/ by `crv content load`
    api = "api"  # written by a partner through the API


def _claimed_unique(name: str, *columns: str) -> Index:
    return Index(name, *columns, unique=True, sqlite_where=text("claimed"), postgresql_where=text("claimed"))


class Resource(TimestampMixin, Base):
    """A resource in one language. Its public identity — ``translation_key`` in a ``language`` (the id
    ``<translation_key>.<language>``) and ``slug`` in a ``language`` — is unique among the resources that have
    *claimed* it: those of content/, and a partner's from its first publication. A partner's draft claims nothing,
    so another organisation can neither collide with it nor learn that it exists; rules in
    :mod:`app.services.publishing.identity`."""

    __tablename__ = "resources"
    __table_args__ = (
        _claimed_unique("uq_resources_claimed_translation_key_language", "translation_key", "language"),
        _claimed_unique("uq_resources_claimed_language_slug", "language", "slug"),
        # A public page's lookup: its slug in its language, among every resource (the claimed ones' index does
        # not serve a query that does not say `claimed`).
        Index("ix_resources_language_slug", "language", "slug"),
        # The latest change, which tells a process whether another changed any resource (app.services.site.published).
        Index("ix_resources_modified_at", "modified_at"),
    )

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    translation_key: Mapped[str] = mapped_column(String(160), index=True)
    language: Mapped[Language] = mapped_column(enum_column(Language, 2))
    slug: Mapped[str] = mapped_column(String(160))
    type: Mapped[ResourceType] = mapped_column(enum_column(ResourceType, 32), index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    risks: Mapped[list[str]] = mapped_column(JSON, default=list)
    audiences: Mapped[list[str]] = mapped_column(JSON, default=list)
    publisher: Mapped[str] = mapped_column(String(120))
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    licence: Mapped[str] = mapped_column(String(64))
    # The documents of its published version (app.services.attachments: title, filename, format, size, language and
    # the digest of their bytes in attachment_files); a partner's only, from its approved revision.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # A training module's facts (content/ front matter): total length in minutes, level, what participants need
    # first; None on every other type.
    duration: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[TrainingLevel | None] = mapped_column(enum_column(TrainingLevel, 16))
    prerequisites: Mapped[str | None] = mapped_column(String(300))
    # Indexed for the newest first (feeds, listings) and for the earliest and latest dates (OAI-PMH, the catalog).
    published_at: Mapped[date] = mapped_column(Date, index=True)
    updated_at: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[ResourceStatus] = mapped_column(
        enum_column(ResourceStatus, 16), index=True, default=ResourceStatus.published
    )
    origin: Mapped[ResourceOrigin] = mapped_column(enum_column(ResourceOrigin, 16), default=ResourceOrigin.content)
    # The partner organisation that owns a resource written through the API; None for content/ resources.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Whether it holds its public identity: content/ resources always, a partner's from its first publication.
    claimed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Where a content/ resource came from and a digest of its data: reloading an unchanged file is a no-op.
    source_path: Mapped[str | None] = mapped_column(String(500))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    # Bumped on every change; the ETag of the resource.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy reads it

    @hybrid_property
    def is_public(self) -> bool:
        """Published: what anonymous callers, search and the public pages see. The one definition, in Python
        (``resource.is_public``) and in SQL (``select(Resource).where(Resource.is_public)``)."""
        return self.status == ResourceStatus.published

    @is_public.inplace.expression
    @classmethod
    def _is_public_expression(cls) -> ColumnElement[bool]:
        return usually_true(cls.status == ResourceStatus.published)
