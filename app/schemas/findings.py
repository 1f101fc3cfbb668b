"""Findings API schemas: the ILAB country × good table, per-country statuses and the links to the sheets."""

from enum import StrEnum

from pydantic import BaseModel, Field

from app.ilab.reader import Finding
from app.schemas.taxonomy import Labels


class CountryStatus(StrEnum):
    """A country's most serious ILAB finding over all its goods, or whether ILAB assessed it at all."""

    forced_child_labour = "forced_child_labour"
    forced_labour = "forced_labour"
    child_labour = "child_labour"
    assessed_without_finding = "assessed_without_finding"
    not_assessed = "not_assessed"


class FindingFilter(StrEnum):
    """Values of the ``finding`` filter: a labour finding, or a good made with exploited inputs."""

    forced_child_labour = "forced_child_labour"
    forced_labour = "forced_labour"
    child_labour = "child_labour"
    exploited_inputs = "exploited_inputs"


class Source(BaseModel):
    title: str
    url: str
    vintage: str = Field(description="Reporting year of the publication", examples=["2022"])


class ResourceLink(BaseModel):
    """A published resource of the centre in both languages."""

    key: str = Field(description="Translation key", examples=["country-ci"])
    type: str = Field(examples=["risk_sheet"])
    title: Labels
    api_url: Labels = Field(description="`GET /v1/resources/{key}.{lang}`")
    page_url: Labels = Field(description="The human page, `/fr/ressources/{slug}` or `/en/resources/{slug}`")


class CodeLabels(BaseModel):
    code: str
    labels: Labels


class CountryRef(BaseModel):
    code: str = Field(description="ISO 3166-1 alpha-2", examples=["CI"])
    iso3: str | None = None
    labels: Labels


class CommodityRef(BaseModel):
    code: str = Field(description="Commodity code of the sectors taxonomy", examples=["cocoa"])
    labels: Labels
    group: str | None = Field(None, description="Its broad sector", examples=["agriculture"])


class GoodRef(BaseModel):
    ilab: str = Field(description="ILAB's exact good", examples=["Cocoa"])
    labels: Labels


class FindingRow(BaseModel):
    """One country × good of ILAB's List of Goods."""

    country: CountryRef
    region: CodeLabels
    good: GoodRef
    commodity: CommodityRef
    ilab_sector: CodeLabels
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    findings: list[Finding] = Field(description="Labour findings, most serious first")
    made_with_exploited_inputs: bool
    input_source_country: CountryRef | None = Field(None, description="Where the exploited inputs come from")
    source: Source
    country_sheet: ResourceLink | None = None
    commodity_sheet: ResourceLink | None = None


class FindingsResponse(BaseModel):
    total: int
    rows: list[FindingRow]


class Advancement(BaseModel):
    ilab: str = Field(description="ILAB's wording", examples=["Moderate Advancement"])
    labels: Labels


class WorkingChildren(BaseModel):
    share_5_14: float | None = Field(description="Children aged 5–14 who work, as a fraction (0.256 = 25.6 %)")
    count_5_14: int | None
    agriculture_share: float | None = Field(description="Share of the working children in agriculture")
    industry_share: float | None
    services_share: float | None


class ExploitedInput(BaseModel):
    """A good made with inputs produced with child or forced labour, and where the inputs come from."""

    country: CountryRef = Field(description="Where the good is made")
    good: GoodRef
    commodity: CommodityRef
    input_source_country: CountryRef | None


class CountryFindings(BaseModel):
    """A country's status for a map or a badge, its indicators and its listed goods."""

    country: CountryRef
    region: CodeLabels | None
    status: CountryStatus
    status_labels: Labels
    assessed: bool = Field(description="ILAB publishes a country page for it")
    advancement: Advancement | None
    working_children: WorkingChildren | None
    goods: int = Field(description="Goods of the List of Goods for this country")
    findings: dict[Finding, int] = Field(description="Goods per labour finding")
    exploited_inputs: list[ExploitedInput] = Field(
        description="Goods made elsewhere (or here) with inputs produced with child or forced labour in this country"
    )
    source: Source | None
    country_sheet: ResourceLink | None = None


class CountriesResponse(BaseModel):
    total: int
    countries: list[CountryFindings]
