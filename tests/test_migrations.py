"""Migrations upgrade, downgrade to base and upgrade again, on SQLite and PostgreSQL; the models match them."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

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
