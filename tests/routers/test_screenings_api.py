"""POST /v1/screenings: formats in and out, limits, bad lines, privacy."""

import csv
import io
import logging
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine

from app.services.screening_files import COLUMNS
from tests.helpers import rows_in_every_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIRTY = [
    ("Côte d’Ivoire", "cacao"),
    ("Ivory Coast", "cocoa beans"),
    ("Ghana", "cocoa"),
    ("Brazil", "cocoa"),
    ("Nigeria", "cacao"),
    ("Cameroun", "cacao"),
    ("USA", "t-shirts"),
    ("Bangladesh", "t-shirts"),
    ("Inde", "coton"),
    ("India", "garments"),
    ("China", "polysilicon"),
    ("Chine", "lithium-ion batteries"),
    ("RDC", "cobalt"),
    ("DRC", "copper"),
    ("Ouzbékistan", "cotton"),
    ("Turkménistan", "coton"),
    ("Pakistan", "bricks"),
    ("Indonésie", "huile de palme"),
    ("Malaysia", "palm oil"),
    ("Thaïlande", "shrimp"),
    ("Birmanie", "jade"),
    ("Pérou", "or"),
    ("Mali", "gold"),
    ("France", "cocoa"),
    ("Albania", "cocoa"),
    ("Mexique", "tomates"),
    ("Paraguay", "sugarcane"),
    ("Narnia", "gold"),
    ("Ghana", "widgets"),
    ("Vietnam", "garments"),
]


def csv_body(rows: list[tuple[str, str]], delimiter: str = ";") -> str:
    lines = [delimiter.join(("reference", "pays", "produit"))]
    lines += [delimiter.join((f"S{n}", country, product)) for n, (country, product) in enumerate(rows, start=1)]
    return "\n".join(lines) + "\n"


def test_thirty_pairs_in_one_upload(client: TestClient) -> None:
    body = csv_body(THIRTY).encode("cp1252", errors="replace")
    response = client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    result = response.json()
    states = {line["reference"]: line["state"] for line in result["lines"]}
    assert states["S1"] == states["S2"] == states["S3"] == "finding"
    assert states["S7"] == "not_assessed" and states["S24"] == "not_assessed"
    assert states["S25"] == "assessed_no_finding"
    assert states["S28"] == "unresolved" and states["S29"] == "unresolved"
    brazil = next(line for line in result["lines"] if line["reference"] == "S4")
    assert brazil["findings"] == ["child_labour"]
    summary = result["summary"]
    assert summary["screened"] == 30 and summary["rejected"] == 0
    assert sum(summary["by_state"].values()) == 30
    assert set(result["resources"]) >= {key for line in result["lines"] for key in line["next"]}


def test_json_in_csv_and_xlsx_out(client: TestClient) -> None:
    payload = {"lines": [{"reference": "=cmd|' /C calc'!A0", "country": "CI", "product": "cocoa"}]}
    as_csv = client.post(
        "/v1/screenings", json=payload, params={"format": "csv", "lang": "fr", "separator": "semicolon"}
    )
    assert as_csv.status_code == 200
    rows = list(csv.reader(io.StringIO(as_csv.text), delimiter=";"))
    assert rows[1][1].startswith("'=")
    assert rows[1][rows[0].index("state_label")] == "Constat"
    as_xlsx = client.post("/v1/screenings", json=payload, headers={"Accept": XLSX})
    assert as_xlsx.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True)["screening"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][1] == "=cmd|' /C calc'!A0"  # text in a workbook, shown as sent: no formula, no apostrophe


def test_xlsx_and_multipart_upload(client: TestClient) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Country", "Product"])
    sheet.append(["Côte d'Ivoire", "cocoa"])
    out = io.BytesIO()
    workbook.save(out)
    direct = client.post("/v1/screenings", content=out.getvalue(), headers={"Content-Type": XLSX})
    assert direct.json()["lines"][0]["state"] == "finding"
    upload = client.post("/v1/screenings", files={"file": ("list.xlsx", out.getvalue(), XLSX)})
    assert upload.json()["lines"][0]["line"] == 2


