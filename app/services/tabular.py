"""CSV and XLSX output safe to open in a spreadsheet, and an XLSX's hyperlinks written without holding them in memory.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a formula by
Excel, LibreOffice or Google Sheets (CSV/formula injection, OWASP); such a cell gets a leading apostrophe, which
spreadsheets show as text and hide.
"""

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO
from xml.sax.saxutils import quoteattr

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


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
