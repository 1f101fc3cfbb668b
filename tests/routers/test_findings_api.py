"""GET /v1/findings (JSON and CSV), /v1/findings/countries and /v1/findings/countries/{code}."""

import csv

import pytest
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


def test_countries_csv_like_the_rows_by_parameter_and_by_accept(client: TestClient) -> None:
    """The countries' statuses come as CSV as the rows do: ``format=csv`` or ``Accept: text/csv``, a BOM for Excel,
    one row per country with its labels, counts per finding and the goods made with its inputs, ``|``-separated."""
    as_json = client.get("/v1/findings/countries", params={"region": "sub-saharan-africa"}).json()
    response = client.get("/v1/findings/countries", params={"region": "sub-saharan-africa", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="findings-countries.csv"'
    assert response.content.startswith("\ufeffcountry_code,country_iso3,country_fr,".encode())
    rows = {row["country_code"]: row for row in csv.DictReader(response.content.decode("utf-8-sig").splitlines())}
    assert list(rows) == [country["country"]["code"] for country in as_json["countries"]]
    ci = rows["CI"]
    assert (ci["country_fr"], ci["status"], ci["status_fr"]) == (
        "Côte d’Ivoire",
        "forced_child_labour",
        "Travail forcé des enfants",
    )
    assert ci["assessed"] == "true" and ci["working_children_share_5_14"] == "0.256"
    assert ci["source_url"].startswith("https://www.dol.gov/") and ci["vintage"] == "2022"
    assert ci["country_sheet_en"] == "http://testserver/en/resources/cote-d-ivoire"
    json_ci = client.get("/v1/findings/countries/CI").json()
    assert [int(ci[f"{name}_goods"]) for name in json_ci["findings"]] == list(json_ci["findings"].values())
    cd = client.get("/v1/findings/countries", params={"format": "csv"}).content.decode("utf-8-sig")
    congo = next(row for row in csv.DictReader(cd.splitlines()) if row["country_code"] == "CD")
    assert "CN:" in congo["exploited_inputs"]  # goods made in China with inputs (cobalt) from the DR Congo
    by_accept = client.get("/v1/findings/countries", params={"status": "not_assessed"}, headers={"Accept": "text/csv"})
    assert by_accept.headers["content-type"].startswith("text/csv") and by_accept.content.startswith(b"\xef\xbb\xbf")
    fr = next(
        row for row in csv.DictReader(by_accept.content.decode("utf-8-sig").splitlines()) if row["country_code"] == "FR"
    )
    assert fr["assessed"] == "false" and fr["advancement_ilab"] == fr["working_children_share_5_14"] == ""


@pytest.mark.parametrize("path", ["/v1/findings", "/v1/findings/countries"])
@pytest.mark.parametrize(
    ("accept", "csv_chosen"),
    [
        ("text/csv", True),
        ("text/csv, application/json;q=0.5", True),
        ("application/json;q=0.1, text/csv", True),  # the weights decide, not the names' presence
        ("text/csv;q=0, */*", False),  # refused
        ("text/csv, application/json", False),  # equal: JSON, the default
        ("*/*", False),
        (None, False),
    ],
)
def test_findings_negotiate_json_or_csv_alike_and_vary(
    client: TestClient, path: str, accept: str | None, csv_chosen: bool
) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv" if csv_chosen else "application/json")
    assert "Accept" in [name.strip() for name in response.headers["vary"].split(",")]
    assert response.headers["etag"]
    chosen = client.get(path, params={"format": "json"}, headers={"Accept": accept} if accept else {})
    assert chosen.headers["content-type"] == "application/json"  # format wins, and the answer does not vary
    assert "Accept" not in [name.strip() for name in chosen.headers.get("vary", "").split(",")]
