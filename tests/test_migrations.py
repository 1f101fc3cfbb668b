"""Migrations upgrade, downgrade to base and upgrade again, on SQLite and PostgreSQL; the models match them."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app import migrations
from app.db import make_engine
from app.models import Base
from tests.conftest import backends, postgres_url, reset_postgres


@pytest.fixture(params=backends())
def scratch_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrations.db'}"
    url = postgres_url()
    # A separate schema would be cleaner, but the session-wide test database is reset by conftest anyway;
    # this test leaves it migrated to head, as conftest expects.
    reset_postgres(url)
    return url


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(scratch_url: str) -> None:
    migrations.upgrade(scratch_url)
    assert tables(scratch_url) == set(Base.metadata.tables)
    migrations.downgrade(scratch_url, "base")
    assert tables(scratch_url) == set()
    migrations.upgrade(scratch_url)
    assert tables(scratch_url) == set(Base.metadata.tables)


def test_models_and_migrations_agree(scratch_url: str) -> None:
    migrations.upgrade(scratch_url)
    engine = make_engine(scratch_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_existing_accounts_keep_the_submission_mails_on(scratch_url: str) -> None:
    """users.submission_mails: the accounts made before it are mailed as before (its server default), and a
    downgrade takes it away."""
    before = "3c5a096c7a2c"
    migrations.upgrade(scratch_url, before)
    engine = make_engine(scratch_url)
    try:
        with engine.begin() as connection:
            organisation = connection.execute(
                text(
                    "INSERT INTO organisations (slug, name, kind, created_at) "
                    "VALUES ('ong-m', 'Ong M', 'ngo', CURRENT_TIMESTAMP) RETURNING id"
                )
            ).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO users (organisation_id, email, name, role, language, created_at) "
                    "VALUES (:organisation, 'elise@crv.org', 'Elise', 'editor', 'fr', CURRENT_TIMESTAMP)"
                ),
                {"organisation": organisation},
            )
        migrations.upgrade(scratch_url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT submission_mails FROM users")).scalars().all() == [True]
        migrations.downgrade(scratch_url, before)
        engine.dispose()  # SQLite's batch downgrade rebuilt the table: read its columns afresh
        assert "submission_mails" not in {column["name"] for column in inspect(engine).get_columns("users")}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT email FROM users")).scalars().all() == ["elise@crv.org"]
    finally:
        engine.dispose()
