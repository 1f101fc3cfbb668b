"""What every search engine must do, asserted identically on each (see conftest: tantivy, Meilisearch).

Queries that end with a space have a finished last word (no prefix matching), so typo assertions are not
blurred by prefix matches.
"""

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import pytest

from app.filters import FILTERS
from app.search.base import (
    FilterField,
    SearchDocument,
    SearchEngine,
    SearchQuery,
    SortOrder,
)
from app.search.text import fold
from tests.search.conformance.corpus import ALL, ids, search


def by_id(documents: list[SearchDocument]) -> Mapping[str, SearchDocument]:
    return {document.id: document for document in documents}


# -- basics --------------------------------------------------------------------------------------------------
def test_empty_query_returns_everything(engine: SearchEngine, documents: list[SearchDocument]) -> None:
    result = search(engine)
    assert result.total == ALL
    assert sorted(ids(result)) == sorted(d.id for d in documents)


def test_documents_come_back_intact(engine: SearchEngine, documents: list[SearchDocument]) -> None:
    originals = by_id(documents)
    for hit in search(engine).hits:
        assert hit.document == originals[hit.document.id]


def test_health_counts_documents(engine: SearchEngine) -> None:
    health = engine.health()
    assert health.ok, health.detail
    assert health.documents == ALL


# -- relevance -----------------------------------------------------------------------------------------------
def test_title_match_beats_body_match(engine: SearchEngine) -> None:
    found = ids(search(engine, "remédiation "))
    assert found[0] == "remediation.fr"  # in its title
    assert "risk-mapping.fr" in found  # only in its body
    assert found.index("remediation.fr") < found.index("risk-mapping.fr")


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("briqueteries Pakistan ", "bricks-pk"),
        ("debt bondage ", "bricks-pk"),
        ("cartographie des risques ", "risk-mapping"),
        ("PK ", "bricks-pk"),
        ("questionnaire ", "questionnaire-tool.en"),
    ],
)
def test_obvious_first_hit(engine: SearchEngine, q: str, first: str) -> None:
    assert ids(search(engine, q))[0].startswith(first)


# -- typo tolerance (1 typo from 5 letters, 2 from 9, none under 5) -----------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kilnz ", "bricks-pk.en"),  # 5 letters, 1 typo
        ("cobolt ", "cobalt-cd.fr"),  # 6 letters, 1 typo
        ("quastionnaure ", "questionnaire-tool.en"),  # 13 letters, 2 typos
        ("briqueterais ", "bricks-pk.fr"),  # 12 letters, 2 typos
    ],
)
def test_typos_within_budget_match(engine: SearchEngine, q: str, expected: str) -> None:
    assert expected in ids(search(engine, q))


@pytest.mark.parametrize(
    ("q", "unexpected"),
    [
        ("dabt ", "bricks-pk.en"),  # 4 letters: no typo allowed
        ("cubolt ", "cobalt-cd.fr"),  # 6 letters, 2 typos
        ("quastyonnaure ", "questionnaire-tool.en"),  # 13 letters, 3 typos
    ],
)
def test_typos_beyond_budget_do_not_match(engine: SearchEngine, q: str, unexpected: str) -> None:
    assert unexpected not in ids(search(engine, q))


# -- prefix search on the last word --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Pakis", {"bricks-pk.fr", "bricks-pk.en"}),
        ("cartograph", {"risk-mapping.fr"}),
        ("supply ch", {"risk-mapping.en"}),
        ("questionn", {"questionnaire-tool.en"}),
    ],
)
def test_last_word_is_a_prefix(engine: SearchEngine, q: str, expected: set[str]) -> None:
    assert expected <= set(ids(search(engine, q)))


def test_a_finished_word_is_not_a_prefix(engine: SearchEngine) -> None:
    assert "bricks-pk.fr" not in ids(search(engine, "Pakis "))


# -- synonyms, French ↔ English ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cacao ", {"cocoa-ci.en", "eu-regulation.en"}),  # the regulation only says "cocoa"
        ("cocoa ", {"cocoa-ci.fr", "remediation.fr"}),
        ("travail des enfants ", {"cocoa-ci.en", "risk-mapping.en"}),  # risk mapping only says "child labour"
        ("child labour ", {"cocoa-ci.fr", "cobalt-cd.fr"}),
        ("Birmanie ", {"garments-mm.en"}),  # only says "Myanmar"
        ("RDC ", {"cobalt-cd.fr", "eu-regulation.en"}),  # the regulation only says "DRC"
        ("Ivory Coast ", {"cocoa-ci.fr", "cocoa-ci.en"}),
        # English plurals no rule derives, and a word no text says.
        ("children ", {"risk-mapping.en"}),  # only says "child labour"
        ("kids ", {"cocoa-ci.en"}),  # says "children"
    ],
)
def test_synonyms_cross_languages(engine: SearchEngine, q: str, expected: set[str]) -> None:
    assert expected <= set(ids(search(engine, q)))


