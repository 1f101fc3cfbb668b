"""« How your resources are read »: a published resource's page, documents and API reads counted where the answer is
sent — a 200 to a reader's GET, not a HEAD, a 304 or a crawler — in memory, and added to the day's rows by any
number of processes (app/services/read_counts.py); shown to its organisation only, on the portal and the
resource's portal page, and to the editors as the most read (app/services/readership.py). Their retention:
tests/services/test_retention.py."""

import hashlib
import io
from datetime import UTC, datetime, timedelta

import openpyxl
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AttachmentFile, ReadCount, ReadKind, Resource, Role
from app.services import keys, read_counts
from app.services.read_counts import ReadCounts
from tests.helpers import REVIEW, WRITE, approve, create, make_key, resource_row, submit
from tests.web.helpers import signed_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DIGEST = hashlib.sha256(PDF).hexdigest()
BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}


def publish(session_factory: sessionmaker[Session], org: str, key: str, title: str) -> str:
    """A published resource of ``org`` with one document; its id."""
    with session_factory() as session:
        organisation = keys.get_organisation(session, org)
        attachment = {
            "filename": "rapport.pdf",
            "file": DIGEST,
            "media_type": "application/pdf",
            "size": len(PDF),
            "language": "fr",
        }
        row = resource_row(key, "fr", title=title, publisher=org, organisation_id=organisation.id, claimed=True)
        session.add(Resource(**row, attachments=[attachment | {"title": "Rapport"}]))
        if session.get(AttachmentFile, DIGEST) is None:
            session.add(AttachmentFile(sha256=DIGEST, media_type="application/pdf", size=len(PDF), content=PDF))
        session.commit()
        return str(row["id"])


