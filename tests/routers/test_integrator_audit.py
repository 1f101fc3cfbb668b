"""What a web developer embedding the search on a partner's site ran into: a page opened as a file (``Origin:
null``), the feed's ``If-Modified-Since`` to the second, the dates and publisher of search hits, a key's own quota
named in its 429, an ``http://`` website in the partner request form, and the home page's « Reuse the centre »
card."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import OrganisationKind, Resource
from app.services import keys
from app.services.feeds import http_date, not_modified_since
from app.services.origins import OPAQUE_ORIGIN, request_origin
from tests.helpers import WIDGET_SITE, drain, resource_row, widget_key
from tests.web.helpers import post_form

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

FILE_PAGE = {"Origin": "null"}  # what Chromium and Firefox send for a page opened as file:///…/page.html


# A page opened as a file


def test_origin_null_is_a_page_without_an_origin_not_no_page() -> None:
    assert request_origin({"origin": "null"}) == OPAQUE_ORIGIN == "null"
    assert request_origin({"origin": " null "}) == OPAQUE_ORIGIN
    assert request_origin({}) is None  # a server: no page at all
    assert request_origin({"origin": "file:///home/me/page.html"}) is None  # not what browsers send, nor an origin
    assert request_origin({"referer": "null"}) is None


def test_an_anonymous_read_answers_a_page_opened_as_a_file(client: TestClient) -> None:
    """Public data, no credentials: the page's script may read it, so the widget works from a file."""
    for path in ("/v1/search?q=cacao", "/v1/resources/country-ci.fr", "/v1/taxonomies/sectors"):
        response = client.get(path, headers=FILE_PAGE)
        assert response.status_code == 200, path
        assert response.headers["access-control-allow-origin"] == "*", path
        assert "RateLimit-Remaining" in response.headers["access-control-expose-headers"]


