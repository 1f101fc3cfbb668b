"""A DCAT-AP 3 catalogue of the centre, as open-data portals (data.europa.eu, data.gouv.fr) harvest it: three datasets,
the published corpus (its distributions the exports and the Atom feed) and ILAB's findings as the centre serves them
(``/v1/findings`` and ``/v1/findings/countries`` in CSV, JSON and XLSX, in the public domain as ILAB's publications
are: :mod:`app.services.catalog_ilab`), served by two data services (the JSON API serves all three, OAI-PMH the
corpus). Each dataset's landing page is the API page, which documents it (as its schema.org ``Dataset`` says) and
says how to cite it, as its ``dct:bibliographicCitation`` does (:func:`citations`). Validated in the tests against
the official DCAT-AP SHACL shapes, mandatory and recommended; the building blocks are :mod:`app.services.dcat`'s.

Every dataset and service carries a ``dct:identifier``, its own URI as a literal: data.gouv.fr's harvester (udata's
DCAT backend) skips an item without one, keys its copy on it, and links a service to the datasets it serves by it.
The downloads carry no ``dcat:accessService``: udata takes a service named there for a distribution's access point,
not a service of its own, and would file the four downloads as "API" resources."""

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.i18n import negotiate_language
from app.models import Resource
from app.paths import page_path
from app.services import citations as citation
from app.services.catalog_glossary import glossary_datasets
from app.services.catalog_ilab import DATASETS as ILAB_DATASETS
from app.services.catalog_ilab import ilab_datasets
from app.services.centre import centre_name
from app.services.dcat import (
    DCATAP,
    EARTH,
    EARTH_BBOX,
    EARTH_CENTROID,
    GEOSPARQL,
    JSON_LINES,
    LANGUAGES,
    OAI_PMH,
    OPENAPI,
    PUBLISHER_TYPE,
    PUBLISHER_TYPES,
    STABLE,
    THEME,
    THEMES,
    VCARD,
    Offer,
    Texts,
    add_texts,
    authority,
    classify,
    describe,
    distribute,
    identify,
    landing_pages,
    licence_node,
    temporal_coverage,
)
from app.services.feeds import DEFAULT_ENTRIES
from app.services.representations import preferred

PREFIXES = ("dcat", "dct", "dcatap", "foaf", "vcard", "skos", "xsd", "rdf")
TURTLE, JSON_LD, HTML = "text/turtle", "application/ld+json", "text/html"  # what the catalogue's URI leads to
MEDIA_TYPES = {"turtle": f"{TURTLE}; charset=utf-8", "json-ld": JSON_LD}
FILES = {"turtle": "/catalog.ttl", "json-ld": "/catalog.jsonld"}
EXPORT_PATH = "/v1/export"  # the export's address in its citation: CSV, its default format
# The exports' columns (``app.services.exports.COLUMNS`` is this table's keys), in their order, each as the dataset's
# description names it. New columns go at the end: a consumer reading the columns by position keeps working.
EXPORT_COLUMNS: Final[Mapping[str, Texts]] = {
    "id": {"fr": "identifiant", "en": "identifier"},
    "translation_key": {"fr": "clé de traduction", "en": "translation key"},
    "language": {"fr": "langue", "en": "language"},
    "type": {"fr": "type", "en": "type"},
    "title": {"fr": "titre", "en": "title"},
    "summary": {"fr": "résumé", "en": "summary"},
    "url": {"fr": "adresse de la page", "en": "page address"},
    "countries": {"fr": "pays", "en": "countries"},
    "regions": {"fr": "régions", "en": "regions"},
    "sectors": {"fr": "secteurs", "en": "sectors"},
    "risks": {"fr": "risques", "en": "risks"},
    "audiences": {"fr": "publics", "en": "audiences"},
    # the organisation's name, as OAI-PMH (dc:publisher) and JSON-LD give it
    "publisher": {"fr": "nom de l’éditeur", "en": "publisher’s name"},
    "licence": {"fr": "licence", "en": "licence"},
    "licence_url": {"fr": "adresse de la licence", "en": "licence address"},
    "published_at": {"fr": "date de publication", "en": "publication date"},
    # the date the publisher gives its document (the DCAT temporal coverage's end), not when the centre changed it
    "updated_at": {"fr": "date de mise à jour donnée par l’éditeur", "en": "update date given by the publisher"},
    # the organisation's code (`crv` for the centre): what `publisher` held until December 2026
    "publisher_code": {"fr": "code de l’éditeur", "en": "publisher’s code"},
    "sources": {"fr": "adresses des sources", "en": "sources’ addresses"},  # as OAI-PMH gives them in dc:source
    # when the centre last changed the row, to the second, in UTC: what `since`, OAI-PMH's datestamps, the Atom
    # feed's `updated` and the catalogue's dct:modified are (December 2026)
    "modified_at": {"fr": "date et heure de la dernière modification", "en": "date and time of the last change"},
    # the countries the `country` filter (and OAI-PMH's country sets, dc:coverage) file the row under: a commodity
    # sheet also under those of its findings table, a region sheet under none (December 2026)
    "countries_covered": {"fr": "pays couverts", "en": "countries covered"},
    # a training module's facts, empty on the other types (December 2026): its total length in minutes, its level's
    # code (introduction, intermediate, advanced), what its participants need first
    "duration": {"fr": "durée en minutes", "en": "duration in minutes"},
    "level": {"fr": "niveau", "en": "level"},
    "prerequisites": {"fr": "prérequis", "en": "prerequisites"},
    # the addresses of a partner's published documents (its report, its toolkit), as the API's `attachments` give
    # them; JSON Lines also has `attachments` whole, which a table's cell cannot hold (December 2026)
    "documents": {"fr": "adresses des documents joints", "en": "attached documents’ addresses"},
}


