"""A place the centre has no text about, though it knows its country: « Dhaka », « Punjab », « Sabah », « Hebei »
found nothing, and the page only said to use other words. A query that is the name (or first words) of a region of
a country (ISO 3166-2, as the screening's questions read one: :func:`app.services.resolve_countries.region_countries`)
offers that country's resources, with their count; two or three countries when the name is each's (« Punjab »:
India and Pakistan). Never a world region (« Asie »), nor a name of fewer than four letters.

Offered where nothing matches, on the search page and through ``/v1/search`` (its ``places``, which the widget links
to the centre's search page) alike: a text that names the place is a better answer than its country's."""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.filters import FilterField
from app.i18n import collation_key
from app.search.base import SearchEngine, SearchQuery
from app.services.resolve import MAX_CANDIDATES
from app.services.resolve_countries import country_key, region_countries
from app.taxonomy import Taxonomies, TaxonomyName

# What the country's search no longer holds: the words (the region's name) and the places the search was narrowed
# to, which the country replaces. Its other filters (a type, a language, a key's fixed ones) stay: the offer is the
# same search, read as the country.
_REPLACED = (FilterField.country, FilterField.region)


@dataclass(frozen=True, slots=True)
class Place:
    """The country a place typed is in."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceOffer:
    """A country a place typed is in, and how many resources its search (``filters``) finds."""

    code: str
    name: str
    filters: Mapping[FilterField, tuple[str, ...]]
    total: int


def places(q: str, taxonomies: Taxonomies, language: str) -> list[Place]:
    """The countries ``q`` names a region of, by name in ``language``; none when ``q`` is a country's own name (the
    engine searches those) or names too many."""
    key = country_key(q)
    countries = taxonomies[TaxonomyName.countries]
    if len(key) < 4 or any(key in map(country_key, term.search_terms) for term in countries.values()):
        return []
    codes = region_countries(frozenset(countries)).get(key, frozenset())
    if len(codes) > MAX_CANDIDATES:
        return []
    found = [Place(code, countries[code].label(language)) for code in codes]
    return sorted(found, key=lambda place: collation_key(place.name))


def place_offers(engine: SearchEngine, taxonomies: Taxonomies, query: SearchQuery, language: str) -> list[PlaceOffer]:
    """The countries ``query``'s words name a region of (:func:`places`, named in ``language``) that its search,
    without the words and on the country, finds resources on: one search each (at most :data:`MAX_CANDIDATES`)."""
    offers = []
    for place in places(query.q, taxonomies, language):
        kept = {name: values for name, values in query.filters.items() if name not in _REPLACED}
        filters = {**kept, FilterField.country: (place.code,)}
        total = engine.search(replace(query, q="", filters=filters, page=1, per_page=1, facets=())).total
        if total:
            offers.append(PlaceOffer(place.code, place.name, filters, total))
    return offers
