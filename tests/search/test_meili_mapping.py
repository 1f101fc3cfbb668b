"""Mapping between our types and Meilisearch's JSON: documents both ways, queries, requests and responses."""

from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.search.base import FilterField, SearchDocument, SearchQuery, SortOrder
from app.search.meili import (
    POST_TAG,
    PRE_TAG,
    meili_query,
    render_highlight,
    search_requests,
    search_result,
)
from app.search.meili_documents import (
    PRIMARY_KEY,
    MalformedResponse,
    from_meili,
    id_from_key,
    meili_key,
    subject_terms,
    to_meili,
)
from app.taxonomy import load_taxonomies
from tests.search.conformance.corpus import corpus

ROOT = Path(__file__).resolve().parents[2]
TAXONOMIES = load_taxonomies(ROOT / "content")
DOCUMENTS = corpus(TAXONOMIES)
COCOA_FR = DOCUMENTS[0]


# -- documents -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_documents_round_trip(document: SearchDocument) -> None:
    assert from_meili(to_meili(document)) == document


def test_stored_shape() -> None:
    stored = to_meili(COCOA_FR)
    assert stored[PRIMARY_KEY] == "cocoa-ci_2e_fr"
    assert stored["id"] == "cocoa-ci.fr"
    assert stored["title"] == {"fr": COCOA_FR.title}
    assert stored["summary"] == {"fr": COCOA_FR.summary}
    assert stored["body"] == {"fr": COCOA_FR.body}
    assert stored["countries"] == ["CI"] and stored["country_codes"] == ["CI", "CIV"]
    assert stored["keywords"] == list(COCOA_FR.keywords) and "Cocoa" in stored["keywords"]
    assert stored["published_at"] == "2024-03-01"
    assert stored["published_at_ts"] == 1709251200  # 2024-03-01T00:00:00Z
    assert stored["updated_at_ts"] == stored["published_at_ts"]  # the corpus updates on publication
    assert stored["title_sort"] == "cote d'ivoire : travail des enfants dans la filiere cacao"


def test_timestamps_sort_like_dates() -> None:
    days = [date(1999, 12, 31), date(2000, 1, 1), date(2024, 2, 29), date(2024, 3, 1)]
    stamps = [to_meili(replace(COCOA_FR, published_at=day, updated_at=day))["published_at_ts"] for day in days]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


SUBJECTS = subject_terms(TAXONOMIES.concepts())


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (replace(COCOA_FR, translation_key="commodity-cocoa", countries=()), {"Cacao", "Cocoa"}),
        (
            replace(COCOA_FR, translation_key="country-ci"),
            {"Côte d'Ivoire", "Ivory Coast", "Côte d’Ivoire", "CI", "CIV"},
        ),
        (COCOA_FR, set()),  # about one country, but not the country's sheet: it would tie with it
        (replace(COCOA_FR, type="good_practice", translation_key="country-ci"), set()),  # not a sheet
    ],
    ids=["commodity", "country", "one-country", "practice"],
)
def test_cacao_a_sheet_is_searched_first_by_its_subject(document: SearchDocument, expected: set[str]) -> None:
    """« cacao », « cocoa », « Pakistan », « PK »: the words naming a risk sheet's subject sit in ``sheet``, the
    first searchable attribute, so Meilisearch's attributeRank brings the sheet first (the embedded engine's
    ``sheet`` field boost)."""
    sheet = set(to_meili(document, SUBJECTS)["sheet"])
    assert expected <= sheet if expected else sheet == set()
    assert to_meili(document)["sheet"] == []  # an engine made without the taxonomies' concepts ranks no sheet


def test_unknown_country_code_keeps_its_alpha_2() -> None:
    assert to_meili(replace(COCOA_FR, countries=("XK", "PK")))["country_codes"] == ["XK", "PK", "PAK"]


@pytest.mark.parametrize(
    "document_id",
    ["country-ci.fr", "a_b.en", "a_2e_b", "é.fr", "x/y z", "_", "__", "-", "a.b.c", "ünïcödé-🦀"],
)
def test_keys_are_safe_and_reversible(document_id: str) -> None:
    key = meili_key(document_id)
    assert all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    assert id_from_key(key) == document_id


def test_keys_are_injective() -> None:
    ids = ["a.b", "a_2e_b", "a_b", "a__b", "a-b", "a_5f_b"]
    assert len({meili_key(i) for i in ids}) == len(ids)


@pytest.mark.parametrize(
    ("raw_change", "message"),
    [
        ({"title": "not nested"}, "title"),
        ({"title": {"en": "wrong language"}}, "title"),
        ({"countries": "CI"}, "countries"),
        ({"published_at": "yesterday"}, "published_at"),
        ({"language": None}, "language"),
    ],
)
def test_malformed_documents_are_refused(raw_change: dict[str, Any], message: str) -> None:
    raw = to_meili(COCOA_FR) | raw_change
    with pytest.raises(MalformedResponse, match=message):
        from_meili(raw)


