"""The pages' own scripts under their Content Security Policy, in Chromium: each page with JavaScript does what its
script is for, and the browser reports no violation (the other browser tests bypass the CSP to run axe)."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveApi


@pytest.fixture
def strict_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.problems = problems
    yield page
    context.close()


def test_every_html_page_sends_the_policy(strict_page: Any, live_api: LiveApi) -> None:
    for path in ("/fr/", "/fr/recherche", "/fr/ressources/cote-d-ivoire", "/fr/outils/criblage", "/fr/nulle-part"):
        response = strict_page.goto(live_api.url + path)
        headers = response.all_headers()
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY", path
    assert not strict_page.problems


def test_search_as_you_type_works_under_the_policy(strict_page: Any, live_api: LiveApi) -> None:
    strict_page.goto(live_api.url + "/en/search")
    strict_page.get_by_role("searchbox", name="Words to search for").press_sequentially("bricks", delay=40)
    strict_page.wait_for_url(re.compile(r"/en/search\?q=bricks$"))  # the script updated the URL in place
    assert strict_page.locator("#result-count").inner_text().startswith("1 result")
    assert not strict_page.problems


def test_the_country_index_filters_in_place_under_the_policy(strict_page: Any, live_api: LiveApi) -> None:
    strict_page.goto(live_api.url + "/en/countries/")
    strict_page.locator("select[name=region]").select_option("europe-eurasia")
    strict_page.wait_for_url(live_api.url + "/en/countries/?region=europe-eurasia")
    assert not strict_page.problems


def test_the_screening_filters_work_in_place_under_the_policy(
    strict_page: Any, live_api: LiveApi, tmp_path: Path
) -> None:
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("Reference,Country,Product\nF1,Brazil,cocoa\nF2,Narnia,cocoa\n", encoding="utf-8")
    strict_page.goto(live_api.url + "/en/tools/screening")
    strict_page.set_input_files("#screening-file", str(suppliers))
    strict_page.get_by_role("button", name="Screen the list").click()
    rows = strict_page.locator("#screening-results tbody tr:visible")
    rows.first.wait_for()
    strict_page.wait_for_load_state("load")  # screening.js (deferred) has run: rows show before it does
    assert rows.count() == 2
    strict_page.evaluate("window.__samePage = true")  # gone if the filter reloads the page
    strict_page.get_by_role("button", name=re.compile(r"^Unresolved \(1\)")).click()
    assert rows.count() == 1 and strict_page.evaluate("window.__samePage") is True
    assert not strict_page.problems


def test_the_widget_demo_page_runs_the_widget_under_the_policy(strict_page: Any, live_api: LiveApi) -> None:
    strict_page.goto(live_api.url + "/embed/demo?lang=en")
    strict_page.locator("crv-search input[type=search]").fill("cocoa")
    strict_page.locator("crv-search li.hit").first.wait_for()
    assert not strict_page.problems
