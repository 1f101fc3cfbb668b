"""The catalogue's third dataset (each country's ILAB status, ``/v1/findings/countries``: its licence was stated
nowhere) and how to cite each dataset, on the API page and in the catalogue (``dct:bibliographicCitation``): the
export with its version and licence, ILAB's findings with ILAB's own citation first."""

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDFS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ilab.reader import FINDINGS_TITLE, GOODS_TITLE, GOODS_URL
from app.models import Resource
from app.services import citations
from app.services.pages import human_date
from tests.site.test_robots import first_match_allows, rfc9309_allows

pytestmark = pytest.mark.usefixtures("loaded")
BASE = "http://testserver"
COUNTRIES = URIRef(f"{BASE}/catalog#ilab-countries")
FINDINGS = URIRef(f"{BASE}/catalog#ilab-findings")
RESOURCES = URIRef(f"{BASE}/catalog#resources")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catalogue(client: TestClient) -> Graph:
    return Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")


def texts(data: Graph, node: URIRef, predicate: URIRef) -> dict[str | None, str]:
    return {literal.language: str(literal) for literal in data.objects(node, predicate) if isinstance(literal, Literal)}


def test_the_countries_table_is_a_dataset_in_the_public_domain_made_by_ilab(client: TestClient) -> None:
    """As the findings dataset: served by the API, made by ILAB, in the public domain (its licence on each
    download), extracted from both ILAB publications it draws on, in CSV, JSON and XLSX at addresses that answer and
    that robots.txt lets crawlers fetch."""
    data = catalogue(client)
    assert (URIRef(f"{BASE}/catalog"), DCAT.dataset, COUNTRIES) in data
    assert (URIRef(f"{BASE}/catalog#api"), DCAT.servesDataset, COUNTRIES) in data
    assert (URIRef(f"{BASE}/catalog#oai"), DCAT.servesDataset, COUNTRIES) not in data
    assert data.value(COUNTRIES, DCTERMS.creator) == data.value(FINDINGS, DCTERMS.creator)
    assert [str(i) for i in data.objects(COUNTRIES, DCTERMS.identifier)] == [str(COUNTRIES)]
    assert {str(url) for url in data.objects(COUNTRIES, DCTERMS.relation)} == {
        "https://www.dol.gov/agencies/ilab/resources/reports/child-labor",
        GOODS_URL,
    }
    provenance = texts(data, data.value(COUNTRIES, DCTERMS.provenance), RDFS.label)
    assert FINDINGS_TITLE in provenance["en"] and GOODS_TITLE in provenance["en"]
    downloads = {}
    for distribution in data.objects(COUNTRIES, DCAT.distribution):
        assert str(data.value(distribution, DCTERMS.license)) == "https://creativecommons.org/publicdomain/mark/1.0/"
        assert set(texts(data, distribution, DCTERMS.title)) == {"fr", "en"}
        downloads[str(data.value(distribution, DCAT.downloadURL))] = str(data.value(distribution, DCAT.mediaType))
    iana = "http://www.iana.org/assignments/media-types/"
    assert downloads == {
        f"{BASE}/v1/findings/countries?format=csv": iana + "text/csv",
        f"{BASE}/v1/findings/countries?format=json": iana + "application/json",
        f"{BASE}/v1/findings/countries?format=xlsx": iana + XLSX,
    }
    robots = client.get("/robots.txt").text
    for url in downloads:
        path = url.removeprefix(BASE)
        assert client.get(path).status_code == 200, path
        assert rfc9309_allows(robots, path) and first_match_allows(robots, path), path
    assert not rfc9309_allows(robots, "/v1/findings/countries?region=europe-eurasia")
    assert (data.value(COUNTRIES, DCTERMS.temporal), RDF.type, DCTERMS.PeriodOfTime) in data


def test_each_dataset_says_how_to_cite_it(client: TestClient, session: Session) -> None:
    """The export: the centre, the dataset, its version (the day a published resource last changed), its licence
    (every fixture resource's: CC BY 4.0) and its address. ILAB's tables: ILAB's publications first, then the centre's
    table, in the public domain."""
    data = catalogue(client)
    changed = session.scalar(select(func.max(Resource.modified_at)).where(Resource.is_public))
    assert changed is not None
    export = texts(data, RESOURCES, DCTERMS.bibliographicCitation)
    assert export == {
        "en": f"Virtual resource centre 8.7, export of the published resources, version of "
        f"{human_date(changed.date(), 'en')}, CC BY 4.0, {BASE}/v1/export.",
        "fr": f"Centre de ressources virtuel 8.7, export des ressources publiées, version du "
        f"{human_date(changed.date(), 'fr')}, CC BY 4.0, {BASE}/v1/export.",
    }
    findings = texts(data, FINDINGS, DCTERMS.bibliographicCitation)
    assert findings["en"].startswith(f"{GOODS_TITLE}, {GOODS_URL}; as tabulated by Virtual resource centre 8.7, “")
    assert findings["en"].endswith(f"”, public domain, {BASE}/v1/findings.")
    assert findings["fr"].startswith(f"{GOODS_TITLE}, {GOODS_URL}\u202f; mis en tableau par le Centre de ressources")
    assert findings["fr"].endswith(f"\u00a0», domaine public, {BASE}/v1/findings.")
    countries = texts(data, COUNTRIES, DCTERMS.bibliographicCitation)["en"]
    assert (
        countries.index(FINDINGS_TITLE)
        < countries.index(GOODS_TITLE)
        < countries.index(f"{BASE}/v1/findings/countries")
    )


def test_a_licence_shared_by_no_two_resources_is_not_claimed_for_the_export() -> None:
    """A corpus whose resources have several licences: the citation sends to each row's own, it names none."""
    cited = citations.export("en", None, None, "https://crv.example/v1/export")
    assert cited == (
        "Virtual resource centre 8.7, export of the published resources, each resource under its own licence "
        "(licence column), https://crv.example/v1/export."
    )
    assert "CC BY 4.0" in citations.export("fr", None, "CC-BY-4.0", "u")
    assert "Public domain" in citations.export("en", None, "public-domain", "u")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_api_page_suggests_the_citations_and_offers_the_xlsx(client: TestClient, language: str) -> None:
    """The page Excel users read: the findings in XLSX (which the API now serves), the countries table, and how to
    cite the export and ILAB's findings, worded as the catalogue's citations."""
    page = client.get(f"/{language}/api").text
    data = catalogue(client)
    for node in (RESOURCES, FINDINGS, COUNTRIES):
        cited = texts(data, node, DCTERMS.bibliographicCitation)[language]
        assert f'<span class="citation">{escape(cited)}</span>' in page, node
    for path in ("/v1/findings?format=xlsx", "/v1/findings/countries?format=xlsx"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace(
        "'", "&#39;")  # fmt: skip
