"""A DCAT-AP 3 catalogue of the centre, as open-data portals (data.europa.eu, data.gouv.fr) harvest it: two datasets,
the published corpus (its distributions the exports and the Atom feed) and ILAB's findings as the centre serves them
(``/v1/findings`` in CSV and JSON, in the public domain as ILAB's publications are), served by two data services (the
JSON API serves both, OAI-PMH the corpus). Each dataset's landing page is the API page, which documents it (as its
schema.org ``Dataset`` says). Validated in the tests against the official DCAT-AP SHACL shapes, mandatory and
recommended.

Every dataset and service carries a ``dct:identifier``, its own URI as a literal: data.gouv.fr's harvester (udata's
DCAT backend) skips an item without one, keys its copy on it, and links a service to the datasets it serves by it.
The downloads carry no ``dcat:accessService``: udata takes a service named there for a distribution's access point,
not a service of its own, and would file the four downloads as "API" resources."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS, SKOS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import licences
from app.config import Settings
from app.i18n import negotiate_language
from app.ilab.reader import GOODS_TITLE, GOODS_URL, VINTAGE
from app.models import Resource
from app.paths import page_path
from app.services.centre import centre_name
from app.services.feeds import DEFAULT_ENTRIES
from app.services.representations import preferred

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
# The year ILAB's rows are about, their vintage: the reporting year of its Findings on the Worst Forms of Child Labor
# (data/ilab-2022/README.md: "2022 reporting year") and the year of the List of Goods' edition; the year as a period,
# from its first day to its last. Nothing in the data gives a narrower one.
ILAB_PERIOD: Final = (date(int(VINTAGE), 1, 1), date(int(VINTAGE), 12, 31))
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
PREFIXES = ("dcat", "dct", "dcatap", "foaf", "vcard", "skos", "xsd", "rdf")
TURTLE, JSON_LD, HTML = "text/turtle", "application/ld+json", "text/html"  # what the catalogue's URI leads to
MEDIA_TYPES = {"turtle": f"{TURTLE}; charset=utf-8", "json-ld": JSON_LD}
FILES = {"turtle": "/catalog.ttl", "json-ld": "/catalog.jsonld"}
KEYWORDS = {
    "fr": ("travail des enfants", "travail forcé", "traite des êtres humains", "devoir de vigilance"),
    "en": ("child labour", "forced labour", "human trafficking", "due diligence"),
}
Texts = dict[str, str]  # language → text
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
    "ilab_dataset": {
        "fr": "Constats de l’ILAB\u00a0: biens produits par le travail des enfants ou le travail forcé (2022)",
        "en": "ILAB findings: goods produced by child labour or forced labour (2022)",
    },
    "ilab_dataset_description": {
        "fr": "La liste 2022 du Bureau des affaires internationales du travail (ILAB) du département du Travail des "
        "États-Unis, une ligne par pays et par bien\u00a0: travail des enfants, travail forcé, travail forcé des "
        "enfants, biens faits d’intrants qui en sont issus et pays de ces intrants, avec les libellés français et "
        "anglais du centre et les liens vers ses fiches pays et produit. Les faits sont ceux de l’ILAB, dans le "
        "domaine public comme les œuvres du gouvernement fédéral des États-Unis\u00a0; citez «\u00a0"
        + GOODS_TITLE
        + "\u00a0».",
        "en": "The 2022 List of Goods of the US Department of Labor’s Bureau of International Labor Affairs (ILAB), "
        "one row per country and good: child labour, forced labour, forced child labour, goods made with inputs "
        "produced by them and where those inputs come from, with the centre’s French and English labels and links "
        "to its country and commodity sheets. The facts are ILAB’s, in the public domain as works of the US federal "
        f"government are; cite “{GOODS_TITLE}”.",
    },
}
WHOLE_CORPUS = {
    "fr": "Tout le corpus publié, une ligne par ressource et par langue, ",
    "en": "The whole published corpus, one row per resource and language, ",
}


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


ILAB_DISTRIBUTIONS = (
    Offer(
        "ilab-csv",
        "/v1/findings?format=csv",
        {"fr": "Constats de l’ILAB en CSV", "en": "ILAB findings as CSV"},
        {
            "fr": "Toute la liste, une ligne par pays et par bien, en CSV (UTF-8 avec indicateur d’ordre des octets, "
            "séparé par des virgules).",
            "en": "The whole list, one row per country and good, as CSV (UTF-8 with a byte order mark, "
            "comma-separated).",
        },
        "CSV",
        "text/csv",
    ),
    Offer(
        "ilab-json",
        "/v1/findings?format=json",
        {"fr": "Constats de l’ILAB en JSON", "en": "ILAB findings as JSON"},
        {
            "fr": "Toute la liste en JSON, chaque ligne avec ses libellés, ses constats, sa source et son millésime.",
            "en": "The whole list as JSON, each row with its labels, findings, source and vintage.",
        },
        "JSON",
        "application/json",
    ),
)
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


def _authority(graph: Graph, uri: URIRef, scheme: str, rdf_class: URIRef) -> URIRef:
    """A concept of an EU authority table (language, file type, data theme…), typed and placed in its scheme."""
    graph.add((uri, RDF.type, rdf_class))
    graph.add((uri, SKOS.inScheme, URIRef(EU + scheme)))
    return uri


def _licence(graph: Graph, code: str) -> URIRef:
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


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, texts: Texts) -> None:
    for language, text in texts.items():
        graph.add((subject, predicate, Literal(text, lang=language)))


def _describe(
    graph: Graph,
    subject: URIRef,
    rdf_class: URIRef,
    text_keys: tuple[str, str],
    publisher: URIRef,
    dates: tuple[date | None, datetime | None],
) -> None:
    """What DCAT-AP asks of the catalogue and of its dataset alike: the class, a title and a description in each
    language (``text_keys`` of :data:`TEXT`), the publisher, the languages, the spatial coverage, and the dates when
    there are some."""
    graph.add((subject, RDF.type, rdf_class))
    title, description = text_keys
    _texts(graph, subject, DCTERMS.title, TEXT[title])
    _texts(graph, subject, DCTERMS.description, TEXT[description])
    graph.add((subject, DCTERMS.publisher, publisher))
    graph.add((subject, DCTERMS.spatial, EARTH))
    for uri in LANGUAGES.values():
        graph.add((subject, DCTERMS.language, uri))
    issued, modified = dates
    if issued is not None:
        graph.add((subject, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    if modified is not None:
        graph.add((subject, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))


def _classify(graph: Graph, subject: URIRef, contact: URIRef) -> None:
    """The contact point, theme and keywords that DCAT-AP recommends for a dataset and a data service alike."""
    graph.add((subject, DCAT.contactPoint, contact))
    graph.add((subject, DCAT.theme, THEME))
    for language, keywords in KEYWORDS.items():
        for keyword in keywords:
            graph.add((subject, DCAT.keyword, Literal(keyword, lang=language)))


def _identify(graph: Graph, subject: URIRef) -> None:
    """Its ``dct:identifier``: its own URI, as a literal (see the module's docstring)."""
    graph.add((subject, DCTERMS.identifier, Literal(str(subject))))


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
        _authority(graph, uri, "language", DCTERMS.LinguisticSystem)
    graph.add((THEMES, RDF.type, SKOS.ConceptScheme))
    graph.add((THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
    _authority(graph, THEME, "data-theme", SKOS.Concept)
    graph.add((THEME, SKOS.prefLabel, Literal("Population and society", lang="en")))
    graph.add((THEME, SKOS.inScheme, THEMES))
    _authority(graph, STABLE, "planned-availability", SKOS.Concept)
    graph.add((STABLE, SKOS.prefLabel, Literal("Stable", lang="en")))
    graph.add((EARTH, RDF.type, DCTERMS.Location))
    graph.add((EARTH, DCAT.bbox, Literal(EARTH_BBOX, datatype=GEOSPARQL.wktLiteral)))
    graph.add((EARTH, DCAT.centroid, Literal(EARTH_CENTROID, datatype=GEOSPARQL.wktLiteral)))
    for standard in (OAI_PMH, OPENAPI, JSON_LINES):
        graph.add((standard, RDF.type, DCTERMS.Standard))


def _distribute(
    graph: Graph, dataset: URIRef, distribution: URIRef, offer: Offer, base: str, licence: URIRef | None
) -> None:
    """A distribution of ``dataset``: titled and described in both languages, downloaded at ``offer.path``."""
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    _texts(graph, distribution, DCTERMS.title, offer.title)
    _texts(graph, distribution, DCTERMS.description, offer.description)
    graph.add((distribution, DCAT.accessURL, URIRef(base + offer.path)))
    graph.add((distribution, DCAT.downloadURL, URIRef(base + offer.path)))
    graph.add((distribution, DCATAP.availability, STABLE))
    format_uri = URIRef(EU + f"file-type/{offer.file_type}")
    graph.add((distribution, DCTERMS.format, _authority(graph, format_uri, "file-type", DCTERMS.MediaTypeOrExtent)))
    if offer.media_type:
        media_uri = URIRef(IANA + offer.media_type)
        graph.add((media_uri, RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCAT.mediaType, media_uri))
    if offer.conforms_to is not None:
        graph.add((distribution, DCTERMS.conformsTo, offer.conforms_to))
    if licence is not None:
        graph.add((distribution, DCTERMS.license, licence))


def _landing_pages(graph: Graph, dataset: URIRef, base: str, fragment: str = "") -> None:
    """The API page in each language (``#fragment``: its section), which documents the dataset, as its landing pages:
    where the schema.org ``Dataset`` of the page says it is described."""
    for language in LANGUAGES:
        page = URIRef(base + page_path("api", language) + fragment)
        graph.add((page, RDF.type, FOAF.Document))
        graph.add((page, DCTERMS.language, LANGUAGES[language]))
        graph.add((dataset, DCAT.landingPage, page))


def _period(graph: Graph, dataset: URIRef, period: URIRef, days: tuple[date, date]) -> None:
    """The dataset's temporal coverage: a ``dct:PeriodOfTime`` from its first day to its last, as ``xsd:date``s,
    which every harvester reads (an ``xsd:gYear`` is valid DCAT-AP, but rdflib, under udata's harvester, keeps it
    a string)."""
    start, end = days
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))


def _ilab_dataset(graph: Graph, this: Namespace, base: str, publisher: URIRef, contact: URIRef) -> URIRef:
    """ILAB's findings as ``/v1/findings`` serves them: the List of Goods (2022), ILAB's facts with the centre's labels
    and links. In the public domain, as the centre's data folder (``data/ilab-2022/README.md``) and about page say of
    ILAB's publications (works of the US federal government); ILAB is its creator, its List of Goods the publication
    it comes from: a related resource (``dct:source`` would have to be a dataset of the catalogue, which a portal
    would import as one) and the provenance statement. Its temporal coverage is the year the rows are about, their
    vintage (:data:`ILAB_PERIOD`); no other date: nothing in the data says on which day ILAB published them or when
    the centre loaded them."""
    dataset, ilab, provenance = this["ilab-findings"], this["ilab"], this["ilab-provenance"]
    _describe(graph, dataset, DCAT.Dataset, ("ilab_dataset", "ilab_dataset_description"), publisher, (None, None))
    _identify(graph, dataset)
    _classify(graph, dataset, contact)
    _landing_pages(graph, dataset, base, "#findings")
    _period(graph, dataset, this["ilab-period"], ILAB_PERIOD)
    graph.add((dataset, DCTERMS.creator, ilab))
    graph.add((ilab, RDF.type, FOAF.Agent))
    graph.add((ilab, FOAF.name, Literal("US Department of Labor, Bureau of International Labor Affairs", lang="en")))
    graph.add((ilab, DCTERMS.type, PUBLISHER_TYPE))  # a national government's bureau
    graph.add((dataset, DCTERMS.relation, URIRef(GOODS_URL)))
    graph.add((dataset, DCTERMS.provenance, provenance))
    graph.add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
    for language, text in {
        "fr": f"Extrait de «\u00a0{GOODS_TITLE}\u00a0» ({GOODS_URL}), domaine public.",
        "en": f"Extracted from “{GOODS_TITLE}” ({GOODS_URL}), public domain.",
    }.items():
        graph.add((provenance, RDFS.label, Literal(text, lang=language)))
    licence = _licence(graph, licences.PUBLIC_DOMAIN)
    for offer in ILAB_DISTRIBUTIONS:
        _distribute(graph, dataset, this[offer.fragment], offer, base, licence)
    return dataset


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
    licence = _licence(graph, found[0]) if len(found) == 1 else None

    _describe(graph, catalog, DCAT.Catalog, ("title", "description"), publisher, dates)
    graph.add((catalog, FOAF.homepage, home))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.themeTaxonomy, THEMES))
    if licence is not None:
        graph.add((catalog, DCTERMS.license, licence))

    _describe(graph, dataset, DCAT.Dataset, ("dataset", "dataset_description"), publisher, dates)
    _identify(graph, dataset)
    _classify(graph, dataset, contact)
    _landing_pages(graph, dataset, base)
    latest_update = session.scalar(select(func.max(Resource.updated_at)).where(published))
    if issued is not None and latest_update is not None:
        # The period the rows cover: from the first resource's publication to the latest date a publisher gives
        # its document. Not a reference year: the ILAB figures of the risk sheets are for 2022, the legal texts
        # and methods of other years.
        _period(graph, dataset, this["period"], (issued, latest_update))

    for offer in DISTRIBUTIONS:
        distribution = this[offer.fragment]
        _distribute(graph, dataset, distribution, offer, base, licence)
        if modified is not None:  # to the second, as the dataset's: an xsd:dateTime
            graph.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))

    ilab = _ilab_dataset(graph, this, base, publisher, contact)
    graph.add((catalog, DCAT.dataset, ilab))

    for offer in SERVICES:
        service = this[offer.fragment]
        graph.add((catalog, DCAT.service, service))
        graph.add((service, RDF.type, DCAT.DataService))
        _identify(graph, service)
        _texts(graph, service, DCTERMS.title, offer.title)
        _texts(graph, service, DCTERMS.description, offer.description)
        graph.add((service, DCAT.endpointURL, URIRef(base + offer.path)))
        if offer.endpoint_description:
            graph.add((service, DCAT.endpointDescription, URIRef(base + offer.endpoint_description)))
        graph.add((service, DCAT.servesDataset, dataset))
        if offer.fragment == "api":  # the findings are the API's, not OAI-PMH's
            graph.add((service, DCAT.servesDataset, ilab))
        graph.add((service, DCTERMS.publisher, publisher))
        if offer.conforms_to is not None:
            graph.add((service, DCTERMS.conformsTo, offer.conforms_to))
        _classify(graph, service, contact)
        if licence is not None:
            graph.add((service, DCTERMS.license, licence))
    return graph


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
