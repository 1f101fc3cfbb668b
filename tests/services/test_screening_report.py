"""The screening page's downloads: the buyer's list and its result, in the page's language, for a spreadsheet."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.screening_files import file_name
from app.services.screening_input import ScreeningFormat, parse_text
from app.services.screening_report import Record, report_file
from app.services.screening_workbook import buyer_number

LIST = (
    "Code fournisseur;Fournisseur;Pays;Produit;Catégorie achats;Montant annuel (€)\n"
    "F001;Cacao Ivoire SA;Côte d'Ivoire;fèves de cacao;Matières premières;125 000,00\n"
    "\n"
    "F002;Acme;Narnia;cacao;Divers;15300.5\n"
    "F003;Sans pays;;or;Métaux;\n"
)
DAY = date(2025, 3, 12)
AT = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)


def download(catalogue: FindingsCatalogue, format: ScreeningFormat, lang: str) -> tuple[bytes, str, str]:
    parsed = parse_text(LIST)
    result = screening.screen(catalogue, parsed)
    return report_file(
        result, format, lang, parsed.buyer_columns(), record=Record(screened_at=AT, site="http://crv.test")
    )


def test_a_french_csv_reads_in_french_beside_the_buyer_s_columns(catalogue: FindingsCatalogue) -> None:
    body, media_type, name = download(catalogue, ScreeningFormat.csv, "fr")
    assert name == "criblage-2025-03-12-09h30-UTC.csv" and media_type.startswith("text/csv")  # was always screening.csv
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:9] == [
        "Ligne",
        "Référence",
        "Pays (saisi)",
        "Produit (saisi)",
        "Fournisseur",  # the buyer's own columns, under their own names
        "Catégorie achats",
        "Montant annuel (€)",
        "Constat pays-produit (ILAB)",  # « Résultat : Constat » beside a supplier's name read as an accusation
        "Constats de l’ILAB pour ce pays et ce produit",  # « pour ce couple » said nothing without the site
    ]
    assert "country_input" not in header and "state" not in header
    # A CSV has no room for a summary: when and on what data the list was screened are its last columns.
    assert header[-2:] == ["Criblé le", "Édition des données"]
    assert all(row[-2:] == ["2025-03-12", "ILAB 2022"] for row in rows[1:])
    ivory, narnia, unreadable = rows[1:]
    assert ivory[:8] == ["2", "F001", "Côte d'Ivoire", "fèves de cacao", "Cacao Ivoire SA", "Matières premières",
                         "125 000,00", "Constat"]  # fmt: skip
    assert ivory[header.index("Constat le plus grave du pays (ILAB)")] == "Travail forcé des enfants"
    assert ivory[header.index("Enfants de 5 à 14 ans qui travaillent (%)")] == "25,6"  # a French decimal comma
    assert narnia[0] == "4" and narnia[7] == "Pays non reconnu"  # the file's line number; what is not recognised
    assert unreadable[0] == "5" and unreadable[7] == "Ligne illisible" and unreadable[4] == "Sans pays"
    # One link a cell: the country's sheet, the product's, then each reading.
    links = [cell for cell in ivory if cell.startswith("http")]
    assert len(links) > 3 and all(" " not in link for link in links)
    assert ivory[header.index("Fiche pays")].endswith("/fr/ressources/cote-d-ivoire")


def test_an_english_workbook_has_numbers_a_frozen_filtered_header_and_links(catalogue: FindingsCatalogue) -> None:
    body, _, name = download(catalogue, ScreeningFormat.xlsx, "en")
    assert name == "screening-2025-03-12-0930-UTC.xlsx"  # English writes no « 09h30 »
    book = load_workbook(io.BytesIO(body))
    sheet = book["Screening"]
    assert (
        sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}4"
    )
    header = [cell.value for cell in sheet[1]]
    first = [cell.value for cell in sheet[2]]
    assert first[0] == 2 and first[header.index("Montant annuel (€)")] == 125000  # numbers, not text
    assert [cell.value for cell in sheet[3]][header.index("Montant annuel (€)")] == 15300.5
    assert first[header.index("Children aged 5–14 working (%)")] == 25.6
    assert (
        first[header.index("Country–good finding (ILAB)")] == "Finding"
        and first[header.index("Country’s most serious finding (ILAB)")]
    )
    country_sheet = sheet.cell(2, header.index("Country sheet") + 1)
    assert country_sheet.hyperlink is not None and country_sheet.hyperlink.target == country_sheet.value
    summary = dict(book["Summary"].iter_rows(values_only=True))
    assert summary["Screened on"] == "2025-03-12" and summary["Lines read"] == 3 and summary["Unreadable lines"] == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [("125 000,00", 125000), ("15300.5", 15300.5), ("42", 42), ("-3,5", -3.5), ("1\u202f000", 1000)],
)
def test_a_buyer_s_number_is_a_number(text: str, value: float) -> None:
    assert buyer_number(text) == value


@pytest.mark.parametrize("text", ["00123", "1,234", "1.234", "F001", "12/03/2025", "", "1 23"])
def test_a_code_or_an_ambiguous_number_stays_text(text: str) -> None:
    assert buyer_number(text) == text


def test_a_download_s_name_says_the_minute_in_utc_and_suits_any_folder(catalogue: FindingsCatalogue) -> None:
    """Two screenings of the same day were both « criblage-2025-03-12.xlsx »: the second overwrote the first in a
    buyer's Downloads folder. The name says the minute, in UTC (said in it), and holds no « : » (refused by Windows)."""
    morning = file_name("criblage-constat", ScreeningFormat.xlsx, datetime(2025, 3, 12, 9, 30, 59, tzinfo=UTC), "fr")
    afternoon = file_name("criblage-constat", ScreeningFormat.xlsx, datetime(2025, 3, 12, 14, 5, tzinfo=UTC), "fr")
    assert morning == "criblage-constat-2025-03-12-09h30-UTC.xlsx"
    assert afternoon == "criblage-constat-2025-03-12-14h05-UTC.xlsx"
    assert sorted([afternoon, morning]) == [morning, afternoon]  # a folder sorted by name lists them in order
    # A moment given in another time zone is named in UTC: 00:30 in Paris in winter is 23:30 UTC the day before.
    paris = datetime(2025, 3, 12, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert file_name("screening", ScreeningFormat.csv, paris, "en") == "screening-2025-03-11-2330-UTC.csv"
    # The summary and the CSV say the same day as the name.
    parsed = parse_text(LIST)
    result = screening.screen(catalogue, parsed)
    record = Record(screened_at=paris, site="http://crv.test")
    body, _, name = report_file(result, ScreeningFormat.csv, "fr", parsed.buyer_columns(), record=record)
    assert name == "criblage-2025-03-11-23h30-UTC.csv"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert {row[-2] for row in rows[1:]} == {"2025-03-11"}
    body, _, name = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=record)
    summary = {row[0]: row[1] for row in load_workbook(io.BytesIO(body))["Summary"].iter_rows(values_only=True)}
    assert summary["Screened on"] == "2025-03-11"
    assert re.fullmatch(r"[A-Za-z0-9-]+\.xlsx", name), name  # nothing a file system refuses or a shell must quote
