"""The widget's demo page: a page of the site in French and English, where any active publishable key can be tried
(the centre's own origin is allowed for every publishable key, no other unlisted origin is)."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Forbidden
from app.policy import Audience, RoutePolicy
from app.services import access
from app.services.origins import key_allows_origin
from app.services.principal import Principal, PrincipalKind
from tests.helpers import make_key, widget_key

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

SITE = "https://www.cocoa.example"
CENTRE = "http://testserver"  # the tests' CRV_PUBLIC_BASE_URL


@pytest.fixture
def partner_key(session_factory: sessionmaker[Session]) -> str:
    """A key whose origins do not include the centre's, as every partner's."""
    return widget_key(session_factory, origins=[SITE], filters={"sector": ["cocoa"]})


# The centre's own origin may use any publishable key


def test_the_demo_page_can_use_a_key_that_does_not_list_the_centre(client: TestClient, partner_key: str) -> None:
    """The widget on /embed/demo asks the API from the centre's own pages: same-origin GETs carry no Origin, so the
    Referer's origin is checked; a browser sending Origin is allowed too. The key's fixed filters still apply."""
    referer = f"{CENTRE}/embed/demo?lang=en&key={partner_key}"
    from_demo = client.get("/v1/search", params={"key": partner_key}, headers={"Referer": referer})
    assert from_demo.status_code == 200, from_demo.text
    assert from_demo.json()["total"] > 0
    assert all("cocoa" in hit["sectors"] for hit in from_demo.json()["hits"])
    with_origin = client.get("/v1/search", params={"key": partner_key, "q": "cacao"}, headers={"Origin": CENTRE})
    assert with_origin.status_code == 200, with_origin.text


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://testserver", "http://testserver:8080", "http://testserver.evil.example"]
)
def test_other_unlisted_origins_stay_refused(client: TestClient, partner_key: str, origin: str) -> None:
    response = client.get("/v1/search", params={"key": partner_key}, headers={"Origin": origin})
    assert response.status_code == 403
    assert "not allowed to use this key" in response.json()["detail"]
    referred = client.get("/v1/search", params={"key": partner_key}, headers={"Referer": f"{origin}/embed/demo"})
    assert referred.status_code == 403


def test_the_rule_is_the_key_service_s() -> None:
    listed = frozenset({SITE})
    assert key_allows_origin(listed, SITE)
    assert key_allows_origin(listed, "https://crv.example.org", "https://crv.example.org/")
    assert key_allows_origin(listed, "https://crv.example.org", "HTTPS://CRV.EXAMPLE.ORG:443")
    assert not key_allows_origin(listed, "https://crv.example.org")  # without the centre's address, only the list
    assert not key_allows_origin(listed, "http://crv.example.org", "https://crv.example.org")
    assert not key_allows_origin(listed, "https://evil.example", "https://crv.example.org")


def test_authorise_allows_the_centre_only_when_told_its_address() -> None:
    caller = Principal(PrincipalKind.publishable, scopes=frozenset({"search"}), allowed_origins=frozenset({SITE}))
    policy = RoutePolicy(Audience.public, 60, True, True, "search")  # /v1/search's
    access.authorise(caller, None, "GET", policy, "https://crv.example.org", "https://crv.example.org")
    with pytest.raises(Forbidden):
        access.authorise(caller, None, "GET", policy, "https://crv.example.org")


def test_secret_keys_gain_nothing_from_the_centre_s_origin(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    secret = make_key(session_factory)
    response = client.get("/v1/search", params={"key": secret}, headers={"Origin": CENTRE})
    assert response.status_code == 401 and "Authorization header" in response.json()["detail"]


# The page


def test_the_demo_is_a_page_of_the_site(client: TestClient, partner_key: str) -> None:
    response = client.get("/embed/demo", params={"lang": "en", "key": partner_key, "sector": "cocoa"})
    assert response.status_code == 200
    page = response.text
    title = re.search(r"<title>(.*?)</title>", page)
    assert title is not None and title.group(1).endswith("· Virtual resource centre 8.7")
    assert not title.group(1).endswith("· crv")
    assert 'href="/en/"' in page  # the site's header leads home
    switch = re.search(r'<a class="lang-switch" href="([^"]+)"', page)
    assert switch is not None
    assert switch.group(1) == f"/embed/demo?lang=fr&amp;key={partner_key}&amp;sector=cocoa"
    assert 'href="/en/api#api-keys"' in page  # how to get a key
    assert '<link rel="canonical" href="http://testserver/embed/demo?lang=en">' in page
    assert '<meta name="robots" content="noindex">' in page  # with somebody's key in it


def test_the_demo_documents_every_attribute_and_the_codes(client: TestClient) -> None:
    page = client.get("/embed/demo", params={"lang": "en"}).text
    assert "<td><code>api</code></td>" in page
    assert "Base address of the centre’s API" in page
    for taxonomy in ("types", "countries", "sectors", "risks"):
        assert f'href="http://testserver/v1/taxonomies/{taxonomy}"' in page
    assert client.get("/v1/taxonomies/sectors").status_code == 200


def test_the_snippet_and_the_demo_carry_a_fallback_link(client: TestClient) -> None:
    """A link inside <crv-search> shows where the script cannot run; the widget hides it (its shadow root has no
    slot), which the page says."""
    page = client.get("/embed/demo", params={"lang": "en"}).text
    fallback = '<a href="http://testserver/en/search">Search the resource centre</a>'
    assert f'per-page="10" theme="light">{fallback}</crv-search>' in page
    assert (
        '\n  &lt;a href="http://testserver/en/search"&gt;Search the resource centre&lt;/a&gt;\n&lt;/crv-search&gt;'
        in page
    )
    assert "it shows only where the script cannot run" in page


def test_the_widget_hides_the_fallback_when_it_starts(client: TestClient) -> None:
    """What the page promises: the element gets a shadow root with no <slot>, so its own children are not shown."""
    script = client.get("/embed/v1/widget.js").text
    assert "attachShadow" in script and "<slot" not in script and '"slot"' not in script


def test_french_demo(client: TestClient) -> None:
    page = client.get("/embed/demo", params={"lang": "fr"}).text
    assert '<html lang="fr">' in page
    assert 'href="/fr/api#api-keys"' in page
    assert '<a href="http://testserver/fr/recherche">' in page
    assert 'lang="fr" per-page="10"' in page


@pytest.mark.parametrize(("accept", "expected"), [("en-GB,en;q=0.9", "en"), ("de-DE,de", "fr"), (None, "fr")])
def test_an_unknown_language_falls_back_to_the_negotiated_one(
    client: TestClient, accept: str | None, expected: str
) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/embed/demo", params={"lang": "de"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{expected}">' in response.text
    assert response.headers["content-language"] == expected
    assert "Accept-Language" in response.headers["vary"]
    assert "Accept-Language" not in client.get("/embed/demo", params={"lang": "en"}).headers.get("vary", "")


def test_odd_values_are_left_out_not_a_json_error(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    secret = make_key(session_factory)
    response = client.get("/embed/demo", params={"lang": "en", "key": secret, "sector": "x" * 200})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert secret not in response.text and secret.rsplit("_", 1)[0] not in response.text
    assert "x" * 200 not in response.text
    assert "is not a publishable key" in response.text
    assert '<crv-search lang="en" per-page="10"' in response.text


def test_the_demo_documents_the_publisher_attribute(client: TestClient) -> None:
    """The row of the ``publisher`` attribute, and the address it gives lists the codes with the names."""
    page = client.get("/embed/demo", params={"lang": "en"}).text
    (row,) = re.findall(r"<tr><td><code>publisher</code></td><td>(.*?)</td></tr>", page, re.S)
    assert row.startswith("Only the resources these organisations published (comma-separated codes)")
    assert '<a href="http://testserver/v1/facet-search?facet=publisher&amp;limit=300">' in row
    assert "<code>&amp;facet_q=…</code>" in row
    listing = {"facet": "publisher", "limit": 300, "prefer_lang": "en"}
    values = client.get("/v1/facet-search", params=listing).json()["values"]
    assert values == [{"value": "crv", "label": "Virtual resource centre 8.7", "count": 6}]


def test_the_demo_says_what_a_host_page_s_policy_needs(client: TestClient) -> None:
    """The CSP directives a host page needs (the centre's origin in script-src and connect-src; nothing for the
    styles), with an example naming the centre's origin, not its whole base address."""
    page = client.get("/embed/demo", params={"lang": "en"}).text
    assert '<h2 id="csp">Content Security Policy</h2>' in page
    assert "<code>script-src</code>, for the script, and <code>connect-src</code>, for the searches" in page
    assert "which <code>style-src</code> does not restrict" in page
    example = f"Content-Security-Policy: default-src 'self'; script-src 'self' {CENTRE}; connect-src 'self' {CENTRE}"
    assert example in page


def test_the_demo_documents_the_language_and_the_order(client: TestClient) -> None:
    page = client.get("/embed/demo", params={"lang": "en"}).text
    (lang,) = re.findall(r"<tr><td><code>lang</code></td><td>(.*?)</td></tr>", page, re.S)
    assert "language of the interface and of the results" in lang and "fewer than 5 results" in lang
    (both,) = re.findall(r"<tr><td><code>all-languages</code></td><td>(.*?)</td></tr>", page, re.S)
    assert both.startswith("No value: results in both languages")
    assert "named under the search box (“Limited to: …”)" in page
    assert "Without words the newest resources come first" in page
