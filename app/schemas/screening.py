"""Screening API schemas: a supplier list in, one verdict per (country, product) line out."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.ilab.reader import Finding
from app.schemas.findings import (
    Advancement,
    CodeLabels,
    CommodityRef,
    CountryRef,
    CountryStatus,
    ExploitedInput,
    GoodRef,
    ResourceLink,
    Source,
)
from app.schemas.taxonomy import Labels
from app.services.resolve import MatchMethod


class ScreeningState(StrEnum):
    # ILAB lists this good in this country for child labour, forced labour or both, or as made with inputs produced
    # with them (then no finding of its own: the exploited inputs say where from)
    finding = "finding"
    assessed_no_finding = "assessed_no_finding"  # ILAB assesses the country, and lists nothing for this product
    not_assessed = "not_assessed"  # the source does not cover the country
    unresolved = "unresolved"  # the country or the product could not be recognised


BUYER_COLUMNS_OUT = (
    "The list's other columns on this line (those not read as its reference, country or product: your supplier "
    'ID, spend, buyer…), column name → cell as text; every column of `buyer_columns` is there, "" where the '
    "line has none, and the object is empty when the list has no other column. Use them to join the results to "
    "your records."
)


class SupplierLine(BaseModel):
    """One line of a JSON supplier list (the request body's schema in OpenAPI)."""

    reference: str | None = Field(
        None,
        max_length=300,
        description="Your reference for the line (supplier code…), returned as is in the line's result",
        examples=["SUP-0042"],
    )
    country: str = Field(max_length=300, examples=["Côte d’Ivoire"])
    product: str = Field(max_length=300, examples=["cocoa beans"])
    buyer_columns: dict[str, str | float | bool | None] = Field(
        default_factory=dict,
        description=(
            "Your own fields for the line (an ID, spend, buyer name…), returned in its result's `buyer_columns` "
            'as text (numbers and booleans written out, null as ""), as a file\'s other columns are; at most 100 '
            "names in the list, 3,000 characters in all. Any other field of the line is ignored."
        ),
        examples=[{"Supplier ID": "F-042", "Spend (EUR)": 125000}],
    )


class ScreeningRequest(BaseModel):
    lines: list[SupplierLine]


class Candidate(BaseModel):
    code: str
    labels: Labels
    score: float = Field(description="Similarity, 0–100")


class Match(BaseModel):
    method: MatchMethod = Field(description="iso2, iso3, code, name, variant, contains, fuzzy, or none")
    score: float | None = Field(None, description="Similarity of a fuzzy match, 0–100")
    candidates: list[Candidate] = Field(description='"Did you mean": other close codes, best first')
    several: bool = Field(
        False,
        description="The cell names several countries apart (« CN; VN; BD »): `candidates` are all of them, each to "
        "screen on a line of its own, not a question",
    )


class PairGood(BaseModel):
    """One ILAB good of the exact (country, product) pair."""

    good: GoodRef
    findings: list[Finding]
    made_with_exploited_inputs: bool
    input_source_country: CountryRef | None


class CountryIndicators(BaseModel):
    status: CountryStatus
    status_labels: Labels
    advancement: Advancement | None
    working_children_share: float | None = Field(description="Children aged 5–14 who work, as a fraction")


class ScreenedLine(BaseModel):
    line: int = Field(description="Line number in the file (the header is line 1), or position in a JSON list")
    reference: str | None
    country_input: str
    product_input: str = Field(description='The product as typed ("" where the line has none and its category is read)')
    category_input: str | None = Field(
        None,
        description=(
            "The line's category (the list's « Catégorie », « Famille d'achat », « Sector » column) where the line was "
            "screened on it: its product is empty, or names nothing the screening knows and has no « did you mean »; "
            "null otherwise"
        ),
    )
    buyer_columns: dict[str, str] = Field(default_factory=dict, description=BUYER_COLUMNS_OUT)
    country: CountryRef | None
    country_match: Match
    commodity: CommodityRef | None = Field(description="The commodity, when the product names one")
    sector: CodeLabels | None = Field(description="The commodity's broad sector, or the sector the product names")
    product_match: Match
    state: ScreeningState
    state_labels: Labels
    findings: list[Finding] = Field(
        description=(
            "The labour findings of the line's `goods` together, most serious first; each good's own are in `goods` "
            "(Chinese cotton yarn: Thread/Yarn forced labour only, Cotton all three)"
        )
    )
    goods: list[PairGood] = Field(
        description=(
            "ILAB's goods the line's findings are about, each with its own findings: the product's good, the goods it "
            "may also be (gloves and rubber gloves) and those of its materials (the cotton of cotton yarn)"
        )
    )
    country_indicators: CountryIndicators | None
    exploited_inputs: list[ExploitedInput] = Field(
        description="This pair's goods made with inputs produced with child or forced labour, and where from"
    )
    next: list[str] = Field(description="Keys of `resources` to read next: sheets, methodologies, laws")


class LineProblem(BaseModel):
    line: int
    reason: str
    reference: str = Field("", description="The line's cells as read (empty when missing), to find and fix it")
    country_input: str = ""
    product_input: str = ""
    buyer_columns: dict[str, str] = Field(default_factory=dict, description=BUYER_COLUMNS_OUT)


class ScreeningSummary(BaseModel):
    lines: int = Field(description="Lines read, bad ones included (blank lines are skipped)")
    screened: int
    rejected: int
    by_state: dict[ScreeningState, int]
    by_finding: dict[Finding, int] = Field(description="Lines per labour finding (a line may count in several)")
    exploited_inputs: int = Field(description="Lines whose goods are made with exploited inputs")


class ColumnsRead(BaseModel):
    """The header's names of the columns a list's lines were read from, as the buyer wrote them: null for a role no
    column was read for."""

    model_config = ConfigDict(frozen=True)

    country: str | None = Field(None, examples=["Pays de provenance"])
    product: str | None = Field(
        None,
        description="The product column, or the category column where the list has no product column",
        examples=["Désignation article"],
    )
    reference: str | None = Field(None, examples=["Code fournisseur"])
    line: str | None = Field(None, description="A column of line numbers (a list the page gave back)")
    category: str | None = Field(
        None,
        description=(
            "The category or sector read where a line's product is empty or names nothing known (`category_input`); "
            "also among `buyer_columns`"
        ),
        examples=["Famille d’achat"],
    )


class OtherSheet(BaseModel):
    name: str
    hidden: bool = Field(description="Hidden in the workbook (Excel's « Masquer »)")


class SheetsRead(BaseModel):
    """One sheet of a workbook is screened: which, and the others that also hold a list."""

    read: str = Field(description="The name of the sheet screened")
    not_read: list[OtherSheet] = Field(description="The workbook's other sheets that hold a list, not screened")


class ScreeningResult(BaseModel):
    summary: ScreeningSummary
    sheets: SheetsRead | None = Field(
        None,
        description=(
            "An XLSX of several sheets: the one screened (the first visible one whose header names a country and a "
            "product) and the others holding a list, which were not; null for one sheet, a CSV, a text or JSON list"
        ),
    )
    buyer_columns: list[str] = Field(
        default_factory=list,
        description=(
            "The names of the list's other columns, in its order (a repeated one numbered: `Note (2)`): the keys of "
            "each line's `buyer_columns`, and the CSV and XLSX columns after the documented ones"
        ),
    )
    columns_read: ColumnsRead | None = Field(
        None,
        description=(
            "Which of the list's columns were read as what, by their header's names (a file or text with a header "
            "row), so that a list with « Pays » and « Pays de provenance » can be checked; null for a JSON list or "
            "a list without a header, read in its fixed order (country, product; or reference, country, product)"
        ),
    )
    lines: list[ScreenedLine]
    errors: list[LineProblem] = Field(description="Lines that could not be read, with their number and reason")
    resources: dict[str, ResourceLink] = Field(description="Every resource named by a line's `next`")
    sources: list[Source]
