"""An SME's supplier list, as an audit found it read (a garment maker's zips, buttons, brass and cotton tape): a
thing made of cotton read as raw cotton, haberdashery and metals not recognised, raw brass read as India's brass
handicraft. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.reader import Finding
from app.schemas.screening import ScreeningState
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resolve import ProductResolver
from app.services.screening_input import InputLine, ParsedInput


@pytest.fixture(scope="module")
def products(catalogue: FindingsCatalogue) -> ProductResolver:
    return ProductResolver(catalogue.taxonomies)


@pytest.mark.parametrize(
    ("text", "code", "also"),
    [
        # The head names the thing, the fibre what it is made of: « ruban de coton » was raw cotton.
        ("ruban de coton", "fabrics", ("cotton",)),
        ("Rubans en coton", "fabrics", ("cotton",)),
        ("ruban coton", "fabrics", ("cotton",)),  # French: the head first
        ("cotton tape", "fabrics", ("cotton",)),  # English: the head last
        ("couverture en laine", "fabrics", ("sheep",)),
        # What qualifies the fibre, a raw form of it, a sack holding it, or a good named are not textile articles.
        ("coton bio", "cotton", ()),
        ("organic cotton", "cotton", ()),
        ("100 % coton", "cotton", ()),
        ("balles de coton", "cotton", ()),
        ("cotton seed", "cotton", ()),
        ("sac de coton", "cotton", ()),
        ("laine de mouton", "sheep", ()),
        ("merino wool", "sheep", ()),
        ("fil de coton", "yarn", ("cotton",)),
        ("uniformes en coton", "garments", ("cotton",)),
    ],
)
def test_a_thing_made_of_cotton_is_a_textile_not_raw_cotton(
    products: ProductResolver, text: str, code: str, also: tuple[str, ...]
) -> None:
    resolution = products.resolve(text)
    assert (resolution.code, resolution.also) == (code, also)


def test_indian_cotton_tape_keeps_its_cotton_s_finding(catalogue: FindingsCatalogue) -> None:
    """Read as textiles, the line still says what ILAB found in the cotton it is made of."""
    parsed = ParsedInput(lines=[InputLine(1, None, "Inde", "ruban de coton")])
    (line,) = screening.screen(catalogue, parsed).lines
    assert line.commodity is not None and line.commodity.code == "fabrics"
    assert "Cotton" in {good.good.ilab for good in line.goods}
    assert line.state == ScreeningState.finding and Finding.child_labour in line.findings


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Haberdashery is the garment maker's sector; none was recognised, « boutons » taken for « moutons ».
        ("fermetures à glissière", "textiles"),
        ("Fermeture éclair", "textiles"),
        ("zip", "textiles"),
        ("zips", "textiles"),
        ("boutons", "textiles"),
        ("mercerie", "textiles"),
        # A head naming a sector stays it beside another sector (« laiton » and « métal » name mining), …
        ("boutons en métal", "textiles"),
        ("boutons en laiton", "textiles"),
        # … and gives way to a good: « industrie du cuir » is leather.
        ("industrie du cuir", "leather"),
        ("métal", "mining"),
        ("métaux", "mining"),
        ("metals", "mining"),
        # India's brass handicraft, ILAB's brassware, by its names.
        ("objets en laiton", "brassware"),
        ("articles en laiton", "brassware"),
        ("brassware", "brassware"),
    ],
)
def test_haberdashery_metals_and_brassware(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize("text", ["laiton", "brass"])
def test_raw_brass_is_not_india_s_brass_handicraft(products: ProductResolver, text: str) -> None:
    # Raw brass, an alloy, was « Objets en laiton » and India's child labour in brassware.
    assert products.resolve(text).code != "brassware"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Raw brass, an alloy, is a metal as « métal » is: it was « Produit non reconnu ».
        ("laiton", "mining"),
        ("Laiton", "mining"),
        ("brass", "mining"),
        # Thread before « de » and a metal is wire, the metal: « fil de laiton » was yarn (textiles).
        ("fil de laiton", "mining"),
        ("Fils de laiton", "mining"),
        ("fil de cuivre", "copper"),
        ("fil de fer", "iron"),
        ("fil de métal", "mining"),
        ("brass wire", "mining"),
        # Steel and aluminium are metals; thread beside a metal is its wire: « fil d’acier » and « fil inox » were yarn.
        ("acier", "mining"),
        ("inox", "mining"),
        ("aluminium", "mining"),
        ("fil d'acier", "mining"),
        ("Fil d’acier galvanisé", "mining"),
        ("fil inox", "mining"),
        ("fil laiton", "mining"),
        ("fil cuivre", "copper"),
        ("steel wire", "mining"),
        ("tube acier", "mining"),
        # Goods made of steel stay those goods (Bangladesh's « Furniture (steel) »).
        ("meubles en acier", "furniture"),
        ("steel furniture", "furniture"),
        # Thread of a fibre, or alone, is still yarn (or its fibre's good).
        ("fil de coton", "yarn"),
        ("fil", "yarn"),
        ("fil de soie", "silk"),
    ],
)
def test_brass_and_metal_wire_are_metals_not_yarn(products: ProductResolver, text: str, code: str) -> None:
    assert products.resolve(text).code == code


@pytest.mark.parametrize("text", ["fil électrique", "Fils électriques", "electric wire", "câbles électriques"])
def test_electric_wire_is_not_yarn(products: ProductResolver, text: str) -> None:
    # Wire that carries current names no good ILAB lists: the buyer is asked, where « fil » alone read it as yarn.
    assert products.resolve(text).code is None


def test_chinese_steel_wire_is_not_forced_labour_in_thread(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(lines=[InputLine(1, "Fournisseur C", "Chine", "fil d’acier")])
    (line,) = screening.screen(catalogue, parsed).lines
    assert line.commodity is None and line.sector is not None and line.sector.code == "mining"
    assert "Thread/Yarn" not in {good.good.ilab for good in line.goods}


def test_turkish_brass_wire_is_screened_as_mining_not_yarn(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(lines=[InputLine(1, "Fournisseur B", "Turquie", "fil de laiton")])
    (line,) = screening.screen(catalogue, parsed).lines
    assert line.commodity is None and line.sector is not None and line.sector.code == "mining"


def test_turkish_zips_are_screened_as_the_garment_sector(catalogue: FindingsCatalogue) -> None:
    parsed = ParsedInput(lines=[InputLine(1, "Fournisseur A", "Turquie", "fermetures à glissière")])
    (line,) = screening.screen(catalogue, parsed).lines
    assert line.commodity is None and line.sector is not None and line.sector.code == "textiles"
    assert "Garments" in {good.good.ilab for good in line.goods}
