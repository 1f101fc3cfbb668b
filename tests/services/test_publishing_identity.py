"""Another organisation's drafts cannot be detected (app.services.publishing.identity): a draft claims its public
id and slug only at its first publication; before that, each organisation has its own namespace, and a conflict
found at publication is told to the editor, never to the partner."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, Resource, ResourceRevision
from app.services import content as content_service
from tests.helpers import Parties, approve, bearer, create, good_practice, publish, submit

RID = "cocoa-remediation.fr"


def two_drafts_submitted(
    client: TestClient, session_factory: sessionmaker[Session], ong_a: dict[str, str], ong_b: dict[str, str]
) -> Parties:
    """ong-a and ong-b each create and submit a draft of ``good_practice(**fields)``."""
    parties = Parties.create(session_factory)
    for token, fields in ((parties.partner, ong_a), (parties.other, ong_b)):
        submit(client, token, create(client, token, **fields).json()["id"])
    return parties


SAME_ID = {"title": "Le brouillon de A"}, {"title": "Le brouillon de B"}  # the same key, language and slug: RID
SAME_SLUG = {"translation_key": "version-a", "slug": "meme-slug"}, {"translation_key": "version-b", "slug": "meme-slug"}


def test_another_organisations_draft_answers_as_if_the_identity_were_free(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    first = create(client, parties.partner, title="Le brouillon de A")
    check = client.post("/v1/resources/check", json=good_practice(), headers=bearer(parties.other))  # crv push --check
    assert check.status_code == 200 and check.json()["action"] == "create", check.text
    # ong-b uses the same translation_key, language and slug: the very answer ong-a got
    second = create(client, parties.other, title="Le brouillon de B")
    for header in ("location", "etag"):
        assert second.headers[header] == first.headers[header]
    assert second.json()["id"] == RID and second.json()["publisher"] == "ong-b"
    assert "~" not in second.text
    translation = create(client, parties.other, language="en", slug="cocoa-remediation")
    assert translation.json()["id"] == "cocoa-remediation.en"
    # each organisation reads and changes its own, by the same id
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.other))
    assert mine.json()["title"] == "Le brouillon de B" and mine.json()["id"] == RID
    renamed = client.patch(
        f"/v1/resources/{RID}", json={"slug": "autre"}, headers=bearer(parties.other, mine.headers["etag"])
    )
    assert renamed.status_code == 200, renamed.text
    back = client.patch(
        f"/v1/resources/{RID}",
        json={"slug": "cocoa-remediation"},
        headers=bearer(parties.other, renamed.headers["etag"]),
    )
    assert back.status_code == 200, back.text  # onto ong-a's draft's slug: not a conflict ong-b can see
    assert client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()["title"] == (
        "Le brouillon de A"
    )
    listed = client.get("/v1/my/resources", headers=bearer(parties.other)).json()["items"]
    assert sorted(item["id"] for item in listed) == ["cocoa-remediation.en", RID]
    assert client.get(f"/v1/resources/{RID}").status_code == 404  # nothing is public yet


def test_publication_claims_the_identity_and_the_editor_is_told_of_a_conflict(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = two_drafts_submitted(client, session_factory, *SAME_ID)
    queue = client.get("/v1/review/queue", headers=bearer(parties.editor)).json()["items"]
    stored = {item["publisher"]: item["id"] for item in queue}
    assert stored == {"ong-a": RID, "ong-b": f"{RID}~ong-b"}  # the editors tell the two apart
    # ong-b's is published first: it takes the public id; ong-a's draft moves to its namespace, unnoticed
    published = approve(client, parties.editor, stored["ong-b"])
    assert published.json()["id"] == RID
    public = client.get(f"/v1/resources/{RID}").json()
    assert public["publisher"] == "ong-b" and public["title"] == "Le brouillon de B"
    own = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner))
    assert own.json()["title"] == "Le brouillon de A" and own.json()["revision"]["state"] == "submitted"
    assert "~" not in own.text
    history = client.get(f"/v1/resources/{RID}/revisions", headers=bearer(parties.other)).json()
    assert [(r["number"], r["state"]) for r in history] == [(1, "published")]
    with session_factory() as session:
        moved = session.scalars(select(ResourceRevision.resource_id).order_by(ResourceRevision.resource_id)).all()
        assert moved == [RID, f"{RID}~ong-a"]
        trail = session.scalars(select(AuditEntry.action).where(AuditEntry.resource_id == RID)).all()
        assert trail == ["resource.create", "resource.submit", "resource.approve"]  # ong-b's, moved with it
        assert session.get(Resource, f"{RID}~ong-b") is None
    # ong-a's cannot be published under the same id: the editor is told why, and sends it back
    etag = client.get(f"/v1/review/{RID}~ong-a", headers=bearer(parties.editor)).headers["etag"]
    refused = client.post(f"/v1/review/{RID}~ong-a/approve", headers=bearer(parties.editor, etag))
    assert refused.status_code == 409
    assert f"published resource {RID} (ong-b)" in refused.json()["detail"]
    assert refused.json()["errors"][0]["field"] == "translation_key"


@pytest.mark.usefixtures("loaded")
def test_a_slug_published_in_the_meantime_is_told_to_the_editor(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = two_drafts_submitted(client, session_factory, *SAME_SLUG)
    approve(client, parties.editor, "version-b.fr")
    etag = client.get("/v1/review/version-a.fr", headers=bearer(parties.editor)).headers["etag"]
    refused = client.post("/v1/review/version-a.fr/approve", headers=bearer(parties.editor, etag))
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "slug"
    assert "version-b.fr (ong-b)" in refused.json()["detail"]
    # and once published, the slug is visibly taken: creating with it is a 409 for everyone
    taken = client.post(
        "/v1/resources", json=good_practice(translation_key="c", slug="meme-slug"), headers=bearer(parties.partner)
    )
    assert taken.status_code == 409


@contextmanager
def answered_in_between(client: TestClient, request: Callable[[], httpx.Response]) -> Iterator[list[httpx.Response]]:
    """Two writes at the same instant, interleaved for certain: ``request`` (another HTTP request, on its own
    connection) runs and commits after the next write looked its resource's identity up, just before it writes."""
    factory: sessionmaker[Session] = client.app.state.session_factory  # type: ignore[attr-defined]
    answers: list[httpx.Response] = []

    def in_between(session: Session, _context: object, _instances: object) -> None:
        if not answers and any(isinstance(obj, Resource) for obj in (*session.new, *session.dirty)):
            answers.append(httpx.Response(0))  # once: the request below writes a resource too
            answers[0] = request()

    # First among the flush's hooks: the outbox hook writes, and on SQLite the other request would wait for it.
    event.listen(factory, "before_flush", in_between, insert=True)
    try:
        yield answers
    finally:
        event.remove(factory, "before_flush", in_between)
    assert answers, "the interleaving did not happen"


