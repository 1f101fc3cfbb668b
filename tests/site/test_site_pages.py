"""The public site over HTTP: entry redirect, home, search page (no JavaScript needed), static pages, human 404."""

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext, negotiate_language
from app.models import Resource, ResourceStatus
from app.paths import resource_path
from app.search.base import SearchEngine
from app.services import keys
from app.services.pages import cite
from app.services.site import search_hits, search_page, tools
from app.services.site.published import PublishedIndex
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.routers.test_pages import add_resource

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, "/fr/"), ("en-GB,en;q=0.9", "/en/"), ("de-DE, en;q=0.5", "/en/"), ("es", "/fr/"), ("fr;q=0.1, en", "/en/")],
)
def test_root_redirects_by_accept_language(client: TestClient, header: str | None, expected: str) -> None:
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == expected
    assert "Accept-Language" in response.headers["vary"]


def test_negotiation_honours_quality() -> None:
    assert negotiate_language("en;q=0.4, fr;q=0.8") == "fr"
    assert negotiate_language("en;q=0") == "fr"
    assert negotiate_language("garbage;q=x, en") == "en"


@pytest.mark.parametrize(("path", "lang", "other"), [("/fr/", "fr", "/en/"), ("/en/", "en", "/fr/")])
def test_home_has_layout_search_browse_latest(client: TestClient, path: str, lang: str, other: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{lang}">' in html
    assert response.headers["content-language"] == lang
    assert f'class="name" href="{path}"' in html  # the centre's name links home
    assert f'class="lang-switch" href="{other}"' in html
    search = "/fr/recherche" if lang == "fr" else "/en/search"
    assert f'action="{search}"' in html
    for label in (("Pays", "Secteurs et produits", "Outils", "Publier", "API") if lang == "fr" else
                  ("Countries", "Sectors and products", "Tools", "Publish", "API")):  # fmt: skip
        assert f">{label}</a>" in html
    assert "/static/site/site.css?v=" in html
    about = ("/fr/a-propos", "À propos du centre") if lang == "fr" else ("/en/about", "About the centre")
    assert f'<a href="{about[0]}">{about[1]}</a>' in html  # who runs it, from every page's footer
    assert '<link rel="canonical" href="http://testserver' + path + '">' in html
    assert 'hreflang="en"' in html and 'hreflang="fr"' in html
    assert 'property="og:title"' in html
    # browse entries with counts link to filtered searches; the latest resources link to their pages
    assert re.search(rf'href="{search}\?type=risk_sheet">[^<]+</a> <span class="count">\d', html)
    assert f'href="{resource_path(lang, "")}' in html
    assert "cdn" not in html.lower() and "https://fonts" not in html
    # each kind of user's way in, before the map: screening, publishing, reusing
    tasks = html.split('id="tasks-title"')[1].split("</section>")[0]
    api = f"/{lang}/api"  # reusing: feeds, exports, DCAT-AP, OAI-PMH (and the widget's demo, linked under it)
    screening, publish = (("/fr/outils/criblage", "/fr/publier") if lang == "fr" else
                          ("/en/tools/screening", "/en/publish"))  # fmt: skip
    assert re.findall(r'<h3><a href="([^"]+)">', tasks) == [screening, publish, api]
    assert html.index('id="tasks-title"') < html.index('id="map-title"')


def test_french_page_uses_french_typography(client: TestClient) -> None:
    html = client.get("/fr/recherche", params={"q": "zzzzqqq"}).text
    assert "0 résultat" in html
    assert "«\u00a0zzzzqqq\u00a0»" in html
    assert "'" not in re.sub(r"<[^>]+>|&#39;", "", html.split("<main")[1]).replace("d'Ivoire", "")


def test_static_assets_are_served(client: TestClient) -> None:
    for name, kind in (("site.css", "text/css"), ("search.js", "javascript"), ("favicon.svg", "image/svg")):
        response = client.get(f"/static/site/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_search_page_renders_results_facets_and_state(client: TestClient) -> None:
    response = client.get("/fr/recherche", params={"q": "briques"})
    assert response.status_code == 200
    html = response.text
    assert 'value="briques"' in html
    assert "Biens concernés · Les <mark>briques</mark>" in html  # highlighted excerpt, its blocks told apart
    assert 'href="/fr/ressources/pakistan"' in html
    assert "<legend>Pays</legend>" in html  # facet labels in the page's language, never bare codes
    assert re.search(
        r'name="country" value="PK"> <span>Pakistan</span> <span class="count" aria-hidden="true">1</span>', html
    )
    assert 'meta name="robots" content="noindex"' in html  # a query's page is not for the index


def essentials(html: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The heading and (link, title) pairs of the search page's « where to start » box, if it has one."""
    box = re.search(r'<aside class="essentials".*?</aside>', html, re.S)
    if box is None:
        return None
    heading = re.search(r"<h3[^>]*>(.*?)</h3>", box.group(0), re.S)
    assert heading is not None
    listed = box.group(0).split("<ul>", 1)[1].split("</ul>", 1)[0]  # not the box's alert link, after the list
    return heading.group(1), re.findall(r'<a href="([^"]+)">([^<]+)</a>', listed)


def test_a_search_about_a_risk_alone_lists_where_to_start(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The risk's ``essentials`` (content/taxonomies/risks.yaml) in their order, in the page's language where
    translated (else in the other), those published only; for its name typed or its filter alone, first page only."""
    add_resource(session_factory, translation_key="law-ilo-c029", slug="c29", title="Convention n° 29")
    add_resource(
        session_factory,
        translation_key="method-forced-labour-indicators",
        slug="indicateurs",
        title="Les 11 indicateurs",
    )
    add_resource(
        session_factory,
        translation_key="method-forced-labour-indicators",
        language="en",
        slug="indicators",
        title="The 11 indicators",
    )
    add_resource(session_factory, translation_key="law-ilo-p029", slug="p29", title="Protocole de 2014",
                 status=ResourceStatus.submitted)  # fmt: skip
    french = [("/fr/ressources/indicateurs", "Les 11 indicateurs"), ("/fr/ressources/c29", "Convention n° 29")]
    for path in ("/fr/recherche?q=travail+forc%C3%A9", "/fr/recherche?q=forced+labour",
                 "/fr/recherche?risk=forced-labour"):  # fmt: skip
        assert essentials(client.get(path).text) == ("Travail forcé\u00a0: par où commencer", french), path
    english = essentials(client.get("/en/search?q=forced+labour").text)
    in_english = [("/en/resources/indicators", "The 11 indicators"), ("/fr/ressources/c29", "Convention n° 29")]
    assert english == ("Forced labour: where to start", in_english)
    # Not when the search is about more than the term, nor for a term without essentials (nor past the first
    # page: tests/site/test_english_buyer_search.py, where there is a second page).
    for path in ("/fr/recherche?q=travail+forc%C3%A9+cacao", "/fr/recherche?q=travail+forc%C3%A9&type=legal_reference",
                 "/fr/recherche?risk=forced-labour&risk=child-labour",
                 "/fr/recherche?q=cacao", "/fr/recherche?sector=cocoa", "/fr/recherche"):  # fmt: skip
        assert essentials(client.get(path).text) is None, path


def test_a_search_reads_the_published_index_only_to_list_where_to_start(
    search_engine: SearchEngine, taxonomies: Taxonomies, settings: Settings
) -> None:
    """The published index is the database's, rebuilt when resources change: a search needs it only for the box."""
    asked: list[str] = []

    def published() -> PublishedIndex:
        asked.append("index")
        return PublishedIndex(token=0, by_key={}, newest_first={})

    for q in ("cacao", "travail forcé", "travail forcé cacao"):
        state = search_page.parse_state(taxonomies, settings, q=q, raw_filters={}, sort="", page="")
        search_page.build_view(search_engine, taxonomies, published, state, "fr")
    assert asked == ["index"]  # « travail forcé » alone


def test_an_excerpt_tells_its_blocks_apart() -> None:
    """A heading ran into its paragraph (« What the map is for A risk map… ») and a table row into the next."""
    body = "What the <mark>map</mark> is for\nA risk map comes first.\nRanked:\nCountry: Benin — Good: Cotton\n"
    body += "Country: Mali"
    assert search_hits.excerpt(body) == (
        "What the <mark>map</mark> is for · A risk map comes first. Ranked: Country: Benin — Good: Cotton · "
        "Country: Mali"
    )


def test_search_filters_chips_and_clear_all(client: TestClient) -> None:
    html = client.get("/en/search", params={"country": ["PK", "CI"], "q": "", "sort": "title:asc"}).text
    assert re.search(r'name="country" value="PK" checked>', html)
    chips = re.findall(r'<a class="chip" href="([^"]+)">', html)
    assert len(chips) == 2
    assert "/en/search?country=CI&amp;sort=title%3Aasc" in chips
    assert 'href="/en/search?sort=title%3Aasc">Clear all filters</a>' in html
    assert '<option value="title:asc" selected>' in html
    # the language switch keeps the state
    assert 'class="lang-switch" href="/fr/recherche?country=PK&amp;country=CI&amp;sort=title%3Aasc"' in html


def test_search_shows_what_it_could_not_use(client: TestClient) -> None:
    """A shared link with a bad value still answers, and the page says what it left out, in its language."""
    response = client.get(
        "/fr/recherche",
        params={"country": ["XX", "CI"], "region": "<b>mars</b>", "sort": "nope", "page": "abc", "q": "x" * 2000},
    )
    assert response.status_code == 200
    notices = re.findall(r"<p>([^<]*)</p>", response.text.split('id="query-notice"')[1].split("</div>")[0])
    assert notices == [
        "Pays\u00a0: valeur inconnue «\u00a0XX\u00a0», ignorée.",
        "Région\u00a0: valeur inconnue «\u00a0&lt;b&gt;mars&lt;/b&gt;\u00a0», ignorée.",
        "Trier par\u00a0: valeur inconnue «\u00a0nope\u00a0», ignorée.",
        "Page\u00a0: valeur inconnue «\u00a0abc\u00a0», ignorée.",
    ]
    assert len(re.findall(r'<a class="chip"', response.text)) == 1  # CI, the value it could use


def test_search_in_english_names_the_unknown_filter_value(client: TestClient) -> None:
    html = client.get("/en/search", params={"sector": "cocao", "page": "0"}).text
    assert "<p>Sector or product: unknown value “cocao”, ignored.</p>" in html
    assert "<p>Page: unknown value “0”, ignored.</p>" in html
    clean = client.get("/en/search", params={"sector": "cocoa", "page": "2", "sort": "title:asc"}).text
    assert "query-notice" not in clean


def test_no_results_offers_corrections_and_ways_to_widen(client: TestClient) -> None:
    html = client.get("/fr/recherche", params={"q": "enfnats qqqzzz", "type": "tool"}).text
    assert "Aucun résultat" in html
    assert "Vouliez-vous dire" in html and "enfants" in html
    # Each way to widen is tried first and says what it finds, and without which words; a way that finds nothing is
    # not offered.
    offer = '<a href="/fr/recherche?q=enfnats+qqqzzz">Retirer tous les filtres</a>'
    assert f"{offer} (3 résultats sans «\u00a0qqqzzz\u00a0»)\u202f;" in html
    assert "autre langue" not in html  # in English, with the filter, nothing either


def test_the_page_says_which_words_its_results_are_without(client: TestClient) -> None:
    html = client.get("/fr/recherche", params={"q": "cacao qqqzzz"}).text
    assert (
        "pour «\u00a0cacao qqqzzz\u00a0»\u00a0: aucune ressource ne contient tous ces mots, voici celles sans"
        " «\u00a0qqqzzz\u00a0»</p>"
    ) in html
    assert "voici celles sans" not in client.get("/fr/recherche", params={"q": "cacao"}).text


def test_related_terms_are_in_the_pages_language(client: TestClient) -> None:
    english = client.get("/en/search", params={"q": "qqqzzz india"}).text
    assert "Republic of India</a>" in english
    french = client.get("/fr/recherche", params={"q": "qqqzzz inde"}).text
    assert "Aucun résultat" in french and "India" not in french


def test_the_other_language_is_offered_when_it_finds_something(client: TestClient) -> None:
    """« goods » is in the English fixtures only."""
    french = client.get("/fr/recherche", params={"q": "goods"}).text
    assert '<a href="/en/search?q=goods">La même recherche en anglais</a> (2 résultats)\u202f;' in french
    assert "Retirer tous les filtres" not in french  # no filter to remove


def test_few_results_also_say_how_to_widen(client: TestClient) -> None:
    """One text has both words of « cocoa labour », three have « labour »: the page says so under its hit, with what
    the way finds; a way that finds no more (« cocoa » alone) is not offered, nor is anything on a search with many.
    The words to drop are the query's own, not its stop words (six of them took every place)."""
    html = client.get("/en/search", params={"q": "what can we do for the cocoa labour"}).text
    assert 'id="result-count">1 result for' in html
    block = html.split('class="few-results"')[1].split("</div>")[0]
    assert '<li><a href="/en/search?q=what+can+we+do+for+the+labour">Without “cocoa”</a> (3 results).</li>' in block
    assert "Without “labour”" not in block
    assert 'class="few-results"' not in client.get("/en/search", params={"q": "cocoa"}).text


def test_the_results_can_be_downloaded_and_followed_as_the_page_selects_them(client: TestClient) -> None:
    html = client.get("/fr/recherche", params={"q": "enfants", "country": ["CI", "PK"], "sort": "title:asc"}).text
    reuse = re.search(r'<p class="reuse">(.*?)</p>', html)
    assert reuse, html
    count = re.search(r'id="result-count">(\d+) résultat', html)
    assert count
    total = int(count.group(1))
    assert reuse.group(1).startswith(f"Télécharger les {total} résultats\u00a0: ")
    found = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', reuse.group(1))
    links = {label: href.replace("&amp;", "&") for href, label in found}
    assert links["CSV"] == "/v1/export?format=csv&q=enfants&country=CI&country=PK&lang=fr"  # no sort, no page
    rows = client.get(links["CSV"]).text.strip().splitlines()
    assert len(rows) == total + 1  # the header, then every result of the page's search
    workbook = client.get(links["XLSX"])
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    feed = links["suivre les nouvelles ressources (flux Atom)"]
    assert feed == "/v1/feed.atom?q=enfants&country=CI&country=PK&lang=fr"
    assert client.get(feed).text.count("<entry") == total
    head = f'type="application/atom+xml" title="Nouvelles ressources pour cette recherche" href="{feed}">'
    assert head.replace("&", "&amp;") in html
    assert 'class="reuse"' not in client.get("/fr/recherche", params={"q": "qqqzzz"}).text  # nothing to download
    assert '<link rel="search" type="application/opensearchdescription+xml"' in html


def test_pagination_links(client: TestClient) -> None:
    html = client.get("/en/search", params={"page": "1"}).text
    assert "result" in html


@pytest.mark.parametrize(
    "path", ["/fr/outils/", "/en/tools/", "/fr/publier", "/en/publish", "/fr/a-propos", "/en/about"]
)
def test_static_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert 'aria-label="Fil d’Ariane"' in response.text or 'aria-label="Breadcrumb"' in response.text


def test_the_about_page_says_the_list_has_a_newer_edition(client: TestClient) -> None:
    """The sheets read ILAB's 2022 editions; its list was published again on 5 September 2024."""
    french = client.get("/fr/a-propos").text
    assert "nouvelle édition de sa liste, le 5 septembre 2024" in french  # as human_date writes a day
    assert '<a href="https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods">La liste en vigueur' in french


def test_the_publish_page_says_how_to_ask_for_an_account(client: TestClient) -> None:
    french = client.get("/fr/publier").text
    assert '<a href="mailto:crv@localhost?subject=Compte%20partenaire">crv@localhost</a>' in french
    # the form is on its own page, not below: the first step links to it
    assert f'<a href="/fr/publier/demande-de-compte">{gettext("fr", "account request form")}</a>' in french
    assert "formulaire ci-dessous" not in french
    assert '<a class="button" href="/fr/publier/demande-de-compte">Demander un compte partenaire</a>' in french
    assert 'href="mailto:crv@localhost?subject=Partner%20account"' in client.get("/en/publish").text


def test_the_tools_page_lists_every_tool_in_its_language(
    client: TestClient,
    session_factory: sessionmaker[Session],
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = client.get("/fr/outils/").text.split('<h2 id="tools-title">')[1]  # the fixture corpus has no tool
    assert "Aucun outil n’est encore publié dans cette langue." in empty and "0 outil" not in empty
    for key, title in (("tool-b", "Grille de cotation"), ("tool-c", "Zones à risque"), ("tool-a", "Étapes d’un audit")):
        add_resource(session_factory, translation_key=key, type="tool", title=title, summary=f"Ce que fait {key}.")
    add_resource(session_factory, translation_key="tool-en", language="en", type="tool", title="An English tool")
    add_resource(session_factory, translation_key="tool-draft", type="tool", status=ResourceStatus.draft)
    rebuild_index(session_factory, search_engine, taxonomies)
    section = client.get("/fr/outils/").text.split('<h2 id="tools-title">')[1]
    listed = re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>\s*<p class="muted">([^<]+)</p>', section)
    assert listed == [
        (resource_path("fr", "tool-a"), "Étapes d’un audit", "Ce que fait tool-a."),
        (resource_path("fr", "tool-b"), "Grille de cotation", "Ce que fait tool-b."),
        (resource_path("fr", "tool-c"), "Zones à risque", "Ce que fait tool-c."),
    ]  # in dictionary order, the draft and the English tool left out
    assert "à adapter\u00a0: 3 outils." in section and "dans la recherche" not in section
    assert "to adapt: 1 tool." in client.get("/en/tools/").text
    add_resource(session_factory, translation_key="tool-long", type="tool", summary="Un mot. " * 40)
    rebuild_index(session_factory, search_engine, taxonomies)
    assert re.search(r"(Un mot\. ){20,}Un…</p>", client.get("/fr/outils/").text)  # cut at a word, with « … »
    monkeypatch.setattr(tools, "SHOWN", 2)
    shortened = client.get("/fr/outils/").text.split('<h2 id="tools-title">')[1]
    assert len(re.findall(r"<h3><a ", shortened)) == 2
    assert '<a href="/fr/recherche?type=tool">Les 4 outils dans la recherche</a>' in shortened


def test_the_tools_page_groups_the_tools_by_the_step_they_serve(
    client: TestClient,
    session_factory: sessionmaker[Session],
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    content_dir: Path,
) -> None:
    """content/tool-steps.yaml: each step's tools in its order, the steps without a published tool left out, the
    tools no step names after them by title; the page on the steps linked when published; each tool's page links
    to its step."""
    (content_dir / "tool-steps.yaml").write_text(
        "- {fr: Identifier les risques, en: Identify risks, tools: [tool-grid, tool-map]}\n"
        "- {fr: Rendre compte, en: Communicate, tools: [tool-unpublished]}\n"
        "- {fr: Réparer, en: Remediate, tools: [tool-plan]}\n",
        encoding="utf-8",
    )
    for key, title in (("tool-map", "Zones à risque"), ("tool-grid", "Grille"), ("tool-plan", "Plan"),
                       ("tool-other", "Autre"), ("tool-another", "Aide")):  # fmt: skip
        add_resource(session_factory, translation_key=key, type="tool", title=title)
    add_resource(session_factory, translation_key="method-oecd-due-diligence-guidance", slug="guide-ocde")
    rebuild_index(session_factory, search_engine, taxonomies)
    section = client.get("/fr/outils/").text.split('<h2 id="tools-title">')[1]
    headings = re.findall(r'<h3 class="tool-step"[^>]*>(.*?)</h3>|<h4 class="h3"><a [^>]+>([^<]+)</a>', section)
    assert [heading or title for heading, title in headings] == [
        '<span class="step-number">Étape 1\u00a0:</span> Identifier les risques', "Grille", "Zones à risque",
        '<span class="step-number">Étape 3\u00a0:</span> Réparer', "Plan",
        "Autres outils", "Aide", "Autre",
    ]  # fmt: skip
    assert '(<a href="/fr/ressources/guide-ocde">ce que demande chaque étape' in section
    # A tool's page names its step and links to it on the tools page; a tool no step names says nothing.
    assert '<h3 class="tool-step" id="step-1">' in section
    step = '<dd class="step"><a href="/fr/outils/#step-1">Étape 1\u00a0: Identifier les risques</a></dd>'
    assert step in client.get("/fr/ressources/tool-grid").text
    assert 'class="step"' not in client.get("/fr/ressources/tool-other").text
    # A file broken in place (content check refuses it) leaves the page listing every tool by title.
    (content_dir / "tool-steps.yaml").write_text("- {fr: Réparer, tools: [tool-plan", encoding="utf-8")
    broken = client.get("/fr/outils/")
    assert broken.status_code == 200 and 'class="tool-step"' not in broken.text
    assert len(re.findall(r"<h3><a ", broken.text.split('<h2 id="tools-title">')[1])) == 5


@pytest.mark.parametrize(("path", "lang"), [("/fr/nulle-part", "fr"), ("/en/resources/nowhere", "en")])
def test_human_404(client: TestClient, path: str, lang: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in response.text
    assert "crv-search" not in response.text  # no widget pre-filled with the path's words
    assert 'name="robots" content="noindex"' in response.text


def test_api_404_stays_json(client: TestClient) -> None:
    response = client.get("/v1/nothing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_resource_page_sections_badges_and_breadcrumb(client: TestClient) -> None:
    html = client.get("/en/resources/pakistan").text
    assert html.split("<footer")[0].count(">Sources</h2>") == 1  # one Sources section in the page
    assert "Data: ILAB 2022" in html
    assert '<dt>Published by</dt><dd class="publisher">Virtual resource centre 8.7 · <a ' in html
    assert 'rel="license">CC BY 4.0 — reuse allowed with credit</a>' in html
    assert 'aria-label="Breadcrumb"' in html and '<li><a href="/en/countries/">Countries</a></li>' in html
    assert 'class="lang-switch" href="/fr/ressources/pakistan"' in html
    # How to cite it: the centre named once, as the publisher; the data's edition; the date of this version; the
    # address; the day it was read (tests/site/test_citing.py).
    cite = html.split('id="cite-title">How to cite this page</h2>')[1].split("</p>")[0]
    assert cite.strip().startswith(
        "<p>Virtual resource centre 8.7, “Pakistan: bricks and debt bondage”, ILAB 2022 data, version of 1 February "
        "2026, http://testserver/en/resources/pakistan, accessed "
    )


def test_a_partner_s_page_is_cited_with_its_publisher_and_the_centre() -> None:
    url = "https://crv.example.org/fr/ressources/x"
    cited = cite("ONG Cacao", "L’école d’abord", date(2026, 3, 1), url, "fr", consulted=date(2026, 12, 4))
    assert cited == (
        "ONG Cacao, «\u00a0L’école d’abord\u00a0», Centre de ressources virtuel 8.7, version du 1er mars 2026, "
        "https://crv.example.org/fr/ressources/x, consulté le 4 décembre 2026."
    )


def facts(html: str) -> dict[str, list[tuple[str, str]]]:
    """A resource page's facts: label → (link, text) of each term."""
    block = html.split('<dl class="facts">')[1].split("</dl>")[0]
    return {
        label: re.findall(r'<a href="([^"]+)">([^<]+)</a>', terms)
        for label, terms in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", block)
    }


def test_a_resource_s_terms_lead_to_their_sheets_or_their_resources(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(session_factory, translation_key="commodity-cocoa", slug="cacao", sectors=["cocoa"])
    add_resource(
        session_factory,
        translation_key="about-ci",
        slug="a-propos-ci",
        countries=["CI"],
        risks=["child-labour"],
        audiences=["companies", "public-buyers"],
    )
    sheet = facts(client.get("/fr/ressources/cote-d-ivoire").text)
    assert sheet["Pays"] == [("/fr/recherche?country=CI", "Côte d’Ivoire")]  # its own sheet: the rest about it
    assert sheet["Secteurs et produits"] == [("/fr/ressources/cacao", "Cacao"), ("/fr/recherche?sector=coffee", "Café")]
    assert sheet["Risques"] == [
        ("/fr/recherche?risk=child-labour", "Travail des enfants"),
        ("/fr/recherche?risk=forced-labour", "Travail forcé"),
    ]
    other = facts(client.get("/fr/ressources/a-propos-ci").text)
    assert other["Pays"] == [("/fr/ressources/cote-d-ivoire", "Côte d’Ivoire")]
    assert "Secteurs et produits" not in other
    assert other["Destiné à"] == [  # whom it is written for, each to the resources written for them
        ("/fr/recherche?audience=companies", "Entreprises"),
        ("/fr/recherche?audience=public-buyers", "Acheteurs publics"),
    ]
    # the English page links English sheets only: no English cocoa sheet here
    assert facts(client.get("/en/resources/cote-d-ivoire").text)["Sectors and products"][0] == (
        "/en/search?sector=cocoa",
        "Cocoa",
    )


def test_the_centre_is_named_in_the_page_s_language(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        keys.ensure_centre(session)  # its row holds the French name, as on a deployment where editors review
        session.commit()
    for path, name in (("/en/resources/pakistan", "Virtual resource centre 8.7"),
                       ("/fr/ressources/pakistan", "Centre de ressources virtuel 8.7")):  # fmt: skip
        html = client.get(path).text
        assert f'<dd class="publisher">{name} · ' in html
        assert f'"publisher":{{"@type":"Organization","name":"{name}"}}' in html  # the JSON-LD too


@pytest.mark.parametrize(("path", "asset"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")])
def test_api_docs_are_self_hosted(client: TestClient, path: str, asset: str) -> None:
    html = client.get(path).text
    assert f"/static/docs/{asset}" in html
    assert not re.search(r'(src|href)="https?://', html)  # no CDN, no external font
    response = client.get(f"/static/docs/{asset}")
    assert response.status_code == 200 and len(response.content) > 100_000


def test_sitemap_lists_every_published_resource_with_hreflang(client: TestClient) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    xml = response.text
    for language, slug in (("fr", "cote-d-ivoire"), ("en", "cote-d-ivoire"), ("fr", "pakistan")):
        assert f"<loc>http://testserver{resource_path(language, slug)}</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/resources/cote-d-ivoire"/>' in xml
    assert "<loc>http://testserver/fr/pays/</loc>" in xml and "<loc>http://testserver/en/countries/</loc>" in xml


def test_the_kept_sitemap_follows_a_change_of_the_published_resources(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    assert "<loc>http://testserver/fr/ressources/pakistan</loc>" in client.get("/sitemap.xml").text
    with session_factory() as session:
        resource = session.scalars(select(Resource).where(Resource.language == "fr", Resource.slug == "pakistan")).one()
        resource.slug = "pakistan-briques"
        session.commit()
    xml = client.get("/sitemap.xml").text
    assert "<loc>http://testserver/fr/ressources/pakistan-briques</loc>" in xml
    assert "/fr/ressources/pakistan<" not in xml


def test_the_kept_related_resources_follow_a_new_publication(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    assert "/fr/ressources/ci-practice" not in client.get("/fr/ressources/cote-d-ivoire").text
    add_resource(session_factory, translation_key="ci-practice", countries=["CI"], sectors=["cocoa"])
    assert 'href="http://testserver/fr/ressources/ci-practice"' in client.get("/fr/ressources/cote-d-ivoire").text


def test_robots_points_to_the_sitemap_on_the_public_base_url(client: TestClient) -> None:
    text = client.get("/robots.txt", headers={"Host": "evil.example"}).text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "evil.example" not in text


def test_resources_folder_leads_to_the_search(client: TestClient) -> None:
    response = client.get("/fr/ressources/", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == "/fr/recherche"
    assert client.get("/en/resources/", follow_redirects=False).headers["location"] == "/en/search"