def test_a_key_refuses_a_page_opened_as_a_file_and_says_so(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """No key can list a page without an origin; the refusal, readable by the page, says to serve it over http(s)
    — not that the request had no Origin, which is what a server is told."""
    key = widget_key(session_factory)
    refused = client.get("/v1/search", params={"q": "cacao", "key": key}, headers=FILE_PAGE)
    assert refused.status_code == 403
    assert refused.headers["access-control-allow-origin"] == "*"  # the widget can read why
    detail = refused.json()["detail"]
    assert "(Origin: null)" in detail and "opened as a file" in detail and "Serve it over http(s)" in detail
    assert "has no Origin" not in detail and "hits" not in refused.json()
    server = client.get("/v1/search", params={"q": "cacao", "key": key})  # no Origin at all: a server's request
    assert server.status_code == 403 and "the request has no Origin" in server.json()["detail"]
    assert "access-control-allow-origin" not in server.headers
    allowed = client.get("/v1/search", params={"q": "cacao", "key": key}, headers={"Origin": WIDGET_SITE})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == WIDGET_SITE


# The feed's If-Modified-Since, to the second


def test_a_copy_stamped_with_the_last_modified_it_was_given_is_not_modified() -> None:
    """An HTTP date has no fraction of a second: the ``Last-Modified`` of a change at 09:30:00.654321 reads
    09:30:00, and sent back it must mean « as new », not « a second older »."""
    changed = datetime(2025, 6, 1, 9, 30, 0, 654321, tzinfo=UTC)
    given = http_date(changed)
    assert given == "Sun, 01 Jun 2025 09:30:00 GMT"
    assert not_modified_since(given, changed)
    assert not not_modified_since("Sun, 01 Jun 2025 09:29:59 GMT", changed)
    assert not_modified_since("Sun, 01 Jun 2025 09:30:01 GMT", changed)


def test_the_feed_answers_304_to_its_own_last_modified(client: TestClient) -> None:
    first = client.get("/v1/feed.atom", params={"type": "risk_sheet"})
    again = client.get(
        "/v1/feed.atom", params={"type": "risk_sheet"}, headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    assert again.status_code == 304


# The dates and publisher of search hits


PARTNER, PARTNER_NAME = "enfance-cacao", "Enfance & Cacao"


@pytest.fixture
def good_practices(loaded: None, client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """A partner's good practice published after one of the centre's, updated later still."""
    with session_factory() as session:
        keys.ensure_centre(session)
        keys.create_organisation(session, PARTNER, PARTNER_NAME, OrganisationKind.ngo)
        session.add_all(
            [
                Resource(
                    **resource_row(
                        "passerelles",
                        publisher=PARTNER,
                        published_at=date(2026, 3, 10),
                        updated_at=date(2026, 4, 2),
                    )
                ),
                Resource(**resource_row("cantines", published_at=date(2026, 2, 1), updated_at=date(2026, 2, 1))),
            ]
        )
        session.commit()
    drain(client, session_factory)


def latest(client: TestClient, **params: str) -> list[dict[str, Any]]:
    query = {"type": "good_practice", "lang": "fr", "sort": "published_at:desc"} | params
    response = client.get("/v1/search", params=query)
    assert response.status_code == 200, response.text
    hits: list[dict[str, Any]] = response.json()["hits"]
    return hits


@pytest.mark.usefixtures("good_practices")
def test_the_latest_good_practices_come_with_their_dates_and_publisher(client: TestClient) -> None:
    """One call: the newest first, each with its dates and who published it — its code, as a resource names it,
    and its name (the centre's in the reader's language, as pages name it)."""
    hits = latest(client, prefer_lang="fr")
    assert [hit["id"] for hit in hits] == ["passerelles.fr", "cantines.fr"]
    assert [(h["published_at"], h["updated_at"], h["publisher"], h["publisher_name"]) for h in hits] == [
        ("2026-03-10", "2026-04-02", PARTNER, PARTNER_NAME),
        ("2026-02-01", "2026-02-01", "crv", "Centre de ressources virtuel 8.7"),
    ]
    english = latest(client, prefer_lang="en")
    assert english[1]["publisher_name"] == "Virtual resource centre 8.7"
    resource = client.get("/v1/resources/passerelles.fr").json()  # the same names and values as the resource's
    assert (resource["publisher"], resource["published_at"], resource["updated_at"]) == (
        PARTNER,
        "2026-03-10",
        "2026-04-02",
    )


# A key's own quota


@pytest.fixture
def quota_app(settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[FastAPI]:
    """The default visitor quota (120), far above a key limited to 3 a minute."""
    application = create_app(settings.model_copy(update={"visitor_requests_per_minute": 120}))
    with TestClient(application):
        yield application


def test_a_key_s_own_small_limit_is_named_with_whom_to_ask(
    quota_app: FastAPI, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    key = widget_key(session_factory, rate_limit_per_minute=3)
    visitor = TestClient(quota_app, client=("198.51.100.31", 40000))
    for _ in range(3):
        ok = visitor.get("/v1/search", params={"key": key}, headers={"Origin": WIDGET_SITE})
        assert ok.status_code == 200
        assert ok.headers["ratelimit-policy"] == '3;w=60;comment="key"'  # no visitor quota as large as the key's
    refused = visitor.get("/v1/search", params={"key": key}, headers={"Origin": WIDGET_SITE})
    assert refused.status_code == 429 and refused.headers["ratelimit-policy"] == '3;w=60;comment="key"'
    detail = refused.json()["detail"]
    assert "The quota of 3 requests per minute for this key is used up" in detail and "visitor" not in detail
    assert "this key's own limit, set by the centre" in detail and "ask the centre to raise this key's limit" in detail
    assert settings.contact_email in detail and "/en/api#api-keys" in detail


def test_a_refused_visitor_is_told_every_quota(settings: Settings, session_factory: sessionmaker[Session]) -> None:
    """Refused by the visitor's quota, the key's is still listed in RateLimit-Policy (it was not counted)."""
    limited = settings.model_copy(update={"visitor_requests_per_minute": 1, "key_requests_per_minute": 5})
    key = widget_key(session_factory)
    with TestClient(create_app(limited)) as client:
        assert client.get("/v1/search", params={"key": key}, headers={"Origin": WIDGET_SITE}).status_code == 200
        refused = client.get("/v1/search", params={"key": key}, headers={"Origin": WIDGET_SITE})
    assert refused.status_code == 429 and "for this visitor" in refused.json()["detail"]
    assert refused.headers["ratelimit-policy"] == '1;w=60;comment="visitor", 5;w=60;comment="key"'
    assert "raise" not in refused.json()["detail"]  # the key's default limit was not the one used up


# The partner request form's website


@pytest.mark.parametrize("typed", ["http://127.0.0.1:8399", "HTTP://www.ong-exemple.org"])
def test_an_http_website_is_told_to_start_with_https(client: TestClient, typed: str) -> None:
    page = post_form(
        client,
        "/en/publish/account-request",
        org_name="ONG Exemple",
        org_kind="ngo",
        org_website=typed,
        admin_name="Awa Diallo",
        admin_email="awa@ong-exemple.org",
    )
    assert page.status_code == 422
    assert "the address must start with “https://”, not “http://”" in page.text
    assert "perhaps a “:” or “//” is missing" not in page.text


def test_a_website_without_its_colon_keeps_its_message(client: TestClient) -> None:
    page = post_form(
        client,
        "/en/publish/account-request",
        org_name="ONG Exemple",
        org_kind="ngo",
        org_website="https//www.ong-exemple.org",
        admin_name="Awa Diallo",
        admin_email="awa@ong-exemple.org",
    )
    assert page.status_code == 422 and "perhaps a “:” or “//” is missing" in page.text


# The home page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_reuse_card_leads_to_the_api_page_and_the_widget_demo(client: TestClient, lang: str) -> None:
    """Its words promise the feeds, exports, DCAT-AP and OAI-PMH (the API's page) and the embedded search (its
    demo), not the tools' page."""
    page = client.get(f"/{lang}/").text
    title = page.index("Reuse the centre" if lang == "en" else "Réutiliser le centre")
    card = page[page.rindex("<li>", 0, title) : page.index("</li>", title)]
    assert f'href="/{lang}/api"' in card and f'href="/embed/demo?lang={lang}"' in card
    assert "/outils/" not in card and "/tools/" not in card
