"""Mapping from a stored resource to what the engines index."""

import re
from typing import Any

from sqlalchemy import Row

from app.models import Resource
from app.search.base import SearchDocument
from app.search.markdown_text import markdown_to_text
from app.taxonomy import Taxonomies

COUNTRY_LINK = re.compile(r"\(crv:country-([a-z]{2})\)")
# The columns a search document is made of. The drain and the rebuild read them as rows: loading whole ORM objects
# and reading their attributes cost a fifth more (0.104 -> 0.082 ms a document, loaded and built).
INDEXED_COLUMNS = (
    Resource.id,
    Resource.translation_key,
    Resource.slug,
    Resource.type,
    Resource.language,
    Resource.title,
    Resource.summary,
    Resource.body,
    Resource.countries,
    Resource.regions,
    Resource.sectors,
    Resource.risks,
    Resource.audiences,
    Resource.publisher,
    Resource.published_at,
    Resource.updated_at,
)
Indexed = Resource | Row[*tuple[Any, ...]]  # a resource, or a row of INDEXED_COLUMNS


def filter_countries(resource: Indexed) -> tuple[str, ...]:
    """The countries a ``country`` filter finds the resource under (its keywords keep its own tags).

    Search follows (country, commodity) pairs: a commodity risk sheet answers the filter of every country its
    findings table links to (``country=CI&sector=cocoa`` finds the cocoa sheet); a region sheet answers the
    ``region`` filter, not the filter of each of its countries.
    """
    if resource.type == "risk_sheet" and resource.translation_key.startswith("region-"):
        return ()
    if resource.type == "risk_sheet" and resource.translation_key.startswith("commodity-"):
        linked = {code.upper() for code in COUNTRY_LINK.findall(resource.body)}
        return tuple(sorted(linked | set(resource.countries)))
    return tuple(resource.countries)


def to_search_document(resource: Indexed, taxonomies: Taxonomies) -> SearchDocument:
    return SearchDocument(
        id=resource.id,
        translation_key=resource.translation_key,
        slug=resource.slug,
        type=resource.type,
        language=resource.language,
        title=resource.title,
        summary=resource.summary,
        body=markdown_to_text(resource.body, resource.language),
        countries=filter_countries(resource),
        regions=tuple(resource.regions),
        sectors=tuple(resource.sectors),
        risks=tuple(resource.risks),
        audiences=tuple(resource.audiences),
        publisher=resource.publisher,
        published_at=resource.published_at,
        updated_at=resource.updated_at,
        keywords=taxonomies.keywords(
            countries=resource.countries,
            regions=resource.regions,
            sectors=resource.sectors,
            risks=resource.risks,
            types=[resource.type],
        ),
    )
