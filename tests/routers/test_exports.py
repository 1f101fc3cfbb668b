"""GET /v1/export as CSV, JSON Lines and XLSX, read back with csv, json and openpyxl; formula injection; memory."""

import csv
import io
import json
import tracemalloc
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import insert, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import KeyKind, Organisation, OrganisationKind, Resource
from app.services import exports, listing
from tests.helpers import make_key, resource_row

pytestmark = pytest.mark.usefixtures("loaded")


def read_csv(client: TestClient, **params: str) -> list[dict[str, str]]:
    response = client.get("/v1/export", params={"format": "csv", **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="crv-resources-')
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_one_row_per_resource_and_language(client: TestClient) -> None:
    rows = read_csv(client)
    assert len(rows) == 6
    assert list(rows[0]) == list(exports.COLUMNS)
    ci = next(r for r in rows if r["id"] == "country-ci.fr")
    assert ci["licence"] == "CC-BY-4.0"
    assert ci["publisher"] == "Centre de ressources virtuel 8.7" and ci["publisher_code"] == "crv"  # as OAI-PMH
    assert ci["sources"] == "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"  # as dc:source
    assert next(r for r in rows if r["id"] == "country-ci.en")["publisher"] == "Virtual resource centre 8.7"
    assert ci["licence_url"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert ci["sectors"] == "cocoa|coffee"
    assert ci["url"] == "http://testserver/fr/ressources/cote-d-ivoire"
    assert [r["published_at"] for r in rows] == sorted((r["published_at"] for r in rows), reverse=True)


HEADER = (  # the exports' header row as consumers read it: written out, so that no change to it goes unnoticed
    "id,translation_key,language,type,title,summary,url,countries,regions,sectors,risks,audiences,publisher,licence,"
    "licence_url,published_at,updated_at,publisher_code,sources,modified_at,countries_covered,duration,level,"
    "prerequisites,documents"
)


def test_the_header_row_is_the_published_one_in_every_format(client: TestClient) -> None:
    """The columns are named once (the catalogue's table of their labels, :data:`app.services.catalog.EXPORT_COLUMNS`);
    the CSV's first bytes and the workbook's first row stay what they were."""
    csv_file = client.get("/v1/export", params={"format": "csv"}).content
    assert csv_file.startswith(f"\ufeff{HEADER}\r\n".encode())
    workbook = client.get("/v1/export", params={"format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(workbook), read_only=True)["resources"]
    assert next(sheet.iter_rows(values_only=True)) == tuple(HEADER.split(","))


def test_jsonl_with_search_filters(client: TestClient) -> None:
    response = client.get("/v1/export", params={"format": "jsonl", "country": "PK", "lang": "en"})
    assert response.status_code == 200
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in records] == ["country-pk.en"]
    assert records[0]["countries"] == ["PK"] and records[0]["licence"] == "CC-BY-4.0"
    assert records[0]["sources"] == ["https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"]
    assert records[0]["publisher"] == "Virtual resource centre 8.7" and records[0]["publisher_code"] == "crv"


def test_xlsx_read_by_openpyxl(client: TestClient) -> None:
    response = client.get("/v1/export", params={"format": "xlsx", "type": "methodology"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["resources"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == exports.COLUMNS
    assert sorted(r[0] for r in rows[1:]) == ["method-risk-mapping.en", "method-risk-mapping.fr"]


def test_xlsx_has_dates_links_a_frozen_header_and_an_autofilter(client: TestClient) -> None:
    response = client.get("/v1/export", params={"format": "xlsx", "country": "CI"})
    sheet = load_workbook(io.BytesIO(response.content))["resources"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Y3"  # 25 columns, the header and two rows
    column = {name: index + 1 for index, name in enumerate(exports.COLUMNS)}
    row = next(r for r in range(2, 4) if sheet.cell(row=r, column=1).value == "country-ci.fr")
    published = sheet.cell(row=row, column=column["published_at"])
    assert published.is_date and published.value.date() == date(2026, 1, 10)
    assert published.number_format == "yyyy-mm-dd"
    page = sheet.cell(row=row, column=column["url"])
    assert page.value == "http://testserver/fr/ressources/cote-d-ivoire"
    assert page.hyperlink is not None and page.hyperlink.target == page.value
    licence = sheet.cell(row=row, column=column["licence_url"])
    assert licence.hyperlink is not None and licence.hyperlink.target == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert sheet.cell(row=row, column=column["title"]).hyperlink is None
    assert sheet.cell(row=row, column=column["publisher"]).value == "Centre de ressources virtuel 8.7"


def test_text_query_and_unknown_values(client: TestClient) -> None:
    assert {r["id"] for r in read_csv(client, q="briques")} == {"country-pk.fr", "country-pk.en"}
    response = client.get("/v1/export", params={"format": "csv", "sector": "nope"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "sector"
    assert client.get("/v1/export", params={"format": "pdf"}).status_code == 422


def _add(session: Session, number: int, title: str = "Resource") -> None:
    values = [
        resource_row(
            f"bulk-{i}",
            "en",
            type="tool",
            title=f"{title} {i}" if title == "Resource" else title,
            summary="A generated resource for the export tests. " * 5,
            body="Body text. " * 200,
            countries=["FR"],
            published_at=date(2025, 1, 1),
            updated_at=date(2025, 1, 1),
            origin="content",
            version=1,
        )
        for i in range(number)
    ]
    session.execute(insert(Resource), values)
    session.commit()


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_injection_neutralised(client: TestClient, session: Session, title: str) -> None:
    _add(session, 1, title)
    row = next(r for r in read_csv(client, type="tool") if r["id"] == "bulk-0.en")
    assert row["title"] == "'" + title
    response = client.get("/v1/export", params={"format": "xlsx", "type": "tool"})
    sheet = load_workbook(io.BytesIO(response.content))["resources"]
    cell = sheet.cell(row=2, column=exports.COLUMNS.index("title") + 1)
    assert cell.data_type == "s" and cell.value == title  # text, shown as typed: no apostrophe to see
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # no formula anywhere, links too
    record = json.loads(client.get("/v1/export", params={"format": "jsonl", "type": "tool"}).text)
    assert record["title"] == title  # JSON is data, not a spreadsheet


def _peak_bytes(factory: sessionmaker[Session], export_format: exports.ExportFormat) -> tuple[int, int]:
    tracemalloc.start()
    size = 0
    with factory() as session:
        resources = listing.stream(session, listing.Selection(), batch_size=100)
        for chunk in exports.export(resources, export_format, "http://x"):
            size += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("export_format", list(exports.ExportFormat))
def test_memory_stays_flat_as_rows_grow(
    session: Session, session_factory: sessionmaker[Session], export_format: exports.ExportFormat
) -> None:
    if export_format == exports.ExportFormat.xlsx and session.get_bind().dialect.name != "sqlite":
        pytest.skip("the database side is measured by csv and jsonl; openpyxl under tracemalloc is slow")
    _add(session, 200)
    small_peak, small_size = _peak_bytes(session_factory, export_format)
    session.execute(Resource.__table__.delete().where(Resource.translation_key.like("bulk-%")))
    session.commit()
    _add(session, 2000)
    large_peak, large_size = _peak_bytes(session_factory, export_format)
    assert large_size > 5 * small_size  # ten times the rows…
    assert large_peak < 1.5 * small_peak + 500_000, (small_peak, large_peak)  # …not ten times the memory


def test_http_response_is_streamed(client: TestClient) -> None:
    with client.stream("GET", "/v1/export", params={"format": "jsonl"}) as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers
        assert sum(1 for _ in response.iter_lines() if _) == 6


def test_publishable_key_fixed_filters_hold_in_exports_and_feeds(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    key = make_key(
        session_factory, "widget-org", kind=KeyKind.publishable, origins=["https://partner.example"],
        filters={"sector": ["bricks"]},
    )  # fmt: skip
    headers = {"Origin": "https://partner.example", "X-Crv-Key": key}
    response = client.get("/v1/export", params={"format": "jsonl"}, headers=headers)
    assert response.status_code == 200
    assert {json.loads(line)["id"] for line in response.text.splitlines()} == {"country-pk.en", "country-pk.fr"}
    assert response.headers["access-control-allow-origin"] == "https://partner.example"
    feed = client.get("/v1/feed.atom", params={"country": "CI"}, headers=headers)
    assert feed.status_code == 200 and "<entry" not in feed.text  # CI has no brick resource


def test_partner_publisher_named_and_sources_kept_safe(client: TestClient, session: Session) -> None:
    session.add(Organisation(slug="cocoa-ngo", name="Cocoa NGO", kind=OrganisationKind.ngo))
    sources = [
        {"title": "A", "url": "https://example.org/a|b"},
        {"title": "B", "url": "javascript:alert(1)"},
        {"title": "C", "url": "http://example.org/c"},
    ]
    session.add(Resource(**resource_row("partner", "en", type="tool", publisher="cocoa-ngo", sources=sources)))
    session.commit()
    row = next(r for r in read_csv(client, type="tool") if r["id"] == "partner.en")
    assert row["publisher"] == "Cocoa NGO" and row["publisher_code"] == "cocoa-ngo"
    assert row["sources"] == "https://example.org/a%7Cb|http://example.org/c"  # the separator stays a separator


def test_conditional_get_answers_304_until_something_changes(client: TestClient, session: Session) -> None:
    params = {"format": "csv", "country": "CI"}
    first = client.get("/v1/export", params=params)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"') and last_modified.endswith(" GMT")
    again = client.get("/v1/export", params=params)
    assert again.headers["etag"] == etag  # the same state, the same validator
    unchanged = client.get("/v1/export", params=params, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag and unchanged.headers["last-modified"] == last_modified
    since = client.get("/v1/export", params=params, headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
    other = client.get(
        "/v1/export", params=params, headers={"If-None-Match": 'W/"x"', "If-Modified-Since": last_modified}
    )
    assert other.status_code == 200
    # another format, another selection: another representation
    assert client.get("/v1/export", params={**params, "format": "xlsx"}).headers["etag"] != etag
    assert client.get("/v1/export", params={**params, "country": "PK"}).headers["etag"] != etag
    # a change to a resource, or to a publisher's name, makes the copy stale
    resource = session.get(Resource, "country-ci.fr")
    assert resource is not None
    resource.title = "Côte d’Ivoire, revue"
    session.commit()
    changed = client.get("/v1/export", params=params, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "revue" in changed.text
    partner = Organisation(slug="cocoa-ngo", name="Cocoa NGO", kind=OrganisationKind.ngo)
    session.add(partner)
    session.add(Resource(**resource_row("partner", "en", type="tool", publisher="cocoa-ngo")))  # its name is shown
    session.commit()
    before = client.get("/v1/export", params=params).headers["etag"]
    partner.name = "Cocoa NGO International"
    session.commit()
    assert client.get("/v1/export", params=params, headers={"If-None-Match": before}).status_code == 200


def test_not_modified_from_a_copy_older_than_the_columns(client: TestClient) -> None:
    """A copy fetched before the columns changed is stale whatever the resources' dates say."""
    response = client.get("/v1/export", headers={"If-Modified-Since": "Mon, 30 Nov 2026 00:00:00 GMT"})
    assert response.status_code == 200
    assert parsedate_to_datetime(response.headers["last-modified"]) >= exports.COLUMNS_CHANGED


def changed_at_three_moments(session: Session) -> None:
    """Three resources last changed in 2025 (the rest today): Côte d'Ivoire's sheet on 10 January at 09:00:00.5,
    Pakistan's on 15 February at 12:30, the risk-mapping method on 5 March at 08:00 (UTC)."""
    changes = {"country-ci": datetime(2025, 1, 10, 9, 0, 0, 500_000, tzinfo=UTC),
               "country-pk": datetime(2025, 2, 15, 12, 30, tzinfo=UTC),
               "method-risk-mapping": datetime(2025, 3, 5, 8, 0, tzinfo=UTC)}  # fmt: skip
    for key, moment in changes.items():
        session.execute(update(Resource).where(Resource.translation_key == key).values(modified_at=moment))
    session.commit()


def test_since_exports_what_changed_since_within_the_filters(client: TestClient, session: Session) -> None:
    """``since`` (inclusive, UTC without an offset): the resources changed at or after it, with any filter; another
    file, so another ETag, and the same one answers 304 while nothing changes."""
    changed_at_three_moments(session)
    changed = {r["id"] for r in read_csv(client, since="2025-02-15T12:30:00")}
    assert changed == {"country-pk.en", "country-pk.fr", "method-risk-mapping.en", "method-risk-mapping.fr"}
    assert {r["id"] for r in read_csv(client, since="2025-02-15T12:30:00.000001Z")} == {
        "method-risk-mapping.en", "method-risk-mapping.fr"
    }  # fmt: skip
    assert {r["id"] for r in read_csv(client, since="2025-01-10T09:00:00Z")} == {r["id"] for r in read_csv(client)}
    assert {r["id"] for r in read_csv(client, since="2025-02-01", country="PK", lang="en")} == {"country-pk.en"}
    assert read_csv(client, since="2025-02-01", country="CI") == []
    jsonl = client.get("/v1/export", params={"format": "jsonl", "since": "2025-03-05T09:00:00+01:00"})
    assert sorted(json.loads(line)["id"] for line in jsonl.text.splitlines()) == [
        "method-risk-mapping.en", "method-risk-mapping.fr"
    ]  # fmt: skip
    params = {"format": "csv", "since": "2025-02-01"}
    first = client.get("/v1/export", params=params)
    assert first.headers["etag"] != client.get("/v1/export", params={"format": "csv"}).headers["etag"]
    assert first.headers["etag"] != client.get("/v1/export", params={**params, "since": "2025-03-01"}).headers["etag"]
    unchanged = client.get("/v1/export", params=params, headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304
