"""CSV and XLSX output safe to open in a spreadsheet, and an XLSX's hyperlinks written without holding them in memory.

In a CSV, a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a formula by
Excel, LibreOffice or Google Sheets (CSV/formula injection, OWASP); such a cell gets a leading apostrophe
(:func:`neutralise`), which spreadsheets hide when they open a CSV. A workbook has no such risk: a cell written as
text (``t="inlineStr"``) is shown as text, never computed, and an apostrophe there would be shown (« '+33 1 23… »);
:func:`xlsx` writes text as text, « =HYPERLINK(…) » included.
"""

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import IO, Any
from xml.sax.saxutils import quoteattr

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def text_cell(sheet: Any, value: str) -> Any:
    """A write-only workbook cell holding ``value`` as text, never a formula (openpyxl takes « =… » for one)."""
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value)
    written.data_type = "s"
    return written


@dataclass(frozen=True)
class Styled:
    """A cell written with its number format: a buyer's date, or percentage, written back as one."""

    value: int | float | date | datetime | time
    number_format: str


Cell = str | int | float | Styled


@dataclass(frozen=True)
class Sheet:
    """A worksheet: a header row (frozen, with an autofilter when ``table``) and its rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    table: bool = True
    widths: Mapping[int, float] = field(default_factory=dict)  # column index → width in characters
    formats: Mapping[int, str] = field(default_factory=dict)  # column index → number format
    links: frozenset[int] = frozenset()  # columns of URLs, made clickable


def xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook whose text cells are text (never a formula: openpyxl would take « =… » for one) rid of the control
    characters XLSX cannot hold (a pasted list may carry them), whose numbers and dates are numbers and dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold, link_font = Font(bold=True), Font(color="0B5CAD", underline="single")

    def cell(value: Any) -> Any:  # a text, a number or a date (openpyxl's types say less than it writes)
        return text_cell(sheet, value) if isinstance(value, str) else WriteOnlyCell(sheet, value)

    link_style = None  # a link's style (its font), once known
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for index, width in spec.widths.items():
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        if spec.table:
            sheet.freeze_panes = "A2"
        if spec.header:
            header = []
            for name in spec.header:
                named = cell(ILLEGAL_CHARACTERS_RE.sub("", name))
                named.font = bold
                header.append(named)
            sheet.append(header)
        count = 0
        for row in spec.rows:
            count += 1
            cells: list[object] = []
            for index, raw in enumerate(row):
                if isinstance(raw, Styled):
                    styled = cell(raw.value)
                    styled.number_format = raw.number_format
                    cells.append(styled)
                    continue
                value = ILLEGAL_CHARACTERS_RE.sub("", raw) if isinstance(raw, str) else raw
                plain = index not in spec.formats and index not in spec.links
                if value == "" or (plain and not (isinstance(value, str) and value.startswith("="))):
                    cells.append(value if value != "" else None)
                    continue
                written = cell(value)
                if index in spec.formats:
                    written.number_format = spec.formats[index]
                if index in spec.links and isinstance(value, str) and value.startswith(("https://", "http://")):
                    written.hyperlink = value
                    # The first link's style copied to the others: setting a font looks it up in the workbook's
                    # styles each time, half the time of writing 5,000 lines with their 25,000 links.
                    if link_style is None:
                        written.font = link_font
                        link_style = written._style
                    else:
                        written._style = copy(link_style)
                cells.append(written)
            sheet.append(cells)
        if spec.table:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.header))}{count + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


class SpooledLinks:
    """The hyperlinks of a write-only openpyxl sheet, kept on disk while its rows are written, then spliced into the
    saved workbook by :meth:`write`: openpyxl keeps every hyperlink of a sheet in memory until it is saved (about a
    kilobyte each), which would make an export's memory grow with its rows. Only http and https targets (the caller
    checks); the cell itself shows its (neutralised) text like any other."""

    SHEET = "xl/worksheets/sheet1.xml"
    RELS = "xl/worksheets/_rels/sheet1.xml.rels"
    BEFORE = b"<pageMargins"  # hyperlinks come after the rows and the autofilter, before the page margins (ECMA-376)
    CHUNK = 64 * 1024

    def __init__(self) -> None:
        self._refs = tempfile.TemporaryFile()
        self._rels = tempfile.TemporaryFile()
        self.count = 0

    def __enter__(self) -> "SpooledLinks":
        return self

    def __exit__(self, *_: object) -> None:
        self._refs.close()
        self._rels.close()

    def add(self, ref: str, target: str) -> None:
        """A link from the cell ``ref`` (``G2``) to ``target``."""
        self.count += 1
        rid = f"rIdLink{self.count}"
        self._refs.write(f'<hyperlink xmlns:r="{R_NS}" ref="{ref}" r:id="{rid}"/>'.encode())
        relation = (
            f'<Relationship Type="{R_NS}/hyperlink" Target={quoteattr(target)} TargetMode="External" Id="{rid}"/>'
        )
        self._rels.write(relation.encode())

    def write(self, workbook: IO[bytes], out: IO[bytes]) -> None:
        """Copy the saved ``workbook`` (a single sheet without links of its own) to ``out`` with the links, entry by
        entry and in chunks: memory stays flat."""
        with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            if self.count and self.RELS in source.namelist():
                raise ValueError("the sheet has relationships of its own")
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with source.open(info) as reading, target.open(entry, "w") as writing:
                    if info.filename == self.SHEET and self.count:
                        self._insert(reading, writing)
                    else:
                        shutil.copyfileobj(reading, writing, self.CHUNK)
            if self.count:
                with target.open(self.RELS, "w") as writing:
                    writing.write(f'<Relationships xmlns="{PACKAGE_RELS_NS}">'.encode())
                    self._copy(self._rels, writing)
                    writing.write(b"</Relationships>")

    def _insert(self, reading: IO[bytes], writing: IO[bytes]) -> None:
        """The sheet's XML, the ``<hyperlinks>`` element put before its page margins."""
        carry, keep, done = b"", len(self.BEFORE) - 1, False
        while chunk := reading.read(self.CHUNK):
            data = carry + chunk
            at = -1 if done else data.find(self.BEFORE)
            if done or at >= 0:
                if at >= 0:
                    writing.write(data[:at] + b"<hyperlinks>")
                    self._copy(self._refs, writing)
                    writing.write(b"</hyperlinks>")
                    data, done = data[at:], True
                writing.write(data)
                carry = b""
            else:
                writing.write(data[: len(data) - keep] if len(data) > keep else b"")
                carry = data[len(data) - keep :] if len(data) > keep else data
        writing.write(carry)
        if not done:
            raise ValueError("no page margins in the sheet: nowhere to put its hyperlinks")

    def _copy(self, spool: IO[bytes], writing: IO[bytes]) -> None:
        spool.seek(0)
        shutil.copyfileobj(spool, writing, self.CHUNK)
