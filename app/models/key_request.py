"""A site's request for a publishable key (the search widget on its pages), sent from the key request form — the
snippet builder's way to it — and decided by the centre's administrators on the team page: accepted, a key is made
for an organisation (one that exists, or a new one named after the site) and mailed to the person who asked."""

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.centre_request import CentreRequest


class KeyRequest(CentreRequest, Base):
    __tablename__ = "key_requests"

    site_name: Mapped[str] = mapped_column(String(200))  # the site's or the organisation's name, as typed
    # The key's settings as asked, checked already: its allowed origins (normal form) and the builder's filters.
    origins: Mapped[list[str]] = mapped_column(JSON, default=list)
    fixed_filters: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))  # the key it became
