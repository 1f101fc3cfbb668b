"""The centre's own demo page in Chromium: a partner's publishable key, whose origins do not include the centre,
works there (as the README says: "/embed/demo?lang=en&key=crv_pk_… shows it working"), and the fallback link
inside <crv-search> is hidden once the widget runs."""

from typing import Any

import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi


def test_a_partner_key_works_on_the_centre_s_demo(page: Any, live_api: LiveApi) -> None:
    page.goto(f"{live_api.url}/embed/demo?lang=en&key={live_api.cocoa_key}")
    page.locator("crv-search li.hit").first.wait_for()
    assert "not allowed" not in page.locator("crv-search").inner_text()
    sectors = page.evaluate(
        "fetch('/v1/search?key=' + encodeURIComponent(document.querySelector('crv-search').getAttribute('key')))"
        ".then(r => r.json()).then(b => b.hits.map(h => h.sectors))"
    )
    assert sectors and all("cocoa" in s for s in sectors)  # the key's fixed filter still applies
    fallback = page.locator("section.demo crv-search > a")
    assert fallback.count() == 1 and not fallback.is_visible()  # the widget's shadow root hides the element's children


def test_without_the_script_the_fallback_link_shows(browser: Any, live_api: LiveApi) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang=en")
        fallback = page.locator("section.demo crv-search > a")
        assert fallback.is_visible() and fallback.get_attribute("href") == f"{live_api.url}/en/search"
    finally:
        context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
@pytest.mark.parametrize(("lang", "width"), [("fr", 375), ("en", 1280)])
def test_the_demo_page_passes_axe_and_fits_a_phone(browser: Any, live_api: LiveApi, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe runs inline
    try:
        page = context.new_page()
        page.goto(f"{live_api.url}/embed/demo?lang={lang}&key={live_api.cocoa_key}")
        page.locator("crv-search li.hit").first.wait_for()
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()
