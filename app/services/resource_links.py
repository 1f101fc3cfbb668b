"""Links to the centre's resources by translation key, read from the front matter of ``content/resources/``.

Findings and screenings point to the country and commodity sheets, methodologies and laws to read next; they
need each resource's slug and title in both languages without a database round trip per line. The index reads
only the front matter's first lines (``translation_key``, ``language``, ``slug``, ``type``, ``title``, ``status``:
drafts are left out; ``countries`` and ``sectors``, for the risk sheets and sector briefs about a country that are
not ILAB's) and is cached per content folder. Of a country's sheet it also reads the step that links the topic of
state-imposed forced labour (:data:`STATE_IMPOSED_TOPIC`): the commodity sheets that step links are the goods whose
forced labour the state imposes there (China's Xinjiang goods, North Korea's, Turkmenistan's cotton), which the
screening leads to that topic.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from app.filters import COMMODITY_SHEET, COUNTRY_SHEET, REGION_SHEET, SECTOR_SHEET
from app.languages import LANGUAGES
from app.models import ResourceStatus
from app.schemas.findings import ResourceLink
from app.schemas.taxonomy import Labels
from app.services.resources import resource_url
from app.taxonomy import TaxonomyName, load_taxonomies

# The sheets of a taxonomy term (ILAB's country and commodity sheets, the sector and region ones): linked apart, by
# the term's code. The others about a country, topics and sector briefs, are found by their tags.
TERM_SHEETS = (COUNTRY_SHEET, COMMODITY_SHEET, SECTOR_SHEET, REGION_SHEET)
# The topic a country sheet's state-imposed step links, and the commodity sheets it names in that step (one line).
STATE_IMPOSED_TOPIC = "topic-state-imposed-forced-labour"
COMMODITY_LINK = re.compile(r"\(crv:" + COMMODITY_SHEET + r"([a-z0-9-]+)\)")
FIELD = re.compile(r"^(translation_key|language|slug|type|title|status|countries|sectors):\s*(.+?)\s*$")


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    language: str
    slug: str
    type: str
    title: str
    countries: tuple[str, ...]
    sectors: frozenset[str]


def _front_matter(path: Path) -> _Entry | None:
    fields: dict[str, str | list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        if handle.readline().strip() != "---":
            return None
        for line in handle:
            if line.strip() == "---":
                break
            match = FIELD.match(line)
            if match:
                value = match.group(2)
                if value[:1] in "\"'[":
                    value = yaml.load(value, Loader=yaml.BaseLoader)  # strings all: « [NO] » is Norway, not False
                fields[match.group(1)] = value
    if fields.get("status", ResourceStatus.published) != ResourceStatus.published:
        return None
    try:
        key, language, slug, kind, title = (
            str(fields[name]) for name in ("translation_key", "language", "slug", "type", "title")
        )
    except KeyError:
        return None
    countries, sectors = (fields.get(name, []) for name in ("countries", "sectors"))
    return _Entry(
        key,
        language,
        slug,
        kind,
        title,
        tuple(countries) if isinstance(countries, list) else (),
        frozenset(sectors) if isinstance(sectors, list) else frozenset(),
    )


def _link(key: str, found: dict[str, _Entry], base_url: str) -> ResourceLink:
    """The resource in both languages (a language it lacks falls back on the other)."""
    both = {lang: found.get(lang) or next(iter(found.values())) for lang in LANGUAGES}
    return ResourceLink(
        key=key,
        type=both["en"].type,
        title=Labels(fr=both["fr"].title, en=both["en"].title),
        api_url=Labels(**{lang: f"{base_url}/v1/resources/{key}.{e.language}" for lang, e in both.items()}),
        page_url=Labels(**{lang: resource_url(base_url, e.language, e.slug) for lang, e in both.items()}),
    )


@dataclass(frozen=True)
class ResourceIndex:
    links: dict[str, ResourceLink]
    # Country code → the risk sheets about that country, alone or among others, that are no term's sheet (topics,
    # sector briefs), with their sectors (empty: all).
    country_sheets: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    # Sector or commodity code → the broad sector it belongs to (the sectors taxonomy's ``group``).
    groups: Mapping[str, str]
    # Country code → the commodities whose forced labour the state imposes there, as its sheet says
    # (:func:`_state_imposed`).
    state_imposed: Mapping[str, frozenset[str]]

    def link(self, key: str) -> ResourceLink | None:
        """The published resource of that translation key, or None."""
        return self.links.get(key)

    def sheets_about(self, country: str, sectors: Collection[str]) -> list[str]:
        """The translation keys of the risk sheets and briefs about ``country`` that concern the most specific of
        ``sectors`` (a line's commodity and its broad sector), then those about any sector.

        A commodity's own briefs come first, and those sharing only its broad sector are left out: smartphones
        from China read the electronics brief, not the solar polysilicon one, which shares « manufacturing »
        alone; the broad sector's briefs stand in when none names the commodity. Among the commodity's, those
        naming its broad sector too come first (cobalt from the DR Congo: the brief on mineral chains, then the
        electronics one, which names cobalt as an input). The kafala in Qatar for a building contractor there,
        not France's domestic-work brief for wine."""
        wanted = set(sectors)
        broad = {self.groups[code] for code in wanted if code in self.groups} & wanted
        sheets = self.country_sheets.get(country, ())
        concerned: list[tuple[str, frozenset[str]]] = []
        for codes in (wanted - broad, broad):
            concerned = [(key, about) for key, about in sheets if about & codes]
            if concerned:
                break
        concerned.sort(key=lambda sheet: -len(sheet[1] & wanted))  # stable: by key among equals
        return [key for key, _ in concerned] + [key for key, about in sheets if not about]

    def imposed_by_the_state(self, country: str, commodity: str) -> bool:
        """Whether the sheet of ``country`` says the state imposes the forced labour of ``commodity`` there."""
        return commodity in self.state_imposed.get(country, frozenset())


def _state_imposed(path: Path) -> frozenset[str]:
    """The commodity sheets that a country sheet's state-imposed step links: the line that links the topic."""
    topic = f"(crv:{STATE_IMPOSED_TOPIC})"
    with path.open(encoding="utf-8") as handle:
        return frozenset(code for line in handle if topic in line for code in COMMODITY_LINK.findall(line))


def resource_index(content_dir: Path, base_url: str) -> ResourceIndex:
    return _index(content_dir.resolve(), base_url.rstrip("/"))


@lru_cache(maxsize=8)
def _index(content_dir: Path, base_url: str) -> ResourceIndex:
    entries: dict[str, dict[str, _Entry]] = {}
    state_imposed: dict[str, frozenset[str]] = {}
    for path in sorted((content_dir / "resources").rglob("*.md")):
        entry = _front_matter(path)
        if entry is not None and entry.language in LANGUAGES:
            entries.setdefault(entry.key, {})[entry.language] = entry
            if entry.type == "risk_sheet" and entry.key.startswith(COUNTRY_SHEET):
                country = entry.key.removeprefix(COUNTRY_SHEET).upper()
                state_imposed[country] = state_imposed.get(country, frozenset()) | _state_imposed(path)
    country_sheets: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for key, found in sorted(entries.items()):
        first = next(iter(found.values()))
        if first.type == "risk_sheet" and not key.startswith(TERM_SHEETS):
            for code in first.countries:
                country_sheets[code] = (*country_sheets.get(code, ()), (key, first.sectors))
    sectors = load_taxonomies(content_dir)[TaxonomyName.sectors]
    groups = {code: term.group for code, term in sectors.items() if term.group}
    links = {key: _link(key, found, base_url) for key, found in entries.items()}
    imposed = {country: goods for country, goods in state_imposed.items() if goods}
    return ResourceIndex(links, country_sheets, groups, imposed)
