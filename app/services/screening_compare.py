"""A screening compared with an earlier one: what changed in a buyer's list, and in its results, since then.

A buyer screens their list again a month later, changed. Beside the list, the page's form takes the workbook an
earlier screening's « Download as XLSX » gave (:mod:`app.services.screening_report` writes it, in French or English),
or the one the API and ``crv screen`` write (:mod:`app.services.screening_files`, by its column codes), which
:func:`read_earlier` reads by the header labels those modules write (:data:`LAYOUTS`), in either language whatever
the page's: its summary sheet's date, and each line's reference, country, product, supplier name and result. Each
line of the list is matched to a line of the earlier file — by the buyer's reference where both lines have one, else
by their country, product and supplier name as typed, normalised (case, accents, punctuation) — and is new, changed
(its result, « Constat pays-produit (ILAB) », or ILAB's findings for the pair) or unchanged; the earlier lines left
unmatched are no longer in the list.

Like the list, the earlier file is read in memory and never stored: what the comparison needs of it is carried by the
page's forms (:func:`carry`, compressed by the page as the list is), so that filtering, turning pages, downloading,
correcting a line and screening the list again from the box compare again without the file.
"""

import csv
import io
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial

from app.errors import FieldError, InvalidParameters
from app.i18n import N_, gettext
from app.schemas.screening import LineProblem, ScreenedLine, ScreeningResult
from app.schemas.taxonomy import Labels
from app.search.text import tokenize
from app.services.findings import FINDING_LABELS
from app.services.pages import human_date
from app.services.screening import CATEGORY_CELL, label, ordered
from app.services.screening_files import COLUMNS, EARLIER_COLUMNS, ERROR_STATE, FINDINGS_JOINED, SCREENED_ON
from app.services.screening_headers import supplier_column
from app.services.screening_input import MAX_LINES, MAX_TEXT
from app.services.screening_legend import RESULTS, UNREADABLE
from app.services.screening_report import BEFORE_BUYER, FINDINGS_COLUMN, RESULT, RESULT_BEFORE, SUMMARY
from app.services.screening_workbook import Table, sheet_rows

FIELD = "earlier"  # the form's field for the earlier file, beside which a problem with it is said
CHANGED_FILTER = "changed"  # the page's filter of the lines new or changed since (beside the states')
GONE_SHOWN = 50  # the earlier lines no longer in the list that the page names; the workbook's summary has them all
CARRIED = "crv-earlier:1"  # the first cell of the carried comparison (:func:`carry`)
FINDINGS_SEPARATOR = ", "  # as the downloads join a line's findings
LINE_DIGITS = 9  # a line number's, at most: a file's rows are fewer

NOT_OURS = N_(
    "This file is not a screening result downloaded from this page: choose the XLSX file that “Download as XLSX” "
    "gave after an earlier screening (in French or English), as it was downloaded."
)
SINCE = N_("Since the screening of %(date)s")
NEW_LINE = N_("New line")
UNCHANGED = N_("Unchanged")
RESULT_CHANGED = N_("Result changed: %(before)s → %(after)s")
GONE_LINE = N_("Line %(line)s (%(cells)s): %(result)s")
TALLY = (N_("New lines"), N_("Results changed"), N_("Unchanged lines"), N_("Lines no longer in the list"))
CHANGED_SINCE = N_("New or changed since %(date)s")
COMPARE_AGAIN = N_("Compare again with the screening of %(date)s")
PARTIAL = N_(
    "The earlier file holds only some of its screening’s lines (%(scope)s): a line it does not hold is said to be new."
)


class Change(StrEnum):
    new = "new"
    changed = "changed"
    unchanged = "unchanged"


def _known(values: Iterable[Labels]) -> dict[str, Labels]:
    """Labels by their text in either language: a file written in English is read on the French page."""
    return {text: labels for labels in values for text in (labels.fr, labels.en)}


KNOWN_RESULTS = _known(value for value, _ in RESULTS)  # every value of the result column
KNOWN_FINDINGS = _known(FINDING_LABELS.values())


def _labels(text: str, known: Mapping[str, Labels]) -> Labels:
    """``text``'s labels, or ``text`` in both languages when it is none the tool writes (an older tool's)."""
    return known.get(text) or Labels(fr=text, en=text)


