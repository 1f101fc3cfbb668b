"""Two paths of a public buyer through the search page: the screening tool by its French name, and the listing of
the resources for public buyers, whose guides come before the risk sheets."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.search.base import SearchEngine
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.routers.test_pages import add_resource

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.mark.parametrize(
    ("path", "q", "tool"),
    [("/fr/recherche", "criblage", "/fr/outils/criblage"), ("/en/search", "screening", "/en/tools/screening")],
)
def test_the_screening_tool_s_name_links_to_the_tool(client: TestClient, path: str, q: str, tool: str) -> None:
    """The search lists resources only: « criblage » found nothing, and said nothing of the tool."""
    html = client.get(path, params={"q": q}).text
    assert f'<li><a href="{tool}">' in html
    assert tool not in client.get(path, params={"q": "cacao"}).text.split('id="results"')[1]


def test_the_audience_listing_puts_its_guides_before_its_risk_sheets(
    client: TestClient, session_factory: sessionmaker[Session], search_engine: SearchEngine, taxonomies: Taxonomies
) -> None:
    """A risk sheet titled « Açaí » came first, by title, before the guides for public buyers."""
    add_resource(
        session_factory, translation_key="commodity-acai", type="risk_sheet", title="Açaí : fiche risque produit",
        audiences=["public-buyers"],
    )  # fmt: skip
    rebuild_index(session_factory, search_engine, taxonomies)
    html = client.get("/fr/recherche", params={"audience": "public-buyers"}).text
    titles = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    assert [title.split()[0] for title in titles] == ["Cartographier", "Açaí", "Pakistan"]  # the method first
    by_title = client.get("/fr/recherche", params={"audience": "public-buyers", "sort": "title:asc"}).text
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', by_title)[0].startswith("Açaí")
