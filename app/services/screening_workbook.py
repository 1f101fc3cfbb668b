"""A workbook's cells as the workbook shows them, for :mod:`app.services.screening_input`.

A sheet is streamed (openpyxl's read-only mode: memory stays flat however many cells a file of 2 MiB unpacks to);
that mode does not read merged ranges, which come after the cells in the sheet's XML and are read from it last, so
that a range's value is in each cell it covers (a « Pays d’origine » merged down its group of lines is each line's
country, a title merged across the first row is in each of its cells). Each cell becomes text that says the same in
every language (:func:`cell_text`), which the downloads write back as numbers and dates (:func:`buyer_value`: the
page's XLSX and the API's alike); but a text cell that reads as one stays text (:class:`Text`).
"""

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO

from app.services.tabular import Cell, Styled

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

Table = list[tuple[int, list[str]]]  # a list's numbered rows that hold anything, their cells as text
HEADER_ROWS_READ = 10 + 1  # app.services.screening_headers.HEADER_ROWS and the header itself
# A list of too many lines is refused with their count; a workbook's rows past the limit are counted up to this many
# times it (a file of 2 MiB may unpack to millions of rows, which the refusal need not all count).
COUNTED = 10
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
PERCENT_FORMAT = re.compile(r'%(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a % outside the format's quoted text
# A workbook's cells as cell_text writes them, which the downloads write back as values: no ambiguity left.
WORKBOOK_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
WORKBOOK_PERCENT = re.compile(r"(-?(?:0|[1-9]\d*)(?:\.(\d+))?)%")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?")


class Text(str):
    """A workbook's text cell that reads as a number, a percentage or a date: a SIRET typed as text
    (« 12345678901234 »), which the downloads write back as text, not as a number Excel shows as 1,23457E+13."""

    __slots__ = ()


def reads_as_value(text: str) -> bool:
    """Whether the downloads would write ``text`` back as a number, a percentage or a date."""
    return any(pattern.fullmatch(text) for pattern in (WORKBOOK_NUMBER, WORKBOOK_PERCENT, ISO_DATE))


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell as text, as a workbook shows it but written alike in every language, so that the downloads can write
    it back as it was (:func:`buyer_value`): a date in ISO 8601 (« 2025-03-01 », its
    time only when it has one), a percentage as one (« 12.5% », not 0.125), a number with a point and no grouping
    (« 140762.47 », « 2.5 »: the page's language is the downloads' business)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float):
        if PERCENT_FORMAT.search(number_format.replace("\\%", "")):
            return _number(round(value * 100, 10)) + "%"
        return _number(value)
    return str(value).strip()


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")  # 1e-05 as 0.00001: a spreadsheet reads no exponent in a text cell


class TooMuchText(ValueError):
    """A sheet holds more text than a list may (:data:`app.services.screening_input.MAX_TEXT`)."""


def sheet_rows(sheet: "ReadOnlyWorksheet", max_lines: int, max_text: int) -> tuple[Table, int]:
    """A sheet's rows that hold anything, each cell as the workbook shows it (:func:`cell_text`) and a merged range's
    value in every cell it covers; no more than a header's rows and ``max_lines`` (the reader refuses more), and
    ``max_text`` characters (:class:`TooMuchText`: a file of 2 MiB may unpack to gigabytes of text). And how many
    rows that hold anything come after those, counted up to :data:`COUNTED` times ``max_lines`` (not read): the
    refusal says how many lines the list has."""
    rows: Table = []
    formats: dict[int, str] = {}  # style id → number format
    width = text = 0
    streamed = iter(sheet.rows)  # a new stream each time the property is read
    for number, cells in enumerate(streamed, start=1):
        row = [_text(cell, formats) for cell in cells]
        while row and not row[-1]:
            row.pop()
        if row:
            rows.append((number, row))
            width = max(width, len(row))
            text += sum(map(len, row))
        if text > max_text:
            raise TooMuchText
        if len(rows) > HEADER_ROWS_READ + max_lines:  # too many lines already: the others are only counted
            return rows, _count_rows(streamed, COUNTED * max_lines)
    by_number = dict(rows)
    with sheet._get_source() as source:  # type: ignore[attr-defined]  # the sheet's XML (openpyxl 3.1, pinned)
        merged = _merged(source)
    for first_column, first_row, last_column, last_row in merged:
        value = by_number.get(first_row, [])[first_column - 1 : first_column]
        if not value or not value[0]:
            continue
        stop = min(last_column, width)
        for number in range(first_row, min(last_row, rows[-1][0]) + 1):
            covered = by_number.get(number)
            if covered is None:  # blank but for the merge: no line (nor a row to make, whatever the range's size)
                continue
            covered.extend([""] * (stop - len(covered)))
            covered[first_column - 1 : stop] = [cell or value[0] for cell in covered[first_column - 1 : stop]]
    return rows, 0


