"""What an SME's audit of the search found, on the real corpus (the embedded engine): a garment maker's words for its
haberdashery and metals (« boutons » found the sheep's sheet), the tools by the names it gives them, the training
modules' quiz and self-study under the words it typed."""

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery
from tests.helpers import IndexedContent


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


def french(engine: SearchEngine, q: str, count: int = 3) -> tuple[list[str], int]:
    """The translation keys of the first French hits for ``q``, and how many French resources it finds."""
    result = engine.search(SearchQuery(q=q, filters={FilterField.lang: ("fr",)}, per_page=count))
    return [hit.document.translation_key for hit in result.hits], result.total


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # « boutons » was corrected to « moutons » and brought the sheep's sheet; zips found nothing.
        ("boutons", "sector-textiles"),
        ("zips", "sector-textiles"),
        ("fermeture éclair", "sector-textiles"),
        ("mercerie", "sector-textiles"),
        ("laiton", "commodity-brassware"),  # the one sheet on brass, by its title, raw brass no longer its synonym
        # The tools by the names a buyer gives them: the questionnaire's title puts a word between « questionnaire »
        # and « fournisseur », and the code checklist says no « modèle » (most tools are templates, the type's word).
        ("questionnaire fournisseur devoir de vigilance", "tool-supplier-self-assessment"),
        ("modèle code de conduite", "tool-child-labour-code-checklist"),
        ("questionnaire fournisseur", "tool-supplier-self-assessment"),
    ],
)
def test_an_sme_s_words_find_what_they_name_first(engine: SearchEngine, q: str, expected: str) -> None:
    found, _ = french(engine, q)
    assert found[:1] == [expected], found


def test_boutons_is_no_typo_of_moutons(engine: SearchEngine) -> None:
    """A word of the vocabulary is sought as it is: the sheep's sheet may still come as a typo neighbour, after."""
    found, _ = french(engine, "boutons", count=10)
    assert "commodity-sheep" not in found[:5], found


def test_quiz_finds_every_module_s_knowledge_check(engine: SearchEngine) -> None:
    """Six French modules head their questions « Quiz », eleven « Questionnaire de validation »: « quiz » found six."""
    modules = {FilterField.lang: ("fr",), FilterField.type: ("training_module",)}
    every = engine.search(SearchQuery(filters=modules))
    found, total = french(engine, "quiz", count=50)
    assert total == every.total >= 17 and all(key.startswith("training-") for key in found), found


@pytest.mark.parametrize("q", ["autoformation", "e-learning"])
def test_self_study_finds_the_training_modules(engine: SearchEngine, q: str) -> None:
    """« autoformation » found nothing: no text says it."""
    found, _ = french(engine, q, count=10)
    assert found and all(key.startswith("training-") for key in found), found
