"""Embedding the search in other sites: publishable keys, CORS per key, fixed filters, the widget and its demo."""

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import make_key, widget_key

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

SITE = "https://www.cocoa.example"
OTHER = "https://evil.example"


def ids(body: Mapping[str, object]) -> list[str]:
    return sorted(hit["id"] for hit in body["hits"])  # type: ignore[attr-defined, index]


@pytest.fixture
def cocoa_key(session_factory: sessionmaker[Session]) -> str:
    return widget_key(session_factory, origins=[SITE, "http://localhost:8080"], filters={"sector": ["cocoa"]})


# Anonymous


def test_anonymous_get_is_open_to_any_page(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "cacao"}, headers={"Origin": OTHER})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in response.headers["access-control-expose-headers"]
    assert "RateLimit-Remaining" in response.headers["access-control-expose-headers"]
    assert "Origin" in response.headers["vary"]
    for path in ("/v1/resources/country-ci.fr", "/v1/taxonomies/sectors"):
        assert client.get(path, headers={"Origin": OTHER}).headers["access-control-allow-origin"] == "*"


def test_no_cors_headers_without_origin_or_off_the_public_routes(client: TestClient) -> None:
    assert "access-control-allow-origin" not in client.get("/v1/search").headers
    assert "access-control-allow-origin" not in client.get("/healthz", headers={"Origin": OTHER}).headers
    refused = client.post("/v1/search", headers={"Origin": OTHER})
    assert "access-control-allow-origin" not in refused.headers