def _columns(language: str) -> str:
    """The export's columns, in their order, as a sentence's list: « a, b et c », "a, b and c"."""
    labels = [texts[language] for texts in EXPORT_COLUMNS.values()]
    return f"{', '.join(labels[:-1])} {'et' if language == 'fr' else 'and'} {labels[-1]}"


TEXT: dict[str, Texts] = {
    "title": {
        "fr": "crv — centre de ressources virtuel contre le travail des enfants, le travail forcé et la traite",
        "en": "crv — virtual resource centre against child labour, forced labour and human trafficking",
    },
    "description": {
        "fr": "Fiches risque par pays, région, secteur et produit, méthodologies, bonnes pratiques, modules de "
        "formation et références juridiques, en français et en anglais (cible 8.7 des objectifs de "
        "développement durable).",
        "en": "Risk sheets by country, region, sector and commodity, methodologies, good practices, training "
        "modules and legal references, in French and English (target 8.7 of the Sustainable Development Goals).",
    },
    "dataset": {
        "fr": "Ressources publiées du crv",
        "en": "crv published resources",
    },
    "dataset_description": {
        "fr": f"Une ligne par ressource et par langue, en {len(EXPORT_COLUMNS)} colonnes\u00a0: {_columns('fr')}.",
        "en": f"One row per resource and language, in {len(EXPORT_COLUMNS)} columns: {_columns('en')}.",
    },
}

WHOLE_CORPUS = {
    "fr": "Tout le corpus publié, une ligne par ressource et par langue, ",
    "en": "The whole published corpus, one row per resource and language, ",
}


