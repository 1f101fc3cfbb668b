"""Reading a buyer's supplier list: JSON, CSV (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16 with its
BOM, or Windows-1252) and XLSX, into numbered lines of (reference, country, product) with the buyer's other
columns, and the lines that cannot be read.

Columns are found by their header in French or English, the header being any of the first rows (an ERP export
starts with a title): ``Pays d’origine``, ``Country of origin``, ``Pays de provenance``; ``Produit``,
``Désignation article``, ``Commodity``; ``Fournisseur``, ``Supplier name``… (:mod:`app.services.screening_headers`).
Without a recognisable header, two columns are country and product, three are reference, country and product.
Line numbers are the file's own (the header is line 1), so a buyer finds the line in the spreadsheet. A workbook's
cells are read as the workbook shows them, in text that says the same in every language (:mod:`app.services.
screening_workbook`): a merged range's value in each of its cells (a country merged down its group of lines), dates
as dates, percentages as percentages. A file that is no list (a PDF, an old ``.xls``, a Word document, a damaged
workbook) or that holds no line is refused with a message a person can act on, in the page's language too
(:class:`~app.errors.FieldError`). Nothing read here is logged or kept.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from app.errors import FieldError, InvalidParameters
from app.i18n import N_
from app.schemas.screening import ColumnsRead
from app.services.screening_csv import rows as csv_rows
from app.services.screening_headers import Columns, Missing, category_column, find_header, names_read
from app.services.screening_sheets import (
    BROKEN_WORKBOOK,
    EMPTY_REASONS,
    FORMULA_WITHOUT_VALUE,
    Sheet,
    chosen,
    unsaved_formulas,
)
from app.services.screening_workbook import (
    COUNTED,
    Table,
    Text,
    TooMuchText,
    cell_text,
    reads_as_value,
    sheet_rows,
)

MAX_BYTES = 2 * 1024 * 1024
TOO_LARGE = f"The list is over the limit of 2 MiB ({MAX_BYTES:,} bytes); split it in parts."
MAX_LINES = 5000
MAX_CELL = 300
# The text of a list as read, all its cells together (characters): a workbook of 2 MiB may hold far more text than
# its size (a long shared string in every cell), which every answer would repeat; and the page sends the list back
# in its forms (app.services.screening_page.PAGE_MAX_BYTES is derived from this bound).
MAX_TEXT = 4 * 1024 * 1024
# The buyer's other columns come back with every line, under their names, in JSON: bounded, so that a header of
# thousands of cells (or of long ones) does not make a response of 5,000 lines a hundred times the list's size.
MAX_COLUMNS = 100
MAX_COLUMN_NAMES = 3000  # characters, all the names together
# The reasons a line cannot be read are English, as the API sends them; N_ marks them for the site's catalogs, in
# which the screening page finds them. This one is written out (not formatted from MAX_CELL, which a test checks)
# so that it can be a catalog's id.
CELL_TOO_LONG = N_("a cell is longer than 300 characters")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CARRIED_HEADER = ("line", "reference", "country", "product")
CARRIED_WORKBOOK = "line:xlsx"  # the carried header's first cell for a workbook's list: its cells are cell_text's
FIELD = "body"  # the field a problem with the list names: the request's body, or the form's file or text

# Why a whole list is refused. Each says what to do, and is said in the page's language from the site's catalogs.
EMPTY = N_("The list is empty: put one line per supplier, with a country and a product.")
HEADER_ONLY = N_("The list has a header but no line under it: add one line per supplier, with a country and a product.")
OLD_XLS = N_(
    "This is an old Excel workbook (.xls) or a workbook protected by a password, which cannot be read: open it in "
    "Excel or LibreOffice, save it as .xlsx (without a password) or as CSV, and send that file."
)
DAMAGED_XLSX = N_(
    "This XLSX workbook cannot be opened: it may be damaged or incomplete. Open it in Excel or LibreOffice, save it "
    "again as .xlsx or as CSV, and send that file."
)
PDF = N_(
    "This file is a PDF document: its tables cannot be read. Send the list as a CSV or XLSX file, exported from the "
    "spreadsheet or the software it comes from."
)
TEXT_DOCUMENT = N_(
    "This file is a word-processing document (.docx, .odt): send the list as a CSV or XLSX file (one line per "
    "supplier, with a country and a product)."
)
OPEN_DOCUMENT_SHEET = N_(
    "This is an OpenDocument spreadsheet (.ods): save it as .xlsx or as CSV in LibreOffice, and send that file."
)
HTML = N_(
    "This file is a web page (HTML), as some software saves its “Excel” exports: open it in Excel or LibreOffice, "
    "save it as .xlsx or as CSV, and send that file."
)
NOT_A_LIST = N_(
    "This file cannot be read as a list: send a CSV file (text) or an XLSX workbook; save an old .xls workbook as "
    ".xlsx first."
)
# Text without columns (meeting notes, a letter, a text saved as .pdf): every line would be « no product », and the
# page said « 0 lines screened » over an empty table.
NO_COLUMNS = N_(
    "This text has no columns, so it is not a list: send one line per supplier with its country and its product in "
    "columns (reference;country;product) separated by semicolons, commas or tabs, as a CSV file, an XLSX workbook or "
    "a list pasted in the page."
)
NO_COUNTRY_COLUMN = N_(
    "No country column found; columns read: {columns}. Name the countries’ column “Country” or “Pays” (or “Country "
    "of origin”, “Pays d’origine”) in the list’s header."
)
NO_PRODUCT_COLUMN = N_(
    "No product column found; columns read: {columns}. Name the products’ column “Product” or “Produit” (or "
    "“Commodity”, “Désignation”) in the list’s header."
)
NOT_JSON = N_("The list is not valid JSON (line {line}).")
JSON_SHAPE = N_("The JSON list must hold its lines, each with a country and a product.")
# Written out (not formatted from MAX_COLUMNS and MAX_COLUMN_NAMES) so that they can be catalogs' ids.
TOO_MANY_COLUMNS = N_(
    "The list has {count} columns besides the reference, the country and the product; at most 100 can be kept "
    "beside the results: delete those you do not need and send the list again."
)
LONG_COLUMN_NAMES = N_(
    "The names of the list’s other columns are longer than 3,000 characters in all: shorten them or delete the "
    "columns you do not need, and send the list again."
)
LONG_TEXT = N_(
    "Once read, the list holds more than 4 million characters: delete the columns you do not need, or split the list, "
    "and send it again."
)
# A list of too many lines: ``count`` is how many it has (a workbook's are counted up to a bound, past which it has
# « more than » that many), ``limit`` is MAX_LINES.
TOO_MANY_LINES = N_(
    "The list has {count} lines; at most {limit} lines can be screened at once: split it and send it in parts."
)
TOO_MANY_LINES_AT_LEAST = N_(
    "The list has more than {count} lines; at most {limit} lines can be screened at once: split it and send it in "
    "parts."
)
BUYER_COLUMNS_SHAPE = N_(
    "Line {line}: buyer_columns must be an object of column names and their values, each a text or a number."
)


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
    product: str  # as typed: "" where the line has none and its category stands in
    extra: tuple[str, ...] = ()  # the buyer's other cells (supplier name, category, amount…), as read
    category: str = ""  # the category column's cell (Columns.sector), also among ``extra``


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    reason: str
    reference: str = ""
    country: str = ""
    product: str = ""
    extra: tuple[str, ...] = ()


@dataclass
class ParsedInput:
    lines: list[InputLine] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    columns: tuple[str, ...] = ()  # the headers of the buyer's other columns, in the list's order
    # Read from a workbook: the other columns' numbers, percentages and dates are cell_text's, which the downloads
    # write back as numbers and dates (app.services.screening_report.buyer_value).
    workbook: bool = False
    # The header's names of the columns read (None without a header, or from JSON); a list without a header is
    # read in a fixed order, its roles in ``fixed`` (both said to the buyer: app.services.screening_columns).
    read: ColumnsRead | None = None
    fixed: tuple[str, ...] = ()
    # A workbook's sheet read, where another visible sheet holds anything or another sheet a list, and those that
    # hold a list (with whether each is hidden), not read: said to the buyer (app.services.screening_columns).
    sheet: str = ""
    other_sheets: tuple[tuple[str, bool], ...] = ()

    def buyer_columns(self) -> "BuyerColumns":
        """The buyer's other columns as every output carries them: the API's JSON, CSV and XLSX, the page's
        downloads."""
        width = len(self.columns)
        rows = [(i.line, i.extra) for i in self.lines] + [(e.line, e.extra) for e in self.errors]
        cells = {line: (extra + ("",) * width)[:width] for line, extra in rows}
        return BuyerColumns(distinct(self.columns), cells, workbook=self.workbook)


@dataclass(frozen=True)
class BuyerColumns:
    """The buyer's other columns (supplier ID, name, category, amount…): their headers, distinct, and each line's
    cells (``""`` where a line has none), written beside the line's result."""

    names: tuple[str, ...] = ()
    cells: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    workbook: bool = False  # the cells are a workbook's (ParsedInput.workbook)

    def of(self, line: int) -> tuple[str, ...]:
        return self.cells.get(line, ("",) * len(self.names))

    def named(self, line: int) -> dict[str, str]:
        """The line's cells by their column's name, in the list's order (the JSON's ``buyer_columns``)."""
        return dict(zip(self.names, self.of(line), strict=True))


def distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Column names made distinct, a repeated one numbered with a number no column has (``Note``, ``Note (2)``):
    the keys of a JSON object, and a CSV header that a reader turns into one."""
    given = tuple(names)
    taken = set(given)
    seen: set[str] = set()
    out: list[str] = []
    for name in given:
        unique, count = name, 1
        while unique in seen or (unique != name and unique in taken):
            count += 1
            unique = f"{name} ({count})"
        taken.add(unique)
        seen.add(unique)
        out.append(unique)
    return tuple(out)


def check_columns(names: Sequence[str]) -> None:
    """Refuses more than :data:`MAX_COLUMNS` other columns, or names longer than :data:`MAX_COLUMN_NAMES` in all."""
    if len(names) > MAX_COLUMNS:
        raise unreadable(TOO_MANY_COLUMNS, count=len(names))
    if sum(map(len, names)) > MAX_COLUMN_NAMES:
        raise unreadable(LONG_COLUMN_NAMES)


class TooManyLines(InvalidParameters):
    """More lines than :data:`MAX_LINES` (422: the body was not too large, its content is)."""


def unreadable(template: str, **values: object) -> InvalidParameters:
    """A 422 whose detail is ``template`` filled in English, and whose field error says it in a page's language."""
    error = FieldError.translatable(FIELD, template, None, **values)
    return InvalidParameters(error.message, errors=[error])


