"""The synonyms three user audits found missing (« Acse », « CSE », trade-union words, « matériel informatique »,
« EPI »), as each engine gets them from content/taxonomies/: the embedded engine's query analysis and the synonyms
sent to Meilisearch. Their results on the real corpus: tests/content/test_corpus_audit_vocabulary.py."""

from pathlib import Path

import pytest

from app.search.factory import country_codes
from app.search.meili_documents import synonym_map
from app.search.text import SynonymIndex, analyze_query
from app.services.resolve import ProductResolver
from app.taxonomy import TaxonomyName, load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)
MEILI = synonym_map(TAXONOMIES.synonym_groups())

CASES = [
    # typed, an equivalent (folded words), its Meilisearch key and a value of it
    ("Acse", ("ac", "se"), "acse", "ac.se"),
    ("CSE", ("comite", "social", "et", "economique"), "cse", "comite social et economique"),
    ("works council", ("cse",), "works council", "cse"),
    ("syndicat", ("trade", "union"), "syndicat", "trade union"),
    ("délégué syndical", ("organisations", "syndicales"), "delegue syndical", "organisations syndicales"),
    ("informatique", ("electronique",), "informatique", "electronique"),
    ("EPI", ("equipements", "de", "protection", "individuelle"), "epi", "equipements de protection individuelle"),
    ("PPE", ("epi",), "ppe", "epi"),
]


@pytest.mark.parametrize(("q", "equivalent", "key", "value"), CASES)
def test_both_engines_know_the_audits_synonyms(q: str, equivalent: tuple[str, ...], key: str, value: str) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives
    assert value in MEILI[key]


@pytest.mark.parametrize("q", ["matériel informatique", "équipement informatique", "computer equipment"])
def test_computer_equipment_names_the_electronics_sector(q: str) -> None:
    (clause,) = analyze_query(q, SYNONYMS, CODES)
    assert clause.codes == (("sectors", "electronics"),)
    assert "electronics" in MEILI[" ".join(clause.alternatives[0])]


def test_informatique_alone_is_no_sector_synonym_the_screening_reads() -> None:
    """« services informatiques » on a supplier list are services: « informatique » is a free synonym of
    « électronique » for the search, not a synonym of the sector, which the screening's product resolver reads."""
    assert "informatique" not in TAXONOMIES[TaxonomyName.sectors]["electronics"].synonyms
    products = ProductResolver(TAXONOMIES)
    assert products.resolve("services informatiques").code == "services"
    assert products.resolve("Matériel informatique").code == "electronics"


def test_the_trade_unions_audience_carries_the_union_words() -> None:
    """The audience's synonyms: what /v1/taxonomies/audiences lists and the audience facet's search matches."""
    synonyms = TAXONOMIES[TaxonomyName.audiences]["trade-unions"].synonyms
    assert {"syndicat", "organisations syndicales", "délégué syndical", "trade union"} <= set(synonyms)
