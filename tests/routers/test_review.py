"""The review workflow end to end: a partner publishes from a Markdown file, an editor approves, search finds it;
and the rules around it (who approves, rejections, If-Match on decisions, the audit log)."""

import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import AuditEntry, OrganisationKind
from app.services import push
from tests.helpers import (
    ADMIN,
    REVIEW,
    WRITE,
    Parties,
    approve,
    bearer,
    create,
    good_practice,
    make_key,
    make_org,
    submit,
)

RID = "cocoa-remediation.fr"

GOOD_PRACTICE_FILE = """\
---
translation_key: cooperative-child-labour-monitoring
language: fr
slug: suivi-travail-enfants-cooperatives
type: good_practice
title: "Suivi du travail des enfants dans les coopératives de cacao"
summary: "Une coopérative ivoirienne forme des agents qui visitent chaque ménage et orientent les enfants vers l'école."
countries: [CI]
sectors: [cocoa]
risks: [child-labour]
audiences: [companies]
publisher: ong-partenaire
licence: CC-BY-4.0
published_at: 2026-11-20
sources:
  - title: "ICI, Child labour monitoring and remediation systems"
    url: https://example.org/clmrs
---
## Démarche

Des agents communautaires visitent les ménages producteurs, repèrent les enfants exposés aux travaux dangereux
et proposent une remédiation : kits scolaires, cours passerelles, activités génératrices de revenus.
"""


def test_done_when_partner_publishes_and_search_finds_it_within_seconds(
    settings: Settings, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    """A partner is created and gets a key, pushes a good practice from a Markdown file, sees it as a draft and
    submits it; an editor approves it; it is in /v1/search within seconds (the app's own outbox thread)."""
    make_org(session_factory, "crv-editors", OrganisationKind.public_body)
    admin = make_key(session_factory, "crv-editors", ADMIN, REVIEW)
    live = settings.model_copy(update={"sync_in_process": True, "sync_interval_seconds": 0.1})
    with TestClient(create_app(live)) as client:
        # the administrator registers the partner and hands it a key
        created = client.post(
            "/v1/admin/organisations",
            json={"slug": "ong-partenaire", "name": "ONG partenaire", "kind": "ngo"},
            headers=bearer(admin),
        )
        assert created.status_code == 201, created.text
        issued = client.post(
            "/v1/admin/organisations/ong-partenaire/keys",
            json={"name": "crv push", "scopes": ["resources:write"]},
            headers=bearer(admin),
        )
        assert issued.status_code == 201, issued.text
        key = issued.json()["key"]

        # the partner pushes its Markdown file as a draft (crv push --draft, over HTTP)
        path = tmp_path / "cooperative-child-labour-monitoring.fr.md"
        path.write_text(GOOD_PRACTICE_FILE, encoding="utf-8")
        client.headers["Authorization"] = f"Bearer {key}"
        [result] = push.push_files(client, [path], draft=True)
        del client.headers["Authorization"]
        assert result.ok, result.errors
        rid = "cooperative-child-labour-monitoring.fr"
        assert result.resource_id == rid and result.actions == ["created", "draft"]

        # it sees its draft; nobody else does
        mine = client.get("/v1/my/resources", headers=bearer(key)).json()
        assert [(r["id"], r["status"], r["publisher"]) for r in mine["items"]] == [(rid, "draft", "ong-partenaire")]
        assert client.get(f"/v1/resources/{rid}").status_code == 404

        # it submits; the editor finds it in the queue and approves it
        etag = client.get(f"/v1/my/resources/{rid}", headers=bearer(key)).headers["etag"]
        submitted = client.post(f"/v1/resources/{rid}/submit", headers=bearer(key, etag))
        assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
        queue = client.get("/v1/review/queue", headers=bearer(admin)).json()
        assert [item["id"] for item in queue["items"]] == [rid]
        item = queue["items"][0]
        approved = client.post(f"/v1/review/{rid}/approve", headers=bearer(admin, f'W/"{item["version"]}"'))
        assert approved.status_code == 200, approved.text
        assert approved.json()["status"] == "published" and approved.json()["published_revision"] == 1
        approved_at = time.monotonic()

        # public at once, and in search within seconds
        page = client.get(f"/v1/resources/{rid}")
        assert page.status_code == 200 and page.json()["publisher"] == "ong-partenaire"
        hits: list[str] = []
        while time.monotonic() - approved_at < 5:
            hits = [h["id"] for h in client.get("/v1/search", params={"q": "coopératives cacao"}).json()["hits"]]
            if rid in hits:
                break
            time.sleep(0.1)
        assert rid in hits, "not searchable 5 s after approval"
        assert client.get("/v1/review/queue", headers=bearer(admin)).json()["total"] == 0


def test_a_publisher_cannot_approve_its_own_submission_without_the_review_scope(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    etag = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag)).headers["etag"]
    refused = client.post(f"/v1/review/{RID}/approve", headers=bearer(parties.partner, etag))
    assert refused.status_code == 403
    assert (
        client.post(f"/v1/review/{RID}/reject", json={"reason": "x"}, headers=bearer(parties.partner, etag)).status_code
        == 403
    )
    assert client.get(f"/v1/resources/{RID}").status_code == 404
    # the same organisation with a key that also holds resources:review may
    both = make_key(session_factory, "ong-a", WRITE, REVIEW)
    allowed = client.post(f"/v1/review/{RID}/approve", headers=bearer(both, etag))
    assert allowed.status_code == 200, allowed.text
    assert client.get(f"/v1/resources/{RID}").status_code == 200


