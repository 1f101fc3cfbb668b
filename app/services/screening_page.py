"""The screening page (``/fr/outils/criblage``, ``/en/tools/screening``): what its form sends, what it shows.

The page works without JavaScript: the list is posted (pasted text or an uploaded file), the answer is the
result table; filtering by state, ordering, turning the pages, downloading as CSV or XLSX
(:mod:`app.services.screening_report`) and choosing a « did you mean » for a cell not recognised
(:func:`apply_correction`) are further posts of the same list, carried compressed in a hidden field of the results'
form (:func:`pack`), so nothing is kept on the server between two requests. With JavaScript, the filter and order
buttons act in place instead, where every line is on the page.

A list accepted once can always be posted again: the page's posts may be larger than a file (PAGE_MAX_BYTES), for
the box gives back a workbook's list as text, longer than the file; what was read is bounded by its lines
(MAX_LINES) and its text (MAX_TEXT), whatever it is sent as.

Compared with an earlier screening (:mod:`app.services.screening_compare`), each line says what changed since, a
filter shows the lines new or changed, and the earlier lines no longer in the list are named.

The table shows PAGE_SIZE lines at a time (a list of 4,900 lines made a page of 17.7 MB); a list longer than that
opens with the most serious lines first.
"""

import base64
import binascii
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from app.errors import PayloadTooLarge
from app.i18n import N_, gettext
from app.ilab.reader import Finding
from app.schemas.findings import ResourceLink
from app.schemas.screening import ColumnsRead, LineProblem, Match, ScreenedLine, ScreeningResult, ScreeningState
from app.schemas.taxonomy import Labels
from app.search.text import tokenize
from app.services import resolve
from app.services.findings import FINDING_LABELS
from app.services.pages import human_date
from app.services.resource_links import ResourceIndex
from app.services.screening import (
    GROUP_LABELS,
    NO_FINDING_LEGEND,
    NOT_ABOUT_THE_SUPPLIER,
    NOT_ON_THE_LIST,
    ORDER_EXPLAINED,
    LineGroup,
    caveat,
    from_category,
    goods_findings,
    group,
    group_counts,
    priority,
    product_typed,
    reads,
)
from app.services.screening_compare import CHANGED_FILTER, Comparison, PageComparison, page_comparison
from app.services.screening_files import screened_now
from app.services.screening_headers import supplier_column
from app.services.screening_input import LONG_TEXT, MAX_BYTES, MAX_TEXT, ParsedInput, correct, editable, unreadable
from app.services.screening_report import RESULT, Options
from app.services.screening_split import Correction, one_line_per_country, several_countries, splittable
from app.services.site import layout
from app.services.site.layout import Meta

SEVERITY = "severity"  # the table's other order: most serious first (app.services.screening.priority)
LIST_ORDER = "list"
PAGE_SIZE = 50
# A page's post: a file (MAX_BYTES) and the box, which may hold the list as read, up to MAX_TEXT characters (two
# bytes each for accented text, twice that if every cell were quoted); or the carried list, compressed.
PAGE_MAX_BYTES = MAX_BYTES + 3 * MAX_TEXT + 64 * 1024
PACKED = "z:"  # a carried list compressed (zlib, then base64); a plain one is CSV text

# The sample list: real pairs of each state, as a buyer would type them.
SAMPLE_ROWS = {
    "fr": (
        ("Référence", "Pays", "Produit"),
        ("F-001", "Côte d’Ivoire", "fèves de cacao"),
        ("F-002", "Brésil", "cacao"),
        ("F-003", "Bangladesh", "t-shirts"),
        ("F-004", "Chine", "batteries lithium-ion"),
        ("F-005", "Ouzbékistan", "coton"),
        ("F-006", "Albanie", "cacao"),
        ("F-007", "France", "vêtements"),
        ("F-008", "Pérou", "or"),
        ("F-009", "Inde", "briques"),
        ("F-010", "Narnia", "cacao"),
    ),
    "en": (
        ("Reference", "Country", "Product"),
        ("S-001", "Ivory Coast", "cocoa beans"),
        ("S-002", "Brazil", "cocoa"),
        ("S-003", "Bangladesh", "t-shirts"),
        ("S-004", "China", "lithium-ion batteries"),
        ("S-005", "Uzbekistan", "cotton"),
        ("S-006", "Albania", "cocoa"),
        ("S-007", "USA", "garments"),
        ("S-008", "Peru", "gold"),
        ("S-009", "India", "bricks"),
        ("S-010", "Narnia", "cocoa"),
    ),
}
BADGE_SYMBOLS = {
    LineGroup.finding: "▲",
    LineGroup.assessed_no_finding: "●",
    LineGroup.listed_only: "◐",  # half of what ILAB publishes covers the country: its List of Goods, not its Findings
    LineGroup.not_assessed: "○",
    LineGroup.unresolved: "?",
}


