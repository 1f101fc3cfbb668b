"""What users met on the public site: a map legend that counted a country only under its most serious finding
without saying so, resource breadcrumbs that led to « Fiche risque » instead of the list the page belongs to, a
French « API » link to the English Swagger UI, and a 404 whose suggestions offered no way to the search."""

import csv
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceType
from app.services.site import findings, not_found, sheets
from app.services.site.browse import CountryRow
from app.services.site.findings import Finding
from app.services.site.world_map import build_map
from tests.helpers import add_content_sheet
from tests.routers.test_pages import add_resource

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

ROOT = Path(__file__).resolve().parents[2]
COCOA = ROOT / "content" / "resources" / "risk-sheets" / "commodities"
COCOA_SHEET = "resources/risk-sheets/commodities/commodity-cocoa"  # Côte d'Ivoire and Nigeria: every finding


def legend(html: str) -> list[tuple[str, str]]:
    """(finding, text) of each legend entry of the page's map."""
    found = re.search(r'<ul class="legend"[^>]*>(.*?)</ul>', html, re.S)
    assert found, "the page has no map legend"
    return re.findall(r'class="m-([a-z-]+)"/></svg>\s*([^<]+?)\s*</li>', found.group(1))


def drawn(html: str) -> dict[str, int]:
    """How many countries the map draws with each finding's pattern."""
    svg = html.split('<figure class="map"')[1].split("</svg>")[0]
    counts: dict[str, int] = {}
    for finding in re.findall(r'<path class="m-([a-z-]+)"', svg):
        counts[finding] = counts.get(finding, 0) + 1
    return counts


# 1. The map's legend


