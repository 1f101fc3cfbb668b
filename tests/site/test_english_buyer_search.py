"""What an English-speaking buyer met around the search: a page past the last one answered « Nothing matches », a
result's places listed by ISO code and cut without a word, the browser's search added in French, the 404's language
switch saying the page existed in English only, and a page's French address under /en/ a 404."""

import re
from dataclasses import replace
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.main import create_app
from app.search.base import FilterField, SearchDocument
from app.services.site import search_hits, search_page
from app.taxonomy import Taxonomies
from tests.routers.test_pages import add_resource

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]
OPENSEARCH = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
DESCRIPTION = "Virtual resource centre 8.7: child labour, forced labour, human trafficking"


# -- a page past the last one ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("page", "total_pages", "expected"),
    [
        (100, 47, "/en/search?q=cotton&country=TM&page=47"),
        (48, 47, "/en/search?q=cotton&country=TM&page=47"),
        (2, 0, "/en/search?q=cotton&country=TM"),  # nothing matches: the first page says so
        (47, 47, None),
        (1, 0, None),
    ],
)
def test_a_page_past_the_last_leads_to_the_last(page: int, total_pages: int, expected: str | None) -> None:
    state = search_page.SearchState(q="cotton", filters={FilterField.country: ("TM",)}, page=page)
    view = replace(search_page.empty_view(state, "en"), total=total_pages * 10, total_pages=total_pages)
    assert search_page.past_the_end(state, view, "en") == expected