# A supplier's name beside its reference in the table, cut to this many characters (the downloads have it whole).
SUPPLIER_NAME_LENGTH = 40
ORIGIN_LETTER = "tool-origin-information-request"  # the centre's letter asking a supplier where the goods come from
# What a buyer does after a screening, in that order: rate the pairs' risks, ask suppliers where the goods come from,
# write the clauses, use the public procurement code. A fixed list of the centre's own tools rather than a rule: the
# rule « tools and methods for public buyers » picks 28 resources, and a short list in the order of doing is what a
# buyer can act on. A resource not published is left out (ResourceIndex.link).
BUYER_TOOLS = ("tool-risk-scoring-grid", ORIGIN_LETTER, "tool-contract-clauses", "method-public-procurement")


def sample_csv(lang: str) -> bytes:
    """The sample file: semicolons and a BOM, so that a French Excel opens it in columns with its accents."""
    rows = SAMPLE_ROWS["fr" if lang == "fr" else "en"]
    return ("\ufeff" + "\r\n".join(";".join(row) for row in rows) + "\r\n").encode("utf-8")


def page_meta(base_url: str, lang: str) -> Meta:
    return layout.page_meta(
        base_url,
        "screening",
        lang,
        title=gettext(lang, "Screen your suppliers"),
        description=gettext(lang, "Screen a list of suppliers against ILAB’s findings, country by product."),
    )


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Suggestion:
    """A « did you mean » the buyer can choose: the form posts ``value`` as ``fix`` (:func:`apply_correction`)."""

    name: str
    value: str


@dataclass(frozen=True)
class Row:
    line: int
    reference: str
    country_input: str
    country: str
    country_typed: str  # the input, shown under the country's name where it says more than a spelling of it
    country_note: str  # a close spelling says it was corrected, from what was typed (then not shown as typed)
    country_suggestions: Sequence[Suggestion]
    country_unrecognised: bool  # and no suggestion: the cell says how to write it
    country_several: bool  # the cell is a name that may be several countries (« Corée »): which one?
    country_split: bool  # the cell names several countries apart: a button splits the line (screening_split)
    country_apart: str  # such a cell that cannot be split as it is: the lines to write instead ("" for another)
    product_input: str
    product: str
    product_typed: str
    product_note: str
    product_suggestions: Sequence[Suggestion]
    product_unrecognised: bool
    product_hint: str  # what to do about it when no suggestion came (screening.NOT_ON_THE_LIST)
    product_category: str  # « secteur tiré de la catégorie », where the line was screened on its category
    supplier: str  # the supplier's name, from the list's other columns (supplier_names())
    state: str  # its group (app.services.screening.LineGroup), which its badge says and the filters show
    state_label: str
    symbol: str
    findings: Sequence[str]  # each of ILAB's goods with its own findings (screening.goods_findings)
    sector_goods: str  # a line read as a broad sector: the goods its findings are about (cobalt, not lithium)
    indicators: str
    inputs: str
    reads: Sequence[Link]
    caveat: str  # what « no finding » must not be read as here (a good taken off ILAB's list…)
    country_sheet: str  # the country's sheet, which says more
    origin_letter: str  # a country ILAB does not assess: the centre's letter asking where the goods come from
    change: str  # what changed since the earlier screening compared with ("" without one)
    changed: bool  # new or changed since: what the filter « New or changed since » shows


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    symbol: str
    count: int


