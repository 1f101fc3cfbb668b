"""Findings: the structured ILAB country × good table behind the risk sheets, and each country's status.

Public functions (what the API, the screening service and the public site call):

- ``findings_catalogue(settings) -> FindingsCatalogue``: the catalogue of ``settings.ilab_data_dir`` labelled with
  the taxonomies of ``settings.content_dir`` and linked to its published sheets (built once, cached);
  ``load_catalogue(data_dir, content_dir, base_url)`` is the same without settings (CLI, tests, benchmarks).
- ``FindingsCatalogue.find(country=, good=, finding=, region=) -> list[FindingRow]``: rows of the List of Goods,
  values of one filter ORed, filters ANDed (``good`` takes a commodity code or a broad sector code such as
  ``textiles``); an unknown value raises :class:`~app.errors.InvalidParameters` naming the field.
- ``FindingsCatalogue.pair(iso2, commodity) -> list[FindingRow]``: the rows of one exact (country, commodity) pair.
- ``FindingsCatalogue.country(iso2) -> CountryFindings``: a country's status (``forced_child_labour``,
  ``forced_labour``, ``child_labour``, ``assessed_without_finding``, ``not_assessed``) with FR/EN labels,
  advancement level, share of children working, school, ratifications, laws and enforcement as its sheet gives them
  (:mod:`app.services.country_indicators`), counts per finding and the goods made with inputs from it;
  every ISO 3166 country (plus Kosovo) has one, ``not_assessed`` where ILAB has no page. Its ``goods`` are those
  listed with a labour finding, as the country index and the sheets count them (``goods_made_with_exploited_inputs``
  apart); its ``source`` is ILAB's Findings where that report covers it, else ILAB's List of Goods (the 12 countries
  only the list names). Unknown code: ``KeyError``.
- ``FindingsCatalogue.countries(region=, status=) -> list[CountryFindings]``: all of them (a world map, badges).
- ``FindingsCatalogue.is_assessed(iso2) -> bool``; ``FindingsCatalogue.data``: the typed :class:`IlabData`;
  ``FindingsCatalogue.links.link(key)``: a published resource's :class:`ResourceLink` by translation key.
- ``rows_csv(rows) -> str``: the rows as CSV (cells neutralised against spreadsheet formulas), with a byte order
  mark, as the exports' CSV, so that a spreadsheet reads UTF-8; ``countries_csv(countries) -> str``: the countries'
  statuses so (``COUNTRY_CSV_COLUMNS``: a list of the JSON as one cell, its items separated by « | »);
  ``rows_xlsx`` and ``countries_xlsx``: the same columns as an XLSX workbook (``app.services.tabular.xlsx``).
- ``STATUS_LABELS``, ``FINDING_LABELS``: FR/EN labels of the statuses and findings.

Each row names its source and vintage (ILAB List of Goods, 2022) and links the country and commodity sheets
(``None`` where the content folder has no such published sheet).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from app.config import Settings
from app.errors import FieldError, InvalidParameters
from app.ilab.reader import (
    FINDINGS_TITLE,
    GOODS_TITLE,
    GOODS_URL,
    ILAB_SECTORS,
    CountryFacts,
    Finding,
    GoodRow,
    IlabData,
    advancement_labels,
    load_ilab,
)
from app.schemas.findings import (
    Advancement,
    CodeLabels,
    CommodityRef,
    CountryFindings,
    CountryRef,
    CountryStatus,
    ExploitedInput,
    FindingFilter,
    FindingRow,
    GoodRef,
    ResourceLink,
    Source,
    WorkingChildren,
)
from app.schemas.taxonomy import Labels
from app.services.country_indicators import INDICATOR_CSV_COLUMNS, age_range, indicator_cells, indicators
from app.services.resource_links import ResourceIndex, resource_index
from app.services.tabular import Cell, Sheet, to_csv, xlsx
from app.taxonomy import Taxonomies, TaxonomyName, load_taxonomies

STATUS_LABELS: dict[CountryStatus, Labels] = {
    CountryStatus.forced_child_labour: Labels(fr="Travail forcé des enfants", en="Forced child labour"),
    CountryStatus.forced_labour: Labels(fr="Travail forcé", en="Forced labour"),
    CountryStatus.child_labour: Labels(fr="Travail des enfants", en="Child labour"),
    CountryStatus.assessed_without_finding: Labels(fr="Évalué, aucun bien listé", en="Assessed, no good listed"),
    CountryStatus.not_assessed: Labels(fr="Non évalué par l’ILAB", en="Not assessed by ILAB"),
}
FINDING_LABELS: dict[Finding, Labels] = {
    Finding.forced_child_labour: STATUS_LABELS[CountryStatus.forced_child_labour],
    Finding.forced_labour: STATUS_LABELS[CountryStatus.forced_labour],
    Finding.child_labour: STATUS_LABELS[CountryStatus.child_labour],
}
CSV_COLUMNS = (
    "country_code",
    "country_iso3",
    "country_fr",
    "country_en",
    "region",
    "good_ilab",
    "good_fr",
    "good_en",
    "commodity",
    "commodity_fr",
    "commodity_en",
    "ilab_sector",
    "child_labour",
    "forced_labour",
    "forced_child_labour",
    "made_with_exploited_inputs",
    "input_source_country",
    "source",
    "source_url",
    "vintage",
    "country_sheet_fr",
    "country_sheet_en",
    "commodity_sheet_fr",
    "commodity_sheet_en",
)


COUNTRY_CSV_COLUMNS = (
    "country_code",
    "country_iso3",
    "country_fr",
    "country_en",
    "region",
    "status",
    "status_fr",
    "status_en",
    "assessed",
    "advancement_ilab",
    "advancement_fr",
    "advancement_en",
    "working_children_share_5_14",
    "working_children_count_5_14",
    "working_children_agriculture_share",
    "working_children_industry_share",
    "working_children_services_share",
    "goods",  # goods listed with a labour finding (since December 2026: not those made with exploited inputs)
    *(f"{finding.value}_goods" for finding in Finding),  # goods per labour finding, most serious first
    # goods made (here or elsewhere) with its inputs: « country:commodity:ILAB's good », separated by « | » (until
    # December 2026 « country:commodity », which named China's four solar goods alike)
    "exploited_inputs",
    "source",
    "source_url",
    "vintage",
    "country_sheet_fr",
    "country_sheet_en",
    # New columns go at the end: a consumer reading the columns by position keeps working.
    "in_findings_report",
    "goods_made_with_exploited_inputs",
    "exploited_inputs_fr",  # the goods of ``exploited_inputs``, in the same order, by their French names
    "exploited_inputs_en",
    # ILAB's indicators of the country sheets (since December 2026): ages of the figures, school, ratifications,
    # legal framework, enforcement (app/services/country_indicators.py)
    *INDICATOR_CSV_COLUMNS,
)
# The columns of web addresses, links in the XLSX.
LINK_COLUMNS = frozenset(
    ("source_url", "country_sheet_fr", "country_sheet_en", "commodity_sheet_fr", "commodity_sheet_en")
)
LIST_SEPARATOR = "|"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, eq=False)  # hashed by identity: one catalogue per data folder
class FindingsCatalogue:
    data: IlabData
    taxonomies: Taxonomies
    links: ResourceIndex
    rows: tuple[FindingRow, ...]
    by_pair: dict[tuple[str, str], tuple[FindingRow, ...]]
    by_country: dict[str, CountryFindings]

    # -- queries --------------------------------------------------------------------------------------------

    def find(
        self,
        *,
        country: Sequence[str] = (),
        good: Sequence[str] = (),
        finding: Sequence[str] = (),
        region: Sequence[str] = (),
    ) -> list[FindingRow]:
        countries = {c.strip().upper() for c in country}
        goods = {g.strip().lower() for g in good}
        regions = {r.strip().lower() for r in region}
        wanted = {f.strip().lower() for f in finding}
        self._check(countries, goods, wanted, regions)
        out: list[FindingRow] = []
        for row in self.rows:
            if countries and row.country.code not in countries:
                continue
            if regions and row.region.code not in regions:
                continue
            if goods and row.commodity.code not in goods and row.commodity.group not in goods:
                continue
            if wanted and not any(_has(row, FindingFilter(f)) for f in wanted):
                continue
            out.append(row)
        return out

    def pair(self, iso2: str, commodity: str) -> list[FindingRow]:
        return list(self.by_pair.get((iso2, commodity), ()))

    def country(self, iso2: str) -> CountryFindings:
        return self.by_country[iso2.upper()]

    def countries(self, *, region: Sequence[str] = (), status: Sequence[str] = ()) -> list[CountryFindings]:
        regions = {r.strip().lower() for r in region}
        statuses = {s.strip().lower() for s in status}
        errors = self._unknown("region", regions, self.taxonomies[TaxonomyName.regions])
        errors += [
            FieldError(field="status", message=f"unknown status {s!r}; one of {', '.join(CountryStatus)}")
            for s in sorted(statuses - set(CountryStatus))
        ]
        if errors:
            raise InvalidParameters("Unknown filter value; see `errors`.", errors=errors)
        return [
            c
            for c in self.by_country.values()
            if (not regions or (c.region is not None and c.region.code in regions))
            and (not statuses or c.status in statuses)
        ]

    def is_assessed(self, iso2: str) -> bool:
        return iso2 in self.data.countries

    def in_sector(self, iso2: str, sector: str) -> list[FindingRow]:
        """A country's rows whose commodity belongs to a broad sector (or is that code)."""
        return [
            row for row in self.rows if row.country.code == iso2 and sector in (row.commodity.group, row.commodity.code)
        ]

    def commodity_ref(self, code: str) -> CommodityRef:
        term = self.taxonomies[TaxonomyName.sectors].get(code)
        labels = Labels(fr=term.fr, en=term.en) if term else Labels(fr=code, en=code)
        return CommodityRef(code=code, labels=labels, group=term.group if term else None)

    @staticmethod
    def exploited_input_of(row: FindingRow) -> ExploitedInput:
        return ExploitedInput(
            country=row.country, good=row.good, commodity=row.commodity, input_source_country=row.input_source_country
        )

    # -- validation -----------------------------------------------------------------------------------------

    def _unknown(self, field: str, values: Iterable[str], known: Iterable[str]) -> list[FieldError]:
        known_set = set(known)
        return [FieldError(field=field, message=f"unknown code {v!r}") for v in sorted(values) if v not in known_set]

    def _check(self, countries: set[str], goods: set[str], findings: set[str], regions: set[str]) -> None:
        errors = self._unknown("country", countries, self.by_country)
        errors += self._unknown("good", goods, self.taxonomies[TaxonomyName.sectors])
        errors += self._unknown("region", regions, self.taxonomies[TaxonomyName.regions])
        errors += [
            FieldError(field="finding", message=f"unknown finding {f!r}; one of {', '.join(FindingFilter)}")
            for f in sorted(findings - set(FindingFilter))
        ]
        if errors:
            raise InvalidParameters(
                "Unknown filter value: `country` takes ISO 3166-1 alpha-2 codes, `good` codes of "
                "/v1/taxonomies/sectors, `region` codes of /v1/taxonomies/regions; see `errors`.",
                errors=errors,
            )