def test_the_cocoa_legend_says_its_categories_exclude_each_other_and_counts_every_finding_beside(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """ILAB lists cocoa for forced labour in Côte d'Ivoire and Nigeria, both drawn as forced child labour: the
    legend read « Forced labour (0) ». Its entries now say that each country is under its most serious finding
    only, and a line gives the counts of every finding."""
    add_content_sheet(session_factory, COCOA_SHEET, ["en"])
    html = client.get("/en/resources/cocoa").text
    assert "Each country is drawn and counted once, under its most serious finding:" in html
    assert legend(html) == [
        ("forced-child", "Forced child labour (2)"),
        ("forced", "Forced labour, without forced child labour (0)"),
        ("child", "Child labour only (5)"),
        ("none", "Assessed, no good listed (0)"),
        ("unlisted", "Not listed for this product"),  # reported on by ILAB, not for cocoa (test_product_maps)
        ("unassessed", "Not assessed"),
    ]
    assert (
        '<p class="legend-totals">Counting every finding, not only the most serious, ILAB lists forced labour in 2 '
        "of these countries and child labour in 7.</p>"
    ) in html
    # the counts are those of the patterns drawn: 2 countries cross-hatched, 5 dotted, none striped
    shapes = drawn(html)
    assert (shapes.get("forced-child"), shapes.get("forced"), shapes.get("child")) == (2, None, 5)
    assert "<title>Brazil: Child labour only</title>" in html  # a shape's tooltip names its legend entry


def test_the_french_cocoa_legend_has_the_same_counts(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_content_sheet(session_factory, COCOA_SHEET, ["fr"])
    html = client.get("/fr/ressources/cacao").text
    counts = [re.sub(r"^.*\((\d+)\)$", r"\1", text) for _, text in legend(html)[:4]]
    assert counts == ["2", "0", "5", "0"]
    assert "Travail forcé des enfants (2)" in html  # an entry whose words were already those of the catalog
    assert '<p class="legend-title">' in html and '<p class="legend-totals">' in html


def test_the_world_map_counts_each_country_once_and_every_finding_from_ilab_s_table(client: TestClient) -> None:
    """Home and country index draw the same map: its legend adds up to the countries ILAB reports on, and its
    totals line is what ILAB's country × good table says, counted here from the CSV itself."""
    with (findings.DATA_DIR / "country_goods.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    forced = {row["iso2"] for row in rows if row["forced_labor"] == "true"}
    child = {row["iso2"] for row in rows if row["child_labor"] == "true"}
    for path in ("/en/", "/en/countries/"):
        html = client.get(path).text
        entries = legend(html)
        counted = sum(int(text.rsplit("(", 1)[1].rstrip(")")) for _, text in entries[:4])
        assert counted == len(findings.load()), path  # every assessed country once
        assert (
            f"ILAB lists forced labour in {len(forced)} of these countries and child labour in {len(child)}." in html
        ), path
        shapes = drawn(html)
        for finding, text in entries[:3]:
            assert text.endswith(f"({shapes[finding]})"), (path, finding)


def test_a_map_whose_countries_have_one_finding_each_needs_no_totals_line() -> None:
    rows = [
        CountryRow("BR", "Brazil", "r", "R", Finding.child, "", 1, "", None, frozenset({Finding.child})),
        CountryRow("UA", "Ukraine", "r", "R", Finding.forced, "", 1, "", None, frozenset({Finding.forced})),
    ]
    assert build_map(rows, str, "en", only={"BR", "UA"}).totals == ""
    both = [*rows[:1], CountryRow("CN", "China", "r", "R", Finding.forced, "", 2, "", None,
                                  frozenset({Finding.forced, Finding.child}))]  # fmt: skip
    assert "forced labour in 1 of these countries and child labour in 2" in build_map(both, str, "en").totals
    # a row without its findings counts those its most serious one implies (forced child labour: all three)
    implied = [CountryRow("PK", "Pakistan", "r", "R", Finding.forced_child, "", 1, "", None)]
    assert "forced labour in 1 of these countries and child labour in 1" in build_map(implied, str, "en").totals


def test_every_finding_of_a_sheet_row_is_read_not_only_the_worst() -> None:
    assert sheets.findings_in("child labour; forced labour; forced child labour") == {
        Finding.child, Finding.forced, Finding.forced_child
    }  # fmt: skip
    assert sheets.findings_in("forced child labour") == {Finding.forced_child}  # holds "child labour", not it
    assert sheets.findings_in("travail des enfants ; travail forcé") == {Finding.child, Finding.forced}
    assert sheets.findings_in("4,6 %") == frozenset()
    listed = sheets.sheet_listings((COCOA / "commodity-cocoa.en.md").read_text(encoding="utf-8"))
    assert listed["CI"] == {Finding.child, Finding.forced, Finding.forced_child}
    assert listed["GH"] == {Finding.child}


def test_the_assessed_countries_findings_list_every_finding() -> None:
    table = findings.load()
    assert table["CI"].listed == {Finding.forced_child, Finding.forced, Finding.child}
    assert all(entry.finding in entry.listed for entry in table.values() if entry.finding != Finding.none)
    assert all(not entry.listed for entry in table.values() if entry.finding == Finding.none)


# 2. Breadcrumbs


def crumbs(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="wrap breadcrumb"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the page has no breadcrumb"
    return re.findall(r'<a (?:aria-current="page" )?href="([^"]+)">([^<]+)</a>', nav.group(1))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/resources/pakistan", [("/en/", "Home"), ("/en/countries/", "Countries"),
                                    ("/en/resources/pakistan", "Pakistan")]),
        ("/fr/ressources/cote-d-ivoire", [("/fr/", "Accueil"), ("/fr/pays/", "Pays"),
                                          ("/fr/ressources/cote-d-ivoire", "Côte d’Ivoire")]),
    ],
)  # fmt: skip
def test_a_country_sheet_s_breadcrumb_leads_to_the_country_index(
    client: TestClient, path: str, expected: list[tuple[str, str]]
) -> None:
    assert crumbs(client.get(path).text) == expected


