"""What a public buyer's audit of the screening found: its downloads put « Résultat : Constat » beside a supplier's
name without the page's warning that a finding is about a country and a good, not the supplier; and laptops from
China were pointed to the monitoring of children on cocoa farms and C182, never to forced labour, while no line led
to state-imposed forced labour, where the country's sheet says the state imposes it."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from app.i18n import gettext
from app.schemas.screening import ScreenedLine
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resource_links import STATE_IMPOSED_TOPIC
from app.services.screening import NOT_ABOUT_THE_SUPPLIER, reads
from app.services.screening_compare import read_earlier
from app.services.screening_input import ParsedInput, ScreeningFormat, parse_text
from app.services.screening_page import build_view
from app.services.screening_report import RESULT, RESULT_BEFORE, SUMMARY, Record, report_file
from tests.content.ilab_generator import generator_module

RECORD = Record(screened_at=datetime(2026, 12, 3, 12, 56, tzinfo=UTC), site="http://crv.test")
SUPPLIERS = (
    "Référence;Fournisseur;Pays;Produit\n"
    "F1;Shenzhen Laptop Co;Chine;ordinateurs portables\n"
    "F2;Cacao Ivoire SA;Côte d'Ivoire;cacao\n"
    "F3;Lyon Bureautique;France;papier\n"
)
CLMRS, CHILD_GUIDE = "method-clmrs", "method-ilo-ioe-child-labour-guidance"
FORCED_GUIDE = "method-forced-labour-indicators"


def screened(catalogue: FindingsCatalogue, text: str) -> tuple[ParsedInput, list[ScreenedLine]]:
    parsed = parse_text(text)
    return parsed, screening.screen(catalogue, parsed).lines


@pytest.mark.parametrize(("lang", "delimiter"), [("fr", ";"), ("en", ",")])
def test_each_line_with_a_finding_says_in_the_csv_that_it_is_not_about_the_supplier(
    catalogue: FindingsCatalogue, lang: str, delimiter: str
) -> None:
    """The page's words (one message, translated once) in the « À savoir » of each line with a finding: no line
    above the header, which a parser would read as the header, and no column more."""
    parsed = parse_text(SUPPLIERS)
    result = screening.screen(catalogue, parsed)
    body, _, _ = report_file(result, ScreeningFormat.csv, lang, parsed.buyer_columns(), record=RECORD)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))
    header = rows[0]
    assert header[0] == ("Ligne" if lang == "fr" else "Line")
    assert all(len(row) == len(header) for row in rows)  # machine-readable: one header, lines as wide
    result_at = header.index(screening.label(RESULT, lang))
    assert header[result_at - 1] == "Fournisseur"  # the supplier's name, then what ILAB says of the pair
    caveat = header.index(screening.label(SUMMARY["caveat"], lang))
    warning = gettext(lang, NOT_ABOUT_THE_SUPPLIER)
    laptops, cocoa, paper = rows[1:]
    assert laptops[caveat] == cocoa[caveat] == warning
    assert paper[caveat] != warning  # France: ILAB does not assess it, which its caveat says instead
    if lang == "fr":
        assert warning.startswith("Un constat porte sur un pays et un produit, pas sur votre fournisseur")
        # To a company as to a public buyer: it spoke of excluding bidders only.
        assert "n’est pas, à lui seul, un motif pour rompre avec un fournisseur ni pour exclure un candidat" in warning
        assert header[result_at] == "Constat pays-produit (ILAB)" and laptops[result_at] == "Constat"
    else:
        assert header[result_at] == "Country–good finding (ILAB)" and laptops[result_at] == "Finding"


@pytest.mark.parametrize(("lang", "summary", "lines"), [("fr", "Synthèse", "Criblage"), ("en", "Summary", "Screening")])
def test_the_workbook_says_it_first_in_its_summary_and_beside_each_finding(
    catalogue: FindingsCatalogue, lang: str, summary: str, lines: str
) -> None:
    parsed = parse_text(SUPPLIERS)
    result = screening.screen(catalogue, parsed)
    body, _, _ = report_file(result, ScreeningFormat.xlsx, lang, parsed.buyer_columns(), record=RECORD)
    book = load_workbook(io.BytesIO(body))
    first = book[summary]
    assert first["A1"].value == screening.label(SUMMARY["finding"], lang)
    assert first["B1"].value == gettext(lang, NOT_ABOUT_THE_SUPPLIER)
    legend = {row[0]: row[1] for row in first.iter_rows(values_only=True)}
    said = "Constat pays-produit (ILAB)\u00a0: Constat" if lang == "fr" else "Country–good finding (ILAB): Finding"
    assert legend[said]  # the legend names the column as the sheet does
    sheet = book[lines]
    header = [cell.value for cell in sheet[1]]
    result_at = header.index(screening.label(RESULT, lang))
    assert header[result_at - 1] == "Fournisseur"
    caveat = header.index(screening.label(SUMMARY["caveat"], lang))
    assert sheet.cell(2, caveat + 1).value == gettext(lang, NOT_ABOUT_THE_SUPPLIER)


def test_the_page_says_it_from_the_same_message_and_names_the_column_alike(catalogue: FindingsCatalogue) -> None:
    result = screening.screen(catalogue, parse_text(SUPPLIERS))
    for lang in ("fr", "en"):
        view = build_view(lang, result, "")
        assert view.not_about_supplier == gettext(lang, NOT_ABOUT_THE_SUPPLIER)
        assert view.result_column == screening.label(RESULT, lang)


def test_an_earlier_file_with_the_former_result_column_is_still_compared(catalogue: FindingsCatalogue) -> None:
    """A workbook downloaded before the column was renamed (« Résultat ») is read as the same layout."""
    parsed = parse_text(SUPPLIERS)
    body, _, _ = report_file(
        screening.screen(catalogue, parsed), ScreeningFormat.xlsx, "fr", parsed.buyer_columns(), record=RECORD
    )
    book = load_workbook(io.BytesIO(body))
    sheet = book["Criblage"]
    renamed = next(cell for cell in sheet[1] if cell.value == RESULT.fr)
    renamed.value = RESULT_BEFORE.fr
    out = io.BytesIO()
    book.save(out)
    earlier = read_earlier(out.getvalue())
    assert earlier.screened_on.isoformat() == "2026-12-03" and len(earlier.lines) == 3


def test_laptops_from_china_lead_to_forced_labour_and_cocoa_to_monitoring_on_farms(
    catalogue: FindingsCatalogue,
) -> None:
    """ILAB lists both pairs for forced child labour, forced labour and child labour: each leads with forced
    labour's guide, then child labour's for where the goods are made — farms for cocoa (CLMRS), factories for
    electronics (the ILO–IOE guidance) —; China's electronics are no good whose forced labour its sheet says the
    state imposes."""
    _, (laptops, cocoa, _) = screened(catalogue, SUPPLIERS)
    assert laptops.commodity is not None and laptops.commodity.code == "electronics"
    assert CLMRS not in laptops.next and CHILD_GUIDE in laptops.next and STATE_IMPOSED_TOPIC not in laptops.next
    assert laptops.next.index(FORCED_GUIDE) < laptops.next.index(CHILD_GUIDE) < laptops.next.index("law-ilo-c182")
    assert CLMRS in cocoa.next and CHILD_GUIDE not in cocoa.next
    assert cocoa.next.index(FORCED_GUIDE) < cocoa.next.index(CLMRS)
    assert reads(laptops, "en")[:4] == ["country-cn", "brief-electronics", "commodity-electronics", FORCED_GUIDE]
    # The five reads the page shows differ with the finding: the guides come before the broad sector's sheet.
    result = screening.screen(catalogue, parse_text(SUPPLIERS))
    for lang in ("fr", "en"):
        laptops_row, cocoa_row, _ = build_view(lang, result, "").rows
        guides = {key: screening.page_url(result, key, lang) for key in (CLMRS, CHILD_GUIDE)}
        assert guides[CHILD_GUIDE] in [link.url for link in laptops_row.reads[:5]]
        assert guides[CLMRS] in [link.url for link in cocoa_row.reads[:5]]


@pytest.mark.parametrize(
    ("country", "product"),
    [("Chine", "gants"), ("Chine", "concentré de tomate"), ("Turkménistan", "coton"), ("Corée du Nord", "charbon")],
)
def test_a_good_whose_forced_labour_the_state_imposes_leads_to_that_topic_first(
    catalogue: FindingsCatalogue, country: str, product: str
) -> None:
    _, (line,) = screened(catalogue, f"pays;produit\n{country};{product}\n")
    assert line.next[0] == STATE_IMPOSED_TOPIC, line.next
    if country != "Turkménistan":  # forced labour only: no child labour guide, nor C182
        assert not {CLMRS, CHILD_GUIDE, "law-ilo-c182"} & set(line.next)


def test_the_goods_the_state_imposes_are_read_from_the_country_sheets(catalogue: FindingsCatalogue) -> None:
    """Not a copy of the sheets' generator's table: the commodity sheets each country sheet's state-imposed step
    links, which are the table's goods."""
    constants = generator_module("scripts.ilab_sheets.constants")
    table = {
        iso2: frozenset(constants.GOODS[good][0] for good in entry.goods)
        for iso2, entry in constants.STATE_IMPOSED.items()
    }
    assert dict(catalogue.links.state_imposed) == table
    _, (garments, cotton) = screened(catalogue, "pays;produit\nChine;t-shirts\nChine;coton\n")
    assert STATE_IMPOSED_TOPIC not in garments.next and STATE_IMPOSED_TOPIC not in cotton.next
