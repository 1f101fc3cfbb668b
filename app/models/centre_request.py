"""What every request to the centre has — an organisation's for a partner account, a site's for a publishable key:
the person who asks and how to answer them, and the decision of the centre's administrators. A request is kept
until it is decided, then for a while (the setting ``decided_requests_kept_days``), then deleted with the person's
name and address (``app.services.retention``)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import UTCDateTime, enum_column, utcnow


class RequestDecision(StrEnum):
    accepted = "accepted"
    declined = "declined"


class CentreRequest:
    """The columns every request's table has (a mixin: each request has a table of its own)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(enum_column(Language, 2), default=Language.fr)  # of the mails
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # None: waiting for a decision
    decision: Mapped[RequestDecision | None] = mapped_column(enum_column(RequestDecision, 16))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))  # the one it became or got
