"""A place the centre has no text about, though it knows its country: « Dhaka », « Punjab », « Sabah », « Hebei »
found nothing, and the page only said to use other words. A query that is the name (or first words) of a region of
a country (ISO 3166-2, as the screening's questions read one: :func:`app.services.resolve_countries.region_countries`)
offers that country's resources, with their count; two or three countries when the name is each's (« Punjab »:
India and Pakistan). Never a world region (« Asie »), nor a name of fewer than four letters."""

from dataclasses import dataclass

from app.i18n import collation_key
from app.services.resolve import MAX_CANDIDATES
from app.services.resolve_countries import country_key, region_countries
from app.taxonomy import Taxonomies, TaxonomyName


@dataclass(frozen=True, slots=True)
class Place:
    """The country a place typed is in, as the page offers it."""

    code: str
    name: str


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
