"""The page's downloads as a buyer opens them: a workbook's numbers, percentages and dates written back as such (and
in French in a French CSV), text never shown with an apostrophe in a workbook, the lines of the filter chosen; and
the caveats a line without a finding carries."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from app.i18n import gettext
from app.schemas.screening import ScreeningState
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.ilab_notice import newer_list
from app.services.screening import LineGroup
from app.services.screening_input import ParsedInput, ScreeningFormat, carry, parse, parse_carried, parse_text
from app.services.screening_page import build_view, buyer_tools
from app.services.screening_report import Options, Record, report_file
from app.services.screening_workbook import buyer_text, buyer_value
from app.services.tabular import Styled

DAY = date(2025, 3, 12)
SITE = "http://crv.test"
AT = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)
RECORD = Record(screened_at=AT, site=SITE)


def _workbook_list() -> ParsedInput:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Pays", "Produit", "Volume (t)", "CA 2025 (€)", "Dernier audit", "Part du CA", "Code postal"])
    sheet.append(["Inde", "briques", 2.5, 140762.47, datetime(2025, 3, 1), 0.125, "01234"])
    sheet.append(["Inde", "thé", 12.345, 3, None, None, "75001"])
    sheet["E2"].number_format = "DD/MM/YYYY"
    sheet["F2"].number_format = "0.0%"
    out = io.BytesIO()
    workbook.save(out)
    # As the page has it on a download: sent back by its form.
    return parse_carried(carry(parse(out.getvalue())))


def _download(
    catalogue: FindingsCatalogue,
    parsed: ParsedInput,
    format: ScreeningFormat,
    lang: str,
    options: Options | None = None,
) -> tuple[bytes, str]:
    result = screening.screen(catalogue, parsed)
    body, _, name = report_file(result, format, lang, parsed.buyer_columns(), options or Options(), record=RECORD)
    return body, name


def test_a_workbook_s_numbers_and_dates_go_back_as_numbers_and_dates(catalogue: FindingsCatalogue) -> None:
    body, _ = _download(catalogue, _workbook_list(), ScreeningFormat.xlsx, "fr")
    sheet = load_workbook(io.BytesIO(body))["Criblage"]
    header = [cell.value for cell in sheet[1]]
    first = {name: sheet.cell(2, index + 1) for index, name in enumerate(header)}
    assert first["Volume (t)"].value == 2.5 and first["CA 2025 (€)"].value == 140762.47
    assert first["Dernier audit"].value == datetime(2025, 3, 1) and first["Dernier audit"].number_format == "dd/mm/yyyy"
    assert first["Part du CA"].value == 0.125 and first["Part du CA"].number_format == "0.0%"
    assert first["Code postal"].value == "01234"  # a code keeps its zero
    assert sheet.cell(3, header.index("Volume (t)") + 1).value == 12.345  # a workbook's number: no ambiguity


def test_a_french_csv_writes_a_workbook_s_numbers_in_french(catalogue: FindingsCatalogue) -> None:
    """« 2.5 » in a French CSV became a date in a French spreadsheet; « 2025-03-01 00:00:00 » carried a time."""
    body, _ = _download(catalogue, _workbook_list(), ScreeningFormat.csv, "fr")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert [rows[0][name] for name in ("Volume (t)", "CA 2025 (€)", "Dernier audit", "Part du CA", "Code postal")] == [
        "2,5",
        "140762,47",
        "2025-03-01",
        "12,5%",
        "01234",
    ]
    english, _ = _download(catalogue, _workbook_list(), ScreeningFormat.csv, "en")
    assert next(csv.DictReader(io.StringIO(english.decode("utf-8-sig"))))["Volume (t)"] == "2.5"


@pytest.mark.parametrize(
    ("text", "workbook", "value"),
    [
        ("12.345", True, 12.345),
        ("12.345", False, "12.345"),  # typed: a thousand in one language, a fraction in another
        ("12.5%", True, Styled(0.125, "0.0%")),
        ("7%", True, Styled(0.07, "0%")),
        ("2025-03-01", False, Styled(date(2025, 3, 1), "dd/mm/yyyy")),
        ("2025-03-01 14:30", True, Styled(datetime(2025, 3, 1, 14, 30), "dd/mm/yyyy hh:mm")),
        ("2025-13-01", True, "2025-13-01"),
        ("00123", True, "00123"),
        ("125 000,00", False, 125000),
    ],
)
def test_a_buyer_s_cell_for_the_workbook(text: str, workbook: bool, value: object) -> None:
    assert buyer_value(text, workbook, "fr") == value


def test_a_text_list_s_cells_stay_as_typed_in_the_csv() -> None:
    assert buyer_text("2.5", False, "fr") == "2.5" and buyer_text("2.5", True, "fr") == "2,5"
    assert buyer_text("2.5", True, "en") == "2.5" and buyer_text("F-2.5", True, "fr") == "F-2.5"


def test_text_is_text_in_the_workbook_and_guarded_in_the_csv(catalogue: FindingsCatalogue) -> None:
    """« +33 1 23 45 67 89 » showed as « '+33… » in the workbook; a CSV, which Excel computes, keeps its guard."""
    listed = 'pays;produit;Téléphone;Groupe\nGhana;cacao;+33 1 23 45 67 89;-Groupe Nord-\nInde;thé;@x;=HYPERLINK("x")\n'
    parsed = parse_text(listed)
    book, _ = _download(catalogue, parsed, ScreeningFormat.xlsx, "fr")
    sheet = load_workbook(io.BytesIO(book))["Criblage"]
    header = [cell.value for cell in sheet[1]]
    phone, name = sheet.cell(2, header.index("Téléphone") + 1), sheet.cell(2, header.index("Groupe") + 1)
    assert (phone.value, name.value) == ("+33 1 23 45 67 89", "-Groupe Nord-")
    formula = sheet.cell(3, header.index("Groupe") + 1)
    assert formula.value == '=HYPERLINK("x")' and formula.data_type == "s"  # shown, never computed
    text, _ = _download(catalogue, parsed, ScreeningFormat.csv, "fr")
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert [rows[0]["Téléphone"], rows[0]["Groupe"], rows[1]["Groupe"]] == [
        "'+33 1 23 45 67 89",
        "'-Groupe Nord-",
        '\'=HYPERLINK("x")',
    ]


