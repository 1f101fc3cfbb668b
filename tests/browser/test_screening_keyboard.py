"""The screening page with the keyboard alone, after a blind user's audit: on a list longer than a page, a filter, an
order or a page posted to the server gives the focus back to the control pressed (it went to the results' heading,
the form posting to #results-title, which wins over autofocus); the header's language switch keeps the results."""

from pathlib import Path
from typing import Any

import pytest

from app.i18n import gettext
from app.services.screening_page import PAGE_SIZE
from tests.browser.conftest import LiveApi
from tests.browser.test_screening_page import states, upload

FOCUSED = "() => document.activeElement && document.activeElement.id"


def tab_to(page: Any, element_id: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Tab (or Shift+Tab) until the element ``element_id`` has the focus."""
    for _ in range(limit):
        if page.evaluate(FOCUSED) == element_id:
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"#{element_id} not reached in {limit} presses; focus on #{page.evaluate(FOCUSED)}")


def press_enter_and_wait(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")


@pytest.fixture
def long_list(tmp_path: Path) -> Path:
    """More lines than a page holds: filters, orders and pages are posts, with JavaScript too."""
    path = tmp_path / "soixante.csv"
    lines = [f"F{n:03};{('Ghana;cacao', 'France;vin', 'Bangladesh;vêtements')[n % 3]}" for n in range(PAGE_SIZE + 10)]
    path.write_text("ref;pays;produit\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("js", [True, False])
def test_the_focus_comes_back_to_the_control_pressed(
    browser: Any, live_api: LiveApi, long_list: Path, js: bool
) -> None:
    page = upload(browser, live_api, long_list, js=js)
    assert page.evaluate(FOCUSED) == "results-title"
    tab_to(page, "show-finding")
    press_enter_and_wait(page)
    assert page.evaluate(FOCUSED) == "show-finding"  # was the results' heading, far above
    assert page.locator("#show-finding").get_attribute("aria-pressed") == "true"
    assert set(states(page).values()) == {"▲ Constat"}
    tab_to(page, "order-list")
    press_enter_and_wait(page)
    assert page.evaluate(FOCUSED) == "order-list"
    assert page.locator("#order-list").get_attribute("aria-pressed") == "true"
    tab_to(page, "show-all", backwards=True)
    press_enter_and_wait(page)
    assert page.evaluate(FOCUSED) == "show-all"
    assert len(states(page)) == PAGE_SIZE
    # The next page lands on the first pager's « Lignes 51 à 60 sur 60 », the new lines after it, its buttons a Tab
    # away (the last page has no « Next » to come back to).
    next_lines = page.locator("button[name=set_page]").first
    next_lines.evaluate("b => b.id = 'next-lines'")  # a name to reach it by, the page giving none
    tab_to(page, "next-lines")
    press_enter_and_wait(page)
    assert page.evaluate(FOCUSED) == "pages-top"
    lines = gettext(
        "fr", "Lines %(first)s to %(last)s of %(count)s", first=PAGE_SIZE + 1, last=PAGE_SIZE + 10, count=PAGE_SIZE + 10
    )
    assert page.locator("#pages-top").inner_text() == lines
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "set_page"
    page.context.close()


@pytest.mark.parametrize("js", [True, False])
def test_the_language_switch_keeps_the_results(browser: Any, live_api: LiveApi, tmp_path: Path, js: bool) -> None:
    path = tmp_path / "fournisseurs.csv"
    path.write_text("Référence;Pays;Produit\nF1;Côte d’Ivoire;cacao\nF2;Narnia;or\n", encoding="utf-8")
    page = upload(browser, live_api, path, js=js)
    page.locator("a.lang-switch").focus()
    if js:  # the script presses the results' button at once
        press_enter_and_wait(page)
    else:  # the link takes the keyboard to the button, which says what it does
        page.keyboard.press("Enter")
        page.wait_for_function(f"({FOCUSED})() === 'results-in-other-language'")
        assert page.locator("#results-in-other-language").inner_text() == gettext("fr", "Show these results in English")
        press_enter_and_wait(page)
    assert page.url.endswith("/en/tools/screening#results-title")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert states(page) == {"F1": "▲ Finding", "F2": "? Country not recognised"}
    assert page.evaluate(FOCUSED) == "results-title"
    page.context.close()
