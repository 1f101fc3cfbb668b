"""The core CLI: exit codes and effects of db, content and index commands (real database, real index)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
