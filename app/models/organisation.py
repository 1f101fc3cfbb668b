"""Partner organisations and their API keys.

A key is shown once, at creation, as ``<prefix>_<secret>`` (``crv_sk_ab12cd34_…``). Only its public ``prefix`` and
a SHA-256 of the whole key are stored: keys are long random strings, so a fast hash is as strong as a slow one and
keeps every authenticated request cheap. Publishable keys (``crv_pk_…``) are made for web pages: they may only
search, from their ``allowed_origins``, within their ``fixed_filters``.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, enum_column, utcnow


class OrganisationKind(StrEnum):
    ngo = "ngo"
    company = "company"  # a business of its own, or a site that is no other kind: a key holder more than a partner
    company_network = "company-network"
    union = "union"
    public_body = "public-body"
    international_organisation = "international-organisation"
    resource_centre = "resource-centre"  # the centre itself: its editorial team reviews the partners' submissions


class KeyKind(StrEnum):
    secret = "secret"
    publishable = "publishable"


class Scope(StrEnum):
    resources_write = "resources:write"  # create, edit, submit and archive the organisation's own resources
    resources_review = "resources:review"  # approve or reject submissions (the centre's editors)
    admin = "admin"  # create organisations and keys, revoke keys
    search = "search"  # read and search: a publishable key's only scope, a server's read-only secret key
    metrics = "metrics"  # read /metrics: a monitoring system's key, nothing else


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, 32))
    website: Mapped[str | None] = mapped_column(String(300))  # credited on the public pages of its resources
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(32), unique=True)  # public: shown in lists and logs
    hash: Mapped[str] = mapped_column(String(64))  # SHA-256 (hex) of the whole key; the key itself is never stored
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    kind: Mapped[KeyKind] = mapped_column(enum_column(KeyKind, 16), default=KeyKind.secret)
    # Publishable keys only: the page origins allowed to use the key, and filters ANDed with every search.
    allowed_origins: Mapped[list[str]] = mapped_column(JSON, default=list)
    fixed_filters: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    rate_limit_per_minute: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(lazy="raise")