@dataclass(frozen=True)
class Outcome:
    """A line's result as the downloads write it: its result and ILAB's findings for the pair."""

    result: Labels
    findings: tuple[Labels, ...] = ()

    @classmethod
    def read(cls, result: str, findings: str, separator: str = FINDINGS_SEPARATOR) -> "Outcome":
        """The outcome a file's (or the carried comparison's) cells say, in either language; ``separator``, between
        the findings, is the API's workbook's where it is one of those."""
        parts = [part for part in findings.split(separator) if part.strip()]
        return cls(_labels(result.strip(), KNOWN_RESULTS), tuple(_labels(p.strip(), KNOWN_FINDINGS) for p in parts))

    @property
    def key(self) -> tuple[str, ...]:
        """The same in either language: what tells two outcomes apart."""
        return (self.result.en, *(finding.en for finding in self.findings))

    def said(self, lang: str) -> str:
        """« Constat (Travail forcé, Travail des enfants) », « Pays non évalué par l’ILAB »."""
        findings = FINDINGS_SEPARATOR.join(label(finding, lang) for finding in self.findings)
        return f"{label(self.result, lang)} ({findings})" if findings else label(self.result, lang)


def outcome(item: ScreenedLine | LineProblem) -> Outcome:
    if isinstance(item, LineProblem):
        return Outcome(UNREADABLE)
    return Outcome(item.state_labels, tuple(FINDING_LABELS[finding] for finding in item.findings))


@dataclass(frozen=True)
class EarlierLine:
    """A line of the earlier screening: its number there, its cells as typed, its outcome."""

    line: int
    reference: str
    country: str
    product: str
    supplier: str
    outcome: Outcome

    def said(self, lang: str) -> str:
        """« Ligne 4 (S-004 ; Bangladesh ; t-shirts) : Constat (Travail forcé) »."""
        cells = (self.reference, self.supplier, self.country, self.product)
        read = ("\u202f; " if lang == "fr" else "; ").join(cell for cell in cells if cell)
        return gettext(lang, GONE_LINE, line=self.line, cells=read, result=self.outcome.said(lang))


@dataclass(frozen=True)
class Earlier:
    """What a comparison needs of the earlier screening's file."""

    screened_on: date
    lines: tuple[EarlierLine, ...]
    suppliers: bool  # its list had a column naming the suppliers
    scope: str = ""  # which lines the file holds, as its summary says it, when not all of them


@dataclass(frozen=True)
class LineChange:
    kind: Change
    after: Outcome
    before: Outcome | None = None  # the earlier line's, where one matched

    def said(self, lang: str) -> str:
        """« Nouvelle ligne », « Inchangé », « Résultat changé : Constat → Pays non évalué par l’ILAB »."""
        if self.kind == Change.new or self.before is None:
            return gettext(lang, NEW_LINE)
        if self.kind == Change.unchanged:
            return gettext(lang, UNCHANGED)
        return gettext(lang, RESULT_CHANGED, before=self.before.said(lang), after=self.after.said(lang))


@dataclass(frozen=True)
class Comparison:
    """Each line of the list (by its number, unreadable ones too) against the earlier screening, and the earlier
    lines no longer in the list; ``counts`` are the screened lines', as the page's other counts are."""

    screened_on: date
    changes: Mapping[int, LineChange]
    gone: Sequence[EarlierLine]
    counts: Mapping[Change, int]
    scope: str = ""

    def heading(self, lang: str, *, in_words: bool = True) -> str:
        """« Depuis le criblage du 3 mars 2025 » (the page), « … du 2025-03-03 » (the files, dated so)."""
        day = human_date(self.screened_on, lang) if in_words else self.screened_on.isoformat()
        return gettext(lang, SINCE, date=day)

    def said(self, line: int, lang: str) -> str:
        change = self.changes.get(line)
        return change.said(lang) if change else ""

    def is_changed(self, line: int) -> bool:
        """Whether the line is new or its result changed: what the filter « New or changed since » shows."""
        change = self.changes.get(line)
        return change is not None and change.kind != Change.unchanged

    def tally(self, lang: str) -> list[tuple[str, int]]:
        """New lines, results changed, unchanged lines, lines no longer in the list: each said with its count."""
        counts = [self.counts.get(kind, 0) for kind in Change] + [len(self.gone)]
        return [(gettext(lang, name), count) for name, count in zip(TALLY, counts, strict=True)]


