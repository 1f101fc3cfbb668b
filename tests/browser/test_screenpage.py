"""The screening page in Chromium after the buyer's audit: the focus ring shows on the chosen filter too, the focus
goes to the results (or to the field refused) after a post, with or without JavaScript; the note beside the downloads
follows the filter; a list longer than a page is filtered and paged by the server, with or without JavaScript."""

from pathlib import Path
from typing import Any

import pytest

from app.i18n import gettext
from app.services.screening_page import PAGE_SIZE
from tests.browser.conftest import LiveApi
from tests.browser.test_screening_page import states, suppliers_file, upload

__all__ = ["suppliers_file"]  # the fixture, shared
FOCUS = "rgb(180, 83, 9)"  # site.css --focus


def test_the_focus_ring_shows_on_the_chosen_filter(browser: Any, live_api: LiveApi, suppliers_file: Path) -> None:
    """The chosen button's outline (its « selected » mark) hid the focus ring: the chosen state is a fill now."""
    page = upload(browser, live_api, suppliers_file, js=True)
    page.locator("button[data-state=finding]").focus()
    page.keyboard.press("Shift+Tab")  # by keyboard, to « Toutes les lignes », the chosen one
    chosen = page.locator("button[data-state='']")
    assert chosen.evaluate("b => b === document.activeElement") and chosen.get_attribute("aria-pressed") == "true"
    ring = chosen.evaluate("b => { const s = getComputedStyle(b); return [s.outlineStyle, s.outlineColor]; }")
    assert ring == ["solid", FOCUS]
    other = page.locator("button[data-state=finding]")
    fills = [b.evaluate("b => getComputedStyle(b).backgroundColor") for b in (chosen, other)]
    assert fills[0] != fills[1]  # chosen or not, seen without the focus
    page.context.close()


@pytest.mark.parametrize("js", [True, False])
def test_the_focus_goes_to_the_results_or_to_the_refusal(
    browser: Any, live_api: LiveApi, suppliers_file: Path, tmp_path: Path, js: bool
) -> None:
    page = upload(browser, live_api, suppliers_file, js=js)
    assert page.evaluate("document.activeElement.id") == "results-title"
    assert page.evaluate("window.scrollY") > 0  # the answer opens on its results, not on the form above them
    page.context.close()
    old = tmp_path / "fournisseurs.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    refused = upload(browser, live_api, old, js=js, shown="#screening-file-error")
    assert refused.evaluate("document.activeElement.id") == "screening-file"
    refused.context.close()


def test_the_note_beside_the_downloads_follows_the_filter(
    browser: Any, live_api: LiveApi, suppliers_file: Path
) -> None:
    page = upload(browser, live_api, suppliers_file, js=True)
    scope = page.locator("#download-scope")
    assert scope.inner_text() == gettext("fr", "The downloads hold every line, the unreadable ones too.")
    page.get_by_role("button", name="Constat (2)").click()  # in place
    assert list(states(page)) == ["F1", "F2"]
    assert scope.inner_text() == gettext("fr", "The downloads hold the lines shown: %(count)s (every page).", count=2)
    page.context.close()


@pytest.mark.parametrize("js", [True, False])
def test_a_long_list_is_filtered_and_paged_by_the_server(
    browser: Any, live_api: LiveApi, tmp_path: Path, js: bool
) -> None:
    """Not every line is in the table: a filter is a post, with JavaScript too, and so is the next page."""
    path = tmp_path / "long.csv"
    lines = [f"F{n};France;coton" for n in range(PAGE_SIZE + 5)] + ["G1;Côte d’Ivoire;cacao", "G2;Narnia;cacao"]
    path.write_text("Référence;Pays;Produit\n" + "\n".join(lines) + "\n", encoding="utf-8")
    page = upload(browser, live_api, path, js=js)
    assert len(states(page)) == PAGE_SIZE and next(iter(states(page))) == "G1"  # the most serious first
    page.get_by_role("button", name="Non reconnu (1)").click()
    page.wait_for_selector("button[data-state=unresolved][aria-pressed=true]")
    assert list(states(page)) == ["G2"]
    page.get_by_role("button", name=f"Toutes les lignes ({PAGE_SIZE + 7})").click()
    page.wait_for_selector("button[data-state=''][aria-pressed=true]")
    page.locator("button[name=set_page][value='2']").first.click()
    page.wait_for_selector("button[name=set_page][value='1']")
    assert len(states(page)) == 7
    page.context.close()
