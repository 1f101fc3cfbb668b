"""/embed/demo as a snippet builder for someone who is not a developer: lists of countries, sectors… in the page's
language, whose codes go into the snippet, its fallback link and the widget shown; names typed in an address taken
as their codes; when a key helps, with the quotas in force and the way to ask for one; the search page's link to it;
the API page's key example."""

import html
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


def selected(page: str, name: str) -> list[tuple[str, str]]:
    """(code, label) of the selected options of the select named ``name``."""
    found = re.search(rf'<select id="b-{name}" name="{name}">(.*?)</select>', page, re.S)
    assert found is not None, name
    options = re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', found.group(1))
    return [(code, html.unescape(label)) for code, label in options]


def preview(page: str) -> str:
    found = re.search(r"<section class=\"demo\".*?(<crv-search[^>]*>.*?</crv-search>)", page, re.S)
    assert found is not None
    return found.group(1)


def snippet(page: str) -> str:
    found = re.search(r'<textarea id="snippet-code"[^>]*>(&lt;script.*?)</textarea>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def key_request(page: str) -> str:
    """The builder's way to the key request form."""
    found = re.search(r'<a class="button" href="([^"]+)">', page)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_choice_goes_into_the_snippet_its_fallback_and_the_widget(client: TestClient) -> None:
    """The issue's address: French labels in the lists, the codes in the snippet and in the widget shown (country
    was ignored before), and the fallback link keeps the filters for a visitor without the script."""
    page = client.get("/embed/demo", params={"lang": "fr", "country": "CI", "sector": "cocoa"}).text
    assert selected(page, "country") == [("CI", "Côte d’Ivoire")]
    assert selected(page, "sector") == [("cocoa", "Cacao")]
    assert selected(page, "region") == [] and "Tous les pays" in page  # the first option: no filter
    fallback = "http://testserver/fr/recherche?country=CI&sector=cocoa"
    assert preview(page) == (
        f'<crv-search lang="fr" country="CI" sector="cocoa" per-page="10" theme="light"><a href="'
        f'{fallback.replace("&", "&amp;")}">Rechercher dans le centre de ressources</a></crv-search>'
    )
    copied = snippet(page)  # what the officer copies: valid HTML, its & written &amp;
    assert '<crv-search lang="fr" country="CI" sector="cocoa" per-page="10" theme="light">' in copied
    assert f'<a href="{fallback.replace("&", "&amp;")}">' in copied
    assert client.get(fallback).status_code == 200
    switch = re.search(r'<a class="lang-switch" href="([^"]+)"', page)
    assert switch is not None and html.unescape(switch.group(1)) == "/embed/demo?lang=en&country=CI&sector=cocoa"
    assert '<meta name="robots" content="noindex">' in page
    assert '<link rel="canonical" href="http://testserver/embed/demo?lang=fr">' in page


def test_the_form_works_without_a_script(client: TestClient) -> None:
    """A GET form back to the page: its fields are the page's parameters, so submitting it is the address above;
    the lists of countries follow the page's language, A–Z with accents aside."""
    page = client.get("/embed/demo", params={"lang": "en"}).text
    form = re.search(r'<form class="builder" method="get" action="/embed/demo#snippet">(.*?)</form>', page, re.S)
    assert form is not None
    names = re.findall(r'<select id="b-[a-z]+" name="([a-z]+)">', form.group(1))
    assert names == ["lang", "country", "sector", "region", "type", "risk", "audience"]
    assert '<button type="submit">Show the snippet and the preview</button>' in form.group(1)
    countries = re.search(r'name="country">(.*?)</select>', form.group(1), re.S)
    assert countries is not None
    labels = [
        html.unescape(label) for label in re.findall(r'<option value="[A-Z]{2}">([^<]*)</option>', countries.group(1))
    ]
    assert len(labels) > 240 and "Côte d'Ivoire" in labels
    assert labels.index("Côte d'Ivoire") < labels.index("Croatia") < labels.index("Cuba")
    french = client.get("/embed/demo", params={"lang": "fr"}).text
    assert '<option value="EG">Égypte</option>' in french
    assert (
        french.index(">Égypte<") < french.index(">Équateur<") < french.index(">Érythrée<") < french.index(">Espagne<")
    )
    assert '<optgroup label="Secteurs">' in french and '<option value="cocoa">Cacao</option>' in french


def test_names_in_an_address_are_taken_as_their_codes(client: TestClient) -> None:
    """What the officer first wrote (country="Côte d'Ivoire" sector="cacao", a 422 in the widget): the builder
    takes the codes the names stand for, and says so."""
    page = client.get("/embed/demo", params={"lang": "en", "country": "Côte d'Ivoire", "sector": "cacao"}).text
    assert '<crv-search lang="en" country="CI" sector="cocoa" per-page="10"' in page
    assert selected(page, "country") == [("CI", "Côte d'Ivoire")]
    assert "Country: “Côte d&#39;Ivoire” is a name; its code, CI (Côte d&#39;Ivoire), is chosen below." in page
    assert "Sector or product: “cacao” is a name; its code, cocoa (Cocoa), is chosen below." in page


def test_what_names_nothing_is_left_out_and_said(client: TestClient) -> None:
    page = client.get(
        "/embed/demo", params={"lang": "en", "sector": "cocao", "risk": "kids", "publisher": "Not ok!"}
    ).text
    assert re.search(r"<crv-search lang=\"en\" per-page", page)  # none of them in the widget
    said = re.search(r"Sector or product: “cocao” is not in the list, left out. Did you mean ([^?]+)\?", page)
    assert said is not None and "Cocoa" in said.group(1).split(", ")
    assert "Risk: “kids” is not in the list, left out." in page
    assert "Published by: “Not ok!” is not in the list, left out." in page


@pytest.mark.parametrize("query", ["country=CI&country=GH", "country=CI,GH", "country=ci&country=GH&country=CI"])
def test_several_codes_stay_chosen(client: TestClient, query: str) -> None:
    """A search page's link may carry two countries: the first in the list, the other a ticked box of the same
    name, so that the form sends both back and either can be taken off."""
    page = client.get(f"/embed/demo?lang=en&{query}").text
    assert '<crv-search lang="en" country="CI,GH" per-page="10"' in page
    assert selected(page, "country") == [("CI", "Côte d'Ivoire")]
    assert '<input type="checkbox" name="country" value="GH" checked> <span>Ghana</span>' in page


def test_a_publisher_is_carried(client: TestClient) -> None:
    page = client.get("/embed/demo", params={"lang": "en", "publisher": "crv", "type": "risk_sheet"}).text
    assert '<crv-search lang="en" type="risk_sheet" publisher="crv" per-page="10"' in page
    assert '<input type="checkbox" name="publisher" value="crv" checked>' in page
    assert "http://testserver/en/search?type=risk_sheet&amp;publisher=crv" in page
    assert selected(page, "type") == [("risk_sheet", "Risk sheet")]
    assert re.search(r'<details class="wide" open>\s*<summary>More filters</summary>', page)  # type is in there


def test_a_key_tried_and_the_site_survive_the_form(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    from tests.helpers import widget_key

    key = widget_key(session_factory, origins=["https://www.ong.example"])
    page = client.get("/embed/demo", params={"lang": "en", "key": key, "site": "https://www.ong.example"}).text
    builder = re.search(r'<form class="builder".*?</form>', page, re.S)
    assert builder is not None
    assert f'<input type="hidden" name="key" value="{key}">' in builder.group(0)
    assert '<input type="hidden" name="site" value="https://www.ong.example">' in builder.group(0)
    assert f'<crv-search key="{key}" lang="en"' in page


# When a key helps, and how to ask for one


@pytest.fixture
def quotas(settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    """A deployment with quotas and a contact of its own: the page says those, not the defaults."""
    changed = settings.model_copy(
        update={
            "anonymous_requests_per_minute": 45,
            "visitor_requests_per_minute": 90,
            "key_requests_per_minute": 900,
            "contact_email": "cles@crv.example",
        }
    )
    with TestClient(create_app(changed)) as client:
        yield client


def test_the_page_says_when_a_key_is_needed_with_the_quotas_in_force(quotas: TestClient) -> None:
    page = quotas.get("/embed/demo", params={"lang": "en"}).text
    section = page[page.index('<h2 id="key">') : page.index('<h2 id="attributes">')]
    assert "No, not to start" in section
    assert "each visitor’s Internet address may send 45 requests a minute" in section
    assert "may send 90 requests a minute instead of 45, within 900 for all your visitors together" in section
    assert "for fixed filters" in section
    assert "cles@crv.example" in section  # the plain address, for those who would rather write
    assert 'href="/en/api#api-keys"' in section  # the developers' details, still there


def test_no_larger_quota_is_promised_where_a_key_gives_none(settings: Settings) -> None:
    same = settings.model_copy(update={"anonymous_requests_per_minute": 120, "visitor_requests_per_minute": 120})
    with TestClient(create_app(same)) as client:
        page = client.get("/embed/demo", params={"lang": "en"}).text
    assert "each visitor’s Internet address may send 120 requests a minute" in page
    assert "for a larger quota" not in page and "for fixed filters" in page


def test_the_way_to_ask_for_a_key_carries_the_site_and_the_filters(quotas: TestClient) -> None:
    """The builder's button leads to the key request form with what was chosen (it was a prefilled mail); the
    centre's address stays, plain, for those who would rather write."""
    params = {"lang": "en", "country": "CI", "sector": "cocoa", "site": " https://www.ong-cacao.example "}
    page = quotas.get("/embed/demo", params=params).text
    link = urlsplit(key_request(page))
    assert link.path == "/en/embed/key-request"
    assert parse_qs(link.query) == {"site": ["https://www.ong-cacao.example"], "country": ["CI"], "sector": ["cocoa"]}
    assert "mailto:" not in page[page.index('<h2 id="key">') : page.index('<h2 id="attributes">')]
    assert "Or write to the centre: cles@crv.example" in page
    form = quotas.get(key_request(page)).text  # the form, written in (tests/web/test_key_requests.py)
    assert '<input type="hidden" name="filters" value="country=CI&amp;sector=cocoa">' in form
    assert ">https://www.ong-cacao.example</textarea>" in form
    assert key_request(quotas.get("/embed/demo", params={"lang": "fr"}).text) == "/fr/integrer/demande-de-cle"


# The search page's way to it, and the API page's example


def test_a_filtered_search_offers_to_embed_it(client: TestClient) -> None:
    page = client.get("/fr/recherche", params={"country": "CI", "sector": "cocoa"}).text
    link = re.search(r'<p class="muted embed-search"><a href="([^"]+)">', page)
    assert link is not None and html.unescape(link.group(1)) == "/embed/demo?lang=fr&country=CI&sector=cocoa"
    built = client.get(html.unescape(link.group(1))).text
    assert '<crv-search lang="fr" country="CI" sector="cocoa"' in built
    english = client.get("/en/search", params={"q": "cocoa", "risk": "child-labour"}).text
    assert '<a href="/embed/demo?lang=en&amp;risk=child-labour">Embed this search in your site</a>' in english


@pytest.mark.parametrize("params", [{}, {"q": "cacao"}, {"country": "Wakanda"}])
def test_a_search_without_filters_offers_nothing_to_embed(client: TestClient, params: dict[str, str]) -> None:
    assert "embed-search" not in client.get("/fr/recherche", params=params).text


def test_the_api_page_s_key_example_asks_for_a_page_that_exists(settings: Settings) -> None:
    """Its example was page 2 of 100 results a page, for a word with fewer: the first page now, no larger than the
    deployment allows."""
    for largest, expected in ((1000, 100), (40, 40)):
        with TestClient(create_app(settings.model_copy(update={"max_per_page": largest}))) as client:
            page = client.get("/fr/api").text
            example = re.search(r"<code>curl -H 'Authorization: Bearer crv_sk_…' '([^']+)'</code>", page)
            assert example is not None
            url = html.unescape(example.group(1))
            assert url == f"http://testserver/v1/search?q=cacao&per_page={expected}"
            answer = client.get(url.removeprefix("http://testserver")).json()
            assert answer["total"] > 0 and answer["hits"] and answer["page"] <= answer["total_pages"]
