"""Country index, sector and product index and the world map (findings from data/ilab-2022/)."""

import re
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app import templating
from app.i18n import collation_key, gettext
from app.models import Resource, ResourceStatus
from app.paths import resource_path
from app.services.site import findings
from app.services.site.browse import CountryRow
from app.services.site.findings import Finding
from app.services.site.world_map import build_map
from tests.helpers import add_content_sheet, resource_row

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


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
    assert re.search(rf'<a href="{resource_path(lang, "cote-d-ivoire")}">C[^<]+</a></th>', html)
    assert f'<span class="badge f-forced-child">{label}</span>' in html
    rows = re.findall(r"<tr data-region=[^>]*>\s*<th scope=\"row\">", html)
    assert len(rows) == len(findings.load())
    assert "hidden>" not in html.split("<tbody>")[-1]
    assert '<th scope="col" data-sort="name" data-direction="ascending" aria-sort="ascending">' in html
    # the map: a path per country, countries with a sheet are links, the legend has text, the table alternative
    assert html.count('<path class="m-') > 150
    assert f'<a href="{resource_path(lang, "pakistan")}" tabindex="-1"><path class="m-forced-child"' in html
    assert '<ul class="legend"' in html and "(25)" in html
    assert "map-table" not in html  # the full table below is the map's alternative


def shown_rows(html: str) -> list[tuple[str, str]]:
    """(name, finding) of the rows of the country table that are not hidden, in the page's order."""
    table = html.split(' id="country-table"')[1]
    rows = re.findall(r'<tr data-region="[^"]*" data-finding="([^"]*)" data-ranks="[^"]*"( hidden)?>\s*'
                      r'<th scope="row">(?:<a [^>]+>)?([^<]+)', table)  # fmt: skip
    return [(name, finding) for finding, hidden, name in rows if not hidden]


def test_country_index_filters_and_sorts_without_javascript(client: TestClient) -> None:
    html = client.get("/en/countries/", params={"region": "europe-eurasia", "finding": "child"}).text
    names = [name for name, _ in shown_rows(html)]
    assert names and "Ukraine" in names and "Pakistan" not in names
    assert f"<span>{len(names)} of {len(findings.load())} countries</span>" in html
    assert html.count("<tr data-region=") == len(findings.load())  # the others are there, hidden, for the script
    assert '<option value="europe-eurasia" selected>' in html
    assert 'name="robots" content="noindex"' in html
    # the column headers are links to the same filters in another order, the sorted one says so
    assert '<a href="/en/countries/?region=europe-eurasia&amp;finding=child&amp;sort=goods"' in html
    by_finding = client.get("/en/countries/", params={"sort": "finding"}).text
    order = [f.value for f in Finding]
    badges = [finding for _, finding in shown_rows(by_finding)]
    assert badges == sorted(badges, key=order.index) and len(badges) == len(findings.load())
    assert 'data-sort="finding" data-direction="descending" aria-sort="descending"' in by_finding
    assert "Sorted by: Most serious finding first" in by_finding
    by_region = client.get("/fr/pays/", params={"sort": "region"}).text
    assert "Trié par\u00a0: Région" in by_region
    regions = re.findall(
        r'<td class="num"[^>]*>\d+</td>\s*<td[^>]*>([^<]+)</td>', by_region.split('id="country-table"')[1]
    )
    assert regions == sorted(regions, key=collation_key) and len(set(regions)) > 3


def test_names_are_in_dictionary_order_accents_included(client: TestClient) -> None:
    # casefold alone put « Égypte », « Équateur », « Géorgie » and the « Îles » after every unaccented name
    names = [name for name, _ in shown_rows(client.get("/fr/pays/").text)]
    assert names == sorted(names, key=collation_key)
    assert names.index("Équateur") < names.index("Eswatini") < names.index("Éthiopie") < names.index("Fidji")
    assert names.index("Géorgie") < names.index("Ghana") and names.index("Îles Cook") < names.index("Inde")
    assert collation_key("Égypte") < collation_key("Érythrée") and collation_key("Djibouti") < collation_key("Égypte")


