"""An organisation's request for a partner account, sent from the publish page and decided by the centre's
administrators on the team page (accepted: the organisation is added and the person invited)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column
from app.models.centre_request import CentreRequest, RequestDecision
from app.models.organisation import OrganisationKind

__all__ = ["AccountRequest", "RequestDecision"]


class AccountRequest(CentreRequest, Base):
    __tablename__ = "account_requests"

    organisation_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, 32))
    website: Mapped[str | None] = mapped_column(String(300))
