"""The breadcrumb of a resource page: the way back to the list it belongs to. A risk sheet about a country or a
region leads back to the country index, one about a sector or a commodity (or a sector brief) to the sector and
product index, a tool to the tools page (« Accueil › Pays › Bangladesh »); any other resource to the search page
filtered by its type. A term's own sheet is named by its term, any other page by its title."""

from collections.abc import Mapping, Sequence

from app.filters import COMMODITY_SHEET, COUNTRY_SHEET, REGION_SHEET, SECTOR_SHEET
from app.i18n import N_, gettext
from app.models import Resource, ResourceType
from app.paths import page_path, resource_path
from app.taxonomy import Taxonomies, TaxonomyName

Crumb = tuple[str, str]  # label, path (base.html puts « Home » first; the last crumb is the page)

BRIEF = "brief-"  # the sector briefs' translation keys (« brief-cocoa »)
# A risk sheet's translation key prefix → the index page that lists it, and the taxonomy its term is in.
SHEET_INDEXES: Mapping[str, tuple[str, TaxonomyName | None]] = {
    COUNTRY_SHEET: ("countries", TaxonomyName.countries),
    REGION_SHEET: ("countries", TaxonomyName.regions),  # the country index groups and filters by region
    COMMODITY_SHEET: ("sectors", TaxonomyName.sectors),
    SECTOR_SHEET: ("sectors", TaxonomyName.sectors),
    BRIEF: ("sectors", None),
}
INDEX_LABELS: Mapping[str, str] = {
    "countries": N_("Countries"),
    "sectors": N_("Sectors and products"),
    "tools": N_("Tools"),
}


def resource_breadcrumbs(taxonomies: Taxonomies, resource: Resource, type_label: str, title: str) -> Sequence[Crumb]:
    """The crumbs after « Home » of ``resource``'s page; ``type_label`` and ``title`` in the page's language."""
    language = resource.language
    here = resource_path(language, resource.slug)
    if resource.type == ResourceType.tool:
        return [_index_crumb("tools", language), (title, here)]
    if resource.type == ResourceType.risk_sheet:
        for prefix, (index, taxonomy) in SHEET_INDEXES.items():
            if resource.translation_key.startswith(prefix):
                name = _term_label(taxonomies, taxonomy, resource.translation_key.removeprefix(prefix), language)
                return [_index_crumb(index, language), (name or title, here)]
    return [(type_label, page_path("search", language, type=resource.type)), (title, here)]


def _index_crumb(index: str, language: str) -> Crumb:
    return gettext(language, INDEX_LABELS[index]), page_path(index, language)


def _term_label(taxonomies: Taxonomies, taxonomy: TaxonomyName | None, code: str, language: str) -> str | None:
    """The label of the term a sheet is about (« Bangladesh », « Cacao »), None when it is not a known term."""
    if taxonomy is None:
        return None
    terms = taxonomies[taxonomy]
    term = terms.get(code.upper() if taxonomy == TaxonomyName.countries else code)
    return term.label(language) if term else None
