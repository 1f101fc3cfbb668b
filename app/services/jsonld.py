"""schema.org JSON-LD of a resource: on its page (``<script type="application/ld+json">``) and as the
``application/ld+json`` representation of ``/v1/resources/{id}``. One builder for both."""

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import licences
from app.models import Organisation, Resource, ResourceType
from app.services.centre import organisation_name
from app.services.resources import published_translations, resource_url
from app.taxonomy import Taxonomies, TaxonomyName

# schema.org type per resource type: training modules are learning resources, legal references legislation, the
# risk sheets (generated from the ILAB tables) datasets, tools documents; methodologies and practices articles.
SCHEMA_TYPES: Mapping[str, str] = {
    ResourceType.training_module: "LearningResource",
    ResourceType.legal_reference: "Legislation",
    ResourceType.risk_sheet: "Dataset",
    ResourceType.tool: "DigitalDocument",
    ResourceType.methodology: "Article",
    ResourceType.good_practice: "Article",
}
CONTEXT = "https://schema.org"


def labels(taxonomies: Taxonomies, resource: Resource) -> dict[str, list[str]]:
    def named(name: TaxonomyName, codes: Sequence[str]) -> list[str]:
        vocabulary = taxonomies[name]
        return [vocabulary[c].label(resource.language) if c in vocabulary else c for c in codes]

    return {
        "countries": named(TaxonomyName.countries, resource.countries),
        "sectors": named(TaxonomyName.sectors, resource.sectors),
        "risks": named(TaxonomyName.risks, resource.risks),
        "type": named(TaxonomyName.types, [resource.type]),
    }


def publisher_of(session: Session, resource: Resource) -> tuple[str, str]:
    """Who published the resource: its organisation's name and website ("" without one)."""
    organisation = session.scalar(select(Organisation).where(Organisation.slug == resource.publisher))
    return _publisher(resource, organisation)


def publisher_names(session: Session, resources: Sequence[Resource]) -> dict[str, str]:
    """Resource id → its publisher's name (as ``publisher_of``), their organisations read in one query."""
    slugs = {resource.publisher for resource in resources}
    found = session.scalars(select(Organisation).where(Organisation.slug.in_(slugs))).all() if slugs else ()
    organisations = {organisation.slug: organisation for organisation in found}
    return {resource.id: _publisher(resource, organisations.get(resource.publisher))[0] for resource in resources}


def _publisher(resource: Resource, organisation: Organisation | None) -> tuple[str, str]:
    """The publisher's name (``centre.organisation_name``, its slug without an organisation) and website."""
    website = _safe_url(organisation.website or "") if organisation else ""
    name = organisation.name if organisation else resource.publisher
    return organisation_name(resource.publisher, name, resource.language), website


def structured_data(
    resource: Resource,
    url: str,
    translations: Sequence[tuple[str, str, str]],
    labels: Mapping[str, Sequence[str]],
    publisher: tuple[str, str],
) -> dict[str, Any]:
    """``translations``: (title, url, language) of the other published languages; ``publisher``: name, website."""
    schema_type = SCHEMA_TYPES.get(resource.type, "CreativeWork")
    name, website = publisher
    publisher_node: dict[str, Any] = {"@type": "Organization", "name": name} | ({"url": website} if website else {})
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": schema_type,
        "@id": url,
        "headline": resource.title[:110] if schema_type != "Dataset" else None,
        "name": resource.title,
        "description": resource.summary,
        "inLanguage": resource.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": resource.published_at.isoformat(),
        "dateModified": resource.updated_at.isoformat(),
        "publisher": publisher_node,
        "license": licences.identifier(resource.licence),
        "isAccessibleForFree": True,
        "keywords": [*labels["sectors"], *labels["risks"]],
        "about": [{"@type": "Thing", "name": name} for name in labels["risks"]],
        "spatialCoverage": [{"@type": "Country", "name": name} for name in labels["countries"]],
        "citation": [
            {"@type": "CreativeWork", "name": str(s["title"])} | ({"url": u} if (u := _safe_url(str(s["url"]))) else {})
            for s in resource.sources
        ],
        "workTranslation": [
            {"@type": schema_type, "@id": t_url, "inLanguage": t_language, "url": t_url, "name": t_title}
            for t_title, t_url, t_language in translations
        ],
    }
    if schema_type == "LearningResource":
        data["learningResourceType"] = labels["type"][0] if labels["type"] else resource.type
    if schema_type == "Legislation" and resource.countries:
        data["legislationJurisdiction"] = resource.countries[0]
    return {key: value for key, value in data.items() if value not in ([], None, "")}


def for_resource(session: Session, taxonomies: Taxonomies, base_url: str, resource: Resource) -> dict[str, Any]:
    translations = [
        (t.title, resource_url(base_url, t.language, t.slug), t.language)
        for t in published_translations(session, resource)
    ]
    url = resource_url(base_url, resource.language, resource.slug)
    return structured_data(resource, url, translations, labels(taxonomies, resource), publisher_of(session, resource))


def _safe_url(url: str) -> str:
    return url if url.lower().startswith(("https://", "http://")) else ""
