"""GET /v1/glossary, the glossary for integrators: every term of content/glossary.yaml with its names and definitions
in both languages (no ``lang``: each term carries both, as /v1/taxonomies does), its absolute entry on each language's
page (an anchor the page has), its sources and the centre's published resources that go further; cached and
revalidated by its ETag as the other public reads; described in the OpenAPI document; an empty list, not an error,
without the file."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sqlalchemy.orm import Session, sessionmaker

from app.services.glossary import GLOSSARY_FILE, GlossarySource, GlossaryTerm, TermText, anchor
from app.services.glossary_data import glossary_read
from app.services.site.published import Entry, PublishedIndex
from app.services.typography import typeset
from tests.site.test_glossary import with_glossary

pytestmark = pytest.mark.database_agnostic
BASE = "http://testserver"


@pytest.fixture
def terms(content_dir: Path, session_factory: sessionmaker[Session]) -> tuple[GlossaryTerm, ...]:
    return with_glossary(content_dir, session_factory)


def read(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/v1/glossary", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    data: dict[str, Any] = response.json()
    return data


def test_every_term_in_both_languages(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    data = read(client)
    assert data["total"] == len(data["terms"]) == len(terms) >= 15
    assert data["uri"] == f"{BASE}/v1/glossary"
    assert data["page_url"] == {"fr": f"{BASE}/fr/glossaire", "en": f"{BASE}/en/glossary"}
    assert (data["licence"], data["licence_url"]) == ("CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0.html")
    ids = [term["id"] for term in data["terms"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)  # by id, each once
    by_id = {term["id"]: term for term in data["terms"]}
    for term in terms:
        shown = by_id[anchor(term.en.term)]
        assert shown["uri"] == f"{BASE}/v1/glossary#{shown['id']}"
        for language in ("fr", "en"):
            assert shown["term"][language] == typeset(term.text(language).term, language)
            assert shown["definition"][language] == typeset(term.text(language).definition, language)
    forced = by_id["forced-labour"]
    assert forced["term"] == {"fr": "Travail forcé", "en": "Forced labour"}
    assert forced["page_url"] == {"fr": f"{BASE}/fr/glossaire#travail-force", "en": f"{BASE}/en/glossary#forced-labour"}


def test_each_entry_s_anchor_is_on_its_page(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    data = read(client)
    for language, path in (("fr", "/fr/glossaire"), ("en", "/en/glossary")):
        tree = lxml_html.fromstring(client.get(path).text)
        for term in data["terms"]:
            url = term["page_url"][language]
            assert url.startswith(f"{BASE}{path}#")
            fragment = url.split("#", 1)[1]
            assert tree.get_element_by_id(fragment).text_content() == term["term"][language], url


def test_sources_in_each_language(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    by_id = {term["id"]: term for term in read(client)["terms"]}
    for term in terms:
        sources = by_id[anchor(term.en.term)]["sources"]
        assert len(sources) == len(term.sources) >= 1
        for shown, source in zip(sources, term.sources, strict=True):
            assert shown["title"] == {language: source.title_in(language) for language in ("fr", "en")}
            assert shown["url"] == {language: source.url_in(language) for language in ("fr", "en")}
            assert shown["language"] == source.language
            assert all(url.startswith("https://") and "{lang}" not in url for url in shown["url"].values())
    # NORMLEX has a page per language; Légifrance one, in French, whatever the reader's language
    minimum_age = by_id["minimum-age-for-admission-to-employment"]["sources"][0]
    assert minimum_age["url"]["fr"].startswith("https://normlex.ilo.org/dyn/nrmlx_fr/")
    assert minimum_age["url"]["en"].startswith("https://normlex.ilo.org/dyn/nrmlx_en/")
    assert minimum_age["language"] is None
    french_only = [
        source for term in by_id.values() for source in term["sources"] if "legifrance.gouv.fr" in source["url"]["en"]
    ]
    assert french_only and all(source["language"] == "fr" for source in french_only)


def test_the_resources_that_go_further_by_their_public_ids(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    by_id = {term["id"]: term for term in read(client)["terms"]}
    pages: set[str] = set()
    reads: set[str] = set()
    for term in terms:
        see_also = by_id[anchor(term.en.term)]["see_also"]
        assert [resource["key"] for resource in see_also] == list(term.see_also)  # in reading order
        for resource in see_also:
            key = resource["key"]
            assert resource["id"] == {"fr": f"{key}.fr", "en": f"{key}.en"}
            assert resource["api_url"] == {
                language: f"{BASE}/v1/resources/{key}.{language}" for language in ("fr", "en")
            }
            assert resource["page_url"]["fr"].startswith(f"{BASE}/fr/ressources/")
            assert resource["page_url"]["en"].startswith(f"{BASE}/en/resources/")
            assert all(resource["title"].values())
            pages |= set(resource["page_url"].values())
            reads |= set(resource["api_url"].values())
    for address in sorted(pages):  # the pages count against no quota
        assert client.get(address.removeprefix(BASE)).status_code == 200, address
    for address in sorted(reads)[:: max(1, len(reads) // 10)]:  # ten of the API's, within the anonymous quota
        assert client.get(address.removeprefix(BASE)).status_code == 200, address


def test_a_resource_published_in_one_language_or_none() -> None:
    """A resource published in French only stands in for English too, as /v1/findings' sheet links do; one published
    in neither language is left out, as the page leaves it out."""
    text = TermText(term="Travail forcé", definition="Une définition assez longue pour la règle du glossaire.")
    source = GlossarySource(title="Source", language="fr", url="https://example.org/source")
    term = GlossaryTerm(fr=text, en=text, sources=(source,), see_also=("law-a", "law-gone"))
    french_only = Entry("law-a.fr", "law-a", "fr", "loi-a", "Loi A", (), (), (), date(2026, 1, 1))
    (shown,) = glossary_read([term], BASE, PublishedIndex(0, {"law-a": {"fr": french_only}}, {})).terms
    (resource,) = shown.see_also
    assert resource.key == "law-a"
    assert (resource.id.fr, resource.id.en) == ("law-a.fr", "law-a.fr")
    assert resource.page_url.en == f"{BASE}/fr/ressources/loi-a"


def test_cached_and_revalidated_by_its_etag(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    first = client.get("/v1/glossary", headers={"Origin": "https://example.org"})
    assert first.headers["cache-control"] == "public, max-age=300"
    assert "accept" in first.headers["vary"].lower()
    etag = first.headers["etag"]
    again = client.get("/v1/glossary", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/v1/glossary").headers["etag"] == etag  # the same answer, the same tag
    turtle = client.get("/v1/glossary", params={"format": "ttl"})
    assert turtle.headers["etag"] != etag  # each format its own
    assert client.get("/v1/glossary", params={"format": "ttl"}, headers={"If-None-Match": etag}).status_code == 200
    assert (
        client.get(
            "/v1/glossary", params={"format": "ttl"}, headers={"If-None-Match": turtle.headers["etag"]}
        ).status_code
        == 304
    )
    assert first.headers["access-control-allow-origin"] == "*"  # readable by other sites' scripts, as the API is


def test_one_language_is_not_a_parameter(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    """No endpoint gives one language's fields only (taxonomies and findings carry both): ``lang`` is refused as
    any unknown parameter is, not silently ignored."""
    response = client.get("/v1/glossary", params={"lang": "fr"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/glossary", params={"format": "pdf"}).status_code == 422


def test_without_the_file_an_empty_list(client: TestClient, content_dir: Path) -> None:
    assert not (content_dir / GLOSSARY_FILE).exists()
    data = read(client)
    assert (data["total"], data["terms"]) == (0, [])


def test_an_unreadable_file_is_an_empty_list_not_an_error(client: TestClient, content_dir: Path) -> None:
    (content_dir / GLOSSARY_FILE).write_text("- fr: [unclosed\n", encoding="utf-8")
    assert read(client)["terms"] == []


def test_the_openapi_document_describes_it(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/v1/glossary"]["get"]
    assert operation["tags"] == ["glossary"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/GlossaryRead"
    }
    assert {"text/turtle", "application/ld+json"} <= set(operation["responses"]["200"]["content"])
    assert "422" in operation["responses"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "format"]
    assert "SKOS" in parameter["description"]
    components = schema["components"]["schemas"]
    term = components["GlossaryTermRead"]["properties"]
    assert {"id", "uri", "term", "definition", "page_url", "sources", "see_also"} <= set(term)
    assert all(field.get("description") for name, field in term.items() if name not in ("term",))
    assert components["GlossarySourceRead"]["properties"]["language"]["description"]


@pytest.mark.parametrize(
    ("lang", "api_page", "glossary_page"), [("fr", "/fr/api", "/fr/glossaire"), ("en", "/en/api", "/en/glossary")]
)
def test_the_api_page_offers_it(client: TestClient, lang: str, api_page: str, glossary_page: str) -> None:
    """The API page's open-data section has the glossary (the catalogue's landing page for it, ``#glossary``), with its
    JSON and SKOS addresses and a link to the page in the reader's language."""
    tree = lxml_html.fromstring(client.get(api_page).text)
    heading = tree.get_element_by_id("glossary")
    assert heading.tag == "h3" and heading.getparent().get("aria-labelledby") == "open-data"
    section = []
    for sibling in heading.itersiblings():
        if sibling.tag.startswith("h"):
            break
        section.append(sibling)
    links = {link.get("href") for element in section for link in element.iter("a")}
    assert {"/v1/glossary", "/v1/glossary?format=ttl", "/v1/glossary?format=jsonld", glossary_page} <= links
    for link in sorted(links):
        assert client.get(link).status_code == 200, link