def _has(row: FindingRow, wanted: FindingFilter) -> bool:
    if wanted == FindingFilter.exploited_inputs:
        return row.made_with_exploited_inputs
    return Finding(wanted.value) in row.findings


# -- building -------------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, data: IlabData, taxonomies: Taxonomies, links: ResourceIndex) -> None:
        self.data = data
        self.taxonomies = taxonomies
        self.links = links
        self.source = Source(title=GOODS_TITLE, url=GOODS_URL, vintage=data.vintage)

    def country_ref(self, iso2: str) -> CountryRef:
        term = self.taxonomies[TaxonomyName.countries].get(iso2)
        facts = self.data.countries.get(iso2)
        labels = Labels(fr=term.fr, en=term.en) if term else Labels(fr=iso2, en=facts.name_en if facts else iso2)
        return CountryRef(code=iso2, iso3=facts.iso3 if facts else _iso3(iso2), labels=labels)

    def code_labels(self, name: TaxonomyName, code: str) -> CodeLabels:
        term = self.taxonomies[name].get(code)
        return CodeLabels(code=code, labels=Labels(fr=term.fr, en=term.en) if term else Labels(fr=code, en=code))

    def commodity_ref(self, code: str) -> CommodityRef:
        term = self.taxonomies[TaxonomyName.sectors].get(code)
        labels = Labels(fr=term.fr, en=term.en) if term else Labels(fr=code, en=code)
        return CommodityRef(code=code, labels=labels, group=term.group if term else None)

    def good_ref(self, row: GoodRow) -> GoodRef:
        return GoodRef(ilab=row.good, labels=Labels(fr=upper_first(row.label_fr), en=upper_first(row.label_en)))

    def row(self, good: GoodRow) -> FindingRow:
        facts = self.data.countries[good.iso2]
        fr, en = ILAB_SECTORS.get(good.ilab_sector, (good.ilab_sector, good.ilab_sector))
        return FindingRow(
            country=self.country_ref(good.iso2),
            region=self.code_labels(TaxonomyName.regions, facts.region),
            good=self.good_ref(good),
            commodity=self.commodity_ref(good.commodity),
            ilab_sector=CodeLabels(code=good.ilab_sector, labels=Labels(fr=fr, en=en)),
            child_labour=good.child_labour,
            forced_labour=good.forced_labour,
            forced_child_labour=good.forced_child_labour,
            findings=list(good.findings),
            made_with_exploited_inputs=good.exploited_inputs,
            input_source_country=self.country_ref(good.input_iso2) if good.input_iso2 else None,
            source=self.source,
            country_sheet=self.links.link(f"country-{good.iso2.lower()}"),
            commodity_sheet=self.links.link(f"commodity-{good.commodity}"),
        )

    def exploited_input(self, good: GoodRow) -> ExploitedInput:
        return ExploitedInput(
            country=self.country_ref(good.iso2),
            good=self.good_ref(good),
            commodity=self.commodity_ref(good.commodity),
            input_source_country=self.country_ref(good.input_iso2) if good.input_iso2 else None,
        )

    def country(self, iso2: str) -> CountryFindings:
        facts = self.data.countries.get(iso2)
        goods = self.data.by_country.get(iso2, ())
        counts = {f: sum(f in g.findings for g in goods) for f in Finding}
        if facts is None:
            status = CountryStatus.not_assessed
        else:
            status = next(
                (CountryStatus(f.value) for f in Finding if counts[f]), CountryStatus.assessed_without_finding
            )
        return CountryFindings(
            country=self.country_ref(iso2),
            region=self.code_labels(TaxonomyName.regions, facts.region) if facts else None,
            status=status,
            status_labels=STATUS_LABELS[status],
            assessed=facts is not None,
            in_findings_report=facts is not None and facts.in_findings_report,
            advancement=_advancement(facts),
            working_children=_working_children(facts),
            **indicators(facts),
            goods=sum(g.has_finding for g in goods),
            goods_made_with_exploited_inputs=sum(g.exploited_inputs for g in goods),
            findings=counts,
            exploited_inputs=[self.exploited_input(g) for g in self.data.inputs_from.get(iso2, ())],
            source=self.country_source(facts),
            country_sheet=self.links.link(f"country-{iso2.lower()}"),
        )

    def country_source(self, facts: CountryFacts | None) -> Source | None:
        """What a country's status and figures come from: its page of ILAB's Findings on the Worst Forms of Child
        Labor where that report covers it; ILAB's List of Goods for the countries only that list names (China,
        Russia…: the Findings do not assess them); nothing outside ILAB's reports."""
        if facts is None:
            return None
        if facts.in_findings_report:
            return Source(title=FINDINGS_TITLE, url=facts.source_url, vintage=self.data.vintage)
        return self.source


