"""The home page: browse entries with counts (one facet query of the engine) and the latest resources."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.i18n import N_, gettext
from app.paths import page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery, SortOrder
from app.services.pages import Link, guide_links, human_date
from app.services.site.published import published_index
from app.taxonomy import Taxonomies, TaxonomyName

LATEST = 6
# Guides the home page's ways in lead to, by the way in, each once published in the page's language: for front-line
# staff who suspect a victim in France (whom to call, the victim's rights), a card of its own, for the people the
# other cards (buyers, publishers, sites) leave out; for public buyers, a contract's path stage by stage, under the
# screening's card.
# Social auditors and supplier quality teams, who check on site, had no way in: the site-visit checklist came 2nd
# for « liste de contrôle visite », and the interview guide was found only by its name.
GUIDES = {
    "front_line": "method-suspected-trafficking-france",
    "public_buyers": "method-public-buyer-path",
    "auditors": "tool-site-visit-checklist",
    "auditor_interviews": "tool-worker-interview-guide",
}
BROWSE: Sequence[tuple[FilterField, str, int]] = (  # their taxonomies: app.filters.FILTERS
    (FilterField.type, N_("By resource type"), 10),
    (FilterField.risk, N_("By risk"), 10),
    (FilterField.region, N_("By region"), 10),
    (FilterField.sector, N_("By sector and product"), 10),
)


@dataclass(frozen=True, slots=True)
class Step:
    """A step of a path: what it is, and the resources (translation keys) and site pages (app.paths) that do it."""

    label: str
    keys: tuple[str, ...]
    pages: tuple[str, ...] = ()


# Paths of several steps, by the way in, in the order the work is done. Companies under the duty of vigilance (the
# 2017 French law, the EU's CSDDD) map their risks, read the country and sector sheets the mapping points to, set
# out the plan's measures and report on them every year.
PATHS: dict[str, tuple[Step, ...]] = {
    "companies": (
        Step(N_("Map the risks by country and sector"), ("method-risk-mapping",), ("screening",)),
        Step(N_("Read a country or sector sheet"), ("method-risk-sheets",)),
        Step(N_("Set out the vigilance plan’s measures"), ("method-vigilance-plan",)),
        Step(N_("Report on the plan every year"), ("tool-due-diligence-report-outline",)),
    ),
}


@dataclass(frozen=True, slots=True)
class PathStep:
    label: str
    links: Sequence[Link]


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    count: int
    url: str


@dataclass(frozen=True, slots=True)
class BrowseGroup:
    title: str
    entries: Sequence[Entry]
    more_url: str | None


@dataclass(frozen=True, slots=True)
class Latest:
    title: str
    url: str
    type_label: str
    summary: str
    published_at: str


@dataclass(frozen=True, slots=True)
class HomeView:
    total: int
    browse: Sequence[BrowseGroup]
    latest: Sequence[Latest]


def build_home(engine: SearchEngine, taxonomies: Taxonomies, language: str) -> HomeView:
    result = engine.search(
        SearchQuery(
            filters={FilterField.lang: (language,)},
            sort=SortOrder.published_desc,
            per_page=LATEST,
            facets=tuple(name for name, *_ in BROWSE),
        )
    )
    groups = []
    for name, title, limit in BROWSE:
        counts = result.facets.get(name, {})
        terms = taxonomies[name.spec.taxonomy]
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        entries = [
            Entry(
                terms[code].label(language) if code in terms else code,
                count,
                page_path("search", language, **{name.value: code}),
            )
            for code, count in ranked[:limit]
            if count
        ]
        more = page_path("sectors", language) if name == FilterField.sector and len(ranked) > limit else None
        groups.append(BrowseGroup(gettext(language, title), entries, more))
    types = taxonomies[TaxonomyName.types]
    latest = [
        Latest(
            hit.document.title,
            resource_path(hit.document.language, hit.document.slug),
            types[hit.document.type].label(language) if hit.document.type in types else hit.document.type,
            hit.document.summary,
            human_date(hit.document.published_at, language),
        )
        for hit in result.hits
    ]
    return HomeView(result.total, groups, latest)


def guide_paths(session: Session, language: str) -> dict[str, str]:
    """The page in ``language`` of each of the home page's :data:`GUIDES` published in it, by way in."""
    published = published_index(session)
    found = {way: guide_links(published, language, (key,)) for way, key in GUIDES.items()}
    return {way: links[0].url for way, links in found.items() if links}


def step_paths(session: Session, language: str) -> dict[str, list[PathStep]]:
    """Each of the home page's :data:`PATHS` in ``language``, by way in: its steps with what they link to published
    in it (a step without any left out, a path without any step too)."""
    published = published_index(session)
    paths = {
        way: [
            PathStep(gettext(language, step.label), links)
            for step in steps
            if (links := guide_links(published, language, step.keys, step.pages))
        ]
        for way, steps in PATHS.items()
    }
    return {way: steps for way, steps in paths.items() if steps}
