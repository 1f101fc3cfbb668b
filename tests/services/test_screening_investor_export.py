"""An ESG analyst's export of portfolio issuers, as a data provider gives it: « Émetteur », « ISIN », « Pays
d’exposition » (« Country of risk »), « Secteur GICS » and « Sous-industrie » in GICS's English names, several
countries in one cell. As an audit found it read: no column recognised, each line « Pays et produit non reconnus »,
semiconductors and food products unknown, a cell of three countries « Pays non reconnu »."""

import csv
import io
from datetime import UTC, datetime

import pytest

from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resolve import ProductResolver
from app.services.screening_headers import role
from app.services.screening_input import MAX_LINES, InputLine, ParsedInput, ScreeningFormat, parse_text
from app.services.screening_report import RESULT, Record, report_file
from app.services.screening_split import split_countries


@pytest.mark.parametrize(
    ("header", "country", "product", "reference", "category"),
    [
        (
            "Émetteur;ISIN;Pays d’exposition;Secteur GICS;Sous-industrie",
            "Pays d’exposition",
            "Sous-industrie",
            "Émetteur",
            "Secteur GICS",
        ),
        (
            "Issuer;ISIN;Country of risk;GICS Sector;GICS Sub-Industry",
            "Country of risk",
            "GICS Sub-Industry",
            "Issuer",
            "GICS Sector",
        ),
    ],
)
def test_an_investor_s_export_is_read_by_its_columns(
    header: str, country: str, product: str, reference: str, category: str
) -> None:
    parsed = parse_text(f"{header}\nKering;FR0000121485;CHN;Consumer Discretionary;Textiles, Apparel & Luxury Goods\n")
    assert parsed.read is not None
    read = parsed.read
    # The finer level is the product, the sector its category: « Consumer Discretionary » names no good.
    assert (read.country, read.product, read.reference, read.category) == (country, product, reference, category)
    assert parsed.lines[0].country == "CHN" and parsed.columns == ("ISIN", header.split(";")[3])  # ISIN kept


@pytest.mark.parametrize("cell", ["Risque pays", "Country risk", "Exposition"])
def test_a_country_s_risk_score_is_no_country_column(cell: str) -> None:
    assert role(cell) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Semiconductors", "electronics"),  # ILAB's « Electronics » (Malaysia, China)
        ("Semiconductor Materials & Equipment", "electronics"),
        ("semi-conducteurs", "electronics"),
        ("Technology Hardware, Storage & Peripherals", "electronics"),
        ("Food Products", "agriculture"),
        ("Produits alimentaires", "agriculture"),
        ("Agricultural Products & Services", "agriculture"),  # was read as services
        ("Packaged Foods & Meats", "agriculture"),  # was meat: a food maker's goods, meat one of them
        ("Aliments conditionnés et viandes", "agriculture"),
        ("Meats", "meat"),  # meat alone is still meat
    ],
)
def test_gics_industries_are_read_as_the_goods_ilab_lists(catalogue: FindingsCatalogue, text: str, code: str) -> None:
    assert ProductResolver(catalogue.taxonomies).resolve(text).code == code


def test_a_cell_of_several_countries_says_so(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(
        lines=[
            InputLine(2, "Kering", "CN; VN; BD", "Textiles, Apparel & Luxury Goods"),
            InputLine(3, "Nestlé", "Côte d'Ivoire, Ghana", "Automobile Components"),
            InputLine(4, "Acme", "Congo", "cacao"),  # a name two countries share: a question, as before
        ]
    )
    kering, nestle, acme = screening.screen(catalogue, parsed).lines
    assert kering.state_labels.fr == "Plusieurs pays dans la cellule\u00a0: une ligne par pays"
    assert [c.code for c in kering.country_match.candidates] == ["CN", "VN", "BD"]  # each offered
    assert nestle.state_labels.en == "Several countries in one cell (one line each), product not recognised"
    assert acme.state_labels.en == "Country not recognised"
    # the API says it in a field of its own, not only in words a client would have to compare
    assert kering.country_match.several and nestle.country_match.several and not acme.country_match.several
    assert not kering.product_match.several


def test_every_country_of_the_cell_is_given_not_three_of_them(catalogue: FindingsCatalogue) -> None:
    # A question's candidates stop at three: « CN; VN; BD; IN » offered three of the four lines to write.
    parsed = ParsedInput(lines=[InputLine(2, "Kering", "CN; VN; BD; IN", "Textiles, Apparel & Luxury Goods")])
    (kering,) = screening.screen(catalogue, parsed).lines
    assert [c.code for c in kering.country_match.candidates] == ["CN", "VN", "BD", "IN"]


def test_the_workbook_s_row_says_which_lines_to_write_not_which_one(catalogue: FindingsCatalogue) -> None:
    parsed = parse_text("reference;country;product\nKering;CN / VN;textiles\n")
    result = screening.screen(catalogue, parsed)
    record = Record(screened_at=datetime(2026, 12, 3, 14, 5, tzinfo=UTC), site="http://crv.test")
    body, _, _ = report_file(result, ScreeningFormat.csv, "en", parsed.buyer_columns(), record=record)
    header, row = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[:2]
    cells = dict(zip(header, row, strict=True))
    assert cells[RESULT.en] == "Several countries in one cell: one line each"
    assert cells["Country: did you mean?"] == ""  # was « China, Vietnam »: which one?
    assert cells["Caveat"].startswith("Write each country on its own line, with the same reference and product (China")


def test_a_cell_of_several_countries_is_split_into_one_line_each(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(
        lines=[
            InputLine(2, "Acme", "Ghana", "cacao", ("Acme SA",)),
            InputLine(3, "Kering", "CN; VN; BD", "textiles", ("Kering SA",)),
            InputLine(4, "Nestlé", "Brésil (São Paulo), Chine", "cacao", ("Nestlé SA",)),
        ],
        columns=("Nom",),
    )
    split, correction = split_countries(parsed, "3", catalogue)
    assert correction is not None and correction.countries == ("CN", "VN", "BD")
    assert [(i.line, i.reference, i.country, i.product, i.extra) for i in split.lines] == [
        (2, "Acme", "Ghana", "cacao", ("Acme SA",)),
        (3, "Kering", "CN", "textiles", ("Kering SA",)),
        (4, "Nestlé", "Brésil (São Paulo), Chine", "cacao", ("Nestlé SA",)),
        (5, "Kering", "VN", "textiles", ("Kering SA",)),  # after the list's last number: the others keep theirs
        (6, "Kering", "BD", "textiles", ("Kering SA",)),
    ]
    # « São Paulo » names no country: split, it would be lost; nor is a line of one country, nor a list full.
    for number in ("4", "2", "9"):
        assert split_countries(parsed, number, catalogue) == (parsed, None)
    full = ParsedInput(lines=[*parsed.lines, *(InputLine(n, None, "Ghana", "cacao") for n in range(5, MAX_LINES + 1))])
    assert split_countries(full, "3", catalogue) == (full, None)
