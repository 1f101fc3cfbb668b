"""/v1/resources/{id} in JSON, Markdown and schema.org JSON-LD by content negotiation; the JSON-LD read with pyld."""

import json
from html.parser import HTMLParser
from typing import Any

import frontmatter
import pytest
from fastapi.testclient import TestClient
from pyld import jsonld
from sqlalchemy.orm import Session

from app.errors import NotAcceptable
from app.models import Resource
from app.services.representations import negotiate, preferred
from tests.helpers import resource_row

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]
SCHEMA = "http://schema.org/"


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """schema.org's context, reduced to what the test needs, so that no test touches the network."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"unexpected remote document {url}")
    context = {"@vocab": SCHEMA, "url": {"@type": "@id"}, "license": {"@type": "@id"}}
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(data, {"documentLoader": offline_loader})
    return expanded


def values(node: dict[str, Any], name: str) -> list[Any]:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + name, [])]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("text/markdown", "text/markdown"),
        ("application/ld+json", "application/ld+json"),
        ("application/json;q=0.5, text/markdown", "text/markdown"),
        ("text/*", "text/markdown"),
        ("application/ld+json;q=0.9, application/*;q=0.1", "application/ld+json"),
        ("application/*", "application/json"),  # JSON and JSON-LD alike: the first, JSON
        ("text/markdown;q=0, */*", "application/json"),
        ("nonsense", "application/json"),  # no media range that can be read: as if none was sent
    ],
)
def test_negotiate(accept: str | None, expected: str) -> None:
    assert negotiate(accept) == expected == preferred(accept)


@pytest.mark.parametrize("accept", ["image/png", "text/html", "application/json;q=0, text/plain", "*/*;q=0"])
def test_an_accept_that_takes_none_of_the_offers_is_refused(accept: str) -> None:
    assert preferred(accept) is None
    with pytest.raises(NotAcceptable) as refused:
        negotiate(accept)
    assert refused.value.status == 406


@pytest.mark.parametrize("accept", ["image/png", "text/html", "application/xml", "application/json;q=0"])
def test_an_unsupported_accept_is_a_406_problem_naming_the_media_types(client: TestClient, accept: str) -> None:
    """Not a JSON body the client said it cannot use: 406, as a problem document that lists what it may ask for."""
    response = client.get("/v1/resources/country-ci.fr", headers={"Accept": accept})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert "Accept" in [name.strip() for name in response.headers["vary"].split(",")]
    problem = response.json()
    assert problem["status"] == 406 and problem["instance"] == "/v1/resources/country-ci.fr"
    assert problem["type"] == "/problems/not-acceptable"
    assert all(
        media_type in problem["detail"] for media_type in ("application/json", "text/markdown", "application/ld+json")
    )


@pytest.mark.parametrize(
    "accept", ["*/*", "application/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ""]
)
def test_wildcards_and_no_accept_still_give_json(client: TestClient, accept: str) -> None:
    response = client.get("/v1/resources/country-ci.fr", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json()["id"] == "country-ci.fr"


def test_an_unknown_resource_is_still_a_404_whatever_the_accept(client: TestClient) -> None:
    assert client.get("/v1/resources/nothing.fr", headers={"Accept": "image/png"}).status_code == 404


def test_default_is_json(client: TestClient) -> None:
    response = client.get("/v1/resources/country-ci.fr")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["id"] == "country-ci.fr"
    assert "Accept" in response.headers["vary"]


def test_markdown_with_front_matter(client: TestClient) -> None:
    response = client.get("/v1/resources/country-ci.fr", headers={"Accept": "text/markdown"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    post = frontmatter.loads(response.text)
    assert post["translation_key"] == "country-ci" and post["language"] == "fr"
    assert post["licence"] == "CC-BY-4.0" and post["countries"] == ["CI"]
    assert post.content.startswith("## Biens concernés")
    assert response.headers["content-language"] == "fr"


def test_json_ld_has_type_language_translation_publisher_licence(client: TestClient) -> None:
    response = client.get("/v1/resources/country-ci.fr", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    nodes = expand(response.json())
    assert len(nodes) == 1
    node = nodes[0]
    assert node["@type"] == [SCHEMA + "Article"]  # a sheet about the ILAB data, not the data set (the export is)
    assert values(node, "inLanguage") == ["fr"]
    assert values(node, "license") == ["https://spdx.org/licenses/CC-BY-4.0.html"]
    publisher = node[SCHEMA + "publisher"][0]
    assert publisher["@type"] == [SCHEMA + "Organization"]
    assert values(publisher, "name") == ["Centre de ressources virtuel 8.7"]  # the centre's name, not its slug
    translation = node[SCHEMA + "workTranslation"][0]
    assert translation["@id"] == "http://testserver/en/resources/cote-d-ivoire"
    assert values(translation, "inLanguage") == ["en"]


def test_methodology_is_an_article(client: TestClient) -> None:
    data = client.get("/v1/resources/method-risk-mapping.en", headers={"Accept": "application/ld+json"}).json()
    assert expand(data)[0]["@type"] == [SCHEMA + "Article"]


def test_unknown_resource_is_a_problem_whatever_the_accept(client: TestClient) -> None:
    response = client.get("/v1/resources/nope.fr", headers={"Accept": "text/markdown"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


class JsonLdScripts(HTMLParser):
    """The JSON-LD blocks of a page, as a crawler extracts them."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks.append(data)


def page_json_ld(client: TestClient, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200
    parser = JsonLdScripts()
    parser.feed(response.text)
    [block] = parser.blocks
    data: dict[str, Any] = json.loads(block)
    return data


@pytest.mark.parametrize(
    ("resource_type", "schema_type"),
    [
        ("training_module", "LearningResource"),
        ("legal_reference", "Article"),  # the explainer; the law is its subject (`about`)
        ("risk_sheet", "Article"),
        ("good_practice", "Article"),
        ("tool", "DigitalDocument"),
    ],
)
def test_resource_page_json_ld_types(
    client: TestClient, session: Session, resource_type: str, schema_type: str
) -> None:
    for language, slug in (("fr", "texte"), ("en", "text")):
        session.add(
            Resource(
                **resource_row(
                    "sample",
                    language,
                    slug=slug,
                    type=resource_type,
                    title=f"Sample {language}",
                    summary="A sample.",
                    countries=["FR"],
                    risks=["forced-labour"],
                )
            )
        )
    session.commit()
    data = page_json_ld(client, "/fr/ressources/texte")
    [node] = expand(data)
    assert node["@type"] == [SCHEMA + schema_type]
    assert values(node, "inLanguage") == ["fr"]
    assert values(node, "license") == ["https://spdx.org/licenses/CC-BY-4.0.html"]
    assert values(node[SCHEMA + "publisher"][0], "name") == ["Centre de ressources virtuel 8.7"]
    [translation] = node[SCHEMA + "workTranslation"]
    assert translation["@id"] == "http://testserver/en/resources/text" and values(translation, "inLanguage") == ["en"]
    api = client.get("/v1/resources/sample.fr", headers={"Accept": "application/ld+json"}).json()
    assert api == data  # one builder for the page and the API
