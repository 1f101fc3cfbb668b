"""The screening tells the buyer which of their columns it read, by their own names: above the page's results (from
one post of its results' form to the next), on its workbook's summary, in the API's JSON and workbook."""

import html
import io
import json
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.i18n import gettext
from tests.routers.test_screening_page import token
from tests.routers.test_screenpage import box

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST = (
    "Code fournisseur;Pays;Pays de provenance;Désignation article;Montant\n"
    "F1;France;Côte d’Ivoire;fèves de cacao;1 000\n"
    "F2;France;Narnia;or;12\n"
)
SAID = (
    "Columns read: country — “Pays de provenance”; product — “Désignation article”; reference — “Code fournisseur”. "
    "Your 2 other columns are kept in the downloads."
)


def columns_read(page: str) -> str | None:
    found = re.search(r'<p id="columns-read">([^<]*)</p>', page)
    return html.unescape(found.group(1)) if found else None


def summary_of(workbook: bytes, sheet: str) -> dict[object, object]:
    rows = load_workbook(io.BytesIO(workbook), read_only=True)[sheet].iter_rows(values_only=True)
    return {row[0]: row[1] if len(row) > 1 else None for row in rows if row}


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', page)
    assert found, name
    return html.unescape(found.group(1))


def test_the_page_names_the_columns_it_read_and_keeps_saying_it(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    files = {"file": ("fournisseurs.csv", LIST.encode("utf-8"), "text/csv")}
    first = client.post("/en/tools/screening", data={"csrf_token": csrf}, files=files)
    assert first.status_code == 200
    assert columns_read(first.text) == SAID
    # Above the results: before the table and its cautions.
    assert first.text.index('id="columns-read"') < first.text.index('id="screening-results"')
    # A filter posts the carried list, whose header is the page's own, and the columns read beside it.
    carried = {"csrf_token": csrf, **{name: hidden(first.text, name) for name in ("list", "columns", "source")}}
    only = client.post("/en/tools/screening", data={**carried, "state": "unresolved"})
    assert re.findall(r'<tr data-state="([a-z_]+)"', only.text) == ["unresolved"]
    assert columns_read(only.text) == SAID
    # The page's workbook states them on its summary, beside the file's name.
    download = client.post("/en/tools/screening", data={**carried, "download": "xlsx"})
    summary = summary_of(download.content, "Summary")
    assert summary["Original file"] == "fournisseurs.csv"
    assert summary["Columns read"] == (
        "country — “Pays de provenance”; product — “Désignation article”; reference — “Code fournisseur”"
    )
    # The CSV stays a plain table: a header and the lines.
    as_csv = client.post("/en/tools/screening", data={**carried, "download": "csv"})
    assert "Columns read" not in as_csv.text and len(as_csv.text.strip().splitlines()) == 3


def test_a_list_without_a_header_is_said_to_be_read_in_its_order(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    pasted = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": "cocoa;Ghana\n"})
    said = "Your list has no header: its columns were read in the order country, product."
    assert columns_read(pasted.text) == said
    again = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": hidden(pasted.text, "list"), "columns": hidden(pasted.text, "columns")},
    )
    assert columns_read(again.text) == said
    workbook = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": hidden(pasted.text, "list"), "download": "xlsx"},
    )
    summary = summary_of(workbook.content, "Summary")
    assert "Columns read" not in summary  # its lines' sheet shows the cells under the roles read


