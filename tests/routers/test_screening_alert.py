"""From a screening to monitoring: the results page links to the email alert of the countries its list names — those
the screening recognised, each once, sorted, ORed — and of nothing else of the list (no supplier, reference or
product); none when no country was recognised; a list of more countries than an alert's filter takes is told so.
The alert form takes the link and names the countries."""

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.filters import MAX_FILTER_VALUES
from app.i18n import format_number, gettext, ngettext
from app.taxonomy import Taxonomies, TaxonomyName
from tests.routers.test_screening_page import token

pytestmark = pytest.mark.database_agnostic  # the list is never stored: the page reads no table of its own

# Supplier names in a column of their own, a country twice (two spellings), one not recognised.
LIST = (
    "reference;supplier;country;product\n"
    "F-17;Chocolaterie Dupont SARL;Côte d’Ivoire;fèves de cacao\n"
    "F-18;Brasil Cacau Ltda;Brésil;cacao\n"
    "F-19;Atelier Martin;France;vêtements\n"
    "F-20;Cacao du Sud;Cote d'Ivoire;cacao\n"
    "F-21;Lointain & Cie;Narnia;or\n"
)
ALERT_LINK = re.compile(r'<p class="follow" id="countries-alert">(?:<a href="([^"]*)"[^>]*>([^<]*)</a>)?')


def screened(client: TestClient, path: str, text: str) -> str:
    page = client.post(path, data={"csrf_token": token(client, path), "text": text})
    assert page.status_code == 200
    return page.text


def alert_link(page: str) -> tuple[str, str] | None:
    """The countries' alert link of a results page: its address and its words; None for none."""
    found = ALERT_LINK.search(page)
    if found is None:
        return None
    return html.unescape(found.group(1) or ""), html.unescape(found.group(2) or "")


COUNTRIES_LINK = (
    "Get new resources about your list’s country by email (%(count)s country)",
    "Get new resources about your list’s countries by email (%(count)s countries)",
)
HINT = "Only the countries go into the alert, never your suppliers."


@pytest.mark.parametrize(
    ("path", "form"), [("/fr/outils/criblage", "/fr/alertes"), ("/en/tools/screening", "/en/alerts")]
)
def test_the_results_link_to_the_alert_of_the_list_s_countries_and_nothing_else(
    client: TestClient, path: str, form: str
) -> None:
    page = screened(client, path, LIST)
    link = alert_link(page)
    assert link is not None
    url, said = link
    lang = path[1:3]
    assert said == ngettext(lang, *COUNTRIES_LINK, 3, count=format_number(3, lang))
    address = urlsplit(url)
    assert address.path == form
    assert parse_qsl(address.query) == [("country", "BR"), ("country", "CI"), ("country", "FR"), ("lang", lang)]
    for supplier_data in ("F-1", "F-2", "Dupont", "Brasil", "Martin", "cacao", "vêtements", "Narnia", "supplier"):
        assert supplier_data.lower() not in url.lower()
    assert gettext(lang, HINT) in html.unescape(page)


def test_no_alert_when_no_country_was_recognised(client: TestClient) -> None:
    assert alert_link(screened(client, "/fr/outils/criblage", LIST)) is not None  # the same page, with countries
    page = screened(client, "/fr/outils/criblage", "reference;country;product\nF-1;Narnia;cacao\nF-2;Atlantide;or\n")
    assert "<table" in page  # the results are there, without a country to follow
    assert "countries-alert" not in page and "/fr/alertes" not in page


def test_the_alert_form_takes_the_link_and_names_the_countries(client: TestClient) -> None:
    link = alert_link(screened(client, "/fr/outils/criblage", LIST))
    assert link is not None and link[0].startswith("/fr/alertes?")
    form = client.get(link[0])
    assert form.status_code == 200
    described = html.unescape(form.text)
    for name in ("Brésil", "Côte d’Ivoire", "France"):
        assert name in described
    assert "Narnia" not in described and "Dupont" not in described


def codes_list(taxonomies: Taxonomies, count: int) -> str:
    """A list of ``count`` lines, each of another country, by its ISO code."""
    codes = sorted(code for code in taxonomies[TaxonomyName.countries] if len(code) == 2)[:count]
    return "reference;country;product\n" + "".join(f"F-{i};{code};cacao\n" for i, code in enumerate(codes))


def test_a_list_of_as_many_countries_as_a_filter_takes_is_offered_its_alert(
    client: TestClient, taxonomies: Taxonomies
) -> None:
    page = screened(client, "/en/tools/screening", codes_list(taxonomies, MAX_FILTER_VALUES))
    url, said = alert_link(page) or ("", "")
    assert said.endswith(f"({MAX_FILTER_VALUES} countries)")
    assert [name for name, _ in parse_qsl(urlsplit(url).query)].count("country") == MAX_FILTER_VALUES
    assert client.get(url).status_code == 200


def test_a_list_of_more_countries_than_a_filter_takes_is_told_so(client: TestClient, taxonomies: Taxonomies) -> None:
    page = screened(client, "/en/tools/screening", codes_list(taxonomies, MAX_FILTER_VALUES + 1))
    assert alert_link(page) == ("", "")  # the paragraph, without a link
    assert f"Your list names {MAX_FILTER_VALUES + 1} countries, more than an email alert follows" in page
    assert "/en/alerts" not in page