def test_editors_only_see_what_was_submitted(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    assert client.get("/v1/review/queue", headers=bearer(parties.editor)).json()["total"] == 0
    for response in (
        client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)),
        client.post(f"/v1/review/{RID}/approve", headers=bearer(parties.editor, "*")),
        client.get(f"/v1/resources/{RID}/revisions", headers=bearer(parties.editor)),
        client.get(f"/v1/resources/{RID}", headers=bearer(parties.editor)),
    ):
        assert response.status_code == 404, response.text
    submit(client, parties.partner, RID)
    # a later draft stays private: editors see revision 1 (submitted), not revision 2
    approve(client, parties.editor, RID)
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    client.patch(f"/v1/resources/{RID}", json={"title": "Brouillon privé"}, headers=bearer(parties.partner, etag))
    seen = client.get(f"/v1/resources/{RID}/revisions", headers=bearer(parties.editor)).json()
    assert [r["number"] for r in seen] == [1]
    assert client.get(f"/v1/resources/{RID}/revisions/2", headers=bearer(parties.editor)).status_code == 404
    assert (
        "Brouillon privé"
        not in client.get(f"/v1/resources/{RID}/revisions/1/diff", headers=bearer(parties.editor)).text
    )
    assert client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)).status_code == 404


def test_rejection_with_a_reason_then_resubmission(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submit(client, parties.partner, RID)
    etag = client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)).headers["etag"]
    assert (
        client.post(f"/v1/review/{RID}/reject", json={"reason": ""}, headers=bearer(parties.editor, etag)).status_code
        == 422
    )
    rejected = client.post(
        f"/v1/review/{RID}/reject",
        json={"reason": "Citez la source des chiffres du deuxième paragraphe."},
        headers=bearer(parties.editor, etag),
    )
    assert rejected.status_code == 200
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner))
    assert mine.json()["status"] == "rejected"
    assert mine.json()["revision"]["state"] == "rejected"
    assert mine.json()["revision"]["reason"] == "Citez la source des chiffres du deuxième paragraphe."
    assert mine.json()["revision"]["reviewer_key"] == parties.editor.rsplit("_", 1)[0]
    assert client.get(f"/v1/resources/{RID}").status_code == 404
    # resubmitting the rejected revision unchanged is refused; an edit makes a new draft that can go
    again = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, mine.headers["etag"]))
    assert again.status_code == 409 and "rejected" in again.json()["detail"]
    edited = client.patch(
        f"/v1/resources/{RID}",
        json={"summary": "Avec la source."},
        headers=bearer(parties.partner, mine.headers["etag"]),
    )
    assert edited.json()["status"] == "draft" and edited.json()["revision"]["number"] == 2
    submit(client, parties.partner, RID)
    assert [i["id"] for i in client.get("/v1/review/queue", headers=bearer(parties.editor)).json()["items"]] == [RID]
    assert client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, "*")).status_code == 409


