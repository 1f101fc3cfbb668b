"""« I'm reviewing this » through the review API: the queue says who has each submission and since when, and narrows
to those the key, another editor or nobody took (the desk's filter); an editor's key takes one, is told who has it
when another does (in words and in the problem's members), takes over only the taking it read, gives it back — the
desk's takings (:mod:`app.services.desk_taking`), in the same audit trail, and the resource's version untouched."""

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import OrganisationKind
from app.services import desk_taking
from tests.helpers import REVIEW, Parties, bearer, create, make_key, make_org, submit
from tests.services.test_desk_taking import editor

RID = "cocoa-remediation.fr"
TAKE = f"/v1/review/{RID}/take"


def prefix(token: str) -> str:
    """A key's public prefix (``crv_sk_<8 hex>``), as the audit trail and the takings name it."""
    return token.rsplit("_", 1)[0]


def queued(client: TestClient, token: str) -> dict[str, Any]:
    """The queue's one item."""
    items = client.get("/v1/review/queue", headers=bearer(token)).json()["items"]
    assert [item["id"] for item in items] == [RID]
    return dict(items[0])


def trail(client: TestClient, parties: Parties) -> list[tuple[str, str, dict[str, Any]]]:
    """The takings, takings-over and givings back in the audit trail, oldest first: action, key prefix, details."""
    log = client.get("/v1/admin/audit", params={"resource_id": RID}, headers=bearer(parties.admin)).json()
    return [
        (e["action"], e["key_prefix"], e["details"])
        for e in reversed(log)
        if "take" in e["action"] or "give" in e["action"]
    ]


@pytest.fixture
def parties(client: TestClient, session_factory: sessionmaker[Session]) -> Parties:
    """ong-a's submission awaiting review, and the parties (one editor's key among them)."""
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submit(client, parties.partner, RID)
    return parties


def test_a_key_takes_a_submission_another_is_told_who_and_takes_over_only_what_it_read(
    client: TestClient, session_factory: sessionmaker[Session], parties: Parties
) -> None:
    first, second = parties.editor, make_key(session_factory, "crv-editors", REVIEW)
    before = queued(client, first)
    assert (before["taken_by"], before["taken_at"]) == (None, None)
    etag = client.get(f"/v1/review/{RID}", headers=bearer(first)).headers["ETag"]

    taken = client.post(TAKE, headers=bearer(first))
    assert taken.status_code == 200, taken.text
    assert taken.json()["id"] == RID and taken.json()["taken_by"] == prefix(first)
    assert taken.headers["Cache-Control"] == "private, no-store"
    item = queued(client, second)
    assert (item["taken_by"], item["taken_at"]) == (prefix(first), taken.json()["taken_at"])
    read = client.get(f"/v1/review/{RID}", headers=bearer(second))
    assert read.json()["taken_by"] == prefix(first) and read.headers["ETag"] == etag  # the version did not change
    assert client.post(TAKE, headers=bearer(first)).json() == taken.json()  # already hers: nothing written again

    # another editor is refused, told who has it and since when (in words, and as members a script reads): nothing
    # overwritten
    refused = client.post(TAKE, headers=bearer(second))
    assert refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
    assert prefix(first) in refused.json()["detail"] and '"over"' in refused.json()["detail"]
    assert queued(client, first)["taken_by"] == prefix(first)

    # taking over what was read (the refusal's members are the queue's): theirs now; the first, taking over the
    # taking it read before, is refused
    seen = {"taken_by": item["taken_by"], "taken_at": item["taken_at"]}
    assert {name: refused.json()[name] for name in seen} == seen
    over = client.post(TAKE, json={"over": seen}, headers=bearer(second))
    assert over.status_code == 200, over.text
    assert over.json()["taken_by"] == prefix(second)
    assert datetime.fromisoformat(over.json()["taken_at"]) > datetime.fromisoformat(item["taken_at"])
    stale = client.post(TAKE, json={"over": seen}, headers=bearer(first))  # a taking made since is never replaced
    assert stale.status_code == 409 and prefix(second) in stale.json()["detail"]
    assert (stale.json()["taken_by"], stale.json()["taken_at"]) == (prefix(second), over.json()["taken_at"])
    assert queued(client, first)["taken_by"] == prefix(second)

    assert trail(client, parties) == [
        ("resource.take", prefix(first), {}),
        ("resource.take_over", prefix(second), {"previous": prefix(first), "since": seen["taken_at"][:-1] + "+00:00"}),
    ]
    # taking changed nothing a decision was prepared on: approving with the ETag read first works, and gives it back
    approved = client.post(f"/v1/review/{RID}/approve", headers=bearer(first, etag))
    assert approved.status_code == 200, approved.text
    assert client.post(TAKE, headers=bearer(first)).status_code == 404  # nothing awaits review any more


def test_given_back_by_the_one_who_has_it_only(
    client: TestClient, session_factory: sessionmaker[Session], parties: Parties
) -> None:
    first, second = parties.editor, make_key(session_factory, "crv-editors", REVIEW)
    assert client.post(TAKE, headers=bearer(first)).status_code == 200
    not_hers = client.delete(TAKE, headers=bearer(second))
    assert not_hers.status_code == 409 and prefix(first) in not_hers.json()["detail"]
    held = queued(client, first)
    assert held["taken_by"] == prefix(first)
    assert (not_hers.json()["taken_by"], not_hers.json()["taken_at"]) == (held["taken_by"], held["taken_at"])
    given = client.delete(TAKE, headers=bearer(first))
    assert given.status_code == 204 and given.content == b""
    item = queued(client, second)
    assert (item["taken_by"], item["taken_at"]) == (None, None)
    assert client.delete(TAKE, headers=bearer(first)).status_code == 204  # nobody has it: nothing to give back
    assert client.post(TAKE, headers=bearer(second)).json()["taken_by"] == prefix(second)  # free for anyone
    assert [(action, who) for action, who, _ in trail(client, parties)] == [
        ("resource.take", prefix(first)),
        ("resource.give_back", prefix(first)),
        ("resource.take", prefix(second)),
    ]


