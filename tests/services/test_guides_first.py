"""A question asked as one (« que faire », « comment », « how to », « what to do ») lists the how-to resources
first: its question words are stop words, and the words left matched every risk sheet first."""

from dataclasses import replace
from datetime import date

import pytest

from app.filters import FilterField
from app.search.base import SearchDocument, SearchHit, SearchQuery, SortOrder
from app.services.guides_first import (
    ASKED_PHRASES,
    HOW_TO,
    SHEETS,
    asked_phrases,
    asks_how_to,
    titled_first,
    types_first,
)


@pytest.mark.parametrize(
    "q",
    [
        "travail forcé que faire",
        "que faire travail des enfants",
        "Que dois-je faire ? travail forcé",
        "quoi faire traite",
        "comment signaler traite",
        "signaler travail forcé",
        "what to do forced labour",
        "what should we do about child labour",
        "how to report child labour",
        "How can we remediate child labour",
        "how do I report trafficking",
    ],
)
def test_a_question_of_what_to_do_asks_how_to(q: str) -> None:
    assert asks_how_to(q)


@pytest.mark.parametrize(
    "q",
    [
        "travail forcé",
        "cacao Côte d'Ivoire",
        "combien d’enfants travaillent",
        "how many children work",
        "ILO report forced labour",  # a publication, as often as an act
        "signalement",
        "what is forced labour",
        "que dit la loi",
        "",
    ],
)
def test_other_words_ask_nothing(q: str) -> None:
    assert not asks_how_to(q)


def test_a_question_lists_the_how_to_types_first_unless_a_type_or_a_sort_is_chosen() -> None:
    question = SearchQuery(q="que faire travail forcé")
    assert types_first(question) == HOW_TO and SHEETS not in HOW_TO
    assert types_first(replace(question, filters={FilterField.type: ("risk_sheet",)})) == ()
    assert types_first(replace(question, fixed_filters={FilterField.type: ("tool",)})) == ()
    assert types_first(replace(question, sort=SortOrder.published_desc)) == ()
    assert types_first(SearchQuery(q="travail forcé")) == ()


def test_an_audience_listing_lists_guides_first_on_the_page_only() -> None:
    listing = SearchQuery(filters={FilterField.audience: ("public-buyers",)})
    assert types_first(listing) == ()  # the API's order without words: titles A–Z, as documented
    assert SHEETS not in types_first(listing, audience_listing=True)
    assert types_first(SearchQuery(), audience_listing=True) == ()


@pytest.mark.parametrize(
    ("q", "phrases"),
    [
        ("travail forcé que faire", [("que", "faire")]),
        ("Que faire en cas de travail forcé ?", [("que", "faire")]),
        ("comment signaler la traite", [("comment", "signaler")]),
        ("What to do: forced labour", [("what", "to", "do")]),
        ("how to report child labour", [("how", "to", "report")]),
        ("que dois-je faire travail forcé", []),  # a question, not the phrase a title says
        ("faire que travail forcé", []),
        ("travail forcé", []),
    ],
)
def test_the_phrase_a_question_says(q: str, phrases: list[tuple[str, ...]]) -> None:
    assert list(asked_phrases(q)) == phrases


def test_each_phrase_asks_how_to_by_itself() -> None:
    """A phrase orders the how-to resources of a question: alone, it must make one."""
    assert all(asks_how_to(phrase) for phrases in ASKED_PHRASES.values() for phrase in phrases)


def _hit(key: str, title: str) -> SearchHit:
    document = SearchDocument(
        id=f"{key}-fr", translation_key=key, slug=key, type="methodology", language="fr", title=title, summary="",
        body="", countries=(), regions=(), sectors=(), risks=(), audiences=(), publisher="crv",
        published_at=date(2026, 1, 1), updated_at=date(2026, 1, 1),
    )  # fmt: skip
    return SearchHit(document=document, score=1.0, highlights={})


def test_the_titles_saying_the_phrase_come_first_each_part_in_its_order() -> None:
    hits = [
        _hit("a", "Mesurer le travail forcé"),
        _hit("b", "Victime de travail forcé : que faire, qui contacter"),
        _hit("c", "Que faire ? Le guide"),
        _hit("d", "Faire que rien ne change"),
    ]
    keys = [hit.document.translation_key for hit in titled_first(hits, asked_phrases("travail forcé que faire"))]
    assert keys == ["b", "c", "a", "d"]
    assert titled_first(hits, ()) == hits
