"""The screening page's downloads: the buyer's list with its result, in the page's language, to file or to share.

Unlike the API's files (codes, one layout for every client: :mod:`app.services.screening_files`), a download from
the page is read by a person, without the site: headers and values in the page's language (« Pays non reconnu », not
``unresolved``), the buyer's own columns (supplier name, category, amount) beside the line number and the cells of
their file, one link a cell, numbers as numbers and, in XLSX, a frozen header with its filters, clickable links and
a summary that says when, on which data and with which tool the list was screened, in which order its lines are,
and what each value means (:mod:`app.services.screening_legend`). A French CSV is separated by semicolons with
decimal commas, as a spreadsheet set to French opens it: the centre's numbers and a workbook's (:func:`buyer_text`),
while a text list's cells stay as the buyer typed them; it has no room for a legend (a parser reads a header and
lines: a note above the header would be read as the header), but its columns say when it was screened and on which
data, and each line with a finding says in its « À savoir » what the page says above its results: a finding is about
a country and a good, not the supplier (the workbook's summary says it first too). A workbook's numbers, percentages
and dates go back to the XLSX as numbers, percentages and dates (:func:`buyer_value`, as the API's workbook has
them). A download holds the lines the page shows: all of them, or those of the filter chosen, which its name and its
summary say. Compared with an earlier screening (:mod:`app.services.screening_compare`), a download says what changed
since then in a column after the result, and its summary the earlier screening's date, its counts and the lines no
longer in the list.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.metadata import version
from typing import TYPE_CHECKING

from app.i18n import format_number, gettext
from app.ilab.reader import VINTAGE, Finding
from app.paths import page_path
from app.schemas.screening import LineProblem, ScreenedLine, ScreeningResult, ScreeningState
from app.schemas.taxonomy import Labels
from app.services.findings import FINDING_LABELS
from app.services.ilab_notice import newer_list
from app.services.screening import (
    GROUP_LABELS,
    NOT_ABOUT_THE_SUPPLIER,
    NOT_ON_THE_LIST,
    ORDER_EXPLAINED,
    LineGroup,
    caveat,
    from_category,
    goods_findings,
    group,
    group_counts,
    label,
    ordered,
    page_url,
    product_typed,
    reads,
    sheet_keys,
)
from app.services.screening_columns import named, result_sheets_said
from app.services.screening_files import file_name
from app.services.screening_input import XLSX_MEDIA_TYPE, BuyerColumns, ScreeningFormat
from app.services.screening_legend import MATCHED_BY, UNREADABLE, legend
from app.services.screening_split import one_line_per_country, several_countries
from app.services.screening_workbook import buyer_text, buyer_value
from app.services.tabular import Cell, Sheet, to_csv, xlsx

if TYPE_CHECKING:  # screening_compare reads the files this module writes, by the labels written here
    from app.services.screening_compare import Comparison

BEFORE_BUYER = (
    (Labels(fr="Ligne", en="Line"), 7.0),
    (Labels(fr="Référence", en="Reference"), 14.0),
    (Labels(fr="Pays (saisi)", en="Country (as typed)"), 18.0),
    (Labels(fr="Produit (saisi)", en="Product (as typed)"), 22.0),
)
BUYER_WIDTH = 16.0
# The result is about the pair of a country and a good, as ILAB's data has it, not about the supplier: « Résultat :
# Constat » beside a supplier's name read as an accusation. The page's column has the same name.
RESULT = Labels(fr="Constat pays-produit (ILAB)", en="Country–good finding (ILAB)")
RESULT_BEFORE = Labels(fr="Résultat", en="Result")  # its name in the files downloaded before: a comparison reads them
COUNTRY_BY = Labels(fr="Pays reconnu par", en="Country recognised by")
PRODUCT_BY = Labels(fr="Produit reconnu par", en="Product recognised by")
SHARE_COLUMN = Labels(fr="Enfants de 5 à 14 ans qui travaillent (%)", en="Children aged 5–14 working (%)")
COUNTRY_SHEET = Labels(fr="Fiche pays", en="Country sheet")
FINDINGS_COLUMN = Labels(
    fr="Constats de l’ILAB pour ce pays et ce produit", en="ILAB’s findings for this country and product"
)
# Each of ILAB's goods the findings are about, with its own (app.services.screening.goods_findings): the findings
# column has them together, the product's good's and its materials' (Chinese cotton yarn: the cotton's child labour).
GOODS_COLUMN = Labels(fr="Constats de l’ILAB par bien", en="ILAB’s findings by good")
LINK_WIDTH = 40.0  # an address: its end is what tells two apart
# The columns after the buyer's, with their widths (characters).
AFTER_BUYER = (
    (RESULT, 28.0),
    (FINDINGS_COLUMN, 28.0),
    (Labels(fr="À savoir", en="Caveat"), 28.0),
    (Labels(fr="Ligne illisible\u00a0: raison", en="Unreadable line: reason"), 24.0),
    (Labels(fr="Pays reconnu", en="Country recognised"), 18.0),
    (Labels(fr="Code pays (ISO)", en="Country code (ISO)"), 9.0),
    (COUNTRY_BY, 18.0),
    (Labels(fr="Pays\u00a0: vouliez-vous dire\u202f?", en="Country: did you mean?"), 18.0),
    (Labels(fr="Produit reconnu", en="Product recognised"), 22.0),
    (Labels(fr="Secteur", en="Sector"), 20.0),
    (PRODUCT_BY, 22.0),
    (Labels(fr="Produit\u00a0: vouliez-vous dire\u202f?", en="Product: did you mean?"), 20.0),
    (GOODS_COLUMN, 28.0),
    (Labels(fr="Fabriqué avec des intrants exploités (origine)", en="Made with exploited inputs (from)"), 24.0),
    (Labels(fr="Constat le plus grave du pays (ILAB)", en="Country’s most serious finding (ILAB)"), 22.0),
    (Labels(fr="Niveau de progrès (ILAB)", en="ILAB advancement level"), 18.0),
    (SHARE_COLUMN, 12.0),
    (COUNTRY_SHEET, LINK_WIDTH),
    (Labels(fr="Fiche produit", en="Product sheet"), LINK_WIDTH),
)
AFTER_NAMES = tuple(name for name, _ in AFTER_BUYER)
# Compared with an earlier screening: what changed, in a column after the result and its findings (the reader of an
# earlier file finds the result by them, side by side).
CHANGE_AT, CHANGE_WIDTH = 2, 28.0
SHARE = AFTER_NAMES.index(SHARE_COLUMN)
SHEETS = AFTER_NAMES.index(COUNTRY_SHEET)
READ_NEXT = Labels(fr="À lire ensuite", en="Read next")
# The CSV's last columns: when and on what the list was screened, on every line (the CSV has no summary).
RECORD_COLUMNS = (Labels(fr="Criblé le", en="Screened on"), Labels(fr="Édition des données", en="Data edition"))
SUMMARY = {
    "title": Labels(fr="Synthèse", en="Summary"),
    "sheet": Labels(fr="Criblage", en="Screening"),
    "on": Labels(fr="Criblé le", en="Screened on"),
    "lines": Labels(fr="Lignes lues", en="Lines read"),
    "screened": Labels(fr="Lignes criblées", en="Lines screened"),
    "rejected": Labels(fr="Lignes illisibles", en="Unreadable lines"),
    "by_finding": Labels(fr="Lignes par constat", en="Lines per finding"),
    "inputs": Labels(fr="Lignes fabriquées avec des intrants exploités", en="Lines made with exploited inputs"),
    "source": Labels(fr="Source", en="Source"),
    "file": Labels(fr="Fichier d’origine", en="Original file"),
    "pasted": Labels(fr="Liste collée dans la page", en="List pasted in the page"),
    "sheet_read": Labels(fr="Feuille lue", en="Sheet read"),
    "columns": Labels(fr="Colonnes lues", en="Columns read"),  # by the buyer's names: screening_columns.named
    "caveat": Labels(fr="À savoir", en="Caveat"),
    "finding": Labels(fr="Portée d’un constat", en="What a finding says"),
    # The page's words under its results (templates/screening.html), for the file kept as a record.
    "no_risk": Labels(
        fr="L’absence de constat ne signifie pas l’absence de risque\u00a0: l’ILAB recense ce qu’il a pu documenter.",
        en="No finding does not mean no risk: ILAB lists what it could document.",
    ),
    "edition": Labels(fr="Édition des données", en="Data edition"),
    "newer": Labels(fr="Édition plus récente", en="Newer edition"),
    "data": Labels(
        fr="ILAB {vintage}\u00a0: liste des biens produits par le travail des enfants ou le travail forcé, et "
        "constats annuels sur les pires formes de travail des enfants",
        en="ILAB {vintage}: List of Goods Produced by Child Labor or Forced Labor, and Findings on the Worst Forms of "
        "Child Labor",
    ),
    "tool": Labels(fr="Outil de criblage", en="Screening tool"),
    "about": Labels(fr="Méthode et sources", en="Method and sources"),
    "version": Labels(fr="Version de l’outil", en="Tool version"),
    "order": Labels(fr="Ordre des lignes", en="Order of the lines"),
    "list_order": Labels(fr="Celui de votre liste", en="The order of your list"),
    "legend": Labels(fr="Légende", en="Legend"),
    "legend_note": Labels(
        fr="Ce que veulent dire les valeurs des colonnes de la feuille « {sheet} »",
        en="What the values in the columns of the “{sheet}” sheet mean",
    ),
    "shown": Labels(fr="Lignes de ce fichier", en="Lines in this file"),
    "all": Labels(fr="Toutes", en="All"),
    "only": Labels(fr="{state} seulement\u00a0: {count} sur {total}", en="{state} only: {count} of {total}"),
    "changed_only": Labels(
        fr="Nouvelles ou changées depuis le criblage du {date} seulement\u00a0: {count} sur {total}",
        en="New or changed since the screening of {date} only: {count} of {total}",
    ),
    "compared": Labels(fr="Comparé au criblage du", en="Compared with the screening of"),
    "compared_lines": Labels(fr="Lignes du fichier précédent", en="Lines in the earlier file"),
}
FILE_STEM = Labels(fr="criblage", en="screening")
CHANGED_STEM = Labels(fr="changements", en="changes")  # a download of the lines new or changed since
# A download of one group's lines says so in its name: « criblage-constat-2025-03-12.csv ».
GROUP_STEMS: dict[LineGroup, Labels] = {
    LineGroup.finding: Labels(fr="constat", en="finding"),
    LineGroup.assessed_no_finding: Labels(fr="sans-constat", en="no-finding"),
    LineGroup.listed_only: Labels(fr="liste-sans-constat", en="list-no-finding"),
    LineGroup.not_assessed: Labels(fr="non-evalue", en="not-assessed"),
    LineGroup.unresolved: Labels(fr="non-reconnu", en="unresolved"),
}


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _matched_by(line: ScreenedLine, lang: str) -> str:
    """How the product was recognised, and from the category where it was (« nom — secteur tiré de la catégorie »)."""
    method = label(MATCHED_BY[line.product_match.method], lang)
    read = from_category(line)
    return f"{method} — {label(read, lang)}" if read else method


def _caveat(line: ScreenedLine, lang: str) -> str:
    """What the line must not be read as (:func:`~app.services.screening.caveat`); for a line with a finding, that
    it is no finding against the supplier (:data:`~app.services.screening.NOT_ABOUT_THE_SUPPLIER`, which the page
    says above its results); or, for a product not recognised and without a « did you mean », that ILAB's list has
    no entry for it and what to do: the page says it in the product's cell, which a file does not have. A line of
    several countries says the lines to write, as the page does beside its country (its « did you mean » column is
    empty: no one of them is meant)."""
    warning = caveat(line)
    if warning is not None:
        return label(warning, lang)
    if line.state == ScreeningState.finding:
        return gettext(lang, NOT_ABOUT_THE_SUPPLIER)
    said = [one_line_per_country(line, lang)] if several_countries(line) else []
    unknown = line.state == ScreeningState.unresolved and line.commodity is None and line.sector is None
    if unknown and not line.product_match.candidates:
        said.append(gettext(lang, NOT_ON_THE_LIST))
    return " ".join(said)


def _line_cells(line: ScreenedLine, result: ScreeningResult, lang: str, reads: int) -> tuple[list[Cell], list[Cell]]:
    """A screened line's cells before and after the buyer's columns."""

    def page(key: str) -> str:
        return page_url(result, key, lang) if key in line.next else ""

    country_key, commodity_key = sheet_keys(line)
    others = [page(key) for key in _other_reads(line, lang)]
    indicators = line.country_indicators
    share = indicators.working_children_share if indicators else None
    product = line.commodity.labels if line.commodity else line.sector.labels if line.sector else None
    before: list[Cell] = [line.line, line.reference or "", line.country_input, product_typed(line, lang)]
    after: list[Cell] = [
        label(line.state_labels, lang),
        ", ".join(label(FINDING_LABELS[f], lang) for f in line.findings),
        _caveat(line, lang),
        "",
        label(line.country.labels, lang) if line.country else "",
        line.country.code if line.country else "",
        label(MATCHED_BY[line.country_match.method], lang),
        "" if several_countries(line) else ", ".join(label(c.labels, lang) for c in line.country_match.candidates),
        label(product, lang),
        label(line.sector.labels, lang) if line.sector else "",
        _matched_by(line, lang),
        ", ".join(label(c.labels, lang) for c in line.product_match.candidates),
        "; ".join(goods_findings(line, lang)),
        "; ".join(
            f"{label(e.good.labels, lang)} ({label(e.input_source_country.labels, lang)})"
            for e in line.exploited_inputs
            if e.input_source_country
        ),
        label(indicators.status_labels, lang) if indicators else "",
        label(indicators.advancement.labels, lang) if indicators and indicators.advancement else "",
        round(share * 100, 1) if share is not None else "",
        page(country_key),
        page(commodity_key),
        *others,
        *[""] * (reads - len(others)),
    ]
    return before, after


def _problem_cells(problem: LineProblem, lang: str, reads: int) -> tuple[list[Cell], list[Cell]]:
    before: list[Cell] = [problem.line, problem.reference, problem.country_input, problem.product_input]
    after: list[Cell] = [label(UNREADABLE, lang), "", "", gettext(lang, problem.reason)]
    return before, after + [""] * (len(AFTER_BUYER) - len(after) + reads)


def _header(lang: str, buyer: BuyerColumns, reads: int, comparison: "Comparison | None") -> list[str]:
    names = [label(name, lang) for name, _ in BEFORE_BUYER]
    names += buyer.names
    after = [label(name, lang) for name in AFTER_NAMES]
    if comparison is not None:
        after.insert(CHANGE_AT, comparison.heading(lang, in_words=False))
    return names + after + [f"{label(READ_NEXT, lang)} {n}" for n in range(1, reads + 1)]


def _widths(buyer: BuyerColumns, reads: int, comparison: "Comparison | None") -> dict[int, float]:
    """Every column's width: the buyer's alike, an address's wide enough to tell it from the next."""
    widths = [width for _, width in BEFORE_BUYER] + [BUYER_WIDTH] * len(buyer.names)
    after = [width for _, width in AFTER_BUYER]
    if comparison is not None:
        after.insert(CHANGE_AT, CHANGE_WIDTH)
    widths += after + [LINK_WIDTH] * reads
    return dict(enumerate(widths))