def test_a_download_holds_the_lines_of_the_filter_and_says_so(catalogue: FindingsCatalogue) -> None:
    parsed = parse_text("pays;produit\nGhana;cacao\nFrance;cacao\nNarnia;or\nBrésil;cacao\n;or\n")
    findings = Options(state=LineGroup.finding)
    text, name = _download(catalogue, parsed, ScreeningFormat.csv, "fr", findings)
    assert name == "criblage-constat-2025-03-12-09h30-UTC.csv"
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["2", "5"]  # Ghana and Brazil only: not the unreadable line 6 either
    book, name = _download(catalogue, parsed, ScreeningFormat.xlsx, "en", findings)
    assert name == "screening-finding-2025-03-12-0930-UTC.xlsx"
    workbook = load_workbook(io.BytesIO(book))
    assert [row[0] for row in workbook["Screening"].iter_rows(min_row=2, values_only=True)] == [2, 5]
    summary = dict(workbook["Summary"].iter_rows(values_only=True))
    assert summary["Lines in this file"] == "Finding only: 2 of 5"
    everything, name = _download(catalogue, parsed, ScreeningFormat.xlsx, "en")
    assert name == "screening-2025-03-12-0930-UTC.xlsx"
    assert (
        dict(load_workbook(io.BytesIO(everything))["Summary"].iter_rows(values_only=True))["Lines in this file"]
        == "All"
    )


def test_a_line_without_a_finding_says_what_it_must_not_be_read_as(catalogue: FindingsCatalogue) -> None:
    """China's garlic said « Pays évalué » though ILAB's Findings do not cover China; Uzbek cotton said nothing of
    its removal from ILAB's list in 2022."""
    parsed = parse_text("pays;produit\nChine;ail\nOuzbékistan;coton\nAlbanie;cacao\nGhana;cacao\n")
    lines = screening.screen(catalogue, parsed).lines
    china, uzbekistan, albania, ghana = lines
    assert china.state == ScreeningState.assessed_no_finding
    assert china.state_labels.fr == "Aucun constat sur la liste de l’ILAB"  # not « Pays évalué »
    assert screening.caveat(china) == screening.NOT_IN_FINDINGS
    assert uzbekistan.state_labels.fr == "Pays évalué, aucun constat pour ce produit"  # ILAB assesses it
    caveat = screening.caveat(uzbekistan)
    assert caveat is not None and "retiré le coton d’Ouzbékistan de sa liste en 2022" in caveat.fr
    assert screening.caveat(albania) is None and screening.caveat(ghana) is None
    text, _ = _download(catalogue, parsed, ScreeningFormat.csv, "fr")
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert [row["À savoir"][:30] for row in rows] == [
        screening.NOT_IN_FINDINGS.fr[:30],
        caveat.fr[:30],
        "",
        gettext("fr", screening.NOT_ABOUT_THE_SUPPLIER)[:30],  # Ghana's cocoa: a finding, not about the supplier
    ]


