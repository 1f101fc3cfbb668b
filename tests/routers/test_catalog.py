"""/catalog.ttl and /catalog.jsonld validated with pyshacl against the official DCAT-AP 3.0.1 shapes (vendored in
tests/fixtures/dcat-ap with their licence; nothing is fetched); /opensearch.xml read as OpenSearch 1.1."""

from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

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
def test_catalogue_conforms_to_dcat_ap(client: TestClient, path: str, rdf_format: str, media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    data = Graph().parse(data=response.content, format=rdf_format)
    conforms, _, report = validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    assert conforms, report
    catalog = URIRef("http://testserver/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in data
    dataset = data.value(catalog, DCAT.dataset)
    assert dataset is not None
    downloads = {str(data.value(d, DCAT.downloadURL)) for d in data.objects(dataset, DCAT.distribution)}
    assert "http://testserver/v1/export?format=csv" in downloads
    assert "http://testserver/v1/feed.atom" in downloads
    endpoints = {str(data.value(s, DCAT.endpointURL)) for s in data.objects(catalog, DCAT.service)}
    assert endpoints == {"http://testserver/v1/", "http://testserver/oai"}
    licence = data.value(dataset, DCAT.distribution / DCTERMS.license)  # type: ignore[operator]
    assert str(licence) == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    assert str(data.value(dataset, DCTERMS.modified)) == "2026-03-15"
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
    assert templates["application/atom+xml"] == "http://testserver/v1/feed.atom?q={searchTerms}"
    assert templates["text/html"].endswith("?q={searchTerms}")
    feed = client.get(templates["application/atom+xml"].replace("{searchTerms}", "cacao"))
    assert feed.status_code == 200
    search = client.get(templates["application/json"].replace("{searchTerms}", "cacao").replace("{startPage?}", "1")
                        .replace("{count?}", "10"))  # fmt: skip
    assert search.json()["total"] == 2