def _other_reads(line: ScreenedLine, lang: str) -> list[str]:
    sheets = sheet_keys(line)
    return [key for key in reads(line, lang) if key not in sheets]


def _reads(result: ScreeningResult) -> int:
    """How many "read next" columns the lines need: one link a cell."""
    return max((len(_other_reads(line, "en")) for line in result.lines), default=0)  # as many in either language


def _rows(
    result: ScreeningResult,
    lang: str,
    buyer: BuyerColumns,
    reads: int,
    options: "Options",
    comparison: "Comparison | None",
    *,
    xlsx: bool,
) -> Iterable[list[Cell]]:
    for item in _shown(result, options, comparison):
        if isinstance(item, ScreenedLine):
            before, after = _line_cells(item, result, lang, reads)
        else:
            before, after = _problem_cells(item, lang, reads)
        if comparison is not None:
            after.insert(CHANGE_AT, comparison.said(item.line, lang))
        own = buyer.of(item.line)
        if xlsx:
            cells: list[Cell] = [buyer_value(text, buyer.workbook, lang) for text in own]
        else:
            cells = [buyer_text(text, buyer.workbook, lang) for text in own]
        yield [*before, *cells, *after]


@dataclass(frozen=True)
class Options:
    """What the page shows, which its downloads hold: the lines of one group (``None``: all, the unreadable ones
    too), or those new or changed since an earlier screening (``changed_only``), in the list's order or the most
    serious first."""

    state: LineGroup | None = None
    most_serious_first: bool = False
    changed_only: bool = False


