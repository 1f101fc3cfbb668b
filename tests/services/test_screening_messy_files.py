"""Supplier lists as ERPs and colleagues really save them, read as a procurement analyst expects: every line read,
its number the one her spreadsheet shows, nothing dropped unsaid, and a file that cannot be read refused with what
to do (not a server error). Each file is built here (openpyxl, the csv module): no binary is committed."""

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import InvalidParameters
from app.i18n import gettext
from app.services import screening, screening_columns, screening_input
from app.services.findings import FindingsCatalogue
from app.services.screening_input import DAMAGED_XLSX, ParsedInput, ScreeningFormat
from app.services.screening_report import Record, report_file
from app.services.screening_sheets import FORMULA_WITHOUT_VALUE

HEADER = "Référence;Pays d’origine;Désignation article"


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read(parsed: ParsedInput) -> list[tuple[int, str, str]]:
    return [(line.line, line.country, line.product) for line in parsed.lines]


# -- CSV ------------------------------------------------------------------------------------------------------


def test_a_title_with_a_comma_above_a_semicolon_list_does_not_break_its_lines() -> None:
    """An ERP's CSV export starts with its title; the delimiter was the first line's most frequent, a comma here,
    and every line with a comma in a cell (« vis, écrous ») was split at it: « no product », read « F1;Chine;vis »."""
    exported = (
        f"Extraction SAP, le 01/03/2025\n{HEADER}\nF1;Chine;vis, écrous\nF2;Ghana;cacao\nF3;Inde;thé noir, en vrac\n"
    ).encode("cp1252")
    parsed = screening_input.parse(exported, "text/csv")
    assert parsed.errors == []
    assert read(parsed) == [(3, "Chine", "vis, écrous"), (4, "Ghana", "cacao"), (5, "Inde", "thé noir, en vrac")]


def test_a_comma_list_with_commas_in_quoted_cells_keeps_its_commas() -> None:
    """The other way round: a comma list under a title with a semicolon, its quoted cells holding commas."""
    exported = 'Fournisseurs actifs; export du 01/03\nRéf,Pays,Produit\nF1,Chine,"vis, écrous"\nF2,Ghana,cacao\n'
    parsed = screening_input.parse(exported.encode(), "text/csv")
    assert read(parsed) == [(3, "Chine", "vis, écrous"), (4, "Ghana", "cacao")]


def test_line_numbers_are_the_rows_her_spreadsheet_shows_after_a_cell_of_two_lines() -> None:
    """A quoted cell of several lines (an address) is one row in Excel; the numbers were the file's physical lines,
    and every line after it was said under a number two or three rows off in her spreadsheet."""
    exported = (
        "Réf;Adresse;Pays;Produit\n"
        'F1;"12 rue des Lilas\n75011 Paris";Chine;jouets\n'
        'F2;"Zone industrielle\nBP 12\nAbidjan";Côte d’Ivoire;cacao\n'
        "F3;Chennai;Inde;\n"
    ).encode("cp1252")
    parsed = screening_input.parse(exported, "text/csv")
    assert [line for line, _, _ in read(parsed)] == [2, 3]
    assert [(error.line, error.reference) for error in parsed.errors] == [(4, "F3")]  # row 4 in Excel, not 7
    assert parsed.lines[0].extra == ("12 rue des Lilas\n75011 Paris",)  # the cell whole


def test_excels_sep_line_is_read_and_not_counted() -> None:
    """« sep=; » first, as some exports write it for Excel, which takes it as the delimiter and shows no row for it:
    the header is row 1 in her spreadsheet, the first supplier row 2."""
    exported = f"sep=;\n{HEADER}\nF1;Côte d’Ivoire;fèves de cacao\nF2;Pérou;or\n".encode("cp1252")
    parsed = screening_input.parse(exported, "text/csv")
    assert parsed.read is not None and parsed.read.country == "Pays d’origine"
    assert read(parsed) == [(2, "Côte d’Ivoire", "fèves de cacao"), (3, "Pérou", "or")]


LISTED = f"{HEADER}\nF1;Côte d’Ivoire;fèves de cacao\nF2;Pérou;or\n"
ENCODED: dict[str, bytes] = {
    "windows-1252 semicolons": LISTED.encode("cp1252"),
    "utf-8 with BOM": LISTED.encode("utf-8-sig"),
    "excel unicode text (utf-16, tabs)": LISTED.replace(";", "\t").encode("utf-16"),
    "tsv": LISTED.replace(";", "\t").encode(),
    "trailing empty columns": LISTED.replace("\n", ";;;;\n").encode("cp1252"),
    "windows line ends": LISTED.replace("\n", "\r\n").encode("cp1252"),
}


