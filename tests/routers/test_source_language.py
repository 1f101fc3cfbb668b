"""A source's language through HTTP: the write API refuses an unknown tag (422 problem) and keeps a known one; the
resource page marks a source's title with ``lang`` and its link with ``hreflang`` only where it is not the page's."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from tests.helpers import Parties, bearer, create, good_practice, resource_row, sources_section

GOODS = {
    "title": "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)",
    "url": "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
}
CODE = {"title": "Code du travail", "url": "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050"}
PLAIN = {"title": "ICI, CLMRS", "url": "https://example.org/clmrs"}


@pytest.mark.parametrize("tag", ["english", "en-GB", "xx", "e n"])
def test_the_write_api_answers_an_unknown_tag_with_a_problem(
    client: TestClient, session_factory: sessionmaker[Session], tag: str
) -> None:
    parties = Parties.create(session_factory)
    payload = good_practice(sources=[PLAIN, GOODS | {"language": tag}])
    response = client.post("/v1/resources", json=payload, headers=bearer(parties.partner))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "sources.1.language"
    assert f"unknown language tag {tag!r}" in error["message"] and "'en', 'fr' or 'es'" in error["message"]


def test_the_write_api_keeps_a_known_tag_and_shows_it(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    response = create(client, parties.partner, sources=[PLAIN, GOODS | {"language": "EN"}])
    assert response.json()["sources"] == [PLAIN, GOODS | {"language": "en"}]  # none said: no key at all
    with session_factory() as session:
        resource = session.get(Resource, "cocoa-remediation.fr")
        assert resource is not None and resource.sources == [PLAIN, GOODS | {"language": "en"}]


def test_the_schema_documents_the_field(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    source = next(
        schema for name, schema in schemas.items() if name.startswith("Source") and "url" in schema["properties"]
    )
    assert "language" in source["properties"] and source["required"] == ["title", "url"]
    assert "BCP 47" in source["properties"]["language"]["description"]


@pytest.mark.usefixtures("loaded")
def test_the_page_marks_only_the_sources_in_another_language(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    sources = [GOODS | {"language": "en"}, CODE | {"language": "fr"}, PLAIN]
    with session_factory() as session:
        session.add(Resource(**resource_row("languages", "fr", sources=sources)))
        session.add(Resource(**resource_row("languages", "en", sources=sources)))
        session.commit()

    french = sources_section(client.get("/fr/ressources/languages").text)
    assert f'<a href="{GOODS["url"]}" rel="nofollow noopener" hreflang="en" lang="en">{GOODS["title"]}</a>' in french
    assert f'<a href="{CODE["url"]}" rel="nofollow noopener">{CODE["title"]}</a>' in french  # the page's own
    assert f'<a href="{PLAIN["url"]}" rel="nofollow noopener">{PLAIN["title"]}</a>' in french  # none said
    assert french.count("lang=") == 2  # hreflang and lang, once

    english = sources_section(client.get("/en/resources/languages").text)
    assert f'<a href="{CODE["url"]}" rel="nofollow noopener" hreflang="fr" lang="fr">{CODE["title"]}</a>' in english
    assert f'<a href="{GOODS["url"]}" rel="nofollow noopener">' in english
    assert english.count("lang=") == 2


@pytest.mark.usefixtures("loaded")
def test_a_source_without_a_usable_address_keeps_its_language(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    sources = [{"title": GOODS["title"], "url": "javascript:alert(1)", "language": "en"}]
    with session_factory() as session:
        session.add(Resource(**resource_row("no-address", "fr", sources=sources)))
        session.commit()
    section = sources_section(client.get("/fr/ressources/no-address").text)
    assert f'<span lang="en">{GOODS["title"]}</span>' in section and "javascript" not in section


@pytest.mark.usefixtures("loaded")
def test_the_markdown_and_json_ld_representations_carry_it(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        session.add(Resource(**resource_row("represented", "fr", sources=[GOODS | {"language": "en"}, PLAIN])))
        session.commit()
    markdown = client.get("/v1/resources/represented.fr", headers={"Accept": "text/markdown"}).text
    assert f"- title: {GOODS['title']}\n  url: {GOODS['url']}\n  language: en\n- title: {PLAIN['title']}\n" in markdown
    data = client.get("/v1/resources/represented.fr", headers={"Accept": "application/ld+json"}).json()
    assert [c.get("inLanguage") for c in data["citation"]] == ["en", None]
