"""The search page's HTML for keyboard and screen-reader users (WCAG 2.2 AA), as the server writes it: one status
region outside what the script replaces, and the filters before the results, folded behind « Filters » with a link
past them (tests/browser/test_a11ysearch.py drives them in Chromium)."""

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.usefixtures("loaded")


def test_one_status_region_outside_the_results_and_empty_at_load(client: TestClient) -> None:
    """The script writes the count there after an update: a live region already on the page, whose text changes, is
    announced; the count inside the results, replaced with them, is not a live region (it was, inserted anew)."""
    html = client.get("/fr/recherche", params={"q": "enfants", "country": "CI"}).text
    assert html.count('role="status"') == 1
    assert re.search(r'<p id="search-status" class="visually-hidden" role="status"( data-offline="[^"]+")?></p>', html)
    assert html.index('id="search-status"') < html.index('<section id="results"')
    assert re.search(r'<p id="result-count">\d+ résultats? pour', html)


def test_the_filters_come_before_the_results_folded_with_a_link_past_them(client: TestClient) -> None:
    """Before the results in the page as on a narrow screen, where they fold (closed without the script too, so
    that the results come first on a phone); a link passes them where they are open."""
    html = client.get("/en/search", params={"q": "cocoa"}).text
    fold = re.search(r'<details class="search-filters" id="search-filters">(.*?)\n    </details>', html, re.S)
    assert fold, html
    inside = fold.group(1).strip()
    assert inside.startswith('<summary>Filters</summary>\n      <a class="skip" href="#results">')
    assert '<aside class="facets" aria-labelledby="filters-title">' in inside
    assert 'type="checkbox" name="country"' in inside
    assert html.index('id="search-filters"') < html.index('<section id="results"')
    assert '<section id="results" aria-labelledby="results-title" tabindex="-1">' in html  # the link's target