def _normal(text: str) -> str:
    return " ".join(tokenize(text))


def _reference(text: str) -> str:
    return " ".join(text.split()).casefold()


def _product(cell: str) -> str:
    """The product as typed: a line screened on its category is written « Beauté (catégorie) »."""
    for lang in ("fr", "en"):
        before, after = label(CATEGORY_CELL, lang).split("{category}")
        if cell.startswith(before) and cell.endswith(after) and len(cell) > len(before) + len(after):
            return cell[len(before) : len(cell) - len(after)]
    return cell


def _current_suppliers(result: ScreeningResult) -> dict[int, str] | None:
    """Each line's supplier name, by the list's column that names them; ``None`` when it has none."""
    items: list[ScreenedLine | LineProblem] = [*result.lines, *result.errors]
    column = supplier_column({name: [i.buyer_columns.get(name, "") for i in items] for name in result.buyer_columns})
    return None if column is None else {item.line: item.buyer_columns.get(column, "") for item in items}


def compare(earlier: Earlier, result: ScreeningResult) -> Comparison:
    """Each line of ``result`` matched to a line of ``earlier``: by reference where both have one, else by country,
    product and (where both lists name them) supplier, normalised; an earlier line matches one line at most, the
    first in the list's order."""
    suppliers = _current_suppliers(result) if earlier.suppliers else None
    items = ordered(result, most_serious_first=False)

    def names(country: str, product: str, supplier: str) -> tuple[str, str, str]:
        return _normal(country), _normal(product), _normal(supplier) if suppliers is not None else ""

    by_reference: dict[str, deque[int]] = {}
    by_names: dict[tuple[str, str, str], tuple[deque[int], deque[int]]] = {}  # with a reference, without
    for index, line in enumerate(earlier.lines):
        reference = _reference(line.reference)
        if reference:
            by_reference.setdefault(reference, deque()).append(index)
        kept = by_names.setdefault(names(line.country, line.product, line.supplier), (deque(), deque()))
        kept[0 if reference else 1].append(index)
    taken: set[int] = set()

    def first(*queues: deque[int]) -> int | None:
        for queue in queues:
            while queue and queue[0] in taken:
                queue.popleft()
        fronts = [queue[0] for queue in queues if queue]
        if not fronts:
            return None
        taken.add(min(fronts))
        return min(fronts)

    matched: dict[int, int] = {}  # the list's line → the earlier line's index
    for item in items:
        found = first(by_reference.get(_reference(item.reference or ""), deque()))
        if found is not None:
            matched[item.line] = found
    for item in items:
        if item.line in matched:
            continue
        category = item.category_input if isinstance(item, ScreenedLine) else None
        product = item.product_input or category or ""  # a line screened on its category: the category
        with_reference, without = by_names.get(
            names(item.country_input, product, (suppliers or {}).get(item.line, "")), (deque(), deque())
        )
        found = first(without) if _reference(item.reference or "") else first(with_reference, without)
        if found is not None:
            matched[item.line] = found
    changes: dict[int, LineChange] = {}
    for item in items:
        after = outcome(item)
        at = matched.get(item.line)
        if at is None:
            changes[item.line] = LineChange(Change.new, after)
            continue
        before = earlier.lines[at].outcome
        changes[item.line] = LineChange(Change.unchanged if before.key == after.key else Change.changed, after, before)
    gone = tuple(line for index, line in enumerate(earlier.lines) if index not in taken)
    counts = Counter(changes[line.line].kind for line in result.lines)
    return Comparison(earlier.screened_on, changes, gone, dict(counts), earlier.scope)


# -- Reading the earlier file -----------------------------------------------------------------------------------


def not_ours() -> InvalidParameters:
    error = FieldError.translatable(FIELD, NOT_OURS)
    return InvalidParameters(error.message, errors=[error])


