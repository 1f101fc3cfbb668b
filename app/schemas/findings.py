"""Findings API schemas: the ILAB country × good table, per-country statuses and the links to the sheets."""

from enum import StrEnum

from pydantic import BaseModel, Field

from app.ilab.reader import Finding
from app.schemas.country_indicators import DESCRIPTIONS, AgeRange, Enforcement, Laws, Ratifications, School
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
    """The ILAB publication a row or a country's figures come from."""

    title: str = Field(
        description="How to cite it: ILAB's List of Goods for the rows and for the countries only on it, ILAB's "
        "Findings on the Worst Forms of Child Labor for the countries that report covers",
        examples=["US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"],
    )
    url: str = Field(description="Where ILAB publishes it (a country's page, for the Findings)")
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
    code: str = Field(description="ISO 3166-1 alpha-2 (Kosovo: the user-assigned `XK`)", examples=["CI"])
    iso3: str | None = Field(None, description="ISO 3166-1 alpha-3", examples=["CIV"])
    labels: Labels = Field(description="The country's name in French and in English, as the centre's pages give it")


class CommodityRef(BaseModel):
    """The centre's commodity: the product its risk sheet and the `good` filter are about, which may group several
    of ILAB's goods."""

    code: str = Field(
        description="Commodity code of the sectors taxonomy (`/v1/taxonomies/sectors`)", examples=["cocoa"]
    )
    labels: Labels
    group: str | None = Field(None, description="Its broad sector", examples=["agriculture"])


class GoodRef(BaseModel):
    """ILAB's own good, as the List of Goods names it."""

    ilab: str = Field(description="ILAB's exact good", examples=["Cocoa"])
    labels: Labels = Field(description="The centre's French and English names of ILAB's good")


class FindingRow(BaseModel):
    """One country × good of ILAB's List of Goods."""

    country: CountryRef = Field(description="The country ILAB lists the good for")
    region: CodeLabels = Field(
        description="ILAB's region of the country: `code` of the regions taxonomy (`/v1/taxonomies/regions`, the "
        "`region` filter), with its French and English labels",
        examples=[
            {"code": "sub-saharan-africa", "labels": {"fr": "Afrique subsaharienne", "en": "Sub-Saharan Africa"}}
        ],
    )
    good: GoodRef = Field(
        description="ILAB's exact good (`Photovoltaic Wafers`, `Crude Palm Oil`): one row per good ILAB lists; in the "
        "CSV, `good_ilab`, `good_fr`, `good_en`"
    )
    commodity: CommodityRef = Field(
        description="The centre's commodity the good belongs to (`solar-polysilicon` for ILAB's polysilicon, ingots, "
        "wafers, cells and modules): what the `good` filter and the commodity sheets use; several rows of one "
        "country may share it. In the CSV, `commodity`, `commodity_fr`, `commodity_en`"
    )
    ilab_sector: CodeLabels = Field(
        description="ILAB's sector of the good: `Agriculture`, `Manufacturing`, `Mining` or `Other`, with labels"
    )
    child_labour: bool = Field(description="ILAB lists the good for child labour in the country")
    forced_labour: bool = Field(description="ILAB lists the good for forced labour in the country")
    forced_child_labour: bool = Field(description="ILAB lists the good for forced child labour in the country")
    findings: list[Finding] = Field(
        description="Labour findings, most serious first (empty for a good only made with exploited inputs)"
    )
    made_with_exploited_inputs: bool = Field(
        description="The good is made in the country with inputs produced with child or forced labour (a row "
        "without a labour finding of its own)"
    )
    input_source_country: CountryRef | None = Field(
        None, description="Where the exploited inputs come from; in the CSV, its ISO code"
    )
    source: Source = Field(description="ILAB's List of Goods, which every row comes from")
    country_sheet: ResourceLink | None = Field(None, description="The centre's risk sheet of the country")
    commodity_sheet: ResourceLink | None = Field(None, description="The centre's risk sheet of the commodity")


class FindingsResponse(BaseModel):
    total: int
    rows: list[FindingRow]


class Advancement(BaseModel):
    ilab: str = Field(
        description="ILAB's wording, its qualifier included",
        examples=["Moderate Advancement", "No Advancement – Efforts Made but Complicit in Forced Child Labor"],
    )
    labels: Labels = Field(description="The whole level in French and in English (English: ILAB's wording)")


class WorkingChildren(BaseModel):
    share_5_14: float | None = Field(description="Children aged 5–14 who work, as a fraction (0.256 = 25.6 %)")
    count_5_14: int | None
    agriculture_share: float | None = Field(description="Share of the working children in agriculture")
    industry_share: float | None
    services_share: float | None
    ages: AgeRange = Field(
        description="Ages `share_5_14` and `count_5_14` actually cover: 5–14, except where ILAB's data say otherwise "
        "(Egypt: 6–14, Pakistan: 10–14, Bolivia: 7–14…: each country's survey); in the CSV, "
        "`working_children_age_min` and `working_children_age_max`"
    )


class ExploitedInput(BaseModel):
    """A good made with inputs produced with child or forced labour, and where the inputs come from."""

    country: CountryRef = Field(description="Where the good is made")
    good: GoodRef
    commodity: CommodityRef
    input_source_country: CountryRef | None


class CountryFindings(BaseModel):
    """A country's status for a map or a badge, its indicators and its listed goods."""

    country: CountryRef
    region: CodeLabels | None = Field(description="ILAB's region (a code of `/v1/taxonomies/regions`), with labels")
    status: CountryStatus
    status_labels: Labels
    assessed: bool = Field(
        description="ILAB publishes a country page for it: in its Findings on the Worst Forms of Child Labor or on "
        "its List of Goods (see `in_findings_report`)"
    )
    in_findings_report: bool = Field(
        description="ILAB's Findings on the Worst Forms of Child Labor cover it (advancement level, figures); false "
        "for the countries only on the List of Goods (China, Russia, Türkiye, Vietnam…), whose `source` is that list"
    )
    advancement: Advancement | None = Field(
        description="ILAB's advancement level, in full (« Minimal Advancement – Efforts Made but … »)"
    )
    working_children: WorkingChildren | None
    school: School | None = Field(description=DESCRIPTIONS["school"])
    ratifications: Ratifications | None = Field(description=DESCRIPTIONS["ratifications"])
    laws: Laws | None = Field(description=DESCRIPTIONS["laws"])
    enforcement: Enforcement | None = Field(description=DESCRIPTIONS["enforcement"])
    goods: int = Field(
        description="Goods ILAB lists for child labour, forced labour or forced child labour in this country, as the "
        "country index and the country sheet count them; those made here with exploited inputs are counted apart"
    )
    goods_made_with_exploited_inputs: int = Field(
        description="Goods of the List of Goods made in this country with inputs produced with child or forced "
        "labour (here or elsewhere), which have no labour finding of their own"
    )
    findings: dict[Finding, int] = Field(description="Goods per labour finding")
    exploited_inputs: list[ExploitedInput] = Field(
        description="Goods made elsewhere (or here) with inputs produced with child or forced labour in this country"
    )
    source: Source | None = Field(
        description="ILAB's Findings on the Worst Forms of Child Labor (the country's page) where that report covers "
        "the country, else ILAB's List of Goods; none for a country outside ILAB's reports"
    )
    country_sheet: ResourceLink | None = None


class CountriesResponse(BaseModel):
    total: int
    countries: list[CountryFindings]
