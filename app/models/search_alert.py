"""A reader's email alert for a search (« Recevoir les nouveautés par courriel »): the search's words, filters and
language as its Atom feed selects them, mailed as a digest of what is new once a day or a week. Kept only once its
address is confirmed (double opt-in): an unconfirmed alert is deleted after ``alerts_unconfirmed_kept_days``
(app/services/retention.py), a confirmed one when its reader unsubscribes (app/services/alerts.py)."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import Base, UTCDateTime, enum_column, utcnow


class AlertFrequency(StrEnum):
    weekly = "weekly"
    daily = "daily"


class SearchAlert(Base):
    __tablename__ = "search_alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), index=True)  # normalised (app.services.accounts.checked_address)
    language: Mapped[Language] = mapped_column(enum_column(Language, 2))  # of its mails: the page's it was asked on
    # {"q": "cacao", "filters": {"country": ["CI"], "lang": ["fr"]}}: the feed's selection, validated when asked
    selection: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    frequency: Mapped[AlertFrequency] = mapped_column(enum_column(AlertFrequency, 8))
    # The client address it was asked from, to throttle the confirmation mails: cleared once confirmed.
    requested_from: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last digest handed to the mail server


class AlertLinkRequest(Base):
    """A request for the link that manages an address's alerts (« Recevoir le lien de gestion de mes alertes »),
    kept only to throttle them as the alerts asked are (app/services/alert_management.py): deleted once out of the
    throttling's hour, at the next request or digests' pass."""

    __tablename__ = "alert_link_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), index=True)  # as typed, normalised: known to the centre or not
    requested_from: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
