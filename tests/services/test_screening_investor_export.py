"""An ESG analyst's export of portfolio issuers, as a data provider gives it: « Émetteur », « ISIN », « Pays
d’exposition » (« Country of risk »), « Secteur GICS » and « Sous-industrie » in GICS's English names, several
countries in one cell. As an audit found it read: no column recognised, each line « Pays et produit non reconnus »,
semiconductors and food products unknown, a cell of three countries « Pays non reconnu »."""

import pytest

from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resolve import ProductResolver
from app.services.screening_headers import role
from app.services.screening_input import InputLine, ParsedInput, parse_text


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
