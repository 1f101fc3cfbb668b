"""The partner portal as Awa sees it in Chromium, on her phone (375 px) and at her desk (1280 px): the list of her
organisation's resources is a card a resource on the phone, the editors' reason under the title and its state,
where a table wider than the screen cut them; the body's field stays under its label beside a long preview; the
preview tells a screen reader it changed once the typing pauses, where it read the whole body at every pause; each
taxonomy picker lists what is ticked above its long list, each a button that unticks it. English pages (their words
need no catalog)."""

from collections.abc import Iterator
from typing import Any

import pytest

from app import licences
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import editor_and_partner_site
from tests.web.helpers import PASSWORD

NEW = "/en/partner/new-resource"
TITLE = "Community monitoring of children in the cocoa cooperatives of the Nawa region"
REASON = (
    "Please name the cooperatives' union that runs the committees and add the link to its 2024 report; the figures "
    "of the second paragraph need their source."
)
BODY = "\n\n".join(f"## Step {n}\n\nVillage committees visit the households of the cooperative." for n in range(30))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "portal-layout") as url:
        yield url


def opened(browser: Any, site: str, email: str, width: int, **options: Any) -> Any:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}/en/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("nav.account").wait_for()  # signed in: the editor lands on the desk when a submission waits
    return page


def new_resource_filled(page: Any, site: str) -> None:
    """The new resource form, its required fields filled in English (a good practice's title, summary, text, one
    source and a licence)."""
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Summary").fill("Village committees find working children and help them back to school.")
    page.get_by_label("Text of the page").fill("## Approach\n\nCommittees visit the households.")
    page.get_by_label("Source 1: title").fill("ICI")
    page.get_by_label("Source 1: address (https://…)").fill("https://example.org/clmrs")
    page.locator('input[name="licence"][value="CC-BY-4.0"]').check()


def sent_back(browser: Any, site: str) -> None:
    """Awa submits a resource; the editor sends it back with a reason."""
    awa = opened(browser, site, "awa@ong-cacao.org", 1280)
    new_resource_filled(awa, site)
    awa.get_by_role("button", name="Save and submit").click()
    awa.get_by_text("Submitted: the centre's editors will review it.", exact=False).wait_for()
    awa.context.close()
    editor = opened(browser, site, "redac@crv.org", 1280)
    editor.goto(f"{site}/en/editorial")
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_label("Reason, for the organisation").fill(REASON)
    editor.get_by_role("button", name="Send back for changes").click()
    editor.wait_for_url(f"{site}/en/editorial?notice=*")
    editor.context.close()


def test_on_a_phone_each_resource_shows_its_title_state_and_reason_under_each_other(browser: Any, site: str) -> None:
    sent_back(browser, site)
    page = opened(browser, site, "awa@ong-cacao.org", 375)
    page.goto(f"{site}/en/partner")
    row = page.locator("table.cards tbody tr").first
    title, state, reason = (row.locator("td").nth(n).bounding_box() for n in range(3))
    assert title and state and reason
    assert title["y"] < state["y"] < reason["y"]  # under each other, in that order
    for box in (title, state, reason):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box  # none cut, none off-screen
    assert row.locator("td").nth(2).inner_text() == REASON
    named = row.locator("td").nth(2).evaluate("cell => getComputedStyle(cell, '::before').content")
    assert named == '"Editor\'s reason: "'  # each cell names its column, the column names being out of sight
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.querySelector('.table-scroll').scrollWidth <= 375")
    heads = page.locator("table.cards thead").bounding_box()
    assert heads is None or heads["width"] <= 1  # the column names: read by screen readers, out of sight
    page.context.close()
    wide = opened(browser, site, "awa@ong-cacao.org", 1280)  # a table when wide, its column names shown
    wide.goto(f"{site}/en/partner")
    assert wide.get_by_role("columnheader", name="Editor's reason").bounding_box()["width"] > 50
    wide.context.close()


def test_beside_a_long_preview_the_body_stays_under_its_label(browser: Any, site: str) -> None:
    page = opened(browser, site, "awa@ong-cacao.org", 1280)
    page.goto(site + NEW)
    page.get_by_label("Text of the page").fill(BODY)
    page.locator("#preview h3", has_text="Step 29").wait_for()  # the long preview beside it
    label = page.locator("label[for=f-body]").bounding_box()
    field = page.locator("#f-body").bounding_box()
    preview = page.locator("#preview").bounding_box()
    assert label and field and preview and preview["height"] > 1500
    assert field["y"] - label["y"] < 120, (label, field)  # its hint between them, not 650 px of nothing
    page.context.close()


