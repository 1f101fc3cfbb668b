"""The signed double-submit CSRF token, on a small app of its own, and the secret key it is signed with."""

import os
import time
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app import csrf
from app.config import Settings
from app.errors import install_error_handlers
from app.signing import MissingSecretKey, resolve_secret_key


def make_app(key: bytes = b"k" * 40) -> FastAPI:
    app = FastAPI()
    app.state.secret_key = key
    install_error_handlers(app)

    @app.get("/form")
    def form(request: Request) -> HTMLResponse:
        response = HTMLResponse(f'<input name="csrf_token" value="{csrf.token(request)}">')
        csrf.set_cookie(request, response)
        return response

    @app.post("/form", dependencies=[csrf.Protected])
    def submit() -> PlainTextResponse:
        return PlainTextResponse("accepted")

    return app


def token_of(html: str) -> str:
    return html.split('value="')[1].split('"')[0]


def test_a_token_from_the_form_is_accepted_once_the_cookie_is_set() -> None:
    with TestClient(make_app()) as client:
        page = client.get("/form")
        cookie = page.headers["set-cookie"]
        assert "crv_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert "Secure" not in cookie  # plain HTTP in tests
        response = client.post("/form", data={"csrf_token": token_of(page.text), "name": "x"})
        assert response.status_code == 200, response.text
        # the header works too (scripts), and a second page keeps the same cookie
        second = client.get("/form")
        assert "set-cookie" not in second.headers
        assert client.post("/form", headers={"X-CSRF-Token": token_of(second.text)}).status_code == 200


def test_https_cookies_are_secure() -> None:
    with TestClient(make_app(), base_url="https://testserver") as client:
        assert "Secure" in client.get("/form").headers["set-cookie"]


@pytest.mark.parametrize("case", ["missing", "wrong", "other-browser", "no-cookie", "other-key", "garbage"])
def test_a_missing_or_wrong_token_is_a_403_problem(case: str) -> None:
    with TestClient(make_app()) as client:
        token = token_of(client.get("/form").text)
        if case == "missing":
            response = client.post("/form", data={"name": "x"})
        elif case == "wrong":
            issued, signature = token.split(".")
            response = client.post("/form", data={"csrf_token": f"{issued}.{signature[::-1]}"})
        elif case == "other-browser":  # a token an attacker got for their own cookie
            with TestClient(make_app()) as attacker:
                stolen = token_of(attacker.get("/form").text)
            response = client.post("/form", data={"csrf_token": stolen})
        elif case == "no-cookie":
            client.cookies.clear()
            response = client.post("/form", data={"csrf_token": token})
        elif case == "other-key":
            with TestClient(make_app(b"z" * 40)) as other:
                other.cookies.update(client.cookies)
                response = other.post("/form", data={"csrf_token": token})
        else:
            response = client.post("/form", data={"csrf_token": "../.."})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "reload the page" in response.json()["detail"]


def test_an_old_token_expires() -> None:
    with TestClient(make_app()) as client:
        client.get("/form")
        request = Request({"type": "http", "app": client.app, "headers": [], "state": {}})
        nonce = client.cookies[csrf.COOKIE]
        request._cookies = {csrf.COOKIE: nonce}
        old = csrf.token(request, now=time.time() - csrf.MAX_AGE - 5)
        assert client.post("/form", data={"csrf_token": old}).status_code == 403
        fresh = csrf.token(request, now=time.time() - csrf.MAX_AGE + 60)
        assert client.post("/form", data={"csrf_token": fresh}).status_code == 200


def test_the_embedded_default_generates_and_keeps_a_secret_key(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", secret_key_file=tmp_path / "var" / "secret")
    first = resolve_secret_key(settings)
    assert len(first) >= 32 and resolve_secret_key(settings) == first
    assert oct(os.stat(tmp_path / "var" / "secret").st_mode & 0o777) == "0o600"


def test_other_deployments_must_set_a_secret_key() -> None:
    with pytest.raises(MissingSecretKey, match="CRV_SECRET_KEY"):
        resolve_secret_key(Settings(database_url="postgresql+psycopg://db/crv", secret_key=None))
    with pytest.raises(MissingSecretKey, match="32"):
        resolve_secret_key(Settings(database_url="postgresql+psycopg://db/crv", secret_key=SecretStr("short")))
    key = resolve_secret_key(Settings(database_url="postgresql+psycopg://db/crv", secret_key=SecretStr("s" * 32)))
    assert key == b"s" * 32
