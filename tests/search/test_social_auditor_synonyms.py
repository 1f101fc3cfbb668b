"""The synonyms a social auditor's audit found missing (« worker interview », « grille d'entretien », « site visit
checklist », « overtime », « spinning mill », « subcontracting », « unannounced », « passport » on the French site), as
each engine gets them from content/taxonomies/: the embedded engine's query analysis and the synonyms sent to
Meilisearch. Their results on the real corpus: tests/content/test_corpus_social_auditor.py."""

from pathlib import Path

import pytest

from app.search.factory import country_codes
from app.search.meili_documents import synonym_map
from app.search.text import SynonymIndex, analyze_query
from app.services.resolve import ProductResolver
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)
MEILI = synonym_map(TAXONOMIES.synonym_groups())

CASES = [
    # typed, an equivalent (folded words), its Meilisearch key and a value of it
    ("worker interview", ("entretien", "avec", "les", "travailleurs"), "worker interview", "guide d'entretien"),
    ("grille d'entretien", ("guide", "d", "entretien"), "grille entretien", "worker interviews"),
    ("checklist", ("liste", "d", "observation"), "checklist", "liste d'observation"),
    ("site visit", ("visite", "de", "site"), "site visit", "visite de site"),
    ("overtime", ("heures", "supplementaires"), "overtime", "heures supplementaires"),
    ("subcontracting", ("sous", "traitance"), "subcontracting", "sous-traitance"),
    ("subcontractors", ("sous", "traitants"), "subcontractors", "sous-traitants"),
    ("unannounced", ("inopinees",), "unannounced", "inopinees"),
    ("semi-announced", ("semi", "annoncees"), "semi announced", "semi-annoncees"),
    ("passport", ("passeport",), "passport", "passeport"),
]


@pytest.mark.parametrize(("q", "equivalent", "key", "value"), CASES)
def test_both_engines_know_the_auditors_synonyms(q: str, equivalent: tuple[str, ...], key: str, value: str) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives
    assert value in MEILI[key]


@pytest.mark.parametrize("q", ["spinning mill", "spinning mills", "filatures"])
def test_a_spinning_mill_names_the_yarn_sector(q: str) -> None:
    """Typed last, « mill » was the prefix of « millions » and « milliers »: the phrase names the sector."""
    (clause,) = analyze_query(q, SYNONYMS, CODES)
    assert clause.codes == (("sectors", "yarn"),)


def test_a_spinning_mill_on_a_supplier_list_is_yarn() -> None:
    """The sector's synonyms are the screening's too: a line « Spinning mill » is the yarn a mill sells."""
    assert ProductResolver(TAXONOMIES).resolve("Spinning mill").code == "yarn"


@pytest.mark.parametrize(
    ("q", "equivalent"),
    [
        # without the stop words of the synonym, as Meilisearch looks it up (its key above): was three words apart
        ("grille entretien", ("guide", "d", "entretien")),
        ("grilles entretien", ("worker", "interview")),
        ("grille de entretien", ("worker", "interview")),
        ("travail enfants", ("child", "labour")),
    ],
)
def test_a_synonym_is_found_without_its_stop_words(q: str, equivalent: tuple[str, ...]) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives


@pytest.mark.parametrize("q", ["de entretien", "entretien de", "grille"])
def test_no_synonym_starts_or_ends_on_a_stop_word_or_is_one_word_of_a_phrase(q: str) -> None:
    clauses = analyze_query(q + " ", SYNONYMS, CODES)
    assert all(("guide", "d", "entretien") not in clause.alternatives for clause in clauses)
