"""Documents sent through the write API (`/v1/my/resources/{id}/documents/{filename}`): one file a request, the
portal's checks and words, each change a draft revision under If-Match, for the resource's organisation only."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import KeyKind
from tests.helpers import DOCX, Parties, bearer, create, make_key, publish

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b"x" * 3000
LIMIT = 64 * 1024
RID = "cocoa-remediation.fr"
DOCS = f"/v1/my/resources/{RID}/documents"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"attachment_max_bytes": LIMIT, "attachment_max_count": 2})


@pytest.fixture
def parties(session_factory: sessionmaker[Session]) -> Parties:
    return Parties.create(session_factory)


def etag(client: TestClient, token: str) -> str:
    return client.get(f"/v1/my/resources/{RID}", headers=bearer(token)).headers["etag"]


def put(client: TestClient, token: str, name: str, content: bytes, **params: str) -> Any:
    headers = bearer(token, etag(client, token)) | {"Content-Type": "application/pdf"}
    return client.put(f"{DOCS}/{name}", content=content, params=params, headers=headers)


def test_a_document_is_added_replaced_read_and_removed_each_a_draft_revision(
    client: TestClient, parties: Parties
) -> None:
    create(client, parties.partner)
    added = put(client, parties.partner, "Rapport annuel 2025.pdf", PDF, title="Rapport complet")
    assert added.status_code == 201, added.text
    assert added.headers["location"].endswith(f"{DOCS}/rapport-annuel-2025.pdf")
    [document] = added.json()["attachments"]
    assert document["title"] == "Rapport complet" and document["language"] == "fr" and document["size"] == len(PDF)
    assert document["url"] == added.headers["location"]
    assert added.json()["revision"]["number"] == 2 and added.json()["revision"]["state"] == "draft"

    read = client.get(f"{DOCS}/rapport-annuel-2025.pdf", headers=bearer(parties.partner))
    assert read.content == PDF and read.headers["content-type"] == "application/pdf"
    assert read.headers["cache-control"] == "private, no-cache"

    # the name it was sent as finds it again: sent twice, nothing changes; a new file replaces it in place
    again = put(client, parties.partner, "Rapport annuel 2025.pdf", PDF)
    assert again.status_code == 200 and again.json()["revision"]["number"] == 2
    newer = PDF + b"% edition 2\n"
    replaced = put(client, parties.partner, "rapport-annuel-2025.pdf", newer, language="en")
    assert replaced.status_code == 200, replaced.text
    [document] = replaced.json()["attachments"]
    assert (document["filename"], document["title"], document["language"]) == (
        "rapport-annuel-2025.pdf",
        "Rapport complet",  # kept: not sent again
        "en",
    )
    assert document["size"] == len(newer) and replaced.json()["revision"]["number"] == 3

    # another format under the same name: the portal's rule, its own name (and its place in the list)
    assert put(client, parties.partner, "annexe.pdf", PDF + b"annexe").status_code == 201
    reformatted = put(client, parties.partner, "rapport-annuel-2025.pdf", DOCX)
    assert reformatted.status_code == 200 and reformatted.headers["content-location"].endswith(
        "/rapport-annuel-2025.docx"
    )
    assert [d["filename"] for d in reformatted.json()["attachments"]] == ["rapport-annuel-2025.docx", "annexe.pdf"]
    assert (
        client.delete(f"{DOCS}/annexe.pdf", headers=bearer(parties.partner, etag(client, parties.partner))).status_code
        == 200
    )

    removed = client.delete(
        f"{DOCS}/rapport-annuel-2025.docx", headers=bearer(parties.partner, etag(client, parties.partner))
    )
    assert removed.status_code == 200 and removed.json()["attachments"] == []
    revisions = client.get(f"/v1/resources/{RID}/revisions", headers=bearer(parties.partner)).json()
    assert [r["number"] for r in revisions] == [1, 2, 3, 4, 5, 6, 7]
    gone = client.get(f"{DOCS}/rapport-annuel-2025.docx", headers=bearer(parties.partner))
    assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"


def test_a_document_added_to_a_published_resource_waits_for_review(client: TestClient, parties: Parties) -> None:
    publish(client, parties)
    assert put(client, parties.partner, "toolkit.docx", DOCX).status_code == 201
    public = client.get(f"/v1/resources/{RID}").json()
    assert public["attachments"] == []  # the published revision has none yet
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()
    assert [(d["filename"], d["media_type"]) for d in mine["attachments"]] == [
        ("toolkit.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    ]


def test_writes_need_the_current_etag(client: TestClient, parties: Parties) -> None:
    create(client, parties.partner)
    headers = bearer(parties.partner)
    assert client.put(f"{DOCS}/a.pdf", content=PDF, headers=headers).status_code == 428
    stale = client.put(f"{DOCS}/a.pdf", content=PDF, headers=bearer(parties.partner, 'W/"0"'))
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, 422, "is not a document the centre accepts"),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", 422, "is not a document the centre accepts"),
        (b"", 422, "is empty"),
        (b"%PDF-" + b"x" * LIMIT, 413, "a document may be 64\u00a0kB at most"),
    ],
)
def test_a_refused_file_is_a_problem_with_the_portals_words(
    client: TestClient, parties: Parties, content: bytes, status: int, words: str
) -> None:
    create(client, parties.partner)
    refused = put(client, parties.partner, "rapport.pdf", content)
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert words in problem["detail"] and problem["errors"][0]["field"] == "body"
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()
    assert mine["attachments"] == [] and mine["revision"]["number"] == 1  # nothing written


def test_a_bad_title_or_language_and_one_too_many(client: TestClient, parties: Parties) -> None:
    create(client, parties.partner)
    bad = put(client, parties.partner, "a.pdf", PDF, title="x" * 201, language="xx")
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"title", "language"}
    assert put(client, parties.partner, "a.pdf", PDF).status_code == 201
    assert put(client, parties.partner, "b.pdf", PDF + b"b").status_code == 201
    third = put(client, parties.partner, "c.pdf", PDF + b"c")
    assert third.status_code == 409 and "2 documents at most" in third.json()["detail"]


def test_only_the_organisations_secret_key_writes_or_reads(
    client: TestClient, parties: Parties, session_factory: sessionmaker[Session]
) -> None:
    create(client, parties.partner)
    assert put(client, parties.partner, "a.pdf", PDF).status_code == 201
    version = etag(client, parties.partner)
    publishable = make_key(session_factory, "ong-a", kind=KeyKind.publishable, origins=["https://ong-a.example"])
    for token, status in ((publishable, 403), (parties.other, 404), (parties.editor, 403)):
        headers = bearer(token, version) | {"Content-Type": "application/pdf"}
        assert client.put(f"{DOCS}/b.pdf", content=PDF, headers=headers).status_code == status, token
        assert client.delete(f"{DOCS}/a.pdf", headers=bearer(token, version)).status_code == status
        assert client.get(f"{DOCS}/a.pdf", headers=bearer(token)).status_code == status
    anonymous = client.put(f"{DOCS}/b.pdf", content=PDF)
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == "application/problem+json"
    assert etag(client, parties.partner) == version  # nothing written


def test_the_routes_are_documented_with_a_binary_body(settings: Settings) -> None:
    paths = create_app(settings).openapi()["paths"]
    operations = paths["/v1/my/resources/{resource_id}/documents/{filename}"]
    body = operations["put"]["requestBody"]["content"]
    assert body["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert {"201", "409", "412", "413", "422", "428"} <= set(operations["put"]["responses"])
    assert {"get", "put", "delete"} <= set(operations)
    assert all(op["security"] == [{"HTTPBearer": []}] for op in operations.values())