def test_bad_lines_are_reported_and_others_processed(client: TestClient) -> None:
    body = "country;product\nGhana;cocoa\n;gold\nMali;\nMali;gold\n"
    result = client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"}).json()
    assert [line["line"] for line in result["lines"]] == [2, 5]
    assert result["errors"] == [  # with the cells as read, so that a caller finds and fixes the line
        {
            "line": 3,
            "reason": "no country",
            "reference": "",
            "country_input": "",
            "product_input": "gold",
            "buyer_columns": {},  # the list has no other column
        },
        {
            "line": 4,
            "reason": "no product",
            "reference": "",
            "country_input": "Mali",
            "product_input": "",
            "buyer_columns": {},
        },
    ]
    assert result["buyer_columns"] == [] and all(line["buyer_columns"] == {} for line in result["lines"])


def test_limits(client: TestClient) -> None:
    too_many = "country;product\n" + "Ghana;cocoa\n" * 5001
    response = client.post("/v1/screenings", content=too_many, headers={"Content-Type": "text/csv"})
    assert response.status_code == 422 and "5,000" in response.json()["detail"]
    too_big = "country;product\n" + "Ghana;" + "x" * (2 * 1024 * 1024) + "\n"
    response = client.post("/v1/screenings", content=too_big, headers={"Content-Type": "text/csv"})
    assert response.status_code == 413 and "2 MiB" in response.json()["detail"]
    assert response.headers["content-type"] == "application/problem+json"
    assert client.post("/v1/screenings", content=b"", headers={"Content-Type": "text/csv"}).status_code == 422
    assert (
        client.post("/v1/screenings", content=b"{nope", headers={"Content-Type": "application/json"}).status_code == 422
    )
    broken = client.post("/v1/screenings", content=b"PK\x03\x04broken", headers={"Content-Type": XLSX})
    assert broken.status_code == 422


def test_five_thousand_lines_are_accepted(client: TestClient) -> None:
    body = "country;product\n" + "Ghana;cocoa\n" * 5000
    response = client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"})
    assert response.status_code == 200
    assert response.json()["summary"]["by_state"]["finding"] == 5000


def test_lists_are_neither_logged_nor_stored(
    client: TestClient, db_engine: Engine, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    before = rows_in_every_table(db_engine)
    secret = "SECRET-SUPPLIER-7f3a"
    caplog.set_level(logging.DEBUG)
    client.post("/v1/screenings", json={"lines": [{"reference": secret, "country": "Narnia", "product": secret}]})
    client.post("/v1/screenings", content=f"country;product\n{secret};\n", headers={"Content-Type": "text/csv"})
    captured = capfd.readouterr()
    assert secret not in caplog.text and secret not in captured.out and secret not in captured.err
    assert rows_in_every_table(db_engine) == before


@pytest.mark.parametrize(
    ("body", "content_type", "said"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "text/csv", "save it as .xlsx"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "text/csv", "PDF document"),
        (b"Fournisseur;Pays;Produit\r\n", "text/csv", "a header but no line under it"),
        (b"Nom;Ville;Chiffre d'affaires\nAcme;Lyon;1000\n", "text/csv", "No country column found"),
    ],
)
def test_a_file_that_is_no_list_is_a_problem_not_a_screening(
    client: TestClient, body: bytes, content_type: str, said: str
) -> None:
    # An .xls was screened as text (200, its bytes as « unreadable lines »), a header alone as « 0 lines ».
    for response in (
        client.post("/v1/screenings", content=body, headers={"Content-Type": content_type}),
        client.post("/v1/screenings", files={"file": ("list", body, "application/octet-stream")}),
    ):
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert said in problem["detail"] and problem["errors"][0]["field"] == "body"


