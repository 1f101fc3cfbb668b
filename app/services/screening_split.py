"""A line whose country cell names several countries apart (« CN; VN; BD », an investor's countries of exposure):
the screening is by pair, so each country needs its line. The page splits it on the buyer's word
(:func:`split_countries`: one line per country, the same reference, product and other columns on each), so that the
list is screened again with nothing typed twice; where the cell cannot be split as it is, the page and the workbook
say which lines to write (:func:`one_line_per_country`)."""

from dataclasses import dataclass, replace

from app.i18n import gettext
from app.schemas.screening import ScreenedLine
from app.services.findings import FindingsCatalogue
from app.services.resolve_countries import PART_SEPARATORS
from app.services.screening import ONE_LINE_PER_COUNTRY, label, screener
from app.services.screening_input import MAX_LINES, ParsedInput


@dataclass(frozen=True)
class Correction:
    """What a button of the results changed in line ``line``: a « did you mean » chosen (``before`` is now
    ``after``), or a split, the cells of its lines in ``countries``."""

    line: int
    before: str
    after: str
    countries: tuple[str, ...] = ()


def several_countries(line: ScreenedLine) -> bool:
    """Whether the line's country cell names several countries apart: its candidates are the countries to give
    each its line, not a question."""
    return line.country_match.several


def _cells(country: str, named: int) -> list[str]:
    """The cell's parts as typed, when each is one of the ``named`` countries it names; else none: a part naming
    none, or one already named, would be lost or twice (« Brésil (São Paulo), Chine », « CN; Chine; VN »)."""
    parts = [part.strip() for part in PART_SEPARATORS.split(country) if part.strip()]
    return parts if len(parts) == named else []


def splittable(line: ScreenedLine) -> bool:
    """Whether the page offers to split the line: its cell names several countries apart, each part one."""
    return several_countries(line) and bool(_cells(line.country_input, len(line.country_match.candidates)))


def one_line_per_country(line: ScreenedLine, lang: str) -> str:
    """The lines to write instead of one naming several countries, said in ``lang``."""
    names = ", ".join(label(candidate.labels, lang) for candidate in line.country_match.candidates)
    return gettext(lang, ONE_LINE_PER_COUNTRY, countries=names)


def split_countries(
    parsed: ParsedInput, number: str, catalogue: FindingsCatalogue
) -> tuple[ParsedInput, Correction | None]:
    """The list with line ``number`` (as the page's button posts it) split into one line per country its cell
    names, each with its part as typed: the first keeps the line's number, the others take the numbers after the
    list's largest, as a line added to a numbered list does, so that every other line keeps the buyer's file's. The
    list is unchanged when the line is not in it (a list changed in between), its cell cannot be split
    (:func:`_cells`) or the list would pass MAX_LINES."""
    item = next((i for i in parsed.lines if str(i.line) == number), None)
    found = screener(catalogue).countries.apart(item.country) if item is not None else None
    if item is None or found is None:
        return parsed, None
    cells = _cells(item.country, len(found.candidates))
    if not cells or len(parsed.lines) + len(parsed.errors) + len(cells) - 1 > MAX_LINES:
        return parsed, None
    last = max([i.line for i in parsed.lines] + [e.line for e in parsed.errors])
    first, *others = (
        replace(item, line=line, country=cell)
        for line, cell in zip((item.line, *range(last + 1, last + len(cells))), cells, strict=True)
    )
    lines = [first if i is item else i for i in parsed.lines] + others
    return replace(parsed, lines=lines, errors=list(parsed.errors)), Correction(
        item.line, item.country, "", tuple(cells)
    )