@dataclass(frozen=True)
class View:
    rows: Sequence[Row]  # this page's
    problems: Sequence[tuple[int, str, str]]  # line, reason, its cells as read
    counts: Sequence[StateCount]
    findings: Sequence[tuple[str, int]]  # lines per finding (a line may have several)
    total: int  # the lines screened
    read: int  # every line of the list, the unreadable ones too
    unreadable: int
    shown_state: str  # "" for all
    order: str  # LIST_ORDER, or SEVERITY for the most serious first
    ranks: Mapping[int, int]  # line number → its place in the most-serious-first order (the script sorts by it)
    screened_on: str  # when, in words (:func:`screened_when`): a printed result says when it was true
    page: int  # 1 for the first
    pages: int
    shown: int  # the lines of the state shown (all of them without a filter)
    first: int  # this page's first and last lines among those shown, from 1
    last: int
    complete: bool  # every line is in the table: the script may filter and sort it in place
    legend: Sequence[tuple[str, str, str]]  # symbol, label and meaning of each way a line has no finding
    order_note: str  # what « most serious first » puts first (screening.ORDER_EXPLAINED)
    not_about_supplier: str  # a finding is about the pair, not the supplier (screening.NOT_ABOUT_THE_SUPPLIER)
    result_column: str  # the name of the findings' column, as the downloads name it (screening_report.RESULT)
    tools: Sequence[Link]  # what to read next, for every line: the centre's tools for buyers (BUYER_TOOLS)
    comparison: PageComparison | None  # what changed since an earlier screening, when one is compared
    columns_read: str = ""  # which of the buyer's columns were read as what (app.services.screening_columns.said)

    @property
    def options(self) -> Options:
        """What the downloads hold: what the page shows, all its pages."""
        state = LineGroup(self.shown_state) if self.shown_state in set(LineGroup) else None
        changed_only = self.shown_state == CHANGED_FILTER
        return Options(state=state, most_serious_first=self.order == SEVERITY, changed_only=changed_only)


def _note(lang: str, line: ScreenedLine, which: str) -> str:
    """A cell read as a close spelling says it was corrected, from what, and asks to check it: a slip of the finger
    may be another word (« pompes », pumps, one AZERTY key from « pommes »)."""
    match = line.country_match if which == "country" else line.product_match
    if match.method != "fuzzy":
        return ""
    typed = line.country_input if which == "country" else line.product_input
    return gettext(lang, "corrected from “%(typed)s”: check it", typed=typed.strip())


def _names_several(match: Match) -> bool:
    """Whether a cell not recognised names two or more as written: a question to ask, not a spelling to fix."""
    named = [c for c in match.candidates if c.score >= resolve.NAMED]
    return match.method == "none" and len(named) >= 2 and len(named) == len(match.candidates)


def _suggestions(lang: str, line: ScreenedLine, which: str) -> list[Suggestion]:
    """The « did you mean » of a cell not recognised, each with what the form posts to put it in the line; none for
    a cell of several countries apart, where none is meant alone."""
    match = line.country_match if which == "country" else line.product_match
    if match.method != "none" or (which == "country" and several_countries(line)):
        return []
    names = [c.labels.fr if lang == "fr" else c.labels.en for c in match.candidates]
    return [Suggestion(name, f"{line.line}:{which}:{name}") for name in names]


def apply_correction(parsed: ParsedInput, fix: str) -> tuple[ParsedInput, Correction | None]:
    """The list with the « did you mean » the buyer chose (``fix``: ``line:country|product:name``) in its line;
    unchanged when ``fix`` names no line or column of it (a list changed in between)."""
    number, column, value = [*fix.split(":", 2), "", ""][:3]
    if not number.isdigit():
        return parsed, None
    corrected = correct(parsed, int(number), column, value)
    if corrected is None:
        return parsed, None
    item = next(i for i in parsed.lines if i.line == int(number))
    before = item.country if column == "country" else item.product or item.category
    return corrected, Correction(int(number), before, value.strip())


def _typed(name: str, typed: str) -> str:
    """``typed`` unless it spells ``name`` but for case, accents and punctuation (« Cote d'Ivoire »)."""
    return typed if name and tokenize(name) != tokenize(typed) else ""


def _percent(lang: str, share: float | None) -> str:
    if share is None:
        return ""
    number = f"{share * 100:.1f}".replace(".", "," if lang == "fr" else ".")
    return number + ("\u202f%" if lang == "fr" else "%")


