"""/catalog.ttl and /catalog.jsonld validated with pyshacl against the official DCAT-AP 3.0.1 shapes (vendored in
tests/fixtures/dcat-ap with their licence; nothing is fetched); /opensearch.xml read as OpenSearch 1.1."""

from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from app.services import catalog, exports
from tests.routers.test_pages import add_resource

pytestmark = pytest.mark.usefixtures("loaded")
SHAPES = Path(__file__).resolve().parent.parent / "fixtures" / "dcat-ap"


@cache
def shapes() -> Graph:
    graph = Graph()
    for name in ("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl"):
        graph.parse(SHAPES / name, format="turtle")
    return graph


@pytest.mark.parametrize(
    ("path", "rdf_format", "media_type"),
    [("/catalog.ttl", "turtle", "text/turtle"), ("/catalog.jsonld", "json-ld", "application/ld+json")],
)
def test_catalogue_conforms_to_dcat_ap(
    client: TestClient, session_factory: sessionmaker[Session], path: str, rdf_format: str, media_type: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    data = Graph().parse(data=response.content, format=rdf_format)
    conforms, _, report = validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    assert conforms, report
    catalog = URIRef("http://testserver/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in data
    dataset = URIRef("http://testserver/catalog#resources")
    ilab = {URIRef("http://testserver/catalog#ilab-findings"), URIRef("http://testserver/catalog#ilab-countries")}
    assert set(data.objects(catalog, DCAT.dataset)) == {dataset, *ilab}
    downloads = {str(data.value(d, DCAT.downloadURL)) for d in data.objects(dataset, DCAT.distribution)}
    assert "http://testserver/v1/export?format=csv" in downloads
    assert "http://testserver/v1/feed.atom" in downloads
    endpoints = {str(data.value(s, DCAT.endpointURL)) for s in data.objects(catalog, DCAT.service)}
    assert endpoints == {"http://testserver/v1/", "http://testserver/oai"}
    licence = data.value(dataset, DCAT.distribution / DCTERMS.license)  # type: ignore[operator]
    assert str(licence) == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    assert data.value(licence, DCTERMS.type) == URIRef("http://purl.org/adms/licencetype/Attribution")
    with session_factory() as session:  # the last change to a published resource, not a document's own date
        changed = session.scalar(select(func.max(Resource.modified_at)).where(Resource.is_public))
    assert changed is not None
    modified = data.value(dataset, DCTERMS.modified)
    assert isinstance(modified, Literal) and modified.datatype == XSD.dateTime
    assert modified.toPython() == changed.replace(microsecond=0)
    publisher = data.value(catalog, DCTERMS.publisher)
    assert {(str(name), name.language) for name in data.objects(publisher, FOAF.name)} == {
        ("Centre de ressources virtuel 8.7", "fr"),
        ("Virtual resource centre 8.7", "en"),
    }  # the centre's name, not its slug « crv »


def test_shapes_catch_a_broken_catalogue(client: TestClient) -> None:
    """The validation can fail: without its mandatory title and publisher the catalogue is refused."""
    data = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    catalog = URIRef("http://testserver/catalog")
    data.remove((catalog, DCTERMS.title, None))
    data.remove((catalog, DCTERMS.publisher, None))
    conforms, _, report = validate(data, shacl_graph=shapes(), inference="none")
    assert not conforms
    assert "title" in str(report) and "publisher" in str(report)


def test_opensearch_description(client: TestClient) -> None:
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/opensearchdescription+xml"
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ET.fromstring(response.content)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    short_name = root.findtext("os:ShortName", namespaces=ns)
    assert short_name and len(short_name) <= 16
    templates = {url.attrib["type"]: url.attrib["template"] for url in root.findall("os:Url", ns)}
    assert templates["application/atom+xml"] == "http://testserver/v1/feed.atom?q={searchTerms}&lang=fr"
    assert templates["text/html"].endswith("?q={searchTerms}")
    feed = client.get(templates["application/atom+xml"].replace("{searchTerms}", "cacao"))
    assert feed.status_code == 200
    search = client.get(templates["application/json"].replace("{searchTerms}", "cacao").replace("{startPage?}", "1")
                        .replace("{count?}", "10"))  # fmt: skip
    assert search.json()["total"] == 2


RECOMMENDED = SHAPES / "shapes_recommended.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
BASE = "http://testserver"


def catalogue(client: TestClient, path: str = "/catalog.ttl") -> Graph:
    response = client.get(path)
    assert response.status_code == 200
    return Graph().parse(data=response.content, format="json-ld" if path.endswith(".jsonld") else "turtle")


def offers(data: Graph) -> tuple[URIRef, list[URIRef], list[URIRef]]:
    """The corpus's dataset, its distributions and the catalogue's services."""
    catalog = URIRef(f"{BASE}/catalog")
    dataset = URIRef(f"{BASE}/catalog#resources")
    assert (catalog, DCAT.dataset, dataset) in data
    distributions = [d for d in data.objects(dataset, DCAT.distribution) if isinstance(d, URIRef)]
    services = [s for s in data.objects(catalog, DCAT.service) if isinstance(s, URIRef)]
    assert len(distributions) == 4 and len(services) == 2
    return dataset, distributions, services


def test_recommended_properties_are_all_given(client: TestClient) -> None:
    """SEMIC's recommended-properties shapes find nothing missing: the licence's type (ADMS's), descriptions and
    availability of the distributions; contact point, theme, keywords and conformsTo of the services; spatial and
    temporal coverage (ILAB's findings' too: their year); the publisher's type."""
    recommended = Graph().parse(RECOMMENDED, format="turtle")
    _, results, _ = validate(catalogue(client), shacl_graph=recommended, inference="none")
    assert isinstance(results, Graph)
    gaps = {
        (str(results.value(result, SH.focusNode)), str(results.value(result, SH.resultPath)))
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert gaps == set()


def test_ilab_s_findings_cover_their_reporting_year(client: TestClient) -> None:
    """The temporal coverage of ILAB's findings is the year their rows are about, their vintage (2022: the Findings'
    reporting year, the List's edition), as days that harvesters read; no narrower period, no invented date."""
    for path in ("/catalog.ttl", "/catalog.jsonld"):
        data = catalogue(client, path)
        ilab = URIRef(f"{BASE}/catalog#ilab-findings")
        (period,) = data.objects(ilab, DCTERMS.temporal)
        assert (period, RDF.type, DCTERMS.PeriodOfTime) in data
        start, end = data.value(period, DCAT.startDate), data.value(period, DCAT.endDate)
        assert isinstance(start, Literal) and isinstance(end, Literal)
        assert start.datatype == end.datatype == XSD.date
        assert (start.toPython(), end.toPython()) == (date(2022, 1, 1), date(2022, 12, 31))
        assert data.value(ilab, DCTERMS.issued) is None and data.value(ilab, DCTERMS.modified) is None
    assert client.get("/v1/findings", params={"country": "CI"}).json()["rows"][0]["source"]["vintage"] == "2022"


def test_dataset_and_services_carry_stable_identifiers(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """What data.gouv.fr's harvester (udata's DCAT backend) needs to import them: a dct:identifier on each dataset
    and on each service it imports (a service named as a distribution's dcat:accessService is not imported), the
    same at every harvest. The identifier is the node's URI, in both serialisations."""
    before = catalogue(client)
    dataset, _, services = offers(before)
    ilab = URIRef(f"{BASE}/catalog#ilab-findings")
    for node in (dataset, ilab, *services):
        assert [str(value) for value in before.objects(node, DCTERMS.identifier)] == [str(node)]
    assert not list(before.triples((None, DCAT.accessService, None)))
    add_resource(
        session_factory,
        translation_key="new-sheet",
        published_at=date(2026, 4, 1),
        updated_at=date(2026, 4, 1),
        modified_at=datetime.now(UTC) + timedelta(seconds=2),  # a later second than the first answer's
    )
    after = catalogue(client)
    jsonld = catalogue(client, "/catalog.jsonld")
    for node in (dataset, ilab, *services):
        assert str(after.value(node, DCTERMS.identifier)) == str(jsonld.value(node, DCTERMS.identifier)) == str(node)
    assert str(after.value(dataset, DCTERMS.modified)) != str(before.value(dataset, DCTERMS.modified))


def test_every_address_the_catalogue_gives_answers(client: TestClient) -> None:
    """Download, access, endpoint and description URLs, the landing page and home page all answer 200; the
    catalogue's own URI (and so its nodes', ``/catalog#…``) answers 303 to its Turtle or JSON-LD file, or for a
    browser to the API page's open-data section, which documents it."""
    data = catalogue(client)
    predicates = (DCAT.downloadURL, DCAT.accessURL, DCAT.endpointURL, DCAT.endpointDescription, DCAT.landingPage)
    addresses = {str(o) for p in (*predicates, FOAF.homepage) for o in data.objects(None, p)}
    assert f"{BASE}/v1/" in addresses and f"{BASE}/openapi.json" in addresses
    for address in sorted(addresses):
        assert address.startswith(BASE)
        assert client.get(address.removeprefix(BASE)).status_code == 200, address
    for accept, file in [
        (None, "/catalog.ttl"),
        ("text/turtle", "/catalog.ttl"),
        ("application/ld+json", "/catalog.jsonld"),
        ("application/ld+json;q=0.9, text/turtle;q=0.5", "/catalog.jsonld"),
        ("*/*", "/catalog.ttl"),
        ("application/rdf+xml", "/catalog.ttl"),  # neither: a file it may read rather than a 406
        ("text/turtle, text/html;q=0.5", "/catalog.ttl"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "/fr/api#open-data"),  # a browser: the page for people
    ]:
        response = client.get("/catalog", headers={"Accept": accept} if accept else {}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == BASE + file
        assert response.headers["vary"] == "Accept, Accept-Language"
    followed = client.get("/catalog", headers={"Accept": "application/ld+json"})
    assert followed.status_code == 200 and followed.headers["content-type"].startswith("application/ld+json")


def test_a_browser_opening_the_catalogue_reads_the_api_page_s_open_data_section(client: TestClient) -> None:
    """A browser is sent where the catalogue is explained to people, in its reader's language, not handed a Turtle
    file to download: the open-data section of the API page, which the datasets name as their landing page and
    which links the files for harvesters."""
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    english = client.get("/catalog", headers={"Accept": browser, "Accept-Language": "en-GB,en;q=0.9"})
    assert english.status_code == 200 and english.headers["content-type"].startswith("text/html")
    assert str(english.url) == f"{BASE}/en/api#open-data"
    assert 'id="open-data"' in english.text and 'href="/catalog.ttl"' in english.text
    french = client.get("/catalog", headers={"Accept": browser}, follow_redirects=False)
    assert french.headers["location"] == f"{BASE}/fr/api#open-data"  # the centre's default language
    assert (
        client.get("/catalog", headers={"Host": "evil.example"}, follow_redirects=False)
        .headers["location"]
        .startswith(BASE)
    )


def test_api_root_links_its_description_and_docs(client: TestClient) -> None:
    """``/v1/``, the API's endpoint URL in the catalogue, is an RFC 9264 linkset; ``/v1`` leads there. The OpenAPI
    version the catalogue's dct:conformsTo names is the one the description declares."""
    response = client.get("/v1/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/linkset+json")
    (links,) = response.json()["linkset"]
    assert links["anchor"] == f"{BASE}/v1/"
    for relation in ("service-desc", "service-doc", "describedby"):
        for link in links[relation]:
            assert client.get(link["href"].removeprefix(BASE)).status_code == 200, link
    assert client.get("/v1").status_code == 200
    version = client.get("/openapi.json").json()["openapi"]
    api = URIRef(f"{BASE}/catalog#api")
    assert str(catalogue(client).value(api, DCTERMS.conformsTo)) == f"https://spec.openapis.org/oas/v{version}"


def test_distributions_and_services_are_described_in_both_languages(client: TestClient) -> None:
    data = catalogue(client)
    _, distributions, services = offers(data)
    for node in (*distributions, *services):
        for predicate in (DCTERMS.title, DCTERMS.description):
            texts = {literal.language: str(literal) for literal in data.objects(node, predicate)}
            assert set(texts) == {"fr", "en"}, (node, predicate)
            assert texts["fr"] != texts["en"]
    assert str(data.value(URIRef(f"{BASE}/catalog#csv"), DCTERMS.title, any=True)) in {"Export CSV", "CSV export"}
    oai_titles = {str(t) for t in data.objects(URIRef(f"{BASE}/catalog#oai"), DCTERMS.title)}
    assert "Entrepôt OAI-PMH 2.0 du crv" in oai_titles


def test_coverage_publisher_type_and_formats(client: TestClient, session: Session) -> None:
    """Temporal coverage is the span of the rows' dates (first publication to last update), not a reference year;
    the spatial coverage is the Earth; the publisher is typed with ADMS; JSON Lines is not called plain JSON by a
    media type (IANA registers none) and names its convention."""
    data = catalogue(client)
    dataset, _, services = offers(data)
    period = data.value(dataset, DCTERMS.temporal)
    first = session.scalar(select(func.min(Resource.published_at)).where(Resource.is_public))
    assert first is not None
    assert str(data.value(period, DCAT.startDate)) == first.isoformat()
    assert str(data.value(period, DCAT.endDate)) == "2026-03-15"
    assert str(data.value(dataset, DCTERMS.spatial)) == "https://sws.geonames.org/6295630/"
    publisher = data.value(dataset, DCTERMS.publisher)
    assert str(data.value(publisher, DCTERMS.type)).startswith("http://purl.org/adms/publishertype/")
    jsonl = URIRef(f"{BASE}/catalog#jsonl")
    assert data.value(jsonl, DCAT.mediaType) is None
    assert str(data.value(jsonl, DCTERMS.conformsTo)) == "https://jsonlines.org/"
    for distribution in data.objects(dataset, DCAT.distribution):
        assert str(data.value(distribution, DCATAP.availability)).endswith("/planned-availability/STABLE")
    for service in services:
        assert data.value(service, DCAT.contactPoint) is not None
        assert data.value(service, DCAT.theme) is not None
        assert len(list(data.objects(service, DCAT.keyword))) == 8


def test_the_dataset_description_names_every_column_of_the_export(client: TestClient) -> None:
    header = client.get("/v1/export", params={"format": "csv"}).text.lstrip("\ufeff").splitlines()[0].split(",")
    assert tuple(header) == exports.COLUMNS  # the table's keys, in its order (the header row: test_exports)
    data = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    dataset = URIRef("http://testserver/catalog#resources")
    descriptions = {text.language: str(text) for text in data.objects(dataset, DCTERMS.description)}
    assert set(descriptions) == {"fr", "en"}
    for language, description in descriptions.items():
        labels = [catalog.EXPORT_COLUMNS[column][language] for column in exports.COLUMNS]
        listed, position = description.split(":", 1)[1], 0
        for label in labels:  # each, in the export's order
            position = listed.find(label, position)
            assert position != -1, (language, label, description)
        assert f"{len(exports.COLUMNS)} " in description
    assert descriptions["en"].endswith(
        "countries covered, duration in minutes, level, prerequisites and attached documents’ addresses."
    )
    assert descriptions["fr"].endswith(
        "pays couverts, durée en minutes, niveau, prérequis et adresses des documents joints."
    )
    assert "update date given by the publisher" in descriptions["en"]  # updated_at: the publisher's, not ours
    assert "\u00a0:" in descriptions["fr"]  # French typography
