"""The words of someone in France who suspects a person is exploited — a neighbour, a restaurant customer, a school
nurse, the worker themself — and not a company: « signaler traite des êtres humains », « enfant qui travaille
signaler », « dénoncer exploitation », « report human trafficking », « trafficking hotline ». The guide of whom to
call in France (method-suspected-trafficking-france) came fourth, fifth or not at all: its title spoke to front-line
staff (« Vous suspectez… que faire, qui contacter »), « dénoncer », « hotline », « travail au noir » and « esclavage
domestique » were words no text held. Its title now says « comment signaler », its summary speaks to witnesses and
victims too, and the synonyms (content/taxonomies/synonyms.yaml) reach what the texts say otherwise, on both engines.
"""

from pathlib import Path

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery
from app.search.factory import country_codes
from app.search.meili_documents import synonym_map
from app.search.text import SynonymIndex, analyze_query
from app.taxonomy import load_taxonomies
from tests.helpers import IndexedContent

GUIDE = "method-suspected-trafficking-france"
TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)
MEILI = synonym_map(TAXONOMIES.synonym_groups())


@pytest.mark.parametrize(
    ("q", "equivalent", "key", "value"),
    [
        # typed, an equivalent (folded words), its Meilisearch key and a value of it
        ("hotline", ("helpline",), "hotline", "helpline"),
        ("hotline", ("numero", "d", "aide"), "hotline", "numero d'aide"),
        ("numéro d'urgence", ("emergency", "number"), "numero urgence", "emergency number"),
        ("esclavage domestique", ("servitude", "domestique"), "esclavage domestique", "servitude domestique"),
        ("esclavage domestique", ("domestic", "servitude"), "esclavage domestique", "domestic servitude"),
        ("dénoncer", ("signaler",), "denoncer", "signaler"),
        ("travail au noir", ("travail", "dissimule"), "travail noir", "travail dissimule"),
    ],
)
def test_both_engines_know_the_words_of_someone_who_suspects_exploitation(
    q: str, equivalent: tuple[str, ...], key: str, value: str
) -> None:
    (clause,) = analyze_query(q + " ", SYNONYMS, CODES)
    assert equivalent in clause.alternatives, clause.alternatives
    assert value in MEILI[key]


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


def first(engine: SearchEngine, q: str, language: str, count: int = 5) -> list[str]:
    """The translation keys of the first ``count`` hits for ``q`` in ``language``, as the search page lists them."""
    query = SearchQuery(q=q, filters={FilterField.lang: (language,)}, prefer_language=language, per_page=count)
    return [hit.document.translation_key for hit in engine.search(query).hits]


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("signaler traite des êtres humains", "fr"),  # was fourth, after the penal code, the plan and Palermo
        ("signaler la traite", "fr"),
        ("enfant qui travaille signaler", "fr"),  # not in the first five: CLMRS, a supplier questionnaire…
        ("signaler un enfant exploité", "fr"),
        ("dénoncer exploitation", "fr"),  # two texts, neither the guide: no text says « dénoncer »
        ("esclavage domestique", "fr"),  # not in the first five: the conventions on slavery
        ("je suis exploitée", "fr"),
        ("numéro d'urgence traite", "fr"),
        ("report human trafficking", "en"),  # not in the first five: the UK Modern Slavery Act, a report outline
        ("trafficking hotline", "en"),  # a grievance checklist alone: the guide says « helpline »
    ],
)
def test_a_citizens_words_bring_the_guide_of_whom_to_call_first(engine: SearchEngine, q: str, language: str) -> None:
    assert first(engine, q, language)[:1] == [GUIDE], first(engine, q, language)


@pytest.mark.parametrize(
    ("q", "language"),
    [("report human trafficking France", "en"), ("I am being exploited", "en"), ("signaler travail forcé", "fr")],
)
def test_the_guide_comes_right_after_the_country_sheet_or_a_guide_for_others(
    engine: SearchEngine, q: str, language: str
) -> None:
    """« France » named brings its sheet first (which links to the guide); « signaler travail forcé » the union's
    route for forced labour at a supplier; « exploited » the national plan. The guide is next, where it was third or
    absent."""
    assert GUIDE in first(engine, q, language, count=2), first(engine, q, language)
