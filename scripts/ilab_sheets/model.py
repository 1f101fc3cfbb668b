"""The ILAB data as read from data/ilab-2022/: goods rows, countries, the dataset."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

from app.ilab import reader as ilab_reader
from app.ilab.errors import IlabDataError
from app.ilab.indicators import apply_corrections

from .constants import GOODS, REGIONS, REPORTS_URL, STATE_IMPOSED, TERRITORIES, THE_IN_ENGLISH
from .text import fold, sort_key, tr


@dataclass(frozen=True)
class Term:
    code: str
    fr: str
    en: str
    group: str | None = None
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class GoodRow:
    iso2: str
    good: str
    ilab_sector: str
    child: bool
    forced: bool
    forced_child: bool
    downstream: bool
    input_iso2: str | None

    @property
    def commodity(self) -> str:
        return GOODS[self.good][0]

    def label(self, lang: str) -> str:
        _, fr, en = GOODS[self.good]
        return fr if lang == "fr" else en

    @property
    def kind(self) -> str:
        """The row's findings in one word, most serious first: X, CF, F, C or D."""
        if self.forced_child:
            return "X"
        if self.child and self.forced:
            return "CF"
        if self.forced:
            return "F"
        if self.child:
            return "C"
        return "D"

    @property
    def has_child_labour(self) -> bool:
        return self.child or self.forced_child

    @property
    def has_forced_labour(self) -> bool:
        return self.forced or self.forced_child

    @property
    def has_finding(self) -> bool:
        return self.child or self.forced or self.forced_child

    @property
    def state_imposed(self) -> bool:
        """Forced labour that a public source attributes to the state itself (``STATE_IMPOSED``)."""
        entry = STATE_IMPOSED.get(self.iso2)
        return self.has_forced_labour and entry is not None and self.good in entry.goods

    @property
    def state_imposed_children(self) -> bool:
        """Child labour that the same source attributes to the state too (``StateImposed.children``)."""
        entry = STATE_IMPOSED.get(self.iso2)
        return self.state_imposed and self.has_child_labour and entry is not None and self.good in entry.children


KIND_ORDER = {"X": 0, "CF": 1, "F": 2, "C": 3, "D": 4}
# How a country summary names each kind in French (with its partitive article).
KIND_SUMMARY_FR = {
    "X": "du travail forcé des enfants",
    "CF": "du travail des enfants et du travail forcé",
    "F": "du travail forcé",
    "C": "du travail des enfants",
    "D": "des biens fabriqués avec des intrants issus du travail des enfants ou du travail forcé",
}
KIND_LABELS = {
    "X": ("travail forcé des enfants", "forced child labour"),
    "CF": ("travail des enfants et travail forcé", "child labour and forced labour"),
    "F": ("travail forcé", "forced labour"),
    "C": ("travail des enfants", "child labour"),
    "D": (
        "biens fabriqués avec des intrants issus du travail des enfants ou du travail forcé",
        "goods made with inputs produced with child or forced labour",
    ),
}


@dataclass(eq=False)  # hashed by identity: one object per country
class Country:
    iso2: str
    row: dict[str, str]
    region: str
    names: Term
    variants: tuple[str, ...]
    goods: list[GoodRow] = field(default_factory=list)
    used_as_input: list[GoodRow] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)  # columns of ``row`` set from CORRECTIONS

    def name(self, lang: str) -> str:
        return self.names.label(lang)

    def in_sentence(self, lang: str) -> str:
        """The name inside an English sentence (« the Philippines »)."""
        name = self.name(lang)
        if lang == "en" and self.iso2 in THE_IN_ENGLISH and not name.startswith("The "):
            return "the " + name
        return name

    def this(self, lang: str) -> str:
        return tr(lang, "ce territoire" if self.iso2 in TERRITORIES else "ce pays", self.in_sentence(lang))

    @property
    def has_findings_data(self) -> bool:
        return any(self.row[c] for c in self.row if c.startswith(("ratified_", "law_", "working_", "enforcement_")))

    @property
    def assessed(self) -> bool:
        """Covered by ILAB's Findings on the Worst Forms of Child Labor (the countries on the List of Goods only
        have no advancement level and no findings data)."""
        return bool(self.advancement) or self.has_findings_data

    @property
    def no_figures(self) -> bool:
        """No good listed, no input to a listed good, no statistics on working children (neither the share who work
        nor the share combining work and school: Somalia has the latter only), no enforcement figure."""
        return (
            not self.goods
            and not self.used_as_input
            and not self.row["working_children_5_14_share"]
            and not self.row["working_and_studying_7_14_share"]
            and not any(self.row[c] for c in self.row if c.startswith("enforcement_"))
        )

    @property
    def advancement(self) -> str:
        return self.row["advancement_level"]

    @property
    def key(self) -> str:
        return f"country-{self.iso2.lower()}"