@pytest.mark.parametrize("data", ENCODED.values(), ids=ENCODED.keys())
def test_every_text_export_reads_every_line_with_its_accents(data: bytes) -> None:
    parsed = screening_input.parse(data, "text/csv")
    assert parsed.errors == [] and parsed.columns == ()
    assert read(parsed) == [(2, "Côte d’Ivoire", "fèves de cacao"), (3, "Pérou", "or")]


# -- Workbooks ------------------------------------------------------------------------------------------------


def erp_sheet(workbook: Workbook, title: str, lines: list[tuple[str, str, str]]) -> None:
    """A sheet as an ERP exports it: a merged title, a blank row, the header on row 3 with an autofilter, amounts
    and dates, and a totals row by formula."""
    sheet = workbook.create_sheet(title)
    sheet["A1"] = f"{title} — extraction du 01/03/2025"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["N° fournisseur", "Pays d'origine", "Désignation article", "Montant HT", "Dernière commande"])
    for reference, country, product in lines:
        sheet.append([reference, country, product, 1250.5, date(2025, 2, 3)])
    sheet.auto_filter.ref = f"A3:E{3 + len(lines)}"


def test_an_erp_workbook_is_read_from_its_header_on_row_3() -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    erp_sheet(workbook, "Fournisseurs", [("F-001", "Côte d'Ivoire", "fèves de cacao"), ("F-002", "Pérou", "or")])
    parsed = screening_input.parse(workbook_bytes(workbook))
    assert read(parsed) == [(4, "Côte d'Ivoire", "fèves de cacao"), (5, "Pérou", "or")]
    assert parsed.lines[0].extra == ("1250.5", "2025-02-03")
    assert parsed.sheet == ""  # one sheet: nothing to say


def test_a_hidden_sheet_is_not_read_before_the_visible_list() -> None:
    """A workbook that keeps last year's list in a hidden first sheet: that list was screened, the one she sees was
    not, and nothing said so."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    erp_sheet(workbook, "Liste 2024", [("F-009", "Chine", "jouets")])
    workbook["Liste 2024"].sheet_state = "hidden"
    erp_sheet(workbook, "Liste 2025", [("F-001", "Ghana", "cacao"), ("F-002", "Inde", "briques")])
    workbook.active = 1
    parsed = screening_input.parse(workbook_bytes(workbook))
    assert read(parsed) == [(4, "Ghana", "cacao"), (5, "Inde", "briques")]
    assert (parsed.sheet, parsed.other_sheets) == ("Liste 2025", (("Liste 2024", True),))


def test_a_hidden_sheet_is_read_when_it_alone_holds_a_list() -> None:
    workbook = Workbook()
    workbook.active.append(["Consignes : remplir l’onglet caché"])
    erp_sheet(workbook, "Données", [("F-001", "Ghana", "cacao")])
    workbook["Données"].sheet_state = "hidden"
    parsed = screening_input.parse(workbook_bytes(workbook))
    assert read(parsed) == [(4, "Ghana", "cacao")]
    assert (parsed.sheet, parsed.other_sheets) == ("Données", ())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Sheet read: “Achats France”. The sheets “Achats import”, “Archives” (hidden) also hold lists, which were "
            "not read: send each as a file of its own, or copy their lines into the sheet read.",
        ),
        ("fr", None),
    ],
)
def test_the_sheet_read_and_the_others_that_hold_a_list_are_said(lang: str, expected: str | None) -> None:
    """One sheet is screened; a workbook of one sheet per site had its other sheets' lines dropped unsaid."""
    workbook = Workbook()
    workbook.active.title = "Sommaire"
    workbook.active.append(["Listes fournisseurs du groupe"])
    erp_sheet(workbook, "Achats France", [("F-001", "Ghana", "cacao")])
    erp_sheet(workbook, "Achats import", [("F-101", "Chine", "coton"), ("F-102", "Inde", "thé")])
    erp_sheet(workbook, "Archives", [("F-201", "Pérou", "or")])
    workbook["Archives"].sheet_state = "hidden"
    workbook.create_sheet("Feuil5")  # empty: not named
    parsed = screening_input.parse(workbook_bytes(workbook))
    assert read(parsed) == [(4, "Ghana", "cacao")]
    assert parsed.other_sheets == (("Achats import", False), ("Archives", True))
    said = screening_columns.sheets_said(parsed, lang)
    if expected is None:  # French from the catalogs once translated; the names are the buyer's in any language
        expected = said
        assert "Achats import" in said and "Archives" in said and "Achats France" in said
    assert said == expected
    assert screening_columns.said(parsed, lang).startswith(said + " ")  # before the columns read
    # Carried from one post of the page's results to the next, as the columns read are.
    bare = screening_input.parse_carried(screening_input.carry(parsed))
    again = screening_columns.restore(bare, screening_columns.carry(parsed))
    assert (again.sheet, again.other_sheets, again.read) == (parsed.sheet, parsed.other_sheets, parsed.read)
    assert gettext(lang, "Sheet read: “%(name)s”.", name="Achats France") in screening_columns.said(again, lang)


