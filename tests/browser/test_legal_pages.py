"""The accessibility statement, the personal data notice and the legal notice in Chromium, in French and English:
no axe-core violation (WCAG 2.2 AA) and no sideways scroll at 1280 and 375 px; from any page, the keyboard reaches
the footer's link to the statement and Enter opens it (the statement itself lists these checks)."""

from typing import Any

import pytest

from app.paths import page_path
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import LiveApi

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")


@pytest.fixture
def page(axe_page: Any) -> Any:
    return axe_page  # the conftest's, at 1280 px with axe injectable


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["accessibility", "personal_data", "legal_notice"])
def test_the_legal_pages_pass_axe_and_fit_a_phone(live_api: LiveApi, page: Any, name: str, lang: str) -> None:
    page.goto(live_api.url + page_path(name, lang))
    assert page.locator("html").get_attribute("lang") == lang
    check_widths(page, f"{name}-{lang}")


def test_the_keyboard_reaches_the_statement_from_the_footer(live_api: LiveApi, page: Any) -> None:
    page.goto(live_api.url + page_path("about", "en"))
    link = page.locator("footer a[href='/en/accessibility']")
    for _ in range(80):
        page.keyboard.press("Tab")
        if link.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the footer's accessibility link")
    assert link.evaluate("link => getComputedStyle(link).outlineStyle") != "none"  # the focus shows
    page.keyboard.press("Enter")
    page.wait_for_url(live_api.url + "/en/accessibility")
    assert page.locator("h1").inner_text() == "Accessibility statement"
