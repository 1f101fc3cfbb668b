"""A source's ``original_title`` through HTTP: the resource page marks only that part of the title with ``lang``
inside the link (which keeps ``hreflang``), the rest read in the page's language, every title escaped; the write API
keeps it, as its Markdown does, answers a bad one with a problem at ``sources.N.original_title`` and documents it."""

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from tests.helpers import Parties, bearer, create, good_practice, resource_row, sources_section

URL = "https://www.ilo.org/projects/hazelnut"
BEFORE, ORIGINAL, AFTER = (
    "Bureau de l’OIT pour la Turquie, ",
    "Elimination of the worst forms of child labour in seasonal hazelnut agriculture in Turkey",
    " (projet, en anglais)",
)
HAZELNUT = {"title": BEFORE + ORIGINAL + AFTER, "url": URL, "language": "en", "original_title": ORIGINAL}
GOODS = {
    "title": "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)",
    "url": "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
    "language": "en",
}
# markup typed in a title is text: escaped before, inside and after the marked part
TAGS = {
    "title": "Rapport <b>annuel</b> : <i>Annual report</i> & <script>x</script>",
    "url": "https://example.org/report",
    "language": "en",
    "original_title": "<i>Annual report</i> &",
}


@pytest.mark.usefixtures("loaded")
def test_the_page_marks_only_the_part_in_the_sources_language(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        session.add(Resource(**resource_row("parts", "fr", sources=[HAZELNUT, GOODS, TAGS])))
        session.add(Resource(**resource_row("parts", "en", sources=[HAZELNUT])))
        session.commit()

    french = sources_section(client.get("/fr/ressources/parts").text)
    # the link says where it leads (hreflang); its lang is on the English words only
    assert (
        f'<a href="{URL}" rel="nofollow noopener" hreflang="en">{BEFORE}<span lang="en">{ORIGINAL}</span>{AFTER}</a>'
    ) in french
    # without an original_title the whole title is marked, as before
    assert f'<a href="{GOODS["url"]}" rel="nofollow noopener" hreflang="en" lang="en">{GOODS["title"]}</a>' in french
    assert (
        '<a href="https://example.org/report" rel="nofollow noopener" hreflang="en">'
        'Rapport &lt;b&gt;annuel&lt;/b&gt; : <span lang="en">&lt;i&gt;Annual report&lt;/i&gt; &amp;</span> '
        "&lt;script&gt;x&lt;/script&gt;</a>"
    ) in french
    assert "<script>x" not in french and "<i>" not in french

    # on a page in the source's own language, nothing is marked
    english = sources_section(client.get("/en/resources/parts").text)
    assert f'<a href="{URL}" rel="nofollow noopener">{BEFORE}{ORIGINAL}{AFTER}</a>' in english
    assert "lang=" not in english


@pytest.mark.usefixtures("loaded")
def test_the_markdown_representation_keeps_it(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        session.add(Resource(**resource_row("parts", "fr", sources=[HAZELNUT, GOODS])))
        session.commit()
    response = client.get("/v1/resources/parts.fr", headers={"Accept": "text/markdown"})
    assert response.status_code == 200, response.text
    front_matter = yaml.safe_load(response.text.split("---\n")[1])
    assert front_matter["sources"] == [HAZELNUT, GOODS]  # as content/ writes it: a file to load again


def test_the_write_api_keeps_it(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    response = create(client, parties.partner, sources=[HAZELNUT | {"original_title": f" {ORIGINAL} "}, GOODS])
    assert response.json()["sources"] == [HAZELNUT, GOODS]  # none given: no key at all
    with session_factory() as session:
        resource = session.get(Resource, "cocoa-remediation.fr")
        assert resource is not None and resource.sources == [HAZELNUT, GOODS]


def test_the_write_api_answers_a_part_not_in_the_title_with_a_problem(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    payload = good_practice(sources=[GOODS, HAZELNUT | {"original_title": "Elimination of child labour"}])
    response = client.post("/v1/resources", json=payload, headers=bearer(parties.partner))
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == "sources.1.original_title"
    assert error["message"].startswith("original_title 'Elimination of child labour' is not in the title")


def test_the_schema_documents_the_field(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    source = next(
        schema for name, schema in schemas.items() if name.startswith("Source") and "url" in schema["properties"]
    )
    assert source["required"] == ["title", "url"]
    assert "the part of it in `language`" in source["properties"]["original_title"]["description"]