# -- highlights ----------------------------------------------------------------------------------------------
def test_highlights_are_escaped_around_marks() -> None:
    formatted = f"Supplier {PRE_TAG}questionnaire{POST_TAG} <script>alert('x')</script> & <{PRE_TAG}b{POST_TAG}>"
    assert render_highlight(formatted) == (
        "Supplier <mark>questionnaire</mark> &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; "
        "&lt;<mark>b</mark>&gt;"
    )


def test_a_literal_mark_in_the_text_stays_text() -> None:
    assert render_highlight(f"<mark>not ours</mark> {PRE_TAG}ours{POST_TAG}") == (
        "&lt;mark&gt;not ours&lt;/mark&gt; <mark>ours</mark>"
    )


def test_unpaired_sentinels_are_dropped() -> None:
    assert render_highlight(f"a {PRE_TAG}b") == "a b"
    assert render_highlight(f"a{POST_TAG} b") == "a b"


# -- queries -------------------------------------------------------------------------------------------------
TEN_WORDS = "one two three four five six seven eight nine ten".split()


@pytest.mark.parametrize(
    ("q", "sent"),
    [
        ("", ""),
        ("   ", ""),
        ("cacao", "cacao"),
        ("cacao ", "cacao "),
        ("Travail des Enfants", "travail enfants"),
        ("travail des", "travail "),  # a trailing stop word: the word before it is finished
        ("Côte d’Ivoire", "cote ivoire"),
        ('"travail forcé"', "travail force "),  # no phrase syntax; a closing quote ends the word
        ("-cacao chocolat", "cacao chocolat"),  # no negation syntax
        ("Congo-Kinshasa", "congo kinshasa"),
        ("le la les", ""),
        # A country code that is also a stop word stands for the country, as in the embedded engine.
        ("IN", "ind "),
        ("DE", "deu "),
        ("cacao IT", "cacao ita "),
        ("BE cacao", "bel cacao"),
        ("in the cocoa", "cocoa"),
        # Meilisearch reads ten words; the tenth is then finished.
        ("one two three four five six seven eight nine ten eleven", " ".join(TEN_WORDS) + " "),
        ("one of two three four five six seven eight nine ten", " ".join(TEN_WORDS)),
    ],
)
def test_meili_query(q: str, sent: str) -> None:
    assert meili_query(q) == sent


# -- multi-search requests -----------------------------------------------------------------------------------
def test_main_request_shape() -> None:
    (main,) = search_requests("resources", SearchQuery(q="cacao", page=2, per_page=10, sort=SortOrder.title_asc))
    assert main == {
        "indexUid": "resources",
        "q": "cacao",
        "matchingStrategy": "all",
        "page": 2,
        "hitsPerPage": 10,
        "attributesToRetrieve": [f.name for f in fields(SearchDocument)],
        "attributesToHighlight": ["title", "summary", "body"],
        "attributesToCrop": ["body"],
        "cropLength": 40,
        "cropMarker": "…",
        "highlightPreTag": PRE_TAG,
        "highlightPostTag": POST_TAG,
        "showRankingScore": True,
        "filter": 'visibility = "public"',
        "sort": ["title_sort:asc"],
    }


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (SortOrder.relevance, None),
        (SortOrder.published_desc, ["published_at_ts:desc"]),
        (SortOrder.published_asc, ["published_at_ts:asc"]),
        (SortOrder.updated_desc, ["updated_at_ts:desc"]),
        (SortOrder.title_asc, ["title_sort:asc"]),
    ],
)
def test_sort_parameter(sort: SortOrder, expected: list[str] | None) -> None:
    assert search_requests("i", SearchQuery(q="cacao", sort=sort))[0].get("sort") == expected


@pytest.mark.parametrize(
    ("sort", "language", "expected"),
    [
        (SortOrder.relevance, None, ["title_sort:asc"]),
        (SortOrder.relevance, "fr", ["language:desc", "title_sort:asc"]),
        (SortOrder.relevance, "en", ["language:asc", "title_sort:asc"]),
        (SortOrder.published_desc, "fr", ["language:desc", "published_at_ts:desc"]),
    ],
)
def test_an_empty_query_has_a_stable_order_in_the_readers_language(
    sort: SortOrder, language: str | None, expected: list[str]
) -> None:
    assert search_requests("i", SearchQuery(sort=sort, prefer_language=language))[0]["sort"] == expected


def test_disjunctive_facets_in_one_round_trip() -> None:
    query = SearchQuery(
        q="cacao",
        filters={FilterField.sector: ("cocoa",), FilterField.country: ("CI", "GH"), FilterField.type: ()},
        fixed_filters={FilterField.lang: ("fr",)},
        facets=(FilterField.type, FilterField.sector, FilterField.country),
    )
    main, sectors, countries = search_requests("resources", query)
    assert (
        main["filter"] == 'visibility = "public" AND (sectors = "cocoa") AND (countries = "CI" OR countries = "GH")'
        ' AND (language = "fr")'
    )
    assert main["facets"] == ["type"]  # the only facet without a selection
    assert sectors == {
        "indexUid": "resources",
        "q": "cacao",
        "matchingStrategy": "all",
        "limit": 0,
        "facets": ["sectors"],
        "filter": 'visibility = "public" AND (countries = "CI" OR countries = "GH") AND (language = "fr")',
    }
    assert countries["facets"] == ["countries"]
    assert countries["filter"] == 'visibility = "public" AND (sectors = "cocoa") AND (language = "fr")'


