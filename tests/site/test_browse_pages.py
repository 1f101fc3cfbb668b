"""Country index, sector and product index and the world map (findings from data/ilab-2022/)."""

import re
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from app import templating
from app.services.site import findings
from app.services.site.browse import CountryRow
from app.services.site.findings import Finding
from app.services.site.world_map import build_map

pytestmark = pytest.mark.usefixtures("loaded")


def test_findings_follow_the_ilab_data() -> None:
    table = findings.load()
    assert table["CI"].finding == Finding.forced_child  # cocoa and coffee: forced child labour
    assert table["CI"].goods == ("Cocoa", "Coffee")
    assert table["PK"].finding == Finding.forced_child  # bricks
    assert findings.finding_of("FR") == Finding.unassessed
    assert {entry.finding for entry in table.values()} == {
        Finding.forced_child, Finding.forced, Finding.child, Finding.none
    }  # fmt: skip


@pytest.mark.parametrize(("path", "lang"), [("/fr/pays/", "fr"), ("/en/countries/", "en")])
def test_country_index_lists_every_country_with_badges(client: TestClient, path: str, lang: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    label = "Travail forcé des enfants" if lang == "fr" else "Forced child labour"
    # the fixture corpus has the Côte d'Ivoire and Pakistan sheets: their rows link to them
    assert re.search(rf'<a href="/{lang}/resources/cote-d-ivoire">C[^<]+</a></th>', html)
    assert f'<span class="badge f-forced-child">{label}</span>' in html
    rows = re.findall(r"<tr>\s*<th scope=\"row\">", html)
    assert len(rows) == len(findings.load())
    # the map: a path per country, countries with a sheet are links, the legend has text, the table alternative
    assert html.count('<path class="m-') > 150
    assert f'<a href="/{lang}/resources/pakistan" tabindex="-1"><path class="m-forced-child"' in html
    assert '<ul class="legend"' in html and "(25)" in html
    assert "map-table" not in html  # the full table below is the map's alternative


def test_country_index_filters_and_sorts_without_javascript(client: TestClient) -> None:
    html = client.get("/en/countries/", params={"region": "europe-eurasia", "finding": "child"}).text
    table = html.split('<table class="data">\n  <caption class="visually-hidden">Countries')[1]
    names = re.findall(r'<th scope="row">(?:<a [^>]+>)?([^<]+)', table)
    assert names and "Ukraine" in names and "Pakistan" not in names
    assert '<option value="europe-eurasia" selected>' in html
    assert 'name="robots" content="noindex"' in html
    by_finding = client.get("/en/countries/", params={"sort": "finding"}).text
    badges = re.findall(r'<td><span class="badge f-([a-z-]+)">', by_finding.split("All countries</h2>")[1])
    order = [f.value for f in Finding]
    assert badges == sorted(badges, key=order.index)


def test_bad_filters_are_ignored(client: TestClient) -> None:
    assert client.get("/fr/pays/", params={"region": "mars", "finding": "x", "sort": "y"}).status_code == 200


@pytest.mark.parametrize(("path", "lang"), [("/fr/secteurs/", "fr"), ("/en/sectors/", "en")])
def test_sector_index(client: TestClient, path: str, lang: str) -> None:
    html = client.get(path).text
    cocoa = "Cacao" if lang == "fr" else "Cocoa"
    assert re.search(rf"<li>(<a [^>]+>)?{cocoa}[ <]", html)
    search = "/fr/recherche" if lang == "fr" else "/en/search"
    assert f'href="{search}?sector=cocoa"' in html
    assert re.search(r'<h2 id="sector-agriculture">Agriculture</h2>', html)


def test_home_weighs_less_than_250_kb_with_its_map(client: TestClient) -> None:
    response = client.get("/fr/")
    assert len(response.content) <= 250_000
    assert "<svg viewBox=" in response.text and '<details class="map-table">' in response.text


def test_a_rendered_map_is_kept_per_language_and_content(client: TestClient) -> None:
    # map_html keeps a rendered map keyed by the map itself: the other language or other links never leak in
    french = client.get("/fr/pays/").text
    english = client.get("/en/countries/").text
    assert "<title>Pakistan\u00a0: Travail forcé des enfants</title>" in french
    assert "<title>Pakistan: Forced child labour</title>" in english
    assert client.get("/fr/pays/").text == french
    row = CountryRow("PK", "Pakistan", "r", "R", Finding.forced_child, "", 1, "", "/en/resources/pakistan")
    page = templating.environment().from_string("{{ map_html(m) }}")
    linked = page.render(m=build_map([row], str, "en"))
    assert 'href="/en/resources/pakistan"' in linked
    assert page.render(m=build_map([row], str, "en")) == linked
    assert 'href="/en/resources/pakistan"' not in page.render(m=build_map([replace(row, url=None)], str, "en"))
    assert "Travail forcé des enfants" in page.render(m=build_map([row], str, "fr"))