def test_decisions_need_the_version_the_editor_saw(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submit(client, parties.partner, RID)
    seen = client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)).headers["etag"]
    assert client.post(f"/v1/review/{RID}/approve", headers=bearer(parties.editor)).status_code == 428
    # meanwhile the partner edits and resubmits: the editor's approval must not publish what it has not read
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    client.patch(f"/v1/resources/{RID}", json={"title": "Autre chose"}, headers=bearer(parties.partner, etag))
    submit(client, parties.partner, RID)
    stale = client.post(f"/v1/review/{RID}/approve", headers=bearer(parties.editor, seen))
    assert stale.status_code == 412
    assert client.get(f"/v1/resources/{RID}").status_code == 404


def test_an_approved_revision_replaces_the_published_one_and_archived_can_return(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submit(client, parties.partner, RID)
    first = approve(client, parties.editor, RID).json()
    published_at = client.get(f"/v1/resources/{RID}").json()["published_at"]
    assert first["revision"]["state"] == "published"
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    archived = client.post(f"/v1/resources/{RID}/archive", headers=bearer(parties.partner, etag))
    assert archived.json()["status"] == "archived"
    back = client.patch(
        f"/v1/resources/{RID}", json={"title": "De retour"}, headers=bearer(parties.partner, archived.headers["etag"])
    )
    assert back.json()["status"] == "archived"  # still down until an editor approves
    submit(client, parties.partner, RID)
    assert client.get(f"/v1/resources/{RID}").status_code == 410  # taken off until an editor approves it again
    approve(client, parties.editor, RID)
    public = client.get(f"/v1/resources/{RID}").json()
    assert public["title"] == "De retour" and public["published_at"] == published_at


def test_every_state_change_is_in_the_audit_log(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    etag = client.patch(
        f"/v1/resources/{RID}", json={"title": "Titre 2"}, headers=bearer(parties.partner, etag)
    ).headers["etag"]
    etag = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag)).headers["etag"]
    etag = client.post(
        f"/v1/review/{RID}/reject", json={"reason": "Non."}, headers=bearer(parties.editor, etag)
    ).headers["etag"]
    etag = client.patch(
        f"/v1/resources/{RID}", json={"title": "Titre 3"}, headers=bearer(parties.partner, etag)
    ).headers["etag"]
    etag = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag)).headers["etag"]
    etag = client.post(f"/v1/review/{RID}/approve", headers=bearer(parties.editor, etag)).headers["etag"]
    client.post(f"/v1/resources/{RID}/archive", headers=bearer(parties.partner, etag))
    partner, editor = parties.partner.rsplit("_", 1)[0], parties.editor.rsplit("_", 1)[0]
    log = client.get("/v1/admin/audit", params={"resource_id": RID}, headers=bearer(parties.admin)).json()
    trail = [(e["action"], e["organisation"], e["key_prefix"], e["revision"]) for e in reversed(log)]
    assert trail == [
        ("resource.create", "ong-a", partner, 1),
        ("resource.update", "ong-a", partner, 2),
        ("resource.submit", "ong-a", partner, 2),
        ("resource.reject", "crv-editors", editor, 2),
        ("resource.update", "ong-a", partner, 3),
        ("resource.submit", "ong-a", partner, 3),
        ("resource.approve", "crv-editors", editor, 3),
        ("resource.archive", "ong-a", partner, 3),
    ]
    assert log[4]["details"] == {"reason": "Non."}
    with session_factory() as session:
        assert all(e.at is not None for e in session.scalars(select(AuditEntry)))


def test_failed_writes_leave_no_audit_entry(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    client.patch(f"/v1/resources/{RID}", json={"title": "x"}, headers=bearer(parties.partner, 'W/"42"'))
    client.post("/v1/resources", json=good_practice(sectors=["nope"]), headers=bearer(parties.partner))
    with session_factory() as session:
        assert [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.resource_id.is_not(None)))] == [
            "resource.create"
        ]