def test_a_form_from_an_older_page_without_the_field_is_screened_without_the_sentence(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    first = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": LIST})
    assert columns_read(first.text)
    older = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": hidden(first.text, "list")})
    assert older.status_code == 200 and columns_read(older.text) is None
    forged = client.post(
        "/fr/outils/criblage",
        data={"csrf_token": csrf, "list": hidden(first.text, "list"), "columns": '{"country": ["<b>"]}'},
    )
    assert forged.status_code == 200 and columns_read(forged.text) is None


def test_the_buyer_s_names_are_escaped(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    page = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": "Pays;Produit\nGhana;cacao\n"}).text
    injected = json.dumps({"country": "<script>alert(1)</script>", "product": "Produit"})
    resent = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": hidden(page, "list"), "columns": injected}
    )
    assert "<script>alert(1)</script>" not in resent.text
    assert columns_read(resent.text) == "Columns read: country — “<script>alert(1)</script>”; product — “Produit”."


def test_the_api_s_json_carries_the_columns_read(client: TestClient) -> None:
    body = LIST.encode("utf-8")
    result = client.post("/v1/screenings", content=body, headers={"Content-Type": "text/csv"}).json()
    assert result["columns_read"] == {
        "country": "Pays de provenance",
        "product": "Désignation article",
        "reference": "Code fournisseur",
        "line": None,
        "category": None,
    }
    assert result["buyer_columns"] == ["Pays", "Montant"]
    english = "Supplier;Country of origin;Commodity;Purchase category\nS1;Ghana;;Cocoa\n"
    read = client.post("/v1/screenings", content=english, headers={"Content-Type": "text/csv"}).json()["columns_read"]
    assert read == {
        "country": "Country of origin",
        "product": "Commodity",
        "reference": "Supplier",
        "line": None,
        "category": "Purchase category",
    }
    headerless = client.post("/v1/screenings", content="Ghana;cocoa\n", headers={"Content-Type": "text/csv"})
    assert headerless.json()["columns_read"] is None
    as_json = client.post("/v1/screenings", json={"lines": [{"country": "Ghana", "product": "cocoa"}]})
    assert as_json.json()["columns_read"] is None
    workbook = client.post(
        "/v1/screenings", content=body, params={"format": "xlsx"}, headers={"Content-Type": "text/csv"}
    )
    summary = summary_of(workbook.content, "summary")
    assert summary["columns_read:country"] == "Pays de provenance"
    assert summary["columns_read:product"] == "Désignation article"


def test_the_schema_documents_the_field(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    field = schemas["ScreeningResult"]["properties"]["columns_read"]
    assert "header" in field["description"]
    assert set(schemas["ColumnsRead"]["properties"]) == {"country", "product", "reference", "line", "category"}


def test_a_line_corrected_comes_back_in_the_box_under_the_buyer_s_header(client: TestClient) -> None:
    """A « did you mean » chosen: the list is screened again from the results' form, and the box gives it back under
    the names the buyer's list gave its columns, not the page's « reference; country; product »."""
    csrf = token(client, "/en/tools/screening")
    text = "Supplier;Country of origin;Commodity;Purchase category;Spend\nA;Ghana;cocao;Food;10\nB;Narnia;gold;;5\n"
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    assert box(first.text) == text
    sent_back = {name: hidden(first.text, name) for name in ("list", "columns")}
    fixed = client.post("/en/tools/screening", data={"csrf_token": csrf, **sent_back, "fix": "2:product:Cocoa"})
    assert "Line 2 corrected: “cocao” is now “Cocoa”" in fixed.text
    assert box(fixed.text) == text.replace("cocao", "Cocoa")
    # Screened again from the box, the list is read from the same columns, as the page says.
    again = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": box(fixed.text)})
    assert columns_read(again.text) == columns_read(fixed.text) == columns_read(first.text)
    assert re.findall(r'<tr data-state="([a-z_]+)"', again.text) == ["finding", "unresolved"]


def test_a_list_without_a_header_comes_back_under_the_page_s_words(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    first = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": "Ghana;cocao\nNarnia;or\n"})
    sent_back = {name: hidden(first.text, name) for name in ("list", "columns")}
    fixed = client.post("/fr/outils/criblage", data={"csrf_token": csrf, **sent_back, "fix": "1:product:Cacao"})
    assert fixed.status_code == 200
    line, header = gettext("fr", "line"), gettext("fr", "reference;country;product")
    assert box(fixed.text) == f"{line};{header}\n1;;Ghana;Cacao\n2;;Narnia;or\n"
