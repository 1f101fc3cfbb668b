"""Reads other sites' pages may make (CORS), and the refusals they can read: the advertised public GETs answer
`Access-Control-Allow-Origin`, a key's 401/403 on them is readable by the page (the widget says why), and what is for
servers (`POST /v1/screenings`, keyed routes) stays without CORS."""

import html
import re
import shlex

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.policy import Audience, RoutePolicy, declared, routes
from tests.helpers import widget_key

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

SITE = "https://www.cocoa.example"
OTHER = "https://evil.example"
READS = [
    "/v1/suggest?q=cac",
    "/v1/facet-search?facet=country&facet_q=c",
    "/v1/findings?good=cocoa",
    "/v1/findings?good=cocoa&format=csv",
    "/v1/findings/countries",
    "/v1/findings/countries/CI",
]


def with_key(path: str, key: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}key={key}"  # httpx's params= would replace the path's query


@pytest.fixture
def site_key(session_factory: sessionmaker[Session]) -> str:
    return widget_key(session_factory, origins=[SITE])


@pytest.mark.parametrize("path", READS)
def test_advertised_reads_are_open_to_other_pages(client: TestClient, site_key: str, path: str) -> None:
    anonymous = client.get(path, headers={"Origin": OTHER})
    assert anonymous.status_code == 200, anonymous.text
    assert anonymous.headers["access-control-allow-origin"] == "*"
    assert "RateLimit-Remaining" in anonymous.headers["access-control-expose-headers"]
    keyed = client.get(with_key(path, site_key), headers={"Origin": SITE})
    assert keyed.status_code == 200, keyed.text
    assert keyed.headers["access-control-allow-origin"] == SITE
    preflight = client.options(path, headers={"Origin": OTHER, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == OTHER


@pytest.mark.parametrize("path", ["/v1/search?q=cacao", *READS])
def test_a_key_s_refusals_are_readable_by_the_page(client: TestClient, site_key: str, path: str) -> None:
    """A 403 (an origin the key excludes) and a 401 (an unknown key) carry `*`, so the widget reads them: they say
    nothing the key would have answered."""
    excluded = client.get(with_key(path, site_key), headers={"Origin": OTHER})
    assert excluded.status_code == 403 and excluded.headers["content-type"] == "application/problem+json"
    assert f"The origin {OTHER} is not allowed to use this key" in excluded.json()["detail"]
    assert excluded.headers["access-control-allow-origin"] == "*"
    assert "Origin" in excluded.headers["vary"]
    unknown = client.get(with_key(path, "crv_pk_00000000_" + "0" * 64), headers={"Origin": OTHER})
    assert unknown.status_code == 401 and unknown.headers["access-control-allow-origin"] == "*"


def test_refusals_off_the_public_reads_stay_unreadable(client: TestClient, site_key: str) -> None:
    headers = {"Origin": SITE, "Authorization": f"Bearer {site_key}"}
    written = client.post("/v1/resources", headers=headers, json={})
    assert written.status_code == 403 and "access-control-allow-origin" not in written.headers
    admin = client.get("/v1/admin/keys", headers={"Origin": OTHER, "Authorization": "Bearer crv_sk_00000000_x"})
    assert admin.status_code == 401 and "access-control-allow-origin" not in admin.headers


def test_screening_stays_for_servers(client: TestClient) -> None:
    lines = {"lines": [{"country": "Ghana", "product": "cocoa"}]}
    screened = client.post("/v1/screenings", json=lines, headers={"Origin": OTHER})
    assert screened.status_code == 200 and "access-control-allow-origin" not in screened.headers
    preflight = client.options("/v1/screenings", headers={"Origin": OTHER, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_the_policies_of_the_opened_reads(settings: Settings) -> None:
    policies = {(r.path, m): declared(r) for r in routes(create_app(settings)) for m in r.methods or []}
    search = RoutePolicy(Audience.public, 60, True, True, "search")  # a widget key needs its search scope
    findings = RoutePolicy(Audience.public, 3600, True, True)
    assert policies[("/v1/suggest", "GET")] == policies[("/v1/facet-search", "GET")] == policies[("/v1/search", "GET")]
    assert policies[("/v1/suggest", "GET")] == search
    for path in ("/v1/findings", "/v1/findings/countries", "/v1/findings/countries/{code}"):
        assert policies[(path, "GET")] == findings, path
    assert policies[("/v1/screenings", "POST")].cors is False  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_api_page_s_screening_example_runs(client: TestClient, lang: str) -> None:
    """The screening section's curl command, replayed: a body the API screens (not « The list is empty »)."""
    page = client.get(f"/{lang}/api").text
    found = re.search(r"<code>(curl -X POST [^<]+)</code>", page)
    assert found, "no curl example"
    curl, _, method, url, _, header, _, body = shlex.split(html.unescape(found.group(1)))
    assert (curl, method, header) == ("curl", "POST", "Content-Type: application/json")
    assert url == f"http://testserver/v1/screenings?lang={lang}"
    answer = client.post(url, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"]["by_state"]["finding"] == 1
    if lang == "en":
        assert "This route is for servers and scripts: a web page on another site cannot call it" in page
