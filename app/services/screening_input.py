"""Reading a buyer's supplier list: JSON, CSV (comma, semicolon or tab; UTF-8 with or without BOM, or
Windows-1252) and XLSX, into numbered lines of (reference, country, product), and the lines that cannot be read.

Columns are found by their header in French or English (``country``/``pays``, ``product``/``produit``,
``reference``/``fournisseur``…); without a recognisable header, two columns are country and product, three are
reference, country and product. Line numbers are the file's own (the header is line 1), so a buyer finds the
line in the spreadsheet. Nothing read here is logged or kept.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.errors import InvalidParameters
from app.i18n import N_
from app.services.resolve import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 5000
MAX_CELL = 300
# The reasons a line cannot be read are English, as the API sends them; N_ marks them for the site's catalogs, in
# which the screening page finds them. This one is written out (not formatted from MAX_CELL, which a test checks)
# so that it can be a catalog's id.
CELL_TOO_LONG = N_("a cell is longer than 300 characters")
DELIMITERS = (";", "\t", ",")  # in order of preference when a header line holds as many of each
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADERS = {
    "line": {"line", "ligne"},  # the page carries a list between its forms with its original line numbers
    "reference": {
        "reference",
        "ref",
        "supplier",
        "supplier reference",
        "supplier id",
        "id",
        "fournisseur",
        "reference fournisseur",
        "code fournisseur",
        "nom",
        "name",
        "supplier name",
        "nom du fournisseur",
    },
    "country": {"country", "pays", "country of origin", "pays d origine", "origin", "origine", "iso", "country code"},
    "product": {
        "product",
        "produit",
        "good",
        "goods",
        "bien",
        "commodity",
        "marchandise",
        "matiere premiere",
        "article",
        "item",
        "sector",
        "secteur",
        "description",
    },
}


class ScreeningFormat(StrEnum):
    """The formats a supplier list is read in and a screening is written in."""

    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@dataclass(frozen=True, slots=True)
class InputLine:
    line: int
    reference: str | None
    country: str
    product: str


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    reason: str
    reference: str = ""
    country: str = ""
    product: str = ""


@dataclass
class ParsedInput:
    lines: list[InputLine] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


class TooManyLines(InvalidParameters):
    """More lines than :data:`MAX_LINES` (422: the body was not too large, its content is)."""


def detect_format(content_type: str, data: bytes) -> ScreeningFormat:
    media = content_type.split(";")[0].strip().lower()
    if media == XLSX_MEDIA_TYPE or data[:4] == b"PK\x03\x04":
        return ScreeningFormat.xlsx
    if media.endswith("json") or data.lstrip()[:1] in (b"{", b"["):
        return ScreeningFormat.json
    return ScreeningFormat.csv


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252, the encoding of a CSV saved by Excel in France."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(data: bytes, content_type: str = "") -> ParsedInput:
    """The lines of a JSON, CSV or XLSX body (its format told by the content type or by its first bytes)."""
    kind = detect_format(content_type, data)
    if kind == ScreeningFormat.xlsx:
        return _rows(enumerate(_xlsx_rows(data), start=1))
    if kind == ScreeningFormat.json:
        return _json(data)
    return parse_text(decode(data))


def parse_text(text: str) -> ParsedInput:
    """CSV or pasted text: the delimiter is the header line's most frequent of ``;``, tab and ``,``."""
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count) if first else ","
    return _rows(_csv_rows(text, delimiter))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(row: Sequence[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for position, cell in enumerate(row):
        key = fold(cell)
        for column, names in HEADERS.items():
            if key in names and column not in found:
                found[column] = position
    return found if "country" in found and "product" in found else None


def carry(parsed: ParsedInput) -> str:
    """The list as ``line;reference;country;product`` CSV, bad lines included, in line order: what the page's
    forms send back (filter, download) so that nothing is kept on the server between two requests."""
    return _write(("line", "reference", "country", "product"), _in_order(parsed))


def editable(parsed: ParsedInput, header: Sequence[str]) -> str:
    """The list as read, under ``header`` (reference, country and product in the reader's language), bad lines
    included, in line order: what the page puts back in its box so that a buyer corrects a line and screens again,
    whether the list was pasted or uploaded."""
    return _write(header, [row[1:] for row in _in_order(parsed)])


def _in_order(parsed: ParsedInput) -> list[tuple[int, str, str, str]]:
    rows = [(i.line, i.reference or "", i.country, i.product) for i in parsed.lines]
    rows += [(e.line, e.reference, e.country, e.product) for e in parsed.errors]
    return sorted(rows)


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _rows(rows: Iterable[tuple[int, Sequence[object]]]) -> ParsedInput:
    parsed = ParsedInput()
    columns: dict[str, int] | None = None
    for number, raw in rows:
        row = [_cell(c) for c in raw]
        if not any(row):
            continue
        if columns is None:
            header = _header(row)
            if header is not None:
                columns = header
                continue
            columns = {"country": 0, "product": 1} if len(row) <= 2 else {"reference": 0, "country": 1, "product": 2}
        _add(parsed, number, row, columns)
        if len(parsed.lines) + len(parsed.errors) > MAX_LINES:
            raise TooManyLines(f"At most {MAX_LINES:,} lines per screening; split the list and send it in parts.")
    return parsed


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, Sequence[object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        yield reader.line_num, _resplit(row, delimiter)


def _resplit(row: list[str], delimiter: str) -> list[str]:
    """A line that the list's delimiter leaves whole, split by the other one it holds: lists pasted together from
    two sources mix ``;`` and ``,``, and a person reads « Atelier B, Bangladesh, vêtements » as three cells."""
    if len(row) != 1:
        return row
    others = [d for d in DELIMITERS if d != delimiter and d in row[0]]
    if not others:
        return row
    return next(csv.reader([row[0]], delimiter=max(others, key=row[0].count), skipinitialspace=True))


def _add(parsed: ParsedInput, number: int, row: list[str], columns: dict[str, int]) -> None:
    def get(name: str) -> str:
        position = columns.get(name)
        return row[position] if position is not None and position < len(row) else ""

    country, product, reference = get("country"), get("product"), get("reference")
    if get("line").isdigit():
        number = int(get("line"))
    if not country and not product:
        reason = N_("no country and no product")
    elif not country:
        reason = N_("no country")
    elif not product:
        reason = N_("no product")
    elif max(len(country), len(product), len(reference)) > MAX_CELL:
        reason = CELL_TOO_LONG
    elif "\x00" in country + product + reference:
        reason = N_("a cell holds a NUL character")
    else:
        parsed.lines.append(InputLine(number, reference or None, country, product))
        return
    parsed.errors.append(LineError(number, reason, reference[:MAX_CELL], country[:MAX_CELL], product[:MAX_CELL]))


def _xlsx_rows(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidParameters(f"The file is not a readable XLSX workbook ({type(exc).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[object]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_LINES + 1 + 1000:  # blank rows are skipped later; a bound all the same
                break
        return rows
    finally:
        workbook.close()


def _json(data: bytes) -> ParsedInput:
    try:
        body = json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise InvalidParameters(f"The body is not valid JSON: {exc.msg} at line {exc.lineno}.") from None
    items = body.get("lines") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise InvalidParameters('Send {"lines": [{"reference": …, "country": …, "product": …}, …]}.')
    if len(items) > MAX_LINES:
        raise TooManyLines(f"At most {MAX_LINES:,} lines per screening; split the list and send it in parts.")
    parsed = ParsedInput()
    columns = {"reference": 0, "country": 1, "product": 2}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.errors.append(LineError(number, N_("a line must be an object with country and product")))
            continue
        row = [_cell(item.get(name)) for name in ("reference", "country", "product")]
        _add(parsed, number, row, columns)
    return parsed
