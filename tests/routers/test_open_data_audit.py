"""What an open-data harvester's audit (December 2026) found across the channels, each checked as a harvester sees
it: DCAT dates typed right; the export's two dates and two country columns agreeing with OAI-PMH and the ``country``
filter; ILAB's findings as a second dataset of the catalogue and of the API page, with their licence, allowed by
robots.txt; the findings' CSV readable by Excel and cached per ``Accept``; the export's ETag moved by what the file
shows only; the API page telling Excel users which file to take."""

import csv
import io
import json
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS
from sqlalchemy.orm import Session

from app.models import Organisation, OrganisationKind, Resource, ResourceStatus
from app.services import catalog, oai
from app.services.site import harvest
from tests.helpers import resource_row
from tests.routers.test_exports import changed_at_three_moments
from tests.site.test_robots import first_match_allows, rfc9309_allows

pytestmark = pytest.mark.usefixtures("loaded")
BASE = "http://testserver"
ILAB = URIRef(f"{BASE}/catalog#ilab-findings")
RESOURCES = URIRef(f"{BASE}/catalog#resources")
NS = {"oai": oai.OAI}
# A commodity sheet is found under the countries its findings table links to, a region sheet under none.
SHEETS = [
    resource_row(
        "commodity-acai", "en", slug="acai", type="risk_sheet", countries=[], sectors=["agriculture"],
        body="| Country | Finding |\n| --- | --- |\n| [Brazil](crv:country-br) | child labour |\n"
        "| [Bolivia](crv:country-bo) | child labour |",
    ),
    resource_row(
        "region-south", "en", slug="south", type="risk_sheet", countries=["BR", "AR"], regions=["europe-eurasia"]
    ),
]  # fmt: skip


def catalogue(client: TestClient) -> Graph:
    return Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")


def export_rows(client: TestClient, **params: str) -> list[dict[str, str]]:
    response = client.get("/v1/export", params={"format": "csv", **params})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_dct_modified_is_a_date_time_and_the_distributions_say_when(client: TestClient) -> None:
    """1. A date-time typed xsd:date is invalid: the distributions' dct:modified is the dataset's, an xsd:dateTime."""
    data = catalogue(client)
    stamps = list(data.objects(None, DCTERMS.modified))
    assert len(stamps) == 1 + 1 + len(catalog.DISTRIBUTIONS)  # the catalogue, the dataset, each distribution
    assert all(isinstance(stamp, Literal) and stamp.datatype == XSD.dateTime for stamp in stamps)
    assert {str(stamp) for stamp in stamps} == {str(data.value(RESOURCES, DCTERMS.modified))}
    for distribution in data.objects(RESOURCES, DCAT.distribution):
        assert data.value(distribution, DCTERMS.modified) is not None


