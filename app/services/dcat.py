"""The building blocks of the centre's DCAT-AP 3 catalogue (:mod:`app.services.catalog` for the corpus and the
services, :mod:`app.services.catalog_ilab` for ILAB's datasets): the EU vocabularies it names, a distribution's or
service's :class:`Offer`, and the nodes every dataset, distribution and service is described with alike."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from app import licences
from app.paths import page_path

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")
EU = "http://publications.europa.eu/resource/authority/"
LICENCE_TYPE = "http://purl.org/adms/licencetype/"
LICENCE_TYPE_LABELS: Final[Mapping[str, str]] = {  # the vocabulary's own English labels
    "Attribution": "Attribution",
    "NoDerivativeWork": "No derivative work",
    "NonCommercialUseOnly": "Non-commercial use only",
    "PublicDomain": "Public domain",
    "ViralEffect-ShareAlike": "Viral effect (a.k.a. Share-alike)",
}
IANA = "http://www.iana.org/assignments/media-types/"
LANGUAGES = {"fr": URIRef(EU + "language/FRA"), "en": URIRef(EU + "language/ENG")}
THEME = URIRef(EU + "data-theme/SOCI")  # Population and society
THEMES = URIRef(EU + "data-theme")
STABLE = URIRef(EU + "planned-availability/STABLE")  # DCAT-AP's availability: kept at the same address
PUBLISHER_TYPES = URIRef("http://purl.org/adms/publishertype/1.0")  # ADMS publisher type, as DCAT-AP asks
# The centre is the one called for by action 1.2.B of France's national strategy for SDG target 8.7 (the about
# page): a national public service. Change it here if the body that runs it is of another kind.
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
# The corpus is worldwide (country sheets across continents, global methodologies and texts): GeoNames' Earth, a
# vocabulary DCAT-AP lists for dct:spatial, with its bounding box and centre as DCAT-AP recommends.
EARTH = URIRef("https://sws.geonames.org/6295630/")
EARTH_BBOX = "POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90))"
EARTH_CENTROID = "POINT(0 0)"
OAI_PMH = URIRef("http://www.openarchives.org/OAI/2.0/")
OPENAPI = URIRef("https://spec.openapis.org/oas/v3.1.0")  # the version /openapi.json declares (FastAPI's)
# No EU file type and no IANA media type exists for JSON Lines: its distribution is filed under the EU's JSON (each
# line is a JSON text) and names the JSON Lines convention it follows; it has no dcat:mediaType.
JSON_LINES = URIRef("https://jsonlines.org/")
SKOS_CORE = URIRef("http://www.w3.org/2004/02/skos/core")  # the standard the glossary's SKOS files conform to
KEYWORDS = {
    "fr": ("travail des enfants", "travail forcé", "traite des êtres humains", "devoir de vigilance"),
    "en": ("child labour", "forced labour", "human trafficking", "due diligence"),
}
Texts = dict[str, str]  # language → text


@dataclass(frozen=True, slots=True)
class Offer:
    """A distribution or a data service as the catalogue lists it, titled and described in both languages."""

    fragment: str  # its URI is the catalogue's with this fragment
    path: str  # where it answers, on the public base URL
    title: Texts
    description: Texts
    file_type: str | None = None  # a distribution's EU file type
    media_type: str | None = None  # a distribution's IANA media type, where IANA registers one
    conforms_to: URIRef | None = None
    endpoint_description: str | None = None  # a service's description of itself


def authority(graph: Graph, uri: URIRef, scheme: str, rdf_class: URIRef) -> URIRef:
    """A concept of an EU authority table (language, file type, data theme…), typed and placed in its scheme."""
    graph.add((uri, RDF.type, rdf_class))
    graph.add((uri, SKOS.inScheme, URIRef(EU + scheme)))
    return uri


def licence_node(graph: Graph, code: str) -> URIRef:
    eu = licences.LICENCES[code].eu if code in licences.LICENCES else None
    uri = URIRef(EU + "licence/" + eu) if eu else URIRef(licences.identifier(code))  # the EU's, else SPDX's
    graph.add((uri, RDF.type, DCTERMS.LicenseDocument))
    for kind in licences.LICENCES[code].kinds if code in licences.LICENCES else ():
        concept = URIRef(LICENCE_TYPE + kind)
        graph.add((uri, DCTERMS.type, concept))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, URIRef(LICENCE_TYPE + "1.0")))
        graph.add((concept, SKOS.prefLabel, Literal(LICENCE_TYPE_LABELS[kind], lang="en")))
    return uri


def add_texts(graph: Graph, subject: URIRef, predicate: URIRef, texts: Texts) -> None:
    for language, text in texts.items():
        graph.add((subject, predicate, Literal(text, lang=language)))


def describe(
    graph: Graph,
    subject: URIRef,
    rdf_class: URIRef,
    named: tuple[Texts, Texts],
    publisher: URIRef,
    dates: tuple[date | None, datetime | None],
) -> None:
    """What DCAT-AP asks of the catalogue and of its datasets alike: the class, a title and a description in each
    language (``named``), the publisher, the languages, the spatial coverage, and the dates when there are some."""
    graph.add((subject, RDF.type, rdf_class))
    title, description = named
    add_texts(graph, subject, DCTERMS.title, title)
    add_texts(graph, subject, DCTERMS.description, description)
    graph.add((subject, DCTERMS.publisher, publisher))
    graph.add((subject, DCTERMS.spatial, EARTH))
    for uri in LANGUAGES.values():
        graph.add((subject, DCTERMS.language, uri))
    issued, modified = dates
    if issued is not None:
        graph.add((subject, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    if modified is not None:
        graph.add((subject, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))


def classify(graph: Graph, subject: URIRef, contact: URIRef) -> None:
    """The contact point, theme and keywords that DCAT-AP recommends for a dataset and a data service alike."""
    graph.add((subject, DCAT.contactPoint, contact))
    graph.add((subject, DCAT.theme, THEME))
    for language, keywords in KEYWORDS.items():
        for keyword in keywords:
            graph.add((subject, DCAT.keyword, Literal(keyword, lang=language)))


def identify(graph: Graph, subject: URIRef) -> None:
    """Its ``dct:identifier``: its own URI, as a literal, which data.gouv.fr's harvester keys its copy on (see
    :mod:`app.services.catalog`)."""
    graph.add((subject, DCTERMS.identifier, Literal(str(subject))))


def distribute(
    graph: Graph, dataset: URIRef, distribution: URIRef, offer: Offer, base: str, licence: URIRef | None
) -> None:
    """A distribution of ``dataset``: titled and described in both languages, downloaded at ``offer.path``."""
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    add_texts(graph, distribution, DCTERMS.title, offer.title)
    add_texts(graph, distribution, DCTERMS.description, offer.description)
    graph.add((distribution, DCAT.accessURL, URIRef(base + offer.path)))
    graph.add((distribution, DCAT.downloadURL, URIRef(base + offer.path)))
    graph.add((distribution, DCATAP.availability, STABLE))
    format_uri = URIRef(EU + f"file-type/{offer.file_type}")
    graph.add((distribution, DCTERMS.format, authority(graph, format_uri, "file-type", DCTERMS.MediaTypeOrExtent)))
    if offer.media_type:
        media_uri = URIRef(IANA + offer.media_type)
        graph.add((media_uri, RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCAT.mediaType, media_uri))
    if offer.conforms_to is not None:
        graph.add((distribution, DCTERMS.conformsTo, offer.conforms_to))
    if licence is not None:
        graph.add((distribution, DCTERMS.license, licence))


def landing_pages(graph: Graph, dataset: URIRef, base: str, fragment: str = "") -> None:
    """The API page in each language (``#fragment``: its section), which documents the dataset, as its landing pages:
    where the schema.org ``Dataset`` of the page says it is described."""
    for language in LANGUAGES:
        page = URIRef(base + page_path("api", language) + fragment)
        graph.add((page, RDF.type, FOAF.Document))
        graph.add((page, DCTERMS.language, LANGUAGES[language]))
        graph.add((dataset, DCAT.landingPage, page))


def temporal_coverage(graph: Graph, dataset: URIRef, period: URIRef, days: tuple[date, date]) -> None:
    """The dataset's temporal coverage: a ``dct:PeriodOfTime`` from its first day to its last, as ``xsd:date``s,
    which every harvester reads (an ``xsd:gYear`` is valid DCAT-AP, but rdflib, under udata's harvester, keeps it
    a string)."""
    start, end = days
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))
