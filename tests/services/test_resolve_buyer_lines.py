"""A French public buyer's supplier list, as an audit found it read: a false friend across languages, a material
dropped beside its product, services and computers not recognised. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.reader import Finding
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resolve import MatchMethod, ProductResolver
from app.services.screening_input import InputLine, ParsedInput


@pytest.fixture(scope="module")
def products(catalogue: FindingsCatalogue) -> ProductResolver:
    return ProductResolver(catalogue.taxonomies)


@pytest.mark.parametrize("text", ["Légumes frais", "Légumes surgelés", "Légumes", "legumes", "légume", "vegetables"])
def test_vegetables_are_no_pulses(products: ProductResolver, text: str) -> None:
    # « Légumes » folded to the English « legumes », a synonym of ILAB's pulses. ILAB lists vegetables one by one:
    # the sector, whose goods in the country the line lists, as « épices ».
    assert products.resolve(text).code == "agriculture"


@pytest.mark.parametrize("text", ["légumes secs", "Pulses (legumes)", "légumineuses"])
def test_pulses_are_still_pulses(products: ProductResolver, text: str) -> None:
    assert products.resolve(text).code == "pulses"


@pytest.mark.parametrize(
    ("text", "code", "also"),
    [
        ("Pantalons de travail coton/polyester", "garments", ("cotton", "fabrics")),
        ("T-shirt coton/polyester", "garments", ("cotton", "fabrics")),  # was a question: garments or textiles
        ("t-shirts coton et polyester", "garments", ("cotton", "fabrics")),
        ("Pantalons coton, polyester", "garments", ("cotton", "fabrics")),
        ("chemise polyester", "garments", ("fabrics",)),
        ("T-shirt coton bio", "garments", ("cotton",)),
        ("cotton t-shirts", "garments", ("cotton",)),
        ("fil de coton", "yarn", ("cotton",)),
        ("gants en cuir", "gloves", ("leather",)),
        ("coton/polyester", "fabrics", ("cotton",)),
        # What names the good is not beside it: a form of its source, the material of the narrower good, the good.
        ("bois de teck", "teak", ()),
        ("gants caoutchouc", "rubber-gloves", ()),
        ("sac en coton", "fabrics", ("cotton",)),  # a thing made of cotton: textiles, and its cotton
        ("coton", "cotton", ()),
    ],
)
def test_the_goods_a_product_s_materials_are_stay_beside_it(
    products: ProductResolver, text: str, code: str, also: tuple[str, ...]
) -> None:
    resolution = products.resolve(text)
    assert (resolution.code, resolution.also) == (code, also)


def test_china_s_cotton_is_screened_beside_its_work_trousers(catalogue: FindingsCatalogue) -> None:
    # Garments from China are forced labour; its cotton child labour too, which the line did not say.
    parsed = ParsedInput(lines=[InputLine(1, None, "Chine", "Pantalons de travail coton/polyester")])
    (line,) = screening.screen(catalogue, parsed).lines
    assert line.commodity is not None and line.commodity.code == "garments"
    assert {"Garments", "Cotton"} <= {good.good.ilab for good in line.goods}
    assert Finding.child_labour in line.findings
    assert all(Finding.child_labour not in row.findings for row in catalogue.pair("CN", "garments"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Prestation de nettoyage", "services"),
        ("Nettoyage", "services"),
        ("Services de nettoyage", "services"),
        ("prestations de nettoyage", "services"),
        # A service of a good is the service, not the good's findings.
        ("nettoyage de vêtements", "services"),
        ("services de transport de café", "services"),
        ("services informatiques", "services"),
        ("PC portables", "electronics"),
        ("Tablettes", "electronics"),
        ("Serveurs informatiques", "electronics"),
        ("Écrans et périphériques", "electronics"),
        ("Laptops", "electronics"),
        ("Masques FFP2", "manufacturing"),  # no good ILAB lists: the sector
        ("masques chirurgicaux", "manufacturing"),
        ("tablette de chocolat", "cocoa"),  # a form of chocolate, not a tablet
        # made of a good ILAB lists, as wine of grapes: were asked about
        ("Cigarettes", "tobacco"),
        ("cigares", "tobacco"),
        ("Pneus poids lourds", "rubber"),
        ("Pneumatiques", "rubber"),
        ("car tyres", "rubber"),
    ],
)
def test_services_and_computers_as_a_public_buyer_names_them(products: ProductResolver, text: str, code: str) -> None:
    resolution = products.resolve(text)
    assert resolution.code == code and resolution.method != MatchMethod.fuzzy
