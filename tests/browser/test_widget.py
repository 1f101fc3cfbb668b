"""The <crv-search> widget in headless Chromium, embedded in pages served from other origins than the API."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.browser.conftest import LiveApi, StaticSite, publish_demo

Sites = tuple[StaticSite, StaticSite]


def wait_for_status(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('crv-search').shadowRoot.querySelector('[aria-live]').textContent === text",
        arg=text,
    )


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
    _, other = static_sites
    page.goto(publish_demo(live_api, other, "facets.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    assert page.locator("crv-search li.hit").count() == 8  # four resources, French versions first
    pakistan = page.get_by_role("checkbox", name=re.compile(r"^Pakistan"))
    pakistan.check()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 2")
    assert hit_titles(page) == ["Pakistan\u00a0: briques et servitude pour dettes", "Pakistan: bricks and debt bondage"]
    assert page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).is_checked()
    page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).uncheck()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 8")


def test_fixed_filter_holds_in_the_browser(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    allowed, _ = static_sites
    page.goto(publish_demo(live_api, allowed, "cocoa.html", lang="fr", key=live_api.cocoa_key))
    page.locator("crv-search li.hit").first.wait_for()
    titles = hit_titles(page)
    assert titles and all("acao" in t or "cocoa" in t for t in titles)  # Côte d'Ivoire's cocoa sheet, the cocoa tool
    sectors = page.locator("crv-search fieldset[data-facet='sector'] input[type='checkbox']")
    assert [sectors.nth(i).get_attribute("value") for i in range(sectors.count())] == ["cocoa"]
    countries = page.locator("crv-search fieldset[data-facet='country'] input[type='checkbox']")
    assert "PK" not in [countries.nth(i).get_attribute("value") for i in range(countries.count())]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("briques Pakistan")
    page.locator("crv-search li.empty").wait_for()
    assert page.locator("crv-search li.hit").count() == 0


def test_origin_not_allowed_is_refused(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    _, other = static_sites
    blocked: list[str] = []
    page.on("requestfailed", lambda r: blocked.append(r.url) if "/v1/search" in r.url else None)
    page.goto(publish_demo(live_api, other, "stolen.html", lang="en", key=live_api.cocoa_key))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert "cannot be reached" in alert.inner_text()
    assert page.locator("crv-search li.hit").count() == 0
    assert blocked  # the API said 403 without CORS headers: the browser let the page read nothing
    direct = httpx.get(
        f"{live_api.url}/v1/search", params={"key": live_api.cocoa_key}, headers={"Origin": other.origin}
    )
    assert direct.status_code == 403 and "access-control-allow-origin" not in direct.headers


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
