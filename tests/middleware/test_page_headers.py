"""Strict headers on every HTML page, none on the JSON API or on FastAPI's own /docs; templates that the policy
allows (no inline script, no event handler attribute)."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.templating import TEMPLATES

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.mark.parametrize(
    "path", ["/fr/", "/en/search?q=cocoa", "/fr/ressources/cote-d-ivoire", "/fr/outils/criblage", "/fr/nulle-part"]
)
def test_html_pages_get_the_policy(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert re.search(r"script-src 'self'( http://testserver)?;", policy), policy  # no inline script, no eval
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers  # http://testserver: no HTTPS to insist on


def test_a_centre_served_over_https_says_so_for_a_year(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"public_base_url": "https://crv.example.org"}))) as https:
        page = https.get("/fr/", headers={"Accept": "text/html"})
    assert page.headers["strict-transport-security"] == "max-age=31536000"


def test_the_api_goes_without_and_its_documents_run_their_inline_scripts(client: TestClient) -> None:
    api = client.get("/v1/search?q=cacao")
    assert api.status_code == 200 and "content-security-policy" not in api.headers
    for path in ("/docs", "/redoc"):
        documents = client.get(path)
        assert documents.status_code == 200 and "<script" in documents.text, path
        assert "content-security-policy" not in documents.headers and documents.headers["x-frame-options"] == "DENY"


def test_templates_hold_no_inline_script_or_event_handler() -> None:
    for template in sorted(Path(TEMPLATES).rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text)
        assert all('type="application/ld+json"' in attributes for attributes in scripts), template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert "javascript:" not in text, template.name
