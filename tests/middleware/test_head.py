"""HEAD on every GET route: the GET's status and headers, no body (link checkers and uptime monitors use it)."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import metrics_headers

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/fr/ressources/cote-d-ivoire", "/v1/resources/country-ci.fr", "/v1/taxonomies/countries", "/sitemap.xml"],
)
def test_head_answers_with_the_get_headers_and_no_body(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "cache-control", "content-language"):
        assert head.headers.get(name) == get.headers.get(name), name
    if "etag" in get.headers:  # not the home page, which is not cached
        again = client.head(path, headers={"If-None-Match": get.headers["etag"]})
        assert again.status_code == 304 and again.content == b""


def test_a_streamed_export_and_a_missing_page_have_no_body_either(client: TestClient) -> None:
    export = client.head("/v1/export?format=csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert export.content == b""
    missing = client.head("/fr/ressources/nowhere")
    assert missing.status_code == 404 and missing.content == b""


def test_head_where_get_is_not_allowed_is_a_405(client: TestClient) -> None:
    response = client.head("/v1/resources")  # POST (publishing) only
    assert response.status_code == 405 and response.headers["Allow"] == "POST"


def test_head_is_counted_as_head_on_its_route(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    client.head("/v1/search", params={"q": "cacao"})
    metrics = client.get("/metrics", headers=metrics_headers(session_factory)).text
    assert any(
        line.startswith("crv_http_requests_total{")
        and 'method="HEAD"' in line
        and 'route="/v1/search"' in line
        and 'status="200"' in line
        for line in metrics.splitlines()
    )
