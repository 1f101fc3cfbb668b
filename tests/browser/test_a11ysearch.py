"""The search page for keyboard and screen-reader users in Chromium (WCAG 2.2 AA, from an audit): the focus stays
where the keyboard was when the results change (2.4.3), the count is said by one status region kept from the load
(4.1.3), the keyboard meets the filters and the results in the order the eye does at every width (2.4.3, 1.3.2),
and spaced-out text does not widen the page at 320 px (1.4.12 with 1.4.10)."""

import json
import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import pytest

from app.services.site import search_page
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi

SEARCH = "/fr/recherche?q=cacao&risk=child-labour"
# The bookmarklet of WCAG 1.4.12's understanding document, as the audit applied it.
SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
FOCUSED = "(() => { const e = document.activeElement; return e.id || e.textContent.replace(/\\s+/g, ' ').trim(); })()"

Opener = Callable[..., Any]


@pytest.fixture(scope="module")
def tabs(browser: Any) -> Iterator[dict[bool, Any]]:
    """A page with JavaScript and one without, which the tests load again: a new context and page (a renderer) a
    test cost as much as most tests' checks. Playwright evaluates its predicates (and axe) in the page, which the
    pages' CSP forbids (test_csp.py)."""
    made = {}
    for js in (True, False):
        context = browser.new_context(java_script_enabled=js, locale="fr-FR", bypass_csp=True)
        page = made[js] = context.new_page()
        page.set_default_timeout(10_000)
        page.errors = []
        page.on("pageerror", lambda error, errors=page.errors: errors.append(str(error)))
    yield made
    for page in made.values():
        page.context.close()


@pytest.fixture
def open_page(tabs: dict[bool, Any], live_api: LiveApi) -> Iterator[Opener]:
    """Opens a path of the live site at a width, with or without JavaScript; no uncaught error allowed."""
    used: list[Any] = []

    def opener(path: str, width: int = 1280, js: bool = True) -> Any:
        page = tabs[js]
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_api.url + path)
        used.append(page)
        return page

    for page in tabs.values():
        page.errors.clear()
    yield opener
    for page in used:
        assert not page.errors, page.errors


def swapped(page: Any) -> None:
    """Marks the results as they are now, for ``wait_swapped``."""
    page.evaluate("document.getElementById('results').__old = true")


def wait_swapped(page: Any) -> None:
    page.wait_for_function("!document.getElementById('results').__old")


def test_choosing_a_sort_with_the_arrows_keeps_the_focus_on_the_select(open_page: Opener) -> None:
    """It fell to <body>, and the next Tab went to the top of the page."""
    page = open_page(SEARCH)
    page.focus("#sort")
    swapped(page)
    page.keyboard.press("ArrowDown")
    wait_swapped(page)
    assert page.url.endswith("&sort=published_at%3Adesc")
    assert page.evaluate(FOCUSED) == "sort"
    swapped(page)
    page.keyboard.press("ArrowDown")  # and choosing again goes on
    wait_swapped(page)
    assert page.url.endswith("&sort=published_at%3Aasc")
    assert page.evaluate(FOCUSED) == "sort"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('chip')")


def test_removing_a_filter_by_keyboard_moves_to_the_link_that_takes_its_place(open_page: Opener) -> None:
    page = open_page(SEARCH + "&country=CI&country=PK")
    chips = page.locator("ul.chips a.chip")
    before = chips.all_inner_texts()
    assert len(before) == 3
    chips.first.focus()
    swapped(page)
    page.keyboard.press("Enter")
    wait_swapped(page)
    assert chips.count() == 2
    assert page.evaluate(FOCUSED) == " ".join(before[1].split())  # the next filter
    chips.last.focus()
    swapped(page)
    page.keyboard.press("Enter")
    wait_swapped(page)
    assert chips.count() == 1
    assert page.evaluate(FOCUSED) == "Effacer tous les filtres"  # the last one gone: what follows it in the list
    swapped(page)
    page.keyboard.press("Enter")
    wait_swapped(page)
    assert chips.count() == 0
    assert page.evaluate(FOCUSED) == "results"  # no filter left: the results, whose next stop is the sort
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "sort"


