"""English words an audit of English-speaking readers found short, on the real corpus (the embedded engine; English
texts, the words as typed, as the audit counted them). Before → after:

- « children Bangladesh garments » 2 → 8, as « child Bangladesh garments » (8); « kids » 0 → 435, as
  « children » (215 → 435);
- « organisation » 60 → 61, « organization » 47 → 61; « programme » 21 → 22, « program » 6 → 22;
- « harbour » 3, « harbor » 0 → 3; « labourers » 458, « laborers » 300 → 458; « behavior » 0 → 1, « analyze »
  2 → 6, « dialog » 3 → 16, « recognized » 24 → 25, « prioritization » 12 → 14;
- « seafood » 2 (neither the Thailand, fish nor shrimp sheet) → 37, « tuna » 0 → 37.
"""

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery, SearchResult
from tests.helpers import IndexedContent


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


def english(engine: SearchEngine, q: str) -> SearchResult:
    """Every English text ``q`` finds, best first."""
    return engine.search(SearchQuery(q=q, per_page=500, filters={FilterField.lang: ("en",)}))


def keys(result: SearchResult) -> list[str]:
    return [hit.document.translation_key for hit in result.hits]


@pytest.mark.parametrize(
    ("british", "american", "before"),
    [
        ("children Bangladesh garments", "child Bangladesh garments", 8),
        ("kids", "children", 215),
        ("organisation", "organization", 60),
        ("programme", "program", 21),
        ("harbour", "harbor", 3),
        ("labourers", "laborers", 458),
        ("behaviour", "behavior", 1),
        ("analyse", "analyze", 6),
        ("dialogue", "dialog", 16),
        ("recognised", "recognized", 25),
        ("prioritisation", "prioritization", 14),
    ],
)
def test_either_spelling_finds_the_same_texts(engine: SearchEngine, british: str, american: str, before: int) -> None:
    """``before``: what the better-served spelling found, the other finding fewer (« harbor », « kids »: none)."""
    found = {q: set(keys(english(engine, q))) for q in (british, american)}
    assert found[british] == found[american]
    assert len(found[british]) >= before


def test_seafood_finds_the_fishing_sheets(engine: SearchEngine) -> None:
    """It found the ship-to-shore programme and the fishing brief, the only texts saying « seafood »."""
    found = keys(english(engine, "seafood"))
    assert found[0] == "sector-fishing"
    assert {"brief-fishing-seafood", "commodity-fish", "commodity-shrimp", "country-th"} <= set(found)


def test_tuna_is_fish(engine: SearchEngine) -> None:
    """No text says « tuna »: it found nothing."""
    found = keys(english(engine, "tuna"))
    assert found[0] == "commodity-fish" and "brief-fishing-seafood" in found
