"""Restoring as an operator does: a backup of an older release into the current one (its schema is upgraded, then the
index rebuilt, where the rebuild failed on a missing column and advised to run the rebuild again), a backup of a
newer release (refused before anything reads it), and the database password kept off pg_dump's command line."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from app import migrations
from app.cli import app
from app.config import get_settings
from app.db import make_engine
from app.services import backup as backup_service
from tests.test_ops_readiness import (
    make_fresh_databases,  # noqa: F401 (the fixture fresh_databases)
    previous_revision,
)

runner = CliRunner()


@pytest.fixture
def restore_into(
    monkeypatch: pytest.MonkeyPatch, content_dir: Path, tmp_path: Path, fresh_databases: Callable[[str], str]
) -> Callable[[Path], tuple[int, str, str]]:
    """`crv db restore FILE` into a fresh, empty database: exit code, output and that database's URL."""
    if not fresh_databases("probe").startswith("sqlite") and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("the PostgreSQL client tools are not on PATH")

    def restore(backup_file: Path) -> tuple[int, str, str]:
        target = fresh_databases("restored")
        monkeypatch.setenv("CRV_DATABASE_URL", target)
        monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
        monkeypatch.setenv("CRV_INDEX_DIR", str(tmp_path / "index"))
        get_settings.cache_clear()
        try:
            result = runner.invoke(app, ["db", "restore", str(backup_file)])
        finally:
            get_settings.cache_clear()
        return result.exit_code, result.output, target

    return restore


def test_a_backup_of_the_previous_release_is_restored_upgraded_and_indexed(
    fresh_databases: Callable[[str], str], restore_into: Callable[[Path], tuple[int, str, str]], tmp_path: Path
) -> None:
    source = fresh_databases("old")
    migrations.upgrade(source, previous_revision())
    backup_file = tmp_path / "old.backup"
    backup_service.backup(source, backup_file)
    code, output, target = restore_into(backup_file)
    assert code == 0, output
    assert f"upgraded from {previous_revision()}" in output and "indexed 0 published resource(s)" in output
    assert migrations.schema_state_of(target).ok


def test_a_backup_of_a_newer_release_is_refused_before_anything_reads_it(
    fresh_databases: Callable[[str], str], restore_into: Callable[[Path], tuple[int, str, str]], tmp_path: Path
) -> None:
    source = fresh_databases("newer")
    migrations.upgrade(source)
    engine = make_engine(source)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dcafe1234'"))
    engine.dispose()
    backup_file = tmp_path / "newer.backup"
    backup_service.backup(source, backup_file)
    code, output, _ = restore_into(backup_file)
    assert code == 1
    assert "restore failed" in output and "f00dcafe1234" in output and "newer release" in output
    assert "indexed" not in output


def test_the_database_password_is_not_on_pg_dumps_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every user of the machine reads a running process's arguments (`ps`, `docker top`): the password goes to
    pg_dump in PGPASSWORD. A stand-in pg_dump on PATH records what it was given."""
    tools = tmp_path / "bin"
    tools.mkdir()
    record = tmp_path / "pg_dump.args"
    stand_in = tools / "pg_dump"
    stand_in.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > {record}\n'
        f'echo "PGPASSWORD=$PGPASSWORD" >> {record}\n'
        'for a; do case "$a" in --file=*) : > "${a#--file=}";; esac; done\n'
    )
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    password = "s3cret/with@signs"
    url = make_url("postgresql+psycopg://crv@postgres:5432/crv?sslmode=require").set(password=password)
    backup_service.backup(url.render_as_string(hide_password=False), tmp_path / "crv.backup")
    *arguments, environment = record.read_text().splitlines()
    assert environment == f"PGPASSWORD={password}"
    assert not any("s3cret" in argument for argument in arguments), arguments
    assert "postgresql://crv@postgres:5432/crv?sslmode=require" in arguments
