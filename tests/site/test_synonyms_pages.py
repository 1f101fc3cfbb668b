"""The search page's « where to start » box for a risk typed in another number, with another article or abbreviated."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.routers.test_pages import add_resource
from tests.site.test_site_pages import essentials

pytestmark = pytest.mark.usefixtures("loaded")


def test_travail_des_enfant_lists_where_to_start_like_travail_des_enfants(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Phrases were looked up as typed: « travail des enfant », « travail des enfans » and « travail d’enfants »
    named no term, and the page listed nothing to begin with."""
    add_resource(session_factory, translation_key="law-ilo-c138", slug="c138", title="Convention n° 138")
    add_resource(session_factory, translation_key="law-ilo-c182", slug="c182", title="Convention n° 182")
    box = ("Travail des enfants\u00a0: par où commencer",
           [("/fr/ressources/c138", "Convention n° 138"), ("/fr/ressources/c182", "Convention n° 182")])  # fmt: skip
    for q in ("travail des enfants", "travail des enfant", "travail des enfans", "travail d’enfants"):
        assert essentials(client.get("/fr/recherche", params={"q": q}).text) == box, q


def test_teh_lists_where_to_start_on_trafficking(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """« TEH », as French texts abbreviate « traite des êtres humains », found nothing."""
    add_resource(session_factory, translation_key="law-palermo-protocol", slug="palerme", title="Protocole de Palerme")
    box = ("Traite des êtres humains\u00a0: par où commencer", [("/fr/ressources/palerme", "Protocole de Palerme")])
    assert essentials(client.get("/fr/recherche", params={"q": "TEH"}).text) == box
