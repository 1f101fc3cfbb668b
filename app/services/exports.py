"""Exports of a selection (or the whole published corpus) as CSV, JSON Lines or XLSX, one row per resource and
language, written as the rows come from the database: memory stays flat however many rows.

CSV cells are neutralised by :func:`app.services.tabular.neutralise` (a leading ``'`` before ``=``, ``+``, ``-``,
``@``, tab or carriage return), so that a title cannot become a formula in the analyst's spreadsheet; XLSX cells are
written as text, which a spreadsheet never computes (an apostrophe there would be shown). JSON
Lines keeps the text as it is: it is not opened by a spreadsheet. The XLSX types what a spreadsheet can use: dates
are dates, the page and licence addresses are links, the header row is frozen and carries an autofilter.

An export is validated by :func:`validators` before its rows are read: a weak ``ETag`` (the request's selection and
format, the resources' state — their count and latest change —, the organisations' names) and ``Last-Modified``
(the latest change to a resource, or to the columns), so that a harvester's conditional GET costs two index lookups
instead of the whole file.
"""

import csv
import hashlib
import io
import json
import tempfile
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
from app.middleware.caching import weak_etag
from app.models import Resource
from app.schemas.resource import TAXONOMY_FIELDS, taxonomy_codes
from app.services import catalog, jsonld
from app.services.listing import Selection
from app.services.resources import resource_url
from app.services.site.published import resources_state
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
LIST_COLUMNS = frozenset((*TAXONOMY_FIELDS, "sources"))
DATE_COLUMNS = frozenset(("published_at", "updated_at"))
LINK_COLUMNS = frozenset(("url", "licence_url"))
LIST_SEPARATOR = "|"
CHUNK_ROWS = 200
XLSX_CHUNK_BYTES = 64 * 1024
XLSX_DATE_FORMAT = "yyyy-mm-dd"
# When the columns last changed (publisher's name, publisher_code, sources, typed XLSX): a copy older than this is
# not the current representation, whatever the resources' own dates say. Bump EXPORT_VERSION with it.
COLUMNS_CHANGED = datetime(2026, 12, 2, tzinfo=UTC)
EXPORT_VERSION = 2


def source_urls(resource: Resource) -> list[str]:
    """The sources' web addresses (http and https only, as on the page), a ``|`` inside one percent-encoded so
    that the CSV/XLSX separator stays unambiguous."""
    urls = (jsonld.safe_url(str(source.get("url", ""))) for source in resource.sources)
    return [quote(url, safe=":/?#[]@!$&'()*+,;=%~-._") for url in urls if url]


def row(resource: Resource, base_url: str, publisher: Callable[[Resource], str] | None = None) -> dict[str, Any]:
    """``publisher``: the publisher's name of a resource (:func:`app.services.jsonld.publisher_namer`); its code
    without."""
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
    }


def plain(record: Mapping[str, Any], column: str) -> str:
    """A cell's text: a list joined with ``|``."""
    value = record[column]
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
) -> Iterator[bytes]:
    return WRITERS[export_format](row(resource, base_url, publisher) for resource in resources)


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str  # weak: an XLSX's bytes differ from one build to the next (its zip's dates), not its content
    last_modified: datetime


def validators(
    session: Session,
    selection: Selection,
    export_format: ExportFormat,
    base_url: str,
    organisations: Mapping[str, str],
    since: datetime | None = None,
) -> Validators:
    """An export's validators, from what decides its content and two index lookups (``resources_state``): read
    before its rows, so that a change in between makes the next request download again, never the reverse.
    ``organisations``: every organisation's name by code (:func:`app.services.jsonld.organisation_names`);
    ``since``: only the resources changed since (in the ETag when given, so that an export without it keeps its
    ETag)."""
    count, latest = resources_state(session)
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
        "organisations": sorted(organisations.items()),
    }
    if since is not None:
        described["since"] = since.astimezone(UTC).isoformat()
    etag = weak_etag(json.dumps(described, sort_keys=True, ensure_ascii=False))
    changed = max(latest.replace(tzinfo=latest.tzinfo or UTC), COLUMNS_CHANGED) if latest else COLUMNS_CHANGED
    return Validators(etag=etag, last_modified=changed.replace(microsecond=0))


def schema_org_dataset(session: Session, base_url: str, language: str) -> dict[str, Any]:
    """The exports as one schema.org ``Dataset`` (:func:`app.services.jsonld.dataset`), for the API page: named and
    described as the DCAT-AP catalogue's dataset, its licence when every published resource has the same one, its
    dates those of the resources."""
    published = Resource.is_public
    issued = session.scalar(select(func.min(Resource.published_at)).where(published))
    found = list(session.scalars(select(Resource.licence).where(published).distinct()))
    text = {"name": catalog.TEXT["dataset"][language], "description": catalog.TEXT["dataset_description"][language]}
    downloads = [(export_format.value, MEDIA_TYPES[export_format]) for export_format in ExportFormat]
    licence = found[0] if len(found) == 1 else None
    return jsonld.dataset(base_url, language, text, downloads, licence, (issued, catalog.last_modified(session)))
