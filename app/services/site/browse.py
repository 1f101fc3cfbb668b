"""The country index (``/fr/pays/``, ``/en/countries/``) and the sector and product index (``/fr/secteurs/``,
``/en/sectors/``): every entry with its finding or its count, linked to its sheet."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.i18n import N_, collation_key, gettext
from app.ilab.reader import advancement_labels
from app.paths import page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.services.site import findings
from app.services.site.findings import Finding
from app.services.site.layout import Ignored
from app.services.site.published import published_index
from app.taxonomy import Taxonomies, TaxonomyName

COUNTRY_SORTS: Sequence[tuple[str, str]] = (
    ("name", N_("Name")),
    ("region", N_("Region")),
    ("finding", N_("Most serious finding first")),
    ("goods", N_("Most goods listed first")),
)
# The direction of each sort, for ``aria-sort`` on its column header.
SORT_DIRECTIONS: Mapping[str, str] = {"name": "ascending", "region": "ascending", "finding": "descending",
                                      "goods": "descending"}  # fmt: skip


def advancement_label(level: str, language: str) -> str:
    """ILAB's whole advancement level, its qualifier included (« No Advancement – Efforts Made but Complicit in
    Forced Child Labor »: the base level alone reads as a plain rating), as the API's labels and the sheets give
    it: ILAB's wording in English, translated in French."""
    if not level:
        return ""
    french, english = advancement_labels(level)
    return french if language == "fr" else english


@dataclass(frozen=True, slots=True)
class CountryRow:
    code: str
    name: str
    region_code: str
    region: str
    finding: Finding
    finding_label: str
    goods: int
    advancement: str
    url: str | None
    listed: frozenset[Finding] = frozenset()  # every finding listed (``finding`` is the most serious of them)


@dataclass(frozen=True, slots=True)
class CountryIndex:
    """Every country, in the chosen order; the ones the filters leave out are listed in ``hidden`` (the page
    renders them with the ``hidden`` attribute, so that its script can filter and sort without asking again)."""

    rows: Sequence[CountryRow]
    hidden: frozenset[str]  # codes of the rows the filters leave out
    ranks: Mapping[str, str]  # code → the row's position in each sort of COUNTRY_SORTS, space-separated
    total: int
    regions: Sequence[tuple[str, str, bool]]  # code, label, selected
    findings: Sequence[tuple[str, str, bool]]
    sorts: Sequence[tuple[str, str, bool]]
    region: str
    finding: str
    sort: str
    ignored: Sequence[Ignored] = ()  # what the query asked for that is not one of the choices: all are shown

    @property
    def shown(self) -> int:
        return len(self.rows) - len(self.hidden)

    def params(self, sort: str | None = None) -> dict[str, str]:
        """The page's query (defaults left out), with another sort when given: the URL of this state."""
        sort = sort or self.sort
        chosen = {"region": self.region, "finding": self.finding, "sort": "" if sort == "name" else sort}
        return {key: value for key, value in chosen.items() if value}


_ROWS: dict[tuple[str, int, int], tuple[Taxonomies, list[CountryRow]]] = {}


def country_rows(session: Session, taxonomies: Taxonomies, language: str) -> list[CountryRow]:
    """Every country ILAB reports on, by name in ``language`` (kept while the published resources do not change)."""
    key = (language, published_index(session).token, id(taxonomies))
    cached = _ROWS.get(key)
    if cached is None or cached[0] is not taxonomies:
        if len(_ROWS) > 16:
            _ROWS.clear()
        cached = (taxonomies, _country_rows(session, taxonomies, language))
        _ROWS[key] = cached
    return list(cached[1])


def country_namer(taxonomies: Taxonomies, language: str) -> Callable[[str], str]:
    """A country's name in ``language`` (its code when unknown)."""
    countries = taxonomies[TaxonomyName.countries]
    return lambda code: countries[code].label(language) if code in countries else code


def _country_rows(session: Session, taxonomies: Taxonomies, language: str) -> list[CountryRow]:
    index = published_index(session)
    countries = taxonomies[TaxonomyName.countries]
    regions = taxonomies[TaxonomyName.regions]
    rows = []
    for code, entry in findings.load().items():
        term = countries.get(code)
        region_code = entry.region
        slug = index.term_sheet("country", code, language)
        rows.append(
            CountryRow(
                code=code,
                name=term.label(language) if term else code,
                region_code=region_code,
                region=regions[region_code].label(language) if region_code in regions else region_code,
                finding=entry.finding,
                finding_label=entry.finding.label(language),
                goods=len(entry.goods),
                advancement=advancement_label(entry.advancement, language),
                url=resource_path(language, slug) if slug else None,
                listed=entry.listed,
            )
        )
    rows.sort(key=lambda row: collation_key(row.name))
    return rows


@dataclass(frozen=True, slots=True)
class OtherCountry:
    """A country ILAB does not report on that published resources are about (a law, a sheet, a practice)."""

    code: str
    name: str
    count: int  # published resources in the page's language
    url: str  # the country's own sheet (France's), else the search page filtered by the country


