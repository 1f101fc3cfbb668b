"""The API page says how a server gets a quota of its own: a secret key with the search scope, sent in the
Authorization header, with the quotas the settings give."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app


def test_the_api_page_says_how_a_server_gets_its_own_quota(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    quotas = settings.model_copy(update={"key_requests_per_minute": 2400, "visitor_requests_per_minute": 90})
    with TestClient(create_app(quotas)) as client:
        html = " ".join(client.get("/en/api").text.split())
    keys = html.split('id="api-keys"')[1].split('id="problems"')[0]
    assert "A key has a quota of its own: 2,400 requests a minute" in keys
    assert "A secret key (crv_sk_…) is for servers and scripts. With the scope search, it reads and searches" in keys
    assert "needs no Origin header" in keys
    assert "<code>curl -H 'Authorization: Bearer crv_sk_…' 'http://testserver/v1/search?q=cocoa" in keys
    assert "each visitor of the site may send 90 requests a minute" in keys
    assert "https://*.example.org names every subdomain of example.org, not example.org itself" in keys
