"""Documents attached to a partner's resource: sent with the portal's form (multipart, no JavaScript), read by the
editors on the desk, public once approved, refused beside their field when they are not what they say."""

import hashlib
import re
from collections.abc import Mapping

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import AttachmentFile, Role
from tests.helpers import DOCX
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_portal import GOOD, NEW

RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"
EDIT = f"/fr/espace-partenaire/ressources/{RID}"
# the refusals read in the interface's source language (English), whatever the catalogs hold yet
NEW_EN, EDIT_EN = "/en/partner/new-resource", f"/en/partner/resources/{RID}"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b"x" * 3000
LIMIT = 64 * 1024  # the test's largest document


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"attachment_max_bytes": LIMIT, "attachment_max_count": 2})


def send(
    client: TestClient,
    url: str,
    files: Mapping[str, tuple[str, bytes, str]],
    page: str | None = None,
    **fields: object,
) -> object:
    """The resource form posted as a browser does with its file fields: multipart."""
    shown = client.get(page or url)
    data: dict[str, object] = {"csrf_token": csrf_of(shown), **fields}
    version = re.search(r'name="version" value="(\d+)"', shown.text)
    if version:
        data["version"] = version.group(1)
    return client.post(url, data=data, files=dict(files), follow_redirects=False)


def approve(editor: TestClient) -> None:
    item = editor.get(f"/fr/redaction/{RID}")
    version = item.text.split('name="version" value="')[1].split('"')[0]
    approved = editor.post(
        f"/fr/redaction/{RID}/approve", data={"csrf_token": csrf_of(item), "version": version}, follow_redirects=False
    )
    assert approved.status_code == 303, approved.text


def test_a_report_goes_from_the_form_through_the_desk_to_its_public_download(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    form = partner.get(NEW)
    assert 'enctype="multipart/form-data"' in form.text and 'name="attachments.0.file" type="file"' in form.text
    sent = send(
        partner,
        NEW,
        {"attachments.0.file": ("Rapport final 2025.pdf", PDF, "application/pdf")},
        **dict(GOOD, action="submit", **{"attachments.0.title": "Rapport complet", "attachments.1.language": ""}),
    )
    assert sent.status_code == 303, sent.text
    page = partner.get(EDIT)
    own = f"{EDIT}/revisions/1/documents/rapport-final-2025.pdf"
    assert f'<a href="{own}">rapport-final-2025.pdf</a> (PDF, 3\u00a0ko)' in page.text
    assert partner.get(own).content == PDF
    # unpublished: nobody else reads it, not the public, not another organisation
    public = f"/v1/resources/{RID}/attachments/rapport-final-2025.pdf"
    assert web.get(public).status_code == 404
    other = signed_in(web, session_factory, "ong-b", "bea@ong-b.org")
    assert other.get(own).status_code == 404
    # the editors see it on the desk, with its format and size, and download it
    item = editor.get(f"/fr/redaction/{RID}")
    assert "<h4>Documents</h4>" in item.text and "(rapport-final-2025.pdf, PDF, 3\u00a0ko)" in item.text
    desk_link = re.search(r'<a href="([^"]+/documents/rapport-final-2025\.pdf)"', item.text)
    assert desk_link and editor.get(desk_link.group(1)).content == PDF
    approve(editor)
    # public: shown by the browser (a PDF), never sniffed into another type, its strong ETag its SHA-256
    downloaded = web.get(public)
    digest = hashlib.sha256(PDF).hexdigest()
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert downloaded.headers["content-type"] == "application/pdf"
    assert downloaded.headers["content-disposition"] == 'inline; filename="rapport-final-2025.pdf"'
    assert downloaded.headers["x-content-type-options"] == "nosniff"
    assert downloaded.headers["etag"] == f'"{digest}"' and "public" in downloaded.headers["cache-control"]
    assert web.get(public, headers={"If-None-Match": f'"{digest}"'}).status_code == 304
    read = web.get(f"/v1/resources/{RID}").json()
    assert read["attachments"] == [
        {
            "title": "Rapport complet",
            "filename": "rapport-final-2025.pdf",
            "media_type": "application/pdf",
            "size": len(PDF),
            "language": "fr",
            "sha256": digest,
            "url": f"http://testserver{public}",
        }
    ]
    resource_page = web.get("/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives")
    assert '<h2 id="documents-title">Documents</h2>' in resource_page.text
    assert f'<a href="http://testserver{public}">Rapport complet (PDF, 3\u00a0ko)</a>' in resource_page.text
    assert '"associatedMedia"' in resource_page.text


def test_a_document_in_another_language_is_marked_with_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    fields = {"attachments.0.title": "Full report", "attachments.0.language": "en"}
    sent = send(partner, NEW, {"attachments.0.file": ("report.pdf", PDF, "application/pdf")}, **GOOD, **fields)
    assert sent.status_code == 303, sent.text
    submitted = send(partner, EDIT, {}, **dict(GOOD, action="submit"), **{"attachments.0.key": "report.pdf"}, **fields)
    assert submitted.status_code == 303, submitted.text
    approve(editor)
    page = web.get("/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives")
    assert 'hreflang="en"><span lang="en">Full report</span> (PDF, 3\u00a0ko)</a>' in page.text


def test_a_disguised_file_is_refused_beside_its_field_and_nothing_is_saved(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    refused = send(
        partner,
        NEW_EN,
        {
            "attachments.0.file": ("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"),
            "attachments.1.file": ("affiche.pdf", b"<!doctype html><script>alert(1)</script>", "application/pdf"),
        },
        **dict(GOOD, action="save"),
    )
    assert refused.status_code == 422
    for number, name in ((0, "rapport.pdf"), (1, "affiche.pdf")):
        problem = re.search(rf'<p class="field-error" id="e-attachments\.{number}\.file">([^<]+)</p>', refused.text)
        assert problem and f"“{name}” is not a document the centre accepts, whatever its name says" in problem.group(1)
        assert f'href="#f-attachments.{number}.file"' in refused.text  # the error summary leads to it
    assert "The files you chose were not saved: choose them again" in refused.text  # a browser never refills them
    assert partner.get(EDIT).status_code == 404
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AttachmentFile)) == 0


