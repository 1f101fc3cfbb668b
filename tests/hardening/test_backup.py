"""Item 8: a backup taken while serving restores, into a fresh place, every published resource, searchable, with
identical facet counts; leases are not carried over."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.main import create_app
from app.models import Resource, ResourceStatus, SyncLease
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.search.factory import make_search_engine
from app.services import backup as backup_service
from app.services import content as content_service
from app.services.leases import acquire_lease
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.helpers import Parties, bearer, good_practice

EVERYTHING = SearchQuery(per_page=100, facets=tuple(FilterField))


def _snapshot(engine: SearchEngine) -> tuple[set[str], dict[FilterField, dict[str, int]]]:
    result = engine.search(EVERYTHING)
    return {hit.document.id for hit in result.hits}, {k: dict(v) for k, v in result.facets.items()}


@pytest.fixture
def fresh_database_url(database_url: str, tmp_path: Path) -> str:
    """An empty database of the same kind: a file in a fresh directory, or a fresh PostgreSQL database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'restored' / 'crv.db'}"
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def test_a_backup_taken_while_serving_restores_everything_searchable(
    settings: Settings,
    session_factory: sessionmaker[Session],
    content_dir: Path,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    fresh_database_url: str,
    tmp_path: Path,
) -> None:
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.commit()
    parties = Parties.create(session_factory)
    with TestClient(create_app(settings)) as client:  # serving: pooled connections hold the WAL open
        created = client.post("/v1/resources", json=good_practice(), headers=bearer(parties.partner))
        assert created.status_code == 201
        resource_id, etag = created.json()["id"], created.headers["ETag"]
        submitted = client.post(f"/v1/resources/{resource_id}/submit", headers=bearer(parties.partner, etag))
        approved = client.post(
            f"/v1/review/{resource_id}/approve", headers=bearer(parties.editor, submitted.headers["ETag"])
        )
        assert approved.status_code == 200, approved.text
        rebuild_index(session_factory, search_engine, taxonomies, wait_seconds=0)
        with session_factory() as session:
            assert acquire_lease(session, "live-host:4242:cafe")  # a live lease at backup time
        backup_file = tmp_path / "backups" / "crv.backup"
        report = backup_service.backup(settings.database_url, backup_file)
    assert report.bytes > 0
    with session_factory() as session:
        published = set(session.scalars(select(Resource.id).where(Resource.status == ResourceStatus.published)))
    assert resource_id in published

    restored_settings = settings.model_copy(
        update={"database_url": fresh_database_url, "index_dir": tmp_path / "restored" / "index"}
    )
    backup_service.restore(fresh_database_url, backup_file)
    restored_db = make_engine(fresh_database_url)
    restored_sessions = make_session_factory(restored_db)
    try:
        with restored_sessions() as session:
            assert session.scalar(select(func.count()).select_from(SyncLease)) == 0
        migrations.upgrade(fresh_database_url)  # already at head: a no-op
        restored_engine = make_search_engine(restored_settings, taxonomies)
        rebuild_index(restored_sessions, restored_engine, taxonomies, wait_seconds=0)  # not blocked by any lease
        original_ids, original_facets = _snapshot(search_engine)
        restored_ids, restored_facets = _snapshot(restored_engine)
        restored_engine.close()
    finally:
        restored_db.dispose()
    assert original_ids == restored_ids == published
    assert restored_facets == original_facets


def test_a_restore_refuses_a_missing_file(database_url: str, tmp_path: Path) -> None:
    with pytest.raises(backup_service.BackupFailed):
        backup_service.restore(database_url, tmp_path / "nothing.backup")
