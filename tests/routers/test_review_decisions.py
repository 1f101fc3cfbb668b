"""The decisions beyond approve and send back, through the API (the desk calls the same services): an organisation
withdraws its submission from review; an editor declines one for good (a resource never published is closed, the
declined changes of a published one are never submitted again unchanged) or takes a published resource off the
site with a reason; each one in the audit log."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import Parties, approve, bearer, create, publish, submit

RID = "cocoa-remediation.fr"


def etag_of(client: TestClient, token: str, path: str) -> str:
    return client.get(path, headers=bearer(token)).headers["etag"]


def audit_actions(client: TestClient, parties: Parties) -> list[tuple[str, int, str]]:
    log = client.get("/v1/admin/audit", params={"resource_id": RID}, headers=bearer(parties.admin)).json()
    return [(e["action"], e["revision"], e["details"].get("reason", "")) for e in reversed(log)]


def test_an_organisation_withdraws_its_submission_and_may_submit_it_again(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submitted = submit(client, parties.partner, RID)
    withdrawn = client.post(f"/v1/resources/{RID}/withdraw", headers=bearer(parties.partner, submitted.headers["etag"]))
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "draft" and withdrawn.json()["revision"]["state"] == "draft"
    assert client.get("/v1/review/queue", headers=bearer(parties.editor)).json()["total"] == 0
    assert client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)).status_code == 404
    # nothing in review any more: a second withdrawal is a conflict, said
    again = client.post(f"/v1/resources/{RID}/withdraw", headers=bearer(parties.partner, withdrawn.headers["etag"]))
    assert again.status_code == 409 and "not waiting for an editor" in again.json()["detail"]
    # another organisation's key cannot withdraw it
    assert client.post(f"/v1/resources/{RID}/withdraw", headers=bearer(parties.other, "*")).status_code == 404
    submit(client, parties.partner, RID)  # the same revision goes back, unchanged
    assert [i["id"] for i in client.get("/v1/review/queue", headers=bearer(parties.editor)).json()["items"]] == [RID]
    assert [a[0] for a in audit_actions(client, parties)] == [
        "resource.create",
        "resource.submit",
        "resource.withdraw",
        "resource.submit",
    ]


def test_a_change_sent_while_in_review_is_recorded_as_a_withdrawal(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    etag = submit(client, parties.partner, RID).headers["etag"]
    client.patch(f"/v1/resources/{RID}", json={"title": "Autre"}, headers=bearer(parties.partner, etag))
    assert [a[:2] for a in audit_actions(client, parties)][-2:] == [("resource.withdraw", 1), ("resource.update", 2)]


def test_a_resource_declined_before_it_was_ever_published_is_closed(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    submit(client, parties.partner, RID)
    etag = etag_of(client, parties.editor, f"/v1/review/{RID}")
    assert (
        client.post(f"/v1/review/{RID}/decline", json={"reason": ""}, headers=bearer(parties.editor, etag)).status_code
        == 422
    )
    declined = client.post(
        f"/v1/review/{RID}/decline", json={"reason": "Hors du champ du centre."}, headers=bearer(parties.editor, etag)
    )
    assert declined.status_code == 200, declined.text
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner))
    assert mine.json()["status"] == "declined"
    assert mine.json()["revision"]["state"] == "declined"
    assert mine.json()["revision"]["reason"] == "Hors du champ du centre."
    # neither submitted again nor changed: said, with what to do instead
    etag = mine.headers["etag"]
    resubmitted = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag))
    assert resubmitted.status_code == 409 and "Create a new resource" in resubmitted.json()["detail"]
    changed = client.patch(f"/v1/resources/{RID}", json={"title": "Autre"}, headers=bearer(parties.partner, etag))
    assert changed.status_code == 409 and "declined by the editors" in changed.json()["detail"]
    assert client.get(f"/v1/resources/{RID}").status_code == 404
    assert audit_actions(client, parties)[-1] == ("resource.decline", 1, "Hors du champ du centre.")


def test_declined_changes_of_a_published_resource_are_never_submitted_again_unchanged(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")
    client.patch(f"/v1/resources/{RID}", json={"title": "Titre douteux"}, headers=bearer(parties.partner, etag))
    submit(client, parties.partner, RID)
    etag = etag_of(client, parties.editor, f"/v1/review/{RID}")
    declined = client.post(
        f"/v1/review/{RID}/decline", json={"reason": "Titre trompeur."}, headers=bearer(parties.editor, etag)
    )
    assert declined.json()["status"] == "published"  # the live version stays
    assert client.get(f"/v1/resources/{RID}").json()["title"] != "Titre douteux"
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")
    refused = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag))
    assert refused.status_code == 409 and "declined this content" in refused.json()["detail"]
    # the same content sent again as a new draft: still refused at submission
    etag = client.patch(
        f"/v1/resources/{RID}", json={"title": "Titre douteux"}, headers=bearer(parties.partner, etag)
    ).headers["etag"]
    again = client.post(f"/v1/resources/{RID}/submit", headers=bearer(parties.partner, etag))
    assert again.status_code == 409 and "Titre trompeur." in again.json()["detail"]
    # changed, it may go
    client.patch(f"/v1/resources/{RID}", json={"title": "Titre juste"}, headers=bearer(parties.partner, etag))
    submit(client, parties.partner, RID)


def test_an_editor_takes_a_published_resource_off_the_site_and_it_may_come_back(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")  # its version, as the desk's page has it
    # a partner's key cannot, not even its own organisation's: an editor's decision
    assert (
        client.post(f"/v1/review/{RID}/unpublish", json={"reason": "x"}, headers=bearer(parties.partner, etag))
    ).status_code == 403
    assert (
        client.post(f"/v1/review/{RID}/unpublish", json={"reason": "x"}, headers=bearer(parties.editor))
    ).status_code == 428
    taken = client.post(
        f"/v1/review/{RID}/unpublish",
        json={"reason": "La source principale a été retirée."},
        headers=bearer(parties.editor, etag),
    )
    assert taken.status_code == 200, taken.text
    assert taken.json()["status"] == "archived" and taken.json()["url"] is None
    assert client.get(f"/v1/resources/{RID}").status_code == 410  # taken off: gone for good, not unknown
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()
    assert mine["revision"]["state"] == "unpublished" and mine["revision"]["number"] == 2
    assert mine["revision"]["reason"] == "La source principale a été retirée."
    assert mine["revision"]["reviewer_key"] == parties.editor.rsplit("_", 1)[0]
    again = client.post(
        f"/v1/review/{RID}/unpublish", json={"reason": "x"}, headers=bearer(parties.editor, taken.headers["etag"])
    )
    assert again.status_code == 404
    assert audit_actions(client, parties)[-1] == ("resource.unpublish", 2, "La source principale a été retirée.")
    # its organisation changes it and submits it again: back through review
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")
    client.patch(f"/v1/resources/{RID}", json={"title": "Avec une autre source"}, headers=bearer(parties.partner, etag))
    submit(client, parties.partner, RID)
    approve(client, parties.editor, RID)
    assert client.get(f"/v1/resources/{RID}").json()["title"] == "Avec une autre source"


def test_unpublishing_waits_for_a_pending_submission_and_spares_content_resources(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")
    client.patch(f"/v1/resources/{RID}", json={"title": "Mise à jour"}, headers=bearer(parties.partner, etag))
    submit(client, parties.partner, RID)
    etag = etag_of(client, parties.partner, f"/v1/my/resources/{RID}")
    pending = client.post(f"/v1/review/{RID}/unpublish", json={"reason": "x"}, headers=bearer(parties.editor, etag))
    assert pending.status_code == 409 and "awaits review" in pending.json()["detail"]
    assert client.get(f"/v1/resources/{RID}").status_code == 200
    content = client.post(
        "/v1/review/country-ci.fr/unpublish", json={"reason": "x"}, headers=bearer(parties.editor, "*")
    )
    assert content.status_code in (404, 409)  # maintained in content/ (when the corpus is loaded), else unknown