# -- accents and case ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("COTE D'IVOIRE ", {"cocoa-ci.fr", "cocoa-ci.en"}),
        ("côte d’ivoire ", {"cocoa-ci.fr", "cocoa-ci.en"}),
        ("republique democratique ", {"cobalt-cd.fr"}),
        ("ÉLIMINER ", {"trafficking-module.fr"}),
        ("eliminer ", {"trafficking-module.fr"}),
    ],
)
def test_accent_and_case_insensitive(engine: SearchEngine, q: str, expected: set[str]) -> None:
    assert expected <= set(ids(search(engine, q)))


# -- filters -------------------------------------------------------------------------------------------------
def test_values_of_one_filter_are_ored(engine: SearchEngine) -> None:
    result = search(engine, filters={FilterField.country: ("CI", "PK")})
    assert sorted(ids(result)) == ["bricks-pk.en", "bricks-pk.fr", "cocoa-ci.en", "cocoa-ci.fr", "remediation.fr"]
    assert result.total == 5


def test_filters_are_anded(engine: SearchEngine) -> None:
    result = search(engine, filters={FilterField.country: ("CI", "PK"), FilterField.lang: ("en",)})
    assert sorted(ids(result)) == ["bricks-pk.en", "cocoa-ci.en"]
    narrowed = search(
        engine, filters={FilterField.country: ("CI", "PK"), FilterField.sector: ("bricks",), FilterField.lang: ("fr",)}
    )
    assert ids(narrowed) == ["bricks-pk.fr"]


def test_filters_apply_to_text_queries(engine: SearchEngine) -> None:
    result = search(engine, "cacao ", filters={FilterField.type: ("good_practice",)})
    assert ids(result) == ["remediation.fr"]


def test_filter_on_every_field(engine: SearchEngine, documents: list[SearchDocument]) -> None:
    cases: dict[FilterField, tuple[str, Callable[[SearchDocument], bool]]] = {
        FilterField.type: ("methodology", lambda d: d.type == "methodology"),
        FilterField.country: ("CD", lambda d: "CD" in d.countries),
        FilterField.region: ("european-union", lambda d: "european-union" in d.regions),
        FilterField.sector: ("garments", lambda d: "garments" in d.sectors),
        FilterField.risk: ("forced-labour", lambda d: "forced-labour" in d.risks),
        FilterField.audience: ("labour-inspectors", lambda d: "labour-inspectors" in d.audiences),
        FilterField.lang: ("en", lambda d: d.language == "en"),
    }
    for field, (value, predicate) in cases.items():
        expected = sorted(d.id for d in documents if predicate(d))
        assert expected, field
        assert sorted(ids(search(engine, filters={field: (value,)}))) == expected, field


def test_hostile_filter_values_match_nothing(engine: SearchEngine) -> None:
    # Not breakouts, and not values Meilisearch would normalise to a real code (it trims, NFKD-folds, lowercases).
    for value in ['CI" OR countries = "PK', "CI') OR ('1", "\\", '"', "C\nI", "\u202eIC", "ci"[::-1] + "\x00"]:
        assert search(engine, filters={FilterField.country: (value,)}).total == 0, value


# -- fixed filters -------------------------------------------------------------------------------------------
def test_fixed_filters_restrict(engine: SearchEngine) -> None:
    result = search(engine, fixed_filters={FilterField.lang: ("fr",)})
    assert result.total == 6
    assert all(hit.document.language == "fr" for hit in result.hits)


def test_fixed_filters_cannot_be_widened(engine: SearchEngine) -> None:
    fixed = {FilterField.lang: ("fr",)}
    assert search(engine, filters={FilterField.lang: ("en",)}, fixed_filters=fixed).total == 0
    both = search(engine, filters={FilterField.lang: ("en", "fr")}, fixed_filters=fixed)
    assert both.total == 6 and {h.document.language for h in both.hits} == {"fr"}


