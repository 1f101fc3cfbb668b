"""Screening against data/ilab-2022/, read here independently: every pair's state, resolution, input formats."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import InvalidParameters
from app.ilab.goods import GOODS
from app.services import screening, screening_files, screening_input
from app.services.findings import FindingsCatalogue
from app.services.resolve import related_goods
from app.services.screening_input import InputLine, ParsedInput, ScreeningFormat
from app.services.screening_report import Record, report_file
from tests.helpers import ilab_rows

RECORD = Record(screened_at=datetime(2026, 1, 5, 10, 0, tzinfo=UTC), site="http://crv.test")


def screen_pairs(catalogue: FindingsCatalogue, pairs: list[tuple[str, str]]) -> list[screening.ScreenedLine]:
    parsed = ParsedInput(lines=[InputLine(n, None, c, p) for n, (c, p) in enumerate(pairs, start=1)])
    return screening.screen(catalogue, parsed).lines


def test_every_pair_of_the_data_gets_its_state(catalogue: FindingsCatalogue) -> None:
    """Every assessed country × every commodity: finding exactly where ILAB lists the good or a good it may also be
    (gloves and rubber gloves, meat and livestock: resolve.RELATED_GOODS), for a labour finding or as made with
    exploited inputs."""
    countries = {row["iso2"] for row in ilab_rows("countries.csv")}
    expected: dict[tuple[str, str], set[str]] = {}
    listed: set[tuple[str, str]] = set()
    for row in ilab_rows("country_goods.csv"):
        listed.add((row["iso2"], GOODS[row["good_en"]][0]))
        found = expected.setdefault((row["iso2"], GOODS[row["good_en"]][0]), set())
        for column, name in (
            ("child_labor", "child_labour"),
            ("forced_labor", "forced_labour"),
            ("forced_child_labor", "forced_child_labour"),
        ):
            if row[column] == "true":
                found.add(name)
    commodities = sorted({code for code, _, _ in GOODS.values()})
    pairs = [(iso2, code) for iso2 in sorted(countries) for code in commodities]
    lines = screen_pairs(catalogue, pairs)
    assert len(lines) == len(pairs) > 15_000
    for (iso2, code), line in zip(pairs, lines, strict=True):
        assert line.country is not None and line.country.code == iso2, (iso2, code)
        assert line.commodity is not None and line.commodity.code == code, (iso2, code)
        goods = (code, *related_goods(code))
        findings = set().union(*(expected.get((iso2, good), set()) for good in goods))
        assert set(line.findings) == findings, (iso2, code)
        in_list = any((iso2, good) in listed for good in goods)
        assert line.state == ("finding" if in_list else "assessed_no_finding"), (iso2, code)
        assert line.state_labels.en != "Assessed, no finding for this product" or not line.goods, (iso2, code)


def test_countries_outside_the_source_are_not_assessed(catalogue: FindingsCatalogue) -> None:
    lines = screen_pairs(catalogue, [("France", "cocoa"), ("USA", "t-shirts"), ("Allemagne", "voitures")])
    assert [line.state for line in lines[:2]] == ["not_assessed", "not_assessed"]
    assert lines[0].country_indicators is not None and lines[0].country_indicators.status == "not_assessed"
    assert lines[2].state == "unresolved"  # "voitures": no such good


def test_resolution_of_names_codes_and_free_text(catalogue: FindingsCatalogue) -> None:
    pairs = [
        ("Ivory Coast", "cacao"),
        ("Côte d’Ivoire", "cocoa beans"),
        ("cote d'ivoire", "Cocoa"),
        ("CIV", "fèves de cacao"),
        ("ci", "chocolate"),
        ("USA", "t-shirts"),
        ("Bangladesh", "T-Shirts"),
        ("Brésil", "cacao"),
        ("Brazil", "cocoa"),
        ("Birmanie", "jade"),
        ("RDC", "cobalt"),
        ("Bangaldesh", "garments"),
    ]
    lines = screen_pairs(catalogue, pairs)
    codes = [
        (line.country.code if line.country else None, line.commodity.code if line.commodity else None) for line in lines
    ]
    assert codes == [
        ("CI", "cocoa"),
        ("CI", "cocoa"),
        ("CI", "cocoa"),
        ("CI", "cocoa"),
        ("CI", "cocoa"),
        ("US", "garments"),
        ("BD", "garments"),
        ("BR", "cocoa"),
        ("BR", "cocoa"),
        ("MM", "jade"),
        ("CD", "cobalt"),
        ("BD", "garments"),
    ]
    assert [line.country_match.method for line in lines[:5]] == ["variant", "name", "name", "iso3", "iso2"]
    assert lines[-1].country_match.method == "fuzzy"
    assert lines[7].findings == ["child_labour"]  # Brazilian cocoa: child labour only, not forced labour


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("England", "GB"),
        ("Irlande du Nord", "GB"),
        ("Holland", "NL"),
        ("UAE", "AE"),
        ("PRC", "CN"),
        ("Deutschland", "DE"),
        ("Guyane", "GF"),
        ("Sud-Soudan", "SS"),
        ("Hong Kong SAR", "HK"),
        # The World Bank's names, which exported lists carry: « Congo, Dem. Rep. » was the Republic of the Congo.
        ("Congo, Dem. Rep.", "CD"),
        ("Korea, Rep.", "KR"),
        ("Korea, Dem. People's Rep.", "KP"),
        ("West Bank and Gaza", "PS"),
        ("KSA", "SA"),
        ("U.K.", "GB"),  # an abbreviation with its dots
        ("D.R.C.", "CD"),
        # An index's order, the qualifier after a comma: the qualified country, not the one named first.
        ("Sudan, South", "SS"),
        ("Guinea, Equatorial", "GQ"),
        ("Samoa, American", "AS"),
    ],
)
def test_buyers_names_for_countries(catalogue: FindingsCatalogue, country: str, code: str) -> None:
    # « Guyane » is French Guiana, not a typo of Guyana.
    (line,) = screen_pairs(catalogue, [(country, "cacao")])
    assert line.country is not None and line.country.code == code
    assert line.country_match.method in ("name", "variant")  # not a close spelling


@pytest.mark.parametrize(
    ("country", "code"),
    [("Brésil (São Paulo)", "BR"), ("USA - CA", "US"), ("Côte d’Ivoire (CIV)", "CI"), ("Inde, Tamil Nadu", "IN")],
)
def test_a_country_set_apart_from_its_city_or_code(catalogue: FindingsCatalogue, country: str, code: str) -> None:
    # « USA - CA »: the name wins over the code (CA would be Canada).
    (line,) = screen_pairs(catalogue, [(country, "cacao")])
    assert line.country is not None and line.country.code == code and line.country_match.method == "contains"


def test_two_countries_set_apart_are_a_question_and_words_run_together_are_not_looked_into(
    catalogue: FindingsCatalogue,
) -> None:
    both, inside = screen_pairs(catalogue, [("Georgia, USA", "cacao"), ("Nouvelle-Angleterre du Mexique", "cacao")])
    assert both.country is None and [c.code for c in both.country_match.candidates] == ["GE", "US"]
    assert inside.country is None  # not Mexico: « Irlande du Nord » is not Ireland either


def test_did_you_mean(catalogue: FindingsCatalogue) -> None:
    (line,) = screen_pairs(catalogue, [("Gahna", "cocao")])
    assert line.state == "unresolved"
    assert line.country is not None and line.country.code == "GH"  # a typo close to one country only
    assert line.commodity is None
    assert "cocoa" in [c.code for c in line.product_match.candidates]


def test_a_short_or_far_word_is_no_typo_of_another_product(catalogue: FindingsCatalogue) -> None:
    # "vin" is one letter from "ovin" (sheep), "huile" two from "houille" (coal), "orge" close to "orange": a
    # spelling ratio takes them for those; the typo budget of the search does not (none under 5 letters).
    wine, oil, barley, typo = screen_pairs(
        catalogue, [("France", "vin"), ("Brésil", "huile"), ("Pérou", "orge"), ("Inde", "cottn")]
    )
    assert wine.commodity is not None and wine.commodity.code == "grapes"  # what ILAB lists for it
    assert oil.commodity is None and oil.state == "unresolved"
    # Nor a « did you mean » of coal: two letters in five make another word, as « cheveux » and « chèvres ». The one
    # good whose name begins with it is a question (resolve._heads).
    assert [c.code for c in oil.product_match.candidates] == ["palm-oil"]
    assert barley.commodity is None and barley.state == "unresolved"
    assert typo.commodity is not None and typo.commodity.code == "cotton" and typo.product_match.method == "fuzzy"
    # Another first letter counts as two typos, as in Meilisearch: « câbles » was screened as sand (« sables »).
    (cables,) = screen_pairs(catalogue, [("Maroc", "câbles")])
    assert cables.commodity is None and cables.state == "unresolved"
    # A « did you mean » is a spelling within two typos, not a word sharing letters (ratio 82).
    (photos,) = screen_pairs(catalogue, [("Chine", "photography")])
    assert photos.commodity is None and photos.product_match.candidates == []


def test_a_long_name_s_typo_is_a_close_spelling_and_a_guess_must_look_alike(catalogue: FindingsCatalogue) -> None:
    # A name's typo budget is its words' (« Grenadine » for « Grenadines »: one edit in a 31-letter name, past the
    # budget of a single word); a « did you mean » shares more than a few letters (« almond » and « ballon », soccer
    # balls, share four).
    vincent, almonds = screen_pairs(catalogue, [("Saint Vincent and the Grenadine", "bananas"), ("USA", "almonds")])
    assert vincent.country is not None and vincent.country.code == "VC" and vincent.country_match.method == "fuzzy"
    assert almonds.commodity is None and "soccer-balls" not in [c.code for c in almonds.product_match.candidates]


@pytest.mark.parametrize(
    ("product", "code"),
    [("boeuf", "beef"), ("bœuf", "beef"), ("thon", "fish"), ("soy", "beans"), ("Thé noir", "tea")],  # thé ≠ the
)
def test_buyers_words_for_listed_goods(catalogue: FindingsCatalogue, product: str, code: str) -> None:
    (line,) = screen_pairs(catalogue, [("Brésil", product)])
    assert line.commodity is not None and line.commodity.code == code


def test_a_good_named_with_its_material_is_the_good(catalogue: FindingsCatalogue) -> None:
    # « gants nitrile » were Pakistan's gloves (no finding in Malaysia), « fil de coton » a question (yarn or cotton).
    gloves, yarn, english = screen_pairs(
        catalogue, [("Malaisie", "gants nitrile"), ("Inde", "fil de coton"), ("India", "cotton yarn")]
    )
    assert gloves.commodity is not None and gloves.commodity.code == "rubber-gloves" and gloves.state == "finding"
    assert yarn.commodity is not None and yarn.commodity.code == "yarn" and yarn.state == "finding"
    assert english.commodity is not None and english.commodity.code == "yarn"
    # Asked between the good and its material, or between coffee and ILAB's beans (the pulses), until now.
    pairs = [("Brazil", "leather shoes"), ("Colombia", "coffee beans"), ("China", "cotton fabric")]
    pairs += [("Inde", "vêtements en coton"), ("Colombie", "roses"), ("Chine", "guirlandes de Noël")]
    named = [line.commodity.code if line.commodity else None for line in screen_pairs(catalogue, pairs)]
    assert named == ["footwear", "coffee", "fabrics", "garments", "flowers", "christmas-decorations"]


def test_fruit_and_crops_are_not_taken_for_typos_of_other_goods(catalogue: FindingsCatalogue) -> None:
    """« poires » was « poivre » (pepper), one letter away; pears and apples are ILAB's pome fruit, lemons its
    citrus, and a crop its list does not name (avocados, almonds) is read as agriculture, as an unlisted mineral
    is read as mining."""
    pairs = [("Colombie", "poires"), ("Argentina", "apples"), ("Belize", "lemons"), ("Mexique", "avocats")]
    pairs += [("Mexico", "almonds"), ("Mexique", "poivre")]
    lines = screen_pairs(catalogue, pairs)
    named = [line.commodity.code if line.commodity else line.sector.code if line.sector else None for line in lines]
    assert named == ["pome-stone-fruit", "pome-stone-fruit", "citrus", "agriculture", "agriculture", "pepper"]
    assert all(line.product_match.method != "fuzzy" for line in lines)
    assert lines[0].state == "finding"  # Colombia's pome and stone fruit: child labour
    # Real words one letter from a good: flour is not flowers, bed sheets are not sheep.
    flour, sheets, cheese = screen_pairs(catalogue, [("India", "flour"), ("India", "bed sheets"), ("Inde", "fromage")])
    assert [flour.sector and flour.sector.code, sheets.sector and sheets.sector.code] == ["agriculture", "textiles"]
    assert cheese.commodity is not None and cheese.commodity.code == "dairy"


def test_a_mineral_ilab_does_not_list_is_read_as_mining(catalogue: FindingsCatalogue) -> None:
    # « lithium » was unresolved, as if misspelt; its sector's findings are what is known of the country's mines.
    congo, chile, nickel, batteries = screen_pairs(
        catalogue, [("RDC", "lithium"), ("Chili", "carbonate de lithium"), ("Indonésie", "minerai de nickel"),
                    ("Chine", "batteries au lithium")],
    )  # fmt: skip
    assert congo.commodity is None and congo.sector is not None and congo.sector.code == "mining"
    assert congo.state == "finding" and "Copper" in [g.good.ilab for g in congo.goods]
    assert congo.state_labels.en == "Finding in this sector"  # not of lithium: of the sector's listed goods
    assert "sector-mining" in congo.next
    assert chile.sector is not None and chile.sector.code == "mining" and chile.state == "assessed_no_finding"
    assert chile.state_labels.fr == "Pays évalué, aucun constat dans ce secteur"  # not « pour ce produit »
    assert nickel.sector is not None and nickel.sector.code == "mining" and nickel.product_match.method == "contains"
    # A good beside a mineral is the good: the batteries, not a question between them and the mines.
    assert batteries.commodity is not None and batteries.commodity.code == "lithium-ion-batteries"


def test_indicators_exploited_inputs_and_next_reads(catalogue: FindingsCatalogue) -> None:
    ci, cn = screen_pairs(catalogue, [("CI", "cocoa"), ("China", "lithium-ion batteries")])
    assert ci.country_indicators is not None and ci.country_indicators.working_children_share == pytest.approx(0.256)
    assert ci.country_indicators.advancement is not None
    assert ci.next[:3] == ["country-ci", "brief-cocoa", "commodity-cocoa"]  # its brief on cocoa, then ILAB's sheet
    assert "method-clmrs" in ci.next and "law-ilo-c182" in ci.next
    # Listed by ILAB as made with inputs from child labour (cobalt from the DR Congo): a finding, not of its own.
    assert cn.state == "finding" and cn.findings == []
    assert cn.state_labels.en == "Listed: made with inputs produced with child labour or forced labour"
    (made_with,) = cn.exploited_inputs
    assert made_with.input_source_country is not None and made_with.input_source_country.code == "CD"
    assert "method-traceability" in cn.next and "method-risk-mapping" not in cn.next
    assert cn.next[-1] == "law-devoir-de-vigilance"  # as for every line ILAB lists


def test_a_country_s_own_risk_sheet_is_read_next_for_its_sectors(catalogue: FindingsCatalogue) -> None:
    # Qatar has no ILAB sheet; its kafala sheet (construction, domestic work) is what a building buyer reads there.
    # France's domestic-work brief is no reading for its wine.
    builder, dates, wine = screen_pairs(catalogue, [("Qatar", "construction"), ("Qatar", "or"), ("France", "vin")])
    assert builder.next[0] == "topic-kafala-qatar"
    (household,) = screen_pairs(catalogue, [("Arabie saoudite", "travail domestique")])
    assert household.next[0] == "topic-saudi-labour-reform"
    assert dates.commodity is not None and "topic-kafala-qatar" not in dates.next
    assert "brief-domestic-work" not in wine.next and wine.next[0] == "country-fr"


def test_csv_semicolon_windows_1252_with_bad_lines() -> None:
    text = "Référence;Pays;Produit\nA1;Côte d'Ivoire;cacao\n\nA2;;or\nA3;Pérou;\n;Ghana;cocoa\n"
    parsed = screening_input.parse(text.encode("cp1252"), "text/csv")
    assert [(line.line, line.reference, line.country) for line in parsed.lines] == [
        (2, "A1", "Côte d'Ivoire"),
        (6, None, "Ghana"),
    ]
    assert [(e.line, e.reason) for e in parsed.errors] == [(4, "no country"), (5, "no product")]


def test_csv_utf8_bom_comma_and_headerless() -> None:
    parsed = screening_input.parse("\ufeffcountry,product\nGhana,cocoa\n".encode(), "text/csv")
    assert [(line.country, line.product) for line in parsed.lines] == [("Ghana", "cocoa")]
    headerless = screening_input.parse(b"S1;Ghana;cocoa\nS2;Mali;gold\n", "text/plain")
    assert [(line.line, line.reference) for line in headerless.lines] == [(1, "S1"), (2, "S2")]


def test_xlsx_input_and_too_many_lines() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Fournisseur", "Pays", "Produit"])
    sheet.append(["F1", "Côte d’Ivoire", "cacao"])
    sheet.append([42, "Inde", "coton"])
    out = io.BytesIO()
    workbook.save(out)
    parsed = screening_input.parse(out.getvalue())
    assert [(line.line, line.reference, line.product) for line in parsed.lines] == [
        (2, "F1", "cacao"),
        (3, "42", "coton"),
    ]
    too_many = "country;product\n" + "Ghana;cocoa\n" * 5001
    with pytest.raises(InvalidParameters, match="5,000"):
        screening_input.parse(too_many.encode())


def test_outputs_have_the_same_columns_and_neutralise_formulas(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(
        lines=[InputLine(2, '=HYPERLINK("http://evil")', "Ghana", "cocoa"), InputLine(3, "@x", "-1", "+cocoa")],
        errors=[screening_input.LineError(4, "no country", reference="F-9", product="=cmd")],
    )
    result = screening.screen(catalogue, parsed)
    rows = list(csv.reader(io.StringIO(screening_files.result_csv(result, "fr", delimiter=";")), delimiter=";"))
    assert rows[0] == list(screening_files.COLUMNS)
    assert rows[1][1] == '\'=HYPERLINK("http://evil")' and rows[2][1] == "'@x" and rows[2][2] == "'-1"
    assert rows[3][0] == "4" and rows[3][rows[0].index("state")] == "error"
    assert rows[3][1:4] == ["F-9", "", "'=cmd"]  # the bad line's cells as read, neutralised too
    workbook = screening_files.result_xlsx(result, parsed.buyer_columns(), "fr", screened_at=RECORD.screened_at)
    book = load_workbook(io.BytesIO(workbook), read_only=True)
    width = len(screening_files.COLUMNS)
    cells = [
        [c if c is not None else "" for c in row] + [""] * (width - len(row))
        for row in book["screening"].iter_rows(values_only=True)
    ]
    assert cells[0] == rows[0]
    # A workbook's text is text, never computed: no apostrophe shown before « =HYPERLINK… », « @x », « -1 ».
    unguarded = [[cell[1:] if cell[:2] in ("'=", "'@", "'-", "'+") else cell for cell in row] for row in rows]
    assert [screening_files.csv_text(c) for c in cells[1]] == unguarded[1]
    assert [screening_files.csv_text(c) for c in cells[2]] == unguarded[2]
    assert cells[1][1] == '=HYPERLINK("http://evil")' and cells[2][1:3] == ["@x", "-1"]
    sheet_xml = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<t>=HYPERLINK(" in sheet_xml  # a string, not a formula
    assert cells[1][0] == 2  # a number in the workbook, not the text '2'
    assert result.summary.by_state["finding"] == 1 and result.summary.rejected == 1


def test_most_serious_first_puts_unreadable_lines_with_the_unresolved(catalogue: FindingsCatalogue) -> None:
    parsed = screening_input.parse_text(
        "ref;pays;produit\nA;France;coton\nB;Narnia;or\nC;;or\nD;Brésil;cacao\nE;Côte d'Ivoire;cacao\n"
    )
    result = screening.screen(catalogue, parsed)
    assert [row[1] for row in screening_files.table(result, "fr")] == ["A", "B", "C", "D", "E"]
    assert [row[1] for row in screening_files.table(result, "fr", most_serious_first=True)] == ["E", "D", "B", "C", "A"]


def test_carried_list_keeps_line_numbers_and_bad_lines() -> None:
    parsed = screening_input.parse(b"Pays;Produit\n\nGhana;cacao\n;or\n", "text/csv")
    carried = screening_input.carry(parsed)
    assert carried == "line;reference;country;product\n3;;Ghana;cacao\n4;;;or\n"
    again = screening_input.parse_text(carried)
    assert again.lines == parsed.lines and [e.line for e in again.errors] == [4]
    editable = screening_input.editable(parsed, ("ref", "pays", "produit"), "ligne")
    assert editable == "ligne;ref;pays;produit\n3;;Ghana;cacao\n4;;;or\n"  # a blank line was skipped: numbered
    assert screening_input.parse_text(editable).lines == parsed.lines


def test_a_line_left_whole_by_the_list_s_separator_is_split_by_the_other() -> None:
    parsed = screening_input.parse_text('ref;pays;produit\nA;Ghana;cacao\nB, Inde, "thé, vert"\nC\tChine\tcoton\n')
    assert [(i.reference, i.country, i.product) for i in parsed.lines] == [
        ("A", "Ghana", "cacao"),
        ("B", "Inde", "thé, vert"),
        ("C", "Chine", "coton"),
    ]
    whole = screening_input.parse_text("ref;pays;produit\nDupont SA\n")  # no separator at all: one cell
    assert whole.errors[0].reference == "Dupont SA"


def test_the_json_the_api_s_files_and_the_page_s_downloads_carry_the_same_buyer_columns(
    catalogue: FindingsCatalogue,
) -> None:
    """One shaping place (ParsedInput.buyer_columns): the JSON's ``buyer_columns``, the API's CSV and the page's
    download have the same columns, under the same names, with the same cells."""
    parsed = screening_input.parse_text("Fournisseur;Pays;Produit;Note;Note\nA;Ghana;cacao;x;y\nB;;or;z;\n")
    result = screening.screen(catalogue, parsed)
    assert result.buyer_columns == ["Note", "Note (2)"]
    assert result.lines[0].buyer_columns == {"Note": "x", "Note (2)": "y"}
    assert result.errors[0].buyer_columns == {"Note": "z", "Note (2)": ""}
    rows = list(csv.reader(io.StringIO(screening_files.result_csv(result))))
    assert rows[0] == [*screening_files.COLUMNS, "Note", "Note (2)"]
    assert [row[-2:] for row in rows[1:]] == [["x", "y"], ["z", ""]]
    body, _, _ = report_file(result, ScreeningFormat.csv, "en", parsed.buyer_columns(), record=RECORD)
    download = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert download[0][4:6] == ["Note", "Note (2)"] and [row[4:6] for row in download[1:]] == [["x", "y"], ["z", ""]]
