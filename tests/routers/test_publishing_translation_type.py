"""The write API holds a translation to its original's type, as the portal does: a type is language-neutral, so
the English version of a French good practice is a good practice (the API names the code to send), refused next to
``type`` otherwise, on creation, on update and by ``crv push --check``; the original may change its own type."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import Parties, bearer, create, good_practice

ENGLISH = {
    "language": "en",
    "slug": "cocoa-remediation",
    "title": "Remediating child labour in cocoa cooperatives",
    "summary": "How a cooperative finds children at work and brings them back to school.",
    "body": "## Approach\n\nMonitoring agents visit the farming households.\n",
}
EXPECTED = "the original, in the other language, is a good_practice: a translation has the same type"


def _type_error(response_json: dict[str, object]) -> list[object]:
    errors = response_json.get("errors")
    assert isinstance(errors, list)
    return [e for e in errors if isinstance(e, dict) and e.get("field") == "type"]


def test_a_translation_of_another_type_is_refused(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)  # the French original, a good practice
    payload = good_practice(type="methodology", **ENGLISH)
    refused = client.post("/v1/resources", json=payload, headers=bearer(parties.partner))
    assert refused.status_code == 422, refused.text
    assert _type_error(refused.json()) == [{"field": "type", "message": EXPECTED}]
    checked = client.post("/v1/resources/check", json=payload, headers=bearer(parties.partner))
    assert checked.status_code == 422 and _type_error(checked.json()) == [{"field": "type", "message": EXPECTED}]
    # another organisation's resource under the same key is not this one's original
    other = client.post("/v1/resources", json=payload, headers=bearer(parties.other))
    assert other.status_code == 201, other.text


def test_an_update_keeps_the_originals_type(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    translation = create(client, parties.partner, **ENGLISH).json()["id"]
    path = f"/v1/resources/{translation}"
    etag = client.get(f"/v1/my/resources/{translation}", headers=bearer(parties.partner)).headers["ETag"]
    changed = client.patch(path, json={"type": "methodology"}, headers=bearer(parties.partner, etag))
    assert changed.status_code == 422, changed.text
    assert _type_error(changed.json()) == [{"field": "type", "message": EXPECTED}]
    checked = client.post(
        "/v1/resources/check", json=good_practice(type="methodology", **ENGLISH), headers=bearer(parties.partner)
    )
    assert checked.status_code == 422 and _type_error(checked.json()) == [{"field": "type", "message": EXPECTED}]
    # the original changes its own type: the rule follows it (its translation must now say methodology)
    original_etag = client.get("/v1/my/resources/cocoa-remediation.fr", headers=bearer(parties.partner)).headers["ETag"]
    moved = client.patch(
        "/v1/resources/cocoa-remediation.fr",
        json={"type": "methodology"},
        headers=bearer(parties.partner, original_etag),
    )
    assert moved.status_code == 200, moved.text
    follows = client.patch(path, json={"type": "methodology"}, headers=bearer(parties.partner, etag))
    assert follows.status_code == 200, follows.text
