"""A DCAT-AP 3 catalogue of the centre, as open-data portals (data.europa.eu, data.gouv.fr) harvest it: the
published corpus is one dataset whose distributions are the exports and the Atom feed, served by two data services
(the JSON API and OAI-PMH). Validated in the tests against the official DCAT-AP SHACL shapes."""

from datetime import date

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import licences
from app.config import Settings
from app.models import Resource
from app.services.centre import centre_name

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
LANGUAGES = {"fr": URIRef(EU + "language/FRA"), "en": URIRef(EU + "language/ENG")}
THEME = URIRef(EU + "data-theme/SOCI")  # Population and society
THEMES = URIRef(EU + "data-theme")
OAI_PMH = URIRef("http://www.openarchives.org/OAI/2.0/")
PREFIXES = ("dcat", "dct", "foaf", "vcard", "skos", "xsd", "rdf")
MEDIA_TYPES = {"turtle": "text/turtle; charset=utf-8", "json-ld": "application/ld+json"}
TEXT = {
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
        "fr": "Une ligne par ressource et par langue : titre, résumé, type, pays, régions, secteurs, risques, "
        "publics, éditeur, licence, dates et adresse de la page.",
        "en": "One row per resource and language: title, summary, type, countries, regions, sectors, risks, "
        "audiences, publisher, licence, dates and page address.",
    },
}
DISTRIBUTIONS = (
    # (fragment, path, EU file type, IANA media type, English title)
    ("csv", "/v1/export?format=csv", "CSV", "text/csv", "CSV export"),
    ("xlsx", "/v1/export?format=xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "XLSX export"),
    ("jsonl", "/v1/export?format=jsonl", "JSON", None, "JSON Lines export"),
    ("atom", "/v1/feed.atom", "ATOM", "application/atom+xml", "Atom feed of the newest resources"),
)  # fmt: skip


def _authority(graph: Graph, uri: URIRef, scheme: str, rdf_class: URIRef) -> URIRef:
    """A concept of an EU authority table (language, file type, data theme…), typed and placed in its scheme."""
    graph.add((uri, RDF.type, rdf_class))
    graph.add((uri, SKOS.inScheme, URIRef(EU + scheme)))
    return uri


def _licence(graph: Graph, code: str) -> URIRef:
    eu = licences.LICENCES[code].eu if code in licences.LICENCES else None
    uri = URIRef(EU + "licence/" + eu) if eu else URIRef(licences.identifier(code))  # the EU's, else SPDX's
    graph.add((uri, RDF.type, DCTERMS.LicenseDocument))
    return uri


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, key: str) -> None:
    for language, text in TEXT[key].items():
        graph.add((subject, predicate, Literal(text, lang=language)))


