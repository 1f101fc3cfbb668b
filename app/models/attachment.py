"""The bytes of a document attached to a partner's resource (a report, a toolkit, a poster), stored once by their
SHA-256 digest: the database is the truth (a backup carries them, every machine serving reads them).

Which resource shows which file, under what title and name, is each revision's own data (``data["attachments"]``,
:mod:`app.services.attachments`) and, once approved, the resource's (``Resource.attachments``): every revision
names its documents without copying their bytes, and the same file sent twice is kept once."""

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class AttachmentFile(Base):
    __tablename__ = "attachment_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # hex: the file's strong ETag
    media_type: Mapped[str] = mapped_column(String(100))  # found from its bytes, never from its name
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: listing documents never loads megabytes.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
