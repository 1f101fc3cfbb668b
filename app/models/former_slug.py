"""A slug a public resource's page had before its slug changed (a partner's new revision, a content/ edit): the
old address answers with a permanent redirect to the current one, so links from other sites keep working."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import Base, UTCDateTime, enum_column, utcnow


class FormerSlug(Base):
    __tablename__ = "former_slugs"

    language: Mapped[Language] = mapped_column(enum_column(Language, 2), primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), primary_key=True)
    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    retired_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
