"""Which of the buyer's columns the screening read as what, by their own header's names: French and English headers,
a list with two country columns or two product columns, a list without a header, JSON; what the page says of it and
what its results' form carries from one post to the next."""

import io

import pytest
from openpyxl import Workbook

from app.i18n import gettext
from app.schemas.screening import ColumnsRead
from app.services.screening_columns import carry, named, restore, said
from app.services.screening_input import ParsedInput, parse, parse_carried, parse_text
from app.services.screening_input import carry as carry_list
from app.services.screening_page import apply_correction, box_text


def test_french_headers_under_an_export_s_title_are_named_as_the_buyer_wrote_them() -> None:
    parsed = parse_text(
        "Export ERP du 03/03/2025\n"
        "N° ligne;Code fournisseur;Pays de provenance;Désignation article;Famille d’achat;Montant HT\n"
        "12;F-001;Côte d’Ivoire;fèves de cacao;Agriculture;125000\n"
    )
    assert parsed.read == ColumnsRead(
        country="Pays de provenance",
        product="Désignation article",
        reference="Code fournisseur",
        line="N° ligne",
        category="Famille d’achat",
    )
    assert parsed.fixed == ()
    assert parsed.lines[0].line == 12


def test_english_headers_and_a_role_not_read_is_none() -> None:
    parsed = parse_text("Supplier ID,Country of origin ,Item description,Spend\nS-1,Ghana,cocoa beans,10\n")
    assert parsed.read == ColumnsRead(country="Country of origin", product="Item description", reference="Supplier ID")
    assert parsed.read.line is None and parsed.read.category is None


@pytest.mark.parametrize(
    ("header", "country", "product"),
    [
        # The goods' origin before a country without more, wherever it stands.
        ("Pays;Pays de provenance;Produit", "Pays de provenance", "Produit"),
        ("Country;Country of origin;Product", "Country of origin", "Product"),
        # A product before a designation before a description.
        ("Description;Article;Pays", "Pays", "Article"),
        ("Item;Description;Country", "Country", "Item"),
    ],
)
def test_of_two_columns_for_a_role_the_one_read_is_named(header: str, country: str, product: str) -> None:
    parsed = parse_text(f"{header}\n" + ";".join(["Ghana", "cacao", "cacao"]) + "\n")
    assert parsed.read is not None
    assert (parsed.read.country, parsed.read.product) == (country, product)
    others = header.split(";")
    others.remove(country)
    others.remove(product)
    assert parsed.columns == tuple(others)  # the other one is the buyer's, kept


def test_a_category_stands_in_for_a_missing_product_column() -> None:
    parsed = parse_text("Pays;Famille d’achat;Catégorie\nGhana;Agriculture;Cacao\n")
    assert parsed.read is not None
    assert (parsed.read.product, parsed.read.category) == ("Famille d’achat", "Catégorie")


def test_a_workbook_s_header_below_a_title() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["Fournisseurs 2025"], [], ["Pays d’origine", "Libellé", "Raison sociale"], ["Ghana", "cacao", "X"]):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    parsed = parse(out.getvalue())
    assert parsed.read == ColumnsRead(country="Pays d’origine", product="Libellé", reference="Raison sociale")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Ghana;cacao\nBrésil;café\n", ("country", "product")),
        ("F-1;Ghana;cacao\n", ("reference", "country", "product")),
        ("Pays-Bas;produits laitiers\n", ("country", "product")),  # data, not a header
    ],
)
def test_a_list_without_a_header_names_no_column_and_is_read_in_its_fixed_order(
    text: str, fixed: tuple[str, ...]
) -> None:
    parsed = parse_text(text)
    assert parsed.read is None
    assert parsed.fixed == fixed
    order = ", ".join(fixed)
    assert said(parsed, "en") == f"Your list has no header: its columns were read in the order {order}."


def test_a_json_list_has_fixed_keys_and_is_said_nothing() -> None:
    parsed = parse(b'{"lines": [{"reference": "A", "country": "Ghana", "product": "cocoa"}]}')
    assert parsed.read is None and parsed.fixed == ()
    assert said(parsed, "en") == ""


def test_the_sentence_names_each_column_read_and_counts_the_others() -> None:
    parsed = parse_text(
        "Code fournisseur;Pays;Pays de provenance;Désignation article;Famille d’achat;Montant\n"
        "F1;France;Ghana;cacao;Agriculture;12\n"
    )
    assert said(parsed, "en") == (
        "Columns read: country — “Pays de provenance”; product — “Désignation article”; category (where the "
        "product is missing or unknown) — “Famille d’achat”; reference — “Code fournisseur”. Your 2 other columns "
        "are kept in the downloads."  # « Pays » and « Montant »: the category, read, is not counted again
    )
    one = parse_text("Country;Product;Spend\nGhana;cocoa;12\n")
    assert said(one, "en").endswith("product — “Product”. Your other column is kept in the downloads.")
    none = parse_text("Country;Product\nGhana;cocoa\n")
    assert said(none, "en") == "Columns read: country — “Country”; product — “Product”."


