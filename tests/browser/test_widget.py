"""The <crv-search> widget in headless Chromium, embedded in pages served from other origins than the API."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.browser.conftest import ROOT, LiveApi, StaticSite, publish_demo

Sites = tuple[StaticSite, StaticSite]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def wait_for_status(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('crv-search').shadowRoot.querySelector('[aria-live]').textContent === text",
        arg=text,
    )


def console_warnings(page: Any) -> list[str]:
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    return warnings


def hit_titles(page: Any) -> list[str]:
    titles: list[str] = page.locator("crv-search li.hit h3").all_inner_texts()
    return titles


def test_typing_shows_highlighted_results(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    _, other = static_sites
    page.goto(publish_demo(live_api, other, "anonymous.html", lang="fr"))  # no key: anonymous, any origin
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    page.locator("crv-search li.hit").first.wait_for()  # the initial, unfiltered list
    search.press_sequentially("briques", delay=30)
    wait_for_status(page, "2 résultats.")  # the French sheet, then its English version (« briques » = bricks)
    first = page.locator("crv-search li.hit h3 a").first
    assert page.locator("crv-search li.hit").count() == 2
    assert "Pakistan" in first.inner_text()
    assert first.get_attribute("href") == f"{live_api.url}/fr/ressources/pakistan"
    assert page.locator("crv-search li.hit mark").first.inner_text().lower().startswith("brique")
    # the excerpt's heading and paragraph told apart, not run together
    assert "Biens concernés · Les briques" in page.locator("crv-search li.hit .snippet").first.inner_text()
    assert page.locator("crv-search [aria-live='polite']").inner_text() == "2 résultats."
    # keyboard: Down arrow from the box goes to the first result
    search.press("ArrowDown")
    assert page.evaluate("document.querySelector('crv-search').shadowRoot.activeElement.tagName") == "A"
    # the link leads to the server-rendered page of the resource
    first.click()
    page.wait_for_url(f"{live_api.url}/fr/ressources/pakistan")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Pakistan" in page.locator("h1").inner_text()


def test_facet_narrows_results(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """One request per search (a cold load: the search alone, its answer labelling the facets and the hits — the
    quota counts one), the labels in the widget's language; a ticked value keeps its label."""
    _, other = static_sites
    sent = api_requests(page, live_api)
    page.goto(publish_demo(live_api, other, "facets.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert [urlsplit(url).path for url in sent] == ["/v1/search"], sent
    assert page.locator("crv-search li.hit").count() == 8  # four resources, French versions first
    assert page.get_by_role("checkbox", name=re.compile(r"^Fiche risque \(\d+\)$")).count() == 1  # not risk_sheet
    pakistan = page.get_by_role("checkbox", name=re.compile(r"^Pakistan"))
    pakistan.check()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 2")
    assert hit_titles(page) == ["Pakistan\u00a0: briques et servitude pour dettes", "Pakistan: bricks and debt bondage"]
    assert page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).is_checked()
    assert len(sent) == 2 and all(urlsplit(url).path == "/v1/search" for url in sent)  # one more: the search
    page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).uncheck()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 8")


def api_requests(page: Any, live_api: LiveApi) -> list[str]:
    """The URLs of the requests the page makes to the API, but for the widget's script."""
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.startswith(live_api.url + "/v1/") else None)
    return sent


