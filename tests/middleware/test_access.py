"""The access middleware resolves the request's principal once: a key is looked up and checked once per request,
whatever the route's dependencies then ask of it."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.services import keys
from tests.helpers import WIDGET_SITE, Parties, bearer, good_practice, widget_key


@pytest.fixture
def authentications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The prefixes of the keys authenticated, in order (the real check runs)."""
    seen: list[str] = []
    real: Callable[..., Any] = keys.authenticate

    def counted(session: Session, token: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(token[:15])
        return real(session, token, *args, **kwargs)

    monkeypatch.setattr(keys, "authenticate", counted)
    return seen


@pytest.mark.usefixtures("loaded")
def test_a_key_is_authenticated_once_per_request(
    client: TestClient, session_factory: sessionmaker[Session], authentications: list[str]
) -> None:
    parties = Parties.create(session_factory)
    created = client.post("/v1/resources", json=good_practice(), headers=bearer(parties.partner))  # WriterKey
    assert created.status_code == 201, created.text
    assert authentications == [parties.partner[:15]]
    authentications.clear()
    assert client.get("/v1/review/queue", headers=bearer(parties.editor)).status_code == 200  # ReviewerKey
    assert authentications == [parties.editor[:15]]
    authentications.clear()
    widget = widget_key(session_factory)
    searched = client.get("/v1/search", params={"q": "cacao", "key": widget}, headers={"Origin": WIDGET_SITE})
    assert searched.status_code == 200, searched.text
    assert authentications == [widget[:15]]
