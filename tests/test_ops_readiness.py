"""/readyz tells the operator the truth about the database's schema: a release started on a database its migrations
did not reach (the `migrate` job failed or was skipped, a backup of an older release restored, the image rolled back
after an upgrade) is not ready, and the body says what to run. Before, /readyz answered 200 while every page that
read a new column answered 500."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import migrations
from app.config import Settings
from app.db import make_engine
from app.main import create_app
from tests.conftest import backends, postgres_url


@pytest.fixture(params=backends(), name="fresh_databases")
def make_fresh_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Makes empty databases of this test's own: SQLite files, or fresh PostgreSQL databases dropped afterwards."""
    made: list[str] = []
    admin = None
    if request.param == "postgresql":
        url = make_url(postgres_url())
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def fresh(suffix: str) -> str:
        if admin is None:
            return f"sqlite:///{tmp_path / suffix / 'crv.db'}"
        name = f"{url.database}_ops_{suffix}"
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return url.set(database=name).render_as_string(hide_password=False)

    yield fresh
    if admin is not None:
        with admin.connect() as connection:
            for name in made:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def own_database(fresh_databases: Callable[[str], str]) -> str:
    return fresh_databases("schema")


def previous_revision() -> str:
    scripts = ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))
    head = scripts.get_revision(scripts.get_current_head())
    assert head is not None and isinstance(head.down_revision, str)
    return head.down_revision


def app_settings(database_url: str, content_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        content_dir=content_dir,
        index_dir=tmp_path / "index",
        mail_dir=tmp_path / "mail",
        sync_in_process=False,
        public_base_url="http://testserver",
        secret_key=SecretStr("ops-secret-key-" + "x" * 32),
    )


def readiness(database_url: str, content_dir: Path, tmp_path: Path) -> tuple[int, dict[str, object]]:
    with TestClient(create_app(app_settings(database_url, content_dir, tmp_path))) as client:
        response = client.get("/readyz")
    return response.status_code, response.json()


def test_a_database_one_migration_behind_is_not_ready_and_says_to_upgrade(
    own_database: str, content_dir: Path, tmp_path: Path
) -> None:
    migrations.upgrade(own_database, previous_revision())
    status, body = readiness(own_database, content_dir, tmp_path)
    assert status == 503, body
    assert body["database"] == "ok"  # reachable: the schema is what is wrong
    assert "crv db upgrade" in str(body["database_schema"]) and previous_revision() in str(body["database_schema"])
    migrations.upgrade(own_database)
    status, body = readiness(own_database, content_dir, tmp_path)
    assert status == 200, body
    assert body["database_schema"] == "ok" and body["outbox_pending"] == 0


def test_a_database_never_migrated_is_not_ready_and_says_to_upgrade(
    own_database: str, content_dir: Path, tmp_path: Path
) -> None:
    status, body = readiness(own_database, content_dir, tmp_path)
    assert status == 503
    assert "never migrated" in str(body["database_schema"]) and "crv db upgrade" in str(body["database_schema"])


def test_a_database_a_newer_release_migrated_is_not_ready(own_database: str, content_dir: Path, tmp_path: Path) -> None:
    """The image rolled back after `migrate` ran a newer release's migrations: this code must not serve it."""
    migrations.upgrade(own_database)
    engine = make_engine(own_database)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dcafe1234'"))
    engine.dispose()
    status, body = readiness(own_database, content_dir, tmp_path)
    assert status == 503
    assert "f00dcafe1234" in str(body["database_schema"]) and "newer release" in str(body["database_schema"])
