"""``crv push`` with the documents a file's front matter lists: sent when new or changed (their SHA-256 compared
with what the API lists), removed when no longer listed, left alone when the file lists none; ``--check`` says
every problem of them, one line each, without sending anything."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.services import push
from tests.helpers import Parties
from tests.routers.test_publishing_documents import DOCX, PDF
from tests.services.test_push import live_server, write

__all__ = ["live_server"]  # the fixture, used below
RID = "clmrs.fr"


@pytest.fixture
def as_partner(client: TestClient, session_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    client.headers["Authorization"] = f"Bearer {Parties.create(session_factory).partner}"
    yield client
    del client.headers["Authorization"]


def with_documents(path: Path, documents: str) -> Path:
    path.write_text(path.read_text().replace("licence:", f"documents:\n{documents}licence:", 1), encoding="utf-8")
    return path


def listed(client: TestClient) -> list[tuple[str, str, str]]:
    return [
        (d["filename"], d["title"], d["sha256"]) for d in client.get(f"/v1/my/resources/{RID}").json()["attachments"]
    ]


def test_push_sends_changed_documents_removes_unlisted_ones_and_skips_the_same(
    as_partner: TestClient, tmp_path: Path
) -> None:
    client = as_partner
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "Rapport 2025.pdf").write_bytes(PDF)
    (tmp_path / "boite-a-outils.docx").write_bytes(DOCX)
    path = with_documents(
        write(tmp_path),
        '  - {path: "files/Rapport 2025.pdf", title: "Rapport complet"}\n  - boite-a-outils.docx\n',
    )
    [first] = push.push_files(client, [path])
    assert first.ok, first.errors
    assert first.actions == ["created", "added Rapport 2025.pdf", "added boite-a-outils.docx", "submitted"]
    assert listed(client) == [
        ("rapport-2025.pdf", "Rapport complet", hashlib.sha256(PDF).hexdigest()),
        ("boite-a-outils.docx", "boite a outils", hashlib.sha256(DOCX).hexdigest()),
    ]

    [again] = push.push_files(client, [path])
    assert again.ok and again.actions == ["unchanged", "awaiting review"]

    (tmp_path / "files" / "Rapport 2025.pdf").write_bytes(PDF + b"% 2e edition\n")
    path.write_text(path.read_text().replace("  - boite-a-outils.docx\n", ""))
    [changed] = push.push_files(client, [path])
    assert changed.ok, changed.errors
    assert changed.actions == ["unchanged", "removed boite-a-outils.docx", "replaced Rapport 2025.pdf", "submitted"]
    [(name, title, digest)] = listed(client)
    assert (name, title, digest) == (
        "rapport-2025.pdf",
        "Rapport complet",
        hashlib.sha256(PDF + b"% 2e edition\n").hexdigest(),
    )

    # a file without documents: leaves those there (they may be the portal's)
    path.write_text(path.read_text().split("documents:")[0] + "licence:" + path.read_text().split("licence:", 1)[1])
    [untouched] = push.push_files(client, [path])
    assert untouched.ok and untouched.actions == ["unchanged", "awaiting review"] and len(listed(client)) == 1


def test_push_check_says_each_documents_problem_on_its_line_and_sends_nothing(
    as_partner: TestClient, tmp_path: Path
) -> None:
    client = as_partner
    (tmp_path / "rapport.pdf").write_bytes(b"MZ\x90\x00" + b"\x00" * 60)  # a program named .pdf
    (tmp_path / "vide.csv").write_bytes(b"")
    (tmp_path / "autre.pdf").write_bytes(PDF)
    (tmp_path / "enorme.pdf").write_bytes(b"%PDF-" + b"x" * (10 * 1024 * 1024))
    path = with_documents(
        write(tmp_path),
        "  - rapport.pdf\n  - absent.pdf\n  - vide.csv\n  - enorme.pdf\n  - {title: sans chemin}\n"
        "  - {path: autre.pdf, language: xx}\n",
    )
    [checked] = push.push_files(client, [path], check=True)
    assert not checked.ok and checked.actions == []
    assert checked.errors == [
        "documents[4]: must be a path, or {path, title, language}",
        f"documents: {tmp_path / 'absent.pdf'}: no such file",
        f"documents: {tmp_path / 'enorme.pdf'}: This file is 10\u00a0MB: a document may be 10\u00a0MB at most. "
        "Make it smaller (a PDF saved for the web).",
        "documents: rapport.pdf: “rapport.pdf” is not a document the centre accepts, whatever its name says: send a "
        "PDF, a Word, Excel or PowerPoint document (DOCX, XLSX, PPTX), an OpenDocument (ODT, ODS, ODP), a PNG or "
        "JPEG image, or a CSV table.",
        "documents: vide.csv: “vide.csv” is empty.",
        "documents: autre.pdf: Choose a language from the list.",
    ]
    assert all("\n" not in line for line in checked.errors)
    [pushed] = push.push_files(client, [path])  # a push refuses the same, before sending anything
    assert pushed.errors == checked.errors
    assert client.get("/v1/my/resources").json()["total"] == 0


def test_crv_push_sends_documents_to_a_live_server(
    live_server: str, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    parties = Parties.create(session_factory)
    (tmp_path / "rapport.pdf").write_bytes(PDF)
    path = with_documents(write(tmp_path), "  - rapport.pdf\n")
    runner = CliRunner()
    env = {"CRV_API_KEY": parties.partner}
    ok = runner.invoke(cli.app, ["push", str(path), "--server", live_server, "--check"], env=env)
    assert ok.exit_code == 0 and "valid (create)" in ok.output, ok.output
    pushed = runner.invoke(cli.app, ["push", str(path), "--server", live_server, "--draft"], env=env)
    assert pushed.exit_code == 0, pushed.output
    assert "clmrs.fr: created, added rapport.pdf, draft" in pushed.output
