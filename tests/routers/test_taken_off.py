"""A resource taken off the centre after being published answers 410 Gone, on its page and in the API: a link
checker or a harvester learns that it is gone for good, not mistyped. One never published stays a plain 404."""

import re
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceStatus
from tests.helpers import Parties, bearer, create, drain, publish
from tests.routers.test_pages import add_resource

HTML = {"Accept": "text/html"}


def archive(client: TestClient, token: str, resource_id: str) -> None:
    etag = client.get(f"/v1/my/resources/{resource_id}", headers=bearer(token)).headers["etag"]
    response = client.post(f"/v1/resources/{resource_id}/archive", headers=bearer(token, etag))
    assert response.status_code == 200, response.text


def test_a_published_resource_archived_by_its_partner_is_gone(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    resource_id = publish(client, parties)
    path = urlsplit(client.get(f"/v1/resources/{resource_id}").json()["url"]).path
    assert client.get(path, headers=HTML).status_code == 200
    archive(client, parties.partner, resource_id)
    drain(client, session_factory)

    api = client.get(f"/v1/resources/{resource_id}")
    assert api.status_code == 410
    assert api.json()["type"] == "/problems/gone" and "taken off the centre" in api.json()["detail"]
    gone = client.get(path, headers=HTML)
    assert gone.status_code == 410
    assert "<h1>Ressource retirée</h1>" in gone.text
    assert "Remédiation" in re.search(r'<p class="lead">(.*?)</p>', gone.text, re.S).group(1)  # type: ignore[union-attr]


def test_an_archived_draft_never_published_is_not_found(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    resource_id = create(client, parties.partner).json()["id"]
    archive(client, parties.partner, resource_id)
    response = client.get(f"/v1/resources/{resource_id}")
    assert response.status_code == 404 and response.json()["type"] == "/problems/not-found"


@pytest.mark.usefixtures("loaded")
def test_a_content_file_removed_leaves_a_page_saying_so_with_resources_on_its_subject(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(
        session_factory,
        translation_key="pakistan-bricks-guide",
        language="en",
        title="Debt bondage in Pakistan brick kilns",
        status=ResourceStatus.archived,
    )
    response = client.get("/en/resources/pakistan-bricks-guide", headers=HTML)
    assert response.status_code == 410
    assert "<title>Resource withdrawn" in response.text
    assert "“Debt bondage in Pakistan brick kilns” was published at this address" in response.text
    assert "<h2>On the same subject</h2>" in response.text and 'href="/en/resources/pakistan"' in response.text
    assert client.get("/v1/resources/pakistan-bricks-guide.en").status_code == 410


def test_an_unknown_address_of_the_api_names_its_problem_type(client: TestClient) -> None:
    response = client.get("/v1/no-such-route")
    assert response.status_code == 404 and response.json()["type"] == "/problems/not-found"
