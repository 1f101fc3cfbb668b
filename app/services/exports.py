"""Exports of a selection (or the whole published corpus) as CSV, JSON Lines or XLSX, one row per resource and
language, written as the rows come from the database: memory stays flat however many rows.

CSV cells are neutralised by :func:`app.services.tabular.neutralise` (a leading ``'`` before ``=``, ``+``, ``-``,
``@``, tab or carriage return), so that a title cannot become a formula in the analyst's spreadsheet; XLSX cells are
written as text, which a spreadsheet never computes (an apostrophe there would be shown). JSON
Lines keeps the text as it is: it is not opened by a spreadsheet. The XLSX types what a spreadsheet can use: dates
are dates, a training module's duration a number, the page and licence addresses are links, the header row is
frozen and carries an autofilter.

A row has two dates of change: ``updated_at``, the date its publisher gives the document (a day), and
``modified_at``, when the centre last changed the row (to the second, UTC): the instant ``since`` selects on, and
OAI-PMH's datestamp, the Atom feed's ``updated`` and the catalogue's ``dct:modified`` (:func:`changed`). Likewise
``countries`` are the countries the resource is tagged with, ``countries_covered`` those the ``country`` filter files
it under (:func:`app.filters.filter_countries`: a commodity sheet also under the countries of its findings table, a
region sheet under none), as OAI-PMH's country sets and ``dc:coverage`` do. A training module's ``duration``
(minutes), ``level`` (its code) and ``prerequisites`` come next, empty (null in JSON Lines) on the other types, then
``documents``: the addresses of the documents a partner attached to the published resource
(:mod:`app.services.attachments`; never a draft's), empty for none. A JSON Lines record also ends with
``attachments``, each document as the API reads it (title, filename, media type, size, language, digest, address):
more than a table's cell holds, so not a column of the CSV and the workbook.

An export is validated by :func:`validators` before its rows are read: a weak ``ETag`` of what the file is made of —
the request's selection and format, the published resources' state (their count and latest change), the names of
the organisations that publish them — and ``Last-Modified`` (the latest change to a published resource, or to the
columns), so that a harvester's conditional GET costs a few index lookups instead of the whole file. Nothing that
the file cannot show moves them: a draft, an organisation without published resources, the centre's own row (its
name is the centre's in the row's language).
"""

