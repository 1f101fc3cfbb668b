"""The process cache of published resources: kept while the database is unchanged, rebuilt once another process
changed a resource (seen past its time to live, without the in-process flush hook)."""

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from app.services.site import published

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.fixture(autouse=True)
def checked_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(published, "TTL_SECONDS", 0.0)


def test_an_unchanged_database_keeps_the_index(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        first = published.published_index(session)
        assert published.published_index(session) is first


def test_a_resource_another_process_changed_is_seen(session_factory: sessionmaker[Session], db_engine: Engine) -> None:
    with session_factory() as session:
        first = published.published_index(session)
    with Session(db_engine) as other:  # not the project's session factory: no flush hook, as in another process
        resource = other.scalars(select(Resource).where(Resource.translation_key == "country-ci")).first()
        assert resource is not None
        resource.title = "Côte d’Ivoire, renamed"
        other.commit()
        changed = resource.id
    with session_factory() as session:
        index = published.published_index(session)
    assert index is not first
    assert index.by_key["country-ci"][changed.rsplit(".", 1)[1]].title == "Côte d’Ivoire, renamed"


def test_a_resource_another_process_deleted_is_seen(session_factory: sessionmaker[Session], db_engine: Engine) -> None:
    with session_factory() as session:
        first = published.published_index(session)
    assert "country-ci" in first.by_key
    with Session(db_engine) as other:
        other.execute(delete(Resource).where(Resource.translation_key == "country-ci"))
        other.commit()
    with session_factory() as session:
        assert "country-ci" not in published.published_index(session).by_key