def _iso3(iso2: str) -> str | None:
    found = pycountry.countries.get(alpha_2=iso2)
    return str(found.alpha_3) if found else None


def _advancement(facts: CountryFacts | None) -> Advancement | None:
    if facts is None or not facts.advancement:
        return None
    fr, en = advancement_labels(facts.advancement)
    return Advancement(ilab=facts.advancement, labels=Labels(fr=fr, en=en))


def _working_children(facts: CountryFacts | None) -> WorkingChildren | None:
    if facts is None:
        return None
    return WorkingChildren(
        share_5_14=facts.working_children_share,
        count_5_14=facts.working_children_count,
        agriculture_share=facts.agriculture_share,
        industry_share=facts.industry_share,
        services_share=facts.services_share,
        ages=age_range(facts.ages),
    )


def load_catalogue(data_dir: Path, content_dir: Path, base_url: str) -> FindingsCatalogue:
    """The catalogue of an ILAB data folder, labelled and linked from a content folder (cached)."""
    return _catalogue(data_dir.resolve(), content_dir.resolve(), base_url.rstrip("/"))


def findings_catalogue(settings: Settings) -> FindingsCatalogue:
    return load_catalogue(settings.ilab_data_dir, settings.content_dir, settings.public_base_url)


@lru_cache(maxsize=4)
def _catalogue(data_dir: Path, content_dir: Path, base_url: str) -> FindingsCatalogue:
    data = load_ilab(data_dir)
    taxonomies = load_taxonomies(content_dir)
    builder = _Builder(data, taxonomies, resource_index(content_dir, base_url))
    rows = tuple(builder.row(good) for good in data.rows)
    by_pair: dict[tuple[str, str], list[FindingRow]] = {}
    for row in rows:
        by_pair.setdefault((row.country.code, row.commodity.code), []).append(row)
    codes = sorted(set(taxonomies[TaxonomyName.countries]) | set(data.countries))
    return FindingsCatalogue(
        data=data,
        taxonomies=taxonomies,
        links=builder.links,
        rows=rows,
        by_pair={k: tuple(v) for k, v in by_pair.items()},
        by_country={code: builder.country(code) for code in codes},
    )


