"""The signed-in person is the request's one principal: the access middleware reads the session cookie, once, on
the routes whose policy says ``page(people=True)`` and nowhere else; the pages take it through ``PrincipalDep``
and declare the role they need (``SignedIn(role=…)``)."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from app.deps import OptionalPerson, PrincipalDep
from app.models import Role
from app.policy import page
from tests.web.helpers import make_person, sign_in


def probe(principal: PrincipalDep) -> dict[str, Any]:
    return {
        "kind": principal.kind,
        "credential": principal.credential,
        "organisation": principal.organisation.slug if principal.organisation else None,
        "scopes": sorted(principal.scopes),
        "person": principal.person.email if principal.person else None,
    }


def who(person: OptionalPerson) -> str:
    return person.email if person else "nobody"


def with_routes(app: FastAPI, *routes: tuple[str, Callable[..., Any], Any]) -> None:
    """Routes put first, so that the site's ``/{lang}/…`` pages do not shadow them."""
    router = APIRouter()
    for path, endpoint, policy in routes:
        router.add_api_route(path, endpoint, dependencies=[policy])
    app.router.routes[:0] = router.routes


def test_the_signed_in_person_is_the_principal_where_the_route_reads_people(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    app: FastAPI = web.app  # type: ignore[assignment]
    with_routes(app, ("/probe/people", probe, page(people=True)), ("/probe/page", probe, page()))
    sign_in(web, "awa@ong-a.org")
    person = web.get("/probe/people").json()
    assert person["kind"] == "person" and person["credential"].startswith("user:")
    assert person["organisation"] == "ong-a" and person["person"] == "awa@ong-a.org"
    assert person["scopes"] == ["admin", "resources:write"]
    # elsewhere the cookie means nothing: an ordinary page, and the write API (no ambient authority, no CSRF)
    assert web.get("/probe/page").json()["kind"] == "anonymous"
    assert web.post("/v1/resources", json={}).status_code == 401
    # a forged or ended session is nobody
    web.cookies.set("crv_session", web.cookies["crv_session"][:-2] + "xx")
    assert web.get("/probe/people").json()["kind"] == "anonymous"


def test_the_session_is_read_once_per_request(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    engine = web.app.state.session_factory.kw["bind"]  # type: ignore[attr-defined]
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM user_sessions" in statement and statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert web.get("/fr/espace-partenaire").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements


def test_pages_declare_the_role_they_need(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "crv", "eve@crv.org", Role.editor)
    assert web.get("/fr/redaction", follow_redirects=False).headers["location"] == "/fr/connexion?next=/fr/redaction"
    sign_in(web, "awa@ong-a.org")
    assert web.get("/fr/redaction").status_code == 403  # a contributor is no editor
    assert web.get("/fr/espace-partenaire/equipe").status_code == 403  # nor an administrator
    editor = TestClient(web.app)
    sign_in(editor, "eve@crv.org")
    assert editor.get("/fr/redaction").status_code == 200


def test_a_route_reading_the_person_must_declare_it(web: TestClient) -> None:
    app: FastAPI = web.app  # type: ignore[assignment]
    with_routes(app, ("/probe/forgot", who, page()))
    with pytest.raises(RuntimeError, match="people=True"):
        web.get("/probe/forgot")
