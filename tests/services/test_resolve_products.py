"""Products as supplier lists write them: the kinds of a good ILAB lists apart (rubber gloves), a material or a form
beside a good, the goods a line may also be, buyer words. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.goods import GOODS
from app.ilab.reader import Finding
from app.services.findings import FindingsCatalogue
from app.services.resolve import RELATED_GOODS, MatchMethod, ProductResolver, related_goods
from app.services.resolve_aliases import PRODUCT_ALIASES


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


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The head comes first and what follows « de », « en », « au » qualifies it: these were bricks (India's
        # forced child labour), flowers, sugarcane, or a question.
        ("lait UHT en brique", "dairy"),
        ("miel de fleurs", "agriculture"),  # honey, a crop ILAB does not list: its sector, as « miel » alone
        ("chemise en soie", "garments"),
        ("fromage de chèvre", "dairy"),
        # A form or a container before « de » is what it is made of or holds.
        ("briques de lait", "dairy"),
        ("brique de lait", "dairy"),
        ("sucre de coco", "coconuts"),
        ("lait de coco en brique", "coconuts"),
        # A head that names no good is what it is made of or holds, not the carton it comes in.
        ("jus de pomme en brique", "pome-stone-fruit"),
        ("sac de coton", "cotton"),  # a sack holding cotton; a cotton bag is a textile (test_resolve_buyer_lines)
        ("pot de miel", "agriculture"),
        # Named after another good than their own.
        ("sucre de betterave", "sugar-beets"),
        ("beet sugar", "sugar-beets"),
        ("fleur de sel", "salt"),
        # Bricks are still bricks.
        ("briques", "bricks"),
        ("briques rouges", "bricks"),
        ("briques de terre cuite", "bricks"),
    ],
)
def test_a_product_is_its_head_not_what_qualifies_it(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize(
    "text", ["machine à café", "machine a cafe", "brosse à cheveux", "moulin à poivre", "soupe en brique"]
)
def test_what_a_thing_is_for_or_comes_in_is_not_what_it_is(products: ProductResolver, text: str) -> None:
    # « machine à café » was coffee: an unknown line, flagged, is better than another product's finding.
    assert products.resolve(text).code is None
    assert products.resolve("Grade A cacao bio").code == "cocoa"  # « A » after a grade is no « à »


def test_a_carton_of_milk_from_india_is_not_forced_child_labour_in_bricks(
    products: ProductResolver, catalogue: FindingsCatalogue
) -> None:
    (bricks,) = catalogue.pair("IN", "bricks")
    assert Finding.forced_child_labour in bricks.findings  # what « lait UHT en brique » was told
    for text in ("lait UHT en brique", "briques de lait", "briquets"):
        code = products.resolve(text).code
        assert code != "bricks", text
        assert code is None or catalogue.pair("IN", code) == [], text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("chaussettes", "garments"),
        ("lingerie", "garments"),
        ("maillots de bain", "garments"),
        ("vestes", "garments"),
        ("manteaux", "garments"),
        ("doudoune", "garments"),
        ("parka", "garments"),
        ("pyjama", "garments"),
        ("jupes", "garments"),  # was offered as jute
        ("collants", "garments"),  # was offered as coltan
        ("viscose", "fabrics"),
        ("polyester", "fabrics"),
        ("cachemire", "fabrics"),
        ("sacs à main", "leather"),  # ILAB's « Leather Goods/Accessories »
        ("ceintures", "leather"),
        ("cigarettes bidi", "bidis"),
        ("cheveux", "hair-products"),  # was offered as goats (« chèvres »)
        ("sèche-cheveux", "electronics"),
        ("broderies", "embellished-textiles"),  # the plural of « broderie », which folds to « brodery »
        ("uniformes en coton", "garments"),  # was cotton: Bangladesh's garments finding missed
        ("tenues professionnelles", "garments"),
        ("vêtements de travail", "garments"),
        ("jumpers", "garments"),
        ("knitwear", "garments"),
        ("trainers", "footwear"),
        ("linge hospitalier", "textiles"),
        ("instruments de chirurgie", "surgical-instruments"),
    ],
)
def test_buyer_words_for_clothes_fibres_and_accessories(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


def test_buyer_words_name_goods_ilab_lists_or_broad_sectors(products: ProductResolver) -> None:
    """Never an invented good: every alias is one of ILAB's goods or a broad sector of the taxonomy."""
    goods = {code for code, _, _ in GOODS.values()}
    assert set(PRODUCT_ALIASES.values()) <= goods | set(products.sectors)
    assert all(code in goods or not products.is_commodity(code) for code in PRODUCT_ALIASES.values())


@pytest.mark.parametrize("text", ["briquets", "briquet"])
def test_another_word_is_no_typo_of_a_good(products: ProductResolver, text: str) -> None:
    # « briquets » (lighters) was a typo of « briques »: India's forced child labour in bricks.
    resolution = products.resolve(text)
    assert resolution.code is None and "bricks" not in [code for code, _ in resolution.candidates]


