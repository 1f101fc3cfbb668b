"""The email alert's form in French, in headless Chromium: under axe as it comes from the search page, and again
sent with a wrong address, its problem next to the field and listed at the top."""

from typing import Any

import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_alert_form_passes_axe_with_its_problem_shown(axe_page: Any, live_api: LiveApi) -> None:
    page = axe_page
    page.goto(f"{live_api.url}/fr/alertes?country=CI&lang=fr")
    assert page.locator("input[name=frequency][value=weekly]").is_checked()
    assert axe_violations(page) == []
    page.locator("#f-email").fill("awa")
    page.evaluate("document.querySelector('form.stacked').noValidate = true")  # as a browser without the check
    page.locator("form.stacked button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert page.locator("#e-email").is_visible()
    assert page.locator("#f-email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