def test_a_reader_s_page_document_and_api_reads_are_counted_crawlers_head_and_304_are_not(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    rid = publish(session_factory, "ong-a", "cacao-ecoles", "Des écoles dans les villages du cacao")
    counts: ReadCounts = web.app.state.read_counts  # type: ignore[attr-defined]
    page, document = "/fr/ressources/cacao-ecoles", f"/v1/resources/{rid}/attachments/rapport.pdf"
    served = web.get(page, headers=BROWSER)
    assert served.status_code == 200
    assert web.get(document, headers=BROWSER).content == PDF
    assert web.get(f"/v1/resources/{rid}", headers={"User-Agent": "python-requests/2.32"}).status_code == 200
    # not counted: revalidations (the copy the browser has), HEAD, crawlers and link previews, no User-Agent, 404
    assert web.get(page, headers=BROWSER | {"If-None-Match": served.headers["etag"]}).status_code == 304
    assert web.get(document, headers=BROWSER | {"If-None-Match": f'"{DIGEST}"'}).status_code == 304
    assert web.head(page, headers=BROWSER).status_code == 200
    for robot in ("Mozilla/5.0 (compatible; Googlebot/2.1)", "facebookexternalhit/1.1", "Baiduspider", ""):
        assert web.get(page, headers={"User-Agent": robot}).status_code == 200
    web.get("/fr/ressources/nulle-part", headers=BROWSER)
    today = datetime.now(UTC).date()
    assert counts.held() == {(today, rid, ReadKind.view): (1,), (today, rid, ReadKind.download): (1,)} | {
        (today, rid, ReadKind.api): (1,)
    }


def test_two_processes_counts_add_up_in_the_day_s_rows(session_factory: sessionmaker[Session]) -> None:
    day = datetime(2026, 12, 4, tzinfo=UTC).date()
    first, second = (ReadCounts(today=lambda: day) for _ in range(2))
    for _ in range(3):
        first.record(ReadKind.view, "cacao-ecoles.fr")
    first.record(ReadKind.download, "cacao-ecoles.fr")
    second.record(ReadKind.view, "cacao-ecoles.fr")
    second.record(ReadKind.api, "autre.en")
    assert first.flush(session_factory) == 2
    assert second.flush(session_factory) == 2
    first.record(ReadKind.view, "cacao-ecoles.fr")  # a minute later
    first.flush(session_factory)
    with session_factory() as session:
        found = session.execute(select(ReadCount.resource_id, ReadCount.kind, ReadCount.reads).order_by(ReadCount.kind))
        assert sorted((rid, str(kind), reads) for rid, kind, reads in found) == [
            ("autre.en", "api", 1),
            ("cacao-ecoles.fr", "download", 1),
            ("cacao-ecoles.fr", "view", 5),
        ]


def through_review(web: TestClient, session_factory: sessionmaker[Session], org: str, key: str, title: str) -> str:
    """A resource of ``org`` written, submitted and approved through the API, as a partner's is; its id."""
    partner, editor = make_key(session_factory, org, WRITE), make_key(session_factory, "crv", REVIEW)
    rid: str = create(web, partner, translation_key=key, slug=key, title=title).json()["id"]
    submit(web, partner, rid)
    approve(web, editor, rid)
    return rid


def seed(web: TestClient, session_factory: sessionmaker[Session]) -> tuple[str, str, str]:
    """ong-a's two resources and ong-b's one, read over the last months."""
    own = through_review(web, session_factory, "ong-a", "cacao-ecoles", "Des écoles dans les villages du cacao")
    quiet = through_review(web, session_factory, "ong-a", "briqueteries", "Les briqueteries sans enfants")
    other = through_review(web, session_factory, "ong-b", "mines-artisanales", "Mines artisanales suivies")
    today = datetime.now(UTC).date()
    long_ago = today.replace(day=1) - timedelta(days=100)  # a few months back, within the 12
    with session_factory() as session:
        read_counts.add(
            session,
            {
                (today, own, ReadKind.view): (40,),
                (today, own, ReadKind.download): (7,),
                (long_ago, own, ReadKind.view): (300,),
                (long_ago, quiet, ReadKind.view): (500,),
                (today - timedelta(days=400), own, ReadKind.view): (9999,),  # past the 12 months
                (today, other, ReadKind.view): (8642,),
            },
        )
        session.commit()
    return own, quiet, other


def test_an_organisation_sees_its_own_resources_reads_and_no_other_s(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    own, quiet, other = seed(web, session_factory)
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    text = partner.get("/en/partner").text
    section = text.split('<h2 id="readership-title">How your resources are read</h2>')[1]
    assert "in the last 30 days: 40 page views, 7 downloads; in the last 12 months: 840 page views, 7 downloads" in (
        section
    )
    # most read in the last 30 days first, though the other was read more over the year
    assert section.index(f"/en/partner/resources/{own}") < section.index(f"/en/partner/resources/{quiet}")
    row = section.split(f"/en/partner/resources/{own}")[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('">')[2:]] == ["40", "7", "340", "7"]
    assert "Mines artisanales" not in text and "8,642" not in text and "8642" not in text
    month = datetime.now(UTC).date().strftime("%B %Y")
    page = partner.get(f"/en/partner/resources/{own}").text
    table = page.split('<h2 id="reads-title">How it is read</h2>')[1]
    assert f'<tr><th scope="row">{month}</th><td>40</td><td>7</td><td>0</td></tr>' in table
    assert table.count('<th scope="row">') == 12
    assert partner.get(f"/en/partner/resources/{other}").status_code == 404  # another's: not even found


def test_the_editors_see_the_most_read_across_organisations_and_download_them(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    seed(web, session_factory)
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    assert 'href="/en/editorial/most-read-resources">Most read resources</a>' in editor.get("/en/editorial").text
    page = editor.get("/en/editorial/most-read-resources").text
    assert page.index("Mines artisanales suivies") < page.index("Des écoles dans les villages du cacao")
    assert "Les briqueteries sans enfants" not in page  # read months ago, not in the last 30 days
    csv = editor.get("/en/editorial/most-read-resources", params={"format": "csv"})
    assert csv.headers["content-disposition"] == 'attachment; filename="crv-most-read-resources-30d.csv"'
    lines = csv.text.splitlines()
    assert lines[0] == "Resource,Publisher,Language,Page views,Downloads,API reads,Public page"
    assert (
        lines[1] == "Mines artisanales suivies,Ong B,French,8642,0,0,http://testserver/fr/ressources/mines-artisanales"
    )
    assert lines[2].startswith("Des écoles dans les villages du cacao,Ong A,French,40,7,0,")
    xlsx = editor.get("/en/editorial/most-read-resources", params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and [cell.value for cell in sheet[2]][:4] == [
        "Mines artisanales suivies",
        "Ong B",
        "French",
        8642,
    ]
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    assert partner.get("/en/editorial/most-read-resources").status_code == 403


def test_the_personal_data_page_says_what_is_counted_and_how_long(web: TestClient) -> None:
    text = web.get("/en/personal-data").text
    assert '<p id="reads">The centre counts how often each published resource is read' in text
    assert "deleted after 400 days" in text
