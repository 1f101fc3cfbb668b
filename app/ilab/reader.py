"""A typed reader of the ILAB 2022 facts in ``data/ilab-2022/`` (see its README for the columns).

``load_ilab(path)`` reads ``countries.csv`` and ``country_goods.csv`` once per folder (cached) and returns an
:class:`IlabData`: one :class:`CountryFacts` per country or territory of the Findings report, one :class:`GoodRow`
per country × good of the List of Goods, and lookups by country, by (country, commodity) pair and by the country
an exploited input comes from. Every ILAB good maps onto a commodity code of ``content/taxonomies/sectors.yaml``
through :data:`app.ilab.goods.GOODS`, the grouping the risk sheets use. A country's school, ratification, law and
enforcement columns are read by :mod:`app.ilab.indicators`, with the corrections and age ranges the sheets apply (the
sheets' generator calls the same functions), and :func:`read_csv` is the generator's reading of the CSVs too.
"""

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from app.ilab import indicators
from app.ilab.errors import IlabDataError as IlabDataError
from app.ilab.goods import GOODS
from app.ilab.indicators import Enforcement, Laws, Ratifications, School

VINTAGE = "2022"
FINDINGS_TITLE = "US DOL ILAB, Findings on the Worst Forms of Child Labor (2022)"
GOODS_TITLE = "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"
GOODS_URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
REPORTS_URL = "https://www.dol.gov/agencies/ilab/resources/reports/child-labor"  # prefix of every country page


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of ILAB's List of Goods: the day ILAB published it, how many goods from how many countries and
    areas it lists, and where it is."""

    published: date
    goods: int
    countries: int
    url: str


# ILAB's edition newer than VINTAGE's, which the centre's sheets and screening do not read: the one source of what
# the « About » page, an ILAB sheet and the screening's results say of it (app.services.ilab_notice).
NEWER_GOODS_LIST = Edition(published=date(2024, 9, 5), goods=204, countries=82, url=GOODS_URL)

# ILAB's five regions → codes of content/taxonomies/regions.yaml.
REGIONS = {
    "Sub-Saharan Africa": "sub-saharan-africa",
    "Middle East and North Africa": "middle-east-north-africa",
    "Indo-Pacific": "indo-pacific",
    "Europe and Eurasia": "europe-eurasia",
    "Latin America and the Caribbean": "latin-america-caribbean",
}
ILAB_SECTORS = {
    "Agriculture": ("Agriculture", "Agriculture"),
    "Manufacturing": ("Industrie manufacturière", "Manufacturing"),
    "Mining": ("Mines", "Mining"),
    "Other": ("Autre", "Other"),
}
ADVANCEMENT_FR = {
    "Significant Advancement": "progrès significatifs",
    "Moderate Advancement": "progrès modérés",
    "Minimal Advancement": "progrès minimes",
    "No Advancement": "aucun progrès",
    "No Assessment": "pas d’évaluation",
}
ADVANCEMENT_QUALIFIERS_FR = {
    "Efforts Made but Continued Practice that Delayed Advancement": (
        "efforts réels, mais une pratique persistante a freiné les progrès"
    ),
    "Efforts Made but Continued Law that Delayed Advancement": (
        "efforts réels, mais une loi maintenue a freiné les progrès"
    ),
    "Efforts Made but Continued Law and Practice that Delayed Advancement": (
        "efforts réels, mais une loi et une pratique persistantes ont freiné les progrès"
    ),
    "Efforts Made but Regression in Practice that Delayed Advancement": (
        "efforts réels, mais un recul dans la pratique a freiné les progrès"
    ),
    "Efforts Made but Regression in Practices that Delayed Advancement": (
        "efforts réels, mais un recul dans la pratique a freiné les progrès"
    ),
    "Efforts Made but Complicit in Forced Child Labor": (
        "efforts réels, mais complicité dans le travail forcé des enfants"
    ),
}


class Finding(StrEnum):
    """A labour finding of the List of Goods, most serious first."""

    forced_child_labour = "forced_child_labour"
    forced_labour = "forced_labour"
    child_labour = "child_labour"


@dataclass(frozen=True, slots=True)
class GoodRow:
    iso2: str
    good: str  # ILAB's exact good, e.g. "Cocoa", "Bricks (clay)"
    commodity: str  # code of sectors.yaml
    label_fr: str  # in-sentence case
    label_en: str
    ilab_sector: str  # Agriculture, Manufacturing, Mining, Other
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    exploited_inputs: bool  # made with inputs produced with child or forced labour
    input_iso2: str | None  # where those inputs come from

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The row's labour findings, most serious first (empty for a downstream-only listing)."""
        flags = (
            (Finding.forced_child_labour, self.forced_child_labour),
            (Finding.forced_labour, self.forced_labour),
            (Finding.child_labour, self.child_labour),
        )
        return tuple(finding for finding, present in flags if present)

    @property
    def has_finding(self) -> bool:
        return self.child_labour or self.forced_labour or self.forced_child_labour


