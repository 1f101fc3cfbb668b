"""An organisation's request for a partner account, sent from the publish page and decided by the centre's
administrators on the team page (accepted: the organisation is added and the person invited)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import Base, UTCDateTime, enum_column, utcnow
from app.models.organisation import OrganisationKind


class RequestDecision(StrEnum):
    accepted = "accepted"
    declined = "declined"


class AccountRequest(Base):
    __tablename__ = "account_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, 32))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(enum_column(Language, 2), default=Language.fr)  # of the mails
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # None: waiting for a decision
    decision: Mapped[RequestDecision | None] = mapped_column(enum_column(RequestDecision, 16))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))  # the one it became
