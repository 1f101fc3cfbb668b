"""gzip for text bodies above a minimum size, with a weak ETag and ``Vary: Accept-Encoding``; nothing done for a
client that does not ask; the browsing pages cached like the resource pages; the site's versioned files kept a year."""

import gzip

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from app.middleware.compression import MINIMUM_SIZE, CompressionMiddleware, accepts_gzip, compressible
from app.services.principal import SESSION_COOKIE
from app.templating import IMMUTABLE, static_url

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


def raw(client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """The response as sent, not decoded by httpx."""
    with client.stream("GET", path, headers=headers) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


@pytest.mark.usefixtures("loaded")
@pytest.mark.database_agnostic
class TestSite:
    @pytest.mark.parametrize("path", ["/fr/", "/fr/pays/", "/en/countries/", "/fr/secteurs/"])
    def test_browsing_pages_are_cached_like_resource_pages(self, client: TestClient, path: str) -> None:
        status, headers, _ = raw(client, path, IDENTITY)
        assert status == 200
        assert headers["cache-control"] == "public, max-age=300"
        assert headers["etag"].startswith('"')

    def test_a_page_is_gzipped_with_a_weak_etag_and_revalidates(self, client: TestClient) -> None:
        _, plain_headers, plain = raw(client, "/fr/pays/", IDENTITY)
        status, headers, body = raw(client, "/fr/pays/", GZIP)
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == plain and len(body) < len(plain) / 3
        assert headers["content-length"] == str(len(body))
        assert "accept-encoding" in headers["vary"].lower()
        assert headers["etag"] == "W/" + plain_headers["etag"]  # the same digest, weak: another representation
        assert "content-encoding" not in plain_headers
        for tag in (headers["etag"], plain_headers["etag"]):  # the 304 tells the tag in the form the client holds
            again = client.get("/fr/pays/", headers={**GZIP, "If-None-Match": tag})
            assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        assert "accept-encoding" in again.headers.get("vary", "").lower() or tag.startswith('"')

    def test_keyed_api_answers_keep_their_vary_and_gain_accept_encoding(self, client: TestClient) -> None:
        status, headers, body = raw(client, "/v1/search?q=cacao", GZIP)
        assert status == 200 and headers["content-encoding"] == "gzip"
        varies = {v.strip().lower() for v in headers["vary"].split(",")}
        assert {"authorization", "x-crv-key", "accept-encoding"} <= varies
        assert gzip.decompress(body).startswith(b"{")

    def test_a_streamed_export_is_compressed_as_it_goes(self, client: TestClient) -> None:
        _, plain_headers, plain = raw(client, "/v1/export?format=csv", IDENTITY)
        status, headers, body = raw(client, "/v1/export?format=csv", GZIP)
        assert status == 200 and headers["content-encoding"] == "gzip" and "content-length" not in headers
        assert gzip.decompress(body) == plain
        assert headers["etag"] == "W/" + plain_headers["etag"].removeprefix("W/")
        assert (
            client.get("/v1/export?format=csv", headers={**GZIP, "If-None-Match": headers["etag"]}).status_code == 304
        )

    def test_without_accept_encoding_nothing_changes(self, client: TestClient) -> None:
        status, headers, _ = raw(client, "/fr/pays/", {"Accept-Encoding": ""})
        assert status == 200 and "content-encoding" not in headers
        assert "accept-encoding" not in headers.get("vary", "").lower()

    def test_head_tells_the_length_of_the_compressed_get(self, client: TestClient) -> None:
        _, got, body = raw(client, "/fr/ressources/cote-d-ivoire", GZIP)
        head = client.head("/fr/ressources/cote-d-ivoire", headers=GZIP)
        assert head.headers["content-encoding"] == "gzip" and head.headers["content-length"] == str(len(body))
        assert head.headers["etag"] == got["etag"]

    def test_versioned_static_files_are_immutable_others_revalidate(self, client: TestClient) -> None:
        versioned = client.get(static_url("site.css"), headers=GZIP)
        assert versioned.status_code == 200 and versioned.headers["cache-control"] == IMMUTABLE
        assert versioned.headers["content-encoding"] == "gzip"
        for path in ("/static/site/site.css", "/static/site/site.css?v=0000000000"):
            assert "cache-control" not in client.get(path).headers
        assert "content-encoding" not in client.get(static_url("favicon.svg"), headers=GZIP).headers  # < 1 kB


def test_pages_of_signed_in_people_go_uncompressed() -> None:
    # Their pages hold CSRF tokens beside the request's reflected input: compressed, the sizes would leak them (BREACH).
    client = app_with(PlainTextResponse("csrf_token=0123456789abcdef " * 100))
    anonymous = client.get("/", headers=GZIP)
    signed_in = client.get("/", headers={**GZIP, "Cookie": f"crv_csrf=n; {SESSION_COOKIE}=token.signature"})
    assert anonymous.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in signed_in.headers and signed_in.text == anonymous.text


def app_with(response: Response) -> TestClient:
    async def endpoint(_request: object) -> Response:
        return response

    return TestClient(CompressionMiddleware(Starlette(routes=[Route("/", endpoint)])))


def test_small_bodies_and_binary_types_go_as_they_are() -> None:
    small = app_with(PlainTextResponse("x" * (MINIMUM_SIZE - 1)))
    assert "content-encoding" not in small.get("/", headers=GZIP).headers
    png = app_with(Response(b"\x89PNG" + b"0" * 5000, media_type="image/png"))
    assert "content-encoding" not in png.get("/", headers=GZIP).headers
    big = app_with(PlainTextResponse("x" * MINIMUM_SIZE))
    assert big.get("/", headers=GZIP).headers["content-encoding"] == "gzip"


def test_a_small_stream_is_compressed_whole() -> None:
    """A stream's length is unknown at its start: compressed, its last chunk ends the gzip member."""
    chunks = [b"a,b\n"] * 3
    client = app_with(StreamingResponse(iter(chunks), media_type="text/csv"))
    status, headers, body = raw(client, "/", GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == b"".join(chunks)


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("identity", False),
        ("", False),
    ],
)
def test_accepts_gzip(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted


@pytest.mark.parametrize(
    ("media_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("application/problem+json", True),
        ("application/atom+xml", True),
        ("image/svg+xml", True),
        ("text/csv; charset=utf-8", True),
        ("text/event-stream", False),
        ("image/png", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    ],
)
def test_compressible(media_type: str, expected: bool) -> None:
    assert compressible(media_type) is expected
