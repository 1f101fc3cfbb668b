"""A place the centre has no text about, though it knows its country (« Dhaka », « Punjab », « Abidjan »): the page
that said only « Aucun résultat » offers the country's resources, with their count."""

import re

import pytest
from fastapi.testclient import TestClient

from app.services.search_places import places
from app.taxonomy import Taxonomies

pytestmark = pytest.mark.usefixtures("loaded")


def _places(html: str) -> list[str]:
    found = re.search(r'<ul class="places">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a> \((\d+) résultats?\)', found.group(1)) if found else []


def test_a_region_with_no_text_offers_its_countrys_resources(client: TestClient) -> None:
    page = client.get("/fr/recherche", params={"q": "Abidjan"}).text
    assert "«\u00a0Abidjan\u00a0» est une région de ce pays, dont vous pouvez parcourir les ressources\u00a0:" in page
    ((url, name, count),) = _places(page)
    assert (url, name) == ("/fr/recherche?country=CI", "Côte d’Ivoire") and int(count) >= 1
    listed = client.get(url).text
    assert f"{count} résultat" in listed


def test_a_region_of_two_countries_offers_those_the_centre_has_resources_on(client: TestClient) -> None:
    # The Punjab is India's and Pakistan's; the fixture corpus holds nothing on India
    page = client.get("/fr/recherche", params={"q": "punjab"}).text
    assert [name for _, name, _ in _places(page)] == ["Pakistan"]


def test_the_english_page_says_it_in_english(client: TestClient) -> None:
    page = client.get("/en/search", params={"q": "Sindh"}).text
    assert "“Sindh” is a region of this country, whose resources you can browse:" in page
    assert '<a href="/en/search?country=PK">Pakistan</a> (' in page


def test_the_offer_keeps_the_search_s_other_filters(client: TestClient) -> None:
    """The same search, read as the country (as /v1/search offers it): a type chosen stays chosen."""
    page = client.get("/fr/recherche", params={"q": "Abidjan", "type": "risk_sheet"}).text
    assert [url for url, _, _ in _places(page)] == ["/fr/recherche?type=risk_sheet&amp;country=CI"]
    assert _places(client.get("/fr/recherche", params={"q": "Abidjan", "type": "tool"}).text) == []


@pytest.mark.parametrize("q", ["Asie", "Sud", "Pakistan", "zzzzqx"])
def test_no_place_for_a_world_region_a_short_word_a_country_or_nothing_known(taxonomies: Taxonomies, q: str) -> None:
    assert places(q, taxonomies, "fr") == []


def test_several_countries_are_in_alphabetical_order(taxonomies: Taxonomies) -> None:
    assert [place.code for place in places("Punjab", taxonomies, "fr")] == ["IN", "PK"]
