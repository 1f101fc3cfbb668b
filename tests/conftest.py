"""Shared fixtures: a real database (SQLite always, PostgreSQL when CRV_TEST_DATABASE_URL is set), migrated
once per session and emptied after each test; a content tree; the app over HTTP."""

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, create_engine, literal, make_url, select, text, union_all
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.main import create_app
from app.models import Base
from app.search.base import SearchEngine
from app.search.factory import make_search_engine
from app.services import content as content_service
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies, load_taxonomies
from tests.helpers import IndexedContent, cli_reads, indexed_content

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_RESOURCES = ROOT / "tests" / "fixtures" / "resources"
POSTGRES_URL = os.environ.get("CRV_TEST_DATABASE_URL")
MEMORY = Path("/dev/shm")


def _temporary_files_in_memory() -> None:
    """Each test's SQLite database, search index and content copy in memory, where the machine has a tmpfs at
    /dev/shm and TMPDIR names no other place: a tantivy or SQLite commit syncs its files to the disk, which cost
    0.1-0.6 s a test that loads the corpus (more while other processes write), and a tmpfs makes the sync free.
    Set here, before pytest makes its temporary folder and before xdist starts the workers, which inherit it."""
    if "TMPDIR" not in os.environ and MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
        os.environ["TMPDIR"] = str(MEMORY)
        tempfile.tempdir = None  # read TMPDIR again


_temporary_files_in_memory()


def backends() -> list[object]:
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(not POSTGRES_URL, reason="set CRV_TEST_DATABASE_URL to run on PostgreSQL"),
            ],
        ),
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``database_agnostic`` runs on SQLite alone: what it checks (HTTP headers, page markup, CORS,
    quotas, parameter validation) is the same on any database, and running it again on PostgreSQL cost ~2 minutes of
    the suite. What does depend on the database (queries, migrations, constraints, hostile input reaching them) runs
    on both."""
    on_one = [item for item in items if item.get_closest_marker("database_agnostic") and _on_postgres(item)]
    if on_one:
        config.hook.pytest_deselected(items=on_one)
        dropped = set(on_one)
        items[:] = [item for item in items if item not in dropped]


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("database_url") == "postgresql"


@functools.cache
def postgres_url() -> str:
    """CRV_TEST_DATABASE_URL, or under pytest-xdist a database of the worker's own on the same server (created on
    first use), so that workers never reset each other's schema."""
    assert POSTGRES_URL
    # A test's commit need not wait for the server's disk: durability is the server's, not what the tests check.
    url = make_url(POSTGRES_URL).update_query_dict({"options": "-csynchronous_commit=off"})
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url.render_as_string(hide_password=False)
    name = f"{url.database}_{worker}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=backends())
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    else:
        url = postgres_url()
        reset_postgres(url)
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
def db_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def indexed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexedContent]:
    """The real content/ loaded and indexed once per worker (~8 s): the corpus's ranking, cost and similarity tests
    read it; one that writes rolls its session back."""
    with indexed_content(tmp_path_factory.mktemp("content")) as corpus:
        yield corpus


# Which tables hold a row, asked in one statement: a test fills a few of them, and a DELETE for each of the others
# cost a round trip to PostgreSQL (~2 ms a test in all) and a statement to SQLite (~1 ms).
TABLES = list(reversed(Base.metadata.sorted_tables))  # children before their parents, as foreign keys need
HOLDING_ROWS = union_all(*(select(literal(table.name)).where(select(table).exists()) for table in TABLES))


@pytest.fixture
def session_factory(db_engine: Engine) -> Iterator[sessionmaker[Session]]:
    yield make_session_factory(db_engine)
    with db_engine.begin() as connection:
        holding = set(connection.scalars(HOLDING_ROWS))
        for table in TABLES:
            if table.name in holding:
                connection.execute(table.delete())


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content tree: the real taxonomies and the small fixture corpus."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "taxonomies", root / "taxonomies")
    shutil.copytree(FIXTURE_RESOURCES, root / "resources")
    return root


@pytest.fixture
def taxonomies(content_dir: Path) -> Taxonomies:
    return load_taxonomies(content_dir)


@pytest.fixture
def settings(database_url: str, content_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        content_dir=content_dir,
        index_dir=tmp_path / "index",
        mail_dir=tmp_path / "mail",  # not the working tree's var/mail: API submissions mail the contact address
        sync_in_process=False,
        public_base_url="http://testserver",
        secret_key=SecretStr("test-secret-key-" + "x" * 32),
    )


@pytest.fixture
def cli_database(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's commands on the test's database (:func:`tests.helpers.cli_reads`)."""
    cli_reads(settings, monkeypatch)


@pytest.fixture
def search_engine(settings: Settings, taxonomies: Taxonomies) -> Iterator[SearchEngine]:
    engine = make_search_engine(settings, taxonomies)
    engine.apply_settings()
    yield engine
    engine.close()


@pytest.fixture
def loaded(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    """The fixture corpus loaded into the database and indexed."""
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.commit()
    rebuild_index(session_factory, search_engine, taxonomies)


@pytest.fixture
def client(settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client
