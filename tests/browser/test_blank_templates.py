"""A tool's blank template on a phone (375 px, Chromium): the vigilance plan self-check's « Lacunes relevées » table,
one row of empty cells, became a card of five stacked headings with nowhere to write; it stays a table, its headings
shown, its blank cells with room to write in, scrolled inside itself, never the page. A table whose cells say
something still becomes cards, its blank cells keeping room too. Each page passes axe-core (WCAG 2.2 AA) and is saved
to var/screenshots/ at 375 and 1280 px."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import LiveApi, with_content_resources

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

SELF_CHECK = "resources/tools/tool-vigilance-plan-self-check"  # « Lacunes relevées »: a header row, blank cells
INDICATORS = "resources/tools/tool-due-diligence-indicators"  # each indicator described, its two years left blank
ROOM = 20  # px: a blank cell's least height, a line to write on (1.5rem is 24 px)


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    return with_content_resources(live_api, SELF_CHECK, INDICATORS)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A French page 375 px wide; axe is injected as an inline script (the CSP bypassed)."""
    context = browser.new_context(viewport={"width": 375, "height": 900}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def table_under(page: Any, heading: str) -> Any:
    return page.locator(f"xpath=//h2[normalize-space()='{heading}']/following::table[1]")


def test_a_blank_template_stays_a_table_with_room_to_write(site: LiveApi, phone: Any) -> None:
    phone.goto(site.url + "/fr/ressources/auto-evaluation-du-plan-de-vigilance")
    table = table_under(phone, "Lacunes relevées")
    headings = table.locator("thead th")
    assert headings.all_inner_texts() == ["Mesure", "Lacune", "Action", "Responsable", "Échéance"]
    for heading in headings.all():  # shown, as a table's header row, not left to screen readers
        box = heading.bounding_box()
        assert box is not None and box["height"] > 10 and box["width"] > 10
    row = table.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    cells = row.locator("td").all()
    assert len(cells) == 5
    tops = set()
    for cell in cells:  # side by side under their headings, each with room to write in, no heading of its own
        box = cell.bounding_box()
        assert box is not None and box["height"] >= ROOM
        tops.add(round(box["y"]))
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    assert len(tops) == 1
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"  # a wider table scrolls inside itself
    check_widths(phone, "blank-template-self-check")


def test_a_table_that_says_something_still_becomes_cards(site: LiveApi, phone: Any) -> None:
    """Its blank cells (this year's figures) keep room to write in under their headings."""
    phone.goto(site.url + "/fr/ressources/indicateurs-de-vigilance")
    table = phone.locator(".body table").first
    assert table.locator("thead").evaluate("h => getComputedStyle(h).position") == "absolute"  # for screen readers
    row = table.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "grid"
    blank = row.locator("td[data-label='Cette année']")
    assert blank.evaluate("td => getComputedStyle(td, '::before').content") == '"Cette année" / ""'
    box = blank.bounding_box()
    assert box is not None and box["height"] >= ROOM + 10  # its heading, then the room
    check_widths(phone, "blank-template-indicators")
