"""A workbook's sheets, for :mod:`app.services.screening_input`: which one holds the list, and the formulas whose
value it did not save.

One sheet is screened: the first visible one whose header names a country and a product, else a hidden one, else
the first that holds anything. A hidden sheet (last year's list kept out of sight) was read before the visible list,
and nothing said so; the sheet read and the other sheets that hold a list are now said to the buyer
(:func:`app.services.screening_columns.sheets_said`).

Excel and LibreOffice save each formula's value beside it, which is what is read; a workbook written by a program
(a script, some exporters) may hold formulas without their values: a country by ``=RECHERCHEV(…)`` read as empty
said « no country » of a line whose country the buyer sees in Excel. Such a line says what to do instead
(:data:`FORMULA_WITHOUT_VALUE`).
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from app.i18n import N_
from app.services.screening_headers import Columns, Missing
from app.services.screening_workbook import Table

# What a workbook that cannot be read raises, opened or streamed: a cell whose value is not of its type (« 12,5 » in a
# number cell, as some exporters write), a shared string missing, a broken XML or archive member. Each was a 500.
BROKEN_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    SyntaxError,  # xml.etree's ParseError
    OSError,
)
FORMULA_WITHOUT_VALUE = N_(
    "the country or the product is a formula whose value the workbook did not save: open the workbook in Excel or "
    "LibreOffice, save it and send it again"
)
# The reasons of a line whose country or product is empty (app.services.screening_input._add).
EMPTY_REASONS = frozenset({"no country and no product", "no country", "no product"})
_NS = r"(?:\w+:)?"
# A cell of a formula and no value: ``<c r="B2"><f>A2</f><v></v></c>``, ``<c r="B3"><f t="shared" si="0"/></c>``.
UNSAVED = re.compile(
    rf'<{_NS}c\s[^>]*?r="([A-Z]{{1,3}})(\d{{1,7}})"[^>/]*>\s*'
    rf"<{_NS}f\b(?:[^>]*/>|[^>]*>[^<]*</{_NS}f>)\s*(?:<{_NS}v\s*/>|<{_NS}v>\s*</{_NS}v>)?\s*</{_NS}c>".encode()
)

CARRIED = 8192  # bytes kept from one chunk of a sheet's XML to the next: a formula's cell is shorter


@dataclass(frozen=True)
class Sheet:
    title: str
    hidden: bool
    path: str  # its XML in the workbook's archive
    table: Table
    unread: int
    found: tuple[int, Columns] | Missing | None = None

    @property
    def listed(self) -> bool:
        """Whether the sheet holds a list: a header that names a country and a product."""
        return isinstance(self.found, tuple)


NO_SHEET = Sheet("", False, "", [], 0)


def chosen(sheets: list[Sheet]) -> tuple[Sheet, tuple[tuple[str, bool], ...]]:
    """The sheet to read among those that hold anything, and the others that hold a list (each with whether it is
    hidden)."""
    ranked = sorted(sheets, key=lambda sheet: (not sheet.listed, sheet.hidden))  # stable: the workbook's order
    read = ranked[0] if ranked else NO_SHEET
    return read, tuple((sheet.title, sheet.hidden) for sheet in sheets if sheet.listed and sheet is not read)


def unsaved_formulas(data: bytes, path: str) -> set[tuple[int, int]]:
    """The cells (row, column from 1) of the sheet at ``path`` in the workbook ``data`` that hold a formula without
    its value; none where the sheet cannot be read again."""
    from openpyxl.utils import column_index_from_string

    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as source:
            carry = b""
            while chunk := source.read(1 << 16):
                text = carry + chunk
                end = 0
                for match in UNSAVED.finditer(text):
                    found.add((int(match.group(2)), column_index_from_string(match.group(1).decode())))
                    end = match.end()
                carry = text[max(end, len(text) - CARRIED) :]  # a cell cut between two chunks
    except BROKEN_WORKBOOK:
        return set()
    return found