def test_too_large_and_too_many_are_said_beside_their_rows(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    big = send(partner, NEW_EN, {"attachments.0.file": ("big.pdf", PDF + b"x" * LIMIT, "application/pdf")}, **GOOD)
    assert big.status_code == 422
    assert re.search(
        r'id="e-attachments\.0\.file">This file is 6[67]\u00a0kB: a document may be 64\u00a0kB at most', big.text
    )
    two = {
        "attachments.0.file": ("a.pdf", PDF, "application/pdf"),
        "attachments.1.file": ("b.docx", DOCX, "application/octet-stream"),
    }
    assert send(partner, NEW, two, **GOOD).status_code == 303
    page = partner.get(EDIT)
    assert "b.docx</a> (DOCX," in page.text
    assert 'name="attachments.2.file"' not in page.text  # the limit reached: no row for a new one
    kept = {"attachments.0.key": "a.pdf", "attachments.1.key": "b.docx"}
    third = send(partner, EDIT_EN, {"attachments.2.file": ("c.pdf", PDF + b"c", "application/pdf")}, **GOOD, **kept)
    assert third.status_code == 422
    assert re.search(r'id="e-attachments\.2\.file">A resource has 2 documents at most', third.text)


def test_a_document_removed_or_replaced_makes_a_revision_and_the_diff_says_so(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    two = {
        "attachments.0.file": ("a.pdf", PDF, "application/pdf"),
        "attachments.1.file": ("b.docx", DOCX, "application/octet-stream"),
    }
    assert send(partner, NEW, two, **GOOD).status_code == 303
    changed = send(
        partner,
        EDIT,
        {"attachments.0.file": ("nouveau.pdf", PDF + b"v2", "application/pdf")},
        **GOOD,
        **{"attachments.0.key": "a.pdf", "attachments.1.key": "b.docx", "attachments.1.remove": "1"},
    )
    assert changed.status_code == 303, changed.text
    page = partner.get(EDIT)
    # replaced in the same format: its address kept; the other one gone from the latest revision only
    assert "/revisions/2/documents/a.pdf" in page.text and "b.docx" not in page.text
    assert partner.get(f"{EDIT}/revisions/1/documents/b.docx").content == DOCX
    assert partner.get(f"{EDIT}/revisions/2/documents/a.pdf").content == PDF + b"v2"
    diff = partner.get(f"{EDIT_EN}/revisions/2/diff")
    replaced, removed = re.search(
        r"Replaced:</strong> ([^<]+)</p>\s*<p class=\"del\"><strong>Removed:</strong> ([^<]+)<", diff.text
    ).groups()
    # the replaced file said so in words, not as one removed and one added under the same title with a digest
    assert replaced == "a (a.pdf): new file, PDF, 3\u00a0kB; was PDF, 3\u00a0kB"
    assert removed == "b (b.docx, DOCX, 1\u00a0kB)" and "Added:" not in diff.text
    # a save that changes nothing keeps the documents as they are (no new revision)
    same = send(partner, EDIT, {}, **GOOD, **{"attachments.0.key": "a.pdf"})
    assert same.status_code == 303 and "/revisions/2/documents/a.pdf" in partner.get(EDIT).text
