"""Headers of the public reads a web page's script relies on: the export's file name is readable cross-origin, and
suggestions and facet search are cached and validated like the search."""

import pytest
from fastapi.testclient import TestClient
from httpx import Headers
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import widget_key

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

SITE = "https://www.cocoa.example"


def exposed(headers: Headers) -> set[str]:
    return {name.strip().lower() for name in headers.get("access-control-expose-headers", "").split(",")}


def test_a_page_can_read_the_export_s_file_name(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    anonymous = client.get("/v1/export?format=jsonl", headers={"Origin": SITE})
    assert anonymous.headers["content-disposition"].startswith('attachment; filename="crv-resources-')
    assert anonymous.headers["access-control-allow-origin"] == "*"
    assert "content-disposition" in exposed(anonymous.headers)
    key = widget_key(session_factory, origins=[SITE])
    keyed = client.get(f"/v1/export?format=csv&key={key}", headers={"Origin": SITE})
    assert keyed.status_code == 200 and keyed.headers["access-control-allow-origin"] == SITE
    assert "content-disposition" in exposed(keyed.headers)


@pytest.mark.parametrize("path", ["/v1/suggest?q=cac", "/v1/facet-search?facet=country&facet_q=c"])
def test_suggestions_are_cached_and_validated_like_the_search(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=60"
    etag = first.headers["etag"]
    assert client.get(path).headers["etag"] == etag  # the same answer, the same tag
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    vary = {v.strip().lower() for v in first.headers["vary"].split(",")}
    assert {"accept-language", "x-crv-key", "authorization", "origin"} <= vary
