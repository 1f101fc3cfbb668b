"""One organisation's resources: the `publisher` filter and facet of /v1/search (its values labelled with the
organisations' names), of the export and the feed, and the publisher's name searched as text, kept current when
the organisation is renamed."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import OrganisationKind, Resource
from app.services import keys
from tests.helpers import WIDGET_SITE, drain, resource_row, widget_key

pytestmark = pytest.mark.usefixtures("loaded")

CACAO = "enfance-cacao"
CACAO_NAME = "Enfance & Cacao – Agir ensemble"
PARTNER_IDS = ["passerelles.en", "passerelles.fr"]
CENTRE_FR, CENTRE_EN = "Centre de ressources virtuel 8.7", "Virtual resource centre 8.7"


def partner_resources(language: str) -> dict[str, Any]:
    """A partner's good practice whose text names neither its publisher nor cocoa."""
    texts = {
        "fr": ("Des classes passerelles dans les villages", "Rattraper deux années d’école en une."),
        "en": ("Bridging classes in the villages", "Two school years caught up in one."),
    }
    title, summary = texts[language]
    return resource_row("passerelles", language, publisher=CACAO, title=title, summary=summary, body=summary)


@pytest.fixture
def partner(loaded: None, client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Enfance & Cacao and two resources of its own beside the centre's six (the centre's organisation exists)."""
    with session_factory() as session:
        keys.ensure_centre(session)
        keys.create_organisation(session, CACAO, CACAO_NAME, OrganisationKind.ngo)
        session.add_all([Resource(**partner_resources("fr")), Resource(**partner_resources("en"))])
        session.commit()
    drain(client, session_factory)


def search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(body: dict[str, Any]) -> list[str]:
    return sorted(hit["id"] for hit in body["hits"])


@pytest.mark.usefixtures("partner")
@pytest.mark.parametrize(("language", "centre"), [("fr", CENTRE_FR), ("en", CENTRE_EN)])
def test_the_publisher_filter_and_its_facet_labelled_with_names(client: TestClient, language: str, centre: str) -> None:
    body = search(client, publisher=CACAO, facets="publisher", prefer_lang=language)
    assert ids(body) == PARTNER_IDS
    assert body["facets"]["publisher"] == {"crv": 6, CACAO: 2}  # disjunctive: its own selection ignored
    assert body["facet_labels"]["publisher"] == {"crv": centre, CACAO: CACAO_NAME}
    assert ids(search(client, publisher=CACAO.upper())) == PARTNER_IDS  # codes are lower case
    assert search(client, publisher=["crv", CACAO])["total"] == 8
    assert search(client, publisher="ong-nobody")["total"] == 0  # an organisation with nothing published


@pytest.mark.usefixtures("partner")
def test_a_malformed_publisher_is_a_422_saying_where_codes_are(client: TestClient) -> None:
    response = client.get("/v1/search", params={"publisher": "Enfance & Cacao"})
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "publisher"
    assert "facets=publisher" in error["message"]
    misspelt = client.get("/v1/search", params={"publishr": CACAO})
    assert misspelt.status_code == 422
    assert "did you mean 'publisher'" in misspelt.json()["errors"][0]["message"]


@pytest.mark.usefixtures("partner")
@pytest.mark.parametrize("q", ["Enfance & Cacao", "Enfance Cacao Agir ensemble", "enfance cacao"])
def test_the_publisher_s_name_finds_its_resources(client: TestClient, q: str) -> None:
    assert ids(search(client, q=q)) == PARTNER_IDS


@pytest.mark.usefixtures("partner")
@pytest.mark.parametrize("q", ["virtuel", "centre de ressources", "resource centre"])
def test_the_centre_s_name_is_not_searched(client: TestClient, q: str) -> None:
    """Every resource is the centre's: its name would find them all, whatever the words."""
    assert search(client, q=q)["total"] == 0


@pytest.mark.usefixtures("partner")
def test_the_export_and_the_feed_select_one_publisher(client: TestClient) -> None:
    export = client.get("/v1/export", params={"format": "jsonl", "publisher": CACAO})
    assert export.status_code == 200, export.text
    rows = [json.loads(line) for line in export.text.splitlines()]
    assert sorted(row["id"] for row in rows) == PARTNER_IDS
    assert {row["publisher"] for row in rows} == {CACAO_NAME}
    feed = client.get("/v1/feed.atom", params={"publisher": CACAO})
    assert feed.status_code == 200, feed.text
    assert feed.text.count("<entry") == 2 and "Des classes passerelles" in feed.text


def test_every_route_that_selects_documents_the_publisher_filter(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/search", "/v1/export", "/v1/feed.atom"):
        (parameter,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "publisher"]
        assert parameter["in"] == "query" and "publisher facet" in parameter["description"], path
    facets = client.get("/openapi.json").json()["components"]["schemas"]["FilterField"]  # facets=publisher
    assert "publisher" in facets["enum"]


@pytest.mark.usefixtures("partner")
def test_a_renamed_organisation_is_found_by_its_new_name(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        keys.get_organisation(session, CACAO).name = "Kakao Kinder Solidarité"
        session.commit()
    drain(client, session_factory)
    assert ids(search(client, q="kinder solidarite")) == PARTNER_IDS
    assert not set(ids(search(client, q="Enfance Cacao Agir ensemble"))) & set(PARTNER_IDS)  # « cacao »: the CI sheets
    labels = search(client, facets="publisher")["facet_labels"]["publisher"]
    assert labels[CACAO] == "Kakao Kinder Solidarité"


@pytest.mark.usefixtures("partner")
def test_a_partner_s_widget_key_sees_its_resources_only(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    key = widget_key(session_factory, filters={"publisher": [CACAO]})
    response = client.get("/v1/search", params={"key": key, "facets": "publisher"}, headers={"Origin": WIDGET_SITE})
    assert response.status_code == 200, response.text
    body = response.json()
    assert ids(body) == PARTNER_IDS
    assert body["facets"]["publisher"] == {CACAO: 2}
    assert body["fixed_filters"] == {"publisher": [CACAO]}
