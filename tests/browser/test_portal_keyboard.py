"""The resource form from the keyboard, in Chromium, as an accessibility audit found it (WCAG 2.2 AA): the save button
took 452 Tab presses, every one of the 250 countries', 143 sectors' and 15 audiences' boxes in the way — each
picker's list is now folded under a summary, with JavaScript or without; Enter in the title pressed « Preview », which
saved nothing — it saves the draft; a filter typed with two countries ticked said « Options shown: 2 » and hid
« Nothing matches » — it counts what matches; the « Sources » link of the error summary left the focus on the page's
body, and a text area's link hid its label above the top edge. English pages (their words need no catalog)."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import editor_and_partner_site
from tests.web.helpers import PASSWORD

NEW = "/en/partner/new-resource"
SAVE = "Save the draft"
MOST_PRESSES = 40  # past the title: its fields, two stops a picker, six sources, the licence (452 before)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "portal-keyboard") as url:
        yield url


def signed_in(browser: Any, site: str, width: int = 1280, **options: Any) -> Any:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}/en/sign-in")
    page.get_by_label("Email address").fill("awa@ong-cacao.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("nav.account").wait_for()
    return page


def presses_to_save(page: Any) -> int:
    """How many Tab presses lead from the title to the save button (fails past MOST_PRESSES)."""
    page.locator("#f-title").focus()
    for presses in range(1, MOST_PRESSES + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == SAVE:
            return presses
    raise AssertionError(f"the save button is more than {MOST_PRESSES} Tab presses past the title")


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_the_save_button_is_a_few_tab_presses_past_the_title(browser: Any, site: str, script: bool) -> None:
    page = signed_in(browser, site, java_script_enabled=script)
    page.goto(site + NEW)
    assert presses_to_save(page) < MOST_PRESSES
    countries = page.locator("fieldset.picker").first
    summary = countries.locator("summary")
    assert summary.inner_text().startswith("Countries — list of ") and summary.inner_text().endswith("ticked: 0")
    assert countries.locator("input[type=checkbox]").first.is_hidden()  # folded
    summary.click()  # a mouse, or Enter on it: the list of boxes
    assert countries.locator("input[value=CI]").is_visible()
    countries.locator("input[value=CI]").check()
    if script:  # counted as they are ticked, what is ticked in sight above the list
        assert summary.inner_text().endswith("ticked: 1")
        assert page.locator("#chosen-countries").inner_text().startswith("Your choice:")
    page.context.close()


def test_the_filter_unfolds_the_list_while_it_narrows_it_and_folds_it_again(browser: Any, site: str) -> None:
    page = signed_in(browser, site)
    page.goto(site + NEW)
    box = page.locator("#filter-countries")
    box.fill("gha")
    assert page.locator("#options-countries input[value=GH]").is_visible()  # unfolded: a mouse can tick it
    box.press("Enter")
    assert page.locator("#options-countries input[value=GH]").is_checked()
    assert page.locator("#options-countries").is_hidden()  # folded again: the keyboard goes on past it
    assert page.locator("fieldset.picker summary").first.inner_text().endswith("ticked: 1")
    page.context.close()


def test_the_filter_counts_what_matches_and_says_when_nothing_does(browser: Any, site: str) -> None:
    """Two countries ticked, « zzz » typed: « Options shown: 2 », no « Nothing matches », and Enter said nothing."""
    page = signed_in(browser, site)
    page.goto(site + NEW)
    box = page.locator("#filter-countries")
    said = page.locator("#filter-countries ~ [aria-live]")
    for typed in ("ivoire", "ghana"):
        box.fill(typed)
        box.press("Enter")
    box.fill("zzz")
    assert said.inner_text() == "Nothing matches."
    assert page.locator("#filter-countries ~ .picker-none").is_visible()
    assert page.locator("#options-countries label:visible").count() == 2  # the ticked ones, still in sight
    box.press("Enter")
    assert said.inner_text() == "Nothing matches “zzz”: nothing was ticked."
    box.fill("gh")  # Ghana, found; Côte d'Ivoire, ticked, shown after it, not counted
    found = page.locator("#options-countries label:not([hidden])").count() - 1
    assert (
        said.inner_text() == f"Matching options: {found}"
        and page.locator("#filter-countries ~ .picker-none").is_hidden()
    )
    page.context.close()


def test_enter_in_the_title_saves_the_draft(browser: Any, site: str) -> None:
    page = signed_in(browser, site)
    page.goto(site + NEW)
    page.locator("#f-title").fill("Saved with Enter")
    page.locator("#f-title").press("Enter")
    page.wait_for_url("**/partner/resources/*?notice=saved")
    assert page.locator(".notice").inner_text() == "Draft saved."
    assert page.evaluate("document.activeElement.className") == "notice"  # said, the focus on it
    page.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_error_summary_s_links_focus_their_field_with_its_label_in_sight(
    browser: Any, site: str, width: int
) -> None:
    page = signed_in(browser, site, width)
    page.goto(site + NEW)
    page.locator("#f-title").fill(f"Submitted too soon {width}")
    page.get_by_role("button", name="Save and submit").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    summary.get_by_role("link", name="Sources:").click()
    assert page.evaluate("document.activeElement.id") == "e-sources"  # not the page's body
    summary.scroll_into_view_if_needed()
    for field in ("summary", "body"):
        summary.get_by_role("link", name=page.locator(f"label[for=f-{field}]").inner_text() + ":").click()
        assert page.evaluate("document.activeElement.id") == f"f-{field}"
        for above in (f"label[for=f-{field}]", f"#h-{field}"):
            box = page.locator(above).bounding_box()
            assert box and box["y"] >= 0, (field, above, box)  # in sight, not above the top edge
    page.context.close()
