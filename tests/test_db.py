"""session_scope: one unit of work as a context manager."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import session_scope
from app.models import Organisation, OrganisationKind


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