def read_earlier(data: bytes) -> Earlier:
    """The earlier screening in the workbook ``data``, as the page's « Download as XLSX » writes it in French or in
    English (:mod:`app.services.screening_report`), or as the API and ``crv screen`` write it
    (:mod:`app.services.screening_files`): the sheet of lines by its header's labels, the day it was screened from
    the summary sheet. Anything else (another workbook, a CSV, the supplier list itself, a damaged file, an API
    workbook of a version that did not date it) is refused as not one of the centre's files."""
    if not data.startswith(b"PK\x03\x04"):
        raise not_ours()
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [
                sheet_rows(sheet, MAX_LINES, MAX_TEXT) for sheet in workbook.worksheets if hasattr(sheet, "_get_source")
            ]
        finally:
            workbook.close()
    except Exception:  # a workbook that is not ours fails in openpyxl in many ways (its ZIP, its XML, its styles…)
        raise not_ours() from None
    tables = [table for table, unread in sheets if table and not unread]
    for layout in LAYOUTS:
        for table in tables:
            earlier = _read(table, [other for other in tables if other is not table], layout)
            if earlier is not None:
                return earlier
    raise not_ours()


@dataclass(frozen=True)
class Columns:
    """Where a sheet of lines holds what a comparison reads (indexes in its header)."""

    line: int
    reference: int
    country: int
    product: int
    result: int
    findings: int
    buyer: range  # the buyer's own columns, among which the one naming the suppliers
    separator: str = FINDINGS_SEPARATOR  # between a line's findings
    category: int | None = None  # the API's: the category a line was screened on, its product empty
    state: int | None = None  # the API's codes, whose « error » line has no result label

    def product_of(self, row: Sequence[str]) -> str:
        """The product as typed; a line screened on its category, its category (as the list's lines are matched)."""
        if self.category is None:
            return _product(row[self.product])  # the page's « Beauté (catégorie) »
        return row[self.product] or row[self.category]

    def outcome_of(self, row: Sequence[str]) -> Outcome:
        if self.state is not None and row[self.state] == ERROR_STATE:
            return Outcome(UNREADABLE)
        return Outcome.read(row[self.result], row[self.findings], self.separator)


@dataclass(frozen=True)
class Layout:
    """How one of the centre's writers lays out a screening's workbook: its columns, found from the header of its
    sheet of lines (``None``: not this layout), and its summary's rows that say the day it was screened and which
    lines it holds (``shown``, whose value ``every`` is all of them; "": always all)."""

    columns: Callable[[Sequence[str]], Columns | None]
    screened_on: str
    shown: str = ""
    every: str = ""


def _page_columns(header: Sequence[str], lang: str) -> Columns | None:
    """The page's download in ``lang``: line, reference, country and product as typed, the buyer's columns, then
    the result (by its name, or the one it had before) and ILAB's findings side by side."""
    first = [label(name, lang) for name, _ in BEFORE_BUYER]
    if not all(name in header for name in first):
        return None
    line_at, reference_at, country_at, product_at = (header.index(name) for name in first)
    results, findings = {label(RESULT, lang), label(RESULT_BEFORE, lang)}, label(FINDINGS_COLUMN, lang)
    result_at = next(
        (i for i in range(product_at + 1, len(header) - 1) if header[i] in results and header[i + 1] == findings), None
    )
    if result_at is None:
        return None
    return Columns(
        line_at, reference_at, country_at, product_at, result_at, result_at + 1, range(product_at + 1, result_at)
    )


def _api_columns(header: Sequence[str]) -> Columns | None:
    """The API's and ``crv screen``'s workbook: the documented columns, by their codes in any language, then the
    buyer's."""
    # this version's columns, or an earlier version's (a workbook downloaded before a column was added)
    own = next((len(known) for known in (COLUMNS, EARLIER_COLUMNS) if tuple(header[: len(known)]) == known), None)
    if own is None:
        return None
    at = COLUMNS.index
    return Columns(
        at("line"),
        at("reference"),
        at("country_input"),
        at("product_input"),
        at("state_label"),
        at("findings"),
        range(own, len(header)),
        FINDINGS_JOINED,
        category=at("category_input"),
        state=at("state"),
    )


LAYOUTS = (
    *(
        Layout(
            partial(_page_columns, lang=lang),
            label(SUMMARY["on"], lang),
            label(SUMMARY["shown"], lang),
            label(SUMMARY["all"], lang),
        )
        for lang in ("fr", "en")
    ),
    Layout(_api_columns, SCREENED_ON),
)


