"""A body's tables readable on a phone and with a screen reader.

On a phone, each data cell carries its column's heading (``data-label``), which site.css shows above the cell when
the screen is too narrow for the columns, a row then a card (the pattern of the desk's and the screening's tables).
A table of five columns at 360 px showed two and cut the third, with nothing saying it scrolled.

With a screen reader, a cell is read with its column's header, and with its row's when the row has one: the first
cell of each row becomes a row header where the first column names the rows (:func:`_names_rows`). A table is named
by the heading it stands under when it is that heading's only table (« Ratifications »), so that the list of
tables says which is which; the heading carries the name (``aria-labelledby``), nothing is added to the page.

A blank form (no data cell holding anything: the vigilance plan self-check's « Lacunes relevées ») is marked
``class="blank-form"``: site.css keeps it a table on a phone, its headings side by side above room to write in, where
as cards it was a list of headings with nowhere to write; wider than the screen, it scrolls sideways, and
``tabindex="0"`` lets the keyboard scroll it too."""

import re
from html import escape, unescape
from itertools import count

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.DOTALL)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
BODY = re.compile(r"<tbody\b[^>]*>.*?</tbody>", re.DOTALL)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
CELL = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
HEADING_OR_TABLE = re.compile(r"<h[1-6]\b[^>]*>.*?</h[1-6]>|<table\b[^>]*>", re.DOTALL)
HEADING_ID = "body-heading-{}"  # unique in the page: one body a page, and no other id starts so


def _text(html: str) -> str:
    return " ".join(unescape(TAG.sub("", html)).split())


def _names_rows(rows: list[str], columns: int) -> bool:
    """Whether the first column names the rows, its cells then row headers. It does when there is another column
    for it to name, and each row's first cell says something no other row's does: a good, a treaty, a standard, a
    step of a procedure (every table of the sheets and nearly all the tools'). A first column with a blank (a form
    to fill in) or a repeat (a product's countries, one row per good of the country) identifies no row: its cells
    stay data, as a header that names two rows or none would mislead more than it helps."""
    if columns < 2 or not rows:
        return False
    firsts = [_text(match.group(2)) if (match := CELL.search(row)) else "" for row in rows]
    return all(firsts) and len(set(firsts)) == len(firsts)


def _blank(table: str) -> bool:
    """Whether ``table`` is a form to fill in: none of its data cells says anything (row headers aside)."""
    return not any(_text(content) for _, content in CELL.findall(table))


def label_cells(html: str) -> str:
    """``html`` with each table with a header row labelled: each ``<td>`` given its column's heading as
    ``data-label`` (its text: tags dropped, quoted for the attribute), cells past the headings left as they are;
    each row's first cell a ``<th scope="row">`` (labelled too, as site.css shows its column above it) where the
    first column names the rows; a blank form marked (see above). Then each table that is the only one under a
    heading named by it. Tables without a header row stay as they are, unless a heading names them."""

    def table(match: re.Match[str]) -> str:
        source = match.group(0)
        head = HEAD.search(source)
        body = BODY.search(source)
        if head is None or body is None:
            return source
        headings = [_text(cell) for cell in HEADER_CELL.findall(head.group(1))]
        row_headers = _names_rows(ROW.findall(body.group(0)), len(headings))

        def row(row_match: re.Match[str]) -> str:
            column = iter(headings)
            position = count()

            def cell(cell_match: re.Match[str]) -> str:
                heading = next(column, "")
                attributes, content = cell_match.groups()
                if heading and "data-label" not in attributes:
                    attributes += f' data-label="{escape(heading, quote=True)}"'
                if next(position) == 0 and row_headers:
                    return f'<th scope="row"{attributes}>{content}</th>'
                return f"<td{attributes}>{content}</td>"

            return CELL.sub(cell, row_match.group(0))

        labelled = source[: body.start()] + ROW.sub(row, body.group(0)) + source[body.end() :]
        if _blank(labelled):
            labelled = labelled.replace("<table", '<table class="blank-form" tabindex="0"', 1)
        return labelled

    return _name_tables(TABLE.sub(table, html))


def _name_tables(html: str) -> str:
    """``html`` with each table that is the only one between a heading and the next (of any level) named by that
    heading: the heading given an id, the table ``aria-labelledby`` it. Two tables under one heading (a country's
    goods made with inputs from elsewhere, then its inputs in goods made elsewhere) would have the same name: they
    keep none, as does a table before any heading."""
    sections: list[tuple[re.Match[str] | None, list[re.Match[str]]]] = [(None, [])]
    for match in HEADING_OR_TABLE.finditer(html):
        if match.group(0).startswith("<table"):
            sections[-1][1].append(match)
        else:
            sections.append((match, []))
    edits: list[tuple[int, int, str]] = []
    for number, (heading, tables) in enumerate(sections):
        if heading is None or len(tables) != 1:
            continue
        name = HEADING_ID.format(number)
        opening = heading.start() + len("<h1")
        edits.append((opening, opening, f' id="{name}"'))
        opening = tables[0].start() + len("<table")
        edits.append((opening, opening, f' aria-labelledby="{name}"'))
    for start, end, text in reversed(edits):
        html = html[:start] + text + html[end:]
    return html
