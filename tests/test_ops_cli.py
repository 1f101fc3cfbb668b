"""The operator's mistakes, as `crv` reports them: each one sentence that names the variable to fix (its password
masked) and an exit code, where there were tracebacks of 50 to 500 lines ending on a pydantic field name or a
psycopg error; a `crv serve` that cannot work stops before its workers start."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from app import migrations
from app.cli import main
from app.config import Settings, get_settings, unknown_settings
from app.db import make_engine
from tests.helpers import free_port
from tests.test_ops_readiness import previous_revision

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Tr0ub4dor-ops"


@pytest.fixture
def crv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_dir: Path) -> Iterator[pytest.MonkeyPatch]:
    """`crv` as the console script runs it (``main``), in an environment of the test's own."""
    for name in list(os.environ):
        if name.startswith("CRV_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CRV_DATABASE_URL", f"sqlite:///{tmp_path / 'crv.db'}")
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("CRV_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.chdir(tmp_path)  # no .env of the working tree
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def run_crv(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["crv", *words])
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.err


def test_a_database_that_does_not_answer_is_one_sentence_naming_the_setting(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    crv.setenv("CRV_DATABASE_URL", f"postgresql+psycopg://crv:{PASSWORD}@127.0.0.1:{free_port()}/crv")
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 1
    assert "cannot reach the database postgresql+psycopg://crv:***@127.0.0.1" in err
    assert "Check CRV_DATABASE_URL" in err and "Connection refused" in err
    assert PASSWORD not in err and "Traceback" not in err
    assert len(err.splitlines()) <= 4, err


def test_in_production_the_failure_is_one_json_line(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    crv.setenv("CRV_LOG_FORMAT", "json")
    crv.setenv("CRV_DATABASE_URL", f"postgresql+psycopg://crv:{PASSWORD}@127.0.0.1:{free_port()}/crv")
    code, err = run_crv(crv, capsys, "content", "load")
    assert code == 1
    [line] = [line for line in err.splitlines() if line.strip()]  # (the progress bar leaves a blank line)
    record = json.loads(line)
    assert record["event"] == "database_unreachable" and record["level"] == "error"
    assert "CRV_DATABASE_URL" in record["message"] and PASSWORD not in line


def test_a_bad_value_names_the_variable_and_what_it_got(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    crv.setenv("CRV_WORKERS", "two")
    crv.setenv("CRV_SMTP_PASSWORD", PASSWORD)
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 2
    assert "CRV_WORKERS: Input should be a valid integer" in err and "'two'" in err
    assert "Traceback" not in err and PASSWORD not in err


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("CRV_DATABASE_URL", f"postgres://crv:{PASSWORD}@postgres:5432/crv", "must be postgresql+psycopg://"),
        ("CRV_DATABASE_URL", f"postgresql+psycopg2://crv:{PASSWORD}@postgres/crv", "must be postgresql+psycopg://"),
        ("CRV_REDIS_URL", f"//:{PASSWORD}@127.0.0.1:6379/0", "must start with redis://"),
        ("CRV_MEILI_URL", "meilisearch:7700", "must be an http(s) address"),
    ],
)
def test_a_url_the_code_cannot_use_is_refused_at_once_without_its_password(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str, expected: str
) -> None:
    """`postgres://…` failed on the first query with "Can't load plugin: sqlalchemy.dialects:postgres", a Redis URL
    without scheme killed the API at start (in every worker, again and again)."""
    crv.setenv(name, value)
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 2
    assert f"{name}: Value error, {expected}" in err and PASSWORD not in err
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert PASSWORD not in str(refused.value)  # nor in the traceback of a process that does not go through crv


def test_a_public_address_without_scheme_is_refused(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It would start every mailed link and every hit's url: `crv.example.org/fr/ressources/…` leads nowhere."""
    crv.setenv("CRV_PUBLIC_BASE_URL", "crv.example.org")
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 2
    assert "CRV_PUBLIC_BASE_URL" in err and "https://crv.example.org" in err
    for wrong in ("crv.example.org", "htps://crv.example.org", "https://", "https://crv.example.org/?lang=fr"):
        with pytest.raises(ValueError, match="absolute http"):
            Settings(public_base_url=wrong)
    assert (
        Settings(public_base_url="https://crv.example.org/centre/").public_base_url == "https://crv.example.org/centre"
    )


def test_a_misspelt_setting_is_reported_with_the_likely_name(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`CRV_DATABSE_URL` was ignored in silence: the command ran on the embedded SQLite default."""
    crv.setenv("CRV_DATABSE_URL", "postgresql+psycopg://crv@db/crv")
    crv.setenv("CRV_SMTP_HOTS", "smtp.example.org")
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 0
    assert "CRV_DATABSE_URL: not a crv setting, ignored; did you mean CRV_DATABASE_URL?" in err
    assert "did you mean CRV_SMTP_HOST?" in err
    env_file = Path(".env")
    env_file.write_text("CRV_SEARCH_BACKNED=meilisearch\n")
    found = dict(unknown_settings({"CRV_SERVER": "https://crv.example.org", "CRV_TEST_DATABASE_URL": "x"}, env_file))
    assert list(found) == ["CRV_SEARCH_BACKNED"]  # crv push's and the tests' own variables are not settings
    assert "compose.yaml" in dict(unknown_settings({"CRV_MEILI_API_KEY": "k"}, None))["CRV_MEILI_API_KEY"]


def test_a_schema_behind_the_release_says_to_upgrade_not_to_rebuild(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`crv index rebuild` on a database one migration behind said "the search engine failed (… column … does not
    exist); if this persists, run `crv index rebuild`"."""
    migrations.upgrade(os.environ["CRV_DATABASE_URL"], previous_revision())
    code, err = run_crv(crv, capsys, "index", "rebuild")
    assert code == 1
    assert f"at revision {previous_revision()}" in err and "run `crv db upgrade`" in err
    assert "search engine" not in err
    code, _ = run_crv(crv, capsys, "db", "upgrade")
    assert code == 0
    code, err = run_crv(crv, capsys, "index", "rebuild")
    assert code == 0, err


def test_upgrading_a_database_a_newer_release_migrated_says_so(
    crv: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The image rolled back after an upgrade: Alembic's "Can't locate revision" came with a traceback."""
    database_url = os.environ["CRV_DATABASE_URL"]
    migrations.upgrade(database_url)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dcafe1234'"))
    engine.dispose()
    code, err = run_crv(crv, capsys, "db", "upgrade")
    assert code == 1
    assert "revision f00dcafe1234, which this release does not know" in err and "Traceback" not in err


def test_serve_without_a_secret_key_stops_before_its_workers_start(tmp_path: Path) -> None:
    """With two workers, each died of the missing key and uvicorn started another, forever, the parent keeping the
    port open: a container that looked up and answered nothing."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("CRV_")}
    environment |= {
        "CRV_DATABASE_URL": f"postgresql+psycopg://crv:{PASSWORD}@127.0.0.1:{free_port()}/crv",
        "CRV_WORKERS": "2",
        "CRV_INDEX_DIR": str(tmp_path / "index"),
    }
    command = [sys.executable, "-c", "from app.cli import main; main()", "serve", "--port", str(free_port())]
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("crv serve kept running without a secret key")
    assert process.returncode == 2
    text = err.decode()
    assert "Set CRV_SECRET_KEY" in text and "Traceback" not in text and PASSWORD not in text
    assert time.monotonic() - started < 30
