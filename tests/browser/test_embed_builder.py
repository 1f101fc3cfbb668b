"""The snippet builder (/embed/demo) and the widget as a small NGO's site runs it, in headless Chromium: the form
without a script and by keyboard, its page under axe; then a misconfigured widget as the site's visitors see it
(a page on a host of its own: www.ong-cacao.test, resolved to this machine) and as its webmaster does while setting
it up (a page served from 127.0.0.1)."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveApi, StaticSite

Sites = tuple[StaticSite, StaticSite]
NGO_HOST = "www.ong-cacao.test"  # no loopback name: the widget treats it as a live site


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def console_warnings(page: Any) -> list[str]:
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    return warnings


def ngo_page(live_api: LiveApi, site: StaticSite, name: str, attributes: str, host: str = "") -> str:
    """The NGO's WordPress page, as the audit's: its headings, the snippet pasted with ``attributes``; its address
    on ``host`` (the site's port) when given."""
    (site.root / name).write_text(
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Notre ONG</title>\n</head>\n'
        "<body>\n<main>\n<h1>Notre ONG – Côte d'Ivoire</h1>\n<h2>Ressources sur le cacao</h2>\n"
        f'<script src="{live_api.url}/embed/v1/widget.js" defer></script>\n'
        f'<crv-search lang="fr" {attributes}><a href="{live_api.url}/fr/recherche">Rechercher</a></crv-search>\n'
        "</main>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    url = site.url(name)
    return url.replace("127.0.0.1", host, 1) if host else url


@pytest.fixture(scope="module")
def ngo_browser(browser: Any) -> Iterator[Any]:
    """Chromium resolving the NGO's host name to this machine, where the static sites listen."""
    rule = f"--host-resolver-rules=MAP {NGO_HOST} 127.0.0.1"
    chromium = browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, rule])
    yield chromium
    chromium.close()


@pytest.fixture
def visitor(ngo_browser: Any) -> Iterator[Any]:
    context = ngo_browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    uncaught: list[str] = []
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    yield page
    context.close()
    assert not uncaught


# The builder


def test_the_builder_works_without_a_script(browser: Any, live_api: LiveApi) -> None:
    """Chosen in the lists and sent: the page comes back with the codes in the snippet, the widget's element, and
    its fallback link — which a browser without the script shows, filters kept."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang=fr")
        page.get_by_label("Pays").select_option(label="Côte d’Ivoire")
        page.get_by_label("Secteur ou produit").select_option("cocoa")
        page.locator("form.builder button[type='submit']").click()
        page.wait_for_url("**#snippet")
        sent = query(page.url)
        assert sent["lang"] == ["fr"] and sent["country"] == ["CI"] and sent["sector"] == ["cocoa"]
        element = page.locator("section.demo crv-search")
        assert element.get_attribute("country") == "CI" and element.get_attribute("sector") == "cocoa"
        assert '<crv-search lang="fr" country="CI" sector="cocoa"' in page.locator("#snippet-code").input_value()
        fallback = element.locator("a")
        assert fallback.is_visible()
        assert fallback.get_attribute("href") == f"{live_api.url}/fr/recherche?country=CI&sector=cocoa"
        fallback.click()
        page.wait_for_url(f"{live_api.url}/fr/recherche?country=CI&sector=cocoa")
        assert page.locator(".chips").inner_text().count("×") == 2  # both filters on the centre's page
    finally:
        context.close()


def test_the_builder_by_keyboard(page: Any, live_api: LiveApi) -> None:
    """Type-ahead and arrows in the lists, Tab to the button, Enter: the page's widget comes back filtered."""
    page.goto(f"{live_api.url}/embed/demo?lang=fr")
    page.locator("#b-country").focus()
    page.keyboard.type("Cro", delay=50)  # « Croatie », then the one before it, A–Z accents aside
    page.keyboard.press("ArrowUp")
    assert page.locator("#b-country").input_value() == "CI"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "b-sector"
    page.keyboard.type("Cacao", delay=50)
    page.keyboard.press("Tab")  # the fold of the other filters
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**#snippet")
    assert query(page.url)["country"] == ["CI"] and query(page.url)["sector"] == ["cocoa"]
    scope = page.locator("section.demo crv-search .scope")
    scope.wait_for()
    assert scope.inner_text() == "Limité à\u00a0: Côte d’Ivoire, Cacao"
    page.locator("section.demo crv-search li.hit").first.wait_for()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