def test_the_preview_says_it_changed_once_the_typing_pauses(browser: Any, site: str) -> None:
    page = opened(browser, site, "awa@ong-cacao.org", 1280)
    page.goto(site + NEW)
    assert page.locator("#preview").get_attribute("aria-live") is None
    page.evaluate(
        """() => {
        const status = document.getElementById('preview-status');
        window.__said = [];
        new MutationObserver(() => { if (status.textContent) window.__said.push(status.textContent); })
            .observe(status, {childList: true, characterData: true, subtree: true});
    }"""
    )
    body = page.get_by_label("Text of the page")
    body.click()
    for word in ("Committees ", "visit ", "the ", "households ", "every ", "month."):
        body.press_sequentially(word, delay=20)
        page.wait_for_timeout(500)  # a pause between words: the preview follows, nothing is said yet
    page.locator("#preview p", has_text="every month.").wait_for()
    assert page.evaluate("window.__said") == []
    page.wait_for_timeout(3000)
    assert page.evaluate("window.__said") == ["Preview updated"]  # once, for the whole line
    page.context.close()


def chips(page: Any, name: str) -> list[str]:
    """The accessible names of the buttons listing what a picker has ticked, above its options."""
    buttons = page.locator(f"#chosen-{name} button")
    return [buttons.nth(n).get_attribute("aria-label") or "" for n in range(buttons.count())]


def test_each_picker_lists_what_is_ticked_each_a_button_that_unticks_it(browser: Any, site: str) -> None:
    page = opened(browser, site, "awa@ong-cacao.org", 375)
    page.goto(site + NEW)
    assert page.locator("#chosen-sectors").is_hidden()  # nothing chosen yet
    box = page.locator("#filter-sectors")
    box.fill("gold")
    box.press("Enter")  # ticks the first found; the box emptied for the next one, the focus kept there
    assert chips(page, "sectors") == ["Remove Gold"]
    assert page.locator("#filter-sectors ~ [aria-live]").inner_text() == "You chose Gold."
    box.fill("tea")
    box.press("Enter")
    page.locator("#chosen-sectors ~ details > summary").click()  # the list, folded once the filter was emptied
    page.locator("#options-sectors input[value=cocoa]").check()  # ticked in the list: listed too, in its order
    assert chips(page, "sectors") == ["Remove Cocoa", "Remove Gold", "Remove Tea"]
    page.get_by_role("button", name="Remove Gold").click()
    assert not page.locator("#options-sectors input[value=gold]").is_checked()
    assert chips(page, "sectors") == ["Remove Cocoa", "Remove Tea"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Remove Tea"  # the next one
    assert page.locator("#filter-sectors ~ [aria-live]").inner_text() == "You removed Gold."
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the last one: the focus back in the filter
    assert chips(page, "sectors") == [] and page.locator("#chosen-sectors").is_hidden()
    assert page.evaluate("document.activeElement.id") == "filter-sectors"
    page.context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_what_the_pickers_chose_passes_axe_and_stays_in_sight(browser: Any, site: str) -> None:
    page = opened(browser, site, "awa@ong-cacao.org", 1280, bypass_csp=True)  # axe is injected as an inline script
    page.goto(site + NEW)
    for name, typed in (("countries", "ivoire"), ("countries", "ghana"), ("sectors", "cocoa"), ("risks", "child")):
        page.locator(f"#filter-{name}").fill(typed)
        page.locator(f"#filter-{name}").press("Enter")
    assert chips(page, "countries") == ["Remove Côte d'Ivoire", "Remove Ghana"]
    page.get_by_label("Title", exact=True).fill("x" * 150)
    assert page.locator("#f-title-count").inner_text() == "150 / 200 characters"  # the summary's counter
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        chosen = page.locator("#chosen-countries").bounding_box()
        options = page.locator("#chosen-countries ~ details").bounding_box()  # the long list, folded
        assert chosen and options and chosen["y"] < options["y"]  # above it
    page.context.close()


def test_on_a_phone_every_licence_is_read_whole_beside_its_button(browser: Any, site: str) -> None:
    """A select's closed box cut the longest licence short at 375 px (« CC BY-NC-SA 4.0 — reuse with… »): what the
    licence allows was out of sight. Its buttons' words wrap: each one whole, on the screen, chosen by its words."""
    page = opened(browser, site, "awa@ong-cacao.org", 375)
    page.goto(site + NEW)
    labels = page.locator("fieldset.choices label")
    assert labels.count() == len(licences.OFFERED)
    for index in range(labels.count()):
        box = labels.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        assert labels.nth(index).evaluate("label => label.scrollWidth <= label.clientWidth")  # nothing cut
    longest = "CC BY-NC-SA 4.0 — reuse with credit, not for commercial use, under the same licence"
    page.get_by_label(longest).check()
    assert page.get_by_role("group", name="Licence").get_by_role("radio", checked=True).get_attribute("value") == (
        "CC-BY-NC-SA-4.0"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()