DISTRIBUTIONS = (
    Offer(
        "csv",
        "/v1/export?format=csv",
        {"fr": "Export CSV", "en": "CSV export"},
        {
            "fr": WHOLE_CORPUS["fr"] + "en CSV (UTF-8 avec indicateur d’ordre des octets, listes séparées par |).",
            "en": WHOLE_CORPUS["en"] + "as CSV (UTF-8 with a byte order mark, lists separated by |).",
        },
        "CSV",
        "text/csv",
    ),
    Offer(
        "xlsx",
        "/v1/export?format=xlsx",
        {"fr": "Export XLSX", "en": "XLSX export"},
        {
            "fr": WHOLE_CORPUS["fr"] + "en classeur Excel (XLSX).",
            "en": WHOLE_CORPUS["en"] + "as an Excel workbook (XLSX).",
        },
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    Offer(
        "jsonl",
        "/v1/export?format=jsonl",
        {"fr": "Export JSON Lines", "en": "JSON Lines export"},
        {
            "fr": WHOLE_CORPUS["fr"] + "en JSON Lines\u00a0: un objet JSON par ligne.",
            "en": WHOLE_CORPUS["en"] + "as JSON Lines: one JSON object per line.",
        },
        "JSON",
        None,
        JSON_LINES,
    ),
    Offer(
        "atom",
        "/v1/feed.atom",
        {"fr": "Flux Atom des ressources nouvelles ou mises à jour", "en": "Atom feed of new and updated resources"},
        {
            "fr": f"Les ressources publiées, de la dernière modifiée à la plus ancienne, {DEFAULT_ENTRIES} par page "
            "avec les liens vers les pages suivantes (Atom 1.0, pagination RFC 5005).",
            "en": f"The published resources, the last changed first, {DEFAULT_ENTRIES} a page with links to the "
            "next pages (Atom 1.0, RFC 5005 paging).",
        },
        "ATOM",
        "application/atom+xml",
    ),
)
# OAI-PMH's set families (``app.services.oai.SET_FILTERS``, in its order), as the service's description names them.
OAI_SET_FAMILIES: Final[Mapping[str, Texts]] = {
    "type": {"fr": "type", "en": "type"},
    "country": {"fr": "pays", "en": "country"},
    "sector": {"fr": "secteur ou produit", "en": "sector or commodity"},
    "risk": {"fr": "risque", "en": "risk"},
    "region": {"fr": "région", "en": "region"},
}


def _sets(language: str) -> str:
    """The set families as a list: « par type, par pays… et par région », "by type, by country… and by region"."""
    by = "par" if language == "fr" else "by"
    named = [f"{by} {texts[language]}" for texts in OAI_SET_FAMILIES.values()]
    return f"{', '.join(named[:-1])} {'et' if language == 'fr' else 'and'} {named[-1]}"


SERVICES = (
    Offer(
        "api",
        "/v1/",
        {"fr": "API JSON du crv", "en": "crv JSON API"},
        {
            "fr": "Recherche, ressources, taxonomies, constats de l’ILAB et exports du centre en JSON, décrits par "
            "un document OpenAPI.",
            "en": "The centre’s search, resources, taxonomies, ILAB findings and exports as JSON, described by an "
            "OpenAPI document.",
        },
        conforms_to=OPENAPI,
        endpoint_description="/openapi.json",
    ),
    Offer(
        "oai",
        "/oai",
        {"fr": "Entrepôt OAI-PMH 2.0 du crv", "en": "crv OAI-PMH 2.0 repository"},
        {
            "fr": "Chaque ressource publiée, dans chaque langue, en notice Dublin Core (oai_dc), avec des ensembles "
            f"{_sets('fr')}.",
            "en": "Every published resource, in each language, as a Dublin Core record (oai_dc), with sets "
            f"{_sets('en')}.",
        },
        conforms_to=OAI_PMH,
        endpoint_description="/oai?verb=Identify",
    ),
)


def _shared_nodes(graph: Graph, publisher: URIRef, contact: URIRef, settings: Settings) -> None:
    """The publisher, the contact point, the vocabularies' concepts and the Earth, described once."""
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE))
    graph.add((PUBLISHER_TYPE, RDF.type, SKOS.Concept))
    graph.add((PUBLISHER_TYPE, SKOS.inScheme, PUBLISHER_TYPES))
    graph.add((PUBLISHER_TYPE, SKOS.prefLabel, Literal("National authority", lang="en")))
    graph.add((PUBLISHER_TYPES, RDF.type, SKOS.ConceptScheme))
    graph.add((PUBLISHER_TYPES, DCTERMS.title, Literal("Publisher type", lang="en")))
    graph.add((contact, RDF.type, VCARD.Kind))
    for language in LANGUAGES:  # the centre's name in each language, where harvesters show it
        name = Literal(centre_name(language), lang=language)
        graph.add((publisher, FOAF.name, name))
        graph.add((contact, VCARD.fn, name))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    for uri in LANGUAGES.values():
        authority(graph, uri, "language", DCTERMS.LinguisticSystem)
    graph.add((THEMES, RDF.type, SKOS.ConceptScheme))
    graph.add((THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
    authority(graph, THEME, "data-theme", SKOS.Concept)
    graph.add((THEME, SKOS.prefLabel, Literal("Population and society", lang="en")))
    graph.add((THEME, SKOS.inScheme, THEMES))
    authority(graph, STABLE, "planned-availability", SKOS.Concept)
    graph.add((STABLE, SKOS.prefLabel, Literal("Stable", lang="en")))
    graph.add((EARTH, RDF.type, DCTERMS.Location))
    graph.add((EARTH, DCAT.bbox, Literal(EARTH_BBOX, datatype=GEOSPARQL.wktLiteral)))
    graph.add((EARTH, DCAT.centroid, Literal(EARTH_CENTROID, datatype=GEOSPARQL.wktLiteral)))
    for standard in (OAI_PMH, OPENAPI, JSON_LINES):
        graph.add((standard, RDF.type, DCTERMS.Standard))


def build_graph(session: Session, settings: Settings) -> Graph:
    base = settings.public_base_url.rstrip("/")
    published = Resource.is_public
    # Asked apart: each served by its column's index, where asked together they read every row.
    issued, modified = session.scalar(select(func.min(Resource.published_at)).where(published)), last_modified(session)
    dates = (issued, modified)
    found = list(session.scalars(select(Resource.licence).where(published).distinct()))

    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("dcatap", DCATAP), ("foaf", FOAF)):
        graph.bind(prefix, namespace)
    graph.bind("vcard", VCARD)
    graph.bind("skos", SKOS)
    this = Namespace(f"{base}/catalog#")
    catalog, dataset = URIRef(f"{base}/catalog"), this["resources"]
    publisher, contact = this["publisher"], this["contact"]
    home = URIRef(f"{base}/")
    graph.add((home, RDF.type, FOAF.Document))
    _shared_nodes(graph, publisher, contact, settings)
    licence = licence_node(graph, found[0]) if len(found) == 1 else None

    describe(graph, catalog, DCAT.Catalog, (TEXT["title"], TEXT["description"]), publisher, dates)
    graph.add((catalog, FOAF.homepage, home))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.themeTaxonomy, THEMES))
    if licence is not None:
        graph.add((catalog, DCTERMS.license, licence))

    describe(graph, dataset, DCAT.Dataset, (TEXT["dataset"], TEXT["dataset_description"]), publisher, dates)
    identify(graph, dataset)
    classify(graph, dataset, contact)
    landing_pages(graph, dataset, base)
    latest_update = session.scalar(select(func.max(Resource.updated_at)).where(published))
    if issued is not None and latest_update is not None:
        # The period the rows cover: from the first resource's publication to the latest date a publisher gives
        # its document. Not a reference year: the ILAB figures of the risk sheets are for 2022, the legal texts
        # and methods of other years.
        temporal_coverage(graph, dataset, this["period"], (issued, latest_update))

    for offer in DISTRIBUTIONS:
        distribution = this[offer.fragment]
        distribute(graph, dataset, distribution, offer, base, licence)
        if modified is not None:  # to the second, as the dataset's: an xsd:dateTime
            graph.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))

    licence_code = found[0] if len(found) == 1 else None
    day = modified.date() if modified is not None else None
    add_texts(graph, dataset, DCTERMS.bibliographicCitation, {
        language: citation.export(language, day, licence_code, base + EXPORT_PATH) for language in LANGUAGES
    })  # fmt: skip

    # ILAB's datasets and the glossary's: the API serves them, OAI-PMH does not
    api_only = ilab_datasets(graph, this, base, publisher, contact)
    api_only += glossary_datasets(graph, this, base, publisher, contact, settings.content_dir)
    for node in api_only:
        graph.add((catalog, DCAT.dataset, node))

    for offer in SERVICES:
        service = this[offer.fragment]
        graph.add((catalog, DCAT.service, service))
        graph.add((service, RDF.type, DCAT.DataService))
        identify(graph, service)
        add_texts(graph, service, DCTERMS.title, offer.title)
        add_texts(graph, service, DCTERMS.description, offer.description)
        graph.add((service, DCAT.endpointURL, URIRef(base + offer.path)))
        if offer.endpoint_description:
            graph.add((service, DCAT.endpointDescription, URIRef(base + offer.endpoint_description)))
        graph.add((service, DCAT.servesDataset, dataset))
        if offer.fragment == "api":  # the findings and the glossary are the API's, not OAI-PMH's
            for node in api_only:
                graph.add((service, DCAT.servesDataset, node))
        graph.add((service, DCTERMS.publisher, publisher))
        if offer.conforms_to is not None:
            graph.add((service, DCTERMS.conformsTo, offer.conforms_to))
        classify(graph, service, contact)
        if licence is not None:
            graph.add((service, DCTERMS.license, licence))
    return graph