def test_a_workbook_of_one_list_and_empty_sheets_says_nothing_of_sheets() -> None:
    workbook = Workbook()
    workbook.active.append(["Pays", "Produit"])
    workbook.active.append(["Ghana", "cacao"])
    workbook.create_sheet("Feuil2")
    workbook.create_sheet("Feuil3")
    parsed = screening_input.parse(workbook_bytes(workbook))
    assert (parsed.sheet, parsed.other_sheets) == ("", ())
    assert screening_columns.carry(parsed) == parsed.read.model_dump_json()  # type: ignore[union-attr]


def rebuilt(change: Callable[[str, bytes], bytes]) -> bytes:
    """A small workbook whose archive members are passed through ``change`` (name, bytes)."""
    workbook = Workbook()
    workbook.active.append(["Pays", "Produit", "Montant"])
    workbook.active.append(["Ghana", "cacao", 12])
    archive = zipfile.ZipFile(io.BytesIO(workbook_bytes(workbook)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written:
        for name in archive.namelist():
            written.writestr(name, change(name, archive.read(name)))
    return out.getvalue()


def in_sheet(old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    return lambda name, data: data.replace(old, new) if name == "xl/worksheets/sheet1.xml" else data


def corrupted_member() -> bytes:
    """A workbook whose sheet's compressed bytes are damaged (a download cut and patched, a disk error)."""
    data = bytearray(rebuilt(lambda _, data: data))
    start = data.find(b"xl/worksheets/sheet1.xml") + 120
    data[start : start + 60] = bytes(byte ^ 0x55 for byte in data[start : start + 60])
    return bytes(data)


BROKEN = {
    # Some exporters write a French decimal in a number cell.
    "a number cell holding « 12,5 »": rebuilt(in_sheet(b"<v>12</v>", b"<v>12,5</v>")),
    "a shared string that is missing": rebuilt(in_sheet(b't="inlineStr"><is><t>Ghana</t></is>', b't="s"><v>99</v>')),
    "a sheet's XML cut short": rebuilt(lambda name, data: data[:-40] if name == "xl/worksheets/sheet1.xml" else data),
    "a workbook's XML cut short": rebuilt(lambda name, data: data[:-30] if name == "xl/workbook.xml" else data),
    "a damaged archive member": corrupted_member(),
}


@pytest.mark.parametrize("data", BROKEN.values(), ids=BROKEN.keys())
def test_a_workbook_that_cannot_be_read_is_refused_with_what_to_do(data: bytes) -> None:
    """Each was an uncaught ValueError, IndexError, ParseError or zlib error: a server error, no word of what to do."""
    with pytest.raises(InvalidParameters) as refused:
        screening_input.parse(data, "application/octet-stream")
    assert refused.value.errors[0].localized("en") == DAMAGED_XLSX
    assert "save it again as .xlsx or as CSV" in refused.value.detail


# -- Formulas -------------------------------------------------------------------------------------------------


def with_formulas(*, saved: bool) -> bytes:
    """A list whose country is looked up by formula from a code, as a colleague's workbook does; ``saved``: with the
    values Excel saves beside its formulas, else as a program that does not compute them writes it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Code fournisseur", "Pays", "Produit"])
    sheet.append(["F-1", '=VLOOKUP("CI",Codes!A:B,2,0)', "cacao"])
    sheet.append(["F-2", '=VLOOKUP("GH",Codes!A:B,2,0)', "cacao"])
    sheet.append(["F-3", None, "or"])  # a country missing indeed
    codes = workbook.create_sheet("Codes")
    codes.sheet_state = "hidden"
    codes.append(["CI", "Côte d’Ivoire"])
    codes.append(["GH", "Ghana"])
    if not saved:
        return workbook_bytes(workbook)
    values = iter(["Côte d’Ivoire", "Ghana"])

    def cached(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        for row in (2, 3):
            value = next(values).encode()
            data = data.replace(f'<c r="B{row}">'.encode(), f'<c r="B{row}" t="str">'.encode())
            data = data.replace(b"</f><v></v>", b"</f><v>" + value + b"</v>", 1)
        return data

    archive = zipfile.ZipFile(io.BytesIO(workbook_bytes(workbook)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as written:
        for name in archive.namelist():
            written.writestr(name, cached(name, archive.read(name)))
    return out.getvalue()


def test_formulas_are_read_by_the_values_the_workbook_saved() -> None:
    parsed = screening_input.parse(with_formulas(saved=True))
    assert read(parsed) == [(2, "Côte d’Ivoire", "cacao"), (3, "Ghana", "cacao")]
    assert [(error.line, error.reason) for error in parsed.errors] == [(4, "no country")]
    assert (parsed.sheet, parsed.other_sheets) == ("", ())  # the hidden lookup sheet holds no list


def test_a_formula_without_its_saved_value_says_what_to_do() -> None:
    """Read as empty, such a cell said « no country » of a line whose country Excel shows: the buyer had no way to
    know why."""
    parsed = screening_input.parse(with_formulas(saved=False))
    assert parsed.lines == []
    assert [(error.line, error.reason) for error in parsed.errors] == [
        (2, FORMULA_WITHOUT_VALUE),
        (3, FORMULA_WITHOUT_VALUE),
        (4, "no country"),  # an empty cell is still an empty cell
    ]


def test_a_shared_formula_without_its_value_is_found_too() -> None:
    shared = rebuilt(
        in_sheet(b'<c r="A2" t="inlineStr"><is><t>Ghana</t></is></c>', b'<c r="A2"><f t="shared" si="0"/></c>')
    )
    parsed = screening_input.parse(shared)
    assert [(error.line, error.reason) for error in parsed.errors] == [(2, FORMULA_WITHOUT_VALUE)]


def test_decimal_commas_on_every_line_do_not_make_a_semicolon_list_a_comma_one() -> None:
    """A French export: an amount with a decimal comma on every line, a comment quoting a « ; » on two: the
    semicolons are still the delimiter (counted outside quotes)."""
    exported = (
        "Réf;Pays;Produit;Montant HT;Commentaire\n"
        'F1;Chine;coton;1 250,50;"à revoir; urgent"\n'
        'F2;Inde;thé;980,00;"relancé; sans réponse"\n'
        "F3;Ghana;cacao;12 000,75;\n"
        "F4;Pérou;or;5,10;\n"
    ).encode("cp1252")
    parsed = screening_input.parse(exported, "text/csv")
    assert parsed.errors == []
    assert [line.extra for line in parsed.lines[:2]] == [
        ("1 250,50", "à revoir; urgent"),
        ("980,00", "relancé; sans réponse"),
    ]


def test_the_api_the_workbook_and_the_command_line_name_the_sheet_read(catalogue: FindingsCatalogue) -> None:
    """The page said which sheet was read; the API's JSON, the downloaded workbook's summary (and `crv screen`'s,
    which prints the same sentence) said nothing: a program or a record could not tell its other sheets were left."""
    workbook = Workbook()
    erp_sheet(workbook, "Achats France", [("F-001", "Ghana", "cacao")])
    erp_sheet(workbook, "Archives", [("F-201", "Pérou", "or")])
    workbook["Archives"].sheet_state = "hidden"
    del workbook["Sheet"]
    parsed = screening_input.parse(workbook_bytes(workbook))
    result = screening.screen(catalogue, parsed)
    assert result.sheets is not None and result.sheets.read == "Achats France"
    assert [(s.name, s.hidden) for s in result.sheets.not_read] == [("Archives", True)]
    record = Record(screened_at=datetime(2026, 12, 4, 14, 5, tzinfo=UTC), site="http://crv.test")
    body, _, _ = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=record)
    summary = load_workbook(io.BytesIO(body)).worksheets[1]
    rows = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert rows["Sheet read"] == screening_columns.sheets_said(parsed, "en")
    one = screening.screen(catalogue, screening_input.parse_text("Pays;Produit\nGhana;cacao\n"))
    assert one.sheets is None