def _too_many(count: int, *, counted_all: bool = True) -> TooManyLines:
    """The refusal of a list of ``count`` lines (at least that many, unless ``counted_all``), which says the
    limit."""
    template = TOO_MANY_LINES if counted_all else TOO_MANY_LINES_AT_LEAST
    message = template.format(count=f"{count:,}", limit=f"{MAX_LINES:,}")
    error = FieldError.translatable(FIELD, template, message, count=count, limit=MAX_LINES)
    return TooManyLines(message, errors=[error])


def detect_format(content_type: str, data: bytes) -> ScreeningFormat:
    """The list's format by its first bytes (then by its declared type); a file that is no list is refused."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        _check_zip(data)
        return ScreeningFormat.xlsx
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: an .xls, or an encrypted .xlsx
        raise unreadable(OLD_XLS)
    if head.startswith(b"%PDF"):
        raise unreadable(PDF)
    media = content_type.split(";")[0].strip().lower()
    if media == XLSX_MEDIA_TYPE:
        raise unreadable(DAMAGED_XLSX)
    if media.endswith("json") or data.lstrip()[:1] in (b"{", b"["):
        return ScreeningFormat.json
    start = data[:4096]
    if b"\x00" in start and not start.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM is text
        raise unreadable(NOT_A_LIST)
    if start.lstrip(b"\xef\xbb\xbf \t\r\n")[:14].lower().startswith((b"<!doctype html", b"<html", b"<table")):
        raise unreadable(HTML)
    return ScreeningFormat.csv


def _check_zip(data: bytes) -> None:
    """A ZIP is a workbook only with ``xl/workbook.xml``: a Word or OpenDocument file is said to be one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        kind = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise unreadable(DAMAGED_XLSX) from None
    if "xl/workbook.xml" in names:
        return
    if b"spreadsheet" in kind:
        raise unreadable(OPEN_DOCUMENT_SHEET)
    if "word/document.xml" in names or b"text" in kind:
        raise unreadable(TEXT_DOCUMENT)
    raise unreadable(NOT_A_LIST)


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with its BOM (Excel's "Unicode text"), else Windows-1252, the encoding of a
    CSV saved by Excel in France."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(data: bytes, content_type: str = "") -> ParsedInput:
    """The lines of a JSON, CSV or XLSX body (its format told by its first bytes or its content type)."""
    kind = detect_format(content_type, data)
    if kind == ScreeningFormat.xlsx:
        return _xlsx(data)
    if kind == ScreeningFormat.json:
        return _json(data)
    return parse_text(decode(data))


def parse_text(text: str) -> ParsedInput:
    """CSV or pasted text: the delimiter is the first line's most frequent of ``;``, tab and ``,``."""
    return _rows(csv_rows(text))


def parse_carried(text: str) -> ParsedInput:
    """The list the page's forms send back (:func:`carry`): its first four columns are the line, the reference,
    the country and the product whatever the buyer's other columns are called (« Pays de provenance » among them
    would be taken for the country by its header)."""
    table = _table(csv_rows(text))
    header = table[0][1] if table else []
    names = tuple(header[len(CARRIED_HEADER) :])
    extra = tuple(range(4, 4 + len(names)))
    category = category_column(names)
    sector = None if category is None else extra[category]
    columns = Columns(line=0, reference=1, country=2, product=3, sector=sector, extra=extra, names=names)
    parsed = _read(table[1:], columns, header_found=True)
    parsed.workbook = bool(header) and header[0] == CARRIED_WORKBOOK
    if parsed.workbook:
        parsed.lines = [replace(i, extra=tuple(map(_unmarked, i.extra))) for i in parsed.lines]
        parsed.errors = [replace(e, extra=tuple(map(_unmarked, e.extra))) for e in parsed.errors]
    return parsed


def _marked(cell: object) -> object:
    """A workbook's cell as the carried list writes it: a text cell that reads as a value (:class:`Text`) after an
    apostrophe, as Excel marks one, and so a cell that starts with an apostrophe, which then reads back as it was."""
    return "'" + cell if isinstance(cell, Text) or (isinstance(cell, str) and cell.startswith("'")) else cell


def _unmarked(cell: str) -> str:
    if not cell.startswith("'"):
        return cell
    return Text(cell[1:]) if reads_as_value(cell[1:]) else cell[1:]


def carry(parsed: ParsedInput) -> str:
    """The list as ``line;reference;country;product`` CSV and the buyer's other columns, bad lines included, in
    line order: what the page's forms send back (filter, download, correct) so that nothing is kept on the server
    between two requests."""
    if not parsed.workbook:
        return _write((*CARRIED_HEADER, *parsed.columns), _in_order(parsed))
    rows = [(*row[:4], *map(_marked, row[4:])) for row in _in_order(parsed)]
    return _write((CARRIED_WORKBOOK, *CARRIED_HEADER[1:], *parsed.columns), rows)


def editable(parsed: ParsedInput, header: Sequence[str], line_header: str) -> str:
    """The list as read, under ``header`` (reference, country and product, as the buyer's list or the reader's page
    names them) and the buyer's other columns, bad lines included, in line order: what the page puts back in its box
    so that a buyer corrects a line and screens again, whether the list was pasted or uploaded. The line numbers come
    first, under ``line_header``, when the box's own would not be the list's (a title or blank lines were skipped):
    the lines screened again keep the numbers of the buyer's file."""
    rows = _in_order(parsed)
    if all(row[0] == position for position, row in enumerate(rows, start=2)):
        return _write((*header, *parsed.columns), [row[1:] for row in rows])
    return _write((line_header, *header, *parsed.columns), rows)


def correct(parsed: ParsedInput, line: int, column: str, value: str) -> ParsedInput | None:
    """The list with ``line``'s country or product replaced by ``value`` (a « did you mean » the buyer chose);
    ``None`` when there is no such line or column."""
    if column not in ("country", "product") or not value.strip() or len(value) > MAX_CELL:
        return None
    for index, item in enumerate(parsed.lines):
        if item.line == line:
            lines = list(parsed.lines)
            country, product = (value.strip(), item.product) if column == "country" else (item.country, value.strip())
            lines[index] = replace(item, country=country, product=product)
            return replace(parsed, lines=lines, errors=list(parsed.errors))
    return None


def _in_order(parsed: ParsedInput) -> list[tuple[object, ...]]:
    buyer = parsed.buyer_columns()
    rows = [(i.line, i.reference or "", i.country, i.product, *buyer.of(i.line)) for i in parsed.lines]
    rows += [(e.line, e.reference, e.country, e.product, *buyer.of(e.line)) for e in parsed.errors]
    return sorted(rows, key=lambda row: row[0])  # type: ignore[arg-type, return-value]


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _table(rows: Iterable[tuple[int, Sequence[object]]]) -> Table:
    cells = ((number, [cell_text(c) for c in raw]) for number, raw in rows)
    return [(number, row) for number, row in cells if any(row)]


def _header(table: Table) -> tuple[int, Columns] | Missing | None:
    return find_header([row for _, row in table])


def _rows(rows: Iterable[tuple[int, Sequence[object]]]) -> ParsedInput:
    table = _table(rows)
    return _lines(table, _header(table))


def _lines(table: Table, found: tuple[int, Columns] | Missing | None, unread: int = 0) -> ParsedInput:
    """The lines of a table: under its header, found among its first rows (those before it are a title), else its
    columns by their position. ``unread``: the rows after the table's, only counted (a workbook's past the limit)."""
    if isinstance(found, Missing):
        template = NO_COUNTRY_COLUMN if found.column == "country" else NO_PRODUCT_COLUMN
        raise unreadable(template, columns=", ".join(found.read))
    if found is None:
        if table and all(sum(1 for cell in row if cell) < 2 for _, row in table):  # one cell a line, at most
            raise unreadable(NO_COLUMNS)
        width = len(table[0][1]) if table else 0
        positions = Columns(country=0, product=1) if width <= 2 else Columns(reference=0, country=1, product=2)
        parsed = _read(table, positions, header_found=False, unread=unread)
        parsed.fixed = ("country", "product") if width <= 2 else ("reference", "country", "product")
        return parsed
    index, columns = found
    parsed = _read(table[index + 1 :], columns, header_found=True, unread=unread)
    parsed.read = names_read(table[index][1], columns)
    return parsed


def _read(table: Table, columns: Columns, *, header_found: bool, unread: int = 0) -> ParsedInput:
    if len(table) + unread > MAX_LINES:  # each row is a line, read or not
        raise _too_many(len(table) + unread, counted_all=unread < COUNTED * MAX_LINES)
    check_columns(columns.names)
    parsed = ParsedInput(columns=columns.names)
    taken: set[int] = set()
    kept = [p for p in (columns.reference, columns.country, columns.product, columns.sector) if p is not None]
    kept += columns.extra
    text = 0
    for number, row in table:
        _add(parsed, _line_number(number, row, columns, taken), row, columns)
        text += sum(len(row[p]) + 1 for p in kept if p < len(row))
        if text > MAX_TEXT:
            raise unreadable(LONG_TEXT)
    if not parsed.lines and not parsed.errors:
        raise unreadable(HEADER_ONLY if header_found else EMPTY)
    return parsed


def _line_number(position: int, row: Sequence[str], columns: Columns, taken: set[int]) -> int:
    """The line's number: its own in a ``line`` column (a list the page gave back), else its place in the file; a
    line added to a numbered list, or copied with another's number, takes the next number after the largest."""
    number = position
    if columns.line is not None:
        given = row[columns.line] if columns.line < len(row) else ""
        number = int(given) if given.isdigit() and int(given) not in taken else max(taken, default=1) + 1
    taken.add(number)
    return number


def _add(parsed: ParsedInput, number: int, row: list[str], columns: Columns) -> None:
    def get(position: int | None) -> str:
        return row[position] if position is not None and position < len(row) else ""

    country, product, reference = get(columns.country), get(columns.product), get(columns.reference)
    category = get(columns.sector)  # a line without its product is screened on its category, where it has one
    extra = tuple(get(position) for position in columns.extra)
    if not country and not (product or category):
        reason = N_("no country and no product")
    elif not country:
        reason = N_("no country")
    elif not (product or category):
        reason = N_("no product")
    elif max(len(country), len(product), len(reference), len(category)) > MAX_CELL:
        reason = CELL_TOO_LONG
    elif "\x00" in country + product + reference + category:
        reason = N_("a cell holds a NUL character")
    else:
        parsed.lines.append(InputLine(number, reference or None, country, product, extra, category))
        return
    cells = (reference[:MAX_CELL], country[:MAX_CELL], (product or category)[:MAX_CELL])
    parsed.errors.append(LineError(number, reason, *cells, extra=extra))


def _xlsx(data: bytes) -> ParsedInput:
    """The first visible sheet that has a header among its first rows (a workbook may open on a cover sheet), else a
    hidden one, else the first sheet that has anything (:func:`~app.services.screening_sheets.chosen`); which one,
    and the others that hold a list, are said to the buyer (``ParsedInput.sheet``)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except BROKEN_WORKBOOK:
        raise unreadable(DAMAGED_XLSX) from None
    try:
        sheets = [
            Sheet(
                sheet.title,
                sheet.sheet_state != "visible",
                getattr(sheet, "_worksheet_path", ""),  # its XML, read again for formulas without values
                *sheet_rows(sheet, MAX_LINES, MAX_TEXT),
            )
            for sheet in workbook.worksheets
            if hasattr(sheet, "_get_source")
        ]
    except TooMuchText:
        raise unreadable(LONG_TEXT) from None
    except BROKEN_WORKBOOK:
        raise unreadable(DAMAGED_XLSX) from None
    finally:
        workbook.close()
    read = [replace(sheet, found=_header(sheet.table)) for sheet in sheets if sheet.table]
    sheet, others = chosen(read)
    parsed = _lines(sheet.table, sheet.found, sheet.unread)
    parsed.workbook = True
    if others or sheet.hidden or sum(not s.hidden for s in read) > 1:  # not for a hidden lookup table beside it
        parsed.sheet, parsed.other_sheets = sheet.title, others
    if any(error.reason in EMPTY_REASONS for error in parsed.errors):
        _formulas(parsed, data, sheet)
    return parsed


def _formulas(parsed: ParsedInput, data: bytes, sheet: Sheet) -> None:
    """A line without a country or a product whose cell is a formula the workbook holds without its value says so."""
    places: tuple[int | None, ...] = tuple(
        parsed.fixed.index(role) for role in ("country", "product") if role in parsed.fixed
    )
    if isinstance(sheet.found, tuple):
        places = (sheet.found[1].country, sheet.found[1].product)
    unsaved = unsaved_formulas(data, sheet.path)
    parsed.errors = [
        replace(error, reason=FORMULA_WITHOUT_VALUE)
        if error.reason in EMPTY_REASONS and any((error.line, p + 1) in unsaved for p in places if p is not None)
        else error
        for error in parsed.errors
    ]


def _json(data: bytes) -> ParsedInput:
    try:
        body = json.loads(decode(data), parse_int=str)  # all is read as text; no int has too many digits
    except json.JSONDecodeError as exc:
        message = f"The body is not valid JSON: {exc.msg} at line {exc.lineno}."
        error = FieldError.translatable(FIELD, NOT_JSON, message, line=exc.lineno)
        raise InvalidParameters(error.message, errors=[error]) from None
    items = body.get("lines") if isinstance(body, dict) else body
    if not isinstance(items, list):
        message = 'Send {"lines": [{"reference": …, "country": …, "product": …}, …]}.'
        error = FieldError.translatable(FIELD, JSON_SHAPE, message)
        raise InvalidParameters(error.message, errors=[error])
    if len(items) > MAX_LINES:
        raise _too_many(len(items))
    if not items:
        raise unreadable(EMPTY)
    parsed = ParsedInput()
    names: dict[str, None] = {}  # the lines' buyer_columns, in order of appearance: the list's other columns
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.errors.append(LineError(number, N_("a line must be an object with country and product")))
            continue
        own = _own_columns(item.get("buyer_columns"), number)
        if not own.keys() <= names.keys():
            names.update(dict.fromkeys(own))
            check_columns(list(names))
        row = [cell_text(item.get(name)) for name in ("reference", "country", "product")]
        row += [own.get(name, "") for name in names]
        columns = Columns(reference=0, country=1, product=2, extra=tuple(range(3, 3 + len(names))))
        _add(parsed, number, row, columns)
    parsed.columns = tuple(names)
    return parsed


def _own_columns(value: object, line: int) -> dict[str, str]:
    """A JSON line's ``buyer_columns`` (the client's own fields: its supplier ID, spend…) as text, returned on the
    line's result as a file's other columns are; a value that is no text, number, boolean or null is refused."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise unreadable(BUYER_COLUMNS_SHAPE, line=line)
    own: dict[str, str] = {}
    for name, cell in value.items():
        if isinstance(cell, bool):
            own[name] = "true" if cell else "false"
        elif cell is None or isinstance(cell, str | float):  # an integer is read as its text
            own[name] = cell_text(cell)
        else:
            raise unreadable(BUYER_COLUMNS_SHAPE, line=line)
    return own
