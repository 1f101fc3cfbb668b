"""session_scope: one unit of work as a context manager."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.config import Settings
from app.db import configured_engine, session_scope
from app.models import Organisation, OrganisationKind, OutboxEvent, Resource


def _slugs(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(Organisation.slug).order_by(Organisation.slug)))


def test_commits_when_the_block_ends(session_factory: sessionmaker[Session]) -> None:
    with session_scope(session_factory) as session:
        session.add(Organisation(slug="kept", name="Kept", kind=OrganisationKind.ngo))
    assert _slugs(session_factory) == ["kept"]


def _add_then_fail(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as session:
        session.add(Organisation(slug="lost", name="Lost", kind=OrganisationKind.ngo))
        session.flush()
        raise RuntimeError("boom")


def test_rolls_back_when_the_block_raises(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError):
        _add_then_fail(session_factory)
    assert _slugs(session_factory) == []


def _rename(session: Session, summary: str) -> None:
    resource = session.get(Resource, "country-ci.fr")
    assert resource is not None
    resource.summary = summary
    session.commit()


@pytest.mark.usefixtures("loaded")
def test_the_outbox_hook_is_on_the_project_s_session_factory(session_factory: sessionmaker[Session]) -> None:
    def pending() -> int:
        with session_factory() as session:
            return len(session.scalars(select(OutboxEvent)).all())

    before = pending()
    with Session(session_factory.kw["bind"]) as foreign:  # a plain SQLAlchemy session: no hook of ours
        _rename(foreign, "Changed once.")
    assert pending() == before
    with session_factory() as session:
        _rename(session, "Changed twice.")
    assert pending() == before + 1


def test_the_pool_of_a_server_database_is_sized_by_the_settings() -> None:
    # Each process kept 15 connections whatever the server's max_connections: six processes filled PostgreSQL's 100.
    settings = Settings(
        database_url="postgresql+psycopg://crv@127.0.0.1:5432/crv", database_pool_size=3, database_max_overflow=1
    )
    engine = configured_engine(settings)  # creating it connects to nothing
    assert isinstance(engine.pool, QueuePool)
    assert (engine.pool.size(), engine.pool._max_overflow) == (3, 1)
