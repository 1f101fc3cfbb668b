"""In Chromium, the account request (English: its words need no catalog): a refused form opens on its error
summary, whose links lead to the fields; the message counts its characters as it is typed, says the characters
left to screen readers only near the limit and once the typing pauses, and shows nothing without JavaScript."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.main import create_app
from app.services import partners
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.helpers import serving

FORM = "/en/publish/account-request"
PAUSE = 1_300  # ms: longer than portal.js waits after the last keystroke before it speaks


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = fixture_site(tmp_path_factory.mktemp("polish"))
    with prepared_database(settings, settings.content_dir):
        pass
    with serving(create_app(settings), port_of(settings), "polish-api"):
        yield settings.public_base_url


def test_a_refused_form_opens_on_its_summary_whose_links_lead_to_the_fields(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + FORM)
    page.eval_on_selector("form.stacked", "form => { form.noValidate = true; }")  # no browser's check: the server's
    page.get_by_label("Your name").fill("Nadia")
    page.get_by_role("button", name="Send the request").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.get_attribute("role") == "alert"
    page.keyboard.press("Tab")  # the first link, then on to its field
    assert page.evaluate("document.activeElement.textContent") == "Name of the organisation: required"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "f-org_name"


def test_the_message_counts_its_characters_and_says_them_only_near_the_limit(context: Any, site: str) -> None:
    page = context.new_page()
    page.goto(site + FORM)
    message = page.get_by_label("What would you publish? (optional)")
    count = page.locator("#f-message-count")
    said = page.locator("#f-message-count + [role=status]")
    assert count.text_content() == "0 / 2,000 characters"
    assert message.get_attribute("aria-describedby") == "f-message-count"  # read with the field
    message.fill("Guides for cocoa cooperatives.")
    page.wait_for_timeout(PAUSE)
    assert count.text_content() == "30 / 2,000 characters"
    assert said.text_content() == ""  # far from the limit: nothing said
    message.fill("x" * 1_950)
    assert said.text_content() == ""  # not while typing
    page.wait_for_timeout(PAUSE)
    assert count.text_content() == "1,950 / 2,000 characters"
    assert said.text_content() == "Characters left: 50"
    message.press("End")
    message.press_sequentially("abc")
    page.wait_for_timeout(PAUSE)
    assert said.text_content() == "Characters left: 47"
    message.fill("x" * (partners.MESSAGE_LENGTH + 10))
    assert len(message.input_value()) == partners.MESSAGE_LENGTH  # the server's limit, as maxlength


def test_without_javascript_no_count_shows(browser: Any, site: str) -> None:
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + FORM)
    assert page.locator(".length-count").count() == 0
    assert "{count}" not in page.locator("main").inner_text()
    context.close()
