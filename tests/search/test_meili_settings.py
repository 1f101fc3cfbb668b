"""The Meilisearch index settings payload, and synonym groups turned into Meilisearch's synonym map."""

from pathlib import Path
from typing import Any

import pytest

from app.search.base import FILTER_ATTRIBUTES, SortOrder
from app.search.meili import (
    SORTS,
    meili_query,
)
from app.search.meili_documents import (
    LOCALIZED_FIELDS,
    PRIMARY_KEY,
    RANKING_RULES,
    index_settings,
    long_synonym_keys,
    synonym_key,
    synonym_map,
    to_meili,
)
from app.search.text import STOP_WORDS
from app.taxonomy import Taxonomies, load_taxonomies
from tests.search.conformance.corpus import corpus

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN_RULES = {"words", "typo", "proximity", "attributeRank", "sort", "wordPosition", "exactness"}


@pytest.fixture(scope="module")
def real_taxonomies() -> Taxonomies:
    return load_taxonomies(ROOT / "content")


@pytest.fixture(scope="module")
def settings(real_taxonomies: Taxonomies) -> dict[str, Any]:
    return index_settings(real_taxonomies.synonym_groups(), max_total_hits=1000)


def test_searchable_attributes_in_rank_order(settings: dict[str, Any]) -> None:
    assert settings["searchableAttributes"] == [
        "sheet",
        "title",
        "country_codes",
        "keywords",
        "summary",
        "body",
        "publisher_name",
    ]


def test_filterable_sortable_and_ranking(settings: dict[str, Any]) -> None:
    assert settings["filterableAttributes"] == [
        "type",
        "countries",
        "regions",
        "sectors",
        "risks",
        "audiences",
        "publisher",
        "language",
        PRIMARY_KEY,
        "visibility",
    ]
    assert set(FILTER_ATTRIBUTES.values()) <= set(settings["filterableAttributes"])
    assert settings["sortableAttributes"] == ["published_at_ts", "updated_at_ts", "title_sort", "language"]
    assert settings["rankingRules"] == list(RANKING_RULES)
    assert set(RANKING_RULES) == BUILT_IN_RULES  # no legacy `attribute` next to attributeRank/wordPosition
    assert RANKING_RULES[:2] == ("words", "sort")


def test_every_sort_order_but_relevance_uses_a_sortable_attribute(settings: dict[str, Any]) -> None:
    assert set(SORTS) == set(SortOrder) - {SortOrder.relevance}
    sortable = settings["sortableAttributes"]
    assert all(rule.split(":")[0] in sortable for rule in SORTS.values())


def test_typo_tolerance_pagination_faceting(settings: dict[str, Any]) -> None:
    assert settings["typoTolerance"] == {
        "enabled": True,
        "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
        "disableOnWords": [],
        "disableOnAttributes": [],
    }
    assert settings["pagination"] == {"maxTotalHits": 1000}
    assert settings["faceting"] == {"maxValuesPerFacet": 300, "sortFacetValuesBy": {"*": "count"}}
    assert index_settings([], max_total_hits=5000)["pagination"] == {"maxTotalHits": 5000}


def test_stop_words_are_applied_to_the_query_not_by_the_server(settings: dict[str, Any]) -> None:
    # Server-side stop words would break multi-word synonyms that contain one (see app.search.meili).
    assert settings["stopWords"] == []
    assert meili_query("Le travail des enfants dans le cacao") == "travail enfants cacao"
    assert all(word not in STOP_WORDS for word in meili_query(" ".join(sorted(STOP_WORDS)) + " cacao").split())


def test_localized_attributes_match_the_document_fields(settings: dict[str, Any]) -> None:
    assert settings["localizedAttributes"] == [
        {"attributePatterns": ["title.fr", "summary.fr", "body.fr"], "locales": ["fra"]},
        {"attributePatterns": ["title.en", "summary.en", "body.en"], "locales": ["eng"]},
    ]
    # …and the documents really have those nested fields, in their own language only.
    for document in corpus(load_taxonomies(ROOT / "content")):
        stored = to_meili(document)
        for field in LOCALIZED_FIELDS:
            assert set(stored[field]) == {document.language}


def test_settings_payload_is_stable(real_taxonomies: Taxonomies) -> None:
    """Applying twice sends the same payload (idempotent), whatever the order of set iteration."""
    groups = real_taxonomies.synonym_groups()
    assert index_settings(groups, 1000) == index_settings(list(groups), 1000)


# -- synonyms ------------------------------------------------------------------------------------------------
def test_groups_expand_both_ways_folded() -> None:
    assert synonym_map([("Cacao", "Cocoa", "fèves de cacao")]) == {
        "cacao": ["cocoa", "feves de cacao"],
        "cocoa": ["cacao", "feves de cacao"],
        "feves cacao": ["cacao", "cocoa", "feves de cacao"],
    }