import csv
import hashlib
import io
import json
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import licences
from app.filters import COMMODITY_SHEET, filter_countries
from app.middleware.caching import weak_etag
from app.models import Resource, ResourceStatus
from app.paths import page_path
from app.schemas.resource import TAXONOMY_FIELDS, taxonomy_codes
from app.services import attachments, catalog, catalog_ilab, citations, jsonld
from app.services.centre import CENTRE_SLUG
from app.services.listing import Selection
from app.services.resources import resource_url
from app.services.tabular import SpooledLinks, neutralise, text_cell


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.jsonl: "application/jsonl; charset=utf-8",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The columns, in their order: the keys of the one table that also names them (the catalogue's dataset description).
COLUMNS = tuple(catalog.EXPORT_COLUMNS)
LIST_COLUMNS = frozenset((*TAXONOMY_FIELDS, "sources", "countries_covered", "documents"))
DATE_COLUMNS = frozenset(("published_at", "updated_at"))
DATETIME_COLUMNS = frozenset(("modified_at",))
LINK_COLUMNS = frozenset(("url", "licence_url"))
NUMBER_COLUMNS = frozenset(("duration",))
LIST_SEPARATOR = "|"
CHUNK_ROWS = 200
XLSX_CHUNK_BYTES = 64 * 1024
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"  # UTC: a workbook's date has no time zone
CHANGED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # OAI-PMH's datestamp, the Atom feed's ``updated``: to the second, in UTC
# When the columns last changed (modified_at, countries_covered): a copy older than this is not the current
# representation, whatever the resources' own dates say. Bump EXPORT_VERSION with it.
COLUMNS_CHANGED = datetime(2026, 12, 4, 17, 50, tzinfo=UTC)  # documents and attachments added
EXPORT_VERSION = 5
# The published resources' state: how many there are and their latest change.
State = tuple[int, datetime | None]


def source_urls(resource: Resource) -> list[str]:
    """The sources' web addresses (http and https only, as on the page), a ``|`` inside one percent-encoded so
    that the CSV/XLSX separator stays unambiguous."""
    urls = (jsonld.safe_url(str(source.get("url", ""))) for source in resource.sources)
    return [quote(url, safe=":/?#[]@!$&'()*+,;=%~-._") for url in urls if url]


def changed(moment: datetime) -> str:
    """``modified_at`` as the row gives it: to the second, in UTC, as OAI-PMH's datestamp (``since`` is inclusive: a
    harvester asking from this instant gets the row again rather than missing a later change in the same second)."""
    return moment.astimezone(UTC).strftime(CHANGED_FORMAT)


def linked_countries(session: Session) -> dict[str, tuple[str, ...]]:
    """The countries covered by each published commodity sheet, by id: the rows whose ``countries_covered`` need
    their body (the countries its findings table links to), which the export does not read. A few hundred sheets,
    one query."""
    sheets = select(Resource).where(
        Resource.is_public, Resource.type == "risk_sheet", Resource.translation_key.startswith(COMMODITY_SHEET)
    )
    return {sheet.id: filter_countries(sheet) for sheet in session.scalars(sheets)}


def countries_covered(resource: Resource, linked: Mapping[str, tuple[str, ...]] | None) -> tuple[str, ...]:
    """What the ``country`` filter files ``resource`` under; a commodity sheet's from ``linked``
    (:func:`linked_countries`) when there (else its body is read)."""
    if linked is not None and resource.id in linked:
        return linked[resource.id]
    return filter_countries(resource)


def row(
    resource: Resource,
    base_url: str,
    publisher: Callable[[Resource], str] | None = None,
    linked: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """``publisher``: the publisher's name of a resource (:func:`app.services.jsonld.publisher_namer`); its code
    without. ``linked``: :func:`linked_countries` (without it, a commodity sheet's body is read). The CSV and the
    workbook write its :data:`COLUMNS`; JSON Lines all of it, ``attachments`` last."""
    documents = attachments.read_models(base_url, resource.id, resource.attachments or [])
    return {
        "id": resource.id,
        "translation_key": resource.translation_key,
        "language": resource.language,
        "type": resource.type,
        "title": resource.title,
        "summary": resource.summary,
        "url": resource_url(base_url, resource.language, resource.slug),
        **taxonomy_codes(resource),
        "publisher": publisher(resource) if publisher else resource.publisher,
        "licence": resource.licence,
        "licence_url": licences.identifier(resource.licence),
        "published_at": resource.published_at.isoformat(),
        "updated_at": resource.updated_at.isoformat(),
        "publisher_code": resource.publisher,
        "sources": source_urls(resource),
        "modified_at": changed(resource.modified_at),
        "countries_covered": list(countries_covered(resource, linked)),
        "duration": resource.duration,
        "level": resource.level.value if resource.level else None,
        "prerequisites": resource.prerequisites,
        "documents": [document.url for document in documents],
        "attachments": [document.model_dump(mode="json") for document in documents],  # JSON Lines only
    }


def plain(record: Mapping[str, Any], column: str) -> str:
    """A cell's text: a list joined with ``|``, nothing for none (a training fact of another type)."""
    value = record[column]
    if value is None:
        return ""
    return LIST_SEPARATOR.join(value) if column in LIST_COLUMNS else str(value)


def text(record: Mapping[str, Any], column: str) -> str:
    """A cell as CSV text: neutralised (a workbook's text cell needs no apostrophe, which would show)."""
    return neutralise(plain(record, column))


def cells(record: Mapping[str, Any]) -> list[str]:
    """A row as CSV cells: every cell text, neutralised."""
    return [text(record, column) for column in COLUMNS]


def write_csv(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")  # a BOM, so that spreadsheet software reads UTF-8
    writer.writerow(COLUMNS)
    for number, record in enumerate(records, start=1):
        writer.writerow(cells(record))
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def write_jsonl(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines: list[str] = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False))
        if len(lines) == CHUNK_ROWS:
            yield ("\n".join(lines) + "\n").encode()
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode()


def xlsx_cells(sheet: WriteOnlyWorksheet, record: Mapping[str, Any], number: int, links: SpooledLinks) -> list[Any]:
    """Row ``number`` as typed XLSX cells: dates as dates, the page and licence addresses as links (http and https
    only), the rest as text, « =… » included (:func:`app.services.tabular.text_cell`), with no apostrophe."""
    values: list[Any] = []
    for index, column in enumerate(COLUMNS, start=1):
        if column in DATE_COLUMNS:
            cell = WriteOnlyCell(sheet, value=datetime.combine(date.fromisoformat(record[column]), time()))
            cell.number_format = XLSX_DATE_FORMAT
            values.append(cell)
        elif column in DATETIME_COLUMNS:
            moment = datetime.strptime(record[column], CHANGED_FORMAT)  # naive, in UTC: a workbook's has no zone
            cell = WriteOnlyCell(sheet, value=moment)
            cell.number_format = XLSX_DATETIME_FORMAT
            values.append(cell)
        elif column in NUMBER_COLUMNS and record[column] is not None:
            values.append(record[column])  # a number a spreadsheet adds up
        elif column in LINK_COLUMNS and (target := jsonld.safe_url(str(record[column]))):
            cell = text_cell(sheet, plain(record, column))
            cell.style = "Hyperlink"
            links.add(f"{get_column_letter(index)}{number}", target)
            values.append(cell)
        else:
            value = plain(record, column)
            values.append(text_cell(sheet, value) if value.startswith("=") else value)
    return values


def write_xlsx(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """openpyxl's write-only mode streams rows to a temporary file; the finished workbook (a zip, which needs
    its central directory at the end) is then sent from disk in chunks, its links spliced in on the way
    (:class:`app.services.tabular.SpooledLinks`). The frozen header is declared before the first row (the sheet's
    views come first in its XML), the autofilter once the rows are counted (it comes after them)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("resources")
    sheet.freeze_panes = "A2"
    sheet.append(list(COLUMNS))
    rows = 1
    with SpooledLinks() as links, tempfile.TemporaryFile() as saved, tempfile.TemporaryFile() as file:
        for record in records:
            rows += 1
            sheet.append(xlsx_cells(sheet, record, rows, links))
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{rows}"
        workbook.save(saved)
        saved.seek(0)
        links.write(saved, file)
        file.seek(0)
        while chunk := file.read(XLSX_CHUNK_BYTES):
            yield chunk


WRITERS = {ExportFormat.csv: write_csv, ExportFormat.jsonl: write_jsonl, ExportFormat.xlsx: write_xlsx}


def export(
    resources: Iterable[Resource],
    export_format: ExportFormat,
    base_url: str,
    publisher: Callable[[Resource], str] | None = None,
    linked: Mapping[str, tuple[str, ...]] | None = None,
) -> Iterator[bytes]:
    return WRITERS[export_format](row(resource, base_url, publisher, linked) for resource in resources)


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str  # weak: an XLSX's bytes differ from one build to the next (its zip's dates), not its content
    last_modified: datetime


def published_state(session: Session) -> State:
    """The published resources' count and latest change, each from an index (the status's, then ``modified_at``'s
    walked from the newest): a draft, a partner's submission or a change to one moves neither."""
    public = Resource.status == ResourceStatus.published  # plain: the status index counts them
    count = session.scalar(select(func.count()).select_from(Resource).where(public))
    latest = session.scalar(
        select(Resource.modified_at).where(Resource.is_public).order_by(Resource.modified_at.desc()).limit(1)
    )
    return int(count or 0), latest


_lock = threading.Lock()
_publishers: dict[str, tuple[State, frozenset[str]]] = {}  # database → the state they were read at, the codes


def publishers(session: Session, state: State) -> frozenset[str]:
    """The codes of the organisations that publish the published resources, read once per ``state`` of them
    (:func:`published_state`) in this process: the column has no index, and a harvester's conditional GET is
    answered without reading every row unless a published resource changed since the last one."""
    key = str(session.get_bind().engine.url)
    with _lock:
        cached = _publishers.get(key)
    if cached is not None and cached[0] == state:
        return cached[1]
    codes = frozenset(session.scalars(select(Resource.publisher).where(Resource.is_public).distinct()))
    with _lock:
        _publishers[key] = (state, codes)
    return codes


def validators(
    session: Session,
    selection: Selection,
    export_format: ExportFormat,
    base_url: str,
    organisations: Mapping[str, str],
    since: datetime | None = None,
) -> Validators:
    """An export's validators, from what decides its content (:func:`published_state`, the names of the
    organisations that publish): read before its rows, so that a change in between makes the next request download
    again, never the reverse. ``organisations``: every organisation's name by code
    (:func:`app.services.jsonld.organisation_names`), of which only those that publish count, the centre's aside (a
    row names the centre in its own language, whatever its organisation's name); ``since``: only the resources
    changed since (in the ETag when given, so that an export without it keeps its ETag). A selection's validators
    are the corpus's: a change to a resource it leaves out moves them too (never the reverse)."""
    state = published_state(session)
    count, latest = state
    named = publishers(session, state) - {CENTRE_SLUG}
    query = selection.query
    described = {
        "version": EXPORT_VERSION,
        "format": export_format.value,
        "base_url": base_url,
        "q": query.q,
        "filters": sorted((name.value, sorted(values)) for name, values in query.filters.items()),
        "fixed": sorted((name.value, sorted(values)) for name, values in query.fixed_filters.items()),
        "ids": hashlib.sha256("\n".join(selection.ids).encode()).hexdigest() if selection.ids is not None else None,
        "resources": [count, latest.isoformat() if latest else None],
        "publishers": sorted((code, organisations.get(code)) for code in named),
    }
    if since is not None:
        described["since"] = since.astimezone(UTC).isoformat()
    etag = weak_etag(json.dumps(described, sort_keys=True, ensure_ascii=False))
    last = max(latest.replace(tzinfo=latest.tzinfo or UTC), COLUMNS_CHANGED) if latest else COLUMNS_CHANGED
    return Validators(etag=etag, last_modified=last.replace(microsecond=0))


def schema_org_dataset(session: Session, base_url: str, language: str) -> dict[str, Any]:
    """The API page's data sets as schema.org ``Dataset``s in one ``@graph``, as the DCAT-AP catalogue has them: the
    exports (:func:`app.services.jsonld.dataset`: named and described as the catalogue's dataset, its licence when
    every published resource has the same one, its dates those of the resources) and ILAB's findings, by good and by
    country (:func:`ilab_dataset`)."""
    published = Resource.is_public
    issued = session.scalar(select(func.min(Resource.published_at)).where(published))
    found = list(session.scalars(select(Resource.licence).where(published).distinct()))
    text = {"name": catalog.TEXT["dataset"][language], "description": catalog.TEXT["dataset_description"][language]}
    downloads = [(export_format.value, MEDIA_TYPES[export_format]) for export_format in ExportFormat]
    licence = found[0] if len(found) == 1 else None
    changed = catalog.last_modified(session)
    resources = jsonld.dataset(base_url, language, text, downloads, licence, (issued, changed))
    context = resources.pop("@context")
    day = changed.date() if changed is not None else None
    resources["creditText"] = citations.export(language, day, licence, base_url.rstrip("/") + catalog.EXPORT_PATH)
    ilab = [ilab_dataset(spec, base_url, language) for spec in catalog_ilab.DATASETS]
    return {"@context": context, "@graph": [resources, *ilab]}


def ilab_dataset(spec: catalog_ilab.IlabDataset, base_url: str, language: str) -> dict[str, Any]:
    """One of ILAB's datasets (``/v1/findings``, ``/v1/findings/countries``) as a schema.org ``Dataset``, with the
    ``@id`` of the catalogue's: based on ILAB's publications, which ILAB made, in the public domain; the centre
    publishes it."""
    base = base_url.rstrip("/")
    sources = [url for _, url in spec.sources]
    return {
        "@type": "Dataset",
        "@id": f"{base}/catalog#{spec.fragment}",
        "name": spec.title[language],
        "description": spec.description[language],
        "url": base + page_path("api", language) + "#findings",
        "inLanguage": ["fr", "en"],
        "isAccessibleForFree": True,
        "license": licences.identifier(licences.PUBLIC_DOMAIN),
        "isBasedOn": sources[0] if len(sources) == 1 else sources,
        "creditText": spec.citation(language, base),
        "creator": {"@type": "Organization", "name": catalog_ilab.ILAB_NAME},
        "publisher": jsonld.centre(base_url, language),
        "includedInDataCatalog": {"@type": "DataCatalog", "@id": f"{base}/catalog", "url": f"{base}/catalog.jsonld"},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": base + offer.path}
            for offer in spec.distributions
            if (media_type := offer.media_type)
        ],
    }