def test_the_page_shows_a_line_s_caveat_with_its_country_s_sheet(catalogue: FindingsCatalogue) -> None:
    result = screening.screen(catalogue, parse_text("pays;produit\nChine;ail\nGhana;cacao\n"))
    china, ghana = build_view("fr", result, "").rows
    assert china.caveat == screening.NOT_IN_FINDINGS.fr and china.country_sheet.endswith("/fr/ressources/chine")
    assert ghana.caveat == "" and ghana.country_sheet == ""


def test_the_filters_group_the_lines_as_their_badges_say(catalogue: FindingsCatalogue) -> None:
    """China's lines (« Aucun constat sur la liste de l’ILAB ») were filtered and counted with Albania's
    (« Pays évalué, aucun constat pour ce produit »): ILAB's Findings do not assess China."""
    text = "pays;produit\nChine;ail\nAlbanie;cacao\nChine;cacao\nGhana;cacao\nFrance;vin\nNarnia;or\n"
    result = screening.screen(catalogue, parse_text(text))
    view = build_view("fr", result, "")
    counts = {c.state: (c.label, c.count) for c in view.counts}
    assert counts == {
        "finding": ("Constat", 1),
        "assessed_no_finding": ("Pays évalué, aucun constat pour ce produit", 1),
        "listed_only": ("Aucun constat sur la liste de l’ILAB", 2),
        "not_assessed": ("Pays non évalué par l’ILAB", 1),
        "unresolved": ("Non reconnu", 1),
    }
    assert sum(c.count for c in view.counts) == view.total == 6
    for row in view.rows:
        if row.state != "unresolved":  # its badge says which cell: « Pays non reconnu »
            assert row.state_label == counts[row.state][0], row
    china = build_view("fr", result, "listed_only")
    assert [(row.country, row.symbol) for row in china.rows] == [("Chine", "◐"), ("Chine", "◐")]
    assert [row.country for row in build_view("fr", result, "assessed_no_finding").rows] == ["Albanie"]
    body, name = _download(catalogue, parse_text(text), ScreeningFormat.xlsx, "fr", china.options)
    assert name == "criblage-liste-sans-constat-2025-03-12-09h30-UTC.xlsx"
    workbook = load_workbook(io.BytesIO(body))
    assert [row[2] for row in workbook["Criblage"].iter_rows(min_row=2, values_only=True)] == ["Chine", "Chine"]
    summary = dict(workbook["Synthèse"].iter_rows(values_only=True))
    assert summary["Lignes de ce fichier"] == "Aucun constat sur la liste de l’ILAB seulement\u00a0: 2 sur 6"
    assert summary["Pays évalué, aucun constat pour ce produit"] == 1
    assert summary["Aucun constat sur la liste de l’ILAB"] == 2


def test_a_country_ilab_does_not_assess_says_to_check_where_the_goods_are_produced(
    catalogue: FindingsCatalogue,
) -> None:
    """« ○ Pays non évalué par la source » said nothing of what to do: France is where the supplier is, not
    always where the goods are made; the line says so and links the centre's letter asking the supplier."""
    result = screening.screen(catalogue, parse_text("pays;produit\nFrance;vin\nGhana;cacao\n"))
    france, ghana = result.lines
    assert france.state_labels.fr == "Pays non évalué par l’ILAB"  # the country pages' words, the country named
    assert screening.caveat(france) == screening.NOT_COVERED and screening.caveat(ghana) is None
    assert "tool-origin-information-request" in france.next
    row, other = build_view("fr", result, "").rows
    assert "pays où les biens sont produits" in row.caveat
    assert row.origin_letter.endswith("/fr/ressources/demande-d-informations-sur-l-origine")
    assert other.origin_letter == ""