def test_removing_the_only_filter_moves_to_the_results(open_page: Opener) -> None:
    page = open_page(SEARCH)
    page.locator("ul.chips a.chip").focus()
    swapped(page)
    page.keyboard.press("Enter")
    wait_swapped(page)
    assert page.locator("ul.chips").count() == 0
    assert page.evaluate(FOCUSED) == "results"


def test_the_count_is_said_once_typing_settles_by_a_status_kept_from_the_load(open_page: Opener) -> None:
    """Each pause in the typing brings results; the count is written, once, into the status region that was there
    at load (one inserted already filled is often not announced), and said again when the same count comes back."""
    page = open_page("/en/search")
    assert page.locator("[role=status]").count() == 1
    assert (
        page.evaluate("document.getElementById('results').contains(document.getElementById('search-status'))") is False
    )
    page.evaluate(
        """() => {
        window.__status = document.getElementById('search-status');
        window.__said = [];
        window.__swaps = 0;
        const say = () => { if (window.__status.textContent) window.__said.push(window.__status.textContent); };
        new MutationObserver(say)
            .observe(window.__status, {childList: true, characterData: true, subtree: true});
        new MutationObserver(records => { window.__swaps += records.filter(r => r.addedNodes.length).length; })
            .observe(document.querySelector('.search-layout'), {childList: true});
    }"""
    )
    box = page.get_by_role("searchbox", name="Words to search for")
    box.focus()
    for typed, letter in enumerate("bricks", start=1):
        page.keyboard.type(letter)
        page.wait_for_function(f"window.__swaps >= {typed}")  # results at each pause: the next key once they came
    page.wait_for_function("window.__said.length > 0")
    page.wait_for_timeout(1300)  # longer than the count's wait (1 s, search.js): it would be said again by now
    count = page.locator("#result-count").inner_text()
    assert count.startswith("1 result for")
    assert page.evaluate("window.__said") == [count]
    assert page.evaluate("document.getElementById('search-status') === window.__status")
    assert page.locator("#result-count").get_attribute("role") is None
    page.get_by_role("checkbox", name=re.compile("^Pakistan")).check()  # the same single result
    page.wait_for_function("window.__said.length === 2")
    assert page.evaluate("window.__said") == [count, count]


def focus_path(page: Any, stop: str, limit: int = 60) -> list[dict[str, Any]]:
    """Tabs from the search box until the focus is inside ``stop``: where each stop is (its middle), and what."""
    page.focus("#q")
    path: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        path.append(
            page.evaluate(
                "s => { const e = document.activeElement, r = e.getBoundingClientRect();"
                " return {middle: r.top + r.height / 2 + window.scrollY, tag: e.tagName, href: e.getAttribute('href'),"
                " visible: r.width > 0 && r.height > 0, inside: !!e.closest(s)}; }",
                stop,
            )
        )
        if path[-1]["inside"]:
            return path
    raise AssertionError(f"{stop} not reached in {limit} Tabs: {path}")


@pytest.mark.parametrize("js", [True, False])
@pytest.mark.parametrize("width", [375, 640])  # a phone; 1280 px at 200 % zoom
def test_on_a_narrow_screen_the_keyboard_goes_down_the_page_as_the_eye_does(
    open_page: Opener, width: int, js: bool
) -> None:
    """The filters came first in the page but were shown after the results: 46 Tabs from the search box to the
    first result, the focus going down past the results then up. They now fold behind « Filters », before them."""
    page = open_page(SEARCH, width, js)
    assert page.locator("#search-filters > summary").is_visible()
    assert page.get_by_role("checkbox").first.is_hidden()
    path = focus_path(page, "ol.hits")
    assert len(path) <= 8, path
    assert all(stop["visible"] for stop in path), path
    middles = [stop["middle"] for stop in path]  # a button beside a select may stand a little higher
    assert all(b >= a - 12 for a, b in pairwise(middles)), path
    # the summary opens them by keyboard, and the link at their top passes them
    page.focus("#search-filters > summary")
    page.keyboard.press("Enter")
    assert page.get_by_role("checkbox").first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#results"
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return [r.left, r.width]; })()"
    )
    assert box[0] >= 0 and box[1] > 1  # shown where it is, when it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED) == "results"


