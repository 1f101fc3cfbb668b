"""« Readership »: how often resources were read (counted by :mod:`app.services.read_counts`), for the organisation
that publishes them — its portal, each resource's page there — and for the centre's editors (the most read).

An organisation sees its own resources' counts only: every query here joins the counts to the resources by their
stored id and, for a partner, to its organisation. Periods end today (UTC) and include it: the last 30 days, and
the last 12 months — this month and the 11 before it, so that the monthly table adds up to the 12 months' figure."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from babel.dates import format_date
from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from app.i18n import N_, gettext
from app.models import Organisation, ReadCount, ReadKind, Resource
from app.paths import absolute, resource_path
from app.services import tabular
from app.services.search import language_names

RECENT_DAYS: Final = 30
MONTHS: Final = 12
TOP: Final = 20  # resources the editors' page lists


@dataclass(frozen=True, slots=True)
class Reads:
    views: int = 0
    downloads: int = 0
    api: int = 0

    @property
    def total(self) -> int:
        """What « most read » sorts by: its page seen and its documents taken, by people."""
        return self.views + self.downloads

    def __add__(self, other: "Reads") -> "Reads":
        return Reads(self.views + other.views, self.downloads + other.downloads, self.api + other.api)


@dataclass(frozen=True, slots=True)
class ResourceReads:
    """A published resource and its reads over the last 30 days and the last 12 months."""

    id: str
    title: str
    language: str
    path: str  # its public page
    recent: Reads
    year: Reads
    publisher: str = ""


@dataclass(frozen=True, slots=True)
class OrganisationReads:
    resources: Sequence[ResourceReads]  # most read first
    recent: Reads = field(default_factory=Reads)
    year: Reads = field(default_factory=Reads)


@dataclass(frozen=True, slots=True)
class MonthReads:
    month: date  # its first day
    label: str  # « décembre 2026 », « December 2026 »
    reads: Reads


def recent_start(today: date) -> date:
    """The first of the last :data:`RECENT_DAYS` days, today included."""
    return today - timedelta(days=RECENT_DAYS - 1)


def month_starts(today: date) -> list[date]:
    """The first day of this month and of the 11 before it, oldest first."""
    starts = [today.replace(day=1)]
    for _ in range(MONTHS - 1):
        starts.append((starts[-1] - timedelta(days=1)).replace(day=1))
    return starts[::-1]


def _sums(since: date) -> tuple[ColumnElement[int], ColumnElement[int], ColumnElement[int]]:
    """Views, downloads and API reads since ``since``, as sums of the counts' rows."""
    views, downloads, api = (
        func.coalesce(func.sum(case((and_(ReadCount.kind == kind, ReadCount.day >= since), ReadCount.reads))), 0)
        for kind in (ReadKind.view, ReadKind.download, ReadKind.api)
    )
    return views, downloads, api


def organisation(session: Session, organisation_id: int, today: date) -> OrganisationReads:
    """Each of the organisation's published resources with its reads (none read: zeros), most read in the last
    30 days first, then over the 12 months, then by title; and the organisation's totals."""
    year_start = month_starts(today)[0]
    counted = and_(ReadCount.resource_id == Resource.id, ReadCount.day >= year_start)
    statement = (
        select(Resource.id, Resource.title, Resource.language, Resource.slug, *_sums(recent_start(today)))
        .add_columns(*_sums(year_start))
        .outerjoin(ReadCount, counted)
        .where(Resource.organisation_id == organisation_id, Resource.is_public)
        .group_by(Resource.id, Resource.title, Resource.language, Resource.slug)
    )
    found = [
        ResourceReads(
            rid,
            title,
            str(language),
            resource_path(str(language), slug),
            Reads(*map(int, numbers[:3])),
            Reads(*map(int, numbers[3:])),
        )
        for rid, title, language, slug, *numbers in session.execute(statement)
    ]
    found.sort(key=lambda item: (-item.recent.total, -item.year.total, item.title.casefold(), item.id))
    return OrganisationReads(
        found, sum((item.recent for item in found), Reads()), sum((item.year for item in found), Reads())
    )


def months(session: Session, organisation_id: int, resource_id: str, today: date, lang: str) -> list[MonthReads]:
    """The organisation's ``resource_id`` (its stored id) read each of the last 12 months, the latest first;
    empty when it is not the organisation's."""
    starts = month_starts(today)
    statement = (
        select(ReadCount.day, ReadCount.kind, ReadCount.reads)
        .join(Resource, Resource.id == ReadCount.resource_id)
        .where(
            ReadCount.resource_id == resource_id,
            Resource.organisation_id == organisation_id,
            ReadCount.day >= starts[0],
        )
    )
    by_month = {start: Reads() for start in starts}
    for day, kind, reads in session.execute(statement):
        one = Reads(**{FIELDS[ReadKind(kind)]: int(reads)})
        by_month[day.replace(day=1)] = by_month.get(day.replace(day=1), Reads()) + one
    locale = "fr_FR" if lang == "fr" else "en_GB"
    return [
        MonthReads(start, format_date(start, "LLLL yyyy", locale=locale), by_month[start]) for start in starts[::-1]
    ]


FIELDS: Final = {ReadKind.view: "views", ReadKind.download: "downloads", ReadKind.api: "api"}


def most_read(session: Session, since: date, limit: int = TOP) -> list[ResourceReads]:
    """The published resources most read since ``since`` (pages and documents), across organisations."""
    views, downloads, api = _sums(since)
    statement = (
        select(
            Resource.id,
            Resource.title,
            Resource.language,
            Resource.slug,
            func.coalesce(Organisation.name, Resource.publisher),
            views,
            downloads,
            api,
        )
        .join(ReadCount, and_(ReadCount.resource_id == Resource.id, ReadCount.day >= since))
        .outerjoin(Organisation, Organisation.id == Resource.organisation_id)
        .where(Resource.is_public)
        .group_by(Resource.id, Resource.title, Resource.language, Resource.slug, Organisation.name, Resource.publisher)
        .order_by((views + downloads).desc(), api.desc(), Resource.id)
        .limit(limit)
    )
    return [
        ResourceReads(
            rid,
            title,
            str(language),
            resource_path(str(language), slug),
            Reads(int(v), int(d), int(a)),
            Reads(),
            str(publisher),
        )
        for rid, title, language, slug, publisher, v, d, a in session.execute(statement)
    ]


HEADER: Final = (
    N_("Resource"),
    N_("Publisher"),
    N_("Language"),
    N_("Page views"),
    N_("Downloads"),
    N_("API reads"),
    N_("Public page"),
)


def sheet(found: Sequence[ResourceReads], lang: str, base_url: str) -> tabular.Sheet:
    """The editors' table as a worksheet (its CSV: :func:`app.services.desk_searches.csv_text`)."""
    names = language_names(lang)
    rows: list[Sequence[tabular.Cell]] = [
        (
            item.title,
            item.publisher,
            names.get(item.language, item.language),
            item.recent.views,
            item.recent.downloads,
            item.recent.api,
            absolute(base_url, item.path),
        )
        for item in found
    ]
    return tabular.Sheet(
        title=gettext(lang, "%(days)s days", days=RECENT_DAYS),
        header=[gettext(lang, name) for name in HEADER],
        rows=rows,
        widths={0: 60, 6: 60},
        links=frozenset({6}),
    )
