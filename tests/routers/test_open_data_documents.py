"""A partner's published documents, as harvesters find them: enclosures in the Atom feed (feedparser), ``dc:relation``
in OAI-PMH (sickle over HTTP), ``documents`` in the exports (csv, json, openpyxl) and ``attachments`` in JSON Lines;
never the documents of a revision the editors have not approved."""

import csv
import io
import json
from collections.abc import Iterator

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from openpyxl import load_workbook
from sickle import Sickle
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.services import exports, feeds
from tests.helpers import DOCX, Parties, approve, bearer, create, free_port, serving, submit
from tests.routers.test_publishing_documents import PDF, RID, put

LIMIT = 64 * 1024
PUBLIC = f"/v1/resources/{RID}/attachments"
REPORT, TOOLKIT, DRAFT = "rapport-annuel-2025.pdf", "boite-a-outils.docx", "brouillon.pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"attachment_max_bytes": LIMIT, "attachment_max_count": 3})


@pytest.fixture
def parties(session_factory: sessionmaker[Session]) -> Parties:
    return Parties.create(session_factory)


@pytest.fixture
def published(client: TestClient, parties: Parties) -> str:
    """A partner's resource published with a report and a toolkit, then given a third document in a draft revision
    the editors have not approved; the base address its documents are under."""
    create(client, parties.partner)
    assert put(client, parties.partner, "Rapport annuel 2025.pdf", PDF, title="Rapport complet").status_code == 201
    assert put(client, parties.partner, "Boîte à outils.docx", DOCX, language="en").status_code == 201
    submit(client, parties.partner, RID)
    approve(client, parties.editor, RID)
    assert put(client, parties.partner, "Brouillon.pdf", PDF + b"draft").status_code == 201
    mine = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()
    assert [d["filename"] for d in mine["attachments"]] == [REPORT, TOOLKIT, DRAFT]  # the draft has it
    return f"http://testserver{PUBLIC}"


def test_the_feed_encloses_the_published_documents(client: TestClient, published: str) -> None:
    response = client.get("/v1/feed.atom")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.id.endswith(f"/v1/resources/{RID}"))
    assert [(e.href, e.type, e.length) for e in entry.enclosures] == [
        (f"{published}/{REPORT}", "application/pdf", str(len(PDF))),
        (f"{published}/{TOOLKIT}", DOCX_TYPE, str(len(DOCX))),
    ]
    root = etree.fromstring(response.content)
    links = root.findall(f"{{{feeds.ATOM}}}entry/{{{feeds.ATOM}}}link[@rel='enclosure']")
    assert [(link.get("title"), link.get("hreflang")) for link in links] == [
        ("Rapport complet", "fr"),
        ("Boîte à outils", "en"),
    ]
    assert DRAFT not in response.text
    assert client.get(f"{PUBLIC}/{REPORT}").status_code == 200 and client.get(f"{PUBLIC}/{DRAFT}").status_code == 404


@pytest.fixture
def harvester(settings: Settings) -> Iterator[tuple[Sickle, str]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serving(create_app(settings.model_copy(update={"public_base_url": base})), port, "oai-documents"):
        yield Sickle(f"{base}/oai", max_retries=0, timeout=30), base


def test_oai_relates_the_record_to_its_published_documents(published: str, harvester: tuple[Sickle, str]) -> None:
    sickle, base = harvester
    record = sickle.GetRecord(identifier=f"oai:127.0.0.1:{RID}", metadataPrefix="oai_dc")
    documents = [f"{base}{PUBLIC}/{name}" for name in (REPORT, TOOLKIT)]
    assert [r for r in record.metadata["relation"] if "/attachments/" in r] == documents
    assert not any(DRAFT in r for r in record.metadata["relation"])
    assert record.metadata["format"] == ["text/html"]  # the record's resource, its page: not its documents'
    listed = {r.header.identifier: r for r in sickle.ListRecords(metadataPrefix="oai_dc")}
    assert listed[f"oai:127.0.0.1:{RID}"].metadata["relation"] == record.metadata["relation"]


def test_the_exports_list_the_published_documents_last(client: TestClient, published: str) -> None:
    documents = [f"{published}/{REPORT}", f"{published}/{TOOLKIT}"]
    table = csv.reader(io.StringIO(client.get("/v1/export", params={"format": "csv"}).text.lstrip("\ufeff")))
    header, *rows = list(table)
    assert header[-1] == "documents" and tuple(header) == exports.COLUMNS
    assert next(row for row in rows if row[0] == RID)[-1] == "|".join(documents)  # as the other lists
    assert all(row[-1] == "" for row in rows if row[0] != RID)

    lines = client.get("/v1/export", params={"format": "jsonl"}).text.splitlines()
    record = next(r for r in map(json.loads, lines) if r["id"] == RID)
    assert record["documents"] == documents
    assert list(record)[-1] == "attachments"
    assert record["attachments"] == client.get(f"/v1/resources/{RID}").json()["attachments"]  # the API's read model
    assert [a["url"] for a in record["attachments"]] == documents

    workbook = client.get("/v1/export", params={"format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(workbook), read_only=True)["resources"]
    header_row, *cells = list(sheet.iter_rows(values_only=True))
    assert header_row == exports.COLUMNS
    assert next(row for row in cells if row[0] == RID)[-1] == "|".join(documents)