@pytest.mark.parametrize(
    ("text", "code"),
    [("cotoon", "cotton"), ("cacoa", "cocoa"), ("crevetes", "shrimp"), ("coffe", "coffee"), ("noisete", "hazelnuts")],
)
def test_a_typo_is_still_a_typo(products: ProductResolver, text: str, code: str) -> None:
    resolution = products.resolve(text)
    assert resolution.code == code and resolution.method == MatchMethod.fuzzy


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("câbles", []),  # was sand, fishing (« pêche ») and cattle (« bovins »)
        ("huile", ["palm-oil"]),  # was coal (« houille »), two letters away; the one good whose name it begins
        ("cocao", ["cocoa", "coconuts"]),  # one typo from each: a question, not coconuts
        ("coto", ["coconuts", "cotton"]),
    ],
)
def test_a_did_you_mean_is_a_close_spelling(products: ProductResolver, text: str, offered: list[str]) -> None:
    resolution = products.resolve(text)
    assert resolution.code is None
    assert sorted(code for code, _ in resolution.candidates) == offered


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An English compound's head is last: these were flowers (Ecuador's child labour), or a question.
        ("flower honey", "agriculture"),  # honey, a crop ILAB does not list: its sector
        ("wild flower honey", "agriculture"),
        ("Organic Flower Honey 500g", "agriculture"),
        ("jar of flower honey", "agriculture"),
        ("cherry tomatoes", "tomatoes"),
        ("goat cheese", "dairy"),
        ("teak furniture", "furniture"),
        ("beef cattle", "cattle"),
        ("brick tea", "tea"),
        # A French one's is first, as before « de »: these were flowers, or a question.
        ("miel fleurs", "agriculture"),
        ("fromage chèvre", "dairy"),
        ("tomates cerises", "tomatoes"),
        ("meubles teck", "furniture"),
    ],
)
def test_a_compound_is_its_head_last_in_english_first_in_french(
    products: ProductResolver, text: str, code: str
) -> None:
    assert products.resolve(text).code == code


def test_the_head_of_a_compound_is_a_buyer_s_finding(products: ProductResolver, catalogue: FindingsCatalogue) -> None:
    # Ecuador's flowers are child labour: a buyer of flower honey was told so; Mexico's tomatoes are the finding a
    # buyer of cherry tomatoes was not told (a question between tomatoes and cherries).
    (flowers,) = catalogue.pair("EC", "flowers")
    assert Finding.child_labour in flowers.findings and products.resolve("flower honey").code != "flowers"
    assert catalogue.pair("MX", "tomatoes") and products.resolve("cherry tomatoes").code == "tomatoes"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # What a material, a form or a kind gives way to, whatever the language's order.
        ("cotton yarn", "yarn"),
        ("cocoa butter", "cocoa"),
        ("chocolate milk", "cocoa"),
        ("T-shirt coton bio", "garments"),
        ("baskets cuir", "footwear"),
        ("lithium batteries", "lithium-ion-batteries"),
        ("batteries lithium", "lithium-ion-batteries"),
        ("cheese with honey", "dairy"),  # not a compound: « with » sets the honey apart
    ],
)
def test_a_compound_s_material_still_gives_way(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize("text", ["cocoa, coffee", "cocoa and coffee", "cacao et café", "cacao / café"])
def test_goods_set_apart_are_still_a_question(products: ProductResolver, text: str) -> None:
    resolution = products.resolve(text)
    assert resolution.code is None and sorted(code for code, _ in resolution.candidates) == ["cocoa", "coffee"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A container is what it holds: these were bricks (India's forced child labour) or tin (Bolivia's).
        ("brique de jus", None),  # juice, which ILAB does not list: a line to name more simply, not bricks
        ("briques de jus", None),
        ("brique de soupe", None),
        ("brique de jus de pomme", "pome-stone-fruit"),
        ("lait brique", "dairy"),
        ("tin of tuna", "fish"),
        ("tuna tin", "fish"),
        ("carton of juice", None),
        # Bricks in a container are bricks (they were unknown), bricks of a material still bricks.
        ("palette de briques", "bricks"),
        ("pallet of bricks", "bricks"),
        ("briques de parement", "bricks"),
        ("briques de terre cuite", "bricks"),
        ("briques en terre cuite", "bricks"),
        ("brique", "bricks"),
        ("clay bricks", "bricks"),
        ("tin", "tin"),
        # Containers that name no good already read as their contents.
        ("carton de lait", "dairy"),
        ("bouteille de vin", "grapes"),
        ("box of chocolates", "cocoa"),
        ("sac de café", "coffee"),
        ("caisse de bananes", "bananas"),
        ("lot de chaussettes", "garments"),
        ("pack of rice", "rice"),
    ],
)
def test_a_container_is_what_it_holds(products: ProductResolver, text: str, code: str | None) -> None:
    assert products.resolve(text).code == code


