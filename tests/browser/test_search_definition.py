"""The glossary's definition above a search's results in Chromium (app.services.site.search_definition): no WCAG 2.2
AA violation and no sideways scroll at 1280 and 375 px, with or without the script; typed, the term brings it in
with the results, and another search takes it away; its link leads to the term on the glossary page."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import LiveApi, page_with_or_without_scripts

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    with page_with_or_without_scripts(browser, request.param, 1280) as page:
        yield page


@pytest.mark.parametrize("path", ["/fr/recherche?q=servitude+pour+dettes", "/en/search?q=due+diligence"])
def test_the_definition_box_at_each_width(page: Any, live_api: LiveApi, path: str) -> None:
    page.goto(live_api.url + path)
    definition = page.locator("#results aside.definition")
    assert definition.is_visible()
    check_widths(page, "search-definition" + re.sub(r"\W+", "-", path))


def test_typed_the_term_brings_its_definition(browser: Any, live_api: LiveApi) -> None:
    with page_with_or_without_scripts(browser, True, 375) as page:
        page.goto(live_api.url + "/fr/recherche")
        definition = page.locator("#results aside.definition")
        assert definition.count() == 0
        page.get_by_role("searchbox", name="Mots à rechercher").fill("kafala")
        page.wait_for_url(re.compile(r"/fr/recherche\?q=kafala$"))
        definition.wait_for()
        assert page.get_by_role("complementary", name=re.compile("Kafala")).is_visible()
        page.get_by_role("searchbox", name="Mots à rechercher").fill("cacao")
        page.wait_for_url(re.compile(r"/fr/recherche\?q=cacao$"))
        definition.wait_for(state="detached")
        page.get_by_role("searchbox", name="Mots à rechercher").fill("kafala")
        definition.wait_for()
        definition.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/fr/glossaire#kafala$"))
        assert page.locator("dt#kafala").is_visible()
