"""API keys over HTTP: administration, 401 for bad/revoked/expired keys, 403 for missing scopes, and key
material that never comes back after creation nor reaches the logs."""

import hashlib
import logging
from datetime import timedelta

import pytest
import structlog
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.config import Settings
from app.main import create_app
from app.models import ApiKey, AuditEntry, KeyKind
from app.models.base import utcnow
from app.services import publishing
from tests.helpers import WRITE, Parties, bearer, cli_reads, good_practice, make_key, make_org


def secret_of(token: str) -> str:
    return token.rsplit("_", 1)[1]


def test_admin_creates_an_organisation_and_a_key_shown_once(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    created = client.post(
        "/v1/admin/organisations",
        json={"slug": "syndicat-x", "name": "Syndicat X", "kind": "union"},
        headers=bearer(parties.admin),
    )
    assert created.status_code == 201, created.text
    assert created.json()["kind"] == "union"
    again = client.post(
        "/v1/admin/organisations",
        json={"slug": "syndicat-x", "name": "Autre", "kind": "union"},
        headers=bearer(parties.admin),
    )
    assert again.status_code == 409
    slugs = [o["slug"] for o in client.get("/v1/admin/organisations", headers=bearer(parties.admin)).json()]
    assert "syndicat-x" in slugs

    response = client.post(
        "/v1/admin/organisations/syndicat-x/keys",
        json={"name": "push from CI", "scopes": ["resources:write"], "expires_in_days": 90},
        headers=bearer(parties.admin),
    )
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    token = body["key"]
    assert token.startswith(body["prefix"] + "_") and body["prefix"].startswith("crv_sk_")
    assert body["status"] == "active" and body["expires_at"] is not None
    # The key works at once, and only its SHA-256 is stored.
    assert client.get("/v1/my/resources", headers=bearer(token)).status_code == 200
    with session_factory() as session:
        stored = session.scalar(select(ApiKey).where(ApiKey.prefix == body["prefix"]))
        assert stored is not None
        assert stored.hash == hashlib.sha256(token.encode()).hexdigest()
        assert secret_of(token) not in repr([getattr(stored, c.key) for c in ApiKey.__table__.columns])
        assert stored.last_used_at is not None
    # Never again: not in lists, not in the audit log.
    listed = client.get("/v1/admin/keys", params={"org": "syndicat-x"}, headers=bearer(parties.admin))
    assert [k["prefix"] for k in listed.json()] == [body["prefix"]]
    audit = client.get("/v1/admin/audit", headers=bearer(parties.admin))
    assert {"organisation.create", "key.create"} <= {e["action"] for e in audit.json()}
    for later in (listed, audit):
        assert secret_of(token) not in later.text


def test_unknown_organisation_and_bad_key_settings(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    headers = bearer(parties.admin)
    assert (
        client.post("/v1/admin/organisations/nope/keys", json={"scopes": ["admin"]}, headers=headers).status_code == 404
    )
    wrong_scope = client.post(
        "/v1/admin/organisations/ong-a/keys",
        json={"kind": "publishable", "scopes": ["search", "resources:write"], "allowed_origins": ["https://a.org"]},
        headers=headers,
    )  # a publishable key only searches
    assert wrong_scope.status_code == 422
    assert "not resources:write, which is for secret keys" in wrong_scope.json()["detail"]
    server = client.post("/v1/admin/organisations/ong-a/keys", json={"scopes": ["search"]}, headers=headers)
    assert server.status_code == 201 and server.json()["prefix"].startswith("crv_sk_")  # a server's read-only key
    no_origin = client.post(
        "/v1/admin/organisations/ong-a/keys", json={"kind": "publishable", "scopes": ["search"]}, headers=headers
    )
    assert no_origin.status_code == 422
    publishable = client.post(
        "/v1/admin/organisations/ong-a/keys",
        json={
            "kind": "publishable",
            "scopes": ["search"],
            "allowed_origins": ["https://www.ong-a.org"],
            "fixed_filters": {"sector": ["cocoa"]},
            "rate_limit_per_minute": 300,
        },
        headers=headers,
    )
    assert publishable.status_code == 201, publishable.text
    assert publishable.json()["prefix"].startswith("crv_pk_")
    assert publishable.json()["fixed_filters"] == {"sector": ["cocoa"]}


@pytest.mark.parametrize(
    ("authorization", "why"),
    [
        (None, "no key"),
        ("Basic dXNlcjpwYXNz", "wrong scheme"),
        ("Bearer not-a-key", "not a key"),
        ("Bearer crv_sk_00000000_" + "0" * 64, "unknown prefix"),
    ],
)
def test_missing_or_bad_key_is_401(
    client: TestClient, session_factory: sessionmaker[Session], authorization: str | None, why: str
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/v1/my/resources", headers=headers)
    assert response.status_code == 401, why
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_right_prefix_wrong_secret_is_401(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_org(session_factory, "ong-a")
    token = make_key(session_factory, "ong-a", WRITE)
    forged = token[: -len(secret_of(token))] + "f" * 64
    response = client.get("/v1/my/resources", headers=bearer(forged))
    assert response.status_code == 401
    assert "f" * 64 not in response.text


def test_revoked_key_is_401(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    prefix = parties.partner.rsplit("_", 1)[0]
    assert client.get("/v1/my/resources", headers=bearer(parties.partner)).status_code == 200
    assert client.delete(f"/v1/admin/keys/{prefix}", headers=bearer(parties.admin)).status_code == 204
    assert client.delete(f"/v1/admin/keys/{prefix}", headers=bearer(parties.admin)).status_code == 204  # idempotent
    response = client.get("/v1/my/resources", headers=bearer(parties.partner))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    # on public routes too: a bad key is refused, not treated as anonymous
    assert client.get("/v1/resources/anything.fr", headers=bearer(parties.partner)).status_code == 401
    listed = client.get("/v1/admin/keys", params={"org": "ong-a"}, headers=bearer(parties.admin)).json()
    assert listed[0]["status"] == "revoked"
    assert client.delete("/v1/admin/keys/crv_sk_ffffffff", headers=bearer(parties.admin)).status_code == 404


def test_expired_key_is_401(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_org(session_factory, "ong-a")
    token = make_key(session_factory, "ong-a", WRITE, expires_in_days=1)
    assert client.get("/v1/my/resources", headers=bearer(token)).status_code == 200
    with session_factory() as session:
        session.execute(update(ApiKey).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    response = client.get("/v1/my/resources", headers=bearer(token))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_missing_scope_is_403(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    cases = [
        (parties.partner, "GET", "/v1/admin/organisations"),  # write ≠ admin
        (parties.partner, "GET", "/v1/review/queue"),  # write ≠ review
        (parties.editor, "GET", "/v1/my/resources"),  # review ≠ write
        (parties.editor, "POST", "/v1/admin/organisations"),
        (parties.admin, "POST", "/v1/resources"),  # admin ≠ write
        (parties.admin, "GET", "/v1/review/queue"),
    ]
    for token, method, path in cases:
        response = client.request(method, path, headers=bearer(token), json={})
        assert response.status_code == 403, (method, path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert 'error="insufficient_scope"' in response.headers["www-authenticate"]


def test_publishable_key_cannot_write(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_org(session_factory, "ong-a")
    token = make_key(session_factory, "ong-a", "search", kind=KeyKind.publishable, origins=["https://ong-a.org"])
    response = client.post("/v1/resources", json=good_practice(), headers=bearer(token))
    assert response.status_code == 403


def test_key_material_never_reaches_the_logs(
    settings: Settings,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Even an unhandled error, whose traceback the default console renderer would print with the request's
    headers as local variables, shows at most the key's prefix."""
    parties = Parties.create(session_factory)
    caplog.set_level(logging.DEBUG)

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(publishing, "list_own", boom)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        with structlog.testing.capture_logs() as events:
            assert client.get("/v1/review/queue", headers=bearer(parties.partner)).status_code == 403
            assert client.get("/v1/my/resources", headers=bearer(parties.partner + "0")).status_code == 401
        crashed = client.get("/v1/my/resources", headers=bearer(parties.partner))
        assert crashed.status_code == 500
        created = client.post(
            "/v1/admin/organisations/ong-a/keys", json={"scopes": ["resources:write"]}, headers=bearer(parties.admin)
        )
        new_token = created.json()["key"]
    output = capfd.readouterr()
    logged = output.out + output.err + caplog.text + repr(events)
    assert "unhandled_error" in logged and "database on fire" in logged  # the error itself is logged
    for token in (parties.partner, parties.admin, new_token):
        assert secret_of(token) not in logged
        assert secret_of(token)[:16] not in logged  # not even truncated


def test_cli_bootstrap_prints_the_key_once(
    settings: Settings, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, client: TestClient
) -> None:
    cli_reads(settings, monkeypatch)
    runner = CliRunner()
    assert runner.invoke(cli.app, ["orgs", "create", "ong-a", "--name", "ONG A", "--kind", "ngo"]).exit_code == 0
    assert runner.invoke(cli.app, ["orgs", "create", "ong-a", "--name", "ONG A", "--kind", "ngo"]).exit_code == 1
    assert runner.invoke(cli.app, ["orgs", "create", "Not A Slug", "--name", "x", "--kind", "ngo"]).exit_code == 2
    made = runner.invoke(
        cli.app,
        [
            *("keys", "create", "--org", "ong-a", "--scope", "resources:write", "--scope", "resources:review"),
            *("--expires-in-days", "30", "--name", "pushes"),
        ],
    )
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("crv_sk_")
    assert client.get("/v1/my/resources", headers=bearer(token)).status_code == 200

    listed = runner.invoke(cli.app, ["keys", "list", "--org", "ong-a"])
    assert listed.exit_code == 0
    prefix = token.rsplit("_", 1)[0]
    assert prefix in listed.output and secret_of(token) not in listed.output
    assert runner.invoke(cli.app, ["orgs", "list"]).exit_code == 0

    assert runner.invoke(cli.app, ["keys", "revoke", prefix]).exit_code == 0
    assert client.get("/v1/my/resources", headers=bearer(token)).status_code == 401
    assert runner.invoke(cli.app, ["keys", "revoke", "crv_sk_ffffffff"]).exit_code == 1
    with session_factory() as session:
        actions = [
            (e.action, e.details.get("via")) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert actions == [("organisation.create", "cli"), ("key.create", "cli"), ("key.revoke", "cli")]


def test_cli_publishable_key_options(
    settings: Settings, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_reads(settings, monkeypatch)
    make_org(session_factory, "ong-a")
    runner = CliRunner()
    made = runner.invoke(
        cli.app,
        [
            *("keys", "create", "--org", "ong-a", "--scope", "search", "--kind", "publishable"),
            *("--origin", "https://www.ong-a.org", "--fixed-filter", "sector=cocoa", "--rate-limit", "600"),
        ],
    )
    assert made.exit_code == 0, made.output
    with session_factory() as session:
        key = session.scalar(select(ApiKey))
        assert key is not None
        assert (key.kind, key.allowed_origins, key.fixed_filters) == (
            "publishable",
            ["https://www.ong-a.org"],
            {"sector": ["cocoa"]},
        )
        assert key.rate_limit_per_minute == 600
    bad = runner.invoke(cli.app, ["keys", "create", "--org", "ong-a", "--scope", "admin", "--kind", "publishable"])
    assert bad.exit_code == 1
    typo = runner.invoke(
        cli.app,
        [
            *("keys", "create", "--org", "ong-a", "--scope", "search", "--kind", "publishable"),
            *("--origin", "https://www.ong-a.org", "--fixed-filter", "sector=cocao"),
        ],
    )
    assert typo.exit_code == 1 and "cocao" in typo.output and "'cocoa'" in typo.output  # a key that would see nothing


def test_cli_server_key_for_reading_and_scopes_that_agree_with_the_service(
    settings: Settings, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, client: TestClient
) -> None:
    """The CLI offers the search scope on its default secret kind, and the service takes it: a server's read-only
    key, told how to send it and its quota; a combination the service refuses is said to be for the other kind."""
    cli_reads(settings, monkeypatch)
    make_org(session_factory, "cci-exemple")
    runner = CliRunner()
    made = runner.invoke(cli.app, ["keys", "create", "--org", "cci-exemple", "--scope", "search", "--name", "harvest"])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("crv_sk_")
    assert "send it as `Authorization: Bearer <key>`" in made.stderr
    assert f"{settings.key_requests_per_minute} requests per minute (the default)" in made.stderr
    assert client.get("/v1/search", headers=bearer(token)).status_code == 200  # no Origin needed
    assert client.get("/v1/my/resources", headers=bearer(token)).status_code == 403  # and nothing to write with
    wrong = ("keys", "create", "--org", "cci-exemple", "--kind", "publishable", "--origin", "https://cci-exemple.fr")
    refused = runner.invoke(cli.app, [*wrong, "--scope", "search", "--scope", "resources:write"])
    assert refused.exit_code == 1
    assert "not resources:write, which is for secret keys" in " ".join(refused.output.split())
    help_text = " ".join(runner.invoke(cli.app, ["keys", "create", "--help"]).output.replace("│", " ").split())
    assert "a server's read-only key" in help_text and "secret keys only" in help_text


def test_admin_api_refuses_unknown_fixed_filter_codes(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    payload = {
        "kind": "publishable",
        "scopes": ["search"],
        "allowed_origins": ["https://www.ong-a.org"],
        "fixed_filters": {"country": ["zz"]},
    }
    response = client.post("/v1/admin/organisations/ong-a/keys", json=payload, headers=bearer(parties.admin))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "fixed_filters.country"