@dataclass(frozen=True, slots=True)
class CountryFacts:
    iso2: str
    iso3: str
    name_en: str  # ILAB's spelling, e.g. "Congo, Democratic Republic of the"
    region: str  # code of regions.yaml
    advancement: str  # ILAB's wording, "" for the countries only on the List of Goods
    source_url: str
    # Covered by ILAB's Findings on the Worst Forms of Child Labor (an advancement level or any of its figures);
    # False for the 12 countries that only its List of Goods names (China, Russia, Türkiye, Vietnam…)
    in_findings_report: bool
    working_children_share: float | None  # children aged 5–14 who work, as a fraction
    working_children_count: int | None
    agriculture_share: float | None  # of the working children
    industry_share: float | None
    services_share: float | None
    ages: tuple[int, int]  # of the working-children figures: 5–14 except where ILAB's data say otherwise
    school: School
    ratifications: Ratifications
    laws: Laws  # with CORRECTIONS applied (Bangladesh's minimum age for work)
    enforcement: Enforcement


@dataclass(frozen=True)
class IlabData:
    countries: Mapping[str, CountryFacts]
    rows: tuple[GoodRow, ...]
    by_country: Mapping[str, tuple[GoodRow, ...]]
    by_pair: Mapping[tuple[str, str], tuple[GoodRow, ...]]  # (iso2, commodity)
    inputs_from: Mapping[str, tuple[GoodRow, ...]]  # rows whose exploited inputs come from that country
    vintage: str = VINTAGE

    def commodities(self) -> frozenset[str]:
        return frozenset(row.commodity for row in self.rows)


def advancement_labels(raw: str) -> tuple[str, str]:
    """ILAB's advancement level in French and English (``"Minimal Advancement – Efforts Made but …"``)."""
    base, _, qualifier = raw.partition(" – ")
    french = ADVANCEMENT_FR.get(base, base)
    if qualifier:
        french += " – " + ADVANCEMENT_QUALIFIERS_FR.get(qualifier, qualifier)
    return french[:1].upper() + french[1:], raw


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of one of the folder's CSVs, their accents composed (NFC)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            # The CSVs spell accents in decomposed form (NFD); everything else uses the composed form.
            return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(handle)]
    except FileNotFoundError as exc:
        raise IlabDataError(f"{path}: ILAB data file missing") from exc


def _share(value: str) -> float | None:
    return float(value) if value else None


def _count(value: str) -> int | None:
    return int(value) if value else None


def _in_findings_report(row: Mapping[str, str]) -> bool:
    """An advancement level or any figure of the Findings (ratifications, laws, working children, enforcement): what
    the sheets' generator calls assessed (``scripts/ilab_sheets/model.py``, ``Country.assessed``)."""
    figures = ("ratified_", "law_", "working_", "enforcement_")
    return bool(row["advancement_level"]) or any(value for column, value in row.items() if column.startswith(figures))