@pytest.mark.parametrize(("lang", "width"), [("fr", 375), ("en", 1280)])
def test_the_builder_passes_axe_and_fits_a_phone(browser: Any, live_api: LiveApi, lang: str, width: int) -> None:
    """Every part shown: filters in the lists and a ticked extra country, the other filters unfolded, the notes on
    what the address gave, the widget with its results."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe runs inline
    try:
        page = context.new_page()
        address = "country=CI&country=GH&sector=cacao&risk=child-labour&type=nothing&site=https://www.ong.example"
        page.goto(f"{live_api.url}/embed/demo?lang={lang}&{address}")
        page.locator("section.demo crv-search li.hit").first.wait_for()
        assert page.locator(".embed-demo .caution li").count() == 2
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()


# A misconfigured widget: its visitors, its webmaster


def test_visitors_read_a_plain_message_and_the_webmaster_the_console(
    visitor: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    """The audit's page (names where codes go) on the NGO's own host: its visitors read, in French, that the search
    could not be completed, and a link to the centre's search; the API's English detail, its « did you mean »,
    and where to see it are in the console only."""
    _, other = static_sites
    warnings = console_warnings(visitor)
    visitor.goto(ngo_page(live_api, other, "names.html", 'country="Côte d\'Ivoire" sector="cacao"', NGO_HOST))
    alert = visitor.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.locator("p").all_inner_texts() == [
        "La recherche n’a pas pu aboutir.",
        "Rechercher sur le site du centre de ressources",
    ]
    assert "console" not in alert.inner_text() and "unknown" not in alert.inner_text()
    link = alert.get_by_role("link", name="Rechercher sur le site du centre de ressources")
    assert query(link.get_attribute("href"))["country"] == ["Côte d'Ivoire"]
    detail = [w for w in warnings if w.startswith("crv-search: 422 ")]
    assert len(detail) == 1 and "did you mean 'CI'?" in detail[0] and "did you mean 'cocoa'?" in detail[0]
    assert any(f"{live_api.url}/embed/demo writes the snippet" in w for w in warnings), warnings
    link.click()  # the centre's own search, which says which of the element's values it left out
    visitor.wait_for_url(f"{live_api.url}/fr/recherche?**")
    assert visitor.locator("h1").inner_text() == "Rechercher dans le centre de ressources"


def test_visitors_of_an_unreachable_centre_are_not_sent_to_the_console(
    visitor: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    _, other = static_sites
    visitor.goto(ngo_page(live_api, other, "down.html", 'country="CI" api="http://127.0.0.1:9"', NGO_HOST))
    alert = visitor.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.locator("p").all_inner_texts()[0] == (
        "Le centre de ressources est injoignable ou bloqué. Réessayez plus tard."
    )
    assert "console" not in alert.inner_text()
    assert alert.get_by_role("button", name="Réessayer").is_visible()


def test_the_webmaster_setting_up_sees_the_detail_and_the_way_to_the_codes(
    page: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    """The same page served from 127.0.0.1, as while it is set up: the API's words, that visitors will not read
    them, and a link to the builder, which takes the names for their codes."""
    _, other = static_sites
    page.goto(ngo_page(live_api, other, "setup.html", 'country="Côte d\'Ivoire" sector="cacao"'))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    plain, detail, where = alert.locator("p").all_inner_texts()
    assert plain == "La recherche n’a pas pu aboutir."
    assert detail.startswith("Réglage du composant à corriger\u00a0: country: unknown value") and "'CI'" in detail
    assert where.startswith("Ce détail ne s’affiche que pendant la mise en place")
    builder = alert.get_by_role("link", name="Choisir les codes dans le générateur d’extrait")
    builder.click()
    page.wait_for_url(f"{live_api.url}/embed/demo?**")
    assert query(page.url)["country"] == ["Côte d'Ivoire"]
    element = page.locator("section.demo crv-search")
    assert element.get_attribute("country") == "CI" and element.get_attribute("sector") == "cocoa"
    assert page.locator("#b-country").input_value() == "CI"