def test_files_keep_the_buyer_s_columns_after_the_documented_ones(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.routers.screenings.screened_now", lambda: datetime(2025, 3, 12, 14, 5, tzinfo=UTC))
    body = "Code;Fournisseur;Pays;Produit;Montant\nF1;Acme;Côte d'Ivoire;cacao;1 000\nF2;Beta;Narnia;cacao;12\n"
    as_csv = client.post("/v1/screenings", content=body, params={"format": "csv"}, headers={"Content-Type": "text/csv"})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-disposition"] == 'attachment; filename="screening-2025-03-12-1405-UTC.csv"'
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    header = rows[0]
    documented = len(COLUMNS)
    assert header == [*COLUMNS, "Fournisseur", "Montant"] and header[13] == "state"  # additive: same columns first
    assert header[25] == "category_input"  # added after the others
    assert rows[1][documented:] == ["Acme", "1 000"] and rows[1][header.index("working_children_5_14")] == "0.256"
    assert rows[2][header.index("state_label")] == "Country not recognised"  # it said « Unresolved »
    as_xlsx = client.post(
        "/v1/screenings", content=body, params={"format": "xlsx"}, headers={"Content-Type": "text/csv"}
    )
    assert as_xlsx.headers["content-disposition"] == 'attachment; filename="screening-2025-03-12-1405-UTC.xlsx"'
    book = load_workbook(io.BytesIO(as_xlsx.content))
    sheet = book["screening"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    # The summary says the day it was screened after the older rows (a client reading its rows by their places reads
    # them still), then the columns read, by the list's names.
    summary = [tuple(cell.value for cell in row) for row in book["summary"].iter_rows()]
    assert summary[0][0] == "lines" and summary[-6] == ("screened_on", "2025-03-12")
    assert summary[-5:] == [
        ("columns_read:country", "Pays"),
        ("columns_read:product", "Produit"),
        ("columns_read:reference", "Code"),
        ("columns_read:line", None),  # an empty cell
        ("columns_read:category", None),
    ]
    values = [cell.value for cell in sheet[2]]
    assert values[0] == 2 and values[header.index("working_children_5_14")] == 0.256  # numbers, not text
    # The buyer's amounts too, as the page's workbook writes them: « 1 000 » was the text '1 000', and a column of
    # them sorted as text.
    assert values[header.index("Montant")] == 1000 and [cell.value for cell in sheet[3]][-1] == 12
    assert client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"}).json()["lines"][1][
        "state_labels"
    ] == {"fr": "Pays non reconnu", "en": "Country not recognised"}


def test_an_uploaded_list_s_other_columns_come_back_on_each_json_line(client: TestClient) -> None:
    # « Supplier » is read as the reference; the buyer's supplier ID, spend and buyer are their own columns, which
    # the JSON dropped: a client could not join the results to its records.
    body = (
        "Supplier;Supplier ID;Country of origin;Product;Spend (EUR);Buyer\n"
        "Acme;F-001;Côte d'Ivoire;cocoa;125 000;Anne\n"
        "Beta;F-002;;cocoa;12;Bob\n"
        "Gamma;F-003;Narnia;gold;;\n"
    )
    result = client.post("/v1/screenings", files={"file": ("list.csv", body.encode(), "text/csv")}).json()
    assert result["buyer_columns"] == ["Supplier ID", "Spend (EUR)", "Buyer"]
    lines = {line["line"]: line for line in result["lines"]}
    assert lines[2]["reference"] == "Acme"
    assert lines[2]["buyer_columns"] == {"Supplier ID": "F-001", "Spend (EUR)": "125 000", "Buyer": "Anne"}
    assert lines[4]["buyer_columns"] == {"Supplier ID": "F-003", "Spend (EUR)": "", "Buyer": ""}  # every column
    assert result["errors"][0]["line"] == 3  # an unreadable line keeps its columns too, to be found and fixed
    assert result["errors"][0]["buyer_columns"] == {"Supplier ID": "F-002", "Spend (EUR)": "12", "Buyer": "Bob"}
    # The CSV has the same columns, under the same names, with the same cells.
    as_csv = client.post(
        "/v1/screenings", files={"file": ("list.csv", body.encode(), "text/csv")}, params={"format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert list(rows[0])[-3:] == result["buyer_columns"]
    by_line = {int(row["line"]): {name: row[name] for name in result["buyer_columns"]} for row in rows}
    assert by_line == {
        **{number: line["buyer_columns"] for number, line in lines.items()},
        3: result["errors"][0]["buyer_columns"],
    }


def test_an_uploaded_workbook_s_other_columns_come_back_too(client: TestClient) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Supplier ID", "Montant"])
    sheet.append(["Ghana", "cacao", "00123", 1500])
    out = io.BytesIO()
    workbook.save(out)
    line = client.post("/v1/screenings", files={"file": ("list.xlsx", out.getvalue(), XLSX)}).json()["lines"][0]
    assert line["reference"] == "00123"  # « Supplier ID » names the reference where no other column does
    assert line["buyer_columns"] == {"Montant": "1500"}


def test_a_json_client_s_reference_and_own_fields_come_back_on_each_line(client: TestClient) -> None:
    payload = {
        "lines": [
            {
                "reference": 42,
                "country": "CI",
                "product": "cocoa",
                "buyer_columns": {"id": 9007199254740993, "Spend": 1200.5, "Active": True, "Note": None},
                "ignored": "any other field",
            },
            {"reference": "SUP-2", "country": "BR", "product": "cocoa", "buyer_columns": {"Buyer": "Anne"}},
            {"reference": "SUP-3", "product": "gold", "buyer_columns": {"id": "x-3"}},
            {"country": "Ghana", "product": "cocoa"},
        ]
    }
    result = client.post("/v1/screenings", json=payload).json()
    assert result["buyer_columns"] == ["id", "Spend", "Active", "Note", "Buyer"]  # in order of appearance
    first, second, fourth = result["lines"]
    assert first["reference"] == "42" and second["reference"] == "SUP-2"
    assert first["buyer_columns"] == {
        "id": "9007199254740993",
        "Spend": "1200.5",
        "Active": "true",
        "Note": "",
        "Buyer": "",
    }
    assert second["buyer_columns"] == {"id": "", "Spend": "", "Active": "", "Note": "", "Buyer": "Anne"}
    assert fourth["reference"] is None and set(fourth["buyer_columns"].values()) == {""}
    problem = result["errors"][0]
    assert (problem["line"], problem["reference"], problem["buyer_columns"]["id"]) == (3, "SUP-3", "x-3")
    as_csv = client.post("/v1/screenings", json=payload, params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0][-5:] == result["buyer_columns"] and rows[1][-5:] == ["9007199254740993", "1200.5", "true", "", ""]
    # Without any, the object is empty, as the line of a list without other columns.
    plain = client.post("/v1/screenings", json={"lines": [{"country": "CI", "product": "cocoa"}]}).json()
    assert plain["buyer_columns"] == [] and plain["lines"][0]["buyer_columns"] == {}


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ([{"country": "CI", "product": "cocoa"}, {"country": "CI", "product": "cocoa", "buyer_columns": ["F-1"]}],
         "Line 2: buyer_columns must be an object"),
        ([{"country": "CI", "product": "cocoa", "buyer_columns": {"Tags": ["a", "b"]}}],
         "Line 1: buyer_columns must be an object"),
        ([{"country": "CI", "product": "cocoa", "buyer_columns": {f"c{n}": n for n in range(101)}}],
         "The list has 101 columns besides"),
        ([{"country": "CI", "product": "cocoa", "buyer_columns": {"x" * 3001: "1"}}],
         "longer than 3,000 characters in all"),
    ],
)  # fmt: skip
def test_bad_buyer_columns_are_a_problem(client: TestClient, lines: list[dict[str, object]], said: str) -> None:
    response = client.post("/v1/screenings", json={"lines": lines})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert said in problem["detail"] and problem["errors"][0]["field"] == "body"


def test_a_list_with_too_many_other_columns_is_a_problem_not_a_huge_answer(client: TestClient) -> None:
    header = ";".join(["Country", "Product", *(f"Col {n}" for n in range(101))])
    body = f"{header}\n" + "Ghana;cocoa\n" * 10
    response = client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"})
    assert response.status_code == 422 and "101 columns" in response.json()["detail"]
    hundred = ";".join(["Country", "Product", *(f"Col {n}" for n in range(100))])
    accepted = client.post("/v1/screenings", content=f"{hundred}\nGhana;cocoa\n", headers={"Content-Type": "text/csv"})
    assert accepted.status_code == 200 and len(accepted.json()["lines"][0]["buyer_columns"]) == 100


def test_an_integer_too_long_to_read_is_a_bad_line_not_a_server_error(client: TestClient) -> None:
    body = '{"lines": [{"reference": ' + "1" * 5000 + ', "country": "CI", "product": "cocoa"}]}'
    response = client.post("/v1/screenings", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200  # was a 500: Python reads no integer over 4,300 digits
    assert response.json()["errors"][0]["reason"] == "a cell is longer than 300 characters"


def test_the_openapi_schema_documents_the_buyer_s_columns(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/screenings"]["post"]["requestBody"]
    line = body["content"]["application/json"]["schema"]["properties"]["lines"]["items"]
    assert "returned in its result's `buyer_columns`" in line["properties"]["buyer_columns"]["description"]
    assert "`reference`" in body["description"] and "`buyer_columns`" in body["description"]
    schemas = spec["components"]["schemas"]
    assert "join the results" in schemas["ScreenedLine"]["properties"]["buyer_columns"]["description"]
    assert "buyer_columns" in schemas["LineProblem"]["properties"]
    assert (
        "keys of each line's `buyer_columns`"
        in schemas["ScreeningResult"]["properties"]["buyer_columns"]["description"]
    )
