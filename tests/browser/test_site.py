"""The public site in Chromium: every page kind in both languages, with and without JavaScript, at 1280 and 375 px;
keyboard-only use of the search page; results as you type with the URL and the Back button following; axe-core
(installed from npm by the Makefile, injected from node_modules) finds no WCAG 2.2 AA violation.

One server (``live_api``) and one browser for the whole session; a browser context per (width, JavaScript), and
the page kinds in one page per JavaScript mode, loaded at 375 px and widened."""

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from app.db import make_engine, make_session_factory
from app.models import Resource
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi
from tests.helpers import add_content_sheet, resource_row

PAGES = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "search": {"fr": "/fr/recherche?q=cacao&risk=child-labour", "en": "/en/search?q=cocoa&risk=child-labour"},
    "risk": {"fr": "/fr/recherche?risk=forced-labour", "en": "/en/search?q=forced+labour"},  # where to start
    "countries": {"fr": "/fr/pays/", "en": "/en/countries/"},
    "sectors": {"fr": "/fr/secteurs/", "en": "/en/sectors/"},
    "tools": {"fr": "/fr/outils/", "en": "/en/tools/"},  # the hostile tool listed (tests/browser/conftest.py)
    "training": {"fr": "/fr/formations/", "en": "/en/training/"},  # the modules by level
    "country": {"fr": "/fr/ressources/cote-d-ivoire", "en": "/en/resources/cote-d-ivoire"},
    "commodity": {"fr": "/fr/ressources/cacao", "en": "/en/resources/cocoa"},
    "not-found": {"fr": "/fr/ressources/ancienne-fiche-cacao", "en": "/en/resources/old-cocoa-sheet"},  # guesses
    "unknown-values": {"fr": "/fr/pays/?region=africa", "en": "/en/search?q=cocoa&sector=cocao"},  # a notice says so
    "api": {"fr": "/fr/api", "en": "/en/api"},  # what the API offers, in the site's language
    "glossary": {"fr": "/fr/glossaire", "en": "/en/glossary"},  # the terms, A to Z, with their sources
}


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    """The live API plus the real cocoa commodity sheet (fr, en), written to its database: pages read it there."""
    factory = make_session_factory(engine := make_engine(live_api.database_url))
    with factory() as session:
        add_content_sheet(session, "resources/risk-sheets/commodities/commodity-cocoa")
        if not session.get(Resource, "law-fr.fr"):  # a country ILAB does not assess: listed under the countries
            session.add_all(Resource(**resource_row("law-fr", language, countries=["FR"])) for language in ("fr", "en"))
        if not session.get(Resource, "training-due-diligence.fr"):  # listed on the training page, by level
            session.add_all(
                Resource(
                    **resource_row(
                        "training-due-diligence", language, type="training_module", level="introduction", duration=90,
                        audiences=["companies"], prerequisites="None",
                    )
                )
                for language in ("fr", "en")
            )  # fmt: skip
        if not session.get(Resource, "method-forced-labour-indicators.fr"):  # where to start on forced labour
            session.add_all(
                Resource(**resource_row("method-forced-labour-indicators", language, risks=["forced-labour"]))
                for language in ("fr", "en")
            )
        session.commit()
    engine.dispose()
    assert date.today()  # the sheet's dates come from its file
    return live_api


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[tuple[int, bool], Any]]:
    made = {
        # Playwright evaluates its string predicates and axe in the page, which the pages' CSP forbids: it is
        # bypassed here, and test_csp.py uses the pages under it.
        (width, js): browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=js, locale="fr-FR", bypass_csp=True
        )
        for width in (1280, 375)
        for js in (True, False)
    }
    yield made
    for context in made.values():
        context.close()


def open_page(context: Any, url: str) -> Any:
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.errors = errors
    return page


@pytest.fixture(scope="module")
def tabs(contexts: dict[tuple[int, bool], Any]) -> dict[bool, Any]:
    """A page with JavaScript and one without, each loaded again for every page kind: a new page (a renderer) cost
    as much as the load itself."""
    return {js: open_page(contexts[(375, js)], "about:blank") for js in (True, False)}