def test_keys_are_prepared_queries_and_values_are_phrases() -> None:
    """Keys look like what `meili_query` sends (no stop words), values keep them (phrases in documents)."""
    synonyms = synonym_map([("travail des enfants", "Child labour", "Côte d'Ivoire")])
    assert synonyms["travail enfants"] == ["child labour", "cote d'ivoire", "travail des enfants"]
    assert synonyms["child labour"] == ["travail des enfants", "cote d'ivoire"]
    assert synonyms["cote ivoire"] == ["travail des enfants", "child labour", "cote d'ivoire"]
    for key in synonyms:
        assert meili_query(key + " ") == key + " "


def test_a_term_in_several_groups_maps_to_the_union() -> None:
    synonyms = synonym_map([("traite", "trafficking"), ("Traite", "traite des personnes")])
    assert synonyms["traite"] == ["trafficking", "traite des personnes"]
    assert synonyms["traite personnes"] == ["traite", "traite des personnes"]
    assert synonyms["trafficking"] == ["traite"]


def test_lone_stop_words_and_duplicates_are_dropped() -> None:
    # « Or » (gold) is also the English stop word "or": it must not become a synonym of everything gold.
    assert synonym_map([("Or", "Gold", "orpaillage")]) == {"gold": ["orpaillage"], "orpaillage": ["gold"]}
    assert synonym_map([("Iran", "IRAN", "iran")]) == {}
    assert synonym_map([("  Viet   Nam ", "Vietnam")]) == {"viet nam": ["vietnam"], "vietnam": ["viet nam"]}
    assert synonym_map([("the", "of the"), ("a", "b")]) == {}


@pytest.mark.parametrize(
    ("term", "equivalent"),
    [
        ("cacao", "cocoa"),
        ("cocoa", "cacao"),
        ("travail enfants", "child labour"),
        ("child labour", "travail des enfants"),
        ("birmanie", "myanmar"),
        ("myanmar", "birmanie"),
        ("rdc", "republique democratique du congo"),
        ("republique democratique congo", "drc"),
        ("drc", "rdc"),
        ("cote ivoire", "ivory coast"),
        ("ivory coast", "cote d'ivoire"),
        ("chaine approvisionnement", "supply chain"),
    ],
)
def test_taxonomy_synonyms(settings: dict[str, Any], term: str, equivalent: str) -> None:
    synonyms = settings["synonyms"]
    assert isinstance(synonyms, dict)
    assert equivalent in synonyms[term]


def test_synonym_keys_are_folded_lowercase(settings: dict[str, Any]) -> None:
    synonyms = settings["synonyms"]
    assert isinstance(synonyms, dict)
    for key, values in synonyms.items():
        assert key == key.lower() and key not in values and values
        assert not any(c in key + "".join(values) for c in "éèêàçôîûÉ")
        assert not set(key.split()) & STOP_WORDS


def test_no_synonym_key_is_longer_than_meilisearch_looks_up(settings: dict[str, Any]) -> None:
    """Meilisearch fetches synonyms for runs of one to three query words only: a longer key would never fire."""
    synonyms = settings["synonyms"]
    assert isinstance(synonyms, dict)
    assert max(len(key.split()) for key in synonyms) <= 3
    assert "worst forms child labour" not in synonyms
    assert "pires formes de travail des enfants" in synonyms["worst forms"]  # a value may be long


def test_every_concept_has_an_alias_of_at_most_three_words() -> None:
    """« worst forms of child labour », « Lao People's Democratic Republic », « British Indian Ocean Territory »
    are reached on Meilisearch through a short alias of the same concept."""
    taxonomies = load_taxonomies(ROOT / "content")
    long_keys = long_synonym_keys(taxonomies.synonym_groups())
    assert "worst forms child labour" in long_keys  # the 43 of the issue are still values
    missing = [
        (name.value, term.code)
        for name, vocabulary in taxonomies.vocabularies.items()
        for term in vocabulary.values()
        if not any(0 < len(synonym_key(t).split()) <= 3 for t in term.search_terms)
    ]
    assert missing == []


def test_no_one_word_synonym_is_cut_by_meilisearchs_limits(settings: dict[str, Any]) -> None:
    """Meilisearch keeps at most 50 synonym phrases, 100 words in all, for one query word
    (``MAX_SYNONYM_PHRASE_COUNT``, ``MAX_SYNONYM_WORD_COUNT`` in milli's search/new/limits.rs): « polysilicon », the
    longest list, is far from it, so no equivalent is silently dropped."""
    synonyms = settings["synonyms"]
    assert isinstance(synonyms, dict)
    one_word = {key: values for key, values in synonyms.items() if len(key.split()) == 1}
    assert max(len(values) for values in one_word.values()) <= 50
    assert max(sum(len(value.split()) for value in values) for values in one_word.values()) <= 100
    assert "polysilicon" in one_word
