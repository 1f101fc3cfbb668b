"""Mapping from a stored resource to what the engines index."""

from app.models import Resource
from app.search.base import SearchDocument
from app.search.markdown_text import markdown_to_text
from app.taxonomy import Taxonomies


def to_search_document(resource: Resource, taxonomies: Taxonomies) -> SearchDocument:
    return SearchDocument(
        id=resource.id,
        translation_key=resource.translation_key,
        slug=resource.slug,
        type=resource.type,
        language=resource.language,
        title=resource.title,
        summary=resource.summary,
        body=markdown_to_text(resource.body, resource.language),
        countries=tuple(resource.countries),
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
