"""An editor's reason outlives a decision refused by the CSRF check, in Chromium, as a partner's text does in the
portal (the same script, portal.js, and the same box): she types why she sends a submission back, signs out and
in again in another tab (which voids the form's token), clicks « Send back for changes », gets the page saying the
form has expired, opens the submission again and gets her reason back with « Restore unsaved text ». The reason's
length is counted as she types, as the portal's fields are. Her reason is kept through her own correction of the
submission too. English pages (their words need no catalog)."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.http import IfMatch
from app.main import create_app
from app.models import OrganisationKind, Role
from app.schemas.publishing import ResourceCreate
from app.services import principal, publishing
from app.taxonomy import load_taxonomies
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.helpers import WRITE, good_practice, make_key, make_org, serving
from tests.web.helpers import PASSWORD, make_person

RID = "cocoa-remediation.fr"
ITEM = f"/en/editorial/{RID}"
CORRECTED = "mining-remediation.fr"  # another submission, which she corrects before sending it back
REASON = "Cite the 2023 report for the figures of the second paragraph,\nand name the cooperatives."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free port: the fixture corpus, the centre with an editor, an NGO whose key submitted a good
    practice."""
    settings = fixture_site(tmp_path_factory.mktemp("desk-reason"))
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "crv", OrganisationKind.resource_centre)
        make_person(factory, "crv", "elise@crv.org", Role.editor)
        make_org(factory, "ong-cacao", OrganisationKind.ngo)
        token = make_key(factory, "ong-cacao", WRITE)
        taxonomies = load_taxonomies(settings.content_dir)
        with factory() as session:
            key = principal.from_key(session, token, "203.0.113.1")
            publishing.create(session, key, ResourceCreate.model_validate(good_practice()), taxonomies)
            publishing.submit(session, key, RID, IfMatch.parse("*"))
            other = good_practice(translation_key="mining-remediation", slug="remediation-mines", title="Les mines")
            publishing.create(session, key, ResourceCreate.model_validate(other), taxonomies)
            publishing.submit(session, key, CORRECTED, IfMatch.parse("*"))
            session.commit()
    with serving(create_app(settings), port_of(settings), "desk-reason-api"):
        yield settings.public_base_url


def sign_in(page: Any, url: str) -> None:
    page.goto(f"{url}/en/sign-in")
    page.get_by_label("Email address").fill("elise@crv.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out", exact=True).wait_for()


def sign_out_and_in_in_another_tab(context: Any, url: str) -> None:
    """What voids the form's token: she signs out, and in again, in another tab."""
    other_tab = context.new_page()
    other_tab.goto(f"{url}/en/partner")
    other_tab.get_by_role("button", name="Sign out", exact=True).click()
    other_tab.get_by_role("heading", name="Sign in").wait_for()
    sign_in(other_tab, url)
    other_tab.close()


def test_the_reason_is_counted_and_comes_back_after_a_refused_decision(context: Any, site: str) -> None:
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    page.goto(site + ITEM)
    reason = page.get_by_label("Reason, for the organisation")
    reason.fill(REASON)
    count = page.locator("#f-reason-count")
    assert count.text_content() == f"{len(REASON)} / 2,000 characters"  # as the portal's fields say it
    assert "f-reason-count" in (reason.get_attribute("aria-describedby") or "")
    page.wait_for_timeout(600)  # the copy is kept a moment after the typing stops
    sign_out_and_in_in_another_tab(context, site)

    page.get_by_role("button", name="Send back for changes").click()
    page.get_by_role("heading", name="The form has expired").wait_for()
    page.goto(site + ITEM)  # the submission again: its box empty, the copy offered, not put in
    restore = page.get_by_role("button", name="Restore unsaved text")
    restore.wait_for()
    assert reason.input_value() == ""
    restore.click()
    assert reason.input_value() == REASON
    assert page.evaluate("document.activeElement.id") == "f-reason"
    page.get_by_role("button", name="Send back for changes").click()
    page.get_by_text("Sent back to its organisation: ").wait_for()
    page.goto(site + ITEM)
    page.get_by_text("Sent back by Elise").wait_for()


def test_the_reason_typed_before_a_correction_is_offered_back_after_it(context: Any, site: str) -> None:
    """« Correct it before deciding » makes a new version: the reason, kept per submission, is offered back on the
    corrected one, and sending it back with it is no conflict (the copy does not bring back the version it was
    typed on)."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, site)
    item = f"/en/editorial/{CORRECTED}"
    page.goto(site + item)
    reason = page.get_by_label("Reason, for the organisation")
    reason.fill(REASON)
    page.wait_for_timeout(600)  # the copy is kept a moment after the typing stops
    page.get_by_role("link", name="Correct it before deciding").click()
    page.locator("#f-summary").fill("Comment une coopérative minière accompagne les enfants vers l'école.")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("Your correction is saved").wait_for()
    restore = page.get_by_role("button", name="Restore unsaved text")
    restore.wait_for()
    assert reason.input_value() == ""
    restore.click()
    assert reason.input_value() == REASON
    page.get_by_role("button", name="Send back for changes").click()
    page.get_by_text("Sent back to its organisation: ").wait_for()