def _row(
    lang: str, line: ScreenedLine, resources: dict[str, ResourceLink], supplier: str, comparison: Comparison | None
) -> Row:
    def label(labels: Labels) -> str:
        return labels.fr if lang == "fr" else labels.en

    indicators = line.country_indicators
    parts: list[str] = []
    if indicators is not None and indicators.advancement is not None:
        parts.append(gettext(lang, "ILAB advancement: %(level)s", level=label(indicators.advancement.labels)))
    if indicators is not None and indicators.working_children_share is not None:
        share = _percent(lang, indicators.working_children_share)
        parts.append(gettext(lang, "Children aged 5–14 working: %(share)s", share=share))
    inputs = ("\u202f; " if lang == "fr" else "; ").join(  # French: a narrow no-break space before « ; »
        gettext(
            lang,
            "%(good)s: inputs from %(country)s",
            good=label(e.good.labels),
            country=label(e.input_source_country.labels),
        )
        for e in line.exploited_inputs
        if e.input_source_country is not None
    )
    sector_goods = (
        gettext(
            lang,
            "ILAB’s goods of this sector in this country: %(goods)s",
            goods=", ".join(label(g.good.labels) for g in line.goods),
        )
        if line.commodity is None and line.goods
        else ""
    )
    product = line.commodity.labels if line.commodity else line.sector.labels if line.sector else None
    warning = caveat(line)
    letter = resources.get(ORIGIN_LETTER)
    sheet = resources.get(f"country-{line.country.code.lower()}") if line.country else None
    country_name = label(line.country.labels) if line.country else ""
    product_name = label(product) if product else ""
    typed = line.product_input or line.category_input or ""  # a line without a product: its category, as typed
    read_from = from_category(line)
    apart = several_countries(line)
    split = apart and splittable(line)
    return Row(
        line=line.line,
        reference=line.reference or "",
        country_input=line.country_input,
        country=country_name,
        country_typed="" if line.country_match.method == "fuzzy" else _typed(country_name, line.country_input),
        country_note=_note(lang, line, "country"),
        country_suggestions=_suggestions(lang, line, "country"),
        country_unrecognised=line.country is None,
        country_several=not apart and _names_several(line.country_match),
        country_split=split,
        country_apart=one_line_per_country(line, lang) if apart and not split else "",
        product_input=product_typed(line, lang),
        product=product_name,
        product_typed="" if line.product_match.method == "fuzzy" else _typed(product_name, typed),
        product_note=_note(lang, line, "product"),
        product_suggestions=_suggestions(lang, line, "product"),
        product_unrecognised=line.commodity is None and line.sector is None,
        product_hint=gettext(lang, NOT_ON_THE_LIST),
        product_category=label(read_from) if read_from else "",
        supplier=_short(supplier),
        state=group(line).value,
        state_label=label(line.state_labels),
        symbol=BADGE_SYMBOLS[group(line)],
        findings=goods_findings(line, lang),
        sector_goods=sector_goods,
        indicators=" · ".join(parts),
        inputs=inputs,
        reads=[
            Link(
                label(resources[key].title), resources[key].page_url.fr if lang == "fr" else resources[key].page_url.en
            )
            for key in reads(line, lang)
            if key in resources
        ],
        caveat=label(warning) if warning else "",
        country_sheet=label(sheet.page_url) if warning and sheet else "",
        origin_letter=_url(lang, letter) if letter and line.state == ScreeningState.not_assessed else "",
        change=comparison.said(line.line, lang) if comparison else "",
        changed=comparison is not None and comparison.is_changed(line.line),
    )


