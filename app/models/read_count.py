"""How often a published resource was read a day, and how: its page, a document of it, the API — counts, never
who (no address, cookie, key, session or time of day). Counted by app/services/read_counts.py; its organisation's
portal and the editors' « Most read resources » read them (app/services/readership.py)."""

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column


class ReadKind(StrEnum):
    view = "view"  # its public page
    download = "download"  # one of its documents (/v1/resources/{id}/attachments/{filename})
    api = "api"  # GET /v1/resources/{id}


class ReadCount(Base):
    __tablename__ = "read_counts"
    # A resource's months on its portal page, an organisation's resources' counts: by resource, then day.
    __table_args__ = (Index("ix_read_counts_resource_id_day", "resource_id", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)  # UTC; also what retention deletes by
    resource_id: Mapped[str] = mapped_column(String(200), primary_key=True)  # its id when it was read (published)
    kind: Mapped[ReadKind] = mapped_column(enum_column(ReadKind, 8), primary_key=True)
    reads: Mapped[int] = mapped_column(Integer)
