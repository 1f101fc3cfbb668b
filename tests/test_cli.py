"""The core CLI: exit codes and effects of db, content and index commands (real database, real index)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app import serving
from app.cli import app
from app.config import Settings, get_settings

runner = CliRunner()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_dir: Path) -> Iterator[Settings]:
    database_url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CRV_DATABASE_URL", database_url)
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("CRV_INDEX_DIR", str(tmp_path / "index"))
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_setup_commands_in_order(cli_env: Settings) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    loaded = runner.invoke(app, ["content", "load"])
    assert loaded.exit_code == 0, loaded.output
    assert "created 6" in loaded.output
    again = runner.invoke(app, ["content", "load"])
    assert "unchanged 6" in again.output
    rebuilt = runner.invoke(app, ["index", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "indexed 6" in rebuilt.output
    synced = runner.invoke(app, ["sync", "--once"])
    assert synced.exit_code == 0, synced.output


def test_check_fails_with_exit_code_1_and_names_the_file(cli_env: Settings) -> None:
    assert runner.invoke(app, ["content", "check"]).exit_code == 0
    bad = cli_env.content_dir / "resources" / "country-pk.en.md"
    bad.write_text(bad.read_text().replace("type: risk_sheet", "type: nope"))
    result = runner.invoke(app, ["content", "check"])
    assert result.exit_code == 1
    assert "country-pk.en.md" in result.output


def test_load_of_invalid_content_exits_1_and_loads_nothing(cli_env: Settings) -> None:
    runner.invoke(app, ["db", "upgrade"])
    bad = cli_env.content_dir / "resources" / "country-pk.en.md"
    bad.write_text(bad.read_text().replace("sectors: [bricks]", "sectors: [nope]"))
    result = runner.invoke(app, ["content", "load"])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    assert "indexed 0" in runner.invoke(app, ["index", "rebuild"]).output


# Serving: the address served is the base of the absolute URLs; forwarded headers are believed from nobody by default


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    """`crv serve` without serving: what it hands uvicorn, and the settings the app then reads."""
    captured: dict[str, object] = {}

    def fake_run(target: str, **options: object) -> None:
        board = os.environ.get(serving.BOARD_ENV)
        captured.clear()
        captured.update(options, target=target, settings=get_settings(), board=board and Path(board).exists())

    for name in ("CRV_HOST", "CRV_PORT", "CRV_PUBLIC_BASE_URL", "CRV_FORWARDED_ALLOW_IPS", "CRV_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CRV_PORT", "8000")  # restored afterwards, whatever serve sets
    monkeypatch.setenv("CRV_HOST", "127.0.0.1")
    monkeypatch.setattr("app.cli.uvicorn.run", fake_run)
    get_settings.cache_clear()
    yield captured
    get_settings.cache_clear()


def test_serve_builds_urls_from_the_address_served(served: dict[str, object]) -> None:
    assert runner.invoke(app, ["serve", "--port", "8200"]).exit_code == 0
    settings = served["settings"]
    assert isinstance(settings, Settings)
    assert served["port"] == 8200 and settings.public_base_url == "http://127.0.0.1:8200"
    assert served["proxy_headers"] is False  # X-Forwarded-For believed from nobody


def test_serve_has_the_workers_share_the_connections(served: dict[str, object]) -> None:
    """Several workers take an even share of the connections (app/serving.py): each runs the fair event loop, with
    the board serve makes for them; one worker accepts everything anyway."""
    assert runner.invoke(app, ["serve", "--workers", "2"]).exit_code == 0
    assert served["loop"] == "app.serving:new_event_loop" and served["board"] is True
    assert serving.BOARD_ENV not in os.environ
    assert runner.invoke(app, ["serve", "--workers", "1"]).exit_code == 0
    assert "loop" not in served


def test_serve_tells_each_worker_how_many_there_are(served: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker shares the cores with the others (how many searches it computes at once)."""
    monkeypatch.setenv("CRV_WORKERS", "1")  # restored afterwards, whatever serve sets
    monkeypatch.setattr("app.config.os.sched_getaffinity", lambda pid: {0, 1})
    assert runner.invoke(app, ["serve", "--workers", "2"]).exit_code == 0
    settings = served["settings"]
    assert isinstance(settings, Settings)
    assert served["workers"] == 2 and settings.concurrent_searches() == 1


def test_serve_trusts_the_configured_proxies_only(served: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRV_FORWARDED_ALLOW_IPS", "172.28.0.0/24")
    monkeypatch.setenv("CRV_PUBLIC_BASE_URL", "https://crv.example.org/")
    assert runner.invoke(app, ["serve", "--host", "0.0.0.0"]).exit_code == 0
    settings = served["settings"]
    assert isinstance(settings, Settings)
    assert served["proxy_headers"] is True and served["forwarded_allow_ips"] == "172.28.0.0/24"
    assert settings.public_base_url == "https://crv.example.org"
