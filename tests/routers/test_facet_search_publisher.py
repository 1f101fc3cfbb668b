"""/v1/facet-search on the publisher facet: a value is found by its organisation's name as people type it (accents
and case aside), not only by its code; the value stays the code, the label is the name."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import OrganisationKind, Resource
from app.services import keys
from tests.helpers import drain, resource_row

pytestmark = pytest.mark.usefixtures("loaded")

# Two organisations whose codes share no word with their names.
WATCH, WATCH_NAME = "asw", "Anti-Slavery Watch"
ETHICS, ETHICS_NAME = "ong-eef", "Éthique & Enfance"
CENTRE_FR, CENTRE_EN = "Centre de ressources virtuel 8.7", "Virtual resource centre 8.7"


@pytest.fixture
def publishers(loaded: None, client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """One resource of each organisation's (two of the second's) beside the centre's six."""
    with session_factory() as session:
        keys.ensure_centre(session)
        keys.create_organisation(session, WATCH, WATCH_NAME, OrganisationKind.ngo)
        keys.create_organisation(session, ETHICS, ETHICS_NAME, OrganisationKind.ngo)
        session.add_all(
            [
                Resource(**resource_row("watch", "en", publisher=WATCH)),
                Resource(**resource_row("ethics", "fr", publisher=ETHICS)),
                Resource(**resource_row("ethics", "en", publisher=ETHICS)),
            ]
        )
        session.commit()
    drain(client, session_factory)


def facet_values(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/facet-search", params={"facet": "publisher"} | params)
    assert response.status_code == 200, response.text
    values: list[dict[str, Any]] = response.json()["values"]
    return values


@pytest.mark.usefixtures("publishers")
@pytest.mark.parametrize(
    ("facet_q", "expected"),
    [
        ("anti-slavery", [{"value": WATCH, "label": WATCH_NAME, "count": 1}]),
        ("slavery wat", [{"value": WATCH, "label": WATCH_NAME, "count": 1}]),
        ("ethique", [{"value": ETHICS, "label": ETHICS_NAME, "count": 2}]),  # « Éthique »: accents aside
        ("ÉTHIQUE enf", [{"value": ETHICS, "label": ETHICS_NAME, "count": 2}]),
        ("ong-eef", [{"value": ETHICS, "label": ETHICS_NAME, "count": 2}]),  # the code still finds it
        ("sherpa", []),
    ],
)
def test_a_publisher_is_found_by_its_name(client: TestClient, facet_q: str, expected: list[dict[str, Any]]) -> None:
    assert facet_values(client, facet_q=facet_q) == expected


@pytest.mark.usefixtures("publishers")
@pytest.mark.parametrize(("language", "centre"), [("fr", CENTRE_FR), ("en", CENTRE_EN)])
def test_the_centre_is_found_by_its_name_in_either_language(client: TestClient, language: str, centre: str) -> None:
    for facet_q in ("centre de ressources", "virtual resource"):
        assert facet_values(client, facet_q=facet_q, prefer_lang=language) == [
            {"value": "crv", "label": centre, "count": 6}
        ]


@pytest.mark.usefixtures("publishers")
def test_every_publisher_without_words_labelled_under_the_search(client: TestClient) -> None:
    everyone = facet_values(client)
    assert [(v["value"], v["label"], v["count"]) for v in everyone] == [
        ("crv", CENTRE_FR, 6),
        (ETHICS, ETHICS_NAME, 2),
        (WATCH, WATCH_NAME, 1),
    ]
    assert facet_values(client, q="Title of watch", facet_q="slavery") == [
        {"value": WATCH, "label": WATCH_NAME, "count": 1}
    ]