def citations(session: Session, base_url: str, language: str) -> dict[str, str]:
    """How to cite each dataset (the API page's suggestions, the catalogue's ``dct:bibliographicCitation``): the
    export (``resources``: its version the day a published resource last changed, the licence every one has) and
    ILAB's datasets, by their fragment."""
    base = base_url.rstrip("/")
    changed = last_modified(session)
    found = list(session.scalars(select(Resource.licence).where(Resource.is_public).distinct()))
    day = changed.date() if changed is not None else None
    export = citation.export(language, day, found[0] if len(found) == 1 else None, base + EXPORT_PATH)
    return {"resources": export, **{spec.fragment: spec.citation(language, base) for spec in ILAB_DATASETS}}


def serialise(graph: Graph, rdf_format: str) -> bytes:
    if rdf_format == "json-ld":  # compacted with the usual prefixes, as portals' examples are
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in PREFIXES}
        compact: bytes = graph.serialize(format=rdf_format, encoding="utf-8", context=context, auto_compact=True)
        return compact
    data: bytes = graph.serialize(format=rdf_format, encoding="utf-8")
    return data


def representation(base_url: str, accept: str | None, accept_language: str | None) -> str:
    """Where the catalogue's own URI sends a client (``303 See Other``), as a linked-data URI does (the W3C's "Cool
    URIs for the Semantic Web", and CKAN's DCAT pages): a browser, which prefers HTML, to the page that documents
    the catalogue for people, the open-data section of the API page in its language (``Accept-Language``, French by
    default), which the datasets name as their landing page; a harvester to the JSON-LD file when ``Accept``
    prefers it, to the Turtle file otherwise (RDF's usual default, also for an ``Accept`` that takes neither, such
    as RDF/XML's: a harvester gets a catalogue it may read rather than a 406)."""
    base = base_url.rstrip("/")
    chosen = preferred(accept, (TURTLE, JSON_LD, HTML))
    if chosen == HTML:
        return base + page_path("api", negotiate_language(accept_language)) + "#open-data"
    return base + FILES["json-ld" if chosen == JSON_LD else "turtle"]


