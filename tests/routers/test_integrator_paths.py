"""What two integrators ran into: the developer of a supplier-management tool calling the API from a server (the
search's last page refused, the OpenAPI document silent on keys and quotas) and the webmaster of an NGO federation
embedding the widget in its WordPress site (a key refused at the www-less sibling of its site without saying so, a
CMS that strips the snippet)."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.services.origins import near_misses
from tests.helpers import WIDGET_SITE, widget_key

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.fixture
def small_window(settings: Settings) -> Iterator[TestClient]:
    """The API with a result window of 5, over the fixture corpus's 6 resources: a window that 2 does not divide."""
    with TestClient(create_app(settings.model_copy(update={"max_result_window": 5}))) as client:
        yield client


# Paging to the end, from a server


def test_every_page_up_to_total_pages_answers(small_window: TestClient) -> None:
    """A client pages while ``page <= total_pages``: none of those pages may be the 422 of a page beyond the
    window (the window of 1000 by 30 a page ended on page 34, refused)."""
    first = small_window.get("/v1/search", params={"per_page": 2}).json()
    assert first["total"] == 5  # counted up to the window
    assert first["total_pages"] == 2
    for page in range(1, first["total_pages"] + 1):
        assert small_window.get("/v1/search", params={"per_page": 2, "page": page}).status_code == 200
    beyond = small_window.get("/v1/search", params={"per_page": 2, "page": 3})
    assert beyond.status_code == 422
    assert "/v1/export" in beyond.json()["detail"]  # where every resource is, past the window


def test_total_and_total_pages_are_documented(client: TestClient) -> None:
    answer = client.get("/openapi.json").json()["components"]["schemas"]["SearchResponse"]["properties"]
    assert "result window" in answer["total"]["description"]
    assert "/v1/export" in answer["total"]["description"]
    assert "every page from 1 to it answers" in answer["total_pages"]["description"]


# What /docs says before the first call


def test_the_openapi_description_says_which_key_to_ask_for_and_where(settings: Settings) -> None:
    custom = settings.model_copy(
        update={"anonymous_requests_per_minute": 42, "key_requests_per_minute": 900, "contact_email": "api@crv.test"}
    )
    with TestClient(create_app(custom)) as client:
        description = client.get("/openapi.json").json()["info"]["description"]
    assert "42 requests a minute" in description  # the quotas in force, not the defaults
    assert "900 requests a minute" in description and "crv_sk_" in description
    assert "Authorization: Bearer <key>" in description and "(mailto:api@crv.test)" in description
    assert "http://testserver/en/embed/key-request" in description
    assert "http://testserver/embed/demo?lang=en" in description
    assert "(http://testserver/en/api#api-keys)" in description and "(http://testserver/fr/api)" in description
    assert "at most 1,000" in description and "/v1/feed.atom" in description


# A key refused on a page of its own site


def test_near_misses_are_the_keys_origins_naming_the_same_site() -> None:
    allowed = ["https://www.cocoa.example", "http://localhost:8080", "https://*.cci-exemple.fr"]
    assert near_misses(allowed, "https://cocoa.example") == ["https://www.cocoa.example"]
    assert near_misses(allowed, "http://www.cocoa.example") == ["https://www.cocoa.example"]
    assert near_misses(allowed, "https://www.cocoa.example:8443") == ["https://www.cocoa.example"]
    assert near_misses(allowed, "http://127.0.0.1:8080") == ["http://localhost:8080"]  # the same computer
    assert near_misses(allowed, "https://cci-exemple.fr") == ["https://*.cci-exemple.fr"]
    assert near_misses(allowed, "https://www.cocoa.example") == []  # allowed: no miss
    assert near_misses(allowed, "https://a.cci-exemple.fr") == []
    for stranger in ("https://evil.example", "https://cocoa.example.evil.fr", "https://evilcci-exemple.fr"):
        assert near_misses(allowed, stranger) == [], stranger


def test_a_key_refused_at_its_sites_sibling_names_the_origin_it_lists(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    """The site is also served without www.: the console tells its webmaster what the key lists and who adds an
    address — the centre, not "its owner", who is the person reading."""
    key = widget_key(session_factory)
    refused = client.get("/v1/search", params={"key": key}, headers={"Origin": "https://cocoa.example"})
    assert refused.status_code == 403
    detail = refused.json()["detail"]
    assert f"it lists {WIDGET_SITE}" in detail and "must match one exactly" in detail
    assert key.rsplit("_", 1)[0] in detail  # which key: a page may hold several
    assert f"ask the centre ({settings.contact_email}) to add it" in detail
    assert "owner" not in detail


def test_a_key_refused_on_another_site_says_nothing_of_the_keys_sites(
    client: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    key = widget_key(session_factory)
    refused = client.get("/v1/search", params={"key": key}, headers={"Origin": "https://copy.example"})
    assert refused.status_code == 403
    assert refused.headers["access-control-allow-origin"] == "*"  # the widget still reads why
    detail = refused.json()["detail"]
    assert "cocoa.example" not in detail
    assert "works without a key" in detail and settings.contact_email in detail


# Pasting the snippet into WordPress


def test_the_builder_says_how_wordpress_keeps_the_snippet(client: TestClient) -> None:
    """WordPress strips <script> and unknown elements from a page saved by an account without unfiltered_html:
    the published page then shows the fallback link alone, which the builder explains."""
    page = client.get("/embed/demo", params={"lang": "en"}).text
    assert "“Custom HTML” block" in page
    assert "only shows the fallback link" in page and "<code>unfiltered_html</code>" in page


def test_a_mistyped_key_is_told_what_to_do(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """The widget's console, or a server's log: which key, copy it whole, or read without one."""
    key = widget_key(session_factory)
    mistyped = key[:-1] + ("0" if key[-1] != "0" else "1")
    refused = client.get("/v1/search", params={"key": mistyped}, headers={"Origin": WIDGET_SITE})
    assert refused.status_code == 401
    detail = refused.json()["detail"]
    prefix = key.rsplit("_", 1)[0]
    assert f"({prefix}_…)" in detail and "copy the whole key" in detail
    assert "Reading needs no key" in detail and mistyped not in detail  # never echoed: a secret key's would leak
