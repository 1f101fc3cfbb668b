"""A buyer's workbook read as it shows: merged ranges in each of their cells, dates, percentages and numbers as
text that says the same in every language, a header of two rows; and the bounds on a list's text."""

import io
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook

from app.errors import InvalidParameters
from app.services import screening_input
from app.services.screening_input import LONG_TEXT, parse, parse_carried, parse_text
from app.services.screening_workbook import cell_text


def _saved(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_country_merged_down_its_group_is_each_line_s_country() -> None:
    """A grouped report: a title merged across the first row, « Pays d’origine » merged down each country's lines
    (the audit's file: 1,117 lines of 1,500 had « no country »)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Cartographie fournisseurs — alimentaire"
    sheet.merge_cells("A1:D1")
    sheet.append(["N° fournisseur", "Pays d'origine", "Désignation article", "CA 2025 (€)"])
    sheet.append(["F1", "Inde", "briques", 1200.5])
    sheet.append(["F2", None, "thé", 300])
    sheet.append(["F3", None, "crevettes", 10])
    sheet.append([])  # a blank row inside the merge: no line of its own
    sheet.append(["F4", "Ghana", "cacao", 7])
    sheet.merge_cells("B3:B6")
    parsed = parse(_saved(workbook))
    assert parsed.errors == []
    assert [(i.line, i.reference, i.country, i.product) for i in parsed.lines] == [
        (3, "F1", "Inde", "briques"),
        (4, "F2", "Inde", "thé"),
        (5, "F3", "Inde", "crevettes"),
        (7, "F4", "Ghana", "cacao"),
    ]
    assert parsed.workbook and parsed.lines[0].extra == ("1200.5",)


def test_a_header_of_two_rows_is_read_from_its_second() -> None:
    """Groups merged above the names (« Origine » over « Pays » and « Région »): the names' row is the header, not
    a line screened as « Pays » / « Article »."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Fournisseur", None, "Origine", None, "Article", "Montant"])
    sheet.append(["Code", "Nom", "Pays", "Région", None, None])
    sheet.append(["S1", "Sup 1", "Turquie", "Ordu", "noisettes", 120])
    for merged in ("A1:B1", "C1:D1", "E1:E2", "F1:F2"):
        sheet.merge_cells(merged)
    parsed = parse(_saved(workbook))
    assert [(i.line, i.country, i.product) for i in parsed.lines] == [(3, "Turquie", "noisettes")]
    assert parsed.columns == ("Nom", "Région", "Montant")


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (datetime(2025, 3, 1), "DD/MM/YYYY", "2025-03-01"),  # was « 2025-03-01 00:00:00 »
        (datetime(2025, 3, 1, 14, 30), "DD/MM/YYYY HH:MM", "2025-03-01 14:30"),
        (date(2025, 3, 1), "General", "2025-03-01"),
        (time(9, 15), "HH:MM", "09:15:00"),
        (0.125, "0.0%", "12.5%"),  # was 0.125
        (0.07, "0%", "7%"),
        (0.125, '0.0" %"', "0.125"),  # a % in the format's quoted text is no percentage
        (140762.47, "#,##0.00", "140762.47"),
        (2.0, "General", "2"),
        (1e-05, "General", "0.00001"),
        (True, "General", "TRUE"),
        ("  F-001 ", "General", "F-001"),
        (None, "General", ""),
    ],
)
def test_a_cell_reads_as_the_workbook_shows_it(value: object, number_format: str, text: str) -> None:
    assert cell_text(value, number_format) == text


def test_dates_percentages_and_codes_from_a_workbook() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Date dernier audit", "Part du CA", "Code postal"])
    sheet.append(["Inde", "briques", datetime(2025, 3, 1), 0.125, "01234"])
    sheet["C2"].number_format = "DD/MM/YYYY"
    sheet["D2"].number_format = "0.0%"
    parsed = parse(_saved(workbook))
    assert parsed.lines[0].extra == ("2025-03-01", "12.5%", "01234")


def test_a_workbook_s_list_stays_one_when_the_page_sends_it_back() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Volume"])
    sheet.append(["Inde", "briques", 12.345])
    parsed = parse(_saved(workbook))
    carried = screening_input.carry(parsed)
    assert carried.splitlines()[0].startswith("line:xlsx;")
    again = parse_carried(carried)
    assert again.workbook and again.buyer_columns().workbook and again.lines[0].extra == ("12.345",)
    assert not parse_carried(screening_input.carry(parse_text("pays;produit\nInde;briques\n"))).workbook


def test_a_list_s_text_is_bounded_once_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small workbook may repeat a long text in every cell: what is read is bounded, whatever the file's size."""
    monkeypatch.setattr(screening_input, "MAX_TEXT", 1000)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Commentaire"])
    for _ in range(20):
        sheet.append(["Inde", "briques", "x" * 100])
    with pytest.raises(InvalidParameters) as refused:
        parse(_saved(workbook))
    assert refused.value.errors[0].localized("en") == LONG_TEXT


def test_a_pasted_cell_longer_than_128_kib_is_read() -> None:
    """The csv module refused a field over 128 KiB (a 500)."""
    parsed = parse_text("pays;produit;note\nGhana;cacao;" + "x" * 200_000 + "\n")
    assert len(parsed.lines[0].extra[0]) == 200_000