def test_an_empty_fixed_filter_matches_nothing(engine: SearchEngine) -> None:
    """A restriction that lost its values must fail closed, not turn into no restriction."""
    assert search(engine, fixed_filters={FilterField.type: ()}).total == 0


def test_fixed_filters_hold_in_facet_counts(engine: SearchEngine) -> None:
    result = search(
        engine,
        filters={FilterField.lang: ("en",), FilterField.type: ("risk_sheet",)},
        fixed_filters={FilterField.type: ("methodology",)},
        facets=(FilterField.lang, FilterField.type),
    )
    assert result.total == 0
    # Disjunctive counts drop the caller's own selection, never the fixed filter.
    assert result.facets[FilterField.lang] == {}
    assert result.facets[FilterField.type] == {"methodology": 1}


# -- facets --------------------------------------------------------------------------------------------------
def test_facets_without_selection(engine: SearchEngine) -> None:
    result = search(engine, "cacao ", facets=(FilterField.lang, FilterField.type))
    assert result.facets[FilterField.lang] == {"fr": 2, "en": 2}
    assert result.facets[FilterField.type] == {"risk_sheet": 2, "good_practice": 1, "legal_reference": 1}


def test_facets_are_disjunctive(engine: SearchEngine, documents: list[SearchDocument]) -> None:
    result = search(
        engine,
        filters={FilterField.sector: ("cocoa",), FilterField.lang: ("fr",)},
        facets=(FilterField.sector, FilterField.lang, FilterField.country),
    )
    assert sorted(ids(result)) == ["cocoa-ci.fr", "remediation.fr"]
    french = [d for d in documents if d.language == "fr"]
    sectors: dict[str, int] = {}
    for document in french:
        for sector in document.sectors:
            sectors[sector] = sectors.get(sector, 0) + 1
    assert result.facets[FilterField.sector] == sectors  # own selection ignored, the lang one kept
    assert result.facets[FilterField.lang] == {"fr": 2, "en": 1}  # cocoa docs in each language
    assert result.facets[FilterField.country] == {"CI": 2}  # both selections applied
    assert list(result.facets) == [FilterField.sector, FilterField.lang, FilterField.country]


def test_disjunctive_facets_count_a_document_once(engine: SearchEngine, documents: list[SearchDocument]) -> None:
    """Several values of a multi-valued filter: the cobalt sheet, in both the cobalt and the mining sectors,
    counts once in each facet."""
    filters = {FilterField.sector: ("cobalt", "mining"), FilterField.risk: ("child-labour", "forced-labour")}
    facets = (FilterField.sector, FilterField.risk, FilterField.lang, FilterField.audience)
    result = search(engine, filters=filters, facets=facets)
    assert ids(result) == ["cobalt-cd.fr"]
    for facet in facets:
        kept = [
            d
            for d in documents
            if all(set(FILTERS[name].values_of(d)) & set(values) for name, values in filters.items() if name != facet)
        ]
        assert result.facets[facet] == Counter(value for d in kept for value in FILTERS[facet].values_of(d))


# -- sorting -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        (SortOrder.published_desc, lambda d: d.published_at, True),
        (SortOrder.published_asc, lambda d: d.published_at, False),
        (SortOrder.updated_desc, lambda d: d.updated_at, True),
        (SortOrder.title_asc, lambda d: fold(d.title), False),
    ],
)
def test_sorting(
    engine: SearchEngine,
    documents: list[SearchDocument],
    sort: SortOrder,
    key: Callable[[SearchDocument], Any],
    reverse: bool,
) -> None:
    expected = [d.id for d in sorted(documents, key=key, reverse=reverse)]
    assert ids(search(engine, sort=sort)) == expected


def test_sorting_a_text_query(engine: SearchEngine) -> None:
    found = ids(search(engine, "cacao ", sort=SortOrder.published_asc))
    assert found == ["cocoa-ci.fr", "cocoa-ci.en", "remediation.fr", "eu-regulation.en"]


# -- highlighting --------------------------------------------------------------------------------------------
def test_highlights_mark_matches(engine: SearchEngine) -> None:
    hit = search(engine, "cacao ", filters={FilterField.lang: ("fr",), FilterField.type: ("risk_sheet",)}).hits[0]
    assert "<mark>cacao</mark>" in hit.highlights["title"]
    assert "<mark>cacao</mark>" in hit.highlights["summary"]