def test_a_draft_created_at_the_same_instant_elsewhere_is_no_conflict_either(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """ong-a's draft takes the id between ong-b's look-up and its insert: ong-b gets the answer it would have had
    a moment later, and ong-a's draft is untouched."""
    parties = Parties.create(session_factory)
    with answered_in_between(client, lambda: create(client, parties.partner, title="Le brouillon de A")) as first:
        raced = client.post(
            "/v1/resources", json=good_practice(title="Le brouillon de B"), headers=bearer(parties.other)
        )
    assert first[0].status_code == 201 and first[0].json()["id"] == RID
    assert raced.status_code == 201, raced.text
    assert raced.json()["id"] == RID and raced.headers["location"] == f"/v1/my/resources/{RID}"
    assert "~" not in raced.text
    with session_factory() as session:
        titles = dict(session.execute(select(Resource.id, Resource.title)).all())
        assert titles == {RID: "Le brouillon de A", f"{RID}~ong-b": "Le brouillon de B"}
        revisions = session.scalars(select(ResourceRevision.resource_id).order_by(ResourceRevision.resource_id))
        assert revisions.all() == [RID, f"{RID}~ong-b"]
    for token, title in ((parties.partner, "Le brouillon de A"), (parties.other, "Le brouillon de B")):
        assert client.get(f"/v1/my/resources/{RID}", headers=bearer(token)).json()["title"] == title


def test_the_same_creation_sent_twice_at_once_is_the_usual_conflict(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    with answered_in_between(client, lambda: create(client, parties.partner, title="Premier envoi")):
        again = client.post("/v1/resources", json=good_practice(title="Second envoi"), headers=bearer(parties.partner))
    assert again.status_code == 409, again.text
    assert f"The id {RID} is already taken. Update it with PUT" in again.json()["detail"]
    with session_factory() as session:
        assert dict(session.execute(select(Resource.id, Resource.title)).all()) == {RID: "Premier envoi"}


def test_a_publication_at_the_same_instant_is_told_to_the_editor(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """ong-a's draft is published between the look-up and the write of ong-b's publication under the same id."""
    parties = two_drafts_submitted(client, session_factory, *SAME_ID)
    etag = client.get(f"/v1/review/{RID}~ong-b", headers=bearer(parties.editor)).headers["etag"]
    with answered_in_between(client, lambda: approve(client, parties.editor, RID)):
        refused = client.post(f"/v1/review/{RID}~ong-b/approve", headers=bearer(parties.editor, etag))
    assert refused.status_code == 409, refused.text
    assert f"published resource {RID} (ong-a)" in refused.json()["detail"]
    public = client.get(f"/v1/resources/{RID}").json()
    assert public["publisher"] == "ong-a" and public["title"] == "Le brouillon de A"


def test_a_slug_published_at_the_same_instant_is_told_to_the_editor(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = two_drafts_submitted(client, session_factory, *SAME_SLUG)
    etag = client.get("/v1/review/version-a.fr", headers=bearer(parties.editor)).headers["etag"]
    with answered_in_between(client, lambda: approve(client, parties.editor, "version-b.fr")):
        refused = client.post("/v1/review/version-a.fr/approve", headers=bearer(parties.editor, etag))
    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["field"] == "slug" and "version-b.fr (ong-b)" in refused.json()["detail"]


def test_content_that_takes_a_drafts_id_moves_the_draft_aside(
    client: TestClient, session_factory: sessionmaker[Session], content_dir: Path
) -> None:
    """A draft claims nothing: content/ adding a resource under its id loads, and the draft goes to its namespace."""
    parties = Parties.create(session_factory)
    create(client, parties.partner, translation_key="country-ci", slug="brouillon-ci", title="Le brouillon de A")
    with session_factory() as session:
        report = content_service.load(session, content_dir)
        session.commit()
    assert report.created == len(list((content_dir / "resources").rglob("*.md")))
    assert client.get("/v1/resources/country-ci.fr").json()["publisher"] == "crv"
    own = client.get("/v1/my/resources/country-ci.fr", headers=bearer(parties.partner))
    assert own.status_code == 200 and own.json()["title"] == "Le brouillon de A" and "~" not in own.text
    with session_factory() as session:
        assert session.get(Resource, "country-ci.fr~ong-a") is not None
        revisions = session.scalars(select(ResourceRevision.resource_id)).all()
        assert revisions == ["country-ci.fr~ong-a"]


def test_content_that_takes_a_publications_id_or_slug_is_refused_by_name(
    client: TestClient, session_factory: sessionmaker[Session], content_dir: Path
) -> None:
    """A partner's published resource keeps its id and slug: content/ adding a file that takes either is refused,
    the file and the field named, and nothing is loaded."""
    parties = Parties.create(session_factory)
    publish(client, parties, translation_key="country-ci", slug="ci-par-ong-a")
    publish(client, parties, translation_key="autre-fiche", slug="cote-d-ivoire")
    with session_factory() as session, pytest.raises(content_service.ContentInvalid) as refused:
        content_service.load(session, content_dir)
    problems = {(issue.path, issue.field): issue.message for issue in refused.value.issues}
    assert problems == {
        ("resources/country-ci.fr.md", "translation_key"): (
            "country-ci.fr is already published by ong-a: choose another translation_key"
        ),
        ("resources/country-ci.fr.md", "slug"): (
            "'cote-d-ivoire' is the slug of autre-fiche.fr, published by ong-a: choose another"
        ),
    }
    with session_factory() as session:
        assert session.scalars(select(Resource.id).where(Resource.publisher == "crv")).all() == []
