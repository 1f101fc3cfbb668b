"""`crv content load` refusing a tree says each problem as `crv content check` does, whole: file:line:column,
field and message on a line of their own (its table cut the file's name and the message to the terminal's width,
without a line number)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import Settings, get_settings

runner = CliRunner()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_dir: Path) -> Iterator[Settings]:
    monkeypatch.setenv("CRV_DATABASE_URL", f"sqlite:///{tmp_path / 'author.db'}")
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("CRV_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("COLUMNS", "80")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_load_says_each_problem_whole_with_its_line(cli_env: Settings) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    path = cli_env.content_dir / "resources" / "country-pk.fr.md"
    path.write_text(path.read_text().replace("published_at: 2026-02-01", "published_at: 3 décembre 2026"))
    result = runner.invoke(app, ["content", "load"])
    assert result.exit_code == 1
    expected = (
        "resources/country-pk.fr.md:15:15: published_at: '3 décembre 2026' is not a date as the format writes it "
        "(year-month-day): write published_at: 2026-12-03 (3 December 2026)"
    )
    assert expected in result.output.splitlines(), result.output
    assert "1 problem(s)" in result.output and "nothing was loaded" in result.output


def test_an_impossible_date_does_not_stop_load_on_a_traceback(cli_env: Settings) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    path = cli_env.content_dir / "resources" / "country-ci.en.md"
    path.write_text(path.read_text().replace("published_at: ", "updated_at: 2026-02-30\npublished_at: "))
    result = runner.invoke(app, ["content", "load"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # typer's exit, not a ValueError
    assert "there is no day 30 in month 2 of 2026" in result.output