def test_in_french_the_names_are_quoted_and_separated_as_french_sets_them() -> None:
    read = ColumnsRead(country="Pays de provenance", product="Désignation article")
    country = gettext("fr", "%(role)s — “%(name)s”", role=gettext("fr", "country"), name="Pays de provenance")
    product = gettext("fr", "%(role)s — “%(name)s”", role=gettext("fr", "product"), name="Désignation article")
    assert named(read, "fr") == f"{country}\u202f; {product}"  # a narrow no-break space before « ; »
    assert named(read, "en") == "country — “Pays de provenance”; product — “Désignation article”"


def test_the_results_form_carries_the_columns_read_beside_the_list() -> None:
    uploaded = parse_text("Pays;Pays de provenance;Produit;Montant\nFrance;Ghana;cacao;12\n")
    carried = parse_carried(carry_list(uploaded))
    assert carried.read is None  # its header is the page's own, which names nothing of the buyer's
    again = restore(carried, carry(uploaded))
    assert again.read == uploaded.read
    assert said(again, "en") == said(uploaded, "en")
    pasted = parse_text("F-1;Ghana;cacao\n")
    assert restore(parse_carried(carry_list(pasted)), carry(pasted)).fixed == ("reference", "country", "product")
    assert carry(parse(b'[{"country": "Ghana", "product": "cocoa"}]')) == ""


@pytest.mark.parametrize(
    "value", [None, "", "not json", "[1, 2]", '["country", "sector"]', '{"country": 3}', "42", '"country"']
)
def test_a_carried_value_that_is_not_columns_read_is_ignored(value: str | None) -> None:
    carried = parse_carried(carry_list(parse_text("Pays;Produit\nGhana;cacao\n")))
    assert restore(carried, value) is carried


def resent(text: str, fix: str) -> ParsedInput:
    """``text`` screened, then a « did you mean » chosen on the page: the results' form sends back the carried list
    and the columns read, and the line is corrected."""
    parsed = parse_text(text)
    corrected, correction = apply_correction(restore(parse_carried(carry_list(parsed)), carry(parsed)), fix)
    assert correction is not None
    return corrected


@pytest.mark.parametrize(
    ("text", "fix", "box"),
    [
        (  # the buyer's names, in another language than the page's; a role without a column in the page's words
            "Country of origin;Commodity;Spend\nGhana;cocao;10\nNarnia;gold;5\n",
            "2:product:Cacao",
            "référence;Country of origin;Commodity;Spend\n;Ghana;Cacao;10\n;Narnia;gold;5\n",
        ),
        (  # « Pays », another country column, stays the buyer's other column; the line column keeps its name
            "Export du 03/03/2025\n\nN° ligne;Code fournisseur;Pays;Pays de provenance;Désignation article\n"
            "12;F-1;France;Ghana;cocao\n13;F-2;France;Narnia;or\n",
            "12:product:Cacao",
            "N° ligne;Code fournisseur;Pays de provenance;Désignation article;Pays\n"
            "12;F-1;Ghana;Cacao;France\n13;F-2;Narnia;or;France\n",
        ),
        (  # no product column: the category read as the product keeps its name, the next category stays one
            "Pays;Famille d’achat;Catégorie\nGhna;Agriculture;cacao\n",
            "2:country:Ghana",
            "référence;Pays;Famille d’achat;Catégorie\n;Ghana;Agriculture;cacao\n",
        ),
        (  # no header: the page's words, the lines numbered as they were read
            "Ghana;cocao\nNarnia;or\n",
            "1:product:Cacao",
            "ligne;référence;pays;produit\n1;;Ghana;Cacao\n2;;Narnia;or\n",
        ),
    ],
)
def test_the_box_keeps_the_buyer_s_header_after_a_correction(text: str, fix: str, box: str) -> None:
    corrected = resent(text, fix)
    assert box_text("fr", corrected) == box
    # Screened again from the box, the list is read from the same columns, under the same names.
    again = parse_text(box)
    assert (again.lines, again.errors) == (corrected.lines, corrected.errors)
    original = parse_text(text)
    if original.read is not None:
        assert again.read is not None and again.columns == original.columns
        assert (again.read.country, again.read.product, again.read.category) == (
            original.read.country,
            original.read.product,
            original.read.category,
        )


def test_a_form_without_the_columns_read_puts_the_list_back_under_the_page_s_words() -> None:
    carried = parse_carried(carry_list(parse_text("Country of origin;Commodity\nGhana;cocoa\n")))  # an older page's
    assert box_text("en", carried) == "reference;country;product\n;Ghana;cocoa\n"