def test_fixed_filter_holds_in_the_browser(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """A sector=cocoa key: the results are cocoa's, and there is no « Secteur » box listing cocoa alone (the
    answer names the key's fixed filters); the other facets stay. One request per search, none for labels."""
    allowed, _ = static_sites
    sent = api_requests(page, live_api)
    page.goto(publish_demo(live_api, allowed, "cocoa.html", lang="fr", key=live_api.cocoa_key))
    page.locator("crv-search li.hit").first.wait_for()
    titles = hit_titles(page)
    assert titles and all("acao" in t or "cocoa" in t for t in titles)  # Côte d'Ivoire's cocoa sheet, the cocoa tool
    assert page.locator("crv-search fieldset[data-facet='sector']").count() == 0
    assert page.locator("crv-search fieldset").count() >= 2 and page.get_by_role("group", name="Secteur").count() == 0
    metas = page.locator("crv-search li.hit .meta").all_inner_texts()  # labelled by the answer, not by code
    assert "Fiche risque · Côte d’Ivoire" in metas and not any("risk_sheet" in m or "CI" in m for m in metas), metas
    assert [urlsplit(url).path for url in sent] == ["/v1/search"]
    if AXE.exists():
        assert axe_violations(page) == []
    countries = page.locator("crv-search fieldset[data-facet='country'] input[type='checkbox']")
    assert "PK" not in [countries.nth(i).get_attribute("value") for i in range(countries.count())]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("briques Pakistan")
    page.locator("crv-search li.empty").wait_for()
    assert page.locator("crv-search li.hit").count() == 0


def test_origin_not_allowed_is_refused(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """The key's refusal is readable (403 with CORS): the visitor is told this site may not use the key — not that
    the centre is down, with no Retry button that could never work — and the webmaster finds the API's detail in
    the console."""
    _, other = static_sites
    warnings = console_warnings(page)
    page.goto(publish_demo(live_api, other, "stolen.html", lang="en", key=live_api.cocoa_key))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.inner_text() == "This site is not allowed to use this embedding key."
    assert page.locator("crv-search [role='alert'] button").count() == 0
    assert page.locator("crv-search li.hit").count() == 0
    assert any(f"403 The origin {other.origin} is not allowed to use this key" in w for w in warnings), warnings
    direct = httpx.get(
        f"{live_api.url}/v1/search", params={"key": live_api.cocoa_key}, headers={"Origin": other.origin}
    )
    assert direct.status_code == 403 and direct.headers["access-control-allow-origin"] == "*"
    assert "hits" not in direct.json()  # the refusal, never what the key would have answered


def test_a_refused_search_tells_the_visitor_plainly(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """A misspelt preset filter (sector="cocao"): the visitor reads a plain message in the widget's language, the
    webmaster the API's developer message in the console."""
    _, other = static_sites
    warnings = console_warnings(page)
    page.goto(publish_demo(live_api, other, "cocao.html", lang="fr", sector="cocao"))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.inner_text() == "La recherche n’a pas pu aboutir."
    assert page.locator("crv-search [role='alert'] button").count() == 0  # trying again would not help
    assert any("422" in w and "cocao" in w and "/v1/taxonomies/sectors" in w for w in warnings), warnings


def test_an_unreachable_centre_offers_to_try_again(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    _, other = static_sites
    url = publish_demo(live_api, other, "down.html", lang="en")
    html = (other.root / "down.html").read_text(encoding="utf-8")
    (other.root / "down.html").write_text(
        html.replace("<crv-search ", '<crv-search api="http://127.0.0.1:9" '), encoding="utf-8"
    )
    page.goto(url)
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.inner_text().startswith("The resource centre cannot be reached. Try again later.")
    assert "not allowed" not in alert.inner_text()
    assert page.locator("crv-search [role='alert'] button", has_text="Try again").is_visible()


def test_invalid_key_message(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    allowed, _ = static_sites
    page.goto(publish_demo(live_api, allowed, "invalid.html", lang="fr", key="crv_pk_00000000_" + "0" * 64))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert "invalide" in alert.inner_text()


def test_quota_message_with_retry_time(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    allowed, _ = static_sites
    page.goto(publish_demo(live_api, allowed, "tight.html", lang="fr", key=live_api.tight_key))
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    alert = page.locator("crv-search [role='alert']")
    for word in ("cacao", "briques", "risques", "travail"):
        if alert.is_visible():
            break
        search.fill(word)
        page.wait_for_timeout(400)
    alert.wait_for()
    assert re.search(r"Nouvel essai automatique dans \d+ s\.", alert.inner_text())


def test_highlights_are_inserted_as_text(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    _, other = static_sites
    page.goto(publish_demo(live_api, other, "hostile.html", lang="fr"))
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("outil cacao")
    link = page.locator("crv-search li.hit h3 a", has_text="onerror").first
    link.wait_for()
    assert '<img src=x onerror="window.__pwned=1">' in link.inner_text()
    assert page.locator("crv-search li.hit img, crv-search li.hit script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_english_interface_and_pagination(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    _, other = static_sites
    url = publish_demo(live_api, other, "english.html", lang="en")
    (other.root / "paged.html").write_text(
        (other.root / "english.html").read_text(encoding="utf-8").replace('per-page="10"', 'per-page="1"'),
        encoding="utf-8",
    )
    page.goto(url.replace("english.html", "paged.html"))
    status = page.locator("crv-search [aria-live='polite']")
    page.locator("crv-search li.hit").first.wait_for()
    assert status.inner_text() == "8 results. Page 1 of 8."
    assert page.get_by_role("searchbox", name="Search the resource centre").is_visible()
    first_title = hit_titles(page)[0]
    page.get_by_role("button", name="Next page").click()
    page.wait_for_function(
        "document.querySelector('crv-search').shadowRoot.querySelector('[aria-live]').textContent.includes('Page 2')"
    )
    assert hit_titles(page)[0] != first_title
    assert page.get_by_role("button", name="Previous page").is_enabled()


def test_the_widgets_language_is_a_preference_not_a_filter(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """« cacao » in a French widget: the French sheet first, the English one kept (issue 14). The widget sends its
    language as ``prefer_lang``, never as the ``lang`` filter that would hide the English versions."""
    _, other = static_sites
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/v1/search" in r.url else None)
    page.goto(publish_demo(live_api, other, "preference.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("cacao côte ")
    wait_for_status(page, "2 résultats.")
    assert hit_titles(page) == [
        "Côte d’Ivoire\u00a0: travail des enfants dans le cacao",
        "Côte d'Ivoire: child labour in cocoa",
    ]
    for url in sent:
        params = parse_qs(urlsplit(url).query)
        assert params["prefer_lang"] == ["fr"] and "lang" not in params, url
    assert any(parse_qs(urlsplit(url).query).get("q") == ["cacao côte"] for url in sent)


def test_the_widget_says_which_words_its_results_are_without(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """No resource holds « Groenland »: the results are those of « briques », and the status line (the live region
    that reads the count) says so, in the widget's language; a search that finds every word says nothing more."""
    _, other = static_sites
    page.goto(publish_demo(live_api, other, "left-out-fr.html", lang="fr"))
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    page.locator("crv-search li.hit").first.wait_for()
    search.fill("briques Groenland")
    wait_for_status(
        page,
        "2 résultats. Aucun résultat n’a tous les mots\u00a0: voici ceux sans «\u00a0groenland\u00a0».",
    )
    line = page.locator("crv-search [aria-live='polite'] .left-out")
    assert line.is_visible()
    status_box = page.locator("crv-search [aria-live='polite']").bounding_box()
    first_hit = page.locator("crv-search li.hit").first.bounding_box()
    assert status_box["y"] + status_box["height"] <= first_hit["y"]  # above the results
    assert line.bounding_box()["y"] > status_box["y"]  # on a line of its own, under the count
    search.fill("briques Pakistan")
    wait_for_status(page, "2 résultats.")
    assert line.count() == 0

    page.goto(publish_demo(live_api, other, "left-out-en.html", lang="en"))
    page.locator("crv-search li.hit").first.wait_for()
    page.get_by_role("searchbox", name="Search the resource centre").fill("briques Groenland")
    wait_for_status(page, "2 results. No result has every word: showing results without “groenland”.")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # the third-party page has no CSP
    found: list[dict[str, Any]] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)})))",
        WCAG,
    )
    return found


def top(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None
    return float(box["y"])


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_a_narrow_widget_puts_its_results_first(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """In a 340 px column of a wide page (its own width counts, not the viewport's) the filters fold behind a
    « Filtres » button that counts those ticked, so the results come right under the box; widened, the widget is
    as it always was. On a phone (375 px) the first result is on the first screen."""
    _, other = static_sites
    url = publish_demo(live_api, other, "column.html", lang="fr")
    html = (other.root / "column.html").read_text(encoding="utf-8")
    column = html.replace("<crv-search ", '<div id="column" style="width: 340px"><crv-search ').replace(
        "</crv-search>", "</crv-search></div>"
    )
    (other.root / "column.html").write_text(column, encoding="utf-8")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    page.locator("crv-search li.hit").first.wait_for()
    toggle = page.get_by_role("button", name="Filtres", exact=True)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "filters"
    assert not page.locator("crv-search fieldset").first.is_visible()
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    first_hit = page.locator("crv-search li.hit").first
    assert top(search) < top(toggle) < top(first_hit) < top(search) + 250
    assert axe_violations(page) == []  # folded
    # keyboard: open, tick a filter, the button counts it; close again
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("crv-search fieldset").first.is_visible()
    assert top(toggle) < top(page.locator("crv-search fieldset").first) < top(first_hit)
    page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).check()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 2")
    toggle = page.get_by_role("button", name="Filtres (1)", exact=True)
    assert toggle.get_attribute("aria-expanded") == "true"  # a new search keeps the filters open
    assert axe_violations(page) == []  # open, a filter ticked
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("crv-search fieldset").first.is_visible()
    # widened by its page (the viewport unchanged): the filters beside the results, no button
    page.evaluate("document.getElementById('column').style.width = '900px'")
    page.locator("crv-search fieldset").first.wait_for(state="visible")
    assert not toggle.is_visible()
    facets = page.locator("crv-search .facets").bounding_box()
    results = page.locator("crv-search .main").bounding_box()
    assert facets is not None and results is not None
    assert facets["x"] + facets["width"] <= results["x"] and abs(facets["y"] - results["y"]) < 2

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(publish_demo(live_api, other, "phone.html", lang="en"))
    page.locator("crv-search li.hit").first.wait_for()
    page.locator("crv-search").evaluate("widget => widget.scrollIntoView()")  # the widget at the top of the screen
    assert page.get_by_role("button", name="Filters", exact=True).is_visible()
    box = page.locator("crv-search li.hit").first.bounding_box()
    assert box is not None and box["y"] < 740
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_a_publisher_attribute_searches_one_organisation_s_resources(
    page: Any, live_api: LiveApi, static_sites: Sites
) -> None:
    """A partner's widget searching its own resources: ``publisher`` goes with every search as the other filter
    attributes do; an organisation with nothing published finds nothing, and a malformed code is refused plainly
    (the API's detail, saying where codes are listed, in the console)."""
    _, other = static_sites
    warnings = console_warnings(page)
    sent = api_requests(page, live_api)
    url = publish_demo(live_api, other, "publisher.html", lang="fr")
    html = (other.root / "publisher.html").read_text(encoding="utf-8")
    (other.root / "publisher.html").write_text(
        html.replace("<crv-search ", '<crv-search publisher="crv" '), encoding="utf-8"
    )
    page.goto(url)
    wait_for_status(page, "8 résultats.")  # every fixture resource is the centre's
    assert sent and all(parse_qs(urlsplit(url).query).get("publisher") == ["crv"] for url in sent), sent
    widget = page.locator("crv-search")
    widget.evaluate("widget => widget.setAttribute('publisher', 'ong-nobody')")
    wait_for_status(page, "Aucun résultat.")
    assert parse_qs(urlsplit(sent[-1]).query)["publisher"] == ["ong-nobody"]
    widget.evaluate("widget => widget.setAttribute('publisher', 'Enfance & Cacao')")
    page.locator("crv-search [role='alert']").wait_for()
    assert page.locator("crv-search [role='alert']").inner_text() == "La recherche n’a pas pu aboutir."
    assert any("422" in w and "facets=publisher" in w for w in warnings), warnings
