"""Reading a supplier list as buyers' files come: which column is which, a title above the header, files that are
no list, the buyer's other columns carried from one post of the page to the next."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from app.errors import InvalidParameters
from app.services import screening_input
from app.services.screening_headers import role
from app.services.screening_input import parse, parse_text


def xlsx(*sheets: list[list[object]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for number, rows in enumerate(sheets):
        sheet = workbook.create_sheet(f"Feuille {number + 1}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def refusal(data: bytes, content_type: str = "") -> str:
    with pytest.raises(InvalidParameters) as caught:
        parse(data, content_type)
    assert caught.value.errors and caught.value.errors[0].field == "body"
    return caught.value.detail


def test_the_product_column_before_the_sector_which_stands_in_where_a_line_has_no_product() -> None:
    parsed = parse_text("Fournisseur;Secteur;Pays;Produit\nCoop Soubré;Agriculture;Côte d’Ivoire;fèves de cacao\n"
                        "Cobre SA;Mines;RD Congo;\n")  # fmt: skip
    assert [(i.reference, i.country, i.product, i.category) for i in parsed.lines] == [
        ("Coop Soubré", "Côte d’Ivoire", "fèves de cacao", "Agriculture"),  # was « Agriculture », the first column
        ("Cobre SA", "RD Congo", "", "Mines"),  # the product as typed: the category stands in for it
    ]
    assert parsed.columns == ("Secteur",)  # the buyer's column is kept beside the result all the same
    # Without a product column, the sector is the product; a description comes after a designation.
    assert parse_text("Pays;Famille d'achat\nGhana;Cacao\n").lines[0].product == "Cacao"
    described = parse_text("Description;Désignation article;Pays\nLot 4, sacs;cacao;Ghana\n")
    assert described.lines[0].product == "cacao" and described.columns == ("Description",)


def test_a_title_above_the_header_and_the_names_erps_give_their_columns() -> None:
    text = (
        "Liste des fournisseurs actifs - export ERP du 12/03/2025\n;;;\n"
        "Nom fournisseur;Pays de provenance;Désignation article;Famille achats\n"
        "Cacao Ivoire SA;Côte d'Ivoire;fèves de cacao;MP\nDhaka Knit Ltd;Bangladesh;T-shirts coton;Textile\n"
    )
    parsed = parse(text.encode(), "text/csv")
    assert [(i.line, i.reference, i.country, i.product) for i in parsed.lines] == [
        (4, "Cacao Ivoire SA", "Côte d'Ivoire", "fèves de cacao"),  # the file's line numbers, the title's counted
        (5, "Dhaka Knit Ltd", "Bangladesh", "T-shirts coton"),
    ]
    assert not parsed.errors and parsed.columns == ("Famille achats",)
    # The goods' origin before the supplier's country, whichever comes first; the first among equals.
    origin = parse_text("Pays;Pays d'origine;Libellé;Code fournisseur;Fournisseur\nFrance;Ghana;cacao;F1;Dupont\n")
    line = origin.lines[0]
    assert (line.country, line.product, line.reference) == ("Ghana", "cacao", "F1")
    assert origin.columns == ("Pays", "Fournisseur") and line.extra == ("France", "Dupont")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Country of origin", ("country", 0)),
        ("Pays (ISO)", ("country", 1)),
        ("Pays-Bas", None),  # a country, in a list without a header
        ("produits laitiers", None),  # a product
        ("Code produit", None),  # a code names no product
        ("Catégorie produit", ("sector", 2)),
        ("Supplier name", ("reference", 0)),
        ("Fournisseur A", None),
    ],
)
def test_a_header_cell_names_a_role_only_in_a_header_s_words(cell: str, expected: tuple[str, int] | None) -> None:
    assert role(cell) == expected


def test_a_header_without_a_country_or_a_product_column_is_said_not_screened() -> None:
    detail = refusal(b"Nom;Ville;Chiffre d'affaires\nAcme;Lyon;1000\n")  # the town was read as the country
    assert detail.startswith("No country column found; columns read: Nom, Ville, Chiffre d'affaires.")
    assert refusal(b"Fournisseur;Pays;Montant\nAcme;Ghana;10\n").startswith("No product column found")
    # A list without a header is still read by its columns' places, a country named « Pays-Bas » too.
    headerless = parse_text("S1;Pays-Bas;produits laitiers\nS2;Ghana;cacao\n")
    assert [(i.line, i.country) for i in headerless.lines] == [(1, "Pays-Bas"), (2, "Ghana")]


def zipped(name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type", "said"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "application/vnd.ms-excel", "old Excel workbook (.xls)"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n", "application/pdf", "PDF document"),
        (zipped("word/document.xml", b"<w/>"), "", "word-processing document"),
        (zipped("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), "", "OpenDocument spreadsheet"),
        (b"PK\x03\x04\x14\x00broken", "", "XLSX workbook cannot be opened"),
        (b"<html><table><tr><td>Ghana</td></tr></table></html>", "text/csv", "web page (HTML)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "send a CSV file (text) or an XLSX workbook"),
        (b"", "text/csv", "The list is empty"),
        (b"\n ; ;\n\n", "text/csv", "The list is empty"),
        (b"Fournisseur;Pays;Produit\r\n", "text/csv", "a header but no line under it"),
        (xlsx([["Pays", "Produit"]]), "", "a header but no line under it"),
        (b'{"lines": []}', "application/json", "The list is empty"),
    ],
)
def test_a_file_that_is_no_list_or_holds_no_line_is_refused(data: bytes, content_type: str, said: str) -> None:
    # An .xls or a PDF was read as text (its bytes under « unreadable lines »), an empty list « screened ».
    assert said in refusal(data, content_type)


def test_excel_unicode_text_and_a_workbook_that_opens_on_a_cover_sheet() -> None:
    unicode_text = "Pays\tProduit\r\nCôte d’Ivoire\tcacao\r\n".encode("utf-16")  # Excel's « Texte Unicode »
    assert [(i.country, i.product) for i in parse(unicode_text).lines] == [("Côte d’Ivoire", "cacao")]
    book = xlsx([["Fournisseurs 2025, à lire d'abord"]], [["Fournisseur", "Pays", "Produit"], ["F1", "Inde", "riz"]])
    assert [(i.line, i.country) for i in parse(book).lines] == [(2, "Inde")]


def test_the_carried_list_keeps_the_buyer_s_columns_and_numbers() -> None:
    text = "Code;Pays;Produit;Pays de provenance;Montant\nF1;France;cacao;Ghana;1 000,50\n\nF2;France;;Mali;\n"
    parsed = parse_text(text)
    assert parsed.columns == ("Pays", "Montant") and parsed.lines[0].extra == ("France", "1 000,50")
    # The page's forms send the list back under its own header: « Pays de provenance » is no longer a header there.
    again = screening_input.parse_carried(screening_input.carry(parsed))
    assert again.lines == parsed.lines and again.errors == parsed.errors and again.columns == parsed.columns
    # The box numbers its lines where its own numbers would not be the file's (a blank line was skipped) …
    box = screening_input.editable(parsed, ("référence", "pays", "produit"), "ligne")
    assert box.splitlines()[:2] == ["ligne;référence;pays;produit;Pays;Montant", "2;F1;Ghana;cacao;France;1 000,50"]
    corrected = parse_text(box.replace("F2;Mali;;", "F2;Mali;or;") + ";F3;Pérou;or\n" + box.splitlines()[1] + "\n")
    # … so that a line corrected keeps its number (4, not 3); a line added or copied takes the next free one.
    assert [(i.line, i.reference) for i in corrected.lines] == [(2, "F1"), (4, "F2"), (5, "F3"), (6, "F1")]
    assert corrected.columns == parsed.columns and corrected.lines[0].extra == parsed.lines[0].extra


def test_repeated_column_names_are_numbered_where_they_are_keys_and_kept_in_the_box() -> None:
    parsed = parse_text("Note;Pays;Produit;Note;Note (2)\nx;Ghana;cacao;y;z\n;Mali;\n")
    buyer = parsed.buyer_columns()
    assert buyer.names == ("Note", "Note (3)", "Note (2)")  # a JSON object's keys, distinct; none taken twice
    assert buyer.named(2) == {"Note": "x", "Note (3)": "y", "Note (2)": "z"}
    assert buyer.named(3) == {"Note": "", "Note (3)": "", "Note (2)": ""}  # the bad line, every column
    assert screening_input.carry(parsed).splitlines()[0] == "line;reference;country;product;Note;Note;Note (2)"


def test_the_column_limits_are_written_out_in_their_reasons() -> None:
    # Written out for the catalogs, as CELL_TOO_LONG is: they must say the limits.
    assert str(screening_input.MAX_COLUMNS) in screening_input.TOO_MANY_COLUMNS
    assert f"{screening_input.MAX_COLUMN_NAMES:,}" in screening_input.LONG_COLUMN_NAMES
    long = ";".join(f"Commentaire {n} " + "x" * 1000 for n in range(3))
    said = refusal(f"Pays;Produit;{long}\nGhana;cacao;1\n".encode())
    assert said.startswith("The names of the list’s other columns are longer than 3,000 characters in all")
