"""Countries as supplier lists write them: the « Name, qualifier » order of the World Bank, the UN and the French
administration, qualifiers abbreviated, the two Congos' usual names. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.reader import Finding
from app.services.findings import FindingsCatalogue
from app.services.resolve import MatchMethod, Resolution
from app.services.resolve_countries import CountryResolver, name_words


@pytest.fixture(scope="module")
def countries(catalogue: FindingsCatalogue) -> CountryResolver:
    return CountryResolver(catalogue.taxonomies, catalogue.data)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # « Congo, Rép. dém. » was the Republic of the Congo (its first part), « Congo (RDC) » a question between the
        # two Congos, the others unknown.
        ("Congo, Rép. dém.", "CD"),
        ("Congo (RDC)", "CD"),
        ("Congo RDC", "CD"),
        ("Rép. dém. du Congo", "CD"),
        ("Rep. Dem. Congo", "CD"),
        ("République dém. du Congo", "CD"),
        ("Rép. du Congo", "CG"),
        ("Congo-Brazza", "CG"),
        ("Corée, Rép.", "KR"),
        ("Corée, Sud", "KR"),
        ("Corée, Rép. pop. dém. de", "KP"),
        ("Korea, Dem. Rep.", "KP"),
        ("République tchèque", "CZ"),
        ("Rép. slovaque", "SK"),
        ("St. Kitts and Nevis", "KN"),  # « and » where CLDR writes « & »
        # Right by their first part only, until now:
        ("Congo, Rép.", "CG"),
        ("Iran, Rép. islamique d'", "IR"),
        ("Égypte, Rép. arabe d’", "EG"),
        ("Tanzanie, Rép.-Unie de", "TZ"),
        ("Moldavie, Rép. de", "MD"),
    ],
)
def test_a_name_in_any_order_with_its_qualifiers_abbreviated_is_the_name(
    countries: CountryResolver, text: str, code: str
) -> None:
    resolution = countries.resolve(text)
    assert resolution.code == code
    assert resolution.method in (MatchMethod.name, MatchMethod.variant)  # the whole name, not one of its parts


def test_the_longest_run_of_parts_naming_a_country_wins_over_its_first_part(countries: CountryResolver) -> None:
    # « Congo, Rép. dém. (Kinshasa) » was the Congo, « Sudan (South) » Sudan.
    assert countries.resolve("Congo, Rép. dém. (Kinshasa)").code == "CD"
    assert countries.resolve("Sudan (South)").code == "SS"
    # The audit's other spellings, and parts that name two countries, as before.
    spellings = {
        "Congo-Brazzaville": "CG",
        "Congo (Brazzaville)": "CG",
        "Venezuela, RB": "VE",
        "Gambie": "GM",
        "Bolivie (État plurinational de)": "BO",
        "Laos / RDP lao": "LA",
        "Viet Nam": "VN",
        "Russie, Fédération de": "RU",
        "Syrie, Rép. arabe": "SY",
        "Sudan, South": "SS",
        "Brésil (São Paulo)": "BR",
    }
    assert {text: countries.resolve(text).code for text in spellings} == spellings
    for text, codes in [("Sudan / South Sudan", ["SD", "SS"]), ("Georgia, USA", ["GE", "US"])]:
        resolution = countries.resolve(text)
        assert resolution.code is None and [code for code, _ in resolution.candidates] == codes


def test_name_words_spell_out_qualifiers_and_count_words() -> None:
    assert name_words("Congo, Rép. dém.") == name_words("Democratic Republic of the Congo")
    assert name_words("Rep. Dem. Congo") == name_words("République démocratique du Congo")
    assert name_words("Korea, Dem. People's Rep.") == name_words("Democratic People's Republic of Korea")
    assert name_words("Corée, Rép. pop. dém. de") == name_words("République populaire démocratique de Corée")
    assert name_words("Congo, Rép.") != name_words("Congo, Rép. dém.")
    assert name_words("Sudan / South Sudan") != name_words("South Sudan")  # two countries, not one
    assert name_words("DE") == ""  # a link word alone is no name: Germany's code is read as a code


def test_the_drc_s_cobalt_is_its_child_labour_finding(countries: CountryResolver, catalogue: FindingsCatalogue) -> None:
    # « Congo, Rép. dém.;cobalt » was screened as the Republic of the Congo: « Pays évalué, aucun constat ».
    code = countries.resolve("Congo, Rép. dém.").code
    assert code is not None
    (row,) = catalogue.pair(code, "cobalt")
    assert Finding.child_labour in row.findings
    assert catalogue.pair("CG", "cobalt") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Burkina", "BF"),
        ("Bosnie", "BA"),
        ("Papouasie", "PG"),
        ("Macédoine", "MK"),
        ("P.R. China", "CN"),
        ("PR China", "CN"),
        ("PR of China", "CN"),
    ],
)
def test_a_country_s_short_name_is_the_country(countries: CountryResolver, text: str, code: str) -> None:
    # Each was « Pays non reconnu », with nothing to choose from.
    resolution = countries.resolve(text)
    assert resolution.code == code and resolution.method == MatchMethod.variant


def test_pr_alone_is_still_puerto_rico(countries: CountryResolver) -> None:
    assert countries.resolve("PR") == Resolution("PR", MatchMethod.iso2)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Corée", ["KP", "KR"]),  # the first word of two countries' names: a question, not a guess
        ("Papua", ["PG", "ID"]),  # Papua New Guinea's first word, and Indonesia's province
        ("Xinjiang", ["CN"]),  # a region alone, as « Chine (Xinjiang) » is China
        ("Sabah", ["MY"]),
        ("Tamil Nadu", ["IN"]),
        ("Punjab", ["IN", "PK"]),
    ],
)
def test_a_name_s_first_words_or_a_region_are_a_question(
    countries: CountryResolver, text: str, codes: list[str]
) -> None:
    resolution = countries.resolve(text)
    assert resolution.code is None and resolution.method == MatchMethod.none
    assert [code for code, _ in resolution.candidates] == codes


@pytest.mark.parametrize("text", ["Congo", "congo", "Le Congo", "the Congo"])
def test_the_congo_alone_is_a_question_between_the_two(
    countries: CountryResolver, catalogue: FindingsCatalogue, text: str
) -> None:
    # « Congo » was the Republic of the Congo: « Congo;cobalt » said « aucun constat » of the DRC's child labour.
    assert catalogue.pair("CD", "cobalt") and catalogue.pair("CG", "cobalt") == []
    resolution = countries.resolve(text)
    assert resolution.code is None and resolution.method == MatchMethod.none
    assert [code for code, _ in resolution.candidates] == ["CD", "CG"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("Congo (RDC)", "CD"), ("Congo - Kinshasa", "CD"), ("Congo (Brazzaville)", "CG"), ("République du Congo", "CG")],
)
def test_a_congo_said_which_is_that_one(countries: CountryResolver, text: str, code: str) -> None:
    assert countries.resolve(text).code == code


def test_a_part_that_may_be_two_countries_joins_the_question(countries: CountryResolver) -> None:
    resolution = countries.resolve("Congo / Gabon")
    assert resolution.code is None and sorted(code for code, _ in resolution.candidates) == ["CD", "CG", "GA"]


@pytest.mark.parametrize("text", ["UE", "Afrique", "Asie", "Amérique"])
def test_a_world_region_is_no_country_and_suggests_none(countries: CountryResolver, text: str) -> None:
    # « UE » was offered as the United Arab Emirates (« EAU »); « Afrique » would have begun South Africa's name.
    assert countries.resolve(text) == Resolution(None, MatchMethod.none)


def test_a_did_you_mean_country_is_a_close_spelling(countries: CountryResolver) -> None:
    # « Chinne » is China, no longer « or Chile? »; « Gahna » still Ghana.
    chinne = countries.resolve("Chinne")
    assert chinne.code == "CN" and [code for code, _ in chinne.candidates] == ["CN"]
    assert countries.resolve("Gahna").code == "GH"


@pytest.mark.parametrize(
    "text",
    [
        # Each was « Pays non reconnu » with nothing to choose from (« Peoples Republic », a close spelling).
        "République populaire de Chine",
        "République Populaire de Chine",
        "Rép. pop. de Chine",
        "Rep. Pop. Chine",
        "Chine, République populaire de",
        "Peoples Republic of China",
        # As before:
        "People's Republic of China",
        "PRC",
        "RPC",
        "Chine (RPC)",
    ],
)
def test_the_people_s_republic_of_china_is_china(
    countries: CountryResolver, catalogue: FindingsCatalogue, text: str
) -> None:
    resolution = countries.resolve(text)
    assert resolution.code == "CN"
    assert resolution.method in (MatchMethod.variant, MatchMethod.contains)  # its name, not a typo of one
    assert catalogue.pair("CN", "bricks")  # what a Chinese supplier of bricks was not screened for


def test_a_country_s_french_official_name_is_the_country(countries: CountryResolver) -> None:
    # pycountry's French for ISO's official names: none was known.
    expected = {"République fédérale d’Allemagne": "DE", "Royaume du Maroc": "MA", "États-Unis du Mexique": "MX"}
    assert {text: countries.resolve(text).code for text in expected} == expected
    assert countries.resolve("République de Chine").code != "CN"  # Taiwan's own name is no People's Republic
