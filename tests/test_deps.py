"""The request's unit of work: committed before the response is sent, so a failed commit is never a 2xx."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceRevision
from tests.helpers import Parties, bearer, good_practice


def _note_revisions(session: Session, _context: object) -> None:
    if any(isinstance(obj, ResourceRevision) for obj in session.new):
        session.info["writes_revision"] = True


def _failing_commit(error: Exception) -> Callable[[Session], None]:
    def fail(session: Session) -> None:
        # Only the unit of work that writes a revision: the access middleware's key check commits too.
        if session.info.get("writes_revision"):
            raise error

    return fail


@pytest.fixture
def failing_commits(client: TestClient) -> Iterator[Callable[[Exception], None]]:
    factory: sessionmaker[Session] = client.app.state.session_factory  # type: ignore[attr-defined]
    installed: list[Callable[[Session], None]] = []
    event.listen(factory, "after_flush", _note_revisions)

    def install(error: Exception) -> None:
        listener = _failing_commit(error)
        event.listen(factory, "before_commit", listener)
        installed.append(listener)

    yield install
    for listener in installed:
        event.remove(factory, "before_commit", listener)
    event.remove(factory, "after_flush", _note_revisions)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (OperationalError("COMMIT", {}, Exception("server closed the connection")), 503),
        (IntegrityError("COMMIT", {}, Exception("duplicate key")), 409),
    ],
)
def test_a_failed_commit_answers_an_error_and_keeps_nothing(
    client: TestClient,
    session_factory: sessionmaker[Session],
    failing_commits: Callable[[Exception], None],
    error: Exception,
    status: int,
) -> None:
    parties = Parties.create(session_factory)
    failing_commits(error)
    response = client.post("/v1/resources", json=good_practice(), headers=bearer(parties.partner))
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "nothing was saved" in response.json()["detail"]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Resource)) == 0


def test_a_write_is_readable_as_soon_as_it_is_answered(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The commit happens before the answer: a reader on another connection sees the draft at once."""
    parties = Parties.create(session_factory)
    created = client.post("/v1/resources", json=good_practice(), headers=bearer(parties.partner))
    assert created.status_code == 201
    with session_factory() as session:
        assert session.get(Resource, created.json()["id"]) is not None