# The page kinds axe-core (WCAG 2.2 AA) checks, at 1280 px with JavaScript.
AXE_KINDS = {"home", "search", "countries", "country", "commodity", "not-found", "unknown-values", "api", "training"}
AXE_KINDS.add("glossary")  # the terms A to Z: a definition list, the other language marked, the sources as links
# Each page is loaded at a phone's width, then widened: its scripts lay it out at load as on a phone (search.js
# folds the filters when narrow), and widening it does what a load at 1280 px does (search.js unfolds them); the
# rest is CSS, which follows the window. The checks of what the server wrote are made once a load.
WIDTHS = (375, 1280)


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_kind_in_both_languages_widths_and_with_or_without_js(
    site: LiveApi, tabs: dict[bool, Any], kind: str
) -> None:
    outside: list[str] = []

    def watch(request: Any) -> None:
        if not request.url.startswith(site.url):
            outside.append(request.url)

    for js, page in tabs.items():
        page.on("request", watch)
        for lang, path in PAGES[kind].items():
            page.errors.clear()
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(site.url + path)
            where = f"{path}, js={js}"
            assert page.locator("html").get_attribute("lang") == lang, where
            home = page.get_by_role(
                "link", name=re.compile("Centre de ressources virtuel 8.7|Virtual resource centre 8.7")
            )
            assert home.first.get_attribute("href") == f"/{lang}/", where
            assert page.locator("nav.main-nav a").count() == 7, where
            switch = page.locator("a.lang-switch")
            assert switch.get_attribute("hreflang") == ("en" if lang == "fr" else "fr"), where
            if kind == "risk":  # the resources to begin with, above the results
                assert page.locator("aside.essentials li a").count() == 1, where
            if kind == "tools" and lang == "fr":  # the published tools, listed by the step they serve
                assert page.locator("section[aria-labelledby=tools-title] li").count() >= 1, where
            if kind == "training":  # the modules of the page's language, by level
                assert page.locator("section[aria-labelledby=level-introduction] li").count() == 1, where
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                at = f"{path} at {width}px, js={js}"
                assert page.locator("h1").first.is_visible(), at
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 1, f"{at}: the page is {overflow}px wider than the window"
                assert page.locator("footer.site").is_visible(), at
                if kind == "countries":  # the countries ILAB does not assess, after the table
                    other = page.locator("h2", has_text=re.compile("Autres pays documentés|Other countries"))
                    assert other.is_visible(), at
                if kind == "tools" and lang == "fr":
                    assert page.locator("h3.tool-step").first.is_visible(), at
                if (width, js) == (1280, True) and kind in AXE_KINDS:
                    result = axe_violations(page)
                    assert result == [], f"{at}: {json.dumps(result, indent=1)}"
            assert not page.errors, f"{where}: {page.errors}"
        page.remove_listener("request", watch)
    assert not outside, f"requests left the centre: {outside}"


def test_a_long_address_wraps_on_a_phone(site: LiveApi, contexts: dict[tuple[int, bool], Any]) -> None:
    """The citation ends with the page's address, one word: on the real host, Bangladesh's sheet was 23 px wider
    than a 375 px phone."""
    page = open_page(contexts[(375, True)], site.url + PAGES["country"]["fr"])
    page.evaluate("document.querySelector('section.cite p').append(' https://crv.example.org/' + 'x'.repeat(120))")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.close()


def test_language_switch_goes_to_the_translation(site: LiveApi, contexts: dict[tuple[int, bool], Any]) -> None:
    page = open_page(contexts[(1280, False)], site.url + "/fr/ressources/cacao")
    page.locator("a.lang-switch").click()
    page.wait_for_url(site.url + "/en/resources/cocoa")
    page.goto(site.url + "/en/search?q=bricks&country=PK")
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/fr/recherche\?q=bricks&country=PK$"))
    page.close()


def test_search_without_javascript_submits_and_filters(site: LiveApi, contexts: dict[tuple[int, bool], Any]) -> None:
    page = open_page(contexts[(375, False)], site.url + "/fr/recherche")
    page.get_by_label("Mots à rechercher").fill("briques")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.wait_for_url(re.compile(r"q=briques"))
    assert "Pakistan" in page.locator("ol.hits").inner_text()
    page.locator("#search-filters > summary").click()  # on a phone, the filters fold above the results
    page.get_by_role("checkbox", name=re.compile("^Pakistan")).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(re.compile(r"country=PK"))
    assert page.locator("ul.chips a.chip").count() == 1
    page.get_by_role("link", name="Effacer tous les filtres").click()
    page.wait_for_url(re.compile(r"/fr/recherche\?q=briques$"))
    page.close()


def test_results_follow_the_typing_and_the_back_button(site: LiveApi, contexts: dict[tuple[int, bool], Any]) -> None:
    page = open_page(contexts[(1280, True)], site.url + "/en/search")
    box = page.get_by_role("searchbox", name="Words to search for")
    box.press_sequentially("bricks", delay=40)
    page.wait_for_function("document.getElementById('result-count').textContent.startsWith('1 result')")
    # « bri » may count 1 result too: the state is in the URL once the last word's answer is shown, without a load
    page.wait_for_url(re.compile(r"/en/search\?q=bricks$"))
    page.get_by_role("checkbox", name=re.compile("^Pakistan")).check()
    page.wait_for_url(re.compile(r"q=bricks&country=PK"))
    page.wait_for_function("document.querySelectorAll('ul.chips a.chip').length === 1")
    page.go_back()
    page.wait_for_url(re.compile(r"/en/search\?q=bricks$"))
    page.wait_for_function("document.querySelectorAll('ul.chips a.chip').length === 0")
    assert not page.get_by_role("checkbox", name=re.compile("^Pakistan")).is_checked()
    assert not page.errors
    page.close()


