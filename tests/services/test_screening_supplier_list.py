"""What a CSR officer's screening of a 300-line supplier list (French) found: ordinary goods left « Produit non
reconnu » though the line's category named a sector, a hint that asked to name « bougies » more simply, downloads that
could not be read without the site, the API's workbook writing the buyer's amounts as text, a refusal of 5,001 lines
that did not say how many were sent, and no supplier name in the results' table."""

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import InvalidParameters
from app.i18n import gettext
from app.schemas.screening import ScreeningState
from app.services import screening, screening_input
from app.services.findings import FindingsCatalogue
from app.services.screening import NOT_ON_THE_LIST, ORDER_EXPLAINED, from_category, label
from app.services.screening_files import result_xlsx
from app.services.screening_input import ScreeningFormat, parse, parse_carried, parse_text
from app.services.screening_legend import MATCHED_BY, RESULTS
from app.services.screening_page import build_view, supplier_names
from app.services.screening_report import Options, Record, report_file
from app.services.screening_workbook import sheet_rows

SITE = "https://crv.example.org"
RECORD = Record(screened_at=datetime(2026, 3, 2, 8, 0, tzinfo=UTC), site=SITE, source="fournisseurs.xlsx")
LIST = (
    "Code fournisseur;Nom fournisseur;Pays;Produit;Catégorie produit;Montant\n"
    "F1;Bougies de Provence SARL;Chine;bougies parfumées;Textile;1200\n"
    "F2;Atelier Lumière;Inde;;Agriculture;300\n"
    "F3;Paillettes & Co;Chine;paillettes;Beauté;12\n"
    "F4;Cacao Ivoire;Ghana;cocao;Textile;8\n"
    "F5;Cacao Ivoire;Ghana;cacao;Textile;8\n"
    "F6;Rotin Bali;Indonésie;rotin;Mobilier;5\n"
    "F7;Beauté Inde;Inde;;Beauté;5\n"
)


def screened(catalogue: FindingsCatalogue, text: str = LIST) -> tuple[screening_input.ParsedInput, Any]:
    parsed = parse_text(text)
    return parsed, screening.screen(catalogue, parsed)


def test_a_product_the_screening_does_not_know_is_screened_on_the_line_s_category(
    catalogue: FindingsCatalogue,
) -> None:
    """« Catégorie produit » was read only where a line had no product: « bougies parfumées » under « Textile » was
    « Produit non reconnu ». The category stands in where the product names nothing known and offers no « did you
    mean » (a typo is a question first), and the line says so."""
    _, result = screened(catalogue)
    candles, empty, glitter, typo, cocoa, rattan, beauty = result.lines
    assert candles.product_input == "bougies parfumées" and candles.category_input == "Textile"
    assert candles.sector is not None and candles.sector.code == "textiles" and candles.commodity is None
    assert candles.state == ScreeningState.finding and candles.state_labels.fr == "Constat dans ce secteur"
    assert label(from_category(candles), "fr") == "secteur tiré de la catégorie"
    assert empty.product_input == "" and empty.category_input == "Agriculture"  # the product as typed: none
    assert empty.sector is not None and empty.sector.code == "agriculture"
    # Neither product nor category known: unresolved, not read from the category.
    assert glitter.state == ScreeningState.unresolved and glitter.category_input is None
    assert typo.state == ScreeningState.unresolved and typo.category_input is None  # « cacao ? » is asked first
    assert "cocoa" in [c.code for c in typo.product_match.candidates]
    assert cocoa.commodity is not None and cocoa.commodity.code == "cocoa" and cocoa.category_input is None
    assert rattan.category_input is None and rattan.sector is not None and rattan.sector.code == "agriculture"
    # A line without a product whose category is unknown too: unresolved, and no « tiré de la catégorie ».
    assert beauty.state == ScreeningState.unresolved and beauty.category_input == "Beauté"
    assert from_category(beauty) is None


def test_the_category_survives_the_page_s_round_trips(catalogue: FindingsCatalogue) -> None:
    """Filtering, ordering, downloading post the list again (carried in the page), and the box gives it back to
    correct: each finds the same category column, so a line keeps being screened on it."""
    parsed, result = screened(catalogue)
    carried = parse_carried(screening_input.carry(parsed))
    assert carried.lines == parsed.lines and carried.lines[0].category == "Textile"
    box = parse_text(screening_input.editable(parsed, ("référence", "pays", "produit"), "ligne"))
    assert box.lines == parsed.lines
    assert screening.screen(catalogue, carried).lines == result.lines
    # A list whose category is its product column (no product column) reads the next category as the fallback.
    two = parse_text("Pays;Famille d'achat;Catégorie\nChine;bougies;Textile\n")
    assert (two.lines[0].product, two.lines[0].category) == ("bougies", "Textile")
    assert parse_carried(screening_input.carry(two)).lines == two.lines


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("rotin", "agriculture"),  # a palm cut in the forest: ILAB counts bamboo and palm thatch in agriculture
        ("rattan", "agriculture"),
        ("meubles en rotin", "furniture"),  # furniture already
        ("paillettes", None),  # glitter: plastic film or mica, which the data does not say; no guess
        ("bougies parfumées", None),  # no entry of ILAB's, no sector of it guessed
        ("bijoux fantaisie", None),
    ],
)
def test_aliases_only_where_the_data_knows_the_good(catalogue: FindingsCatalogue, text: str, code: str | None) -> None:
    resolution = screening.screener(catalogue).products.resolve(text)
    assert resolution.code == code