def test_a_desk_taking_is_shown_by_name_and_taken_over_as_read(
    client: TestClient, session_factory: sessionmaker[Session], parties: Parties
) -> None:
    make_org(session_factory, "crv", OrganisationKind.resource_centre)
    with session_factory() as session:
        elise = editor(session, "Elise")
        desk_taking.take(session, elise, RID, "en")  # on the desk
        session.commit()
    item = queued(client, parties.editor)
    assert item["taken_by"] == "Elise"
    refused = client.post(TAKE, headers=bearer(parties.editor))
    assert refused.status_code == 409 and "Elise" in refused.json()["detail"]
    assert (refused.json()["taken_by"], refused.json()["taken_at"]) == ("Elise", item["taken_at"])  # by name
    wrong = {"over": {"taken_by": "Marc", "taken_at": item["taken_at"]}}  # not the taking that counts
    assert client.post(TAKE, json=wrong, headers=bearer(parties.editor)).status_code == 409
    seen = {"over": {"taken_by": item["taken_by"], "taken_at": item["taken_at"]}}
    assert client.post(TAKE, json=seen, headers=bearer(parties.editor)).status_code == 200
    assert queued(client, parties.editor)["taken_by"] == prefix(parties.editor)
    assert trail(client, parties)[-1][:2] == ("resource.take_over", prefix(parties.editor))
    assert trail(client, parties)[-1][2]["previous"] == elise.prefix


def test_who_may_take_what_and_the_problems_said(client: TestClient, parties: Parties) -> None:
    assert client.post(TAKE).status_code == 401
    assert client.delete(TAKE).status_code == 401
    for token in (parties.partner, parties.admin):  # no resources:review
        assert client.post(TAKE, headers=bearer(token)).status_code == 403
        assert client.delete(TAKE, headers=bearer(token)).status_code == 403
    unknown = client.post("/v1/review/nothing.fr/take", headers=bearer(parties.editor))
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    assert client.delete("/v1/review/nothing.fr/take", headers=bearer(parties.editor)).status_code == 404
    naive = {"over": {"taken_by": "Elise", "taken_at": "2026-12-01T10:00:00"}}  # which instant? refused
    assert client.post(TAKE, json=naive, headers=bearer(parties.editor)).status_code == 422
    assert client.post(TAKE, json={"force": True}, headers=bearer(parties.editor)).status_code == 422
    assert queued(client, parties.editor)["taken_by"] is None  # nothing was taken by any of these


def queue_ids(client: TestClient, token: str, **params: str | int) -> tuple[list[str], int]:
    """The queue's ids and total, as ``token`` reads it with ``params``."""
    answer = client.get("/v1/review/queue", params=params, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["items"]], answer.json()["total"]


def test_the_queue_narrows_to_what_the_key_another_editor_or_nobody_took(
    client: TestClient, session_factory: sessionmaker[Session], parties: Parties
) -> None:
    """The desk's filter on the API's queue: its pages and its total count what it keeps, for the key asking."""
    english = "cocoa-remediation.en"
    create(client, parties.partner, language="en")
    submit(client, parties.partner, english)
    first, second = parties.editor, make_key(session_factory, "crv-editors", REVIEW)
    third = make_key(session_factory, "crv-editors", REVIEW)
    assert client.post(TAKE, headers=bearer(first)).status_code == 200
    assert queue_ids(client, first) == ([RID, english], 2)
    assert queue_ids(client, first, taken="mine") == ([RID], 1)
    assert queue_ids(client, second, taken="mine") == ([], 0)
    assert queue_ids(client, second, taken="others") == ([RID], 1)
    assert queue_ids(client, first, taken="others") == ([], 0)
    assert queue_ids(client, first, taken="free") == queue_ids(client, second, taken="free") == ([english], 1)
    assert client.post(f"/v1/review/{english}/take", headers=bearer(second)).status_code == 200
    assert queue_ids(client, third, taken="others") == ([RID, english], 2)
    assert queue_ids(client, third, taken="others", per_page=1, page=2) == ([english], 2)
    assert queue_ids(client, third, taken="free") == ([], 0)
    assert queue_ids(client, first, taken="others") == ([english], 1)
    unknown = client.get("/v1/review/queue", params={"taken": "theirs"}, headers=bearer(first))
    assert unknown.status_code == 422 and unknown.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in unknown.json()["errors"]] == ["taken"]


def test_the_takings_are_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    parameters = {p["name"]: p for p in paths["/v1/review/queue"]["get"]["parameters"]}
    taken = parameters["taken"]
    assert taken["description"] and "422" in paths["/v1/review/queue"]["get"]["responses"]
    ref = next(option["$ref"] for option in taken["schema"]["anyOf"] if "$ref" in option)
    assert schemas[ref.rsplit("/", 1)[1]]["enum"] == ["mine", "others", "free"]
    problem = schemas["Problem"]["properties"]
    assert "/take" in problem["taken_by"]["description"] and problem["taken_at"]["description"]
    taking = paths["/v1/review/{resource_id}/take"]
    assert {"post", "delete"} <= set(taking)
    for method in ("post", "delete"):
        assert {"401", "403", "404", "409"} <= set(taking[method]["responses"])
        assert taking[method]["summary"]
    assert "204" in taking["delete"]["responses"]
    queue = paths["/v1/review/queue"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert queue["$ref"].endswith("/ReviewQueue")