@dataclass
class Dataset:
    countries: dict[str, Country]
    rows: list[GoodRow]
    sectors: dict[str, Term]
    regions: dict[str, Term]

    def commodity(self, code: str) -> Term:
        return self.sectors[code]

    def commodity_rows(self, code: str) -> list[GoodRow]:
        return [r for r in self.rows if r.commodity == code]

    def commodities(self) -> list[str]:
        return sorted({r.commodity for r in self.rows})


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV of the data folder, accents composed, as the application reads them."""
    try:
        return ilab_reader.read_csv(path)
    except IlabDataError as exc:
        raise SystemExit(str(exc)) from None


def read_terms(path: Path) -> dict[str, Term]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        str(code): Term(str(code), entry["fr"], entry["en"], entry.get("group"), tuple(entry.get("synonyms") or ()))
        for code, entry in raw.items()
    }


def country_names(taxonomies: Path) -> dict[str, tuple[Term, tuple[str, ...]]]:
    """ISO 3166 names (French from pycountry's locale), then the overrides of countries.yaml; with the
    curated synonyms of the overrides."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names: dict[str, tuple[Term, tuple[str, ...]]] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = (Term(country.alpha_2, french.gettext(country.name), english), ())
    overrides = yaml.safe_load((taxonomies / "countries.yaml").read_text(encoding="utf-8")) or {}
    for code, entry in overrides.items():
        iso = names[str(code)][0] if str(code) in names else Term(str(code), "", "")
        term = Term(str(code), entry.get("fr", iso.fr), entry.get("en", iso.en))  # synonyms alone: ISO's names kept
        names[str(code)] = (term, tuple(entry.get("synonyms") or ()))
    return names


def correct(countries: dict[str, Country]) -> None:
    """Set the values of ``CORRECTIONS``, each only where the CSV still holds the value it corrects: the
    application's function, which the findings API applies too."""
    try:
        corrected = apply_corrections({iso2: country.row for iso2, country in countries.items()})
    except IlabDataError as exc:
        raise SystemExit(str(exc)) from None
    for iso2, columns in corrected.items():
        countries[iso2].corrected.extend(columns)


def check_state_imposed(countries: dict[str, Country]) -> None:
    """Every good of ``STATE_IMPOSED`` is listed for its country with forced labour, and each of its ``children``
    with child labour too: a stale entry stops the run."""
    for iso2, entry in STATE_IMPOSED.items():
        forced = {r.good for r in countries[iso2].goods if r.has_forced_labour}
        missing = sorted(set(entry.goods) - forced)
        if missing:
            raise SystemExit(f"{iso2}: {missing} not listed with forced labour: review STATE_IMPOSED")
        child = {r.good for r in countries[iso2].goods if r.has_child_labour}
        missing = sorted(set(entry.children) - (child & set(entry.goods)))
        if missing:
            raise SystemExit(f"{iso2}: {missing} not listed with forced and child labour: review STATE_IMPOSED")


def load(data: Path, taxonomies: Path) -> Dataset:
    sectors = read_terms(taxonomies / "sectors.yaml")
    regions = read_terms(taxonomies / "regions.yaml")
    names = country_names(taxonomies)
    country_rows = read_csv(data / "countries.csv")
    by_ilab_name = {r["name_en"]: r["iso2"] for r in country_rows}
    countries: dict[str, Country] = {}
    for row in country_rows:
        iso2 = row["iso2"]
        if not row["source_url"].startswith(REPORTS_URL + "/"):
            raise SystemExit(f"{iso2}: unexpected source_url {row['source_url']}")
        term, synonyms = names[iso2]
        variants: list[str] = []
        for candidate in (term.fr, term.en, row["name_en"], *synonyms):
            # ILAB's inverted names (« Congo, Democratic Republic of the ») would read as two names in a list.
            if ", " not in candidate and all(fold(candidate) != fold(v) for v in variants):
                variants.append(candidate)
        countries[iso2] = Country(iso2, row, REGIONS[row["ilab_region"]], term, tuple(variants))
    correct(countries)
    rows: list[GoodRow] = []
    for raw in read_csv(data / "country_goods.csv"):
        if raw["good_en"] not in GOODS:
            raise SystemExit(f"good {raw['good_en']!r} has no commodity code in GOODS")
        code = GOODS[raw["good_en"]][0]
        if code not in sectors:
            raise SystemExit(f"commodity code {code!r} is missing from sectors.yaml")
        source = raw["input_source_country"]
        rows.append(
            GoodRow(
                iso2=raw["iso2"],
                good=raw["good_en"],
                ilab_sector=raw["ilab_sector"],
                child=raw["child_labor"] == "true",
                forced=raw["forced_labor"] == "true",
                forced_child=raw["forced_child_labor"] == "true",
                downstream=raw["made_with_exploited_inputs"] == "true",
                input_iso2=by_ilab_name[source] if source else None,
            )
        )
    for good_row in rows:
        countries[good_row.iso2].goods.append(good_row)
        if good_row.input_iso2:
            countries[good_row.input_iso2].used_as_input.append(good_row)
    check_state_imposed(countries)
    dataset = Dataset(countries, rows, sectors, regions)
    for country in countries.values():
        country.goods.sort(key=lambda r: (KIND_ORDER[r.kind], sort_key(r.label("en"))))
    return dataset
