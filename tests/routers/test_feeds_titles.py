"""What a feed reader shows of /v1/feed.atom and how it finds it: the feed's title, which names its filters by their
labels, its language (``lang``, else ``Accept-Language``), and the autodiscovery links of the site's pages."""

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from app.i18n import gettext
from tests.routers.test_feeds import parse

pytestmark = pytest.mark.usefixtures("loaded")


def test_a_filtered_feed_s_title_names_its_filters_by_their_labels_in_its_language(client: TestClient) -> None:
    """A feed reader lists the feed by its title: « Inde ; Textile et habillement », not « country=IN;
    sector=textiles »; the words searched for quoted, the values of one filter ORed, the filters in the table's
    order whatever the URL's."""
    french = parse(client, sector="textiles", country="IN", lang="fr").feed.title
    assert french.endswith("mises à jour (Inde\u202f; Textile et habillement\u202f; Français)")
    english = parse(client, q="cocoa", country=["PK", "CI"], risk="child-labour", lang="en", since="2025-01-01")
    assert english.feed.title == (
        "Virtual resource centre 8.7 — new and updated resources (“cocoa”; Côte d'Ivoire or Pakistan; Child labour; "
        "English; changed since 2025-01-01T00:00:00Z)"
    )
    assert "=" not in english.feed.title


@pytest.mark.parametrize(
    ("params", "accept_language", "language", "varies"),
    [
        ({}, "fr-FR,fr;q=0.9,en;q=0.5", "fr", True),  # the unfiltered feed follows Accept-Language
        ({}, "en-GB,en;q=0.9", "en", True),
        ({}, None, "fr", True),  # the centre's default, as the site's and the embed's
        ({"lang": "en"}, "fr", "en", False),  # lang wins, and the answer no longer varies
        ({"lang": "fr", "country": "CI"}, "en", "fr", False),
        ({"lang": ["fr", "en"]}, "en", "en", True),  # both languages kept: Accept-Language says which
    ],
)
def test_the_feed_s_language_is_lang_s_else_accept_language_s(
    client: TestClient,
    params: dict[str, str | list[str]],
    accept_language: str | None,
    language: str,
    varies: bool,
) -> None:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/v1/feed.atom", params=params, headers=headers)
    feed = feedparser.parse(response.content)
    assert feed.feed.language == language
    centre = {"fr": "Centre de ressources virtuel 8.7", "en": "Virtual resource centre 8.7"}[language]
    assert feed.feed.title.startswith(centre) and feed.feed.author == centre
    vary = [name.strip() for name in response.headers.get("vary", "").split(",")]
    assert ("Accept-Language" in vary) is varies
    if varies:  # a cache asked again with the same date keeps one copy per language: the 304 says so too
        again = client.get(
            "/v1/feed.atom",
            params=params,
            headers={**headers, "If-Modified-Since": response.headers["last-modified"]},
        )
        assert again.status_code == 304 and "Accept-Language" in again.headers["vary"]


def feed_links(html: str) -> list[dict[str, str]]:
    """The Atom autodiscovery links of a page's head, as a feed reader or a browser extension finds them."""
    head = lxml_html.fromstring(html).find("head")
    assert head is not None
    return [
        {name: str(value) for name, value in link.attrib.items()}
        for link in head.iter("link")
        if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"
    ]


@pytest.mark.parametrize(("path", "language"), [("/fr/", "fr"), ("/en/", "en"), ("/en/api", "en")])
def test_the_site_s_pages_lead_a_feed_reader_to_the_feed_in_their_language(
    client: TestClient, path: str, language: str
) -> None:
    (link,) = feed_links(client.get(path).text)
    assert link["href"] == f"/v1/feed.atom?lang={language}"
    assert link["title"] == gettext(language, "New and updated resources")
    feed = parse(client, lang=language)
    assert feed.feed.language == language and feed.entries


def test_the_search_page_leads_to_its_own_search_s_feed_only(client: TestClient) -> None:
    html = client.get("/en/search", params={"q": "cocoa", "country": "CI"}).text
    assert [link["href"] for link in feed_links(html)] == ["/v1/feed.atom?q=cocoa&country=CI&lang=en"]
