"""Running Alembic from code (the CLI and the tests), and telling whether a database's schema is this release's."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from app.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
UPGRADE = "crv db upgrade"


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


@lru_cache
def _scripts() -> tuple[str, frozenset[str]]:
    """This release's head revision and every revision it knows (read once per process)."""
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = scripts.get_current_head()
    assert head is not None, "migrations/ has no revision"
    return head, frozenset(script.revision for script in scripts.walk_revisions())


@dataclass(frozen=True)
class SchemaState:
    """The revision a database is at (None: never migrated) against the one this release's code needs."""

    current: str | None
    head: str
    known: bool

    @property
    def ok(self) -> bool:
        return self.current == self.head

    def problem(self) -> str | None:
        """None when the schema is this release's, else what is wrong and what to do, in one sentence."""
        if self.ok:
            return None
        if self.current is None:
            return f"the database has no crv schema (never migrated): run `{UPGRADE}`"
        if not self.known:
            return (
                f"the database is at revision {self.current}, which this release does not know (a newer release "
                "migrated it): run that release, or restore the backup taken before its upgrade"
            )
        return f"the database is at revision {self.current}, this release needs {self.head}: run `{UPGRADE}`"


def schema_state(connection: Connection) -> SchemaState:
    """Where ``connection``'s database stands (reads ``alembic_version``; writes nothing)."""
    head, known = _scripts()
    current = MigrationContext.configure(connection).get_current_revision()
    return SchemaState(current=current, head=head, known=current in known)


def schema_state_of(database_url: str) -> SchemaState:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return schema_state(connection)
    finally:
        engine.dispose()