def _read(table: Table, others: Sequence[Table], layout: Layout) -> Earlier | None:
    """The earlier screening when ``table`` is its sheet of lines in ``layout`` and one of ``others`` its summary."""
    number, header = table[0]
    columns = layout.columns(header) if number == 1 else None
    summary = {row[0]: row[1] if len(row) > 1 else "" for other in others for _, row in other if row and row[0]}
    screened_on = _day(summary.get(layout.screened_on, ""))
    if columns is None or screened_on is None:
        return None
    rows = [row + [""] * (len(header) - len(row)) for _, row in table[1:]]
    column = supplier_column({header[i]: [row[i] for row in rows] for i in columns.buyer})
    supplier_at = None if column is None else header.index(column, columns.buyer.start)
    lines = tuple(
        EarlierLine(
            int(row[columns.line]),
            row[columns.reference],
            row[columns.country],
            columns.product_of(row),
            row[supplier_at] if supplier_at is not None else "",
            columns.outcome_of(row),
        )
        for row in rows
        if row[columns.line].isdecimal() and len(row[columns.line]) <= LINE_DIGITS  # not a row added (a total)
    )
    scope = summary.get(layout.shown, "") if layout.shown else ""
    return Earlier(screened_on, lines, suppliers=supplier_at is not None, scope="" if scope == layout.every else scope)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


# -- Carried by the page's forms ---------------------------------------------------------------------------------


def carry(earlier: Earlier) -> str:
    """What the results' form sends back of the earlier screening (the page compresses it): its date, which lines
    it holds, and each line's number, cells and outcome (the result and findings in English: either language reads)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow((CARRIED, earlier.screened_on.isoformat(), "suppliers" if earlier.suppliers else "", earlier.scope))
    writer.writerows(
        (
            line.line,
            line.reference,
            line.country,
            line.product,
            line.supplier,
            line.outcome.result.en,
            FINDINGS_SEPARATOR.join(finding.en for finding in line.outcome.findings),
        )
        for line in earlier.lines
    )
    return out.getvalue()


def compare_again(earlier: Earlier, lang: str) -> str:
    """What the box's form says of the comparison it carries, which a list screened again from it keeps."""
    return gettext(lang, COMPARE_AGAIN, date=human_date(earlier.screened_on, lang))


def parse_carried(text: str) -> Earlier:
    """The earlier screening the results' form sent back (:func:`carry`); anything else is refused."""
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        head = rows[0] if rows else []
        screened_on = _day(head[1]) if len(head) == 4 and head[0] == CARRIED else None
        if screened_on is None or len(rows) > MAX_LINES + 1:
            raise not_ours()
        lines = tuple(
            EarlierLine(int(n), r, c, p, s, Outcome.read(result, found)) for n, r, c, p, s, result, found in rows[1:]
        )
    except (csv.Error, ValueError):  # a row of another width, a line that is not a number
        raise not_ours() from None
    return Earlier(screened_on, lines, suppliers=head[2] == "suppliers", scope=head[3])


@dataclass(frozen=True)
class PageComparison:
    """What the page says of a comparison: the table's column heading, the counts, the filter's label, the earlier
    lines no longer in the list (the first :data:`GONE_SHOWN`) and, where the earlier file held only some of its
    lines, a note that says so."""

    heading: str
    tally: Sequence[tuple[str, int]]
    changed: int  # the screened lines new or changed: the filter's count
    filter_label: str
    gone: Sequence[str]
    gone_more: int
    note: str


def page_comparison(comparison: Comparison, lang: str) -> PageComparison:
    day = human_date(comparison.screened_on, lang)
    return PageComparison(
        heading=comparison.heading(lang),
        tally=comparison.tally(lang),
        changed=comparison.counts.get(Change.new, 0) + comparison.counts.get(Change.changed, 0),
        filter_label=gettext(lang, CHANGED_SINCE, date=day),
        gone=[line.said(lang) for line in comparison.gone[:GONE_SHOWN]],
        gone_more=max(0, len(comparison.gone) - GONE_SHOWN),
        note=gettext(lang, PARTIAL, scope=comparison.scope) if comparison.scope else "",
    )