def _yes(value: bool) -> str:
    return "true" if value else "false"


def _sheet(link: ResourceLink | None, lang: str) -> str:
    if link is None:
        return ""
    return link.page_url.fr if lang == "fr" else link.page_url.en


def _number(value: float | None) -> Cell:
    return "" if value is None else value


def _row_cells(row: FindingRow) -> list[Cell]:
    return [
        row.country.code,
        row.country.iso3 or "",
        row.country.labels.fr,
        row.country.labels.en,
        row.region.code,
        row.good.ilab,
        row.good.labels.fr,
        row.good.labels.en,
        row.commodity.code,
        row.commodity.labels.fr,
        row.commodity.labels.en,
        row.ilab_sector.code,
        _yes(row.child_labour),
        _yes(row.forced_labour),
        _yes(row.forced_child_labour),
        _yes(row.made_with_exploited_inputs),
        row.input_source_country.code if row.input_source_country else "",
        row.source.title,
        row.source.url,
        row.source.vintage,
        _sheet(row.country_sheet, "fr"),
        _sheet(row.country_sheet, "en"),
        _sheet(row.commodity_sheet, "fr"),
        _sheet(row.commodity_sheet, "en"),
    ]


def exploited_input_item(made: ExploitedInput) -> str:
    """One good of a country's ``exploited_inputs`` in a cell: « CN:solar-polysilicon:Photovoltaic Wafers », where
    it is made, the centre's commodity and ILAB's exact good (the commodity alone named China's four solar goods
    alike). ILAB's good comes last: split on the first two colons."""
    return f"{made.country.code}:{made.commodity.code}:{made.good.ilab}"


