"""How often words were searched a day, and how often they found nothing or few resources: counts, never who
(no address, key, session or time of day). The editors' « Searches that find nothing » reads them
(app/services/search_statistics.py)."""

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import Base, enum_column

QUERY_LENGTH = 100  # longer words are more a pasted text than a search: not counted


class SearchSource(StrEnum):
    page = "page"  # the site's search page
    api = "api"  # /v1/search: the widget, other sites


class SearchCount(Base):
    __tablename__ = "search_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)  # UTC; also what retention deletes by
    language: Mapped[Language] = mapped_column(enum_column(Language, 2), primary_key=True)
    source: Mapped[SearchSource] = mapped_column(enum_column(SearchSource, 8), primary_key=True)
    query: Mapped[str] = mapped_column(String(QUERY_LENGTH), primary_key=True)  # folded, whitespace collapsed
    searches: Mapped[int] = mapped_column(Integer)
    found_nothing: Mapped[int] = mapped_column(Integer)  # found no resource
    found_few: Mapped[int] = mapped_column(Integer)  # found some, fewer than the search page's FEW_RESULTS
