"""Mapping from a stored resource to what the engines index."""

from typing import Any

from sqlalchemy import Row, Select, and_, select

from app.filters import filter_countries
from app.models import Organisation, OrganisationKind, Resource
from app.search.base import SearchDocument
from app.search.markdown_text import markdown_to_text
from app.taxonomy import Taxonomies

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
    Resource.duration,
    Resource.level,
    Resource.prerequisites,
)
Indexed = Resource | Row[*tuple[Any, ...]]  # a resource, or a row of INDEXED_COLUMNS


def indexed_rows() -> Select[*tuple[Any, ...]]:
    """The rows search documents are made of: a resource's INDEXED_COLUMNS and its publisher's name,
    ``publisher_name``, so that a query of a partner's name (« Enfance & Cacao ») finds what it published. None
    for the centre (the organisation of kind ``resource_centre``, ``crv``): it publishes nearly everything, and its
    name's words (« centre », « ressources », « virtuel ») would match nearly every resource; the ``publisher``
    filter finds its resources. None too when no organisation has the resource's code."""
    named = and_(Organisation.slug == Resource.publisher, Organisation.kind != OrganisationKind.resource_centre)
    return select(*INDEXED_COLUMNS, Organisation.name.label("publisher_name")).outerjoin(Organisation, named)


def to_search_document(resource: Indexed, taxonomies: Taxonomies, publisher_name: str | None = None) -> SearchDocument:
    """``publisher_name``: the publisher's name as it is searched (a row of :func:`indexed_rows` holds it)."""
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
        publisher_name=publisher_name or "",
        duration=resource.duration,
        level=str(resource.level) if resource.level else None,
        prerequisites=resource.prerequisites,
    )