def test_a_lone_selected_facet_keeps_the_fixed_filter() -> None:
    query = SearchQuery(
        filters={FilterField.lang: ("en",)}, fixed_filters={FilterField.lang: ("fr",)}, facets=(FilterField.lang,)
    )
    main, lang = search_requests("i", query)
    assert "facets" not in main
    assert lang["filter"] == 'visibility = "public" AND (language = "fr")'


def test_no_filter_no_facets() -> None:
    (main,) = search_requests("i", SearchQuery(q="cacao"))
    assert main["filter"] == 'visibility = "public"'  # the visibility condition is always there
    assert "facets" not in main and "sort" not in main
    assert main["q"] == "cacao"


def test_fallback_words_reach_every_request() -> None:
    """The fallback sends fewer words; the facet requests get the same ones."""
    query = SearchQuery(q="cacao pakistan", facets=(FilterField.type,), filters={FilterField.type: ("tool",)})
    assert {r["q"] for r in search_requests("i", query, q="cacao ")} == {"cacao "}


# -- multi-search responses ----------------------------------------------------------------------------------
def hit(document: SearchDocument, score: float = 0.9, **formatted: Any) -> dict[str, Any]:
    raw = {k: v for k, v in to_meili(document).items() if k in {"id", "translation_key", "slug", "type", "language",
           "title", "summary", "body", "countries", "regions", "sectors", "risks", "audiences", "publisher",
           "published_at", "updated_at", "keywords"}}  # fmt: skip
    raw["_formatted"] = {"title": {document.language: document.title}, "countries": ["CI"], **formatted}
    raw["_rankingScore"] = score
    return raw


def test_response_to_search_result() -> None:
    query = SearchQuery(
        q="cacao",
        filters={FilterField.sector: ("cocoa",)},
        facets=(FilterField.lang, FilterField.sector),
        per_page=2,
    )
    response = {
        "results": [
            {
                "indexUid": "resources",
                "hits": [
                    hit(
                        COCOA_FR,
                        0.97,
                        title={"fr": f"Côte d'Ivoire : travail des enfants dans la filière {PRE_TAG}cacao{POST_TAG}"},
                        body={"fr": f"…des <b>{PRE_TAG}cacao{POST_TAG}</b>…"},
                    ),
                    hit(DOCUMENTS[1], 0.5),
                ],
                "totalHits": 3,
                "totalPages": 2,
                "page": 1,
                "hitsPerPage": 2,
                "facetDistribution": {"language": {"fr": 2, "en": 1}},
                "processingTimeMs": 1,
            },
            {"indexUid": "resources", "hits": [], "estimatedTotalHits": 5,
             "facetDistribution": {"sectors": {"cocoa": 3, "bricks": 2}}},
        ]
    }  # fmt: skip
    result = search_result(query, response, elapsed_ms=12.3456)
    assert result.total == 3
    assert result.processing_time_ms == 12.35
    assert [h.document for h in result.hits] == [COCOA_FR, DOCUMENTS[1]]
    assert [h.score for h in result.hits] == [0.97, 0.5]
    first = result.hits[0].highlights
    assert first["title"] == "Côte d&#x27;Ivoire : travail des enfants dans la filière <mark>cacao</mark>"
    assert first["body"] == "…des &lt;b&gt;<mark>cacao</mark>&lt;/b&gt;…"
    assert first["summary"] == COCOA_FR.summary.replace("'", "&#x27;")  # not formatted: escaped raw text
    assert result.facets == {FilterField.lang: {"fr": 2, "en": 1}, FilterField.sector: {"cocoa": 3, "bricks": 2}}
    assert list(result.facets) == [FilterField.lang, FilterField.sector]


def test_a_facet_without_values_is_empty() -> None:
    query = SearchQuery(facets=(FilterField.risk,))
    response = {"results": [{"hits": [], "totalHits": 0, "facetDistribution": {}}]}
    assert search_result(query, response, 0).facets == {FilterField.risk: {}}


@pytest.mark.parametrize(
    "response",
    [
        None,
        {},
        {"results": []},
        {"results": [{"hits": []}]},  # no count
        {"results": [{"hits": "nope", "totalHits": 1}]},
        {"results": [{"hits": [{"id": "x"}], "totalHits": 1}]},
        {"results": [{"hits": [], "totalHits": 0}, {"hits": [], "totalHits": 0}]},  # one result too many
    ],
)
def test_malformed_responses(response: Any) -> None:
    with pytest.raises(MalformedResponse):
        search_result(SearchQuery(), response, 0)
