"""A partner's text outlives a form refused by the CSRF check, in Chromium: she writes in the portal's form, signs
out and in again in another tab (which voids the form's token), saves, gets the page saying the form has expired,
comes back to the form and gets her text back with « Restore unsaved text » — a button, never put in by itself —
then saves it, and the tab's copy is dropped. English pages (their words need no catalog)."""

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from app.main import create_app
from app.models import OrganisationKind, Role
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.helpers import make_org, serving
from tests.web.helpers import PASSWORD, make_person

NEW = "/en/partner/new-resource"
KEY = f"crv-unsaved:{NEW}"
TITLE = "Community monitoring in cocoa cooperatives"
SUMMARY = "Village committees find working children and help them back to school."
BODY = "## Approach\n\nForty minutes of **careful writing** that must not be lost."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free port: the fixture corpus, one NGO, its admin and a colleague (the address the browser goes
    to)."""
    settings = fixture_site(tmp_path_factory.mktemp("unsaved"))
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "ong-cacao", OrganisationKind.ngo)
        make_person(factory, "ong-cacao", "awa@ong-cacao.org", Role.admin)
        make_person(factory, "ong-cacao", "kofi@ong-cacao.org")
    with serving(create_app(settings), port_of(settings), "unsaved-api"):
        yield settings.public_base_url


def sign_in(page: Any, url: str, email: str = "awa@ong-cacao.org") -> None:
    page.goto(f"{url}/en/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="New resource").wait_for()


def write(page: Any, title: str) -> None:
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Text of the page").fill(BODY)
    page.locator('input[name="licence"][value="CC-BY-4.0"]').check()


def sign_out_in_another_tab(context: Any, url: str, *, sign_in_again: bool) -> None:
    """What voids the form's token: its person signs out (and maybe in again) in another tab."""
    other_tab = context.new_page()
    other_tab.goto(f"{url}/en/partner")
    other_tab.get_by_role("button", name="Sign out", exact=True).click()
    other_tab.get_by_role("heading", name="Sign in").wait_for()
    if sign_in_again:
        sign_in(other_tab, url)
    other_tab.close()


def stored(page: Any) -> dict[str, Any] | None:
    found = page.evaluate(f"sessionStorage.getItem({KEY!r})")
    return json.loads(found) if found else None


def test_text_typed_before_a_refused_save_comes_back_with_the_button(context: Any, site: str) -> None:
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    write(page, TITLE)
    sign_out_in_another_tab(context, site, sign_in_again=True)

    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("heading", name="The form has expired").wait_for()
    assert "Nothing was saved" in page.get_by_role("alert").inner_text()
    assert "Back button" in page.locator("main").inner_text()
    assert TITLE not in page.content()  # the refused page never shows what was posted
    assert page.get_by_role("link", name="Back to the form's page").get_attribute("href") == NEW
    assert page.get_by_role("link", name="Sign in again").count() == 0  # signed in again in the other tab

    page.go_back()  # the browser puts back what was typed: nothing to offer
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => setTimeout(done, 50))")  # after pageshow, where the offer is decided
    assert page.get_by_label("Text of the page").input_value() == BODY
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()

    page.reload()  # a reload empties the form: the tab's copy is offered, not put in
    restore = page.get_by_role("button", name="Restore unsaved text")
    restore.wait_for()
    assert page.get_by_label("Title", exact=True).input_value() == ""
    assert "Unsaved text was found" in page.locator("#unsaved [role=status]").text_content()
    restore.focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Title", exact=True).input_value() == TITLE
    assert page.get_by_label("Summary").input_value() == SUMMARY
    assert page.get_by_label("Text of the page").input_value() == BODY
    assert page.locator('input[name="licence"][value="CC-BY-4.0"]').is_checked()
    assert restore.is_hidden()
    assert page.evaluate("document.activeElement.name") == "title"  # the first field it filled in
    assert "restored" in page.locator("#unsaved [role=status]").text_content()
    page.locator("#preview strong", has_text="careful writing").wait_for()  # the preview follows
    copy = stored(page)
    assert copy is not None and copy["fields"]["title"] == [TITLE]
    assert not {"csrf_token", "password", "email", "version"} & copy["fields"].keys()

    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Draft saved.").wait_for()
    assert page.get_by_label("Title", exact=True).input_value() == TITLE
    assert stored(page) is None  # saved: the copy is dropped
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).wait_for()
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_signed_out_elsewhere_she_signs_in_again_and_may_discard_the_copy(browser: Any, site: str) -> None:
    context = browser.new_context(locale="en-GB", bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    write(page, "A practice written before a sign-out")
    sign_out_in_another_tab(context, site, sign_in_again=False)

    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("heading", name="The form has expired").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Email address").fill("awa@ong-cacao.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + NEW)  # back on the form's page
    page.get_by_role("button", name="Restore unsaved text").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Discard the copy").click()
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()
    assert "discarded" in page.locator("#unsaved [role=status]").text_content()
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT", "TEXTAREA")
    assert stored(page) is None and page.get_by_label("Title", exact=True).input_value() == ""
    page.reload()
    page.get_by_label("Title", exact=True).wait_for()
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()
    context.close()


