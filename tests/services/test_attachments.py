"""Documents attached to a partner's resource: their format found from their bytes, their names made safe, their
rows planned with every problem at once, and kept by a write that does not send them (the write API, `crv push`)."""

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.http import IfMatch
from app.models import Scope
from app.schemas.publishing import ResourceCreate, ResourcePatch
from app.services import attachments, publishing
from app.services.attachments import Limits, Row, Upload
from app.taxonomy import Taxonomies
from tests.helpers import good_practice, zipped
from tests.services.test_publishing import RID, key_for

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LIMITS = Limits(max_bytes=1024, max_count=2)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, attachments.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, attachments.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, attachments.JPEG),
        (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>"}), attachments.DOCX),
        (zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), attachments.XLSX),
        (zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), attachments.ODT),
        (
            zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
            attachments.ODS,
        ),
        ("pays;produit;écoles\nCôte d’Ivoire;cacao;12\n".encode(), attachments.CSV),
        ("pays;produit\nCôte d’Ivoire;cacao\n".encode("cp1252"), attachments.CSV),
        # what a name or a browser may call a PDF, and is not one
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, None),  # a Windows program
        (b"<!DOCTYPE html><html><script>alert(1)</script>", None),
        (b"  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", None),
        (b"just some words", None),
        (zipped({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<x/>", "word/vbaProject.bin": b"\x00"}), None),
        (zipped({"readme.txt": b"hello"}), None),  # a ZIP that is no document
        (b"PK\x03\x04broken", None),
    ],
)
def test_a_format_is_found_from_the_bytes(content: bytes, expected: attachments.Format | None) -> None:
    assert attachments.sniff(content) == expected


@pytest.mark.parametrize(
    ("size", "language", "said"),
    [
        (2_411_725, "fr", "2,3\u00a0Mo"),
        (2_411_725, "en", "2.3\u00a0MB"),
        (350 * 1024, "fr", "350\u00a0ko"),
        (10, "en", "1\u00a0kB"),
        (10 * 1024 * 1024, "fr", "10\u00a0Mo"),
    ],
)
def test_a_size_is_said_in_words(size: int, language: str, said: str) -> None:
    assert attachments.size_text(size, language) == said


def test_names_are_made_safe_with_the_format_s_extension_and_every_problem_is_told_at_once() -> None:
    rows = [
        Row(upload=Upload("C:\\Users\\awa\\Rapport d’activité 2025 (final).PDF", PDF)),
        Row(upload=Upload("../../etc/passwd.pdf", PDF + b"2")),  # the limit: 2
        Row(upload=Upload("x.pdf", PDF + b"3")),
    ]
    planned = attachments.plan(rows, [], "fr", LIMITS, "en")
    assert [error.field for error in planned.errors] == ["attachments.2.file"]
    assert planned.files == {}  # nothing to store while a problem stands
    assert [entry["filename"] for entry in planned.entries] == ["rapport-d-activite-2025-final.pdf", "passwd.pdf"]
    assert planned.entries[0]["title"] == "Rapport d’activité 2025 (final)"
    refused = attachments.plan(
        [Row(upload=Upload("big.pdf", PDF + b"x" * 2000)), Row(title="Sans fichier"), Row(upload=Upload("e.pdf", b""))],
        [],
        "fr",
        LIMITS,
        "en",
    )
    assert [error.field for error in refused.errors] == [
        "attachments.0.file",
        "attachments.1.file",
        "attachments.2.file",
    ]


def test_a_document_keeps_its_address_when_its_file_is_replaced_in_the_same_format() -> None:
    current = attachments.plan([Row(upload=Upload("rapport.pdf", PDF))], [], "fr", LIMITS, "en").entries
    replaced = attachments.plan(
        [Row(key="rapport.pdf", upload=Upload("v2.pdf", PDF + b"v2"))], current, "fr", LIMITS, "en"
    )
    assert replaced.entries[0]["filename"] == "rapport.pdf" and replaced.entries[0]["file"] != current[0]["file"]
    as_table = attachments.plan(
        [Row(key="rapport.pdf", upload=Upload("v2.csv", b"a;b\n1;2\n"))], current, "fr", LIMITS, "en"
    )
    assert as_table.entries[0]["filename"] == "rapport.csv"


def test_a_write_that_does_not_send_documents_keeps_them(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    """The write API (and `crv push`) sends a resource's fields, never its documents: they stay."""
    with session_factory() as session:
        writer = key_for(session, "ong-a", Scope.resources_write)
        planned = attachments.plan([Row(upload=Upload("rapport.pdf", PDF))], [], "fr", LIMITS, "en")
        attachments.store(session, planned.files)
        resource = publishing.create(
            session, writer, ResourceCreate.model_validate(good_practice()), taxonomies, planned.entries
        )
        version = resource.version
        patched, changed = publishing.patch(
            session, writer, RID, ResourcePatch(title="Autre titre"), IfMatch.parse(f'W/"{version}"'), taxonomies
        )
        assert changed
        latest = publishing.own_latest(session, patched)
        assert latest.number == 2 and [entry["filename"] for entry in latest.attachments] == ["rapport.pdf"]
        assert patched.attachments == latest.attachments  # never published: the row mirrors its latest revision
        assert attachments.content(session, latest.attachments[0]) == PDF
