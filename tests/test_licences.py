"""The licence table (app/licences.py): the form's choices and names, the reader's page, the open-data identifier."""

from app import licences
from app.services.dcat import LICENCE_TYPE_LABELS


def test_a_licence_is_named_read_and_identified() -> None:
    named = licences.label("CC-BY-NC-4.0", "fr")
    assert named == "CC BY-NC 4.0 — réutilisation en citant la source, sans usage commercial"
    assert licences.reading_page("CC-BY-4.0", "fr") == "https://creativecommons.org/licenses/by/4.0/deed.fr"
    assert licences.identifier("CC-BY-4.0") == "https://spdx.org/licenses/CC-BY-4.0.html"
    # SPDX has no page for the public domain (the link was dead): the Public Domain Mark stands for it.
    assert licences.identifier("public-domain") == "https://creativecommons.org/publicdomain/mark/1.0/"
    assert licences.reading_page("public-domain", "en") == "https://creativecommons.org/publicdomain/mark/1.0/deed.en"


def test_an_unknown_licence_still_works_and_the_form_offers_the_usual_ones() -> None:
    assert licences.label("MIT", "en") == "MIT" and licences.reading_page("MIT", "en").endswith("/MIT.html")
    codes = [code for code, _ in licences.choices("en")]
    # Etalab's Licence Ouverte: French public bodies publish under it, and the publish page names it.
    assert codes == [
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "CC-BY-NC-4.0",
        "CC-BY-NC-SA-4.0",
        "etalab-2.0",
        "CC0-1.0",
        "public-domain",
    ]


def test_every_licence_says_what_it_allows_in_adms_terms() -> None:
    """DCAT-AP's dct:type of a licence: each known licence names its ADMS licence types, each with its label."""
    for licence in licences.LICENCES.values():
        assert licence.kinds, licence.code
        assert set(licence.kinds) <= LICENCE_TYPE_LABELS.keys(), licence.code
    kinds = ("Attribution", "NonCommercialUseOnly", "ViralEffect-ShareAlike")
    assert licences.LICENCES["CC-BY-NC-SA-4.0"].kinds == kinds