def test_the_search_page_past_its_end_redirects_to_its_last_page(client: TestClient) -> None:
    """/en/search?page=999 said « 468 results (page 100 of 47) », then « Nothing matches… use fewer words »."""
    response = client.get("/en/search", params={"page": "999"}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/en/search"  # the fixture's 3 English resources: one page
    response = client.get("/en/search", params={"q": "cocoa", "page": "3"})
    assert response.url.path == "/en/search" and response.url.query == b"q=cocoa"
    assert "Nothing matches" not in response.text and "cocoa" in response.text


def test_the_essentials_stay_on_a_search_s_first_page(
    client: TestClient, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page two that exists (a result a page) lists no « where to start »: it was checked on a page two of a
    one-page search, which now leads to its first."""
    add_resource(session_factory, translation_key="law-ilo-c029", slug="c29", title="Convention n° 29")
    monkeypatch.setattr(search_page, "PER_PAGE", 1)
    first = client.get("/fr/recherche", params={"risk": "forced-labour"})
    second = client.get("/fr/recherche", params={"risk": "forced-labour", "page": "2"}, follow_redirects=False)
    assert second.status_code == 200 and "page 2" in second.text
    assert 'class="essentials"' in first.text and 'class="essentials"' not in second.text


# -- a result's places -----------------------------------------------------------------------------------------
def document(
    countries: tuple[str, ...], regions: tuple[str, ...] = (), sectors: tuple[str, ...] = ()
) -> SearchDocument:
    return SearchDocument(
        id="commodity-cotton.en", translation_key="commodity-cotton", slug="cotton", type="risk_sheet", language="en",
        title="Cotton", summary="", body="", countries=countries, regions=regions, sectors=sectors, risks=(),
        audiences=(), publisher="crv", published_at=date(2026, 1, 1), updated_at=date(2026, 1, 1),
    )  # fmt: skip


COTTON = document(("AR", "AZ", "BF", "BJ", "TM", "UZ"), ("indo-pacific",), ("cotton", "agriculture"))


def test_places_are_listed_by_name_and_say_how_many_more(taxonomies: Taxonomies) -> None:
    """« Argentina, Azerbaijan, Burkina Faso, Benin »: ISO code order, Turkmenistan and Uzbekistan not mentioned."""
    places = search_hits.places(COTTON, taxonomies, "en", {})
    assert places == "Argentina, Azerbaijan, Benin, Burkina Faso and 2 more · Agriculture, Cotton"
    assert search_hits.places(COTTON, taxonomies, "fr", {}).startswith("Argentine, Azerbaïdjan, Bénin, Burkina Faso ")
    five = document(("AR", "AZ", "BF", "BJ", "TM"))  # one more is named, not counted
    assert search_hits.places(five, taxonomies, "en", {}) == "Argentina, Azerbaijan, Benin, Burkina Faso, Turkmenistan"


def test_the_places_a_search_is_about_come_first(taxonomies: Taxonomies) -> None:
    state = search_page.SearchState(q="Turkmen cotton", filters={FilterField.country: ("UZ",)})
    named = search_page.named_codes(state, taxonomies)
    assert named == {"countries": {"TM", "UZ"}, "sectors": {"cotton"}}
    places = search_hits.places(COTTON, taxonomies, "en", named)
    assert places == "Turkmenistan, Uzbekistan, Argentina, Azerbaijan and 2 more · Cotton, Agriculture"


def test_a_resource_tagged_with_a_region_alone_shows_it(taxonomies: Taxonomies) -> None:
    eu_text = document((), ("european-union",), ("manufacturing",))
    assert search_hits.places(eu_text, taxonomies, "en", {}) == "European Union · Manufacturing"
    assert search_hits.places(document(("CI",), ("sub-saharan-africa",)), taxonomies, "en", {}) == "Côte d'Ivoire"


# -- the browser's search, in the page's language --------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "language", "page"),
    [("/en/opensearch.xml", "en", "/en/search"), ("/fr/opensearch.xml", "fr", "/fr/recherche")],
)
def test_each_language_has_its_opensearch_description(client: TestClient, path: str, language: str, page: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/opensearchdescription+xml"
    root = ET.fromstring(response.content)
    templates = {url.attrib["type"]: url.attrib["template"] for url in root.findall("os:Url", OPENSEARCH)}
    assert templates["text/html"] == f"http://testserver{page}?q={{searchTerms}}"
    assert templates["application/opensearchdescription+xml"] == f"http://testserver{path}"
    assert [element.text for element in root.findall("os:Language", OPENSEARCH)] == [language]
    short_name = root.findtext("os:ShortName", namespaces=OPENSEARCH)
    assert short_name and len(short_name) <= 16
    description = root.findtext("os:Description", namespaces=OPENSEARCH)
    assert description == gettext(language, DESCRIPTION) and (language == "fr" or "child labour" in description)
    assert templates["application/atom+xml"] == f"http://testserver/v1/feed.atom?q={{searchTerms}}&lang={language}"
    assert client.get(templates["application/atom+xml"].replace("{searchTerms}", "cocoa")).status_code == 200


def test_each_page_links_its_own_language_s_description(client: TestClient) -> None:
    """Every English page linked /opensearch.xml, French, whose search was /fr/recherche."""
    for path, language in (("/en/", "en"), ("/fr/", "fr"), ("/en/search?q=cocoa", "en"), ("/en/no-such-page", "en")):
        html = client.get(path).text
        links = re.findall(r'<link rel="search" type="application/opensearchdescription\+xml"[^>]*href="([^"]+)"', html)
        assert links == [f"/{language}/opensearch.xml"], path


def test_the_former_address_still_describes_the_french_search(client: TestClient) -> None:
    assert client.get("/opensearch.xml").content == client.get("/fr/opensearch.xml").content


# -- the error pages' language switch ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "language"),
    [("/en/no-such-page", "en"), ("/fr/pas-de-page", "fr")],
)
def test_a_404_s_language_switch_says_only_where_it_leads(client: TestClient, path: str, language: str) -> None:
    """It said « French home page: this page exists in English only » of a page that exists in no language."""
    response = client.get(path)
    assert response.status_code == 404
    switch = re.search(r'<a class="lang-switch"[^>]*>.*?</a>', response.text, re.S)
    note = gettext(language, "English home page" if language == "fr" else "French home page")
    assert switch and f"({escape(note)})</span>" in switch.group(), switch


def test_a_500_s_language_switch_says_only_where_it_leads(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/en/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/en/boom")
    assert page.status_code == 500
    assert '<span class="visually-hidden"> (French home page)</span></a>' in page.text


# -- a page's address in the other language's words ------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/en/outils/criblage", "/en/tools/screening"),
        ("/en/outils/criblage?lang=en", "/en/tools/screening?lang=en"),
        ("/fr/tools/screening", "/fr/outils/criblage"),
        ("/en/outils", "/en/tools/"),
        ("/en/recherche?q=coton", "/en/search?q=coton"),
        ("/en/ressources/pakistan", "/en/resources/pakistan"),
    ],
)
def test_a_page_s_other_language_address_leads_to_this_language_s(client: TestClient, path: str, location: str) -> None:
    """/en/outils/criblage was a 404 that suggested an unrelated resource, where /en/resources/coton redirected."""
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == location
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/en/outils/nothing", "/en/ressources/", "/en/ressources/a/b", "/de/outils/criblage"])
def test_other_unknown_addresses_are_still_a_404(client: TestClient, path: str) -> None:
    assert client.get(path, headers={"Accept": "text/html"}, follow_redirects=False).status_code == 404
