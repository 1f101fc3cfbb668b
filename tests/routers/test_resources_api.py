"""GET /v1/resources/{id}, /v1/taxonomies/{name}, health and readiness."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceStatus


@pytest.mark.usefixtures("loaded")
def test_resource_with_translations_and_safe_html(client: TestClient) -> None:
    response = client.get("/v1/resources/country-ci.fr")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Côte d’Ivoire\u00a0: travail des enfants dans le cacao"
    assert body["translations"] == [
        {
            "id": "country-ci.en",
            "language": "en",
            "title": "Côte d'Ivoire: child labour in cocoa",
            "url": "http://testserver/en/resources/cote-d-ivoire",
        }
    ]
    # crv: links resolve to the page in the reader's language, one crawlers may follow (no nofollow)
    assert '<a href="http://testserver/fr/ressources/cartographie-des-risques">' in body["body_html"]
    assert body["sources"][0]["url"].startswith("https://www.dol.gov/")


@pytest.mark.usefixtures("loaded")
def test_unpublished_resource_is_not_found(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        resource = session.get(Resource, "country-pk.en")
        assert resource is not None
        resource.status = ResourceStatus.draft
        session.commit()
    response = client.get("/v1/resources/country-pk.en")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    translations = client.get("/v1/resources/country-pk.fr").json()["translations"]
    assert translations == []


def test_missing_resource_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/resources/nope.fr")
    assert response.status_code == 404
    assert "nope.fr" in response.json()["detail"]


@pytest.mark.usefixtures("loaded")
def test_an_id_without_its_language_names_the_published_versions(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Resources are addressed as ``<translation key>.<language>``: the key alone is still a 404 (no redirect: the
    language is the caller's to choose), whose detail names the ids to use — the published ones only."""
    response = client.get("/v1/resources/country-ci", follow_redirects=False)
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "No published resource has the id 'country-ci'. Use country-ci.fr or country-ci.en."
    )
    assert "Use country-ci.fr or country-ci.en." in client.get("/v1/resources/country-ci/download").json()["detail"]
    with session_factory() as session:
        resource = session.get(Resource, "country-pk.en")
        assert resource is not None
        resource.status = ResourceStatus.draft
        session.commit()
    assert client.get("/v1/resources/country-pk").json()["detail"].endswith("Use country-pk.fr.")
    assert client.get("/v1/resources/nope").json()["detail"].endswith("Search for it with /v1/search.")


def test_taxonomies(client: TestClient) -> None:
    countries = client.get("/v1/taxonomies/countries").json()
    by_code = {term["code"]: term for term in countries["terms"]}
    assert len(by_code) >= 249
    assert by_code["MM"]["labels"] == {"fr": "Birmanie", "en": "Burma"}
    assert "Myanmar" in by_code["MM"]["synonyms"]
    assert by_code["XK"]["labels"]["en"] == "Kosovo"
    sectors = {t["code"]: t for t in client.get("/v1/taxonomies/sectors").json()["terms"]}
    assert sectors["cocoa"]["labels"] == {"fr": "Cacao", "en": "Cocoa"}
    assert client.get("/v1/taxonomies/colours").status_code == 422
    risks = {t["code"]: t for t in client.get("/v1/taxonomies/risks").json()["terms"]}
    assert risks["forced-labour"]["essentials"][0] == "method-forced-labour-indicators"  # where to start, in order
    assert sectors["cocoa"]["essentials"] == []


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["database"] == "ok" and body["search_ok"] is True
    assert body["outbox_pending"] == 0


def test_openapi_documents_problems(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    search = spec["paths"]["/v1/search"]["get"]
    assert "422" in search["responses"] and "503" in search["responses"]
