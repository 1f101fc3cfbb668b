"""The key request form in French, in headless Chromium, as a communications officer reaches it from the snippet
builder: written in with the builder's filters and the site's address, under axe and on a phone's width; then sent
with its problems, each next to its field and listed at the top, under axe again."""

from typing import Any

import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_key_request_form_passes_axe_with_its_problems_shown(browser: Any, live_api: LiveApi) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang=fr&country=CI&sector=cocoa&site=https://www.ong-cacao.example")
        page.locator("a.button[href^='/fr/integrer/demande-de-cle']").click()  # the builder's way to it
        page.wait_for_url("**/fr/integrer/demande-de-cle?**")
        assert page.locator("#f-origins").input_value() == "https://www.ong-cacao.example"
        assert page.locator("input[name=filters]").input_value() == "country=CI&sector=cocoa"
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        page.locator("#f-origins").fill("http://www.ong-cacao.example\nhttps://*.gouv.fr")
        page.locator("#f-email").fill("awa")
        page.evaluate("document.querySelector('form.stacked').noValidate = true")  # as a browser without the check
        page.locator("form.stacked button[type=submit]").click()
        summary = page.locator(".error-summary")
        summary.wait_for()
        # read first: focused once the page has loaded (waited for, as the focus comes after the element shows)
        page.wait_for_function("document.activeElement.classList.contains('error-summary')", timeout=10_000)
        for name in ("site_name", "origins", "contact_name", "email"):
            assert page.locator(f"#e-{name}").is_visible(), name
        assert page.locator("#f-origins").get_attribute("aria-invalid") == "true"
        summary.locator("a[href='#f-origins']").click()
        assert page.evaluate("document.activeElement.id") == "f-origins"
        assert axe_violations(page) == []
        # corrected and sent: the thanks (what comes next, the widget to use now, the bare address left out)
        page.locator("#f-site_name").fill("ONG Cacao")
        page.locator("#f-origins").fill("https://www.ong-cacao.example")
        page.locator("#f-contact_name").fill("Awa Koné")
        page.locator("#f-email").fill("awa@ong-cacao.example")
        page.locator("form.stacked button[type=submit]").click()
        page.locator(".notice[role=status]").wait_for()
        assert "https://ong-cacao.example" in page.locator("main").inner_text()
        assert page.locator("main a[href^='/embed/demo?lang=fr']").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_snippet_is_copied_with_a_button_or_by_hand(browser: Any, live_api: LiveApi) -> None:
    """With a script, « Copy » puts the lines in the clipboard and says so in a live region; without, no button
    that does nothing: the lines are in a read-only textarea, to select and copy by hand."""
    context = browser.new_context(locale="en-GB", permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang=en&country=CI")
        snippet = page.locator("#snippet-code")
        assert '<crv-search lang="en" country="CI"' in snippet.input_value()
        status = page.locator("#snippet-copied[role=status]")
        assert status.inner_text() == ""  # there from the start: its change is announced
        page.get_by_role("button", name="Copy", exact=True).click()
        status.filter(has_text="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == snippet.input_value()
    finally:
        context.close()
    plain = browser.new_context(locale="en-GB", java_script_enabled=False)
    try:
        page = plain.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang=en&country=CI")
        assert not page.locator("button.js-copy").is_visible()  # hidden: it would do nothing
        snippet = page.locator("#snippet-code")
        assert snippet.get_attribute("readonly") == "" and not snippet.is_editable()
        snippet.focus()
        page.keyboard.press("Control+A")
        selected = page.evaluate("(e => e.value.slice(e.selectionStart, e.selectionEnd))(document.activeElement)")
        assert selected == snippet.input_value()
    finally:
        plain.close()
