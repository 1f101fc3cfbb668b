"""A body's tables readable on a phone: each data cell carries its column's heading (``data-label``), which
site.css shows above the cell when the screen is too narrow for the columns, a row then a card (the pattern of the
desk's and the screening's tables). A table of five columns at 360 px showed two and cut the third, with nothing
saying it scrolled."""

import re
from html import escape, unescape

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.DOTALL)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
BODY = re.compile(r"<tbody\b[^>]*>.*?</tbody>", re.DOTALL)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
CELL_OPEN = re.compile(r"<td\b([^>]*)>")
TAG = re.compile(r"<[^>]+>")


def label_cells(html: str) -> str:
    """``html`` with each ``<td>`` of a table with a header row given its column's heading as ``data-label``
    (its text: tags dropped, quoted for the attribute). Tables without a header row, and cells past the headings,
    stay as they are."""

    def table(match: re.Match[str]) -> str:
        source = match.group(0)
        head = HEAD.search(source)
        if head is None:
            return source
        headings = [" ".join(unescape(TAG.sub("", cell)).split()) for cell in HEADER_CELL.findall(head.group(1))]

        def row(row_match: re.Match[str]) -> str:
            column = iter(headings)

            def cell(cell_match: re.Match[str]) -> str:
                heading = next(column, "")
                attributes = cell_match.group(1)
                if not heading or "data-label" in attributes:
                    return cell_match.group(0)
                return f'<td{attributes} data-label="{escape(heading, quote=True)}">'

            return CELL_OPEN.sub(cell, row_match.group(0))

        return BODY.sub(lambda body: ROW.sub(row, body.group(0)), source)

    return TABLE.sub(table, html)