def other_countries(session: Session, taxonomies: Taxonomies, language: str) -> list[OtherCountry]:
    """The countries outside ILAB's report that resources in ``language`` are about, by name: the map and the
    country index link them to their sheet or their resources rather than leave them "not assessed" and mute."""
    assessed = findings.load()
    name_of = country_namer(taxonomies, language)
    index = published_index(session)

    def url(code: str) -> str:
        slug = index.term_sheet("country", code, language)
        return resource_path(language, slug) if slug else page_path("search", language, country=code)

    others = [
        OtherCountry(code, name_of(code), count, url(code))
        for code, count in index.country_counts(language).items()
        if code not in assessed and code in taxonomies[TaxonomyName.countries]
    ]
    return sorted(others, key=lambda other: collation_key(other.name))


def _sort_key(sort: str) -> Callable[[tuple[int, CountryRow]], tuple[object, ...]]:
    """The order of a sort (rows come by name: ``position`` breaks ties by name)."""
    order = tuple(Finding)
    keys: Mapping[str, Callable[[int, CountryRow], tuple[object, ...]]] = {
        "name": lambda position, row: (position,),
        "region": lambda position, row: (collation_key(row.region), position),
        "finding": lambda position, row: (order.index(row.finding), -row.goods, position),
        "goods": lambda position, row: (-row.goods, position),
    }
    key = keys[sort]
    return lambda item: key(*item)


def country_index(
    session: Session, taxonomies: Taxonomies, language: str, *, region: str = "", finding: str = "", sort: str = ""
) -> CountryIndex:
    rows = country_rows(session, taxonomies, language)
    region_codes = sorted({row.region_code for row in rows if row.region_code})
    ignored: list[Ignored] = []

    def choice(label: str, value: str, known: Collection[str], default: str = "") -> str:
        """``value`` if it is one of the choices; else the default, and the page says why."""
        if value and value not in known:
            ignored.append(Ignored(label, value))
            return default
        return value or default

    region = choice(N_("Region"), region, region_codes)
    finding = choice(N_("Finding"), finding, {f.value for f in Finding})
    sort = choice(N_("Sort by"), sort, dict(COUNTRY_SORTS), "name")
    ranks: dict[str, list[str]] = {row.code: [] for row in rows}
    ordered: dict[str, list[CountryRow]] = {}
    for name, _ in COUNTRY_SORTS:
        ordered[name] = [row for _, row in sorted(enumerate(rows), key=_sort_key(name))]
        for rank, row in enumerate(ordered[name]):
            ranks[row.code].append(str(rank))
    hidden = frozenset(
        row.code for row in rows if (region and row.region_code != region) or (finding and row.finding != finding)
    )
    regions = taxonomies[TaxonomyName.regions]
    return CountryIndex(
        rows=ordered[sort],
        hidden=hidden,
        ranks={code: " ".join(positions) for code, positions in ranks.items()},
        total=len(rows),
        regions=sorted(
            ((code, regions[code].label(language), code == region) for code in region_codes),
            key=lambda item: collation_key(item[1]),
        ),
        findings=[(f.value, f.label(language), f.value == finding) for f in Finding if f != Finding.unassessed],
        sorts=[(value, gettext(language, label), value == sort) for value, label in COUNTRY_SORTS],
        region=region,
        finding=finding,
        sort=sort,
        ignored=ignored,
    )


@dataclass(frozen=True, slots=True)
class SectorEntry:
    code: str
    label: str
    count: int
    sheet_url: str | None
    search_url: str


@dataclass(frozen=True, slots=True)
class SectorGroup:
    code: str
    label: str
    count: int
    sheet_url: str | None
    search_url: str
    products: Sequence[SectorEntry]


def sector_index(session: Session, engine: SearchEngine, taxonomies: Taxonomies, language: str) -> list[SectorGroup]:
    """Broad sectors, each with its products (commodities), with resource counts and their sheets."""
    counts = engine.search(
        SearchQuery(filters={FilterField.lang: (language,)}, per_page=1, facets=(FilterField.sector,))
    ).facets.get(FilterField.sector, {})
    index = published_index(session)
    terms = taxonomies[TaxonomyName.sectors]

    def entry(code: str) -> SectorEntry:
        slug = index.term_sheet("sector", code, language)
        return SectorEntry(
            code=code,
            label=terms[code].label(language),
            count=counts.get(code, 0),
            sheet_url=resource_path(language, slug) if slug else None,
            search_url=page_path("search", language, sector=code),
        )

    groups = []
    for code, term in terms.items():
        if term.group:
            continue
        products = sorted((entry(c) for c, t in terms.items() if t.group == code), key=lambda e: collation_key(e.label))
        head = entry(code)
        groups.append(SectorGroup(code, head.label, head.count, head.sheet_url, head.search_url, products))
    groups.sort(key=lambda g: collation_key(g.label))
    return groups
