"""GET /v1/feed.atom, read by a real feed reader (feedparser): order, links, categories, filters, conditional GET."""

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from tests.helpers import make_org, resource_row

pytestmark = pytest.mark.usefixtures("loaded")


def parse(client: TestClient, **params: str | list[str]) -> feedparser.FeedParserDict:
    response = client.get("/v1/feed.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_wide_feed_newest_first(client: TestClient) -> None:
    feed = parse(client)
    published = [entry.published for entry in feed.entries]
    assert len(feed.entries) == 6
    assert published == sorted(published, reverse=True)
    assert feed.entries[0].id.startswith("http://testserver/v1/resources/method-risk-mapping.")
    assert feed.feed.updated == "2026-03-15T00:00:00Z"
    assert feed.feed.links[0].rel == "self"


def test_entry_has_summary_links_categories_author_and_rights(client: TestClient) -> None:
    feed = parse(client, country="CI", lang="fr")
    assert [entry.id for entry in feed.entries] == ["http://testserver/v1/resources/country-ci.fr"]
    entry = feed.entries[0]
    assert entry.title == "Côte d’Ivoire\u00a0: travail des enfants dans le cacao"
    assert entry.summary.startswith("Fiche de test")
    assert entry.link == "http://testserver/fr/ressources/cote-d-ivoire"
    assert {link.type for link in entry.links} == {"text/html", "application/json"}
    other = [(link.rel, link.href) for link in entry.links if link.get("hreflang") == "en"]
    assert other == [("related", "http://testserver/en/resources/cote-d-ivoire")]  # its translation
    terms = {(tag.term, tag.scheme.rsplit("/", 1)[-1], tag.label) for tag in entry.tags}
    assert ("CI", "countries", "Côte d’Ivoire") in terms
    assert ("risk_sheet", "types", "Fiche risque") in terms  # labels in the entry's language
    assert ("child-labour", "risks", "Travail des enfants") in terms
    assert any(t == "cocoa" and s == "sectors" for t, s, _ in terms)
    assert entry.author == "Centre de ressources virtuel 8.7"  # the centre's name in the entry's language
    assert entry.rights == "CC-BY-4.0"
    assert feed.feed.language == "fr"
    assert feed.feed.id == "http://testserver/v1/feed.atom?country=CI&lang=fr"
    assert feed.feed.title == "Centre de ressources virtuel 8.7 — nouvelles ressources (country=CI; lang=fr)"
    assert feed.feed.author == "Centre de ressources virtuel 8.7"


def test_a_partner_s_entry_names_its_organisation(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_org(session_factory, "terre-solidaire")
    with session_factory() as session:
        session.add(Resource(**resource_row("practice-x", "en", publisher="terre-solidaire", countries=["GH"])))
        session.add(Resource(**resource_row("practice-y", "en", publisher="unknown-org", countries=["GH"])))
        session.commit()
    authors = {entry.id.rsplit("/", 1)[1]: entry.author for entry in parse(client, country="GH").entries}
    assert authors == {"practice-x.en": "Terre Solidaire", "practice-y.en": "unknown-org"}
    assert parse(client, lang="en").feed.title == "Virtual resource centre 8.7 — new resources (lang=en)"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "methodology"}, {"method-risk-mapping.en", "method-risk-mapping.fr"}),
        ({"sector": "bricks", "lang": "en"}, {"country-pk.en"}),
        ({"country": ["CI", "PK"], "lang": "en"}, {"country-ci.en", "country-pk.en"}),
        ({"region": "sub-saharan-africa", "risk": "child-labour", "lang": "fr"}, {"country-ci.fr"}),
        ({"q": "cacao"}, {"country-ci.fr", "country-ci.en"}),
    ],
)
def test_any_search_filter_selects_like_search(
    client: TestClient, params: dict[str, str | list[str]], expected: set[str]
) -> None:
    feed = parse(client, **params)
    got = {entry.id.rsplit("/", 1)[-1] for entry in feed.entries}
    assert got == expected
    search = client.get("/v1/search", params={**params, "per_page": 100}).json()
    assert got == {hit["id"] for hit in search["hits"]}  # the same selection as the search


def test_unknown_filter_value_is_the_search_problem(client: TestClient) -> None:
    response = client.get("/v1/feed.atom", params={"country": "XX"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "country"


def test_conditional_get(client: TestClient) -> None:
    first = client.get("/v1/feed.atom", params={"lang": "en"})
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert last_modified == "Sun, 15 Mar 2026 00:00:00 GMT"
    assert "max-age" in first.headers["cache-control"]
    assert client.get("/v1/feed.atom", params={"lang": "en"}, headers={"If-None-Match": etag}).status_code == 304
    unchanged = client.get("/v1/feed.atom", params={"lang": "en"}, headers={"If-Modified-Since": last_modified})
    assert unchanged.status_code == 304 and unchanged.content == b""
    older = client.get(
        "/v1/feed.atom", params={"lang": "en"}, headers={"If-Modified-Since": "Sat, 14 Mar 2026 00:00:00 GMT"}
    )
    assert older.status_code == 200
    other = client.get("/v1/feed.atom", params={"lang": "fr"}, headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_limit(client: TestClient) -> None:
    feed = parse(client, limit="2")
    assert len(feed.entries) == 2
    assert client.get("/v1/feed.atom", params={"limit": 0}).status_code == 422