def test_a_draft_created_but_not_submittable_leaves_no_copy_to_offer(context: Any, site: str) -> None:
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).fill("A draft with a title only")
    page.get_by_role("button", name="Save and submit").click()
    page.get_by_text("Your draft is saved. To submit it").wait_for()  # created: its form now edits it
    assert stored(page) is None
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).wait_for()
    page.evaluate("() => new Promise(done => setTimeout(done, 50))")
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()


def test_a_save_the_server_answers_with_its_problems_offers_nothing(context: Any, site: str) -> None:
    """A title over the limit: the server answers with the form, all that was sent in it and the problem beside the
    title. The tab's copy is what the page shows: no « Restore » offered."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    page.locator("#f-title").evaluate("field => field.removeAttribute('maxlength')")  # as a browser without it
    write(page, "T" * 240)
    page.get_by_role("button", name="Save the draft").click()
    page.locator("#f-title[aria-invalid=true]").wait_for()
    page.evaluate("() => new Promise(done => setTimeout(done, 50))")  # after pageshow, where the offer is decided
    assert page.get_by_label("Text of the page").input_value() == BODY
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()
    copy = stored(page)
    assert copy is not None and copy["fields"]["body"] == [BODY]  # still kept while she corrects the title


def test_a_restored_copy_never_overwrites_a_save_made_meanwhile(context: Any, site: str) -> None:
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).fill("A draft two people edit")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Draft saved.").wait_for()
    here = page.url.split("?")[0]
    key = "crv-unsaved:" + here.removeprefix(site)
    read_at = page.locator("input[name=version]").input_value()
    page.get_by_label("Summary").fill("Typed on the version first read.")
    deadline = time.monotonic() + 5  # the copy is kept a moment after typing stops (polled: the CSP forbids eval)
    while "first read" not in (page.evaluate(f"sessionStorage.getItem({key!r})") or ""):
        assert time.monotonic() < deadline, "the copy was not kept"
        page.wait_for_timeout(50)

    colleague = context.new_page()  # a save from elsewhere: a newer version
    colleague.goto(here)
    colleague.get_by_label("Summary").fill("Saved meanwhile by a colleague.")
    colleague.get_by_role("button", name="Save the draft").click()
    colleague.get_by_text("Draft saved.").wait_for()
    colleague.close()

    page.reload()
    page.get_by_role("button", name="Restore unsaved text").click()
    assert page.get_by_label("Summary").input_value() == "Typed on the version first read."
    assert page.locator("input[name=version]").input_value() == read_at  # the version it was typed on
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("has changed since you read it").wait_for()  # a conflict, not an overwrite
    page.goto(here)
    assert page.get_by_label("Summary").input_value() == "Saved meanwhile by a colleague."


def test_on_a_shared_computer_the_next_person_is_never_offered_the_text(context: Any, site: str) -> None:
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + NEW)
    write(page, "Awa's unsaved practice")
    page.get_by_role("button", name="Sign out", exact=True).click()  # the copy stays in the tab…
    page.get_by_role("heading", name="Sign in").wait_for()
    assert "Awa's unsaved practice" in (page.evaluate(f"sessionStorage.getItem({KEY!r})") or "")
    sign_in(page, site, "kofi@ong-cacao.org")  # …and the next person in that tab
    page.goto(site + NEW)
    page.get_by_label("Title", exact=True).wait_for()
    page.evaluate("() => new Promise(done => setTimeout(done, 50))")
    assert page.get_by_role("button", name="Restore unsaved text").is_hidden()
    assert stored(page) is None  # someone else's copy: dropped