@dataclass(frozen=True)
class Record:
    """What a download says of itself: when it was screened (``screened_at``: its name says the minute, UTC, its
    summary and CSV the day), the buyer's file (``source``; "" for a list pasted in the page) and the site's address
    (``site``), whose tool and method pages the workbook links to."""

    screened_at: datetime
    site: str
    source: str = ""

    @property
    def today(self) -> date:
        """The day it was screened, in UTC as its file's name says it."""
        return self.screened_at.astimezone(UTC).date()


def _shown(
    result: ScreeningResult, options: Options, comparison: "Comparison | None"
) -> list[ScreenedLine | LineProblem]:
    every = ordered(result, most_serious_first=options.most_serious_first)
    if options.changed_only and comparison is not None:
        return [item for item in every if isinstance(item, ScreenedLine) and comparison.is_changed(item.line)]
    if options.state is None:
        return every
    return [item for item in every if isinstance(item, ScreenedLine) and group(item) == options.state]


def report_csv(
    result: ScreeningResult,
    lang: str,
    buyer: BuyerColumns,
    options: Options = Options(),
    *,
    today: date,
    comparison: "Comparison | None" = None,
) -> str:
    """The CSV: semicolons and decimal commas in French, commas and points in English; the day it was screened and
    the data's edition on every line, the last two columns; compared with an earlier screening, what changed since
    in a column whose header says its date."""
    reads = _reads(result)
    rows = _rows(result, lang, buyer, reads, options, comparison, xlsx=False)
    record = [today.isoformat(), f"ILAB {VINTAGE}"]
    text = ([*(_decimal(c, lang) if isinstance(c, float) else str(c) for c in row), *record] for row in rows)
    header = [*_header(lang, buyer, reads, comparison), *(label(name, lang) for name in RECORD_COLUMNS)]
    return to_csv(header, text, delimiter=";" if lang == "fr" else ",")


