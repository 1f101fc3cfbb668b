"""An NGO field officer's phone (360 px, a slow and broken connection), in Chromium: offline, the search page stays
and says so, then catches up when the connection is back; an answer it cannot use is left to the browser; typing
at a phone's pace sends one request, not one a letter; « Show the N results » takes a phone's user from the open
filters to the results; wide tables become labelled cards. Each page passes axe-core at 360 and 1280 px and is
saved to var/screenshots/."""

import time
from typing import Any

import pytest

from app.i18n import gettext
from tests.browser.checks import check_widths
from tests.browser.conftest import LiveApi, with_content_resources

MADAGASCAR = "/fr/ressources/madagascar"
OFFLINE = "Offline: the results were not updated."


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    """The live API plus the real Madagascar country sheet (its goods table of five columns)."""
    return with_content_resources(live_api, "resources/risk-sheets/countries/country-mg")


def hidden_status(page: Any) -> bool:
    return bool(page.evaluate("document.getElementById('search-status').classList.contains('visually-hidden')"))


def test_offline_the_search_stays_says_so_and_catches_up_online(small_phone: Any, site: LiveApi) -> None:
    """It loaded the failed address: offline, Chromium's « No internet » page took the search's place."""
    small_phone.goto(site.url + "/fr/recherche?q=cacao")
    before = small_phone.inner_text("#result-count")
    small_phone.context.set_offline(True)
    small_phone.fill("#q", "travail enfants")
    small_phone.wait_for_function(
        "text => document.getElementById('search-status').textContent === text", arg=gettext("fr", OFFLINE)
    )
    assert small_phone.url == site.url + "/fr/recherche?q=cacao"  # still the page, not chrome-error://
    assert small_phone.inner_text("#result-count") == before and small_phone.input_value("#q") == "travail enfants"
    assert not small_phone.evaluate("document.getElementById('results').classList.contains('busy')")
    assert not hidden_status(small_phone)  # shown too: nothing else tells that the results are the former ones
    small_phone.context.set_offline(False)  # the browser's « online »: the search is sent again
    small_phone.wait_for_url("**/fr/recherche?q=travail+enfants")
    assert "travail enfants" in small_phone.inner_text("#result-count")
    assert hidden_status(small_phone)


def test_an_answer_without_the_search_is_left_to_the_browser(small_phone: Any, site: LiveApi) -> None:
    small_phone.goto(site.url + "/fr/recherche")
    small_phone.route(
        "**/fr/recherche?q=*",
        lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>Erreur du serveur</h1>"),
    )
    with small_phone.expect_navigation():
        small_phone.fill("#q", "cacao")
    assert small_phone.url.endswith("/fr/recherche?q=cacao") and small_phone.inner_text("h1") == "Erreur du serveur"


def test_typing_at_a_phones_pace_sends_one_request(small_phone: Any, site: LiveApi) -> None:
    """With 250 ms, « mica enfants » typed at 300 ms a key sent 12 requests (11 aborted, each a round trip)."""
    small_phone.goto(site.url + "/fr/recherche")
    sent: list[str] = []
    small_phone.on("request", lambda request: sent.append(request.url) if "/fr/recherche?" in request.url else None)
    small_phone.type("#q", "mica enfants", delay=300)
    small_phone.wait_for_url("**/fr/recherche?q=mica+enfants")
    small_phone.wait_for_function("!document.getElementById('results').classList.contains('busy')")
    assert sent[-1].endswith("?q=mica+enfants&typing=1")  # sent as typed: not counted in the editors' statistics
    assert len(sent) <= 2, sent  # one, a second if the machine stalled past twice the pace
    ticked = len(sent)
    small_phone.click("#search-filters > summary")
    small_phone.locator(".facets input[type=checkbox]").first.check()  # a filter is still immediate
    deadline = time.monotonic() + 0.3
    while len(sent) == ticked and time.monotonic() < deadline:
        small_phone.wait_for_timeout(20)
    assert len(sent) == ticked + 1


def test_show_the_results_folds_the_filters_and_brings_the_results(small_phone: Any, site: LiveApi) -> None:
    small_phone.goto(site.url + "/fr/recherche?q=cacao")
    small_phone.click("#search-filters > summary")
    box = small_phone.locator(".facets input[type=checkbox]").first
    box.scroll_into_view_if_needed()
    box.check()
    small_phone.wait_for_function("!document.getElementById('results').classList.contains('busy')")
    small_phone.wait_for_url("**&*")
    count = small_phone.inner_text("#result-count")
    button = small_phone.locator("#show-results")
    total = count.split()[0]
    shown = (
        gettext("fr", "Show the result")
        if total == "1"
        else gettext("fr", "Show the %(count)s results") % {"count": total}
    )
    assert button.is_visible() and button.inner_text() == shown
    top = button.bounding_box()
    assert top is not None and top["y"] + top["height"] <= 740  # kept at the foot of the screen
    check_widths(small_phone, "field-phone-search-filters", (1280, 360), height=740)
    button.click()
    assert not small_phone.evaluate("document.getElementById('search-filters').open")
    assert small_phone.evaluate("document.activeElement.id") == "results"
    results_top = small_phone.evaluate("document.getElementById('results').getBoundingClientRect().top")
    assert -1 <= results_top < 100  # at the top of the screen (to the subpixel)
    small_phone.wait_for_function(  # the count, said at once
        "() => document.getElementById('search-status').textContent"
        " === document.getElementById('result-count').textContent.replace(/\\s+/g, ' ').trim()"
    )
    small_phone.set_viewport_size({"width": 1280, "height": 740})
    assert not button.is_visible()  # wide, the filters stand beside the results


def test_wide_tables_become_labelled_cards_on_a_phone(small_phone: Any, site: LiveApi) -> None:
    small_phone.goto(site.url + "/fr/pays/")
    row = small_phone.locator("#country-table tbody tr:not([hidden])").first
    label = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"' + gettext("fr", "Most serious finding") + '" / ""'  # shown, not read (site.css)
    name = row.locator("th").bounding_box()  # the card's title, the country
    assert name is not None and name["width"] > 40 and name["height"] > 10
    assert small_phone.get_by_role(
        "link", name=gettext("fr", "Goods listed"), exact=True
    ).is_visible()  # sorts the cards
    table = small_phone.locator("#country-table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    for cell in row.locator("td").all():  # every cell on the screen, none cut off
        cell_box = cell.bounding_box()
        assert cell_box is not None and cell_box["x"] >= 0 and cell_box["x"] + cell_box["width"] <= 360
    check_widths(small_phone, "field-phone-countries", (1280, 360), height=740)
    small_phone.goto(site.url + MADAGASCAR)
    goods = small_phone.locator(".body table").first
    headings = goods.locator("thead th").all_inner_texts()
    assert "Travail forcé" in headings
    first = goods.locator("tbody tr").first.locator("th, td")  # the good, its row's header, then its findings
    labels = [cell.evaluate("td => td.dataset.label") for cell in first.all()]
    assert labels == headings
    forced = first.nth(headings.index("Travail forcé")).bounding_box()
    assert forced is not None and forced["x"] + forced["width"] <= 360
    check_widths(small_phone, "field-phone-madagascar", (1280, 360), height=740)