def test_search_page_by_keyboard_only(site: LiveApi, contexts: dict[tuple[int, bool], Any]) -> None:
    page = open_page(contexts[(1280, True)], site.url + "/fr/recherche")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("travail")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=travail"))
    page.wait_for_function("document.getElementById('result-count').textContent.includes('travail')")
    # Tab to the first filter and tick it with the space bar
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    name = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(re.escape(name)))
    assert page.evaluate("document.activeElement.type") == "checkbox"  # focus stays where it was
    assert page.evaluate("document.activeElement.checked")
    # a result is reachable and opens with Enter
    link = page.locator("ol.hits h3 a").first
    link.focus()
    href = link.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + href)
    assert not page.errors
    page.close()


def visible_rows(page: Any) -> list[dict[str, str]]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('#country-table tbody tr')).filter(r => !r.hidden).map(r => ({"
        "name: r.querySelector('th').textContent, region: r.dataset.region, goods: r.querySelector('td.num')"
        ".textContent}))"
    )


def test_the_notice_of_an_unknown_value_goes_once_the_filters_change(
    site: LiveApi, contexts: dict[tuple[int, bool], Any]
) -> None:
    page = open_page(contexts[(1280, True)], site.url + "/fr/pays/?region=africa")
    notice = page.locator("#query-notice")
    assert notice.inner_text() == "Région\u00a0: valeur inconnue «\u00a0africa\u00a0», ignorée."
    page.locator("select[name=finding]").select_option("child")
    page.wait_for_url(site.url + "/fr/pays/?finding=child")
    assert notice.is_hidden()


def test_country_index_filters_and_sorts_in_place_with_javascript(
    site: LiveApi, contexts: dict[tuple[int, bool], Any]
) -> None:
    page = open_page(contexts[(1280, True)], site.url + "/en/countries/")
    page.evaluate("window.__samePage = true")  # gone if anything reloads the page
    everything = len(visible_rows(page))
    page.locator("select[name=region]").select_option("europe-eurasia")
    page.wait_for_url(site.url + "/en/countries/?region=europe-eurasia")
    rows = visible_rows(page)
    assert 0 < len(rows) < everything and {row["region"] for row in rows} == {"europe-eurasia"}
    status = page.get_by_role("status").filter(has_text="countries")
    assert status.inner_text().startswith(f"{len(rows)} of {everything} countries")
    # a column header sorts, says so with aria-sort, and the URL and the language switch follow
    page.get_by_role("link", name="Goods listed", exact=True).click()
    page.wait_for_url(site.url + "/en/countries/?region=europe-eurasia&sort=goods")
    goods = [int(row["goods"]) for row in visible_rows(page)]
    assert goods == sorted(goods, reverse=True)
    assert page.locator("th[aria-sort]").all_inner_texts() == ["Goods listed"]
    assert page.locator("th[data-sort='goods']").get_attribute("aria-sort") == "descending"
    assert page.locator("select[name=sort]").input_value() == "goods"
    assert "Sorted by: Most goods listed first" in status.text_content()
    assert page.locator("a.lang-switch").get_attribute("href") == "/fr/pays/?region=europe-eurasia&sort=goods"
    # by keyboard: the Country header is a link that Enter activates; the focus stays on it
    header = page.get_by_role("link", name="Country", exact=True)
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "/en/countries/?region=europe-eurasia")
    names = [row["name"] for row in visible_rows(page)]
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    assert page.evaluate("document.activeElement.textContent") == "Country"
    assert page.evaluate("window.__samePage") is True
    # the URL it wrote is the server's page for the same state
    page.reload()
    assert [row["name"] for row in visible_rows(page)] == names
    page.locator("select[name=finding]").select_option("child")
    page.wait_for_url(re.compile(r"region=europe-eurasia&finding=child$"))
    if AXE.exists():
        assert axe_violations(page) == []
    assert not page.errors
    page.close()


def test_country_index_filters_and_sorts_without_javascript(
    site: LiveApi, contexts: dict[tuple[int, bool], Any]
) -> None:
    page = open_page(contexts[(375, False)], site.url + "/fr/pays/")
    page.locator("select[name=region]").select_option("europe-eurasia")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url(re.compile(r"/fr/pays/\?region=europe-eurasia&finding=&sort=name$"))  # the form as is
    assert {row["region"] for row in visible_rows(page)} == {"europe-eurasia"}
    page.get_by_role("link", name="Biens inscrits", exact=True).click()
    page.wait_for_url(site.url + "/fr/pays/?region=europe-eurasia&sort=goods")
    goods = [int(row["goods"]) for row in visible_rows(page)]
    assert goods == sorted(goods, reverse=True)
    assert page.locator("th[data-sort='goods']").get_attribute("aria-sort") == "descending"
    page.close()