def test_a_word_that_begins_one_good_s_name_is_a_question(catalogue: FindingsCatalogue) -> None:
    """« accessoires » is not recognised (it may be a car's), but the one good whose name it begins is asked."""
    resolution = screening.screener(catalogue).products.resolve("Accessoires")
    assert resolution.code is None and [code for code, _ in resolution.candidates] == ["fashion-accessories"]
    assert screening.screener(catalogue).products.resolve("produits").candidates == ()  # begins too many names


def test_an_unknown_product_is_said_to_have_no_entry_on_ilab_s_list(catalogue: FindingsCatalogue) -> None:
    """The page's hint and the downloads' « À savoir » say that ILAB's list has no entry for it, that this is no
    sign of no risk, and what to do: name its material or sector. « Nommez le produit plus simplement » was said of
    « bougies »."""
    parsed, result = screened(catalogue)
    glitter = build_view("fr", result, "", "list").rows[2]
    assert glitter.product_unrecognised and glitter.product_hint == gettext("fr", NOT_ON_THE_LIST)
    assert "no sign of no risk" in NOT_ON_THE_LIST and "mica" in NOT_ON_THE_LIST
    body, _, _ = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=RECORD)
    sheet = load_workbook(io.BytesIO(body))["Screening"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["F3"][header.index("Caveat")] == gettext("en", NOT_ON_THE_LIST)
    assert rows["F4"][header.index("Caveat")] is None  # a « did you mean » instead: Cocoa
    # The page says which lines were read from their category, and shows a category typed as the product as such.
    candles, empty = build_view("fr", result, "", "list").rows[:2]
    assert candles.product_category == "secteur tiré de la catégorie" and candles.product_typed == "bougies parfumées"
    assert empty.product_category == "secteur tiré de la catégorie" and empty.product_typed == ""


def test_the_workbook_is_understood_without_the_site(catalogue: FindingsCatalogue) -> None:
    """Its summary says the order of the lines, the data's edition, the tool and its version, links to the tool's
    page and to its method, and what every value of « Constat pays-produit (ILAB) » and « … reconnu par » means; every
    link is clickable, every column has a width, and a line read from its category says so where its product is."""
    parsed, result = screened(catalogue, LIST + "F8;X;Narnia;cacao;;1\nF9;;;or;;\n")
    body, _, _ = report_file(
        result, ScreeningFormat.xlsx, "fr", parsed.buyer_columns(), Options(most_serious_first=True), record=RECORD
    )
    book = load_workbook(io.BytesIO(body))
    summary_sheet = book["Synthèse"]
    summary = {row[0].value: row[1] for row in summary_sheet.iter_rows()}
    assert summary["Ordre des lignes"].value == gettext("fr", ORDER_EXPLAINED)
    assert summary["Édition des données"].value.startswith("ILAB 2022")
    assert summary["Version de l’outil"].value.startswith("crv ")
    for name, path in (("Outil de criblage", "/fr/outils/criblage"), ("Méthode et sources", "/fr/a-propos")):
        cell = summary[name]
        assert cell.value == SITE + path and cell.hyperlink is not None and cell.hyperlink.target == SITE + path
    legend = {key: cell.value for key, cell in summary.items()}
    for value, _ in RESULTS:
        assert legend[f"Constat pays-produit (ILAB)\u00a0: {value.fr}"], value.fr
    for labels in MATCHED_BY.values():
        assert legend[f"Pays reconnu par / Produit reconnu par\u00a0: {labels.fr}"], labels.fr
    lines = book["Criblage"]
    header = [cell.value for cell in lines[1]]
    values = list(lines.iter_rows(min_row=2, values_only=True))
    # Every value of the result column is in the legend.
    assert {row[header.index("Constat pays-produit (ILAB)")] for row in values} <= {value.fr for value, _ in RESULTS}
    assert all(lines.column_dimensions[cell.column_letter].width for cell in lines[1])
    first_read = lines.cell(2, header.index("À lire ensuite 1") + 1)
    assert first_read.value.startswith("http") and first_read.hyperlink.target == first_read.value
    by_reference = {row[1]: row for row in values}
    assert by_reference["F2"][header.index("Produit (saisi)")] == "Agriculture (catégorie)"  # not « Agriculture »
    assert by_reference["F1"][header.index("Produit (saisi)")] == "bougies parfumées"
    assert by_reference["F1"][header.index("Produit reconnu par")].endswith("secteur tiré de la catégorie")
    listed, _, _ = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=RECORD)
    in_order = {row[0]: row[1] for row in load_workbook(io.BytesIO(listed))["Summary"].iter_rows(values_only=True)}
    assert in_order["Order of the lines"] == "The order of your list"  # it said « Your list’s », cut short