def test_the_results_explain_each_way_of_having_no_finding(catalogue: FindingsCatalogue) -> None:
    result = screening.screen(catalogue, parse_text("pays;produit\nAlbanie;cacao\n"))
    legend = build_view("en", result, "").legend
    assert [(symbol, label) for symbol, label, _ in legend] == [
        ("●", "Assessed, no finding for this product"),
        ("◐", "No finding on ILAB’s list"),
        ("○", "Country not assessed by ILAB"),
    ]
    assert all(meaning for _, _, meaning in legend)


def test_next_steps_are_the_centre_s_tools_for_buyers(catalogue: FindingsCatalogue) -> None:
    tools = buyer_tools("fr", catalogue.links)
    assert [link.url.rsplit("/", 1)[1] for link in tools] == [
        catalogue.links.link(key).page_url.fr.rsplit("/", 1)[1]  # type: ignore[union-attr]
        for key in ("tool-risk-scoring-grid", "tool-origin-information-request", "tool-contract-clauses")
    ] + ["commande-publique-travail-force-travail-enfants"]
    result = screening.screen(catalogue, parse_text("pays;produit\nGhana;cacao\n"))
    assert build_view("fr", result, "", tools=tools).tools == tools


def test_the_workbook_s_summary_is_a_record_for_the_buyer_s_file(catalogue: FindingsCatalogue) -> None:
    """The summary names the buyer's file, says that no finding is not no risk and that ILAB has a newer list."""
    parsed = parse_text("pays;produit\nGhana;cacao\n")
    result = screening.screen(catalogue, parsed)
    body, _, _ = report_file(
        result,
        ScreeningFormat.xlsx,
        "fr",
        parsed.buyer_columns(),
        record=Record(screened_at=AT, site=SITE, source="fournisseurs_2025.xlsx"),
    )
    summary = dict(load_workbook(io.BytesIO(body))["Synthèse"].iter_rows(values_only=True))
    assert summary["Fichier d’origine"] == "fournisseurs_2025.xlsx"
    assert summary["À savoir"].startswith("L’absence de constat ne signifie pas l’absence de risque")
    assert summary["Édition des données"].startswith("ILAB 2022\u00a0: liste des biens")
    assert summary["Édition plus récente"] == newer_list("fr").text
    pasted, _, _ = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=RECORD)
    assert dict(load_workbook(io.BytesIO(pasted))["Summary"].iter_rows(values_only=True))["Original file"] == (
        "List pasted in the page"
    )


def test_a_workbook_s_text_that_reads_as_a_number_stays_text(catalogue: FindingsCatalogue) -> None:
    """A SIRET typed as text came back as a number, which Excel shows as 1,23457E+13; a number stays a number, and
    a text cell that starts with an apostrophe keeps it through the page's forms."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Référence", "Pays", "Produit", "SIRET", "Montant", "Note", "Depuis"])
    sheet.append(["F-1", "Ghana", "cacao", "12345678901234", 1500, "'12", "2025-03-01"])
    out = io.BytesIO()
    workbook.save(out)
    parsed = parse_carried(carry(parse(out.getvalue())))  # as the page has it on a download
    body, _ = _download(catalogue, parsed, ScreeningFormat.xlsx, "fr")
    sheet = load_workbook(io.BytesIO(body))["Criblage"]
    header = [cell.value for cell in sheet[1]]
    cells = {name: sheet.cell(2, index + 1).value for index, name in enumerate(header)}
    assert cells["SIRET"] == "12345678901234" and cells["Montant"] == 1500
    assert cells["Note"] == "'12" and cells["Depuis"] == "2025-03-01"
    text, _ = _download(catalogue, parsed, ScreeningFormat.csv, "fr")
    assert "12345678901234;1500;'12;2025-03-01" in text.decode("utf-8-sig")


def test_a_text_list_s_long_number_is_an_identifier() -> None:
    assert buyer_value("12345678901234", False, "fr") == "12345678901234"  # a SIRET, not 1,23457E+13
    assert buyer_value("12345678901", False, "fr") == 12345678901


def test_equatorial_guinea_is_written_as_french_writes_it(catalogue: FindingsCatalogue) -> None:
    line = screening.screen(catalogue, parse_text("pays;produit\nGuinée équatoriale;cacao\n")).lines[0]
    assert line.country is not None and line.country.labels.fr == "Guinée équatoriale"