@pytest.mark.parametrize("js", [True, False])
def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(open_page: Opener, js: bool) -> None:
    """Left of the results and before them in the page; a link at their top passes them."""
    page = open_page(SEARCH, 1280, js)
    assert page.locator("#search-filters > summary").is_hidden()
    checkbox = page.get_by_role("checkbox").first
    assert checkbox.is_visible()
    facets, results = (page.locator(s).bounding_box() for s in (".facets", "#results"))
    assert facets and results and facets["x"] + facets["width"] < results["x"]
    path = focus_path(page, ".facets")
    assert path[-2]["href"] == "#results" and path[-1]["tag"] == "INPUT"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED) == "results"


def test_the_filters_unfold_when_the_window_widens(open_page: Opener) -> None:
    page = open_page(SEARCH, 375)
    assert page.get_by_role("checkbox").first.is_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("document.getElementById('search-filters').open")
    assert page.get_by_role("checkbox").first.is_visible()
    assert page.locator("#search-filters > summary").is_hidden()


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("path", ["/fr/pays/", SEARCH])
def test_spaced_out_text_does_not_widen_the_page_at_320_px(open_page: Opener, path: str) -> None:
    """The countries' Region and Sort selects overflowed by 66 px, the search page's sort by 8 px."""
    page = open_page(path, 320)
    page.add_style_tag(content=SPACING)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert overflow(page) <= 1


@pytest.mark.parametrize("width", [320, 1280])
def test_a_long_filter_value_wraps_in_its_column(open_page: Opener, width: int) -> None:
    """A name of one long word (a compound, a name in another script's transliteration) keeps its count in the
    filters' column and the page its width."""
    page = open_page(SEARCH, width)
    page.add_style_tag(content=SPACING)
    page.evaluate(
        "document.getElementById('search-filters').open = true;"
        "document.querySelector('.facets li label span').textContent = 'Bosnie' + 'herzégovine'.repeat(4)"
    )
    assert overflow(page) <= 1
    right = page.evaluate(
        "(() => { const c = document.querySelector('.facets li label .count').getBoundingClientRect();"
        " return c.right - document.querySelector('.facets').getBoundingClientRect().right; })()"
    )
    assert right <= 1


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_axe_finds_no_violation_in_the_open_filters_on_a_phone(open_page: Opener) -> None:
    page = open_page(SEARCH, 375)
    page.locator("#search-filters > summary").click()
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1)


def test_the_next_page_of_results_is_read_from_its_top_and_says_which_page_it_is(
    open_page: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Focus alone left a long list scrolled to its end, and neither the count nor the title said the page."""
    monkeypatch.setattr(search_page, "PER_PAGE", 2)  # the live site runs in this process: three pages of a few hits
    page = open_page("/fr/recherche?lang=fr", width=375)
    page.set_viewport_size({"width": 375, "height": 500})
    swapped(page)
    page.locator(".pagination a[rel=next]").click()
    wait_swapped(page)
    assert page.evaluate(FOCUSED) == "results"
    top = page.evaluate("document.getElementById('results').getBoundingClientRect().top")
    assert 0 <= top < 50, top
    assert re.search(r"page 2 sur \d", page.title())
    assert re.search(r"\(page 2 sur \d+\)", page.locator("#result-count").inner_text())


def test_a_page_past_the_last_shows_the_last_page_at_its_own_address(
    open_page: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server redirects a page past the last one to the last; the address the script keeps is the page shown,
    not the one it asked for (a bookmark of it would say « page 99 » over the last page's results)."""
    monkeypatch.setattr(search_page, "PER_PAGE", 2)
    page = open_page("/fr/recherche?lang=fr")
    swapped(page)
    page.evaluate(
        "(() => { const a = document.querySelector('.pagination a[rel=next]');"
        " a.href = a.href.replace(/([?&])page=\\d+/, '$1page=99'); })()"
    )
    page.locator(".pagination a[rel=next]").click()
    wait_swapped(page)
    last = re.search(r"page (\d+) sur (\d+)", page.title())
    assert last and last.group(1) == last.group(2) != "99", page.title()
    assert f"page={last.group(1)}" in page.url and "page=99" not in page.url, page.url