@pytest.fixture
def unassessed(loaded: None, session_factory: sessionmaker[Session]) -> None:
    """Resources about countries ILAB does not report on: France in both languages, Qatar in French only, a sheet
    of Germany's own, a draft about Norway (not public), and one more about Côte d'Ivoire (assessed: it keeps its
    finding)."""
    with session_factory() as session:
        session.add_all([
            Resource(**resource_row("law-fr", "fr", countries=["FR"])),
            Resource(**resource_row("law-fr", "en", countries=["FR"])),
            Resource(**resource_row("law-fr-2", "fr", countries=["FR", "CI"])),
            Resource(**resource_row("kafala", "fr", countries=["QA"])),
            Resource(**resource_row("country-de", "fr", slug="allemagne", type="risk_sheet", countries=["DE"])),
            Resource(**resource_row("draft-no", "fr", countries=["NO"], status=ResourceStatus.draft)),
        ])  # fmt: skip
        session.commit()


@pytest.mark.usefixtures("unassessed")
def test_countries_ilab_does_not_assess_lead_to_their_resources(client: TestClient) -> None:
    french = client.get("/fr/pays/").text
    others = french.split("<h2>Autres pays documentés</h2>")[1]
    listed = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">(\d+)', others)
    assert listed == [
        ("/fr/ressources/allemagne", "Allemagne", "1"),  # its own sheet
        ("/fr/recherche?country=FR", "France", "2"),  # else its resources
        ("/fr/recherche?country=QA", "Qatar", "1"),
    ]
    assert "ne couvre pas ces pays\u202f;" in others
    # the map links them to the same search, says how many, and stays "not assessed"
    assert re.search(r'<a href="/fr/recherche\?country=FR" tabindex="-1"><path class="m-unassessed" d="[^"]+">'
                     r"<title>France\u00a0: Non évalué · 2 ressources</title>", french)  # fmt: skip
    assert "<title>Norvège\u00a0: Non évalué</title>" in french  # a draft is not a resource yet
    assert re.search(r'<a href="[^"]+" tabindex="-1"><path class="m-forced-child" d="[^"]+"><title>Côte', french)
    # English: France only; the home's table alternative holds the same links as its map
    home = client.get("/en/").text
    table = home.split('<details class="map-table">')[1].split("</details>")[0]
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', table) == [("/en/search?country=FR", "France")]
    assert "<title>Qatar: Not assessed</title>" in home and "<title>France: Not assessed · 1 resource</title>" in home


def test_without_such_resources_no_other_countries_are_listed(client: TestClient) -> None:
    assert "Autres pays documentés" not in client.get("/fr/pays/").text
    assert 'href="/fr/recherche?country=' not in client.get("/fr/").text


def test_the_rows_carry_their_rank_in_every_sort(client: TestClient) -> None:
    # countries.js sorts by these ranks: the order it gives is the server's, whatever the language's collation
    html = client.get("/fr/pays/").text
    sorts = re.search(r'data-sorts="([^"]+)"', html)
    assert sorts and sorts.group(1) == "name region finding goods"
    ranks = re.findall(r'data-ranks="([^"]+)"', html)
    for column in range(4):
        positions = sorted(int(rank.split()[column]) for rank in ranks)
        assert positions == list(range(len(ranks)))
    for sort, column in (("finding", 2), ("goods", 3)):
        ordered = re.findall(r'data-ranks="([^"]+)"', client.get("/fr/pays/", params={"sort": sort}).text)
        assert [int(rank.split()[column]) for rank in ordered] == list(range(len(ordered)))


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/fr/pays/", ["Région\u00a0: valeur inconnue «\u00a0africa\u00a0», ignorée.",
                       "Constat\u00a0: valeur inconnue «\u00a0x\u00a0», ignorée.",
                       "Trier par\u00a0: valeur inconnue «\u00a0y\u00a0», ignorée."]),
        ("/en/countries/", ["Region: unknown value “africa”, ignored.", "Finding: unknown value “x”, ignored.",
                            "Sort by: unknown value “y”, ignored."]),
    ],
)  # fmt: skip
def test_unknown_filter_values_are_shown_not_dropped_in_silence(client: TestClient, path: str, said: list[str]) -> None:
    """A shared link keeps working (every country, 200), and the page says which values it could not use."""
    response = client.get(path, params={"region": "africa", "finding": "x", "sort": "y"})
    assert response.status_code == 200
    html = response.text
    assert re.findall(r"<p>([^<]*)</p>", html.split('id="query-notice"')[1].split("</div>")[0]) == said
    assert " hidden>" not in html  # every country is shown
    assert "query-notice" not in client.get(path, params={"region": "sub-saharan-africa"}).text