def test_each_kind_of_resource_leads_back_to_its_list(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_content_sheet(session_factory, COCOA_SHEET)
    sheets_ = {
        "region-europe-eurasia": "Title of the Europe sheet",
        "sector-agriculture": "Title of the agriculture sheet",
        "brief-cocoa": "Sector brief: cocoa",
    }
    for key, title in sheets_.items():
        add_resource(session_factory, translation_key=key, language="en", type="risk_sheet", title=title)
    add_resource(session_factory, translation_key="tool-grid", language="en", type=ResourceType.tool, title="A grid")
    assert crumbs(client.get("/en/resources/cocoa").text)[1:] == [
        ("/en/sectors/", "Sectors and products"), ("/en/resources/cocoa", "Cocoa")
    ]  # fmt: skip
    assert crumbs(client.get("/fr/ressources/cacao").text)[1:] == [
        ("/fr/secteurs/", "Secteurs et produits"), ("/fr/ressources/cacao", "Cacao")
    ]  # fmt: skip
    assert crumbs(client.get("/en/resources/region-europe-eurasia").text)[1:] == [
        ("/en/countries/", "Countries"), ("/en/resources/region-europe-eurasia", "Europe and Eurasia")
    ]  # fmt: skip
    assert crumbs(client.get("/en/resources/sector-agriculture").text)[2][1] == "Agriculture"
    assert crumbs(client.get("/en/resources/brief-cocoa").text)[1:] == [
        ("/en/sectors/", "Sectors and products"),
        ("/en/resources/brief-cocoa", "Sector brief: cocoa"),
    ]  # fmt: skip  (a brief is about a sector, and named by its title)
    assert crumbs(client.get("/en/resources/tool-grid").text)[1:] == [
        ("/en/tools/", "Tools"), ("/en/resources/tool-grid", "A grid")
    ]  # fmt: skip
    # any other resource: its type, leading to the search for that type
    assert crumbs(client.get("/en/resources/risk-mapping").text)[1][0] == "/en/search?type=methodology"


# 3. The API's page


@pytest.mark.parametrize(("lang", "path", "switch"), [("fr", "/fr/api", "/en/api"), ("en", "/en/api", "/fr/api")])
def test_the_menu_s_api_link_leads_to_a_page_in_the_site_s_language(
    client: TestClient, lang: str, path: str, switch: str
) -> None:
    home = client.get(f"/{lang}/").text
    assert f'<li><a href="{path}">API</a></li>' in home and '<li><a href="/docs">API</a></li>' not in home
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-language"] == lang
    html = response.text
    assert f'<html lang="{lang}">' in html and f'class="lang-switch" href="{switch}"' in html
    assert f'<a href="{path}" aria-current="page">API</a>' in html  # the menu says where we are
    # the reference is linked, said to be in English
    for reference in ("/docs", "/redoc", "/openapi.json"):
        assert f'<a href="{reference}" hreflang="en">' in html
    # what it offers, each with an example that works
    for route in ("/v1/search", "/v1/resources/", "/v1/findings", "/v1/screenings?lang=", "/v1/export",
                  "/v1/feed.atom", "/oai?verb=Identify", "/catalog.ttl", "/catalog.jsonld"):  # fmt: skip
        assert route in html, route
    for example in re.findall(r'<a href="(/(?:v1|oai|catalog)[^"]*)"><code>', html):
        assert client.get(example.replace("&amp;", "&")).status_code == 200, example
    assert f'href="{"/fr/outils/criblage" if lang == "fr" else "/en/tools/screening"}"' in html  # without code


def test_the_api_page_says_how_to_get_a_key(client: TestClient) -> None:
    html = client.get("/en/api").text
    assert "each address may send 60 requests a minute" in html  # the setting's value (CRV_ANONYMOUS_…)
    assert "crv_pk_" in html and "crv_sk_" in html and "Authorization" in html
    assert '<a href="mailto:crv@localhost?subject=API%20key">crv@localhost</a>' in html
    assert '<a href="/en/publish/account-request">Ask for a partner account</a>' in html


def test_the_site_s_other_api_links_lead_to_the_page_too(client: TestClient) -> None:
    for path, api in (("/fr/outils/", "/fr/api"), ("/en/tools/", "/en/api"), ("/fr/a-propos", "/fr/api")):
        html = client.get(path).text.split("<footer")[0].split("</header>")[1]
        assert f'href="{api}"' in html and 'href="/docs"' not in html, path
    footer = client.get("/fr/").text.split("<footer")[1]
    assert 'href="/fr/api"' in footer and 'href="/redoc"' in footer
    assert "<loc>http://testserver/fr/api</loc>" in client.get("/sitemap.xml").text


# 4. The 404


def test_a_missing_resource_s_404_offers_its_words_results_and_the_search_holding_them(client: TestClient) -> None:
    response = client.get("/en/resources/pakistan-bricks-debt", headers={"Accept": "text/html"})
    assert response.status_code == 404
    html = response.text
    guesses = re.search(r'<ul class="links guesses">(.*?)</ul>', html, re.S)
    assert guesses and 'href="/en/resources/pakistan"' in guesses.group(1)
    more = re.search(r'<p class="guesses-more"><a href="([^"]+)">([^<]+)</a></p>', html)
    assert more and more.group(1) == "/en/search?q=pakistan+bricks+debt"
    assert more.group(2) in (
        "“pakistan bricks debt” in the search, with its filters",  # every result is above
        *(f"All {n} results for “pakistan bricks debt”" for n in range(6, 100)),
    )
    assert '<a href="/en/">The home page</a>' in html and '<a href="/en/search">The search page</a>' in html


def test_the_404_says_how_many_results_the_words_have_when_it_shows_some(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(not_found, "GUESSES", 1)
    html = client.get("/fr/ressources/travail-enfants", headers={"Accept": "text/html"}).text
    assert len(re.findall(r"<li><a href=\"/fr/ressources/", html)) == 1
    more = re.search(r'<p class="guesses-more"><a href="/fr/recherche\?q=travail\+enfants">([^<]+)</a>', html)
    assert more and re.search(r"\b[2-9]\b|\b\d\d+\b", more.group(1))  # « Les N résultats pour … », N > 1


def test_the_404_s_words_are_text_not_markup(client: TestClient) -> None:
    html = client.get('/en/resources/pakistan-"><b>bold', headers={"Accept": "text/html"}).text
    assert "<b>bold" not in html


def test_other_404s_keep_the_ways_on_without_a_guess(client: TestClient) -> None:
    html = client.get("/en/resources/zzqx-vvkw", headers={"Accept": "text/html"}).text
    assert "guesses" not in html  # nothing found: no empty list, no link to an empty search
    for link in ('<a href="/en/">The home page</a>', '<a href="/en/search">The search page</a>', 'href="/en/api"'):
        assert link in html


def test_a_slug_of_the_other_language_sends_to_this_language_s_version(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(session_factory, translation_key="twin", language="fr", slug="jumeau", title="Le jumeau")
    add_resource(session_factory, translation_key="twin", language="en", slug="twin", title="The twin")
    moved = client.get("/en/resources/jumeau", follow_redirects=False)
    assert moved.status_code == 302 and moved.headers["location"] == "/en/resources/twin"


def test_a_resource_only_in_the_other_language_is_offered_by_the_404(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(
        session_factory, translation_key="solo", language="fr", slug="pratique-solo", title="Une pratique d'achat"
    )
    response = client.get("/en/resources/pratique-solo", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert (
        "This address leads to a resource published in French only: "
        '<a href="/fr/ressources/pratique-solo" hreflang="fr" lang="fr">Une pratique d’achat</a>'
    ) in response.text
    assert "guesses" not in response.text  # the French words of its address would guess noise
