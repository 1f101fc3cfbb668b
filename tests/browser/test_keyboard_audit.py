"""What a keyboard and screen-reader audit found (December 2026), in Chromium's accessibility tree: a narrow table's
cards read each column's name twice, a focused filter hid under the sticky « Voir les N résultats », the sheets'
tables had no row headers and no names, the search landmark held the results, a filter's count was a bare number,
the map was named by its whole caption, and ILAB's English level names were read with French sounds."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import LiveApi, with_content_resources

SHEET = "/fr/ressources/madagascar"  # content/resources/risk-sheets/countries/country-mg.fr.md

# Where the focused control and the sticky button are, and whether the button covers the control entirely.
COVERED = """() => {
  const focused = document.activeElement.getBoundingClientRect();
  const button = document.getElementById('show-results').getBoundingClientRect();
  return {id: document.activeElement.id, tag: document.activeElement.tagName,
          name: (document.activeElement.closest('label') || document.activeElement).textContent.trim(),
          covered: focused.top >= button.top && focused.bottom <= button.bottom,
          overlap: Math.max(0, Math.min(focused.bottom, button.bottom) - Math.max(focused.top, button.top))};
}"""


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    """The live API plus Madagascar's real sheet (its goods, ratifications and laws in tables)."""
    return with_content_resources(live_api, "resources/risk-sheets/countries/country-mg")


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Opens a page at a size, with or without JavaScript; no uncaught error allowed. Playwright's predicates are
    evaluated in the page, which the pages' CSP forbids (test_csp.py): it is bypassed."""
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(url: str, width: int = 1280, height: int = 900, js: bool = True) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="fr-FR", java_script_enabled=js, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, errors


def test_a_narrow_table_s_cards_say_each_column_name_once(open_page: Any, site: LiveApi) -> None:
    """At 375 px each cell shows its column's name above it (site.css), which the cell's name took in as well:
    « Secteur ILAB Mines », after the column header a screen reader says anyway. The name shown has an empty
    alternative text; the column header stays."""
    page = open_page(site.url + SHEET, 375, 667)
    table = page.locator(".body table").first
    label = table.locator('td[data-label="Secteur ILAB"]').first
    assert label.evaluate("e => getComputedStyle(e, '::before').display") == "block"  # still shown
    tree = table.aria_snapshot()
    assert '- columnheader "Secteur ILAB"' in tree
    assert '- cell "Mines"' in tree, tree
    assert "Secteur ILAB Mines" not in tree, tree


def test_the_sheet_s_tables_have_row_headers_and_the_names_of_their_headings(open_page: Any, site: LiveApi) -> None:
    """The first column names the rows (a good, a treaty, a standard): its cells are row headers, which look as
    the other cells do; each table is named by the heading it stands under."""
    page = open_page(site.url + SHEET)
    tables = page.get_by_role("table")
    for name in ("Biens inscrits sur la liste de l’ILAB", "Ratifications", "Cadre juridique"):
        assert page.get_by_role("table", name=name, exact=True).count() == 1, name
    goods = page.get_by_role("table", name="Ratifications", exact=True)
    assert goods.get_by_role("rowheader").count() == 6
    assert tables.first.get_by_role("rowheader", name="Mica").count() == 1
    header, cell = (tables.first.locator(f"tbody tr:first-child > {tag}").first for tag in ("th", "td"))
    style = "e => { const s = getComputedStyle(e); return [s.fontWeight, s.textAlign]; }"
    assert header.evaluate(style) == cell.evaluate(style)


def test_english_words_on_a_french_sheet_are_marked_english(open_page: Any, site: LiveApi) -> None:
    """ILAB's name of Madagascar's level, after its French rendering: in English, said so (WCAG 3.1.2)."""
    page = open_page(site.url + SHEET)
    english = page.locator('.body span[lang="en"]')
    assert english.all_inner_texts() == ["Moderate Advancement"]
    assert english.evaluate("e => e.closest('p').textContent").startswith("Évaluation par l’ILAB")


@pytest.mark.parametrize(("width", "height"), [(375, 667), (640, 450)])
def test_no_filter_the_keyboard_reaches_hides_under_the_sticky_button(
    open_page: Any, site: LiveApi, width: int, height: int
) -> None:
    """Tabbing down the open filters on a phone (and at 1280 px zoomed to 200 %): the page scrolled no control that
    was still on the screen, a checkbox under « Voir les N résultats » then, hidden (WCAG 2.4.11). Now no control
    the keyboard reaches, up to the button, is under it even in part."""
    page = open_page(site.url + "/fr/recherche", width, height)
    page.locator("#search-filters > summary").focus()
    page.keyboard.press("Enter")
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        where = page.evaluate(COVERED)
        if where["id"] == "show-results":
            break
        seen.append(where)
    else:
        raise AssertionError(f"the button was not reached: {seen}")
    checkboxes = [where for where in seen if where["tag"] == "INPUT"]
    assert len(checkboxes) > 10  # enough to go down past the bottom of the screen
    assert not [where for where in seen if where["covered"]], seen
    assert not [where for where in seen if where["overlap"]], seen


def test_the_search_landmark_holds_the_words_and_the_filters_and_not_the_results(open_page: Any, site: LiveApi) -> None:
    """The results were inside the form, so inside the search landmark; they are now a region of their own after
    it. A filter's count is read as what it counts."""
    page = open_page(site.url + "/fr/recherche?q=travail")
    search = page.get_by_role("search")
    assert search.get_by_role("searchbox", name="Mots à rechercher").count() == 1
    assert search.get_by_role("checkbox").count() > 10
    assert search.get_by_role("region").count() == 0
    assert page.get_by_role("region", name="Résultats").get_by_role("combobox", name="Trier par").count() == 1
    names = re.findall(r'- checkbox "([^"]+)"', search.aria_snapshot())
    assert len(names) == search.get_by_role("checkbox").count()
    assert all(re.fullmatch(r"\S.* \d+ ressources?", name) for name in names), names
    assert "Pakistan 1 ressource" in names
    count = page.locator("#search-form .count").first
    assert count.is_visible() and re.fullmatch(r"\d+", count.inner_text())  # the number, shown as it was


@pytest.mark.parametrize("js", [True, False])
def test_the_sort_outside_the_form_still_searches_with_the_words_and_the_filters(
    open_page: Any, site: LiveApi, js: bool
) -> None:
    """The sort, in the results, belongs to the form by its form attribute: without the script its button sends the
    words and the filters with it; with the script, choosing it updates the results in place."""
    page = open_page(site.url + "/fr/recherche?q=travail&country=PK", js=js)
    page.select_option("#sort", "published_at:desc")
    if js:
        page.wait_for_function("location.search.includes('sort=')")
    else:
        with page.expect_navigation():
            page.get_by_role("button", name="Trier", exact=True).click()
    assert "q=travail" in page.url and "country=PK" in page.url and "sort=published_at%3Adesc" in page.url
    assert page.locator("#sort").input_value() == "published_at:desc"
    if js:  # a link of the results, outside the form too, is followed in place
        page.evaluate("window.__stayed = true")
        page.locator("ul.chips a.chip").first.click()
        page.wait_for_function("!location.search.includes('country=')")
        assert page.evaluate("window.__stayed") is True


def test_the_map_is_named_by_a_short_label(open_page: Any, site: LiveApi) -> None:
    """Named by its caption, the map was read as its legend, sources and notes, then the same again as text."""
    page = open_page(site.url + "/en/countries/")
    figure = page.get_by_role("figure")
    assert figure.count() == 1
    assert figure.aria_snapshot().splitlines()[0] == '- figure "Map of the ILAB findings":'
