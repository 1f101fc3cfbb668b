"""The editors' « Searches that find nothing »: the words readers searched in a period that found nothing or few
resources (:mod:`app.services.search_statistics` counts them), as a table and its downloads.

Words are shown only once searched ``search_statistics_min_searches`` times in the period (in one language, from
the search page and the API together): one person's typing — a name, a mistyped address — is never shown."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.i18n import N_, gettext
from app.models import SearchCount, SearchSource
from app.paths import absolute, page_path
from app.services import tabular
from app.services.search import language_names
from app.services.site.search_page import FEW_RESULTS

PERIODS: Final = (7, 30, 90)  # days the page offers, the last ones up to today
SHOWN: Final = 200  # words listed, those found nothing most often first


@dataclass(frozen=True, slots=True)
class Gap:
    """Words searched in one language over the period."""

    query: str  # folded, as counted
    language: str
    searches: int
    nothing: int  # found no resource
    few: int  # found fewer than the search page's « few »
    on_page: int  # searches from the site's search page; the others through the API (the widget, other sites)

    def search_path(self) -> str:
        """The words on the site's search page in their language: what the reader saw."""
        return page_path("search", self.language, q=self.query)


@dataclass(frozen=True, slots=True)
class Totals:
    """Every search counted in the period, whatever its words (none shown): the table's scale."""

    searches: int
    nothing: int
    few: int


def period_start(today: date, days: int) -> date:
    """The first day of the ``days`` up to ``today`` included."""
    return today - timedelta(days=days - 1)


def gaps(session: Session, *, since: date, language: str | None, min_searches: int, limit: int = SHOWN) -> list[Gap]:
    """The words searched at least ``min_searches`` times since ``since`` (in ``language``, else in each) that
    found nothing or few at least once: those found nothing most often first, then few, then the most searched."""
    searches, nothing, few = (
        func.sum(getattr(SearchCount, name)) for name in ("searches", "found_nothing", "found_few")
    )
    on_page = func.sum(case((SearchCount.source == SearchSource.page, SearchCount.searches), else_=0))
    statement = (
        select(SearchCount.query, SearchCount.language, searches, nothing, few, on_page)
        .where(SearchCount.day >= since)
        .group_by(SearchCount.language, SearchCount.query)
        .having(searches >= min_searches, nothing + few > 0)
        .order_by(nothing.desc(), few.desc(), searches.desc(), SearchCount.query, SearchCount.language)
        .limit(limit)
    )
    if language:
        statement = statement.where(SearchCount.language == language)
    return [
        Gap(query, str(lang), int(total), int(none), int(some), int(paged))
        for query, lang, total, none, some, paged in session.execute(statement)
    ]


def totals(session: Session, *, since: date, language: str | None) -> Totals:
    statement = select(
        func.coalesce(func.sum(SearchCount.searches), 0),
        func.coalesce(func.sum(SearchCount.found_nothing), 0),
        func.coalesce(func.sum(SearchCount.found_few), 0),
    ).where(SearchCount.day >= since)
    if language:
        statement = statement.where(SearchCount.language == language)
    searches, nothing, few = session.execute(statement).one()
    return Totals(int(searches), int(nothing), int(few))


HEADER: Final = (
    N_("Words searched"),
    N_("Language"),
    N_("Searches"),
    N_("Found nothing"),
    N_("Found 1 to %(most)s"),
    N_("On the search page"),
    N_("Through the API"),
    N_("Search page"),
)


def sheet(found: Sequence[Gap], lang: str, base_url: str, days: int) -> tabular.Sheet:
    """The table as a worksheet (the CSV has the same columns): each row's words, counts and search page's address."""
    names = language_names(lang)
    rows: list[Sequence[tabular.Cell]] = [
        (
            gap.query,
            names.get(gap.language, gap.language),
            gap.searches,
            gap.nothing,
            gap.few,
            gap.on_page,
            gap.searches - gap.on_page,
            absolute(base_url, gap.search_path()),
        )
        for gap in found
    ]
    return tabular.Sheet(
        title=gettext(lang, "%(days)s days", days=days),
        header=[gettext(lang, name, most=FEW_RESULTS - 1) for name in HEADER],
        rows=rows,
        widths={0: 40, 7: 60},
        links=frozenset({7}),
    )


def csv_text(table: tabular.Sheet) -> str:
    return tabular.to_csv(table.header, ([str(cell) for cell in row] for row in table.rows))
