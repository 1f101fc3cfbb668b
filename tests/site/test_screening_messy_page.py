"""Messy supplier files through the screening page and the API, as a procurement analyst uploads them: a workbook
of several sheets says which one was screened (from one post of the results to the next), a workbook that cannot be
read is refused beside the file's field with what to do (it was a server error), and a CSV's line numbers are the
rows her spreadsheet shows."""

import html
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from app.i18n import gettext
from app.services.screening_input import DAMAGED_XLSX
from tests.routers.test_screening_columns import columns_read, hidden
from tests.routers.test_screening_page import token
from tests.services.test_screening_messy_files import in_sheet, rebuilt, workbook_bytes

pytestmark = pytest.mark.database_agnostic  # what is read of a file is the same on any database

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = "/en/tools/screening"


def by_site() -> bytes:
    """A workbook of one sheet per purchasing site, the first hidden (last year's), as a colleague sends it."""
    workbook = Workbook()
    workbook.active.title = "Liste 2024"
    workbook.active.sheet_state = "hidden"
    for title, lines in [
        ("Liste 2024", [("F-9", "Chine", "jouets")]),
        ("Site Lyon", [("F-1", "Côte d’Ivoire", "cacao"), ("F-2", "Narnia", "or")]),
        ("Site Lille", [("F-3", "Inde", "briques")]),
    ]:
        sheet = workbook[title] if title in workbook.sheetnames else workbook.create_sheet(title)
        sheet.append(["Code fournisseur", "Pays", "Produit", "Montant"])
        for line in lines:
            sheet.append([*line, 1000])
    workbook.active = 1
    return workbook_bytes(workbook)


SAID = (
    "Sheet read: “Site Lyon”. The sheets “Liste 2024” (hidden), “Site Lille” also hold lists, which were not read: "
    "send each as a file of its own, or copy their lines into the sheet read. "
    "Columns read: country — “Pays”; product — “Produit”; reference — “Code fournisseur”. "
    "Your other column is kept in the downloads."
)


def test_the_page_says_which_sheet_it_screened_and_which_it_did_not(client: TestClient) -> None:
    csrf = token(client, PAGE)
    files = {"file": ("fournisseurs.xlsx", by_site(), XLSX)}
    first = client.post(PAGE, data={"csrf_token": csrf}, files=files)
    assert first.status_code == 200
    assert re.findall(r'<tr data-state="([a-z_]+)"', first.text) == ["finding", "unresolved"]  # Lyon's, not 2024's
    assert columns_read(first.text) == SAID
    # A filter posts the carried list again: the sheets are said still.
    carried = {"csrf_token": csrf, **{name: hidden(first.text, name) for name in ("list", "columns", "source")}}
    only = client.post(PAGE, data={**carried, "state": "unresolved"})
    assert re.findall(r'<tr data-state="([a-z_]+)"', only.text) == ["unresolved"]
    assert columns_read(only.text) == SAID


def test_the_form_says_before_the_upload_which_sheet_is_read(client: TestClient) -> None:
    form = client.get(PAGE).text
    assert (
        gettext("en", "From a workbook, one sheet is read: the first visible one with a header; the results name it.")
        in form
    )
    accept = re.search(r'id="screening-file" name="file" accept="([^"]+)"', form)
    assert accept and ".tsv" in accept.group(1).split(",")  # a TSV export can be chosen without « All files »


def number_cell_with_a_comma() -> bytes:
    """A workbook whose number cell holds « 12,5 », as some ERP exporters write a French decimal."""
    return rebuilt(in_sheet(b"<v>12</v>", b"<v>12,5</v>"))


def test_a_workbook_that_cannot_be_read_is_said_beside_the_file(client: TestClient) -> None:
    files = {"file": ("export.xlsx", number_cell_with_a_comma(), XLSX)}
    page = client.post("/fr/outils/criblage", data={"csrf_token": token(client, "/fr/outils/criblage")}, files=files)
    assert page.status_code == 422
    error = re.search(
        r'<span class="error field-error" id="screening-file-error" role="alert">([^<]*)</span>', page.text
    )
    assert error and html.unescape(error.group(1)) == gettext("fr", DAMAGED_XLSX)
    api = client.post("/v1/screenings", content=number_cell_with_a_comma(), headers={"Content-Type": XLSX})
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "body" and "save it again as .xlsx" in api.json()["detail"]


def test_the_api_reads_the_visible_list_and_numbers_csv_lines_as_rows(client: TestClient) -> None:
    workbook = client.post("/v1/screenings", content=by_site(), headers={"Content-Type": XLSX}).json()
    assert [line["reference"] for line in workbook["lines"]] == ["F-1", "F-2"]
    exported = (
        'Réf;Adresse;Pays;Produit\nF1;"12 rue des Lilas\n75011 Paris";Chine;jouets\nF2;"BP 12\nAbidjan";Ghana;\n'
    ).encode("cp1252")
    listed = client.post("/v1/screenings", content=exported, headers={"Content-Type": "text/csv"}).json()
    assert [line["line"] for line in listed["lines"]] == [2]
    assert [(error["line"], error["reference"]) for error in listed["errors"]] == [(3, "F2")]