def api_index(base_url: str) -> dict[str, list[dict[str, object]]]:
    """The API's root, ``/v1/``, as an RFC 9264 linkset: its OpenAPI description (``service-desc``), its
    documentation (``service-doc``) and the catalogue that lists it (``describedby``), the relations of RFC 8631
    that RFC 9727's API catalogues use. The catalogue's endpoint URL of the API, so it answers."""
    base = base_url.rstrip("/")
    return {
        "linkset": [
            {
                "anchor": f"{base}/v1/",
                "service-desc": [{"href": f"{base}/openapi.json", "type": "application/vnd.oai.openapi+json"}],
                "service-doc": [{"href": f"{base}/docs", "type": "text/html"}],
                "describedby": [
                    {"href": base + FILES["turtle"], "type": "text/turtle"},
                    {"href": base + FILES["json-ld"], "type": "application/ld+json"},
                ],
            }
        ]
    }


def last_modified(session: Session) -> datetime | None:
    """When a published resource last changed, to the second: an edit, a revision approved, a publication
    (``modified_at``; a resource's ``updated_at`` is the date its publisher gives the document), so that a harvester
    comparing it sees an edit made the same day."""
    changed = session.scalar(select(func.max(Resource.modified_at)).where(Resource.is_public))
    return changed.replace(microsecond=0) if changed else None
