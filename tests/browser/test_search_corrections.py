"""A corrected search in Chromium: the status region says the correction with the count, once the results settle,
and the link to the correction brings its results in place, as the other links of the results do."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import LiveApi


@pytest.fixture
def english(browser: Any, live_api: LiveApi) -> Iterator[Any]:
    """The English search page; Playwright's predicates run in the page, which its CSP forbids (test_csp.py)."""
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_api.url + "/en/search")
    yield page
    context.close()
    assert not errors, errors


def test_the_correction_is_said_and_its_link_swaps_the_results(english: Any) -> None:
    page = english
    page.evaluate(
        """() => {
        const status = document.getElementById('search-status');
        window.__said = [];
        new MutationObserver(() => { if (status.textContent) window.__said.push(status.textContent); })
            .observe(status, {childList: true, characterData: true, subtree: true});
        window.__loaded = true;
    }"""
    )
    box = page.get_by_role("searchbox", name="Words to search for")
    box.fill("travial forcé")
    page.wait_for_function("window.__said.length > 0")
    said = page.evaluate("window.__said")
    assert len(said) == 1
    assert re.fullmatch(r"\d+ results? for “travail forcé”\. No resource contains “travial”\.", said[0]), said
    page.locator("#results a.correction").click()
    page.wait_for_url(re.compile(r"/en/search\?q=travail\+forc%C3%A9$"))
    page.wait_for_function("!document.querySelector('#results a.correction')")
    assert page.evaluate("window.__loaded === true")  # no page load: the results were swapped
    assert box.input_value() == "travail forcé"
    assert page.evaluate("document.activeElement.id") == "results"
