"""The glossary as SKOS (``/v1/glossary?format=ttl|jsonld``, or ``Accept``), read with rdflib as a thesaurus tool or a
portal would: a ``skos:ConceptScheme`` with a ``skos:Concept`` per term, its label and definition in French and
English, its entries on the pages, its sources and the centre's resources; and the glossary as a dataset of the DCAT-AP
catalogue, valid against the official shapes, whose every address answers — listed only while there is a glossary."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS
from sqlalchemy.orm import Session, sessionmaker

from app.services.glossary import GLOSSARY_FILE, GlossaryTerm
from tests.routers.test_catalog import RECOMMENDED, catalogue, shapes
from tests.site.test_glossary import with_glossary

BASE = "http://testserver"
SCHEME = URIRef(f"{BASE}/v1/glossary")
DATASET = URIRef(f"{BASE}/catalog#glossary")
SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture
def terms(loaded: None, content_dir: Path, session_factory: sessionmaker[Session]) -> tuple[GlossaryTerm, ...]:
    """The fixture corpus loaded, then the real glossary in the content tree and every resource it names published."""
    return with_glossary(content_dir, session_factory)


def skos(client: TestClient, file_format: str) -> Graph:
    response = client.get("/v1/glossary", params={"format": file_format})
    assert response.status_code == 200
    media_type = {"ttl": "text/turtle", "jsonld": "application/ld+json"}[file_format]
    assert response.headers["content-type"].startswith(media_type)
    return Graph().parse(data=response.content, format="turtle" if file_format == "ttl" else "json-ld")


def texts(graph: Graph, subject: Any, predicate: URIRef) -> dict[str | None, str]:
    found = [value for value in graph.objects(subject, predicate) if isinstance(value, Literal)]
    languages = [value.language for value in found]
    assert len(set(languages)) == len(languages), (subject, predicate)  # one per language (SKOS's S14 for prefLabel)
    return {value.language: str(value) for value in found}


@pytest.mark.parametrize("file_format", ["ttl", "jsonld"])
def test_a_concept_per_term_with_both_languages(
    client: TestClient, terms: tuple[GlossaryTerm, ...], file_format: str
) -> None:
    graph = skos(client, file_format)
    data = client.get("/v1/glossary").json()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert set(texts(graph, SCHEME, DCTERMS.title)) == {"fr", "en"}
    assert str(graph.value(SCHEME, DCTERMS.license)) == data["licence_url"]
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {URIRef(term["uri"]) for term in data["terms"]}
    assert len(concepts) == len(terms)
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == concepts
    for term in data["terms"]:
        concept = URIRef(term["uri"])
        assert (concept, SKOS.inScheme, SCHEME) in graph and (concept, SKOS.topConceptOf, SCHEME) in graph
        assert texts(graph, concept, SKOS.prefLabel) == term["term"]
        assert texts(graph, concept, SKOS.definition) == term["definition"]
        assert {str(page) for page in graph.objects(concept, FOAF.page)} == set(term["page_url"].values())
        sources = {str(source) for source in graph.objects(concept, DCTERMS.source)}
        assert sources == {url for source in term["sources"] for url in source["url"].values()}
        see_also = {str(resource) for resource in graph.objects(concept, RDFS.seeAlso)}
        assert see_also == {url for resource in term["see_also"] for url in resource["page_url"].values()}
        assert see_also and not list(graph.objects(concept, SKOS.related))  # resources are no concepts
    # no two concepts share a label in a language (qSKOS's ambiguous labels)
    for language in ("fr", "en"):
        labels = [label for label in graph.objects(None, SKOS.prefLabel) if label.language == language]
        assert len(labels) == len(set(labels)) == len(terms)


def test_turtle_and_json_ld_say_the_same(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    assert isomorphic(skos(client, "ttl"), skos(client, "jsonld"))


def test_the_scheme_s_uri_answers_what_accept_asks(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    for accept, media_type in [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/ld+json;q=0.5, text/turtle", "text/turtle"),
        ("application/json", "application/json"),
        ("text/html", "application/json"),  # none it offers: JSON, not a 406
        ("*/*", "application/json"),
    ]:
        response = client.get("/v1/glossary", headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type), accept
        assert "Accept" in response.headers["vary"]
    # a format asked in the address is the same for everyone: no Vary on Accept
    assert "accept," not in client.get("/v1/glossary", params={"format": "ttl"}).headers["vary"].lower() + ","


def test_without_the_file_an_empty_scheme_and_no_dataset(client: TestClient, loaded: None, content_dir: Path) -> None:
    assert not (content_dir / GLOSSARY_FILE).exists()
    graph = skos(client, "ttl")
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert not list(graph.subjects(RDF.type, SKOS.Concept))
    assert DATASET not in set(catalogue(client).objects(URIRef(f"{BASE}/catalog"), DCAT.dataset))


@pytest.mark.parametrize("path", ["/catalog.ttl", "/catalog.jsonld"])
def test_the_catalogue_lists_the_glossary(client: TestClient, terms: tuple[GlossaryTerm, ...], path: str) -> None:
    data = catalogue(client, path)
    conforms, _, report = validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    assert conforms, report
    assert DATASET in set(data.objects(URIRef(f"{BASE}/catalog"), DCAT.dataset))
    assert (URIRef(f"{BASE}/catalog#api"), DCAT.servesDataset, DATASET) in data  # the JSON API serves it
    assert (URIRef(f"{BASE}/catalog#oai"), DCAT.servesDataset, DATASET) not in data
    assert [str(value) for value in data.objects(DATASET, DCTERMS.identifier)] == [str(DATASET)]
    titles = texts(data, DATASET, DCTERMS.title)
    assert set(titles) == {"fr", "en"} and titles["fr"].startswith("Glossaire")
    assert f"{len(terms)}\u00a0termes" in texts(data, DATASET, DCTERMS.description)["fr"]
    downloads = {
        str(data.value(d, DCAT.downloadURL)): d
        for d in data.objects(DATASET, DCAT.distribution)
        if isinstance(d, URIRef)
    }
    assert set(downloads) == {
        f"{BASE}/v1/glossary",
        f"{BASE}/v1/glossary?format=ttl",
        f"{BASE}/v1/glossary?format=jsonld",
    }
    for url, distribution in downloads.items():
        media_type = str(data.value(distribution, DCAT.mediaType)).removeprefix(
            "http://www.iana.org/assignments/media-types/"
        )
        response = client.get(url.removeprefix(BASE))
        assert response.status_code == 200 and response.headers["content-type"].startswith(media_type), url
        assert str(data.value(distribution, DCTERMS.license)).endswith("/licence/CC_BY_4_0")
        assert set(texts(data, distribution, DCTERMS.title)) == {"fr", "en"}
    skos_core = URIRef("http://www.w3.org/2004/02/skos/core")
    assert data.value(downloads[f"{BASE}/v1/glossary?format=ttl"], DCTERMS.conformsTo) == skos_core
    citation = texts(data, DATASET, DCTERMS.bibliographicCitation)
    assert citation["fr"] == f"Centre de ressources virtuel 8.7, glossaire, CC BY 4.0, {BASE}/v1/glossary."
    # where people read about it: the API page's section (its landing page) and the glossary page
    for page in data.objects(DATASET, DCAT.landingPage):
        assert str(page).endswith("#glossary")
        path_, fragment = str(page).removeprefix(BASE).split("#")
        assert f'id="{fragment}"' in client.get(path_).text
    documentation = {str(page) for page in data.objects(DATASET, FOAF.page)}
    assert documentation == {f"{BASE}/fr/glossaire", f"{BASE}/en/glossary"}
    for page in documentation:
        assert client.get(page.removeprefix(BASE)).status_code == 200


def test_recommended_properties_but_a_period(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    """SEMIC's recommended-properties shapes find only the glossary's temporal coverage missing: nothing records when
    the file changed, and a glossary is about no period (none is invented)."""
    recommended = Graph().parse(RECOMMENDED, format="turtle")
    _, results, _ = validate(catalogue(client), shacl_graph=recommended, inference="none")
    assert isinstance(results, Graph)
    gaps = {
        (str(results.value(result, SH.focusNode)), str(results.value(result, SH.resultPath)))
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert gaps == {(str(DATASET), str(DCTERMS.temporal))}
