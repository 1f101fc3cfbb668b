"""What the resource page adds to a generated risk sheet's Markdown: one Sources section (the body's own list is
folded into the page's), "what a buyer should look at first" lifted near the top, finding badges (text and colour)
in the tables, the data vintage, and the countries a commodity or region sheet names (for its map)."""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.filters import COUNTRY_LINK
from app.services.site.findings import VINTAGE, Finding

HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
BUYER = re.compile(r"what a buyer|ce qu['’]un acheteur", re.IGNORECASE)
SOURCES = re.compile(r"^sources$", re.IGNORECASE)
# Phrases of a finding, most serious first (the order matters: "forced child labour" contains "child labour").
FINDING_WORDS: Sequence[tuple[Finding, re.Pattern[str]]] = (
    (Finding.forced_child, re.compile(r"forced child labou?r|travail forcé des enfants", re.IGNORECASE)),
    (Finding.forced, re.compile(r"forced labou?r|travail forcé", re.IGNORECASE)),
    (Finding.child, re.compile(r"child labou?r|travail des enfants", re.IGNORECASE)),
)
YES = {"yes", "oui"}


@dataclass(frozen=True, slots=True)
class SheetParts:
    body: str  # the Markdown without the parts below
    buyer: str | None  # the "what a buyer should look at first" section, heading included
    sources_note: str | None  # prose of the body's Sources section other than its list of links


def split_body(body: str) -> SheetParts:
    """Lifts the buyer section and the Sources section out of a body (sections are ``## `` headings)."""
    starts = [m.start() for m in HEADING.finditer(body)] + [len(body)]
    kept = [body[: starts[0]]]
    buyer = note = None
    for start, end in itertools.pairwise(starts):
        section = body[start:end]
        title = HEADING.match(section)
        assert title is not None
        if buyer is None and BUYER.search(title.group(1)):
            buyer = section.strip()
        elif SOURCES.match(title.group(1).strip()):
            rest = section[title.end() :]
            prose = [line for line in rest.splitlines() if line.strip() and not line.lstrip().startswith(("- ", "* "))]
            note = "\n".join(prose).strip() or None
        else:
            kept.append(section)
    return SheetParts("".join(kept).rstrip() + "\n", buyer, note)


def finding_in(text: str) -> Finding | None:
    return next((finding for finding, words in FINDING_WORDS if words.search(text)), None)


def findings_in(text: str) -> frozenset[Finding]:
    """Every finding a cell names (``child labour; forced labour; forced child labour``), not only the worst."""
    found = set()
    for finding, words in FINDING_WORDS:  # most serious first, each taken out of the text once found:
        text, count = words.subn(" ", text)  # "forced child labour" holds "child labour"
        if count:
            found.add(finding)
    return frozenset(found)


def sheet_listings(body: str) -> dict[str, frozenset[Finding]]:
    """Countries named in the body's table rows, with every finding the row states (none when it states none)."""
    countries: dict[str, frozenset[Finding]] = {}
    for line in body.splitlines():
        if not line.startswith("|"):
            continue
        codes = COUNTRY_LINK.findall(line)
        if not codes:
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        found = findings_in(cells[-1]) if len(cells) > 1 else frozenset()
        for code in codes:
            countries.setdefault(code.upper(), found)
    return countries


def sheet_countries(body: str) -> dict[str, Finding | None]:
    """Countries named in the body's table rows, with the most serious finding the row states (``None`` when it
    states none)."""
    return {code: most_serious(found) for code, found in sheet_listings(body).items()}


def most_serious(found: frozenset[Finding]) -> Finding | None:
    return next((finding for finding in Finding if finding in found), None)


TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
HEADER_CELL = re.compile(r"<th>(.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)
FINDING_COLUMN = re.compile(r"^(finding|constat)s?$", re.IGNORECASE)


def _badge(finding: Finding, text: str) -> str:
    return f'<span class="badge f-{finding.value}">{text}</span>'


def badge_tables(html: str) -> str:
    """In tables whose columns are findings (``Child labour | Forced labour | …`` with yes/no) or a ``Finding``
    column (``child labour; forced labour``), each finding becomes a badge: its words stay, a colour is added."""

    def table(match: re.Match[str]) -> str:
        inner = match.group(1)
        headers = [re.sub(r"<[^>]+>", "", h).strip() for h in HEADER_CELL.findall(inner)]
        columns: dict[int, Finding | None] = {}
        for index, header in enumerate(headers):
            if FINDING_COLUMN.match(header):
                columns[index] = None  # the cell names its findings
            elif (exact := next((f for f, words in FINDING_WORDS if words.fullmatch(header)), None)) is not None:
                columns[index] = exact
        if not columns:
            return match.group(0)

        def row(row_match: re.Match[str]) -> str:
            cells = CELL.findall(row_match.group(1))
            if not cells:
                return row_match.group(0)
            out = []
            for index, cell in enumerate(cells):
                if index in columns:
                    column = columns[index]
                    if column is not None and cell.strip().lower() in YES:
                        cell = _badge(column, cell.strip())
                    elif column is None:
                        parts = [part.strip() for part in cell.split(";")]
                        cell = " ".join(_badge(found, part) if (found := finding_in(part)) else part for part in parts)
                out.append(f"<td>{cell}</td>")
            return "<tr>\n" + "\n".join(out) + "\n</tr>"

        return "<table>" + ROW.sub(row, inner) + "</table>"

    return TABLE.sub(table, html)


def vintage(sources: Sequence[str]) -> str | None:
    """``ILAB 2022`` when the sheet is generated from ILAB's 2022 publications."""
    return VINTAGE if any("ILAB" in title and "(2022)" in title for title in sources) else None
