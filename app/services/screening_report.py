"""The screening page's downloads: the buyer's list with its result, in the page's language, to file or to share.

Unlike the API's files (codes, one layout for every client: :func:`app.services.screening.result_file`), a
download from the page is read by a person: headers and values in the page's language (« Pays non reconnu », not
``unresolved``), the buyer's own columns (supplier name, category, amount) beside the line number and the cells of
their file, one link a cell, numbers as numbers and, in XLSX, a frozen header with its filters. A French CSV is
separated by semicolons with decimal commas, as a spreadsheet set to French opens it: the centre's numbers and a
workbook's (:func:`buyer_text`), while a text list's cells stay as the buyer typed them. A workbook's numbers,
percentages and dates go back to the XLSX as numbers, percentages and dates (:func:`buyer_value`). A download holds
the lines the page shows: all of them, or those of the filter chosen, which its name and its summary say.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.i18n import format_number, gettext
from app.ilab.reader import Finding
from app.schemas.screening import LineProblem, ScreenedLine, ScreeningResult
from app.schemas.taxonomy import Labels
from app.services.findings import FINDING_LABELS
from app.services.resolve import MatchMethod
from app.services.screening import (
    GROUP_LABELS,
    NEWER_LIST,
    LineGroup,
    caveat,
    file_name,
    group,
    group_counts,
    label,
    ordered,
    page_url,
    sheet_keys,
)
from app.services.screening_input import XLSX_MEDIA_TYPE, BuyerColumns, ScreeningFormat
from app.services.screening_workbook import ISO_DATE, WORKBOOK_NUMBER, WORKBOOK_PERCENT, Text
from app.services.tabular import Cell, Sheet, Styled, to_csv, xlsx

BEFORE_BUYER = (
    Labels(fr="Ligne", en="Line"),
    Labels(fr="Référence", en="Reference"),
    Labels(fr="Pays (saisi)", en="Country (as typed)"),
    Labels(fr="Produit (saisi)", en="Product (as typed)"),
)
AFTER_BUYER = (
    Labels(fr="Résultat", en="Result"),
    Labels(fr="Constats pour ce couple", en="Findings for this pair"),
    Labels(fr="À savoir", en="Caveat"),
    Labels(fr="Ligne illisible\u00a0: raison", en="Unreadable line: reason"),
    Labels(fr="Pays reconnu", en="Country recognised"),
    Labels(fr="Code pays (ISO)", en="Country code (ISO)"),
    Labels(fr="Pays reconnu par", en="Country recognised by"),
    Labels(fr="Pays\u00a0: vouliez-vous dire\u202f?", en="Country: did you mean?"),
    Labels(fr="Produit reconnu", en="Product recognised"),
    Labels(fr="Secteur", en="Sector"),
    Labels(fr="Produit reconnu par", en="Product recognised by"),
    Labels(fr="Produit\u00a0: vouliez-vous dire\u202f?", en="Product: did you mean?"),
    Labels(fr="Biens de la liste de l’ILAB pour ce couple", en="ILAB’s goods for this pair"),
    Labels(fr="Fabriqué avec des intrants exploités (origine)", en="Made with exploited inputs (from)"),
    Labels(fr="Constat le plus grave du pays (ILAB)", en="Country’s most serious finding (ILAB)"),
    Labels(fr="Niveau de progrès (ILAB)", en="ILAB advancement level"),
    Labels(fr="Enfants de 5 à 14 ans qui travaillent (%)", en="Children aged 5–14 working (%)"),
    Labels(fr="Fiche pays", en="Country sheet"),
    Labels(fr="Fiche produit", en="Product sheet"),
)
SHARE = AFTER_BUYER.index(Labels(fr="Enfants de 5 à 14 ans qui travaillent (%)", en="Children aged 5–14 working (%)"))
SHEETS = AFTER_BUYER.index(Labels(fr="Fiche pays", en="Country sheet"))
READ_NEXT = Labels(fr="À lire ensuite", en="Read next")
UNREADABLE = Labels(fr="Ligne illisible", en="Unreadable line")
MATCHED_BY: dict[MatchMethod, Labels] = {
    MatchMethod.iso2: Labels(fr="code ISO à 2 lettres", en="2-letter ISO code"),
    MatchMethod.iso3: Labels(fr="code ISO à 3 lettres", en="3-letter ISO code"),
    MatchMethod.code: Labels(fr="code", en="code"),
    MatchMethod.name: Labels(fr="nom", en="name"),
    MatchMethod.variant: Labels(fr="autre nom ou graphie", en="other name or spelling"),
    MatchMethod.contains: Labels(fr="nom dans le texte", en="name within the text"),
    MatchMethod.fuzzy: Labels(fr="orthographe approchée", en="close spelling"),
    MatchMethod.none: Labels(fr="non reconnu", en="not recognised"),
}
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
    "caveat": Labels(fr="À savoir", en="Caveat"),
    # The page's words under its results (templates/screening.html), for the file kept as a record.
    "no_risk": Labels(
        fr="L’absence de constat ne signifie pas l’absence de risque\u00a0: l’ILAB recense ce qu’il a pu documenter.",
        en="No finding does not mean no risk: ILAB lists what it could document.",
    ),
    "edition": Labels(fr="Édition des données", en="Data edition"),
    "shown": Labels(fr="Lignes de ce fichier", en="Lines in this file"),
    "all": Labels(fr="Toutes", en="All"),
    "only": Labels(fr="{state} seulement\u00a0: {count} sur {total}", en="{state} only: {count} of {total}"),
}
FILE_STEM = Labels(fr="criblage", en="screening")
# A download of one group's lines says so in its name: « criblage-constat-2025-03-12.csv ».
GROUP_STEMS: dict[LineGroup, Labels] = {
    LineGroup.finding: Labels(fr="constat", en="finding"),
    LineGroup.assessed_no_finding: Labels(fr="sans-constat", en="no-finding"),
    LineGroup.listed_only: Labels(fr="liste-sans-constat", en="list-no-finding"),
    LineGroup.not_assessed: Labels(fr="non-evalue", en="not-assessed"),
    LineGroup.unresolved: Labels(fr="non-reconnu", en="unresolved"),
}
# A number as a buyer's spreadsheet wrote it (« 125 000,00 », « 15300.5 »), read as a number; not a code with its
# leading zeros (« 00123 »), nor « 1,234 » or « 1.234 », a thousand in one language and a fraction in the other.
NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|[1-9]\d*)(?:[.,]\d+)?")
AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")
# Past 11 digits, Excel's General format shows a number as « 1,23457E+13 » (and past 15 it loses digits): a text
# list's SIRET (14 digits) or EAN (13) stays text.
LONGEST_NUMBER = 11
DATE_FORMATS = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def buyer_number(text: str) -> Cell:
    """``text`` as a number where it unambiguously is one, else as it is."""
    if not NUMBER.fullmatch(text) or AMBIGUOUS.fullmatch(text) or (text.isdigit() and len(text) > LONGEST_NUMBER):
        return text
    plain = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    number = float(plain)
    return int(number) if "." not in plain else number


def buyer_value(text: str, workbook: bool, lang: str) -> Cell:
    """A buyer's cell for the XLSX: a date (written in ISO 8601 by either list) as a date, a workbook's number and
    percentage as a number and a percentage, a text list's number where it unambiguously is one, else the text (a
    workbook's text cell too, whatever it reads as: :class:`Text`)."""
    if isinstance(text, Text):
        return str(text)
    if ISO_DATE.fullmatch(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        day = moment.date() if len(text) == len("2025-03-01") else moment
        return Styled(day, DATE_FORMATS.get(lang, DATE_FORMATS["en"]) + (" hh:mm" if day is moment else ""))
    if not workbook:
        return buyer_number(text)
    if WORKBOOK_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    percent = WORKBOOK_PERCENT.fullmatch(text)
    if percent:
        decimals = len(percent.group(2) or "")
        number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
        return Styled(round(float(percent.group(1)) / 100, decimals + 2), number_format)
    return text


def buyer_text(text: str, workbook: bool, lang: str) -> str:
    """A buyer's cell for the CSV: a workbook's number and percentage in the page's language (a French spreadsheet
    reads « 2.5 » as a date), a text list's cells and a workbook's text cells as typed."""
    if not workbook or lang != "fr" or isinstance(text, Text):
        return text
    if WORKBOOK_NUMBER.fullmatch(text) or WORKBOOK_PERCENT.fullmatch(text):
        return text.replace(".", ",")
    return text


def _line_cells(line: ScreenedLine, result: ScreeningResult, lang: str, reads: int) -> tuple[list[Cell], list[Cell]]:
    """A screened line's cells before and after the buyer's columns."""

    def page(key: str) -> str:
        return page_url(result, key, lang) if key in line.next else ""

    country_key, commodity_key = sheet_keys(line)
    others = [page(key) for key in _other_reads(line)]
    indicators = line.country_indicators
    share = indicators.working_children_share if indicators else None
    product = line.commodity.labels if line.commodity else line.sector.labels if line.sector else None
    before: list[Cell] = [line.line, line.reference or "", line.country_input, line.product_input]
    after: list[Cell] = [
        label(line.state_labels, lang),
        ", ".join(label(FINDING_LABELS[f], lang) for f in line.findings),
        label(caveat(line), lang),
        "",
        label(line.country.labels, lang) if line.country else "",
        line.country.code if line.country else "",
        label(MATCHED_BY[line.country_match.method], lang),
        ", ".join(label(c.labels, lang) for c in line.country_match.candidates),
        label(product, lang),
        label(line.sector.labels, lang) if line.sector else "",
        label(MATCHED_BY[line.product_match.method], lang),
        ", ".join(label(c.labels, lang) for c in line.product_match.candidates),
        "; ".join(label(g.good.labels, lang) for g in line.goods),
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


def _header(lang: str, buyer: BuyerColumns, reads: int) -> list[str]:
    names = [label(name, lang) for name in BEFORE_BUYER]
    names += buyer.names
    names += [label(name, lang) for name in AFTER_BUYER]
    return names + [f"{label(READ_NEXT, lang)} {n}" for n in range(1, reads + 1)]


def _other_reads(line: ScreenedLine) -> list[str]:
    sheets = sheet_keys(line)
    return [key for key in line.next if key not in sheets]


def _reads(result: ScreeningResult) -> int:
    """How many "read next" columns the lines need: one link a cell."""
    return max((len(_other_reads(line)) for line in result.lines), default=0)


def _rows(
    result: ScreeningResult, lang: str, buyer: BuyerColumns, reads: int, options: "Options", *, xlsx: bool
) -> Iterable[list[Cell]]:
    for item in _shown(result, options):
        if isinstance(item, ScreenedLine):
            before, after = _line_cells(item, result, lang, reads)
        else:
            before, after = _problem_cells(item, lang, reads)
        own = buyer.of(item.line)
        if xlsx:
            cells: list[Cell] = [buyer_value(text, buyer.workbook, lang) for text in own]
        else:
            cells = [buyer_text(text, buyer.workbook, lang) for text in own]
        yield [*before, *cells, *after]


@dataclass(frozen=True)
class Options:
    """What the page shows, which its downloads hold: the lines of one group (``None``: all, the unreadable ones
    too), in the list's order or the most serious first."""

    state: LineGroup | None = None
    most_serious_first: bool = False


def _shown(result: ScreeningResult, options: Options) -> list[ScreenedLine | LineProblem]:
    every = ordered(result, most_serious_first=options.most_serious_first)
    if options.state is None:
        return every
    return [item for item in every if isinstance(item, ScreenedLine) and group(item) == options.state]


def report_csv(result: ScreeningResult, lang: str, buyer: BuyerColumns, options: Options = Options()) -> str:
    """The CSV: semicolons and decimal commas in French, commas and points in English."""
    reads = _reads(result)
    rows = _rows(result, lang, buyer, reads, options, xlsx=False)
    text = ([_decimal(c, lang) if isinstance(c, float) else str(c) for c in row] for row in rows)
    return to_csv(_header(lang, buyer, reads), text, delimiter=";" if lang == "fr" else ",")


def report_xlsx(
    result: ScreeningResult,
    lang: str,
    buyer: BuyerColumns,
    options: Options = Options(),
    *,
    today: date,
    source: str = "",
) -> bytes:
    """The workbook: the lines (header frozen and filtered, links clickable) and the summary, which names the
    buyer's file (``source``; "" for a list pasted in the page) and says what the result must not be read as."""
    reads = _reads(result)
    first = len(BEFORE_BUYER) + len(buyer.names)
    widths = {0: 7.0, 1: 14.0, 2: 18.0, 3: 22.0} | dict.fromkeys(range(4, first), 16.0)
    widths |= {first: 28.0, first + 1: 28.0, first + 2: 28.0}
    lines = Sheet(
        label(SUMMARY["sheet"], lang),
        _header(lang, buyer, reads),
        _rows(result, lang, buyer, reads, options, xlsx=True),
        widths=widths,
        formats={first + SHARE: "0.0"},
        # The sheets' links are clickable; the readings' stay text, one a cell: 40,000 links tripled the time to
        # write 5,000 lines.
        links=frozenset({first + SHEETS, first + SHEETS + 1}),
    )
    summary = Sheet(
        label(SUMMARY["title"], lang), (), _summary(result, lang, options, today, source), table=False, widths={0: 48.0}
    )
    return xlsx([lines, summary])


def _summary(
    result: ScreeningResult, lang: str, options: Options, today: date, source: str
) -> Iterable[Sequence[Cell]]:
    s = result.summary
    yield label(SUMMARY["on"], lang), today.isoformat()
    yield label(SUMMARY["file"], lang), source or label(SUMMARY["pasted"], lang)
    yield label(SUMMARY["shown"], lang), _scope(result, lang, options)
    yield label(SUMMARY["caveat"], lang), label(SUMMARY["no_risk"], lang)
    yield label(SUMMARY["edition"], lang), gettext(lang, NEWER_LIST)
    yield label(SUMMARY["lines"], lang), s.lines
    yield label(SUMMARY["screened"], lang), s.screened
    yield label(SUMMARY["rejected"], lang), s.rejected
    yield from ((label(GROUP_LABELS[kind], lang), count) for kind, count in group_counts(result).items())
    yield label(SUMMARY["by_finding"], lang), ""
    yield from ((label(FINDING_LABELS[finding], lang), s.by_finding.get(finding, 0)) for finding in Finding)
    yield label(SUMMARY["inputs"], lang), s.exploited_inputs
    yield from ((label(SUMMARY["source"], lang), f"{source.title} — {source.url}") for source in result.sources)


def _scope(result: ScreeningResult, lang: str, options: Options) -> str:
    """Which lines a download holds, in words: « Toutes », or « Constat seulement : 521 sur 801 »."""
    if options.state is None:
        return label(SUMMARY["all"], lang)
    count = group_counts(result)[options.state]
    state = label(GROUP_LABELS[options.state], lang)
    total = result.summary.lines
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
    today: date,
    source: str = "",
) -> tuple[bytes, str, str]:
    """A download of the page (CSV or XLSX): its bytes, media type and dated file name, which names the state its
    lines are limited to. The CSV is the table alone, a header and the lines, as a spreadsheet or a script reads
    it: the workbook's summary holds the file's name and the caveats."""
    stem = label(FILE_STEM, lang)
    if options.state is not None:
        stem += "-" + label(GROUP_STEMS[options.state], lang)
    name = file_name(stem, format, today)
    if format == ScreeningFormat.xlsx:
        body = report_xlsx(result, lang, buyer, options, today=today, source=source)
        return body, XLSX_MEDIA_TYPE, name
    text = "\ufeff" + report_csv(result, lang, buyer, options)  # Excel reads the BOM
    return text.encode("utf-8"), "text/csv; charset=utf-8", name