def report_xlsx(
    result: ScreeningResult,
    lang: str,
    buyer: BuyerColumns,
    options: Options = Options(),
    *,
    record: Record,
    comparison: "Comparison | None" = None,
) -> bytes:
    """The workbook: the lines (header frozen and filtered, every link clickable) and the summary, which says what
    the file is (:class:`Record`), what the result must not be read as and what its values mean; compared with an
    earlier screening, what changed since, in a column and in the summary."""
    reads = _reads(result)
    first = len(BEFORE_BUYER) + len(buyer.names) + (comparison is not None)  # the columns after it come one later
    links = first + SHEETS
    lines = Sheet(
        label(SUMMARY["sheet"], lang),
        _header(lang, buyer, reads, comparison),
        _rows(result, lang, buyer, reads, options, comparison, xlsx=True),
        widths=_widths(buyer, reads, comparison),
        formats={first + SHARE: "0.0"},
        links=frozenset(range(links, links + 2 + reads)),  # the sheets', then each reading's
    )
    summary = Sheet(
        label(SUMMARY["title"], lang),
        (),
        _summary(result, lang, options, record, comparison),
        table=False,
        widths={0: 48.0, 1: 100.0},
        links=frozenset({1}),
    )
    return xlsx([lines, summary])


def _summary(
    result: ScreeningResult, lang: str, options: Options, record: Record, comparison: "Comparison | None"
) -> Iterable[Sequence[Cell]]:
    s = result.summary
    # First, before the counts of « Constat »: what a finding is not (the page's words above its results).
    yield label(SUMMARY["finding"], lang), gettext(lang, NOT_ABOUT_THE_SUPPLIER)
    yield label(SUMMARY["on"], lang), record.today.isoformat()
    yield label(SUMMARY["file"], lang), record.source or label(SUMMARY["pasted"], lang)
    if result.sheets is not None:
        yield label(SUMMARY["sheet_read"], lang), result_sheets_said(result.sheets, lang)
    if result.columns_read is not None:
        yield label(SUMMARY["columns"], lang), named(result.columns_read, lang)
    yield label(SUMMARY["shown"], lang), _scope(result, lang, options, comparison)
    if comparison is not None:
        yield from _compared(comparison, lang)
    order = gettext(lang, ORDER_EXPLAINED) if options.most_serious_first else label(SUMMARY["list_order"], lang)
    yield label(SUMMARY["order"], lang), order
    yield label(SUMMARY["caveat"], lang), label(SUMMARY["no_risk"], lang)
    yield label(SUMMARY["edition"], lang), label(SUMMARY["data"], lang).format(vintage=VINTAGE)
    yield label(SUMMARY["newer"], lang), newer_list(lang).text
    yield label(SUMMARY["tool"], lang), record.site + page_path("screening", lang)
    yield label(SUMMARY["about"], lang), record.site + page_path("about", lang)
    yield label(SUMMARY["version"], lang), f"crv {version('crv')}"
    yield label(SUMMARY["lines"], lang), s.lines
    yield label(SUMMARY["screened"], lang), s.screened
    yield label(SUMMARY["rejected"], lang), s.rejected
    yield from ((label(GROUP_LABELS[kind], lang), count) for kind, count in group_counts(result).items())
    yield label(SUMMARY["by_finding"], lang), ""
    yield from ((label(FINDING_LABELS[finding], lang), s.by_finding.get(finding, 0)) for finding in Finding)
    yield label(SUMMARY["inputs"], lang), s.exploited_inputs
    yield from ((label(SUMMARY["source"], lang), f"{source.title} — {source.url}") for source in result.sources)
    sheet = label(SUMMARY["sheet"], lang)
    yield label(SUMMARY["legend"], lang), label(SUMMARY["legend_note"], lang).format(sheet=sheet)
    yield from legend(lang, RESULT, (COUNTRY_BY, PRODUCT_BY))


