"""schema.org JSON-LD: a resource's (on its page, ``<script type="application/ld+json">``, and as the
``application/ld+json`` representation of ``/v1/resources/{id}``: one builder for both), the export's data set (on
the API page) and the site's (on the home page).

A resource is a text the centre or a partner wrote — an ``Article`` (a risk sheet, an explainer of a law, a method,
a practice), a ``LearningResource`` (a training module) or a ``DigitalDocument`` (a tool) —, never the data set or
the law it describes: a risk sheet is not Google Dataset Search's data set (that is the export, described once by
:func:`dataset`), and an explainer names the laws and treaties it explains as its subject (``about``: a
``Legislation`` per official text among its sources, with the source's own title and address), never as its own
type, which would make the centre their publisher and the explainer's dates theirs."""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import licences
from app.models import Organisation, Resource, ResourceType
from app.paths import page_path
from app.services import attachments, training
from app.services.centre import centre_name, organisation_name
from app.services.resources import published_translations, resource_url
from app.taxonomy import Taxonomies, TaxonomyName

# schema.org type per resource type; "Article" for any other.
SCHEMA_TYPES: Mapping[str, str] = {
    ResourceType.training_module: "LearningResource",
    ResourceType.legal_reference: "Article",
    ResourceType.risk_sheet: "Article",
    ResourceType.tool: "DigitalDocument",
    ResourceType.methodology: "Article",
    ResourceType.good_practice: "Article",
}
CONTEXT = "https://schema.org"
HEADLINE_CHARACTERS = 110  # Google's limit for an article's headline
# Where a source is the official text of a law or a treaty: the registers of legislation and of treaties that the
# legal references cite (a court's judgments, a summary or a ministry's page are sources, not the law).
OFFICIAL_TEXTS = re.compile(
    r"https?://(?:"
    r"normlex\.ilo\.org/"
    r"|eur-lex\.europa\.eu/(?:eli/|legal-content/[A-Z]{2}/TXT/\?uri=CELEX:)"
    r"|www\.legifrance\.gouv\.fr/(?:codes|jorf|eli|loda)/"
    r"|www\.legislation\.gov\.(?:uk|au)/"
    r"|(?:laws-lois|lois|laws)\.justice\.gc\.ca/"
    r"|www\.gesetze-im-internet\.de/"
    r"|lovdata\.no/dokument/"
    r"|www\.fedlex\.admin\.ch/eli/"
    r"|www\.congress\.gov/bill/"
    r"|www\.ohchr\.org/[a-z]{2}/instruments-mechanisms/instruments/"
    r"|www\.coe\.int/[a-z]{2}/web/conventions/full-list\?(?:.*&)?module=treaty-detail"
    r")",
    re.IGNORECASE,
)


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


def organisation_names(session: Session) -> dict[str, str]:
    """Every organisation's name by code (slug), for a bulk format that names the publisher of each of a stream of
    resources: one query of a small table, the plain names (usable once the session is gone)."""
    return dict(session.execute(select(Organisation.slug, Organisation.name)).all())


def publisher_namer(names: Mapping[str, str]) -> Callable[[Resource], str]:
    """A resource's publisher's name as ``publisher_of`` gives it, from ``organisation_names``."""

    def name(resource: Resource) -> str:
        return organisation_name(
            resource.publisher, names.get(resource.publisher, resource.publisher), resource.language
        )

    return name


def _publisher(resource: Resource, organisation: Organisation | None) -> tuple[str, str]:
    """The publisher's name (``centre.organisation_name``, its slug without an organisation) and website."""
    website = safe_url(organisation.website or "") if organisation else ""
    name = organisation.name if organisation else resource.publisher
    return organisation_name(resource.publisher, name, resource.language), website


def official_texts(resource: Resource) -> list[dict[str, Any]]:
    """The laws and treaties a legal reference explains: a ``Legislation`` per source that is an official text (see
    :data:`OFFICIAL_TEXTS`), named and addressed as the source is — no date, number or jurisdiction is guessed."""
    if resource.type != ResourceType.legal_reference:
        return []
    nodes: list[dict[str, Any]] = []
    for source in resource.sources:
        url = safe_url(str(source.get("url", "")))
        if url and OFFICIAL_TEXTS.match(url) and all(node["url"] != url for node in nodes):
            nodes.append({"@type": "Legislation", "name": str(source.get("title") or url), "url": url})
    return nodes


def citation(source: Mapping[str, Any]) -> dict[str, Any]:
    """A source as a ``CreativeWork``: its title, its address (http and https only) and its language if given."""
    node: dict[str, Any] = {"@type": "CreativeWork", "name": str(source["title"])}
    if url := safe_url(str(source["url"])):
        node["url"] = url
    if source.get("language"):
        node["inLanguage"] = str(source["language"])
    return node


