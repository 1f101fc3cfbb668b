"""app/search/spellings.py: the British and American spellings of the corpus's English words, one rule, synonyms
on both engines, and no typo correction towards them."""

from pathlib import Path

import pytest

from app.search.meili_documents import synonym_map
from app.search.spellings import BRITISH_WORDS, american, spelling_groups
from app.search.text import SynonymIndex, analyze_query
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())


@pytest.mark.parametrize(
    ("british", "spelled"),
    [
        ("labour", "labor"),
        ("labourer", "laborer"),
        ("harbouring", "harboring"),
        ("favourable", "favorable"),
        ("organise", "organize"),
        ("organised", "organized"),
        ("organisation", "organization"),
        ("prioritising", "prioritizing"),
        ("analyse", "analyze"),
        ("analysing", "analyzing"),
        ("programme", "program"),
        ("dialogue", "dialog"),
    ],
)
def test_one_rule_spells_each_ending_the_american_way(british: str, spelled: str) -> None:
    assert american(british) == spelled


def test_a_word_without_a_british_ending_is_refused() -> None:
    with pytest.raises(ValueError, match="no British ending"):
        american("travail")


def test_only_words_spelled_apart_are_listed() -> None:
    """The endings also close words spelled alike on both sides, or a French word of another meaning."""
    assert len(set(BRITISH_WORDS)) == len(BRITISH_WORDS)
    assert not {"four", "hour", "your", "rise", "exercise", "enterprise", "promise", "otherwise"} & set(BRITISH_WORDS)
    assert not {"realise", "realisation"} & set(BRITISH_WORDS)  # « réalisé », « réalisation »: carried out


def test_the_spellings_are_synonym_groups_meilisearch_gets_too() -> None:
    groups = TAXONOMIES.synonym_groups()
    assert set(spelling_groups()) <= set(groups)
    synonyms = synonym_map(groups)
    assert synonyms["harbor"] == ["harbour"]
    assert synonyms["program"] == ["programme"]
    assert synonyms["organization"] == ["organisation"]
    assert synonyms["laborer"] == ["labourer"]


@pytest.mark.parametrize(
    ("q", "alternatives"),
    [
        ("harbor ", (("harbor",), ("harbour",))),
        ("organization ", (("organization",), ("organisation",))),
        ("program ", (("program",), ("programme",))),
        ("laborers ", (("laborers",), ("laborer",), ("labourer",))),  # the plural, through its singular
    ],
)
def test_a_spelling_is_sought_with_the_other(q: str, alternatives: tuple[tuple[str, ...], ...]) -> None:
    (clause,) = analyze_query(q, SYNONYMS)
    assert clause.alternatives == alternatives


@pytest.mark.parametrize("word", ["elaborer", "organismes", "penalties", "autorisation", "priorities", "normalisation"])
def test_no_word_is_corrected_to_a_spelling(word: str) -> None:
    """One letter or two from a listed spelling, these are words of their own: « élaborer » corrected to
    « laborer » would have found every text on labour."""
    assert SYNONYMS.correct(word) == word


def test_a_spelling_in_another_number_is_that_spelling() -> None:
    assert SYNONYMS.correct("programmes") == "programme"
    assert SYNONYMS.correct("labourers") == "labourer"