def test_a_carton_of_juice_from_india_is_not_forced_child_labour_in_bricks(
    products: ProductResolver, catalogue: FindingsCatalogue
) -> None:
    assert catalogue.pair("IN", "bricks")
    resolution = products.resolve("brique de jus")
    assert resolution.code is None and resolution.candidates == ()  # flagged, nothing offered in its place


def test_soy_is_no_silk(products: ProductResolver, catalogue: FindingsCatalogue) -> None:
    # « soies », silk's plural, folded to « soy »: Indian soy sauce was India's silk fabric and thread.
    assert catalogue.pair("IN", "silk")
    assert products.resolve("soy sauce").code == "beans"
    assert products.resolve("soies").code == "silk" and products.resolve("fil de soie").code == "silk"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A catalogue writes the product, then its kind: these were flowers (Ecuador's child labour) and cherries.
        ("Honey, flower", "agriculture"),  # honey, a crop ILAB does not list: its sector
        ("HONEY FLOWER", "agriculture"),
        ("Honey flower", "agriculture"),
        ("honey, organic flower", "agriculture"),
        ("Miel, fleur", "agriculture"),
        ("Tomatoes, cherry", "tomatoes"),
        ("TOMATOES CHERRY", "tomatoes"),
        ("cherry tomato", "tomatoes"),  # two goods one counts, both in the singular: the English head, last
        ("garlic pepper", "pepper"),  # ILAB's pepper is a spice, not a good one counts
        # A kind after a comma that makes a good's name with the product: these were potatoes, unknown or a question.
        ("Potatoes, sweet", "sweet-potatoes"),
        ("Nuts, brazil", "brazil-nuts"),
        ("Beans, cocoa", "cocoa"),
        ("Decorations, christmas", "christmas-decorations"),
    ],
)
def test_a_catalogue_s_product_comes_before_its_kind(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Garlic, pepper", ["garlic", "pepper"]),  # a list: the spice is no kind of garlic
        ("coffee, banana", ["bananas", "coffee"]),  # « banana » is a name as written
        ("t-shirts, baskets", ["footwear", "garments"]),  # a French buyer's sneakers
        ("fruit basket", ["footwear", "pome-stone-fruit"]),  # either language: not guessed
    ],
)
def test_a_list_of_goods_is_still_a_question(products: ProductResolver, text: str, offered: list[str]) -> None:
    resolution = products.resolve(text)
    assert resolution.code is None and sorted(code for code, _ in resolution.candidates) == offered


def test_capitals_change_nothing(products: ProductResolver) -> None:
    texts = ["flower honey", "Honey, flower", "cherry tomatoes", "lait UHT en brique", "basket of fruit", "cacoa"]
    assert [products.resolve(text.upper()) for text in texts] == [products.resolve(text) for text in texts]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An English basket holds what it is « of »: these were footwear (« baskets », a French buyer's sneakers).
        ("basket of fruit", "pome-stone-fruit"),
        ("baskets of flowers", "flowers"),
        ("basket of apples", "pome-stone-fruit"),
        # Sneakers still, in French.
        ("baskets cuir", "footwear"),
        ("baskets de sport", "footwear"),
        ("basket", "footwear"),
    ],
)
def test_an_english_basket_is_what_it_holds(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("sweets", "garments"),  # « sweat », a letter for one far from it on the keyboard
        ("marteaux", "garments"),  # hammers, « manteaux » (coats)
        ("fournitures", "furniture"),  # supplies: an « o » added far from its neighbours
        ("cotten", "cotton"),  # a spelling, not a slip: still offered
        ("tabacco", "tobacco"),
    ],
)
def test_another_word_s_spelling_is_a_question_not_a_correction(
    products: ProductResolver, text: str, offered: str
) -> None:
    # Each was read as the good, the line saying only « close spelling »: garments' findings for a list of sweets.
    resolution = products.resolve(text)
    assert resolution.code is None and resolution.method == MatchMethod.none
    assert [code for code, _ in resolution.candidates] == [offered]


@pytest.mark.parametrize(
    ("text", "code"),
    [("cpffee", "coffee"), ("srhimp", "shrimp"), ("cottton", "cotton"), ("banannas", "bananas"), ("choclate", "cocoa")],
)
def test_a_slip_of_the_finger_is_still_corrected(products: ProductResolver, text: str, code: str) -> None:
    # A key beside the right one, two letters swapped, one typed twice, one missed.
    resolution = products.resolve(text)
    assert resolution.code == code and resolution.method == MatchMethod.fuzzy


@pytest.mark.parametrize(
    "text", ["widgets", "screws", "bolts", "paper", "toner", "chairs", "software", "consulting", "vis", "papier"]
)
def test_a_word_outside_the_vocabulary_is_not_guessed(products: ProductResolver, text: str) -> None:
    assert products.resolve(text).code is None
