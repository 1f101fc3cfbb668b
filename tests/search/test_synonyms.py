"""Query analysis on the real taxonomies: words in another number, corrections, the synonyms and stop words a
search-quality audit found missing (« marchés publics », « travail des enfant », « TEH », « combien »…)."""

from pathlib import Path

import pytest

from app.search.factory import country_codes
from app.search.text import STOP_WORDS, SynonymIndex, analyze_query, number_key, tokenize
from app.services.site.essentials import subject
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (["enfant", "enfants"], "enfant"),
        (["orpailleur", "orpailleurs"], "orpailleur"),
        (["reseau", "reseaux"], "reseau"),
        (["country", "countries"], "countri"),
        (["d", "de", "des", "du"], "de"),
        (["l", "la", "le", "les"], "le"),
    ],
)
def test_a_word_and_its_plural_have_one_number_key(words: list[str], key: str) -> None:
    assert {number_key(word) for word in words} == {key}


def test_a_plural_of_a_vocabulary_word_is_that_word_not_a_typo_of_another() -> None:
    """« marchés » is one letter from « matches » (the sector « Allumettes »): corrected to it, it brought the
    matches' sheet second for « marchés publics »."""
    index = SynonymIndex([["marché", "market"], ["matches", "allumettes"], ["matches", "match sticks"]])
    assert index.correct("marches") == "marche"
    assert index.correct("mathces") == "matches"  # a typo still finds its word
    assert SYNONYMS.correct("marches") == "marches"
    assert SYNONYMS.correct("cacaos") == "cacao"  # the vocabulary's own number, sent so to Meilisearch
    clauses = analyze_query("marchés publics", SYNONYMS, CODES)
    assert [clause.codes for clause in clauses] == [()]
    assert ("commande", "publique") in clauses[0].alternatives


def test_a_typo_is_corrected_to_the_nearest_word_in_most_phrases() -> None:
    """« enfans » is one edit from « enfant » and from « enfants »: the alphabetically first was taken."""
    assert SYNONYMS.correct("enfans") == "enfants"
    assert SYNONYMS.correct("travial") == "travail" and SYNONYMS.correct("enfnats") == "enfants"


@pytest.mark.parametrize(
    "q", ["travail des enfant", "travail des enfans", "travail d’enfants", "travail d'enfant", "travail des enfants"]
)
def test_travail_des_enfant_is_the_child_labour_phrase_in_either_number(q: str) -> None:
    """Phrases were looked up exactly as typed: « travail des enfant » was two words, named no term, and the
    search page listed no « par où commencer »."""
    (clause,) = analyze_query(q, SYNONYMS, CODES)
    assert clause.codes == (("risks", "child-labour"),)
    assert ("travail", "des", "enfants") in clause.alternatives and ("child", "labour") in clause.alternatives
    assert clause.word == " ".join(tokenize(q))  # what was typed, as a word left out would be told
    term = subject(q, {}, SYNONYMS, TAXONOMIES)
    assert term is not None and term.code == "child-labour"


def test_spelled_gives_each_phrase_as_the_vocabulary_spells_it() -> None:
    """For an engine that looks synonyms up on the words as typed (Meilisearch)."""
    assert SYNONYMS.spelled(tokenize("travail d’enfant au Ghana")) == ["travail", "des", "enfants", "au", "ghana"]
    assert SYNONYMS.named_positions(tokenize("travail des enfant au Ghana")) == {0, 1, 2, 4}


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("TEH", ("risks", "human-trafficking")),
        ("THB", ("risks", "human-trafficking")),
        ("orpailleur", ("sectors", "gold")),
        ("orpailleurs", ("sectors", "gold")),
        ("seafood", ("sectors", "fishing")),  # the fishing sector's fish, shrimp, shellfish
        ("tuna", ("sectors", "fish")),
    ],
)
def test_abbreviations_and_trade_names_name_their_term(q: str, code: tuple[str, str]) -> None:
    (clause,) = analyze_query(q, SYNONYMS, CODES)
    assert clause.codes == (code,)


@pytest.mark.parametrize(
    ("q", "equivalent"),
    [
        ("Golfe", ("gulf", "states")),
        ("Gulf", ("pays", "du", "golfe")),
        ("protocole 29", ("p029",)),
        ("protocol 29", ("protocole", "de", "2014")),
        ("P29", ("protocole", "29")),
        ("Uyghur", ("xinjiang",)),
        ("Xinjiang", ("ouighours",)),
        ("chiffres", ("statistiques",)),
        ("figures", ("statistics",)),
        ("marché public", ("public", "procurement")),
        ("public contracts", ("marches", "publics")),
        # An English readers' audit: irregular plurals, and « kids » that no text says.
        ("children", ("child",)),
        ("child", ("children",)),
        ("kids", ("children",)),
        ("women", ("woman",)),
        ("men", ("man",)),
    ],
)
def test_free_synonyms_added_after_the_audit(q: str, equivalent: tuple[str, ...]) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives


@pytest.mark.parametrize(
    ("q", "subject"),
    [
        ("combien d'enfants travaillent", ["enfants", "travaillent"]),
        ("how many children work", ["children", "work"]),
        ("how much does an audit cost", ["audit", "cost"]),
    ],
)
def test_combien_and_how_many_are_question_words(q: str, subject: list[str]) -> None:
    """Every word must match: no text says « combien », and « how many » kept only the texts saying « many »."""
    assert {"combien", "many", "much"} <= STOP_WORDS
    assert [clause.word for clause in analyze_query(q, SYNONYMS, CODES)] == subject


@pytest.mark.parametrize(
    ("q", "code"),
    [
        # An SME's audit: its haberdashery and metals named no term, and « boutons » was corrected to « moutons ».
        ("boutons", ("sectors", "textiles")),
        ("zips", ("sectors", "textiles")),
        ("fermeture éclair", ("sectors", "textiles")),
        ("fermetures à glissière", ("sectors", "textiles")),
        ("métal", ("sectors", "mining")),
        ("articles en laiton", ("sectors", "brassware")),
        # Most tools are templates: « modèle code de conduite » found a farm programme, not the code checklist.
        ("modèle", ("type", "tool")),
    ],
)
def test_an_sme_s_words_name_their_term_and_are_no_typos(q: str, code: tuple[str, str]) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert clause.codes == (code,)
    assert SYNONYMS.correct("boutons") == "boutons"  # a word of the vocabulary is never another's typo


def test_raw_brass_is_not_the_brassware_term() -> None:
    """« laiton » (raw brass, an alloy) was a synonym of India's brass objects, which the screening read it as."""
    (clause,) = analyze_query("laiton ", SYNONYMS, CODES)
    assert clause.codes == ()


@pytest.mark.parametrize(
    ("q", "equivalent"),
    [
        ("autoformation", ("formation",)),
        ("e-learning", ("formation",)),
        ("quiz", ("questionnaire", "de", "validation")),
        ("questionnaire de validation", ("quiz",)),
        ("questionnaire fournisseur", ("questionnaire", "d", "auto", "evaluation", "fournisseur")),
    ],
)
def test_training_and_supplier_questionnaire_words(q: str, equivalent: tuple[str, ...]) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives
