"""Products as supplier lists write them: the kinds of a good ILAB lists apart (rubber gloves), a material or a form
beside a good, the goods a line may also be, buyer words. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.goods import GOODS
from app.ilab.reader import Finding
from app.services.findings import FindingsCatalogue
from app.services.resolve import RELATED_GOODS, MatchMethod, ProductResolver, related_goods


@pytest.fixture(scope="module")
def products(catalogue: FindingsCatalogue) -> ProductResolver:
    return ProductResolver(catalogue.taxonomies)


@pytest.mark.parametrize(
    "text",
    [
        "gants d'examen nitrile",
        "gants jetables en nitrile",
        "gants médicaux",
        "gants chirurgicaux",
        "gants de protection en nitrile",
        "examination gloves",
        "disposable gloves",
        "medical gloves",
        "surgical gloves",
    ],
)
def test_gloves_of_nitrile_or_for_medical_use_are_ilab_s_rubber_gloves(
    products: ProductResolver, catalogue: FindingsCatalogue, text: str
) -> None:
    # They were ILAB's « Gloves », which Malaysia is not listed for: « Pays évalué, aucun constat ».
    code = products.resolve(text).code
    assert code == "rubber-gloves"
    (row,) = catalogue.pair("MY", code)
    assert row.findings == [Finding.forced_labour]


def test_a_line_may_also_be_the_goods_ilab_lists_apart(products: ProductResolver, catalogue: FindingsCatalogue) -> None:
    """What the screening shows beside a good's own listing: without it, each of these lines is « aucun constat »
    though the country is listed for the good the line may be."""
    assert related_goods("gloves") == ("rubber-gloves",) and related_goods("rubber-gloves") == ("gloves",)
    assert related_goods("beef") == ("cattle", "meat") and related_goods("hogs") == ("meat",)
    assert related_goods("sheep") == () and related_goods("cocoa") == ()  # wool is no meat
    codes = {code for code, _, _ in GOODS.values()}
    assert all({good, *related} <= codes for good, related in RELATED_GOODS.items())
    lines = [("CN", "gants en nitrile"), ("MY", "gants"), ("KE", "viande de bœuf"), ("KH", "viande de porc")]
    lines += [("BR", "viande")]
    for iso2, text in lines:
        code = products.resolve(text).code
        assert code is not None and catalogue.pair(iso2, code) == [], (iso2, text)
        assert any(catalogue.pair(iso2, good) for good in related_goods(code)), (iso2, text)


def test_a_material_or_a_form_gives_way_to_the_good_beside_it(products: ProductResolver) -> None:
    # « beurre de cacao » was a question between dairy and cocoa, « beurre de karité » dairy.
    expected = {
        "beurre de cacao": "cocoa",
        "cocoa butter": "cocoa",
        "beurre de karité": "agriculture",  # shea, which ILAB does not list: its sector, as an unlisted crop
        "shea butter": "agriculture",
        "peanut butter": "peanuts",
        "viande de bœuf": "beef",
        "viande de porc": "hogs",
        "lait de coco": "coconuts",
        "chocolat au lait": "cocoa",
        "gants en cuir": "gloves",
        "leather gloves": "gloves",
        "meubles en bois": "furniture",
        "bois de teck": "teak",
        # Alone, each is its own product; a broad sector gives way to the material, not the material to it.
        "beurre": "dairy",
        "viande": "meat",
        "cuir": "leather",
        "laine": "sheep",
        "industrie du cuir": "leather",
        # The material rule replaces the aliases that spelt it out.
        "fil de coton": "yarn",
        "cotton yarn": "yarn",
        "tissu de coton": "fabrics",
        "chaussures en cuir": "footwear",
        "gants nitrile": "rubber-gloves",
    }
    assert {text: products.resolve(text).code for text in expected} == expected


def test_a_name_with_its_stop_words_is_found_among_other_words(products: ProductResolver) -> None:
    # « pommes de terre bio » were ILAB's pome fruit (« pomme »), « noix du Brésil bio » walnuts (« noix »).
    expected = {
        "pommes de terre bio": "potatoes",
        "noix du Brésil bio": "brazil-nuts",
        "feux d'artifice chinois": "fireworks",
        "décorations de Noël bio": "christmas-decorations",
        "fil de soie bio": "silk",
    }
    assert {text: products.resolve(text).code for text in expected} == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("modules photovoltaïques", "solar-polysilicon"),
        ("module PV", "solar-polysilicon"),
        ("cellules PV", "solar-polysilicon"),
        ("polos", "garments"),
        ("sweats", "garments"),
        ("hoodies", "garments"),
        ("iPhone", "electronics"),
        ("épices", "agriculture"),  # ILAB lists pepper, cloves, cumin, vanilla…, no « spices »: the sector
        ("spices", "agriculture"),
        ("laine", "sheep"),  # the fleece of ILAB's sheep, not « laitue » (lettuce)
        ("wool", "sheep"),
        ("tissu", "fabrics"),  # was a typo of « tissus »
    ],
)
def test_buyer_words_for_listed_goods_and_sectors(products: ProductResolver, text: str, code: str) -> None:
    resolution = products.resolve(text)
    assert resolution.code == code and resolution.method == MatchMethod.variant


def test_china_s_solar_modules_and_ivorian_cocoa_butter_are_their_findings(
    products: ProductResolver, catalogue: FindingsCatalogue
) -> None:
    for text in ("modules photovoltaïques", "module PV", "cellules PV", "panneaux solaires", "solar panels"):
        code = products.resolve(text).code
        assert code == "solar-polysilicon", text
    goods = {row.good.ilab for row in catalogue.pair("CN", "solar-polysilicon")}
    assert {"Polysilicon", "Solar Cells", "Solar Modules"} <= goods
    butter = products.resolve("beurre de cacao").code
    assert butter is not None
    (row,) = catalogue.pair("CI", butter)
    assert Finding.forced_child_labour in row.findings
