"""What a researcher's reference manager takes from a resource: the page's embedded metadata as Zotero's « Embedded
Metadata » translator reads it (a web page by its publishing organisation, the date of this version, its language),
and the reference as a file — RIS, BibTeX, CSL-JSON — linked from « How to cite this page », from
``/v1/resources/{id}/citation`` and by content negotiation on ``/v1/resources/{id}``."""

import json
import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.routers.test_search_publisher import CACAO_NAME, partner
from tests.services.test_citation_formats import bibtex_fields, ris_tags

__all__ = ["partner"]  # the fixture, used by name

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

MEDIA_TYPES = {
    "ris": "application/x-research-info-systems",
    "bibtex": "application/x-bibtex",
    "csl": "application/vnd.citationstyles.csl+json",
}


def metas(html: str) -> dict[str, list[str]]:
    """The ``<meta name=… content=…>`` of the page's head, by name."""
    head = html.split("</head>")[0]
    found: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)">', head):
        found.setdefault(name, []).append(unescape(content))
    return found


def days_read() -> set[str]:
    """Today as ISO 8601 (and tomorrow, for a test run across midnight)."""
    today = datetime.now(UTC).date()
    return {today.isoformat(), date.fromordinal(today.toordinal() + 1).isoformat()}


@pytest.mark.parametrize(
    ("path", "title", "author", "language"),
    [
        (
            "/fr/ressources/cote-d-ivoire",
            "Côte d’Ivoire\u00a0: travail des enfants dans le cacao",
            "Centre de ressources virtuel 8.7",
            "fr",
        ),
        ("/en/resources/cote-d-ivoire", "Côte d'Ivoire: child labour in cocoa", "Virtual resource centre 8.7", "en"),
    ],
)
def test_the_page_says_what_zotero_makes_a_web_page_of(
    client: TestClient, path: str, title: str, author: str, language: str
) -> None:
    found = metas(client.get(path).text)
    assert found["citation_title"] == [title]
    assert found["citation_author"] == [author]  # the centre in the page's language, not its slug
    assert found["citation_publication_date"] == ["2026/01/10"]  # this version's date, the citation's
    assert found["citation_language"] == [language]
    # with citation_title alone Zotero would file the page as a journal article
    assert found["z:itemType"] == ["webpage"]


@pytest.mark.usefixtures("partner")
def test_a_partner_s_page_credits_the_partner_as_author(client: TestClient) -> None:
    found = metas(client.get("/fr/ressources/passerelles").text)
    assert found["citation_author"] == [CACAO_NAME]


def test_how_to_cite_links_to_the_three_files(client: TestClient) -> None:
    html = client.get("/fr/ressources/cote-d-ivoire").text
    section = html.split('id="cite-title">')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)" type="([^"]+)" download>([^<]+)</a>', section)
    assert [(unescape(href), media, label) for href, media, label in links] == [
        (f"http://testserver/v1/resources/country-ci.fr/citation?format={fmt}", MEDIA_TYPES[fmt], label)
        for fmt, label in (("ris", "RIS"), ("bibtex", "BibTeX"), ("csl", "CSL-JSON"))
    ]


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_each_file_is_an_attachment_of_its_media_type(client: TestClient, fmt: str) -> None:
    response = client.get("/v1/resources/country-ci.fr/citation", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{MEDIA_TYPES[fmt]}; charset=utf-8"
    extension = {"ris": "ris", "bibtex": "bib", "csl": "json"}[fmt]
    assert response.headers["content-disposition"] == f'attachment; filename="cote-d-ivoire.{extension}"'
    assert response.headers["content-language"] == "fr"


def test_the_ris_file_says_what_the_page_s_citation_says(client: TestClient) -> None:
    tags = dict(ris_tags(client.get("/v1/resources/country-ci.fr/citation", params={"format": "ris"}).text))
    assert tags["TY"] == "ELEC" and tags["AU"] == "Centre de ressources virtuel 8.7"
    assert tags["TI"] == "Côte d’Ivoire\u00a0: travail des enfants dans le cacao"
    assert tags["DA"] == "2026/01/10" and tags["UR"] == "http://testserver/fr/ressources/cote-d-ivoire"
    assert tags["Y2"].replace("/", "-") in days_read()


@pytest.mark.usefixtures("partner")
def test_a_partner_s_reference_names_the_partner_and_the_centre_as_site(client: TestClient) -> None:
    entry = client.get("/v1/resources/passerelles.en/citation", params={"format": "bibtex"}).text
    kind, key, fields = bibtex_fields(entry)
    assert (kind, key) == ("online", "enfance-cacao-2026-passerelles-en")
    assert fields["author"] == "{Enfance \\& Cacao – Agir ensemble}"
    assert fields["titleaddon"] == "Virtual resource centre 8.7" and fields["langid"] == "english"
    (item,) = client.get("/v1/resources/passerelles.fr/citation", params={"format": "csl"}).json()
    assert item["author"] == [{"literal": CACAO_NAME}]
    assert item["container-title"] == "Centre de ressources virtuel 8.7"
    assert item["URL"] == "http://testserver/fr/ressources/passerelles"


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_the_resource_negotiates_its_reference(client: TestClient, fmt: str) -> None:
    """As DOI resolvers answer ``Accept: application/x-bibtex``: the same reference as the file."""
    negotiated = client.get("/v1/resources/country-ci.fr", headers={"Accept": MEDIA_TYPES[fmt]})
    assert negotiated.status_code == 200
    assert negotiated.headers["content-type"] == f"{MEDIA_TYPES[fmt]}; charset=utf-8"
    assert "Accept" in negotiated.headers["vary"]
    assert negotiated.text == client.get("/v1/resources/country-ci.fr/citation", params={"format": fmt}).text


def test_csl_json_parses_with_the_fields_citeproc_needs(client: TestClient) -> None:
    (item,) = json.loads(client.get("/v1/resources/method-risk-mapping.en/citation?format=csl").text)
    assert {"id", "type", "title", "author", "issued", "accessed", "URL"} <= item.keys()
    assert item["type"] == "webpage" and item["language"] == "en"


def test_an_unknown_format_is_a_422_and_an_unknown_resource_a_404(client: TestClient) -> None:
    refused = client.get("/v1/resources/country-ci.fr/citation", params={"format": "endnote"})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    missing = client.get("/v1/resources/nope.fr/citation", params={"format": "ris"})
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_the_406_names_the_reference_media_types_too(client: TestClient) -> None:
    refused = client.get("/v1/resources/country-ci.fr", headers={"Accept": "application/x-endnote-refer"})
    assert refused.status_code == 406
    assert all(media in refused.json()["detail"] for media in MEDIA_TYPES.values())
