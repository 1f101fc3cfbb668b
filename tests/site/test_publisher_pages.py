"""One publisher's resources on the site: a resource page's « Published by » credit leads to the search filtered on
its publisher, in the page's language, whose chip and facet name the organisation."""

import re

import pytest
from fastapi.testclient import TestClient

from tests.routers.test_search_publisher import CACAO, CACAO_NAME, partner

__all__ = ["partner"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("loaded")
NAME_HTML = CACAO_NAME.replace("&", "&amp;")


def credit(html: str) -> str:
    (found,) = re.findall(r'<dd class="publisher">(.*?)</dd>', html)
    return found


@pytest.mark.parametrize(
    ("path", "search"),
    [
        ("/fr/ressources/cote-d-ivoire", "/fr/recherche?publisher=crv"),
        ("/en/resources/cote-d-ivoire", "/en/search?publisher=crv"),
    ],
)
def test_the_credit_leads_to_the_publisher_s_resources(client: TestClient, path: str, search: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, path
    assert f'<a href="{search}" class="publisher-search">' in credit(response.text)


@pytest.mark.usefixtures("partner")
def test_a_partner_s_credit_chip_and_facet(client: TestClient) -> None:
    page = client.get("/fr/ressources/passerelles")
    assert page.status_code == 200
    assert NAME_HTML in credit(page.text)
    (link,) = re.findall(r'<a href="([^"]+)" class="publisher-search">', credit(page.text))
    assert link == f"/fr/recherche?publisher={CACAO}"
    html = client.get(link).text
    assert re.findall(r'<a href="(/fr/ressources/[^"]+)"', html.split('id="results"')[1]) == [
        "/fr/ressources/passerelles"
    ]
    (chip,) = re.findall(r'<a class="chip" href="[^"]*">(.*?)</a>', html, re.DOTALL)
    assert f"Publié par\u00a0: {NAME_HTML}" in chip
    facet = html.split('data-facet="publisher"')[1].split("</fieldset>")[0]
    assert NAME_HTML in facet and "Centre de ressources virtuel 8.7" in facet
    assert re.search(rf'name="publisher" value="{CACAO}" checked>', facet)


def test_a_publisher_facet_of_one_value_is_not_shown(client: TestClient) -> None:
    """Every resource is the centre's: a lone « Published by » value would tell nothing apart."""
    html = client.get("/en/search").text
    assert 'data-facet="publisher"' not in html
    assert 'data-facet="country"' in html
    chosen = client.get("/en/search", params={"publisher": "crv"}).text
    assert 'data-facet="publisher"' in chosen
    (chip,) = re.findall(r'<a class="chip" href="[^"]*">(.*?)</a>', chosen, re.DOTALL)
    assert "Published by: Virtual resource centre 8.7" in chip
