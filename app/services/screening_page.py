"""The screening page (``/fr/outils/criblage``, ``/en/tools/screening``): what its form sends, what it shows.

The page works without JavaScript: the list is posted (pasted text or an uploaded file), the answer is the
result table; filtering by state, downloading as CSV or XLSX (:mod:`app.services.screening_report`) and choosing a
« did you mean » for a cell not recognised (:func:`apply_correction`) are further posts of the same list, carried
in a hidden field of each form (:func:`app.services.screening_input.carry`), so nothing is kept on the server
between two requests. With JavaScript, the filter buttons hide rows in place instead.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.i18n import gettext
from app.ilab.reader import Finding
from app.schemas.findings import ResourceLink
from app.schemas.screening import LineProblem, ScreenedLine, ScreeningResult, ScreeningState
from app.schemas.taxonomy import Labels
from app.search.text import tokenize
from app.services.findings import FINDING_LABELS
from app.services.pages import human_date
from app.services.screening import STATE_LABELS, priority
from app.services.screening_input import ParsedInput, correct
from app.services.site import layout
from app.services.site.layout import Meta

SEVERITY = "severity"  # the table's other order: most serious first (app.services.screening.priority)

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
    ScreeningState.finding: "▲",
    ScreeningState.assessed_no_finding: "●",
    ScreeningState.not_assessed: "○",
    ScreeningState.unresolved: "?",
}


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
    country_note: str  # "close spelling"
    country_suggestions: Sequence[Suggestion]
    country_unrecognised: bool  # and no suggestion: the cell says how to write it
    product_input: str
    product: str
    product_typed: str
    product_note: str
    product_suggestions: Sequence[Suggestion]
    product_unrecognised: bool
    state: str
    state_label: str
    symbol: str
    findings: Sequence[str]
    sector_goods: str  # a line read as a broad sector: the goods its findings are about (cobalt, not lithium)
    indicators: str
    inputs: str
    reads: Sequence[Link]


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    symbol: str
    count: int


@dataclass(frozen=True)
class View:
    rows: Sequence[Row]
    problems: Sequence[tuple[int, str, str]]  # line, reason, its cells as read
    counts: Sequence[StateCount]
    findings: Sequence[tuple[str, int]]
    total: int
    shown_state: str  # "" for all
    order: str  # "" for the list's, SEVERITY for the most serious first
    ranks: Mapping[int, int]  # line number → its place in the most-serious-first order (the script sorts by it)
    screened_on: str  # today, in words: a printed result says when it was true


@dataclass(frozen=True)
class Correction:
    line: int
    before: str
    after: str


def _note(lang: str, line: ScreenedLine, which: str) -> str:
    match = line.country_match if which == "country" else line.product_match
    return gettext(lang, "close spelling") if match.method == "fuzzy" else ""


def _suggestions(lang: str, line: ScreenedLine, which: str) -> list[Suggestion]:
    """The « did you mean » of a cell not recognised, each with what the form posts to put it in the line."""
    match = line.country_match if which == "country" else line.product_match
    if match.method != "none":
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
    before: str = next(getattr(i, column) for i in parsed.lines if i.line == int(number))
    return corrected, Correction(int(number), before, value.strip())


def _typed(name: str, typed: str) -> str:
    """``typed`` unless it spells ``name`` but for case, accents and punctuation (« Cote d'Ivoire »)."""
    return typed if name and tokenize(name) != tokenize(typed) else ""


def _percent(lang: str, share: float | None) -> str:
    if share is None:
        return ""
    number = f"{share * 100:.1f}".replace(".", "," if lang == "fr" else ".")
    return number + ("\u202f%" if lang == "fr" else "%")


def _row(lang: str, line: ScreenedLine, resources: dict[str, ResourceLink]) -> Row:
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
    country_name = label(line.country.labels) if line.country else ""
    product_name = label(product) if product else ""
    return Row(
        line=line.line,
        reference=line.reference or "",
        country_input=line.country_input,
        country=country_name,
        country_typed=_typed(country_name, line.country_input),
        country_note=_note(lang, line, "country"),
        country_suggestions=_suggestions(lang, line, "country"),
        country_unrecognised=line.country is None,
        product_input=line.product_input,
        product=product_name,
        product_typed=_typed(product_name, line.product_input),
        product_note=_note(lang, line, "product"),
        product_suggestions=_suggestions(lang, line, "product"),
        product_unrecognised=line.commodity is None and line.sector is None,
        state=line.state.value,
        state_label=label(line.state_labels),
        symbol=BADGE_SYMBOLS[line.state],
        findings=[label(FINDING_LABELS[f]) for f in line.findings],
        sector_goods=sector_goods,
        indicators=" · ".join(parts),
        inputs=inputs,
        reads=[
            Link(
                label(resources[key].title), resources[key].page_url.fr if lang == "fr" else resources[key].page_url.en
            )
            for key in line.next
            if key in resources
        ],
    )


def _as_read(lang: str, problem: LineProblem) -> str:
    cells = (problem.reference, problem.country_input, problem.product_input)
    return ("\u202f; " if lang == "fr" else "; ").join(cell for cell in cells if cell)


def build_view(lang: str, result: ScreeningResult, state: str, order: str = "") -> View:
    shown = state if state in set(ScreeningState) else ""
    ordered = order if order == SEVERITY else ""
    by_priority = sorted(result.lines, key=priority)
    lines = by_priority if ordered else result.lines
    rows = [_row(lang, line, result.resources) for line in lines if not shown or line.state == shown]

    def label(labels: Labels) -> str:
        return labels.fr if lang == "fr" else labels.en

    return View(
        rows=rows,
        problems=[(p.line, gettext(lang, p.reason), _as_read(lang, p)) for p in result.errors],
        counts=[
            StateCount(s.value, label(STATE_LABELS[s]), BADGE_SYMBOLS[s], result.summary.by_state.get(s, 0))
            for s in ScreeningState
        ],
        findings=[(label(FINDING_LABELS[f]), result.summary.by_finding.get(f, 0)) for f in Finding],
        total=result.summary.screened,
        shown_state=shown,
        order=ordered,
        ranks={line.line: rank for rank, line in enumerate(by_priority)},
        screened_on=human_date(date.today(), lang),
    )