def _compared(comparison: "Comparison", lang: str) -> Iterable[Sequence[Cell]]:
    """The earlier screening's date, which lines its file held where not all, the counts of what changed and the
    earlier lines no longer in the list, one a row."""
    yield label(SUMMARY["compared"], lang), comparison.screened_on.isoformat()
    if comparison.scope:
        yield label(SUMMARY["compared_lines"], lang), comparison.scope
    yield from comparison.tally(lang)
    yield from (("", line.said(lang)) for line in comparison.gone)


def _scope(result: ScreeningResult, lang: str, options: Options, comparison: "Comparison | None") -> str:
    """Which lines a download holds, in words: « Toutes », or « Constat seulement : 521 sur 801 »."""
    total = result.summary.lines
    if options.changed_only and comparison is not None:
        count = sum(comparison.is_changed(line.line) for line in result.lines)
        return label(SUMMARY["changed_only"], lang).format(
            date=comparison.screened_on.isoformat(),
            count=format_number(count, lang),
            total=format_number(total, lang),
        )
    if options.state is None:
        return label(SUMMARY["all"], lang)
    count = group_counts(result)[options.state]
    state = label(GROUP_LABELS[options.state], lang)
    return label(SUMMARY["only"], lang).format(
        state=state, count=format_number(count, lang), total=format_number(total, lang)
    )


