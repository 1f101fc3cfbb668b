"""Meilisearch and the publisher: its filter and facet, and its name as the last searchable attribute, through the
real client against the scripted stub (tests/search/meili_stub.py); the conformance suite checks the answers on
a real server."""

from dataclasses import replace

from app.search.base import FilterField, SearchQuery
from app.search.meili import MeiliEngine
from app.search.meili_documents import SEARCHABLE_ATTRIBUTES, from_meili, index_settings, to_meili
from tests.search.meili_stub import Reply, StubMeili
from tests.search.test_meili_engine import DOCUMENTS, GROUPS, make_engine, result_page

PARTNER = replace(DOCUMENTS[11], publisher="enfance-cacao", publisher_name="Enfance & Cacao – Agir ensemble")


def test_the_publisher_is_filterable_and_its_name_searched_last() -> None:
    settings = index_settings(GROUPS, max_total_hits=1000)
    assert "publisher" in settings["filterableAttributes"]
    assert settings["searchableAttributes"][-1] == "publisher_name" == SEARCHABLE_ATTRIBUTES[-1]


def test_a_document_carries_its_publisher_s_name_and_reads_without_one() -> None:
    stored = to_meili(PARTNER)
    assert stored["publisher"] == "enfance-cacao"
    assert stored["publisher_name"] == "Enfance & Cacao – Agir ensemble"
    assert from_meili(stored) == PARTNER
    indexed_before = {name: value for name, value in stored.items() if name != "publisher_name"}
    assert from_meili(indexed_before) == replace(PARTNER, publisher_name="")


def test_the_publisher_filter_and_facet_reach_meilisearch(meili_stub: StubMeili) -> None:
    engine: MeiliEngine = make_engine(meili_stub.url)
    hit = to_meili(PARTNER) | {"_formatted": {}, "_rankingScore": 0.5}
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(
            200,
            {
                "results": [
                    result_page(hit, facets={"language": {"fr": 1}}),
                    result_page(total=0, facets={"publisher": {"crv": 9, "enfance-cacao": 1}}),
                ]
            },
        ),
    )
    query = SearchQuery(
        filters={FilterField.publisher: ("enfance-cacao",)}, facets=(FilterField.publisher, FilterField.lang)
    )
    result = engine.search(query)
    main, facet = meili_stub.requests[0].body["queries"]
    assert main["filter"] == 'visibility = "public" AND (publisher = "enfance-cacao")'
    assert main["facets"] == ["language"] and "publisher_name" in main["attributesToRetrieve"]
    assert facet["facets"] == ["publisher"] and facet["filter"] == 'visibility = "public"'
    assert [h.document for h in result.hits] == [PARTNER]
    assert result.facets[FilterField.publisher] == {"crv": 9, "enfance-cacao": 1}
