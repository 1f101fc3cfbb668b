"""Another organisation's drafts cannot be detected (app.services.publishing.identity): a draft claims its public
id and slug only at its first publication; before that, each organisation has its own namespace, and a conflict
found at publication is told to the editor, never to the partner."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, Resource, ResourceRevision
from tests.helpers import Parties, approve, bearer, create, good_practice, submit

RID = "cocoa-remediation.fr"


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
    parties = Parties.create(session_factory)
    create(client, parties.partner, title="Le brouillon de A")
    create(client, parties.other, title="Le brouillon de B")
    submit(client, parties.partner, RID)
    submit(client, parties.other, RID)
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
    parties = Parties.create(session_factory)
    create(client, parties.partner, translation_key="version-a", slug="meme-slug")
    create(client, parties.other, translation_key="version-b", slug="meme-slug")
    submit(client, parties.partner, "version-a.fr")
    submit(client, parties.other, "version-b.fr")
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