def _count_rows(rows: Iterator[tuple[Any, ...]], limit: int) -> int:
    """The rows left that hold anything, counted up to ``limit``."""
    count = 0
    for cells in rows:
        if any(cell.value not in (None, "") for cell in cells):
            count += 1
            if count >= limit:
                break
    return count


def _merged(source: BinaryIO) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet's XML (first column, first row, last column, last row), read in chunks: a range
    is a ``<mergeCell ref="C4:C20"/>``, and a ``<`` in a cell's text is written ``&lt;``."""
    from openpyxl.utils import column_index_from_string

    found: list[tuple[int, int, int, int]] = []
    carry = b""
    while chunk := source.read(1 << 16):
        data = carry + chunk
        end = 0
        for match in MERGE.finditer(data):
            a, b, c, d = match.groups()
            found.append((column_index_from_string(a.decode()), int(b), column_index_from_string(c.decode()), int(d)))
            end = match.end()
        carry = data[max(end, len(data) - 200) :]
    return found


def _text(cell: Any, formats: dict[int, str]) -> str:
    """A streamed cell's text, its number format looked up once per style."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        return Text(text) if reads_as_value(text) else text
    style = getattr(cell, "_style_id", 0)
    if style not in formats:
        formats[style] = cell.number_format or "General"
    return cell_text(value, formats[style])


# -- Written back, in the downloads ---------------------------------------------------------------------------

# A number as a buyer's spreadsheet wrote it (« 125 000,00 », « 15300.5 »), read as a number; not a code with its
# leading zeros (« 00123 »), nor « 1,234 » or « 1.234 », a thousand in one language and a fraction in the other.
NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|[1-9]\d*)(?:[.,]\d+)?")
AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")
# Past 11 digits, Excel's General format shows a number as « 1,23457E+13 » (and past 15 it loses digits): a text
# list's SIRET (14 digits) or EAN (13) stays text.
LONGEST_NUMBER = 11
DATE_FORMATS = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}


def buyer_number(text: str) -> Cell:
    """``text`` as a number where it unambiguously is one, else as it is."""
    if not NUMBER.fullmatch(text) or AMBIGUOUS.fullmatch(text) or (text.isdigit() and len(text) > LONGEST_NUMBER):
        return text
    plain = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    number = float(plain)
    return int(number) if "." not in plain else number


def buyer_value(text: str, workbook: bool, lang: str) -> Cell:
    """A buyer's cell for the XLSX: a date (written in ISO 8601 by either list) as a date, a workbook's number and
    percentage as a number and a percentage, a text list's number where it unambiguously is one, else the text (a
    workbook's text cell too, whatever it reads as: :class:`Text`)."""
    if isinstance(text, Text):
        return str(text)
    if ISO_DATE.fullmatch(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        day = moment.date() if len(text) == len("2025-03-01") else moment
        return Styled(day, DATE_FORMATS.get(lang, DATE_FORMATS["en"]) + (" hh:mm" if day is moment else ""))
    if not workbook:
        return buyer_number(text)
    if WORKBOOK_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    percent = WORKBOOK_PERCENT.fullmatch(text)
    if percent:
        decimals = len(percent.group(2) or "")
        number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
        return Styled(round(float(percent.group(1)) / 100, decimals + 2), number_format)
    return text


def buyer_text(text: str, workbook: bool, lang: str) -> str:
    """A buyer's cell for the CSV: a workbook's number and percentage in the page's language (a French spreadsheet
    reads « 2.5 » as a date), a text list's cells and a workbook's text cells as typed."""
    if not workbook or lang != "fr" or isinstance(text, Text):
        return text
    if WORKBOOK_NUMBER.fullmatch(text) or WORKBOOK_PERCENT.fullmatch(text):
        return text.replace(".", ",")
    return text