@pytest.mark.parametrize(("path", "lang"), [("/fr/secteurs/", "fr"), ("/en/sectors/", "en")])
def test_sector_index(client: TestClient, path: str, lang: str) -> None:
    html = client.get(path).text
    cocoa = "Cacao" if lang == "fr" else "Cocoa"
    assert re.search(rf"<li>(<a [^>]+>)?{cocoa}[ <]", html)
    search = "/fr/recherche" if lang == "fr" else "/en/search"
    assert f'href="{search}?sector=cocoa"' in html
    assert re.search(r'<h2 id="sector-agriculture">Agriculture</h2>', html)
    # a screen reader's list of links tells the « N resources » and « Sector risk sheet » links apart
    names = [re.sub(r"<[^>]+>", "", name) for name in re.findall(r'<a [^>]*href="[^"]+">(.*?)</a>', html)]
    repeated = [name for name in names if names.count(name) > 1 and re.search(r"\d|risk sheet|Fiche", name)]
    assert not repeated, repeated


def test_home_weighs_less_than_250_kb_with_its_map(client: TestClient) -> None:
    response = client.get("/fr/")
    assert len(response.content) <= 250_000
    assert "<svg viewBox=" in response.text and '<details class="map-table">' in response.text


def test_a_country_without_a_listed_good_is_not_shown_as_cleared(client: TestClient) -> None:
    """ILAB reports on 65 countries without listing any of their goods: « sans constat » in green read as
    « no risk » to a buyer. The legend says what it is, in the map's neutral blue."""
    french, english = client.get("/fr/").text, client.get("/en/").text
    assert "Évalué, aucun bien listé" in french and "sans constat" not in french
    assert "Assessed, no good listed" in english and "no finding" not in english
    css = client.get("/static/site/site.css").text
    assert "--nogood: #dbe6f0" in css and "#9fd3ad" not in css and "#cdebd5" not in css


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


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_leads_front_line_staff_to_whom_to_call_once_the_guide_is_published(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    """Labour inspectors and social workers had no way in of their own: the buyers', publishers' and sites' only.
    The help box under the search leads them, as anyone who suspects a person is exploited, to the guide once it is
    published in the page's language (it had a card too, a second link to the same guide on the same page)."""
    said = {"fr": "Que faire, qui contacter, comment signaler", "en": "What to do, whom to contact, how to report it"}
    assert said[lang] not in client.get(f"/{lang}/").text
    slugs = add_content_sheet(session_factory, "resources/methodologies/method-suspected-trafficking-france", [lang])
    home = client.get(f"/{lang}/").text
    assert home.count(f'<a href="{resource_path(lang, slugs[lang])}">') == 1
    assert f'<a href="{resource_path(lang, slugs[lang])}">{said[lang]}</a>' in home
    assert (
        gettext(
            lang,
            "(also for front-line staff: labour inspectors, social workers, associations, health and education staff)",
        )
        in home
    )
    assert client.get(resource_path(lang, slugs[lang])).status_code == 200


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_leads_public_buyers_to_a_contracts_path_under_the_screening(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    """The procurement pieces had no path through them: the screening's card leads public buyers to one, stage by
    stage, once it is published in the page's language."""
    words = {
        "fr": "Acheteurs publics\u00a0: le parcours d’un marché, étape par étape",
        "en": "Public buyers: a contract’s path, stage by stage",
    }
    assert words[lang] not in client.get(f"/{lang}/").text
    slugs = add_content_sheet(session_factory, "resources/methodologies/method-public-buyer-path", [lang])
    card = client.get(f"/{lang}/").text.split('<section class="tasks"')[1].split("</li>")[0]
    assert f'<a href="{resource_path(lang, slugs[lang])}">{words[lang]}</a>' in card
