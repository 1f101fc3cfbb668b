"""The words a labour inspector, a union representative and a public buyer typed and the search did not know, on the
real corpus (the embedded engine), as the search page asks: the reader's language only. « Acse » found nothing where
« Ac.Sé » found 12 texts; « CSE » one; « comité social et économique » texts on the UN covenants first;
« matériel informatique » the pornography sheet first (« matériel pornographique »), « informatique » and « EPI »
nothing. Both engines take these synonyms from content/taxonomies/ (tests/search/test_audit_synonyms.py)."""

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery
from tests.helpers import IndexedContent


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


def first(engine: SearchEngine, q: str, language: str, count: int = 5) -> list[str]:
    """The translation keys of the first ``count`` hits for ``q`` in ``language``, as the search page lists them."""
    query = SearchQuery(q=q, filters={FilterField.lang: (language,)}, prefer_language=language, per_page=count)
    return [hit.document.translation_key for hit in engine.search(query).hits]


@pytest.mark.parametrize(("q", "language"), [("Acse", "fr"), ("ACSE", "fr"), ("Acse", "en")])
def test_acse_as_typed_finds_what_ac_se_finds(engine: SearchEngine, q: str, language: str) -> None:
    found = first(engine, q, language, count=20)
    assert found[:1] == ["practice-acse-safe-accommodation"]
    assert set(found) == set(first(engine, "Ac.Sé", language, count=20))


# The texts that speak of the CSE or of staff representatives (« comité social et économique », « élu de CSE »,
# « works council », « représentants du personnel »).
STAFF_REPRESENTATIVES = {
    "training-trade-union-reps",
    "training-hr-labour-providers",
    "law-fr-whistleblowers",
    "tool-union-forced-labour-route",
    "practice-international-framework-agreements",
}


@pytest.mark.parametrize(
    ("q", "language"), [("CSE", "fr"), ("IRP", "fr"), ("représentants du personnel", "fr"), ("works council", "en")]
)
def test_the_staff_representative_body_finds_the_texts_on_it(engine: SearchEngine, q: str, language: str) -> None:
    found = first(engine, q, language, count=3)
    assert set(found) <= STAFF_REPRESENTATIVES and "training-trade-union-reps" in found, found


def test_comite_social_et_economique_finds_a_text_on_it_first(engine: SearchEngine) -> None:
    """Its words apart (half weight: no taxonomy term names it) still find the UN covenants' « Comité des droits
    économiques, sociaux et culturels », after the texts on the CSE."""
    found = first(engine, "comité social et économique", "fr")
    assert found[0] in STAFF_REPRESENTATIVES and "training-trade-union-reps" in found, found


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("syndicat", "fr"),
        ("syndicats", "fr"),
        ("organisations syndicales", "fr"),
        ("délégué syndical", "fr"),
        ("représentants syndicaux", "fr"),
        ("trade union", "en"),
        ("trade unions", "en"),
        ("union representatives", "en"),
    ],
)
def test_trade_union_words_bring_the_union_reps_module(engine: SearchEngine, q: str, language: str) -> None:
    assert "training-trade-union-reps" in first(engine, q, language, count=3)


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("matériel informatique", "fr"),
        ("informatique", "fr"),
        ("équipement informatique", "fr"),
        ("équipements informatiques", "fr"),
        ("ordinateurs", "fr"),
        ("computer equipment", "en"),
        ("computer hardware", "en"),
        ("computers", "en"),
    ],
)
def test_computer_equipment_brings_the_electronics_sheet_and_brief_first(
    engine: SearchEngine, q: str, language: str
) -> None:
    found = first(engine, q, language)
    assert found[:2] == ["commodity-electronics", "brief-electronics"], found
    assert "commodity-pornography" not in found


@pytest.mark.parametrize(
    ("q", "language"),
    [("EPI", "fr"), ("équipements de protection individuelle", "fr"), ("PPE", "en")],
)
def test_personal_protective_equipment_finds_the_site_visit_checklist(
    engine: SearchEngine, q: str, language: str
) -> None:
    """No sector holds it: the one text naming it, whose checklist asks whether workers have it."""
    assert first(engine, q, language)[:1] == ["tool-site-visit-checklist"]


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("que faire victime traite", "fr"),
        ("victime travail forcé qui contacter", "fr"),
        ("OCRTEH", "fr"),
        ("victim of trafficking in France whom to contact", "en"),
    ],
)
def test_someone_facing_a_possible_victim_finds_whom_to_call_first(engine: SearchEngine, q: str, language: str) -> None:
    """Front-line staff's words (the police office's acronym too) bring the guide of whom to call in France first,
    before the international instruments on trafficking."""
    assert first(engine, q, language)[:1] == ["method-suspected-trafficking-france"]
