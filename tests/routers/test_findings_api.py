"""GET /v1/findings (JSON and CSV), /v1/findings/countries and /v1/findings/countries/{code}."""

import csv

from fastapi.testclient import TestClient


def test_findings_json_for_a_pair(client: TestClient) -> None:
    response = client.get("/v1/findings", params={"country": "BR", "good": "cocoa"})
    assert response.status_code == 200
    assert response.headers["cache-control"].startswith("public")
    body = response.json()
    assert body["total"] == 1
    (row,) = body["rows"]
    assert row["findings"] == ["child_labour"]
    assert row["source"]["vintage"] == "2022"
    assert row["good"]["labels"] == {"fr": "Cacao", "en": "Cocoa"}
    assert row["country_sheet"] is None  # the fixture corpus has no Brazil sheet


def test_findings_link_the_sheets_of_the_content_folder(client: TestClient) -> None:
    (row, _) = client.get("/v1/findings", params={"country": "ci"}).json()["rows"]
    assert row["country_sheet"]["page_url"] == {
        "fr": "http://testserver/fr/ressources/cote-d-ivoire",
        "en": "http://testserver/en/resources/cote-d-ivoire",
    }
    assert row["commodity_sheet"] is None


def test_findings_csv_by_parameter_and_by_accept(client: TestClient) -> None:
    response = client.get("/v1/findings", params={"good": "cocoa", "finding": "forced_labour", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbfcountry_code,")  # a BOM, as the export's: Excel reads UTF-8
    rows = list(csv.DictReader(response.content.decode("utf-8-sig").splitlines()))
    assert sorted(r["country_code"] for r in rows) == ["CI", "NG"]
    by_accept = client.get("/v1/findings", params={"good": "cocoa"}, headers={"Accept": "text/csv"})
    assert by_accept.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(by_accept.content.decode("utf-8-sig").splitlines()))) == 7


def test_unknown_values_are_422_problems(client: TestClient) -> None:
    response = client.get("/v1/findings", params={"country": "ZZ", "finding": "slavery"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["country", "finding"]
    assert client.get("/v1/findings", params={"format": "xml"}).status_code == 422


def test_countries_for_a_map(client: TestClient) -> None:
    body = client.get("/v1/findings/countries", params={"status": "not_assessed"}).json()
    codes = {c["country"]["code"] for c in body["countries"]}
    assert "FR" in codes and "CI" not in codes
    ci = client.get("/v1/findings/countries/CI").json()
    assert ci["status"] == "forced_child_labour"
    assert ci["status_labels"] == {"fr": "Travail forcé des enfants", "en": "Forced child labour"}
    assert ci["working_children"]["share_5_14"] == 0.256
    assert client.get("/v1/findings/countries/QQ").status_code == 404
    assert client.get("/v1/findings/countries", params={"status": "bad"}).status_code == 422
