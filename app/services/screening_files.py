"""The API's files of a screening (``POST /v1/screenings?format=csv|xlsx``, ``crv screen``): one layout for every
client, the documented columns (codes as well as labels) then the buyer's other ones, in CSV (cells neutralised
against spreadsheet formulas) and in a workbook written by :func:`app.services.tabular.xlsx`, as the page's
downloads are (:mod:`app.services.screening_report`, for a person). In both workbooks the buyer's numbers, percentages
and dates are written back as such, by one function (:func:`app.services.screening_workbook.buyer_value`). The
workbook's summary says the day it was screened (``screened_on``), which the page's comparison with an earlier
screening reads (:mod:`app.services.screening_compare` reads this workbook as it reads the page's).
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from app.schemas.screening import LineProblem, ScreenedLine, ScreeningResult
from app.services.findings import FINDING_LABELS
from app.services.screening import goods_findings, label, ordered, page_url, reads, sheet_keys
from app.services.screening_input import XLSX_MEDIA_TYPE, BuyerColumns, ScreeningFormat
from app.services.screening_workbook import buyer_value
from app.services.tabular import Cell, Sheet, to_csv, xlsx

ERROR_STATE = "error"
FINDINGS_JOINED = "; "  # between a line's findings (the comparison with an earlier screening splits them)
SCREENED_ON = "screened_on"  # the workbook's summary row that says the day (UTC) it was screened
COLUMNS_READ = "columns_read"  # the summary's rows after it: « columns_read:country », the column's name
COLUMNS = (
    "line",
    "reference",
    "country_input",
    "product_input",
    "country_code",
    "country",
    "country_match",
    "country_candidates",
    "commodity_code",
    "commodity",
    "sector_code",
    "product_match",
    "product_candidates",
    "state",
    "state_label",
    "findings",
    "ilab_goods",
    "country_status",
    "advancement_level",
    "working_children_5_14",
    "exploited_inputs",
    "country_sheet",
    "commodity_sheet",
    "next",
    "problem",
    "category_input",  # added after the others: a client reading the columns by their place reads them still
    # Each of ILAB's goods with its own findings (« Thread/yarn: forced labour; Cotton: … »), as the page says them:
    # ``findings`` are the goods' together, and did not say that Chinese yarn is listed for forced labour only.
    "ilab_goods_findings",
)
# The columns before ``ilab_goods_findings`` was added (December 2026): an earlier workbook the page compares with.
EARLIER_COLUMNS = COLUMNS[:-1]


def _cells(line: ScreenedLine, result: ScreeningResult, lang: str) -> list[Cell]:
    def page(key: str) -> str:
        return page_url(result, key, lang) if key in line.next else ""

    country_key, commodity_key = sheet_keys(line)
    indicators = line.country_indicators
    share = indicators.working_children_share if indicators else None
    return [
        line.line,
        line.reference or "",
        line.country_input,
        line.product_input,
        line.country.code if line.country else "",
        label(line.country.labels, lang) if line.country else "",
        line.country_match.method.value,
        " | ".join(c.code for c in line.country_match.candidates),
        line.commodity.code if line.commodity else "",
        label(line.commodity.labels, lang)
        if line.commodity
        else label(line.sector.labels if line.sector else None, lang),
        line.sector.code if line.sector else "",
        line.product_match.method.value,
        " | ".join(c.code for c in line.product_match.candidates),
        line.state.value,
        label(line.state_labels, lang),
        FINDINGS_JOINED.join(label(FINDING_LABELS[f], lang) for f in line.findings),
        "; ".join(g.good.ilab for g in line.goods),
        indicators.status.value if indicators else "",
        label(indicators.advancement.labels, lang) if indicators and indicators.advancement else "",
        round(share, 3) if share is not None else "",
        "; ".join(
            f"{label(e.good.labels, lang)} ← {label(e.input_source_country.labels, lang)}"
            for e in line.exploited_inputs
            if e.input_source_country
        ),
        page(country_key),
        page(commodity_key),
        " ".join(page(key) for key in reads(line, lang) if key not in (country_key, commodity_key)),
        "",
        line.category_input or "",
        "; ".join(goods_findings(line, lang)),
    ]


def _error_cells(problem: LineProblem) -> list[Cell]:
    known: dict[str, Cell] = {
        "line": problem.line,
        "reference": problem.reference,
        "country_input": problem.country_input,
        "product_input": problem.product_input,
        "state": ERROR_STATE,
        "problem": problem.reason,
    }
    return [known.get(column, "") for column in COLUMNS]


def file_header(result: ScreeningResult) -> tuple[str, ...]:
    """The files' header: the documented columns, then the buyer's other ones (the JSON's ``buyer_columns``)."""
    return (*COLUMNS, *result.buyer_columns)


def table(result: ScreeningResult, lang: str, *, most_serious_first: bool = False) -> list[list[Cell]]:
    """One row per input line in file order (or most serious first), bad lines included (state ``error`` and
    their ``problem``), then the buyer's other columns: each line's ``buyer_columns``, as the JSON has them."""
    return [
        [
            *(_cells(item, result, lang) if isinstance(item, ScreenedLine) else _error_cells(item)),
            *(item.buyer_columns.get(name, "") for name in result.buyer_columns),
        ]
        for item in ordered(result, most_serious_first=most_serious_first)
    ]


def csv_text(value: Cell) -> str:
    """A cell as the CSV says it: the share of working children with three decimals, as the API always wrote it."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def result_csv(
    result: ScreeningResult,
    lang: str = "en",
    *,
    delimiter: str = ",",
    most_serious_first: bool = False,
) -> str:
    rows = table(result, lang, most_serious_first=most_serious_first)
    return to_csv(file_header(result), ([csv_text(cell) for cell in row] for row in rows), delimiter=delimiter)


def result_xlsx(
    result: ScreeningResult,
    buyer: BuyerColumns,
    lang: str = "en",
    *,
    screened_at: datetime,
    most_serious_first: bool = False,
) -> bytes:
    """A workbook: the lines (same columns as the CSV, numbers as numbers: the centre's, and the buyer's as the page's
    workbook writes them, :func:`~app.services.screening_workbook.buyer_value`) and the summary, which ends with the
    day it was screened, ``screened_at`` in UTC."""
    share = COLUMNS.index("working_children_5_14")
    own = len(COLUMNS)
    # The buyer's cells from ``buyer``, not the result's (whose text has lost what the workbook said: a SIRET typed as
    # text is text, not a number Excel shows as 1,23457E+13).
    items = ordered(result, most_serious_first=most_serious_first)
    rows = (
        [*row[:own], *(buyer_value(text, buyer.workbook, lang) for text in buyer.of(item.line))]
        for item, row in zip(items, table(result, lang, most_serious_first=most_serious_first), strict=True)
    )
    lines = Sheet("screening", file_header(result), rows, formats={share: "0.000"})
    return xlsx([lines, Sheet("summary", (), _summary_rows(result, screened_at), table=False)])


class Separator(StrEnum):
    """The separator of a CSV screening (a spreadsheet set to French opens semicolons)."""

    comma = "comma"
    semicolon = "semicolon"

    @property
    def delimiter(self) -> str:
        return ";" if self == Separator.semicolon else ","


def result_file(
    result: ScreeningResult,
    buyer: BuyerColumns,
    format: ScreeningFormat,
    lang: str,
    separator: Separator = Separator.comma,
    *,
    screened_at: datetime,
    json_indent: int | None = None,
) -> tuple[bytes, str]:
    """The screening written in ``format`` (labels in ``lang``; the buyer's other columns, ``buyer``, after the
    result's in CSV and XLSX, in each line's ``buyer_columns`` in JSON; the XLSX dated ``screened_at``): its bytes
    and media type."""
    if format == ScreeningFormat.csv:
        text = result_csv(result, lang, delimiter=separator.delimiter)
        return text.encode(), "text/csv; charset=utf-8"
    if format == ScreeningFormat.xlsx:
        return result_xlsx(result, buyer, lang, screened_at=screened_at), XLSX_MEDIA_TYPE
    return result.model_dump_json(indent=json_indent).encode(), "application/json"


def screened_now() -> datetime:
    """The moment a screening is written, in UTC: what its file's name and its record say."""
    return datetime.now(UTC)


def file_name(stem: str, format: ScreeningFormat, at: datetime, lang: str) -> str:
    """A download's name, dated to the minute in UTC, « criblage-2025-03-12-14h05-UTC.xlsx » in French,
    "screening-2025-03-12-1405-UTC.xlsx" in English (« 14h05 » is French: English writes the time 14:05, or 1405
    in a name): two screenings of the same day no longer overwrite each other in a Downloads folder, and the names
    sort in the order they were made. UTC, said in the name, and not the buyer's time: the page works without
    JavaScript and the API and ``crv screen`` have no buyer, so the server knows no buyer's time zone, and a local
    time repeats an hour when clocks go back. Letters, digits and hyphens only: no « : », which Windows refuses in a
    file name."""
    moment = at.astimezone(UTC)
    time = f"{moment:%Hh%M}" if lang == "fr" else f"{moment:%H%M}"
    return f"{stem}-{moment:%Y-%m-%d}-{time}-UTC.{format.value}"


def _summary_rows(result: ScreeningResult, screened_at: datetime) -> Iterable[tuple[str, int | str]]:
    s = result.summary
    yield from (("lines", s.lines), ("screened", s.screened), ("rejected", s.rejected))
    yield from ((f"state:{state.value}", count) for state, count in s.by_state.items())
    yield from ((f"finding:{finding.value}", count) for finding, count in s.by_finding.items())
    yield ("exploited_inputs", s.exploited_inputs)
    yield from (("source", f"{source.title} — {source.url}") for source in result.sources)
    # Last, a row added after the others: a client reading the summary by its rows' places reads it still.
    yield (SCREENED_ON, screened_at.astimezone(UTC).date().isoformat())
    # Then which of the list's columns were read as what, by their header's names (none without a header).
    if result.columns_read is not None:
        yield from ((f"{COLUMNS_READ}:{role}", name or "") for role, name in result.columns_read.model_dump().items())
