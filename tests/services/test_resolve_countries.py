"""Countries as supplier lists write them: the « Name, qualifier » order of the World Bank, the UN and the French
administration, qualifiers abbreviated, the two Congos' usual names. Checked against ILAB's data for the verdict."""

import pytest

from app.ilab.reader import Finding
from app.services.findings import FindingsCatalogue
from app.services.resolve import CountryResolver, MatchMethod, name_words


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