def test_highlights_are_html_escaped(engine: SearchEngine) -> None:
    hit = search(engine, "questionnaire ").hits[0]
    assert hit.document.id == "questionnaire-tool.en"
    title = hit.highlights["title"]
    assert title.startswith("Supplier <mark>questionnaire</mark> &lt;script&gt;alert(")
    assert "<script" not in title and "</script" not in title
    assert "&lt;b&gt;forty&lt;/b&gt;" in hit.highlights["summary"] and "&amp;" in hit.highlights["summary"]
    around = search(engine, "script ").hits[0]
    assert around.document.id == "questionnaire-tool.en"
    assert "&lt;<mark>script</mark>&gt;" in around.highlights["title"]


def test_every_highlight_is_markup_safe(engine: SearchEngine) -> None:
    for q in ("", "questionnaire ", "script ", "forty ", "b "):
        for hit in search(engine, q).hits:
            for text in hit.highlights.values():
                stripped = text.replace("<mark>", "").replace("</mark>", "")
                assert "<" not in stripped and ">" not in stripped, (q, text)


def test_body_highlight_is_cropped(engine: SearchEngine) -> None:
    hit = search(engine, "remédiation ", filters={FilterField.type: ("methodology",)}).hits[0]
    assert "<mark>remédiation</mark>" in hit.highlights["body"]
    assert len(hit.highlights["body"].split()) <= 45


# -- pagination ----------------------------------------------------------------------------------------------
def test_pagination_reports_the_total(engine: SearchEngine) -> None:
    pages = [engine.search(SearchQuery(page=page, per_page=5, sort=SortOrder.published_desc)) for page in (1, 2, 3, 4)]
    assert [p.total for p in pages] == [ALL] * 4
    assert [len(p.hits) for p in pages] == [5, 5, 2, 0]
    seen = [hit.document.id for p in pages for hit in p.hits]
    assert len(seen) == len(set(seen)) == ALL
    everything = ids(search(engine, sort=SortOrder.published_desc))
    assert seen == everything


def test_pagination_of_a_text_query(engine: SearchEngine) -> None:
    first = engine.search(SearchQuery(q="cacao ", page=1, per_page=3, sort=SortOrder.published_asc))
    second = engine.search(SearchQuery(q="cacao ", page=2, per_page=3, sort=SortOrder.published_asc))
    assert first.total == second.total == 4
    assert ids(first) + ids(second) == ["cocoa-ci.fr", "cocoa-ci.en", "remediation.fr", "eu-regulation.en"]


# -- writing (each on an empty engine of its own) ------------------------------------------------------------
def test_index_upserts_and_delete_ignores_unknown_ids(
    fresh_engine: SearchEngine, documents: list[SearchDocument]
) -> None:
    assert fresh_engine.rebuild([]) == 0
    fresh_engine.index(documents[:3])
    fresh_engine.index([replace(documents[0], title="Un titre entièrement nouveau")])
    result = search(fresh_engine)
    assert result.total == 3
    assert search(fresh_engine, "entièrement nouveau ").hits[0].document.id == documents[0].id
    fresh_engine.delete([documents[1].id, "no-such-resource.fr"])
    assert sorted(ids(search(fresh_engine))) == sorted([documents[0].id, documents[2].id])


def test_index_takes_a_stream_of_new_and_known_documents(
    fresh_engine: SearchEngine, documents: list[SearchDocument]
) -> None:
    """As the outbox drain gives a batch: an iterator, known documents (replaced) among new ones; a document given
    twice in one call is indexed once, as last given."""
    fresh_engine.rebuild(documents[:2])
    renamed = replace(documents[0], title="Un titre entièrement nouveau")
    twice = [documents[2], replace(documents[2], title="Encore un titre inédit")]
    fresh_engine.index(iter([renamed, *twice, documents[3]]))
    assert sorted(ids(search(fresh_engine))) == sorted(d.id for d in documents[:4])
    assert ids(search(fresh_engine, "entièrement nouveau "))[:1] == [documents[0].id]
    assert ids(search(fresh_engine, "encore inédit "))[:1] == [documents[2].id]


def test_rebuild_replaces_everything(fresh_engine: SearchEngine, documents: list[SearchDocument]) -> None:
    assert fresh_engine.rebuild(documents) == ALL
    assert fresh_engine.rebuild(iter(documents[:2])) == 2
    assert sorted(ids(search(fresh_engine))) == sorted(d.id for d in documents[:2])
    assert fresh_engine.health().documents == 2