def structured_data(
    resource: Resource,
    url: str,
    translations: Sequence[tuple[str, str, str]],
    labels: Mapping[str, Sequence[str]],
    publisher: tuple[str, str],
    base_url: str = "",
) -> dict[str, Any]:
    """``translations``: (title, url, language) of the other published languages; ``publisher``: name, website (who
    wrote the text, too: its author); ``base_url``: where its documents are downloaded (none listed without it)."""
    schema_type = SCHEMA_TYPES.get(resource.type, "Article")
    name, website = publisher
    publisher_node: dict[str, Any] = {"@type": "Organization", "name": name} | ({"url": website} if website else {})
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": schema_type,
        "@id": url,
        "headline": resource.title[:HEADLINE_CHARACTERS],
        "name": resource.title,
        "description": resource.summary,
        "inLanguage": resource.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": resource.published_at.isoformat(),
        "dateModified": resource.updated_at.isoformat(),
        "author": publisher_node,
        "publisher": publisher_node,
        "license": licences.identifier(resource.licence),
        "isAccessibleForFree": True,
        "keywords": [*labels["sectors"], *labels["risks"]],
        "about": [*official_texts(resource), *({"@type": "Thing", "name": risk} for risk in labels["risks"])],
        "spatialCoverage": [{"@type": "Country", "name": country} for country in labels["countries"]],
        "citation": [citation(source) for source in resource.sources],
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "name": entry["title"],
                "contentUrl": attachments.address(base_url, resource.id, entry["filename"]),
                "encodingFormat": entry["media_type"],
                "contentSize": f"{entry['size']} B",
                "inLanguage": entry["language"],
                "sha256": entry["file"],
            }
            for entry in (resource.attachments or [] if base_url else [])
        ],
        "workTranslation": [
            {"@type": schema_type, "@id": t_url, "inLanguage": t_language, "url": t_url, "name": t_title}
            for t_title, t_url, t_language in translations
        ],
    }
    if schema_type == "LearningResource":
        data["learningResourceType"] = labels["type"][0] if labels["type"] else resource.type
        # A module's facts as its front matter states them (none is guessed from its text): « PT6H »; its level's
        # label in its language (« Initiation »), as it reads on the page; its prerequisites' text.
        data["timeRequired"] = training.iso_duration(resource.duration) if resource.duration else None
        data["educationalLevel"] = training.level_label(resource.level, resource.language) if resource.level else None
        data["competencyRequired"] = resource.prerequisites
    return {key: value for key, value in data.items() if value not in ([], None, "")}


def for_resource(session: Session, taxonomies: Taxonomies, base_url: str, resource: Resource) -> dict[str, Any]:
    translations = [
        (t.title, resource_url(base_url, t.language, t.slug), t.language)
        for t in published_translations(session, resource)
    ]
    url = resource_url(base_url, resource.language, resource.slug)
    return structured_data(
        resource, url, translations, labels(taxonomies, resource), publisher_of(session, resource), base_url
    )


def centre(base_url: str, language: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": centre_name(language), "url": base_url.rstrip("/") + "/"}


def website(base_url: str, language: str) -> dict[str, Any]:
    """The site, for its home page in ``language``: its name (what search engines show as the site's name) and
    its search (a ``SearchAction`` on the search page's ``q``)."""
    base = base_url.rstrip("/")
    home = base + page_path("home", language)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{home}#website",
        "url": home,
        "name": centre_name(language),
        "inLanguage": language,
        "publisher": centre(base_url, language),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": base + page_path("search", language) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def dataset(
    base_url: str,
    language: str,
    text: Mapping[str, str],
    downloads: Iterable[tuple[str, str]],
    licence: str | None,
    dates: tuple[date | None, date | None],
) -> dict[str, Any]:
    """The published resources as the one data set the centre offers (the rows of ``/v1/export``), for Google Dataset
    Search and the like; the same ``@id`` as the DCAT-AP catalogue's dataset (``/catalog.jsonld``). ``text``: its
    ``name`` and ``description`` in ``language``; ``downloads``: (format, media type) of each export; ``licence``:
    the one licence every resource has (None when they differ: each row then states its own); ``dates``: the first
    publication and the latest change. No spatial or temporal coverage: the corpus spans countries and years
    without a bound worth stating."""
    base = base_url.rstrip("/")
    issued, modified = dates
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": f"{base}/catalog#resources",
        "name": text["name"],
        "description": text["description"],
        "url": base + page_path("api", language),
        "inLanguage": ["fr", "en"],
        "isAccessibleForFree": True,
        "license": licences.identifier(licence) if licence else None,
        "creator": centre(base_url, language),
        "publisher": centre(base_url, language),
        "datePublished": issued.isoformat() if issued else None,
        "dateModified": modified.isoformat() if modified else None,
        "includedInDataCatalog": {"@type": "DataCatalog", "@id": f"{base}/catalog", "url": f"{base}/catalog.jsonld"},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": media_type.split(";")[0],
                "contentUrl": f"{base}/v1/export?format={fmt}",
            }
            for fmt, media_type in downloads
        ],
    }
    return {key: value for key, value in data.items() if value not in ([], None, "")}


def safe_url(url: str) -> str:
    """``url`` when it is a web address (http, https), else ""."""
    return url if url.lower().startswith(("https://", "http://")) else ""