def test_the_api_s_workbook_writes_the_buyer_s_cells_as_the_page_s_does(catalogue: FindingsCatalogue) -> None:
    """``format=xlsx`` wrote « 258032.95 » as text (a spend column sorted alphabetically); the page's workbook wrote
    it as a number. One function writes both."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Dépense", "Part", "Depuis", "Note"])
    sheet.append(["Ghana", "cacao", 258032.95, 0.125, date(2025, 3, 1), "12345678901234"])
    sheet["D2"].number_format = "0.0%"
    out = io.BytesIO()
    workbook.save(out)
    parsed = parse(out.getvalue())
    result = screening.screen(catalogue, parsed)
    api_xlsx = result_xlsx(result, parsed.buyer_columns(), "en", screened_at=RECORD.screened_at)
    api = load_workbook(io.BytesIO(api_xlsx))["screening"]
    page, _, _ = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=RECORD)
    shown = load_workbook(io.BytesIO(page))["Screening"]

    def own(sheet: Any) -> list[Any]:
        header = [cell.value for cell in sheet[1]]
        return [sheet.cell(2, header.index(name) + 1).value for name in ("Dépense", "Part", "Depuis", "Note")]

    assert own(api) == own(shown)
    spend, share, since, note = own(api)
    assert spend == 258032.95 and share == 0.125 and since.date() == date(2025, 3, 1) and note == "12345678901234"


def test_a_list_of_too_many_lines_is_told_how_many_and_the_limit() -> None:
    """The refusal of 5,001 lines said « At most 5,000 lines » only, and had no ``errors`` entry for a page or a
    client to show: the count and the limit, in each."""
    text = "pays;produit\n" + "Ghana;cacao\n" * 5001
    with pytest.raises(InvalidParameters) as refused:
        parse(text.encode(), "text/csv")
    (error,) = refused.value.errors or []
    assert error.field == "body"
    assert error.message == (
        "The list has 5,001 lines; at most 5,000 lines can be screened at once: split it and send it in parts."
    )
    assert refused.value.detail == error.message
    assert "5\u202f001" in error.localized("fr") and "5\u202f000" in error.localized("fr")
    with pytest.raises(InvalidParameters, match="The list has 5,002 lines"):
        parse(('{"lines": [' + ",".join(['{"country": "GH", "product": "cocoa"}'] * 5002) + "]}").encode())
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit"])
    for _ in range(5003):
        sheet.append(["Ghana", "cacao"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(InvalidParameters, match="The list has 5,003 lines"):
        parse(out.getvalue())


def test_a_workbook_s_rows_past_the_limit_are_counted_up_to_a_bound() -> None:
    """Past the limit a workbook's rows are counted, not read, and only up to ten times it (a file of 2 MiB may
    unpack to millions): beyond, the refusal says « more than »."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number in range(60):
        sheet.append(["Ghana", f"cacao {number}"])
    out = io.BytesIO()
    workbook.save(out)
    from openpyxl import load_workbook as read

    streamed = read(io.BytesIO(out.getvalue()), read_only=True)
    rows, unread = sheet_rows(streamed.worksheets[0], 2, 10_000)
    assert len(rows) == 14 and unread == 20  # the header's rows and 2 lines, and one more; then 10 × 2 counted
    streamed.close()
    refused = screening_input._too_many(50_000, counted_all=False)
    assert refused.detail.startswith("The list has more than 50,000 lines")


def test_the_table_shows_the_supplier_s_name(catalogue: FindingsCatalogue) -> None:
    """The first of the other columns that names a supplier (or, without one, whose cells read as names), cut short;
    not an amount, a code or the category."""
    _, result = screened(catalogue)
    rows = build_view("fr", result, "", "list").rows
    assert [row.supplier for row in rows[:2]] == ["Bougies de Provence SARL", "Atelier Lumière"]
    named = screening.screen(catalogue, parse_text("Réf;Pays;Produit;Montant;Commentaire\nF1;Ghana;cacao;12;Acme\n"))
    assert supplier_names(named) == {2: "Acme"}
    plain = screening.screen(catalogue, parse_text("Fournisseur;Pays;Produit;Montant;Code\nAcme;Ghana;cacao;12;A1\n"))
    assert supplier_names(plain) == {}  # the reference is the name already; an amount and a code are not
    long = "Société coopérative agricole des producteurs de cacao de Soubré"
    row = build_view(
        "fr", screening.screen(catalogue, parse_text(f"Réf;Nom;Pays;Produit\nF1;{long};Ghana;cacao\n")), ""
    )
    assert row.rows[0].supplier == "Société coopérative agricole des…" and len(row.rows[0].supplier) <= 40