def test_the_export_gives_the_last_change_that_since_oai_and_dcat_use(client: TestClient, session: Session) -> None:
    """2. ``modified_at`` (UTC, to the second) is the OAI datestamp of the same record and what ``since`` selects on;
    ``updated_at`` stays the publisher's date; the newest ``modified_at`` is the catalogue's dct:modified."""
    changed_at_three_moments(session)
    rows = {row["id"]: row for row in export_rows(client)}
    assert rows["country-ci.fr"]["modified_at"] == "2025-01-10T09:00:00Z"
    assert rows["method-risk-mapping.fr"]["modified_at"] == "2025-03-05T08:00:00Z"
    assert rows["method-risk-mapping.fr"]["updated_at"] == "2026-03-15"  # the publisher's date, untouched
    listed = ET.fromstring(client.get("/oai", params={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content)
    datestamps = {
        str(header.findtext("oai:identifier", namespaces=NS)).rsplit(":", 1)[1]: header.findtext(
            "oai:datestamp", namespaces=NS
        )
        for header in listed.iter(f"{{{oai.OAI}}}header")
    }
    assert datestamps == {identifier: row["modified_at"] for identifier, row in rows.items()}
    since = export_rows(client, since="2025-02-15T12:30:00Z")
    assert {row["id"] for row in since} == {i for i, r in rows.items() if r["modified_at"] >= "2025-02-15T12:30:00Z"}
    modified = catalogue(client).value(RESOURCES, DCTERMS.modified)
    assert isinstance(modified, Literal)
    assert modified.toPython() == datetime(2025, 3, 5, 8, 0, tzinfo=UTC)  # the latest of the three
    record = json.loads(client.get("/v1/export", params={"format": "jsonl", "country": "PK", "lang": "en"}).text)
    assert record["modified_at"] == "2025-02-15T12:30:00Z" and record["updated_at"] == "2026-02-01"
    sheet = load_workbook(io.BytesIO(client.get("/v1/export", params={"format": "xlsx", "country": "PK"}).content))
    header = [cell.value for cell in sheet["resources"][1]]
    cell = sheet["resources"].cell(row=2, column=header.index("modified_at") + 1)
    assert cell.is_date and cell.value == datetime(2025, 2, 15, 12, 30) and cell.number_format == "yyyy-mm-dd hh:mm:ss"


def test_countries_covered_are_the_country_filter_s_and_oai_s(client: TestClient, session: Session) -> None:
    """3. ``countries`` are the tags; ``countries_covered`` what ``country=`` and OAI-PMH's country sets file a row
    under: a commodity sheet also under its findings table's countries, a region sheet under none."""
    session.add_all(Resource(**row) for row in SHEETS)
    session.commit()
    rows = {row["id"]: row for row in export_rows(client)}
    assert rows["commodity-acai.en"]["countries"] == "" and rows["commodity-acai.en"]["countries_covered"] == "BO|BR"
    assert rows["region-south.en"]["countries"] == "BR|AR" and rows["region-south.en"]["countries_covered"] == ""
    assert rows["country-ci.fr"]["countries_covered"] == rows["country-ci.fr"]["countries"] == "CI"
    listed = ET.fromstring(client.get("/oai", params={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content)
    for header in listed.iter(f"{{{oai.OAI}}}header"):
        identifier = str(header.findtext("oai:identifier", namespaces=NS)).rsplit(":", 1)[1]
        sets = [str(spec.text) for spec in header.findall("oai:setSpec", NS)]
        covered = sorted(spec.removeprefix("country:") for spec in sets if spec.startswith("country:"))
        assert sorted(filter(None, rows[identifier]["countries_covered"].split("|"))) == covered, identifier
    for code in ("BR", "BO", "AR", "CI", "PK"):
        found = {row["id"] for row in export_rows(client, country=code)}
        assert found == {i for i, row in rows.items() if code in row["countries_covered"].split("|")}, code
    jsonl = client.get("/v1/export", params={"format": "jsonl", "country": "BR"}).text
    assert [json.loads(line)["countries_covered"] for line in jsonl.splitlines()] == [["BO", "BR"]]


def test_ilab_s_findings_are_a_dataset_of_the_catalogue(client: TestClient) -> None:
    """4. ILAB's findings: a dataset the API serves, in the public domain (ADMS's PublicDomain type), made by ILAB
    and extracted from its List of Goods, downloadable as CSV and JSON at addresses that answer."""
    data = catalogue(client)
    assert (URIRef(f"{BASE}/catalog"), DCAT.dataset, ILAB) in data
    assert (URIRef(f"{BASE}/catalog#api"), DCAT.servesDataset, ILAB) in data
    assert (URIRef(f"{BASE}/catalog#oai"), DCAT.servesDataset, ILAB) not in data
    creator = data.value(ILAB, DCTERMS.creator)
    assert "Bureau of International Labor Affairs" in str(data.value(creator, FOAF.name))
    assert (
        str(data.value(ILAB, DCTERMS.relation)) == "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
    )
    provenance = {
        label.language: str(label) for label in data.objects(data.value(ILAB, DCTERMS.provenance), RDFS.label)
    }
    assert provenance["en"].endswith(
        "(https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods), public domain."
    )
    downloads = {}
    for distribution in data.objects(ILAB, DCAT.distribution):
        licence = data.value(distribution, DCTERMS.license)
        assert str(licence) == "https://creativecommons.org/publicdomain/mark/1.0/"
        assert str(data.value(licence, DCTERMS.type)) == "http://purl.org/adms/licencetype/PublicDomain"
        downloads[str(data.value(distribution, DCAT.downloadURL))] = str(data.value(distribution, DCAT.mediaType))
    assert downloads == {
        f"{BASE}/v1/findings?format=csv": "http://www.iana.org/assignments/media-types/text/csv",
        f"{BASE}/v1/findings?format=json": "http://www.iana.org/assignments/media-types/application/json",
        f"{BASE}/v1/findings?format=xlsx": "http://www.iana.org/assignments/media-types/"
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    rows = list(
        csv.DictReader(io.StringIO(client.get("/v1/findings", params={"format": "csv"}).content.decode("utf-8-sig")))
    )
    assert len(rows) == client.get("/v1/findings", params={"format": "json"}).json()["total"] == 467  # ILAB's list
    robots = client.get("/robots.txt").text
    for url in downloads:
        assert rfc9309_allows(robots, url.removeprefix(BASE)) and first_match_allows(robots, url.removeprefix(BASE))
    assert not rfc9309_allows(robots, "/v1/findings?country=CI")  # filters stay out, as the export's
    assert "/v1/findings?format=" in harvest.ADVERTISED


def test_the_datasets_land_on_the_api_page_which_documents_them(client: TestClient) -> None:
    """Landing pages: the API page in each language (the ILAB dataset's section), as the schema.org Datasets say;
    the sections exist, and the footer of every page leads to the open-data one."""
    data = catalogue(client)
    assert {str(page) for page in data.objects(RESOURCES, DCAT.landingPage)} == {f"{BASE}/fr/api", f"{BASE}/en/api"}
    assert {str(page) for page in data.objects(ILAB, DCAT.landingPage)} == {
        f"{BASE}/fr/api#findings", f"{BASE}/en/api#findings"
    }  # fmt: skip
    for page in data.objects(None, DCAT.landingPage):
        assert (page, RDF.type, FOAF.Document) in data
    for language in ("fr", "en"):
        html = client.get(f"/{language}/api").text
        assert 'id="open-data"' in html and 'id="findings"' in html and 'id="export"' in html
    footer = client.get("/en/").text.split('<footer class="site">', 1)[1]
    assert 'href="/en/api#open-data">Open data</a>' in footer
    assert 'href="/fr/api#open-data"' in client.get("/fr/").text.split('<footer class="site">', 1)[1]


def test_the_oai_service_names_all_its_set_families(client: TestClient) -> None:
    """The DCAT description of the OAI-PMH service names each family of sets the repository has."""
    assert tuple(catalog.OAI_SET_FAMILIES) == tuple(oai.SET_FILTERS)
    data = catalogue(client)
    texts = {text.language: str(text) for text in data.objects(URIRef(f"{BASE}/catalog#oai"), DCTERMS.description)}
    assert texts["en"].endswith("with sets by type, by country, by sector or commodity, by risk and by region.")
    assert texts["fr"].endswith("par type, par pays, par secteur ou produit, par risque et par région.")


def test_findings_csv_has_a_bom_and_the_choice_by_accept_varies(client: TestClient) -> None:
    """5. A BOM, so that Excel reads UTF-8 (« Côte d’Ivoire », not « CÃ´te »); 6. chosen by ``Accept``, the answer
    says ``Vary: Accept`` (it is cached publicly); chosen by ``format``, it does not vary with it."""
    csv_file = client.get("/v1/findings", params={"country": "CI", "format": "csv"})
    assert csv_file.content.startswith("\ufeffcountry_code,".encode())
    assert "Côte d’Ivoire" in csv_file.content.decode("utf-8-sig")
    for headers in ({"Accept": "text/csv"}, {"Accept": "application/json"}, {}):
        response = client.get("/v1/findings", params={"country": "CI"}, headers=headers)
        assert response.headers["cache-control"].startswith("public")
        assert "Accept" in [name.strip() for name in response.headers["vary"].split(",")], headers
    assert "Accept" not in client.get("/v1/findings", params={"format": "json"}).headers["vary"].split(", ")


def test_the_export_s_etag_moves_only_with_what_the_file_shows(client: TestClient, session: Session) -> None:
    """7. Organisations without a published resource, a draft, or a rename of the centre's organisation leave the
    ETag and Last-Modified as they are (the file's bytes would be the same); a publishing organisation's rename moves
    the ETag."""
    first = client.get("/v1/export", params={"format": "csv"})
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    session.add(Organisation(slug="new-ngo", name="New NGO", kind=OrganisationKind.ngo))
    session.add(Organisation(slug="other-ngo", name="Other NGO", kind=OrganisationKind.ngo))
    session.add(Organisation(slug="crv", name="Le centre, renommé", kind=OrganisationKind.resource_centre))
    session.add(Resource(**resource_row("draft", "en", publisher="new-ngo", status=ResourceStatus.draft)))
    session.commit()
    again = client.get("/v1/export", params={"format": "csv"})
    assert again.content == first.content
    assert again.headers["etag"] == etag and again.headers["last-modified"] == last_modified
    assert client.get("/v1/export", headers={"If-None-Match": etag}).status_code == 304
    session.add(Resource(**resource_row("partner", "en", type="tool", publisher="other-ngo")))
    session.commit()
    published = client.get("/v1/export", params={"format": "csv"})
    assert published.headers["etag"] != etag and "Other NGO" in published.text
    organisation = session.query(Organisation).filter_by(slug="other-ngo").one()
    organisation.name = "Other NGO International"
    session.commit()
    renamed = client.get("/v1/export", params={"format": "csv"}, headers={"If-None-Match": published.headers["etag"]})
    assert renamed.status_code == 200 and "Other NGO International" in renamed.text


def test_the_api_page_sends_french_excel_users_to_the_xlsx(client: TestClient) -> None:
    """8. The CSV is comma-separated: the page says to take the XLSX with a semicolon-separated Excel, and explains
    the two dates and the two country columns."""
    html = client.get("/en/api").text
    assert "With Excel in French, or in any language whose list separator is a semicolon, take the XLSX" in html
    assert "<code>updated_at</code> is the date the publisher gives its document" in html
    assert "<code>countries_covered</code> those the <code>country</code> filter" in html
    assert "ILAB’s facts are in the public domain" in html
