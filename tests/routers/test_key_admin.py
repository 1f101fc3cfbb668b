"""Administering keys from the command line: ``crv keys list`` shows what a key allows, ``crv keys update`` changes
a publishable key's origins, fixed filters and rate limit in place (audited), and a malformed key is told the
format of the kind it was meant to be."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.config import Settings
from app.errors import Conflict, InvalidParameters, Unauthorized
from app.models import ApiKey, AuditEntry
from app.services import keys
from app.services.keys import KeyChanges
from tests.helpers import cli_reads, content_taxonomies, make_key, widget_key

SITE = "https://www.cocoa.example"
NEW_SITE = "https://chocolat.example"


def prefix_of(token: str) -> str:
    return token.rsplit("_", 1)[0]


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    cli_reads(settings, monkeypatch)
    return CliRunner()


# Malformed keys


@pytest.mark.parametrize(
    ("token", "named", "not_named"),
    [
        ("crv_pk_8aa5af8a_d852", "crv_pk_", "crv_sk_"),
        ("crv_pk_" + "0" * 80, "crv_pk_", "crv_sk_"),
        ("crv_sk_12345678_abc", "crv_sk_", "crv_pk_"),
        ("not-a-key", "crv_pk_", None),
    ],
)
def test_a_malformed_key_is_told_its_own_format(
    session: Session, token: str, named: str, not_named: str | None
) -> None:
    with pytest.raises(Unauthorized) as raised:
        keys.authenticate(session, token)
    detail = raised.value.detail
    assert named in detail and token not in detail
    if not_named is not None:
        assert not_named not in detail
    else:
        assert "crv_sk_" in detail  # neither kind: both formats


@pytest.mark.usefixtures("loaded")
def test_a_widget_with_a_truncated_key_reads_the_publishable_format(client: TestClient) -> None:
    response = client.get("/v1/search", params={"key": "crv_pk_8aa5af8a_d852"}, headers={"Origin": SITE})
    assert response.status_code == 401
    assert "publishable keys look like crv_pk_" in response.json()["detail"]
    assert "crv_sk_" not in response.json()["detail"]


# The service


def test_update_origins_in_place(session_factory: sessionmaker[Session], client: TestClient) -> None:
    token = widget_key(session_factory, origins=[SITE])
    assert client.get("/v1/search", params={"key": token}, headers={"Origin": NEW_SITE}).status_code == 403
    with session_factory() as session:
        keys.update_key(session, prefix_of(token), KeyChanges(add_origins=[f"{NEW_SITE}/"]))
        session.commit()
    assert client.get("/v1/search", params={"key": token}, headers={"Origin": NEW_SITE}).status_code == 200
    with session_factory() as session:
        key = keys.update_key(session, prefix_of(token), KeyChanges(remove_origins=[SITE]))
        assert key.allowed_origins == [NEW_SITE]
        key = keys.update_key(session, prefix_of(token), KeyChanges(allowed_origins=["HTTPS://A.example:443"]))
        assert key.allowed_origins == ["https://a.example"]
        session.commit()
    assert client.get("/v1/search", params={"key": token}, headers={"Origin": NEW_SITE}).status_code == 403


def test_update_filters_and_rate_limit_and_audit(session_factory: sessionmaker[Session]) -> None:
    token = widget_key(session_factory, origins=[SITE])
    with session_factory() as session:
        key = keys.update_key(
            session,
            prefix_of(token),
            KeyChanges(fixed_filters={"sector": ["Cocoa"]}, rate_limit_per_minute=300),
            taxonomies=content_taxonomies(),
        )
        assert (key.fixed_filters, key.rate_limit_per_minute) == ({"sector": ["cocoa"]}, 300)
        key = keys.update_key(session, prefix_of(token), KeyChanges(fixed_filters={}, default_rate_limit=True))
        assert (key.fixed_filters, key.rate_limit_per_minute) == ({}, None)
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "key.update")).all()
        assert [e.details["changes"] for e in entries] == [
            {"fixed_filters": {"sector": ["cocoa"]}, "rate_limit_per_minute": 300},
            {"fixed_filters": {}, "rate_limit_per_minute": None},
        ]
        assert all(e.details["prefix"] == prefix_of(token) and e.details["via"] == "cli" for e in entries)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (KeyChanges(), InvalidParameters),
        (KeyChanges(remove_origins=[SITE]), InvalidParameters),  # no origin left
        (KeyChanges(remove_origins=[NEW_SITE]), InvalidParameters),  # not one of them
        (KeyChanges(add_origins=["https://x.example/path"]), InvalidParameters),
        (KeyChanges(fixed_filters={"sector": ["cocao"]}), InvalidParameters),
        (KeyChanges(rate_limit_per_minute=0), InvalidParameters),
        (KeyChanges(rate_limit_per_minute=10, default_rate_limit=True), InvalidParameters),
    ],
)
def test_update_refuses(session_factory: sessionmaker[Session], changes: KeyChanges, error: type[Exception]) -> None:
    token = widget_key(session_factory, origins=[SITE])
    with session_factory() as session, pytest.raises(error):
        keys.update_key(session, prefix_of(token), changes, taxonomies=content_taxonomies())


def test_update_refuses_origins_on_secret_keys_and_revoked_keys(session_factory: sessionmaker[Session]) -> None:
    secret = make_key(session_factory)
    revoked = widget_key(session_factory, origins=[SITE], revoked=True)
    with session_factory() as session:
        with pytest.raises(InvalidParameters):
            keys.update_key(session, prefix_of(secret), KeyChanges(add_origins=[SITE]))
        assert keys.update_key(session, prefix_of(secret), KeyChanges(rate_limit_per_minute=50)).rate_limit_per_minute
        with pytest.raises(Conflict):
            keys.update_key(session, prefix_of(revoked), KeyChanges(add_origins=[NEW_SITE]))


# The command line


def test_cli_list_shows_origins_filters_and_rate_limit(
    runner: CliRunner, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    widget_key(session_factory, origins=[SITE], filters={"sector": ["cocoa"]}, rate_limit_per_minute=600)
    make_key(session_factory, "ong-b")
    listed = runner.invoke(cli.app, ["keys", "list"], env={"COLUMNS": "400"})
    assert listed.exit_code == 0, listed.output
    assert SITE in listed.output and "sector=cocoa" in listed.output and "600/min" in listed.output
    assert f"default ({settings.key_requests_per_minute}/min)" in listed.output  # the secret key's quota


def test_cli_update(runner: CliRunner, session_factory: sessionmaker[Session]) -> None:
    token = widget_key(session_factory, origins=[SITE])
    prefix = prefix_of(token)
    done = runner.invoke(
        cli.app,
        [
            *("keys", "update", prefix, "--add-origin", NEW_SITE, "--fixed-filter", "sector=cocoa"),
            *("--rate-limit", "300"),
        ],
    )
    assert done.exit_code == 0, done.output
    assert NEW_SITE in done.output and "sector=cocoa" in done.output and "300/min" in done.output
    with session_factory() as session:
        key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
        assert key is not None
        assert (key.allowed_origins, key.fixed_filters, key.rate_limit_per_minute) == (
            [SITE, NEW_SITE],
            {"sector": ["cocoa"]},
            300,
        )
        assert key.revoked_at is None
    replaced = runner.invoke(cli.app, ["keys", "update", prefix, "--origin", NEW_SITE, "--no-fixed-filters"])
    assert replaced.exit_code == 0, replaced.output
    assert runner.invoke(cli.app, ["keys", "update", prefix, "--remove-origin", NEW_SITE]).exit_code == 1
    assert runner.invoke(cli.app, ["keys", "update", prefix]).exit_code == 1  # nothing to change
    assert runner.invoke(cli.app, ["keys", "update", "crv_pk_ffffffff", "--rate-limit", "5"]).exit_code == 1
    contradiction = ["keys", "update", prefix, "--fixed-filter", "sector=cocoa", "--no-fixed-filters"]
    assert runner.invoke(cli.app, contradiction).exit_code == 2
    with session_factory() as session:
        assert [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))][-2:] == [
            "key.update",
            "key.update",
        ]