def _short(text: str) -> str:
    """``text`` cut at a word to :data:`SUPPLIER_NAME_LENGTH` characters, an ellipsis saying so."""
    text = " ".join(text.split())
    if len(text) <= SUPPLIER_NAME_LENGTH:
        return text
    cut = text[: SUPPLIER_NAME_LENGTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def supplier_names(result: ScreeningResult) -> dict[int, str]:
    """Each line's supplier name (line number → name), from the list's column that names them
    (:func:`~app.services.screening_headers.supplier_column`); empty when the list has none."""
    cells = {name: [line.buyer_columns.get(name, "") for line in result.lines] for name in result.buyer_columns}
    column = supplier_column(cells)
    if column is None:
        return {}
    return {line.line: line.buyer_columns.get(column, "") for line in result.lines}


def _url(lang: str, link: ResourceLink) -> str:
    return link.page_url.fr if lang == "fr" else link.page_url.en


# What the public procurement law allows against a finding (the results say it is no ground for exclusion on its
# own, and lead there), by the reader's language: the centre's guide to the French code, and for a reader in English
# the EU directive first, which every member state's code transposes (the French code alone was an odd lead for a
# buyer outside France).
PROCUREMENT_GUIDES = {
    "fr": ("method-public-procurement",),
    "en": ("law-eu-public-procurement-directive", "method-public-procurement"),
}


def _links(lang: str, links: ResourceIndex, keys: Sequence[str]) -> list[Link]:
    """The resources ``keys`` that are published, titled in ``lang``."""
    found = [link for link in map(links.link, keys) if link is not None]
    return [Link(link.title.fr if lang == "fr" else link.title.en, _url(lang, link)) for link in found]


def buyer_tools(lang: str, links: ResourceIndex) -> list[Link]:
    """The centre's tools for buyers (BUYER_TOOLS) that are published, titled in ``lang``."""
    return _links(lang, links, BUYER_TOOLS)


def procurement_guides(lang: str, links: ResourceIndex) -> list[Link]:
    """What the public procurement law allows, for a reader of ``lang`` (:data:`PROCUREMENT_GUIDES`), those
    published."""
    return _links(lang, links, PROCUREMENT_GUIDES["fr" if lang == "fr" else "en"])


def _as_read(lang: str, problem: LineProblem) -> str:
    cells = (problem.reference, problem.country_input, problem.product_input)
    return ("\u202f; " if lang == "fr" else "; ").join(cell for cell in cells if cell)


def build_view(
    lang: str,
    result: ScreeningResult,
    state: str,
    order: str = "",
    page: int = 1,
    *,
    tools: Sequence[Link] = (),
    comparison: Comparison | None = None,
    screened_at: datetime | None = None,
    columns_read: str = "",
) -> View:
    """The page of the table asked for: the lines of ``state``, a :class:`LineGroup` ("" for all; CHANGED_FILTER
    for those new or changed since the earlier screening of ``comparison``), in ``order`` ("" for the default: the
    most serious first where the list is longer than a page, else the list's own); ``tools`` to read next, under
    the table (:func:`buyer_tools`); screened at ``screened_at`` (None: now); ``columns_read``: the columns read, said
    above the results."""
    since = comparison is not None and state == CHANGED_FILTER
    chosen = state if state in set(LineGroup) or since else ""
    if order not in (SEVERITY, LIST_ORDER):
        order = SEVERITY if len(result.lines) > PAGE_SIZE else LIST_ORDER
    by_priority = sorted(result.lines, key=priority)

    def kept(line: ScreenedLine) -> bool:
        if comparison is not None and since:
            return comparison.is_changed(line.line)
        return not chosen or group(line) == chosen

    lines = [line for line in (by_priority if order == SEVERITY else result.lines) if kept(line)]
    pages = max(1, -(-len(lines) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    on_page = lines[start : start + PAGE_SIZE]

    def label(labels: Labels) -> str:
        return labels.fr if lang == "fr" else labels.en

    names = supplier_names(result)
    return View(
        rows=[_row(lang, line, result.resources, names.get(line.line, ""), comparison) for line in on_page],
        problems=[(p.line, gettext(lang, p.reason), _as_read(lang, p)) for p in result.errors],
        counts=[
            StateCount(kind.value, label(GROUP_LABELS[kind]), BADGE_SYMBOLS[kind], count)
            for kind, count in group_counts(result).items()
        ],
        findings=[(label(FINDING_LABELS[f]), result.summary.by_finding.get(f, 0)) for f in Finding],
        total=result.summary.screened,
        read=result.summary.lines,
        unreadable=result.summary.rejected,
        shown_state=chosen,
        order=order,
        ranks={line.line: rank for rank, line in enumerate(by_priority)},
        screened_on=screened_when(screened_at or screened_now(), lang),
        page=page,
        pages=pages,
        shown=len(lines),
        first=start + 1 if on_page else 0,
        last=start + len(on_page),
        complete=not chosen and len(result.lines) <= PAGE_SIZE,
        legend=[
            (BADGE_SYMBOLS[kind], label(GROUP_LABELS[kind]), gettext(lang, meaning))
            for kind, meaning in NO_FINDING_LEGEND.items()
        ],
        order_note=gettext(lang, ORDER_EXPLAINED),
        not_about_supplier=gettext(lang, NOT_ABOUT_THE_SUPPLIER),
        result_column=label(RESULT),
        tools=tools,
        comparison=page_comparison(comparison, lang) if comparison else None,
        columns_read=columns_read,
    )


# When the list was screened, as its downloads' names say it (« criblage-2026-12-03-14h05-UTC.xlsx »): the minute in
# UTC, saying so. Not the server's local day: the buyer's zone is unknown (app.services.screening_files.file_name),
# and a server's own zone would date the page a day apart from the workbook it downloads.
SCREENED_AT = N_("%(day)s at %(time)s UTC")


def screened_when(at: datetime, lang: str) -> str:
    """« 3 décembre 2026 à 14 h 05 UTC », "3 December 2026 at 14:05 UTC": the instant ``at``, in UTC."""
    moment = at.astimezone(UTC)
    time = f"{moment.hour}\u00a0h\u00a0{moment:%M}" if lang == "fr" else f"{moment:%H:%M}"
    return gettext(lang, SCREENED_AT, day=human_date(moment.date(), lang), time=time)


@dataclass(frozen=True)
class Asked:
    """What a post of the results' form asks for: what the page showed (``state``, ``order``, ``page``) changed by
    the button pressed (``set_state``, ``set_order``, ``set_page``); and whether the focus goes to the results'
    heading (``to_results``): not after a filter, an order or a page, whose button posts to its own place in the
    answer (the browser focuses what the address's fragment names, and then ignores ``autofocus``)."""

    state: str
    order: str
    page: int
    to_results: bool


def asked(form: Mapping[str, object]) -> Asked:
    def value(name: str) -> str:
        given = form.get(f"set_{name}", form.get(name))
        return given if isinstance(given, str) else ""

    changed = "set_state" in form or "set_order" in form  # another filter or order starts at its first page
    page = value("page")
    pressed = changed or "set_page" in form
    return Asked(value("state"), value("order"), 1 if changed or not page.isdigit() else int(page), not pressed)


MAX_SOURCE_NAME = 200


def source_name(filename: object) -> str:
    """The buyer's file's name as the workbook's summary says it (and the results' form carries it): its last part
    (a browser may send a path), without control characters, at most MAX_SOURCE_NAME characters; "" for none."""
    if not isinstance(filename, str):
        return ""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in name if c.isprintable()).strip()[:MAX_SOURCE_NAME]


def box_text(lang: str, parsed: ParsedInput) -> str:
    """The list as read, back in the box (:func:`editable`) under the names the buyer's header gave its columns
    (« Country of origin », « Commodity »: a list corrected and screened again still reads as theirs), the page's
    words for a role the list had no column for and for a list without a header. A name reads back as the same
    column: it was read for its role as the best of the list's names, and it comes before the buyer's other columns,
    which win no tie against it; so does a category read as the product where the list has no product column."""
    ours = gettext(lang, "reference;country;product").split(";")
    theirs = parsed.read or ColumnsRead()  # restored by the results' form's posts (screening_columns.restore)
    given = (theirs.reference, theirs.country, theirs.product)
    header = [name or word for name, word in zip(given, ours, strict=True)]
    return editable(parsed, header, theirs.line or gettext(lang, "line"))


def check_size(listed: str) -> None:
    """Refuses a list whose text, put back in the box, could not be posted again with a file (PAGE_MAX_BYTES): a
    list accepted once can always be corrected and screened again."""
    if len(listed.encode("utf-8")) > PAGE_MAX_BYTES - MAX_BYTES - 64 * 1024:
        raise unreadable(LONG_TEXT)


def pack(carried: str) -> str:
    """The carried list as the page's hidden field holds it: compressed (a list of 4,900 lines, 2 MB of text, was
    sent back with each post and written in each form), base64 for an HTML attribute."""
    return PACKED + base64.b64encode(zlib.compress(carried.encode("utf-8"), 6)).decode("ascii")


def unpack(value: str) -> str:
    """The carried list a form sent back (or its text, from a page older than compression); unpacked within
    PAGE_MAX_BYTES, whatever it claims to unpack to."""
    if not value.startswith(PACKED):
        return value
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(base64.b64decode(value[len(PACKED) :], validate=True), PAGE_MAX_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        return ""  # not a list: the page asks for one
    if inflater.unconsumed_tail:
        raise PayloadTooLarge("The carried list is over the page's limit.")
    return text.decode("utf-8", errors="replace")