def report_file(
    result: ScreeningResult,
    format: ScreeningFormat,
    lang: str,
    buyer: BuyerColumns,
    options: Options = Options(),
    *,
    record: Record,
    comparison: "Comparison | None" = None,
) -> tuple[bytes, str, str]:
    """A download of the page (CSV or XLSX): its bytes, media type and file name, dated to the minute
    (:func:`~app.services.screening_files.file_name`), which names the state its lines are limited to. The CSV is
    the table alone, a header and the lines, as a spreadsheet or a script reads it: the workbook's summary holds the
    file's name, the caveats and the legend. ``comparison``: what changed since an earlier screening, in a column of
    both and in the workbook's summary."""
    stem = label(FILE_STEM, lang)
    if options.changed_only and comparison is not None:
        stem += "-" + label(CHANGED_STEM, lang)
    elif options.state is not None:
        stem += "-" + label(GROUP_STEMS[options.state], lang)
    name = file_name(stem, format, record.screened_at, lang)
    if format == ScreeningFormat.xlsx:
        body = report_xlsx(result, lang, buyer, options, record=record, comparison=comparison)
        return body, XLSX_MEDIA_TYPE, name
    # Excel reads the BOM
    text = "\ufeff" + report_csv(result, lang, buyer, options, today=record.today, comparison=comparison)
    return text.encode("utf-8"), "text/csv; charset=utf-8", name
