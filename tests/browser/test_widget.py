"""The <crv-search> widget in headless Chromium, embedded in pages served from other origins than the API."""

import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi, QuietHandler, StaticSite, publish_demo

Sites = tuple[StaticSite, StaticSite]


def wait_for_status(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('crv-search').shadowRoot.querySelector('[role=status]').textContent === text",
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
    wait_for_status(page, "1 résultat.")  # the French sheet (« briques » = bricks): the widget's language
    first = page.locator("crv-search li.hit h3 a").first
    assert page.locator("crv-search li.hit").count() == 1
    assert "Pakistan" in first.inner_text()
    assert first.get_attribute("href") == f"{live_api.url}/fr/ressources/pakistan"
    assert page.locator("crv-search li.hit mark").first.inner_text().lower().startswith("brique")
    # the excerpt's heading and paragraph told apart, not run together
    assert "Biens concernés · Les briques" in page.locator("crv-search li.hit .snippet").first.inner_text()
    assert page.locator("crv-search [role='status']").inner_text() == "1 résultat."
    # keyboard: Down arrow from the box goes to the first result
    search.press("ArrowDown")
    assert page.evaluate("document.querySelector('crv-search').shadowRoot.activeElement.tagName") == "A"
    # the link leads to the server-rendered page of the resource
    first.click()
    page.wait_for_url(f"{live_api.url}/fr/ressources/pakistan")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Pakistan" in page.locator("h1").inner_text()


def test_facet_narrows_results(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """A search is one request (its answer labelling the facets and the hits — the quota counts one), and one more
    only when it finds fewer than 5 in the widget's language (the other language's count, for the offer): the
    fixture corpus has 4 resources. The labels are in the widget's language; a ticked value keeps its label."""
    _, other = static_sites
    sent = api_requests(page, live_api)
    page.goto(publish_demo(live_api, other, "facets.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    page.get_by_role("button", name="4 résultats en anglais").wait_for()
    page.wait_for_load_state("networkidle")
    assert [(urlsplit(url).path, languages(url)) for url in sent] == [("/v1/search", ["fr"]), ("/v1/search", ["en"])]
    assert page.locator("crv-search li.hit").count() == 4  # four resources, their French versions
    assert page.get_by_role("checkbox", name=re.compile(r"^Fiche risque \(2\)$")).count() == 1  # not risk_sheet, nor 4
    pakistan = page.get_by_role("checkbox", name=re.compile(r"^Pakistan"))
    pakistan.check()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 1")
    assert hit_titles(page) == ["Pakistan\u00a0: briques et servitude pour dettes"]
    assert page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).is_checked()
    page.get_by_role("button", name="1 résultat en anglais").wait_for()
    assert len(sent) == 4 and all(urlsplit(url).path == "/v1/search" for url in sent)  # the search, the offer's count
    page.get_by_role("checkbox", name=re.compile(r"^Pakistan")).uncheck()
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 4")


def languages(url: str) -> list[str]:
    """The `lang` filter of a search's URL."""
    return parse_qs(urlsplit(url).query).get("lang", [])


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
    assert page.locator("crv-search .scope").inner_text() == "Limité à\u00a0: Cacao"  # the key's, named
    page.wait_for_load_state("networkidle")
    assert [urlsplit(url).path for url in sent] == ["/v1/search", "/v1/search"]  # 2 found: the offer's count
    if AXE.exists():
        assert axe_violations(page) == []
    countries = page.locator("crv-search fieldset[data-facet='country'] input[type='checkbox']")
    assert "PK" not in [countries.nth(i).get_attribute("value") for i in range(countries.count())]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("briques Pakistan")
    page.locator("crv-search li.empty").wait_for()
    assert page.locator("crv-search li.hit").count() == 0


def test_origin_not_allowed_is_refused(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """The key's refusal is readable (403 with CORS): the visitor is told this site may not use the key — not that
    the centre is down, with no Retry button that could never work — and is offered the same words on the centre's
    own search page, in the widget's language; no empty « Filters » button (a phone's width folds the filters);
    the webmaster finds the API's detail in the console."""
    _, other = static_sites
    warnings = console_warnings(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(publish_demo(live_api, other, "stolen.html", lang="en", key=live_api.cocoa_key))
    alert = page.locator("crv-search [role='alert']")
    alert.wait_for()
    assert alert.locator("p").all_inner_texts() == [
        "This site is not allowed to use this embedding key.",
        "Search on the resource centre’s site",
    ]
    assert page.locator("crv-search [role='alert'] button").count() == 0
    assert page.locator("crv-search [role='alert'] a").get_attribute("href") == f"{live_api.url}/en/search"
    assert page.locator("crv-search li.hit").count() == 0
    assert page.locator("crv-search .toggle").is_hidden() and page.locator("crv-search .facets").is_hidden()
    assert any(f"403 The origin {other.origin} is not allowed to use this key" in w for w in warnings), warnings
    page.get_by_role("searchbox", name="Search the resource centre").fill("cocoa & bricks")
    way = page.get_by_role("link", name="Search for “cocoa & bricks” on the resource centre’s site")
    way.wait_for()
    assert way.get_attribute("href") == f"{live_api.url}/en/search?q=cocoa+%26+bricks"
    way.click()
    page.wait_for_url(f"{live_api.url}/en/search?q=cocoa+%26+bricks")
    direct = httpx.get(
        f"{live_api.url}/v1/search", params={"key": live_api.cocoa_key}, headers={"Origin": other.origin}
    )
    assert direct.status_code == 403 and direct.headers["access-control-allow-origin"] == "*"
    assert "hits" not in direct.json()  # the refusal, never what the key would have answered


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
    first, *ways = alert.locator("p").all_inner_texts()
    assert first == "The resource centre cannot be reached or is blocked. Try again later."
    assert ways[0] == "Details in the browser’s console."  # a page served from 127.0.0.1: being set up
    assert "not allowed" not in alert.inner_text()
    assert page.locator("crv-search [role='alert'] button", has_text="Try again").is_visible()


def test_invalid_key_message(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """A revoked or mistyped key: said, and the same words offered on the centre's French search page, with the
    element's own filters."""
    allowed, _ = static_sites
    key = "crv_pk_00000000_" + "0" * 64
    page.goto(publish_demo(live_api, allowed, "invalid.html", lang="fr", key=key, sector="cocoa"))
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("travail forcé")
    way = page.get_by_role("link", name="Rechercher «\u00a0travail forcé\u00a0» sur le site du centre de ressources")
    way.wait_for()
    assert "invalide" in page.locator("crv-search [role='alert']").inner_text()
    assert way.get_attribute("href") == f"{live_api.url}/fr/recherche?q=travail+forc%C3%A9&sector=cocoa"


def test_quota_message_counts_down(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """Past the key's quota (3 a minute): the time before the automatic retry counts down, and nothing of the
    previous words' answer stays under the message (no results, facets nor count for other words than those in
    the box)."""
    allowed, _ = static_sites
    page.goto(publish_demo(live_api, allowed, "tight.html", lang="fr", key=live_api.tight_key))
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    alert = page.locator("crv-search [role='alert']")
    page.locator("crv-search li.hit, crv-search [role='alert']:not([hidden])").first.wait_for()
    for word in ("cacao", "briques", "risques", "travail", "enfants"):
        if alert.is_visible():
            break
        search.fill(word)
        page.wait_for_timeout(600)
    alert.wait_for()
    text, way = alert.locator("p").all_inner_texts()
    assert re.fullmatch(r"Trop de recherches en peu de temps\. Nouvel essai automatique dans \d+\u00a0s\.", text), text
    # a way on meanwhile: the same words on the centre's own search page, in the widget's language
    words = search.input_value()
    assert way == f"Rechercher «\u00a0{words}\u00a0» sur le site du centre de ressources"
    link = alert.get_by_role("link", name=way)
    assert link.get_attribute("href") == f"{live_api.url}/fr/recherche?q={words}"
    assert page.locator("crv-search li.hit, crv-search fieldset, crv-search .pager:visible").count() == 0
    assert page.locator("crv-search [role='status']").inner_text() == ""
    seconds = page.locator("crv-search [role='alert'] .seconds")
    assert seconds.get_attribute("aria-live") == "off"  # the alert says it once, not every second
    before = int(seconds.inner_text())
    page.wait_for_function(
        "before => { const s = document.querySelector('crv-search').shadowRoot.querySelector('.seconds');"
        " return !s || Number(s.textContent) < before; }",
        arg=before,
        timeout=2500,
    )


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
    status = page.locator("crv-search [role='status']")
    page.locator("crv-search li.hit").first.wait_for()
    assert status.inner_text() == "4 results. Page 1 of 4."
    assert page.get_by_role("searchbox", name="Search the resource centre").is_visible()
    first_title = hit_titles(page)[0]
    page.get_by_role("button", name="Next page").click()
    page.wait_for_function(
        "document.querySelector('crv-search').shadowRoot.querySelector('[role=status]').textContent.includes('Page 2')"
    )
    assert hit_titles(page)[0] != first_title
    assert page.get_by_role("button", name="Previous page").is_enabled()


def test_the_widget_shows_its_language_and_offers_the_other(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """A French widget lists the French versions only (the `lang` filter, as the centre's search page does), not
    each resource twice; finding fewer than 5, it offers the English ones with their count, a button that shows
    them without asking again, and a way back. New words: French again."""
    _, other = static_sites
    sent = api_requests(page, live_api)
    page.goto(publish_demo(live_api, other, "language.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    search = page.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    search.fill("cacao côte ")
    wait_for_status(page, "1 résultat.")
    assert hit_titles(page) == ["Côte d’Ivoire\u00a0: travail des enfants dans le cacao"]
    offer = page.get_by_role("button", name="1 résultat en anglais", exact=True)
    offer.wait_for()
    page.wait_for_load_state("networkidle")
    mine = [p for p in (parse_qs(urlsplit(url).query) for url in sent) if "q" in p]  # those with words
    assert [(p["lang"], p["prefer_lang"], p["q"]) for p in mine] == [
        (["fr"], ["fr"], ["cacao côte"]),  # the search
        (["en"], ["fr"], ["cacao côte"]),  # its count in English, for the offer: one request more, no more
    ]
    asked = len(sent)
    offer.click()
    wait_for_status(page, "1 résultat en anglais.")
    assert hit_titles(page) == ["Côte d'Ivoire: child labour in cocoa"]
    assert page.locator("crv-search li.hit h3 a").get_attribute("lang") == "en"
    assert page.evaluate("document.querySelector('crv-search').shadowRoot.activeElement.tagName") == "A"
    assert len(sent) == asked  # shown from the answer already there
    page.get_by_role("button", name="Revenir aux résultats en français").click()
    wait_for_status(page, "1 résultat.")
    assert hit_titles(page) == ["Côte d’Ivoire\u00a0: travail des enfants dans le cacao"]
    offer.click()
    wait_for_status(page, "1 résultat en anglais.")
    search.fill("briques")
    wait_for_status(page, "1 résultat.")
    assert hit_titles(page) == ["Pakistan\u00a0: briques et servitude pour dettes"]


def test_enough_results_ask_nothing_more(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """Five results or more in the widget's language: no offer, and no request for one (the fixture corpus has 4
    resources, so the answer is made to say 12)."""
    _, other = static_sites
    sent = api_requests(page, live_api)

    def plenty(route: Any) -> None:
        answer = route.fetch()
        body = answer.json() | {"total": 12}
        route.fulfill(response=answer, json=body)

    page.route(re.compile(re.escape(f"{live_api.url}/v1/search?")), plenty)
    page.goto(publish_demo(live_api, other, "plenty.html", lang="fr"))
    wait_for_status(page, "12 résultats.")
    page.wait_for_load_state("networkidle")
    assert [languages(url) for url in sent] == [["fr"]]
    assert page.locator("crv-search .offer").inner_text() == ""


def test_all_languages_keeps_both_versions(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """``all-languages``: each resource's French version, then its English one (``prefer_lang``, not the ``lang``
    filter), and nothing to offer."""
    _, other = static_sites
    sent = api_requests(page, live_api)
    url = publish_demo(live_api, other, "both.html", lang="fr")
    html = (other.root / "both.html").read_text(encoding="utf-8")
    (other.root / "both.html").write_text(html.replace("<crv-search ", "<crv-search all-languages "), encoding="utf-8")
    page.goto(url)
    wait_for_status(page, "8 résultats.")
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("cacao côte ")
    wait_for_status(page, "2 résultats.")
    assert hit_titles(page) == [
        "Côte d’Ivoire\u00a0: travail des enfants dans le cacao",
        "Côte d'Ivoire: child labour in cocoa",
    ]
    page.wait_for_load_state("networkidle")
    assert len(sent) == 2 and all(languages(url) == [] for url in sent), sent
    assert all(parse_qs(urlsplit(url).query)["prefer_lang"] == ["fr"] for url in sent)
    assert page.locator("crv-search .offer button").count() == 0


def test_a_filtered_widget_says_so_and_opens_on_the_newest(page: Any, live_api: LiveApi, static_sites: Sites) -> None:
    """``sector="cocoa"``: « Limité à : Cacao » under the box, labelled by the answer; without words the newest
    first (the Côte d'Ivoire sheet, January 10, before the cocoa tool of January 5, which titles A–Z would put
    first), with words the most relevant."""
    _, other = static_sites
    sent = api_requests(page, live_api)
    page.goto(publish_demo(live_api, other, "sector.html", lang="fr", sector="cocoa"))
    wait_for_status(page, "2 résultats.")
    assert page.locator("crv-search .scope").inner_text() == "Limité à\u00a0: Cacao"
    assert hit_titles(page)[0] == "Côte d’Ivoire\u00a0: travail des enfants dans le cacao"
    assert parse_qs(urlsplit(sent[0]).query)["sort"] == ["published_at:desc"]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("outil")
    wait_for_status(page, "1 résultat.")
    assert "sort" not in parse_qs(urlsplit(sent[-1]).query)  # words: relevance, the API's default
    page.goto(publish_demo(live_api, other, "open.html", lang="fr"))
    page.locator("crv-search li.hit").first.wait_for()
    assert page.locator("crv-search .scope").is_hidden()  # limited to nothing: nothing said


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
        "1 résultat. Aucun résultat n’a tous les mots\u00a0: voici ceux sans «\u00a0groenland\u00a0».",
    )
    line = page.locator("crv-search [role='status'] .left-out")
    assert line.is_visible()
    status_box = page.locator("crv-search [role='status']").bounding_box()
    first_hit = page.locator("crv-search li.hit").first.bounding_box()
    assert status_box["y"] + status_box["height"] <= first_hit["y"]  # above the results
    assert line.bounding_box()["y"] > status_box["y"]  # on a line of its own, under the count
    search.fill("briques Pakistan")
    wait_for_status(page, "1 résultat.")
    assert line.count() == 0

    page.goto(publish_demo(live_api, other, "left-out-en.html", lang="en"))
    page.locator("crv-search li.hit").first.wait_for()
    page.get_by_role("searchbox", name="Search the resource centre").fill("briques Groenland")
    wait_for_status(page, "1 result. No result has every word: showing results without “groenland”.")


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
    page.wait_for_function("document.querySelector('crv-search').shadowRoot.querySelectorAll('li.hit').length === 1")
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
    wait_for_status(page, "4 résultats.")  # every fixture resource is the centre's
    assert sent and all(parse_qs(urlsplit(url).query).get("publisher") == ["crv"] for url in sent), sent
    widget = page.locator("crv-search")
    widget.evaluate("widget => widget.setAttribute('publisher', 'ong-nobody')")
    wait_for_status(page, "Aucun résultat.")
    assert parse_qs(urlsplit(sent[-1]).query)["publisher"] == ["ong-nobody"]
    widget.evaluate("widget => widget.setAttribute('publisher', 'Enfance & Cacao')")
    page.locator("crv-search [role='alert']").wait_for()
    assert page.locator("crv-search [role='alert'] p").first.inner_text() == "La recherche n’a pas pu aboutir."
    assert "facets=publisher" in page.locator("crv-search [role='alert'] p").nth(1).inner_text()  # being set up
    assert any("422" in w and "facets=publisher" in w for w in warnings), warnings


class PolicyHandler(QuietHandler):
    """Serves a host page with a Content-Security-Policy header: ``policy``, set by the fixture."""

    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory: pytest.TempPathFactory, live_api: LiveApi) -> Iterator[StaticSite]:
    """A third-party site whose pages allow the centre for scripts and requests, and their own style sheets only."""
    root = tmp_path_factory.mktemp("site-strict")
    policy = f"default-src 'none'; script-src {live_api.url}; connect-src {live_api.url}; style-src 'self'"
    handler = type("StrictHandler", (PolicyHandler,), {"policy": policy})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, name="site-strict", daemon=True).start()
    yield StaticSite(f"http://127.0.0.1:{server.server_address[1]}", root)
    server.shutdown()
    server.server_close()


def test_a_strict_content_security_policy_keeps_the_widget_styled(
    page: Any, live_api: LiveApi, strict_site: StaticSite
) -> None:
    """A host page whose policy allows the centre for scripts and requests, and only its own style sheets: the
    widget adopts a constructed stylesheet (which style-src does not govern) and sets no inline style, so it is
    styled and the browser reports no violation."""
    page.add_init_script(  # run by the browser whatever the page's policy
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"
    )
    reported: list[str] = []
    page.on("console", lambda m: reported.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(publish_demo(live_api, strict_site, "strict.html", lang="fr"))
    assert response is not None and "style-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("searchbox", name="Rechercher dans le centre de ressources").fill("briques")
    wait_for_status(page, "1 résultat.")
    styles = page.locator("crv-search input[type='search']").evaluate(
        "input => { const s = getComputedStyle(input); return [s.borderTopWidth, s.borderRadius, s.borderTopStyle]; }"
    )
    assert styles == ["2px", "6px", "solid"]  # the widget's, not the browser's inset 2px of a search box
    link = page.locator("crv-search li.hit h3 a").first.evaluate("a => getComputedStyle(a).color")
    assert link == "rgb(11, 92, 173)"  # --crv-accent, not the browser's link blue
    assert page.locator("crv-search li.hit").first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    inline = "document.querySelector('crv-search').shadowRoot.querySelectorAll('[style], style').length"
    assert page.evaluate(inline) == 0
    bad_key = "crv_pk_00000000_" + "0" * 64  # a message too: styled, its paragraphs without style=""
    page.locator("crv-search").evaluate("(widget, key) => widget.setAttribute('key', key)", bad_key)
    page.locator("crv-search [role='alert'] a").wait_for()
    assert page.locator("crv-search [role='alert'] p").first.evaluate("p => getComputedStyle(p).marginTop") == "0px"
    assert page.evaluate(inline) == 0
    assert page.evaluate("window.__violations") == [] and reported == []
