"""The publisher filter, its facet and the publisher's name as text, asserted identically on every engine (see
conftest: tantivy, Meilisearch): the conformance corpus with two partners' resources among the centre's."""

from dataclasses import replace
from datetime import date

import pytest

from app.search.base import FilterField, SearchDocument, SearchEngine
from app.taxonomy import Taxonomies
from tests.search.conformance.corpus import ALL, corpus, ids, search

CACAO = "enfance-cacao"
CACAO_NAME = "Enfance & Cacao – Agir ensemble"
RETAIL = "fair-retail"
# A partner's good practice whose text names neither its publisher nor cocoa: only its publisher's name does.
SCHOOLS = "passerelles.fr"


@pytest.fixture
def partnered(conformance_taxonomies: Taxonomies) -> list[SearchDocument]:
    documents = corpus(conformance_taxonomies)
    publishers = {"remediation.fr": (CACAO, CACAO_NAME), "garments-mm.en": (RETAIL, "Fair Retail Network")}
    documents = [
        replace(d, publisher=publishers[d.id][0], publisher_name=publishers[d.id][1]) if d.id in publishers else d
        for d in documents
    ]
    schools = replace(
        documents[0],
        id=SCHOOLS,
        translation_key="passerelles",
        slug="passerelles",
        type="good_practice",
        title="Des classes passerelles dans les villages",
        summary="Rattraper deux années d’école en une.",
        body="Des instituteurs recrutés au village préparent les élèves à rejoindre l’école publique.",
        countries=(),
        regions=(),
        sectors=(),
        risks=(),
        audiences=("ngos",),
        keywords=(),
        publisher=CACAO,
        publisher_name=CACAO_NAME,
        published_at=date(2025, 5, 5),
        updated_at=date(2025, 5, 5),
    )
    return [*documents, schools]


@pytest.fixture
def engine(fresh_engine: SearchEngine, partnered: list[SearchDocument]) -> SearchEngine:
    assert fresh_engine.rebuild(partnered) == ALL + 1
    return fresh_engine


def test_the_publisher_filter_keeps_its_resources(engine: SearchEngine) -> None:
    assert sorted(ids(search(engine, filters={FilterField.publisher: (CACAO,)}))) == [SCHOOLS, "remediation.fr"]
    both = search(engine, filters={FilterField.publisher: (CACAO, RETAIL)})
    assert sorted(ids(both)) == ["garments-mm.en", SCHOOLS, "remediation.fr"]
    assert search(engine, filters={FilterField.publisher: ("crv",)}).total == ALL - 2
    assert ids(search(engine, "cacao ", filters={FilterField.publisher: (CACAO,)}))[0] == "remediation.fr"
    assert search(engine, filters={FilterField.publisher: ("nobody",)}).total == 0


def test_the_publisher_facet_is_disjunctive(engine: SearchEngine) -> None:
    everything = search(engine, facets=(FilterField.publisher,))
    assert everything.facets[FilterField.publisher] == {"crv": ALL - 2, CACAO: 2, RETAIL: 1}
    chosen = search(
        engine,
        filters={FilterField.publisher: (CACAO,), FilterField.lang: ("fr",)},
        facets=(FilterField.publisher, FilterField.lang),
    )
    assert chosen.total == 2
    assert chosen.facets[FilterField.publisher] == {"crv": 5, CACAO: 2}  # its own selection ignored
    assert chosen.facets[FilterField.lang] == {"fr": 2}


def test_a_fixed_publisher_restricts_and_holds_in_the_facet(engine: SearchEngine) -> None:
    """A partner's publishable key restricted to its own resources."""
    result = search(
        engine,
        filters={FilterField.publisher: (RETAIL,)},
        fixed_filters={FilterField.publisher: (CACAO,)},
        facets=(FilterField.publisher,),
    )
    assert result.total == 0
    assert result.facets[FilterField.publisher] == {CACAO: 2}
    assert sorted(ids(search(engine, fixed_filters={FilterField.publisher: (CACAO,)}))) == [SCHOOLS, "remediation.fr"]


@pytest.mark.parametrize("q", ["Enfance & Cacao", "Enfance Cacao Agir ensemble ", "enfance agir", "Enfanse cacao "])
def test_the_publisher_s_name_finds_its_resources(engine: SearchEngine, q: str) -> None:
    assert sorted(ids(search(engine, q))) == [SCHOOLS, "remediation.fr"]


def test_a_name_weighs_less_than_the_text(engine: SearchEngine) -> None:
    """« cacao » also finds the good practice whose publisher's name alone holds it, after every text about it."""
    found = ids(search(engine, "cacao "))
    assert found[-1] == SCHOOLS
    assert {"cocoa-ci.fr", "cocoa-ci.en", "remediation.fr"} <= set(found[:-1])


def test_the_name_comes_back_with_the_document(engine: SearchEngine, partnered: list[SearchDocument]) -> None:
    originals = {document.id: document for document in partnered}
    for hit in search(engine, filters={FilterField.publisher: (CACAO, RETAIL)}).hits:
        assert hit.document == originals[hit.document.id]
        assert hit.document.publisher_name
