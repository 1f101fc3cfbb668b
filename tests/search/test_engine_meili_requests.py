"""What MeiliEngine asks Meilisearch for the reader's language over the whole list and for the fallback's words
under the query's filters, against the scripted stub (the conformance suite runs the same rules on a real server
when CRV_TEST_MEILI_URL is set)."""

import pytest

from app.search.base import FilterField, SearchQuery
from app.search.meili import MeiliEngine
from tests.search.meili_stub import Reply, StubMeili
from tests.search.test_meili_engine import make_engine, result_page, stored_hit


@pytest.fixture
def engine(meili_stub: StubMeili) -> MeiliEngine:
    return make_engine(meili_stub.url)


COCOA_FR, COCOA_EN, BRICKS_FR = 0, 1, 2  # in the conformance corpus


@pytest.mark.parametrize(
    ("page", "versions", "shown"),
    [
        # « Cocoa » on this page, « Cacao » pages below: « Cacao » comes up to its place.
        ([COCOA_EN, BRICKS_FR], [COCOA_EN, COCOA_FR], ["cocoa-ci.fr", "bricks-pk.fr"]),
        # « Cacao » on this page, « Cocoa » pages above: « Cacao » went up there, « Cocoa » comes down here.
        ([BRICKS_FR, COCOA_FR], [COCOA_EN, COCOA_FR], ["bricks-pk.fr", "cocoa-ci.en"]),
        # « Cacao » ranks first anyway: nothing moves.
        ([COCOA_FR, COCOA_EN], [COCOA_FR, COCOA_EN], ["cocoa-ci.fr", "cocoa-ci.en"]),
    ],
)
def test_the_versions_of_the_pages_resources_are_asked_in_one_more_query(
    meili_stub: StubMeili, engine: MeiliEngine, page: list[int], versions: list[int], shown: list[str]
) -> None:
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(200, {"results": [result_page(*map(stored_hit, page), total=40)]}),
        Reply(200, {"results": [result_page(*map(stored_hit, versions))]}),
    )
    query = SearchQuery(
        q="cacao", filters={FilterField.risk: ("child-labour",)}, page=3, per_page=2, prefer_language="fr"
    )
    result = engine.search(query)
    main_call, versions_call = meili_stub.calls("POST", "/multi-search")
    main = main_call.body["queries"][0]
    (lookup,) = versions_call.body["queries"]
    keys = {f"{stored_hit(at)['translation_key']}_2e_{language}" for at in page for language in ("fr", "en")}
    prefix = f"{main['filter']} AND key IN ["
    assert lookup["filter"].startswith(prefix)
    assert {key.strip('" ') for key in lookup["filter"].removeprefix(prefix).removesuffix("]").split(",")} == keys
    assert (lookup["page"], lookup["hitsPerPage"]) == (1, len(keys))
    same = {name: value for name, value in main.items() if name not in ("filter", "page", "hitsPerPage")}
    assert {name: lookup[name] for name in same} == same  # the same words, order and highlights
    assert [hit.document.id for hit in result.hits] == shown
    assert result.total == 40


def test_no_words_no_versions_query(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    """An empty query lists the reader's language first already."""
    meili_stub.on("POST", "/multi-search", Reply(200, {"results": [result_page(stored_hit(COCOA_EN))]}))
    engine.search(SearchQuery(prefer_language="fr"))
    assert len(meili_stub.calls("POST", "/multi-search")) == 1


def test_the_words_are_probed_under_the_querys_filters(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    """« kilns briques » in French: « kilns » is only in English texts; counted under the filters, it is left out."""
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(200, {"results": [result_page()]}),
        Reply(200, {"results": [result_page(total=0), result_page(total=1)]}),
        Reply(200, {"results": [result_page(stored_hit(BRICKS_FR))]}),
    )
    query = SearchQuery(
        q="kilns briques", filters={FilterField.lang: ("fr",)}, fixed_filters={FilterField.sector: ("bricks",)}
    )
    result = engine.search(query)
    first, probes, third = meili_stub.calls("POST", "/multi-search")
    expected = 'visibility = "public" AND (language = "fr") AND (sectors = "bricks")'
    assert {probe["filter"] for probe in probes.body["queries"]} == {first.body["queries"][0]["filter"]} == {expected}
    assert third.body["queries"][0]["q"] == "briques "
    assert result.left_out == ("kilns",)
    assert [hit.document.id for hit in result.hits] == ["bricks-pk.fr"]


def test_a_word_naming_no_term_is_left_out_before_the_terms(meili_stub: StubMeili, engine: MeiliEngine) -> None:
    """« uniformes briques Pakistan »: each word held, not together; « uniformes » names no taxonomy term, and goes
    before « Pakistan », the last word (the embedded engine does the same: :func:`app.search.text.one_fewer`)."""
    meili_stub.on(
        "POST",
        "/multi-search",
        Reply(200, {"results": [result_page()]}),
        Reply(200, {"results": [result_page(total=1), result_page(total=1), result_page(total=1)]}),
        Reply(200, {"results": [result_page(stored_hit(BRICKS_FR))]}),
    )
    result = engine.search(SearchQuery(q="uniformes briques Pakistan"))
    *_, kept = meili_stub.calls("POST", "/multi-search")
    assert kept.body["queries"][0]["q"] == "briques pakistan "
    assert result.left_out == ("uniformes",)