def test_anonymous_preflight(client: TestClient) -> None:
    response = client.options(
        "/v1/search?q=x",
        headers={
            "Origin": OTHER,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-crv-key",
        },
    )
    assert response.status_code == 204 and response.content == b""
    assert response.headers["access-control-allow-origin"] == OTHER
    assert set(response.headers["access-control-allow-methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "X-Crv-Key" in response.headers["access-control-allow-headers"]
    assert "Authorization" in response.headers["access-control-allow-headers"]
    assert int(response.headers["access-control-max-age"]) > 0


@pytest.mark.parametrize(("method", "origin"), [("POST", OTHER), ("DELETE", OTHER), ("GET", "null")])
def test_preflight_refused(client: TestClient, method: str, origin: str) -> None:
    response = client.options(
        "/v1/resources/country-ci.fr", headers={"Origin": origin, "Access-Control-Request-Method": method}
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert "access-control-allow-origin" not in response.headers


# Publishable keys and their origins


@pytest.mark.parametrize("where", ["query", "header", "authorization"])
def test_publishable_key_from_an_allowed_origin(client: TestClient, cocoa_key: str, where: str) -> None:
    params = {"q": "cacao"} | ({"key": cocoa_key} if where == "query" else {})
    headers = {"Origin": SITE}
    if where == "header":
        headers["X-Crv-Key"] = cocoa_key
    if where == "authorization":
        headers["Authorization"] = f"Bearer {cocoa_key}"
    response = client.get("/v1/search", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == SITE
    assert "Origin" in response.headers["vary"]
    assert response.json()["total"] > 0


def test_origin_matching_is_normalised(client: TestClient, cocoa_key: str) -> None:
    for origin in ("HTTPS://WWW.COCOA.EXAMPLE", "https://www.cocoa.example:443", "http://localhost:8080"):
        response = client.get("/v1/search", params={"key": cocoa_key}, headers={"Origin": origin})
        assert response.status_code == 200, origin


@pytest.mark.parametrize(
    "origin",
    [OTHER, "https://www.cocoa.example.evil.example", "http://www.cocoa.example", "https://cocoa.example", "null"],
)
def test_other_origins_are_refused_readably(client: TestClient, cocoa_key: str, origin: str) -> None:
    """Refused, and the page may read the refusal (so the widget says « site not allowed », not « unreachable »):
    the problem names nothing the key would have answered."""
    response = client.get("/v1/search", params={"key": cocoa_key, "q": "cacao"}, headers={"Origin": origin})
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    # A page without an origin (opened as a file, a sandboxed frame) is told to be served over http(s).
    assert "not allowed to use this key" in detail if origin != "null" else "(Origin: null)" in detail
    assert "hits" not in response.json() and "localhost:8080" not in response.text  # nor the key's other origins
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in response.headers["access-control-expose-headers"]
    assert "Origin" in response.headers["vary"]


def test_publishable_key_preflight_leaves_the_key_to_the_request(client: TestClient, cocoa_key: str) -> None:
    """A preflight is answered for GET whatever its ?key=: the actual request checks the key, and the page can read
    its refusal (a refused preflight would leave the page a bare network error)."""
    for origin in (SITE, OTHER):
        preflight = client.options(
            f"/v1/search?key={cocoa_key}", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
        )
        assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == origin
    actual = client.get("/v1/search", params={"key": cocoa_key}, headers={"Origin": OTHER})
    assert actual.status_code == 403 and actual.headers["access-control-allow-origin"] == "*"


def test_publishable_key_needs_a_page(client: TestClient, cocoa_key: str) -> None:
    bare = client.get("/v1/search", params={"key": cocoa_key})
    assert bare.status_code == 403 and "Origin" in bare.json()["detail"]
    # Same-origin GETs carry no Origin: the origin of the Referer is used instead.
    referred = client.get("/v1/search", params={"key": cocoa_key}, headers={"Referer": f"{SITE}/chocolat?x=1"})
    assert referred.status_code == 200
    assert client.get("/v1/search", params={"key": cocoa_key}, headers={"Referer": f"{OTHER}/"}).status_code == 403


def test_publishable_key_only_searches_and_reads(client: TestClient, cocoa_key: str) -> None:
    headers = {"Origin": SITE, "Authorization": f"Bearer {cocoa_key}"}
    for method, path in [
        ("POST", "/v1/resources"),
        ("PUT", "/v1/resources/country-ci.fr"),
        ("DELETE", "/v1/resources/x"),
    ]:
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 403, (method, path)
        assert "only search and read" in response.json()["detail"]
    assert client.get("/v1/taxonomies/sectors", headers=headers).status_code == 200


@pytest.mark.parametrize("state", ["unknown", "malformed", "revoked", "expired"])
def test_unusable_keys_are_401_the_page_can_read(
    client: TestClient, session_factory: sessionmaker[Session], state: str
) -> None:
    token = {
        "unknown": "crv_pk_00000000_" + "0" * 64,
        "malformed": "not-a-key",
        "revoked": widget_key(session_factory, revoked=True) if state == "revoked" else "",
        "expired": widget_key(session_factory, expired=True) if state == "expired" else "",
    }[state]
    response = client.get("/v1/search", params={"key": token}, headers={"Origin": OTHER})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["access-control-allow-origin"] == "*"  # so the widget can say "invalid key"
    assert token not in response.text or state == "malformed"


def test_two_different_keys_are_a_bad_request(client: TestClient, cocoa_key: str) -> None:
    response = client.get(
        "/v1/search",
        params=[("key", cocoa_key), ("key", "crv_pk_00000000_" + "1" * 64)],
        headers={"Origin": SITE},
    )
    assert response.status_code == 400
    same = client.get("/v1/search", params={"key": cocoa_key}, headers={"Origin": SITE, "X-Crv-Key": cocoa_key})
    assert same.status_code == 200


# Secret keys never serve web pages


def test_secret_key_is_refused_outside_the_authorization_header(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    secret = make_key(session_factory)
    in_url = client.get("/v1/search", params={"key": secret})
    assert in_url.status_code == 401 and "Authorization header" in in_url.json()["detail"]
    assert client.get("/v1/search", headers={"X-Crv-Key": secret}).status_code == 401
    fine = client.get("/v1/search", headers={"Authorization": f"Bearer {secret}", "Origin": OTHER})
    assert fine.status_code == 200
    assert "access-control-allow-origin" not in fine.headers  # no page may read what a secret key gets


# Fixed filters: the key's restriction can't be widened


def test_fixed_filter_restricts_every_search(client: TestClient, cocoa_key: str) -> None:
    headers = {"Origin": SITE}
    everything = client.get("/v1/search", headers=headers).json()
    assert everything["total"] == 6
    restricted = client.get("/v1/search", params={"key": cocoa_key}, headers=headers).json()
    assert ids(restricted) == ["country-ci.en", "country-ci.fr"]
    assert all("cocoa" in hit["sectors"] for hit in restricted["hits"])


@pytest.mark.parametrize(
    "params",
    [
        [("sector", "bricks")],
        [("sector", "bricks"), ("sector", "cocoa")],
        [("sector", "cocoa"), ("sector", "agriculture"), ("sector", "bricks")],
        [("country", "PK")],
        [("q", "briques Pakistan")],
        [("q", "Pakistan"), ("sector", "bricks"), ("country", "PK"), ("lang", "en")],
        [("sector", "BRICKS")],
        [("sort", "title:asc"), ("per_page", "100")],
    ],
)
def test_fixed_filter_cannot_be_widened(client: TestClient, cocoa_key: str, params: list[tuple[str, str]]) -> None:
    response = client.get("/v1/search", params=[*params, ("key", cocoa_key)], headers={"Origin": SITE})
    assert response.status_code == 200, response.text
    assert all("cocoa" in hit["sectors"] for hit in response.json()["hits"])
    assert set(ids(response.json())) <= {"country-ci.en", "country-ci.fr"}


def test_facets_never_show_other_values(client: TestClient, cocoa_key: str) -> None:
    params = [("key", cocoa_key), *(("facets", f) for f in ("sector", "country", "type", "lang", "risk"))]
    body = client.get("/v1/search", params=params, headers={"Origin": SITE}).json()
    assert body["facets"]["sector"] == {"cocoa": 2}  # not coffee, though Côte d'Ivoire's sheet also has it
    assert body["facets"]["country"] == {"CI": 2}
    assert body["facets"]["type"] == {"risk_sheet": 2}
    selected = client.get(
        "/v1/search", params=[*params, ("sector", "bricks"), ("country", "PK")], headers={"Origin": SITE}
    ).json()
    assert selected["total"] == 0
    assert set(selected["facets"]["sector"]) <= {"cocoa"} and set(selected["facets"]["country"]) <= {"CI"}


def test_fixed_filter_on_reads_by_id(client: TestClient, cocoa_key: str) -> None:
    headers = {"Origin": SITE}
    assert client.get("/v1/resources/country-ci.fr", params={"key": cocoa_key}, headers=headers).status_code == 200
    hidden = client.get("/v1/resources/country-pk.fr", params={"key": cocoa_key}, headers=headers)
    assert hidden.status_code == 404
    assert client.get("/v1/resources/country-pk.fr", headers=headers).status_code == 200  # anonymous sees it


def test_keys_without_fixed_filters_see_everything(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    key = widget_key(session_factory, org="open-ngo")
    assert client.get("/v1/search", params={"key": key}, headers={"Origin": SITE}).json()["total"] == 6


# The widget and its demo page


def test_widget_script(client: TestClient) -> None:
    response = client.get("/embed/v1/widget.js", headers={"Origin": OTHER})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert 'customElements.define("crv-search"' in response.text
    assert "attachShadow" in response.text and "aria-live" in response.text
    assert "innerHTML" not in response.text  # highlights go in as text nodes and <mark> elements only
    assert response.headers["cache-control"] == "public, max-age=3600"


def test_widget_script_is_one_script_of_parts_within_the_house_cap(client: TestClient) -> None:
    """Third-party sites embed one script: its words and styles, then its behaviour, each file kept under ~600
    lines (the house style's cap, which tests/test_source_tree.py holds the Python files to), served together
    inside one function, so that none of their names is left among the host page's globals."""
    folder = Path(__file__).resolve().parents[2] / "app" / "static" / "embed"
    words, behaviour = (folder / "widget-text.js").read_bytes(), (folder / "widget.js").read_bytes()
    assert client.get("/embed/v1/widget.js").content == b"(function () {\n" + words + behaviour + b"})();\n"
    for source in (words, behaviour):
        assert len(source.decode("utf-8").splitlines()) <= 600


def test_the_widget_sets_no_inline_style(client: TestClient) -> None:
    """A host page's Content-Security-Policy without 'unsafe-inline' for styles blocks a style="" attribute and a
    <style> element: the widget adopts a constructed stylesheet, a <style> only where that is unsupported."""
    script = client.get("/embed/v1/widget.js").text
    assert "adoptedStyleSheets" in script and "replaceSync" in script
    assert re.search(r"""[{,]\s*["']?style["']?\s*:""", script) is None  # no style attribute given to el()
    assert ".style." not in script and 'setAttribute("style"' not in script
    assert script.count('el("style"') == 1 and 'if (!this._adopted) this._root.appendChild(el("style"' in script


def test_an_answer_labels_the_filters_it_applies(client: TestClient, cocoa_key: str) -> None:
    """« Limited to: … » in a widget: the answer labels the values it is filtered by, the request's and the key's
    fixed ones, without their facet being asked for, and even when nothing is found (no hit to label them)."""
    params = {"sector": "bricks", "q": "cacao", "prefer_lang": "fr", "lang": "fr"}
    body = client.get("/v1/search", params=params).json()
    assert body["total"] == 0 and body["facets"] == {}
    assert body["facet_labels"] == {"sector": {"bricks": "Briques"}, "lang": {"fr": "Français"}}
    fixed = client.get(
        "/v1/search", params={"key": cocoa_key, "q": "briques", "prefer_lang": "en"}, headers={"Origin": SITE}
    )
    assert fixed.json()["total"] == 0 and fixed.json()["facet_labels"] == {"sector": {"cocoa": "Cocoa"}}