def _describe(
    graph: Graph,
    subject: URIRef,
    rdf_class: URIRef,
    text_keys: tuple[str, str],
    publisher: URIRef,
    dates: tuple[date | None, date | None],
) -> None:
    """What DCAT-AP asks of the catalogue and of its dataset alike: the class, a title and a description in each
    language (``text_keys`` of :data:`TEXT`), the publisher, the languages, and the dates when there are some."""
    graph.add((subject, RDF.type, rdf_class))
    title, description = text_keys
    _texts(graph, subject, DCTERMS.title, title)
    _texts(graph, subject, DCTERMS.description, description)
    graph.add((subject, DCTERMS.publisher, publisher))
    for uri in LANGUAGES.values():
        graph.add((subject, DCTERMS.language, uri))
    issued, modified = dates
    if issued is not None:
        graph.add((subject, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    if modified is not None:
        graph.add((subject, DCTERMS.modified, Literal(modified, datatype=XSD.date)))


def build_graph(session: Session, settings: Settings) -> Graph:
    base = settings.public_base_url.rstrip("/")
    published = Resource.is_public
    # Asked apart: each served by its column's index, where asked together they read every row.
    issued, modified = session.scalar(select(func.min(Resource.published_at)).where(published)), last_modified(session)
    dates = (issued, modified)
    licences = list(session.scalars(select(Resource.licence).where(published).distinct()))

    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("skos", SKOS)
    this = Namespace(f"{base}/catalog#")
    catalog, dataset, publisher = URIRef(f"{base}/catalog"), this["resources"], this["publisher"]
    api, oai = this["api"], this["oai"]
    home = URIRef(f"{base}/")
    graph.add((home, RDF.type, FOAF.Document))

    graph.add((publisher, RDF.type, FOAF.Agent))
    contact = this["contact"]
    graph.add((contact, RDF.type, VCARD.Kind))
    for language in LANGUAGES:  # the centre's name in each language, where harvesters show it
        name = Literal(centre_name(language), lang=language)
        graph.add((publisher, FOAF.name, name))
        graph.add((contact, VCARD.fn, name))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    for uri in LANGUAGES.values():
        _authority(graph, uri, "language", DCTERMS.LinguisticSystem)
    graph.add((THEMES, RDF.type, SKOS.ConceptScheme))
    graph.add((THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
    _authority(graph, THEME, "data-theme", SKOS.Concept)
    graph.add((THEME, SKOS.prefLabel, Literal("Population and society", lang="en")))
    graph.add((THEME, SKOS.inScheme, THEMES))
    licence = _licence(graph, licences[0]) if len(licences) == 1 else None

    _describe(graph, catalog, DCAT.Catalog, ("title", "description"), publisher, dates)
    graph.add((catalog, FOAF.homepage, home))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.service, api))
    graph.add((catalog, DCAT.service, oai))
    graph.add((catalog, DCAT.themeTaxonomy, THEMES))
    if licence is not None:
        graph.add((catalog, DCTERMS.license, licence))

    _describe(graph, dataset, DCAT.Dataset, ("dataset", "dataset_description"), publisher, dates)
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, home))
    graph.add((dataset, DCAT.theme, THEME))
    for keyword, language in (
        ("travail des enfants", "fr"),
        ("travail forcé", "fr"),
        ("traite des êtres humains", "fr"),
        ("devoir de vigilance", "fr"),
        ("child labour", "en"),
        ("forced labour", "en"),
        ("human trafficking", "en"),
        ("due diligence", "en"),
    ):
        graph.add((dataset, DCAT.keyword, Literal(keyword, lang=language)))

    for fragment, path, file_type, media_type, title in DISTRIBUTIONS:
        distribution = this[fragment]
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(title, lang="en")))
        graph.add((distribution, DCAT.accessURL, URIRef(base + path)))
        graph.add((distribution, DCAT.downloadURL, URIRef(base + path)))
        graph.add((distribution, DCAT.accessService, api))
        format_uri = _authority(graph, URIRef(EU + "file-type/" + file_type), "file-type", DCTERMS.MediaTypeOrExtent)
        graph.add((distribution, DCTERMS.format, format_uri))
        if media_type:
            media_uri = URIRef(IANA + media_type)
            graph.add((media_uri, RDF.type, DCTERMS.MediaType))
            graph.add((distribution, DCAT.mediaType, media_uri))
        if licence is not None:
            graph.add((distribution, DCTERMS.license, licence))
        if modified is not None:
            graph.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.date)))

    for service, title, endpoint, description in (
        (api, "crv JSON API", f"{base}/v1/", f"{base}/openapi.json"),
        (oai, "crv OAI-PMH 2.0 repository", f"{base}/oai", f"{base}/oai?verb=Identify"),
    ):
        graph.add((service, RDF.type, DCAT.DataService))
        graph.add((service, DCTERMS.title, Literal(title, lang="en")))
        graph.add((service, DCAT.endpointURL, URIRef(endpoint)))
        graph.add((service, DCAT.endpointDescription, URIRef(description)))
        graph.add((service, DCAT.servesDataset, dataset))
        graph.add((service, DCTERMS.publisher, publisher))
        if licence is not None:
            graph.add((service, DCTERMS.license, licence))
    graph.add((OAI_PMH, RDF.type, DCTERMS.Standard))
    graph.add((oai, DCTERMS.conformsTo, OAI_PMH))
    return graph


def serialise(graph: Graph, rdf_format: str) -> bytes:
    if rdf_format == "json-ld":  # compacted with the usual prefixes, as portals' examples are
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in PREFIXES}
        compact: bytes = graph.serialize(format=rdf_format, encoding="utf-8", context=context, auto_compact=True)
        return compact
    data: bytes = graph.serialize(format=rdf_format, encoding="utf-8")
    return data


def last_modified(session: Session) -> date | None:
    return session.scalar(select(func.max(Resource.updated_at)).where(Resource.is_public))
