"""A CSV or pasted list's rows, for :mod:`app.services.screening_input`: its delimiter (``;``, tab or ``,``) and
each row's number as a spreadsheet shows it.

The delimiter is the one that splits most of the list's first lines into as many cells each, not the first line's
most frequent: an ERP export's title above the header (« Extraction SAP, le 01/03/2025 ») made a semicolon list read
by commas, and each line with a comma in a cell (« vis, écrous ») was broken. A first line « sep=; », which Excel
reads as the delimiter and does not show, is read so too. A row's number is its record's, as the spreadsheet that
opens the file numbers its rows: a cell of two lines (an address) no longer shifts the numbers of the lines after it,
which the buyer looks up in the file.
"""

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence

DELIMITERS = (";", "\t", ",")  # in order of preference when the lines hold as many of each
SAMPLE = 20  # the first lines that hold anything, which tell the delimiter
EXCEL_HINT = re.compile(r'"?sep=([;,\t|:])"?\s*')  # Excel's first line naming the delimiter, not shown as a row
MAX_FIELD = 4 * 1024 * 1024 + 1  # app.services.screening_input.MAX_TEXT: a cell may be as long as a list's text

# A cell may be as long as a list's whole text (the csv module refuses fields over 128 KiB, which a pasted comment
# or a list sent back by the page could hold).
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))


def delimiter(lines: Sequence[str]) -> str:
    """The delimiter of a list whose first lines are ``lines``: the one that gives most of them the same number of
    cells (a title, a cell with a comma, a line pasted from another list have others), then the first line's most
    frequent, then ``;``, tab, ``,``."""
    sample = [line for line in lines if line.strip()][:SAMPLE]
    if not sample:
        return ","

    def cuts(line: str, candidate: str) -> int:  # outside quotes: a « ; » in a quoted comment is no delimiter
        return len(next(csv.reader([line], delimiter=candidate), [])) - 1

    def score(candidate: str) -> tuple[int, int]:
        counts = Counter(n for n in (cuts(line, candidate) for line in sample) if n > 0)
        agreeing = counts.most_common(1)[0][1] if counts else 0
        return agreeing, cuts(sample[0], candidate)

    return max(DELIMITERS, key=score)


def rows(text: str) -> Iterator[tuple[int, Sequence[object]]]:
    """The rows of a CSV or pasted text, each numbered as a spreadsheet numbers it (its record's number, a blank
    line counted; after a first line « sep=; », which a spreadsheet does not show)."""
    text = text.lstrip("\ufeff")
    head = text[: 1 << 16].splitlines()
    hint = EXCEL_HINT.fullmatch(head[0]) if head else None
    split = hint.group(1) if hint else delimiter(head)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=split)
    if hint:
        next(reader)
    for number, row in enumerate(reader, start=1):
        yield number, _resplit(row, split)


def _resplit(row: list[str], delimiter: str) -> list[str]:
    """A line that the list's delimiter leaves whole, split by the other one it holds: lists pasted together from
    two sources mix ``;`` and ``,``, and a person reads « Atelier B, Bangladesh, vêtements » as three cells."""
    if len(row) != 1:
        return row
    others = [d for d in DELIMITERS if d != delimiter and d in row[0]]
    if not others:
        return row
    return next(csv.reader([row[0]], delimiter=max(others, key=row[0].count), skipinitialspace=True))