def _country_cells(country: CountryFindings) -> list[Cell]:
    advancement, children, source = country.advancement, country.working_children, country.source
    inputs = country.exploited_inputs
    return [
        country.country.code,
        country.country.iso3 or "",
        country.country.labels.fr,
        country.country.labels.en,
        country.region.code if country.region else "",
        country.status.value,
        country.status_labels.fr,
        country.status_labels.en,
        _yes(country.assessed),
        advancement.ilab if advancement else "",
        advancement.labels.fr if advancement else "",
        advancement.labels.en if advancement else "",
        _number(children.share_5_14 if children else None),
        _number(children.count_5_14 if children else None),
        _number(children.agriculture_share if children else None),
        _number(children.industry_share if children else None),
        _number(children.services_share if children else None),
        country.goods,
        *(country.findings.get(finding, 0) for finding in Finding),
        LIST_SEPARATOR.join(exploited_input_item(made) for made in inputs),
        source.title if source else "",
        source.url if source else "",
        source.vintage if source else "",
        _sheet(country.country_sheet, "fr"),
        _sheet(country.country_sheet, "en"),
        _yes(country.in_findings_report),
        country.goods_made_with_exploited_inputs,
        LIST_SEPARATOR.join(made.good.labels.fr for made in inputs),
        LIST_SEPARATOR.join(made.good.labels.en for made in inputs),
        *indicator_cells(country),
    ]


