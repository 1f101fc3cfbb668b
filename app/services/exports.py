"""Exports of a selection (or the whole published corpus) as CSV, JSON Lines or XLSX, one row per resource and
language, written as the rows come from the database: memory stays flat however many rows.

CSV and XLSX cells are neutralised by :func:`app.services.tabular.neutralise` (a leading ``'`` before ``=``, ``+``,
``-``, ``@``, tab or carriage return), so that a title cannot become a formula in the analyst's spreadsheet. JSON
Lines keeps the text as it is: it is not opened by a spreadsheet.
"""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from openpyxl import Workbook

from app import licences
from app.models import Resource
from app.schemas.resource import TAXONOMY_FIELDS, taxonomy_codes
from app.services.resources import resource_url
from app.services.tabular import neutralise


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.jsonl: "application/jsonl; charset=utf-8",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = (
    "id",
    "translation_key",
    "language",
    "type",
    "title",
    "summary",
    "url",
    "countries",
    "regions",
    "sectors",
    "risks",
    "audiences",
    "publisher",
    "licence",
    "licence_url",
    "published_at",
    "updated_at",
)
LIST_SEPARATOR = "|"
CHUNK_ROWS = 200
XLSX_CHUNK_BYTES = 64 * 1024


def row(resource: Resource, base_url: str) -> dict[str, Any]:
    return {
        "id": resource.id,
        "translation_key": resource.translation_key,
        "language": resource.language,
        "type": resource.type,
        "title": resource.title,
        "summary": resource.summary,
        "url": resource_url(base_url, resource.language, resource.slug),
        **taxonomy_codes(resource),
        "publisher": resource.publisher,
        "licence": resource.licence,
        "licence_url": licences.identifier(resource.licence),
        "published_at": resource.published_at.isoformat(),
        "updated_at": resource.updated_at.isoformat(),
    }


def cells(record: dict[str, Any]) -> list[str]:
    """A row as spreadsheet cells: lists joined with ``|``, every cell neutralised."""
    return [neutralise(LIST_SEPARATOR.join(record[c]) if c in TAXONOMY_FIELDS else str(record[c])) for c in COLUMNS]


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


def write_xlsx(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """openpyxl's write-only mode streams rows to a temporary file; the finished workbook (a zip, which needs
    its central directory at the end) is then sent from disk in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("resources")
    sheet.append(list(COLUMNS))
    for record in records:
        sheet.append(cells(record))
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(XLSX_CHUNK_BYTES):
            yield chunk


WRITERS = {ExportFormat.csv: write_csv, ExportFormat.jsonl: write_jsonl, ExportFormat.xlsx: write_xlsx}


def export(resources: Iterable[Resource], export_format: ExportFormat, base_url: str) -> Iterator[bytes]:
    return WRITERS[export_format](row(resource, base_url) for resource in resources)