def _flag(row: Mapping[str, str], column: str, where: str) -> bool:
    value = row[column]
    if value not in ("true", "false"):
        raise IlabDataError(f"{where}: {column} must be true or false, not {value!r}")
    return value == "true"


def load_ilab(data_dir: Path) -> IlabData:
    """The ILAB facts of ``data_dir`` (cached per resolved folder)."""
    return _load_cached(data_dir.resolve())


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path) -> IlabData:
    countries: dict[str, CountryFacts] = {}
    country_rows = {raw["iso2"]: raw for raw in read_csv(data_dir / "countries.csv")}
    corrected = indicators.apply_corrections(country_rows)  # as the sheets show them
    for raw in country_rows.values():
        if raw["ilab_region"] not in REGIONS:
            raise IlabDataError(f"countries.csv {raw['iso2']}: unknown region {raw['ilab_region']!r}")
        countries[raw["iso2"]] = CountryFacts(
            iso2=raw["iso2"],
            iso3=raw["iso3"],
            name_en=raw["name_en"],
            region=REGIONS[raw["ilab_region"]],
            advancement=raw["advancement_level"],
            source_url=raw["source_url"],
            in_findings_report=_in_findings_report(raw),
            working_children_share=_share(raw["working_children_5_14_share"]),
            working_children_count=_count(raw["working_children_5_14_count"]),
            agriculture_share=_share(raw["working_children_agriculture_share"]),
            industry_share=_share(raw["working_children_industry_share"]),
            services_share=_share(raw["working_children_services_share"]),
            ages=indicators.age_ranges(raw["iso2"]).working,
            school=indicators.school(raw),
            ratifications=indicators.ratifications(raw),
            laws=indicators.laws(raw, corrected.get(raw["iso2"], ())),
            enforcement=indicators.enforcement(raw),
        )
    by_ilab_name = {facts.name_en: iso2 for iso2, facts in countries.items()}
    rows: list[GoodRow] = []
    for number, raw in enumerate(read_csv(data_dir / "country_goods.csv"), start=2):
        where = f"country_goods.csv line {number}"
        if raw["good_en"] not in GOODS:
            raise IlabDataError(f"{where}: good {raw['good_en']!r} has no commodity code in app/ilab/goods.py")
        if raw["iso2"] not in countries:
            raise IlabDataError(f"{where}: country {raw['iso2']!r} is not in countries.csv")
        source = raw["input_source_country"]
        if source and source not in by_ilab_name:
            raise IlabDataError(f"{where}: input source country {source!r} is not in countries.csv")
        code, label_fr, label_en = GOODS[raw["good_en"]]
        rows.append(
            GoodRow(
                iso2=raw["iso2"],
                good=raw["good_en"],
                commodity=code,
                label_fr=label_fr,
                label_en=label_en,
                ilab_sector=raw["ilab_sector"],
                child_labour=_flag(raw, "child_labor", where),
                forced_labour=_flag(raw, "forced_labor", where),
                forced_child_labour=_flag(raw, "forced_child_labor", where),
                exploited_inputs=_flag(raw, "made_with_exploited_inputs", where),
                input_iso2=by_ilab_name[source] if source else None,
            )
        )
    by_country: defaultdict[str, list[GoodRow]] = defaultdict(list)
    by_pair: defaultdict[tuple[str, str], list[GoodRow]] = defaultdict(list)
    inputs_from: defaultdict[str, list[GoodRow]] = defaultdict(list)
    for row in rows:
        by_country[row.iso2].append(row)
        by_pair[(row.iso2, row.commodity)].append(row)
        if row.input_iso2:
            inputs_from[row.input_iso2].append(row)
    return IlabData(
        countries=countries,
        rows=tuple(rows),
        by_country={k: tuple(v) for k, v in by_country.items()},
        by_pair={k: tuple(v) for k, v in by_pair.items()},
        inputs_from={k: tuple(v) for k, v in inputs_from.items()},
    )