def _texts(cells: Iterable[Cell]) -> list[str]:
    return [str(cell) for cell in cells]


def rows_csv(rows: Iterable[FindingRow]) -> str:
    """The rows as CSV, after a byte order mark: without it Excel reads the file in the system's code page and shows
    « CÃ´te dâ€™Ivoire »."""
    return "\ufeff" + to_csv(CSV_COLUMNS, (_texts(_row_cells(row)) for row in rows))


def countries_csv(countries: Iterable[CountryFindings]) -> str:
    """The countries' statuses as CSV, after a byte order mark as :func:`rows_csv`."""
    return "\ufeff" + to_csv(COUNTRY_CSV_COLUMNS, (_texts(_country_cells(country)) for country in countries))


def _links(columns: Sequence[str]) -> frozenset[int]:
    return frozenset(index for index, name in enumerate(columns) if name in LINK_COLUMNS)


def rows_xlsx(rows: Iterable[FindingRow]) -> bytes:
    """The rows as an XLSX workbook, the CSV's columns and values (for Excel set to a language whose list separator
    is a semicolon, which puts each row of a comma-separated file in one column): a frozen header with an autofilter,
    the addresses as links (the exports' writer, :func:`app.services.tabular.xlsx`)."""
    sheet = Sheet("findings", CSV_COLUMNS, (_row_cells(row) for row in rows), links=_links(CSV_COLUMNS))
    return xlsx([sheet])


def countries_xlsx(countries: Iterable[CountryFindings]) -> bytes:
    """The countries' statuses as an XLSX workbook, as :func:`rows_xlsx`; shares and counts are numbers."""
    cells = (_country_cells(country) for country in countries)
    return xlsx([Sheet("countries", COUNTRY_CSV_COLUMNS, cells, links=_links(COUNTRY_CSV_COLUMNS))])
