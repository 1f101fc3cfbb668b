"""The searches' words counted for the editors (app/services/search_statistics.py): counted in memory across
requests and written with one upsert, never a personal-looking query, nothing when turned off, only a first page
without filters; on SQLite and PostgreSQL (their retention: tests/services/test_retention.py)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import SearchCount, SearchSource
from app.services import desk_searches
from app.services.search_statistics import Key, SearchStatistics, add, looks_personal, normalise

DAY = date(2026, 12, 4)
NOTHING = "zzkx qwv"  # found nowhere in the fixture corpus


@contextmanager
def upserts(db_engine: Engine) -> Iterator[list[str]]:
    """The statements that write search_counts while inside."""
    seen: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "search_counts" in statement and not statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db_engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(db_engine, "before_cursor_execute", listen)


def rows(session_factory: sessionmaker[Session]) -> list[tuple[str, str, str, int, int, int]]:
    with session_factory() as session:
        found = session.execute(
            select(
                SearchCount.language,
                SearchCount.source,
                SearchCount.query,
                SearchCount.searches,
                SearchCount.found_nothing,
                SearchCount.found_few,
            ).order_by(SearchCount.query, SearchCount.source)
        )
        return [(str(a), str(b), c, d, e, f) for a, b, c, d, e, f in found]


@pytest.mark.usefixtures("loaded")
def test_searches_are_counted_across_requests_and_written_with_one_upsert(
    client: TestClient, session_factory: sessionmaker[Session], db_engine: Engine
) -> None:
    statistics: SearchStatistics = client.app.state.search_statistics  # type: ignore[attr-defined]
    for q in (NOTHING, f"  {NOTHING.upper()} ", "Zzkx  QWV"):  # one query, as typed three ways
        assert client.get("/v1/search", params={"q": q, "lang": "fr"}).status_code == 200
    assert client.get("/fr/recherche", params={"q": NOTHING}).status_code == 200
    assert client.get("/en/search", params={"q": "Côte d’Ivoire"}).status_code == 200
    # not counted: a later page, a search narrowed by a filter, no words, a key's or a reader's filters
    client.get("/fr/recherche", params={"q": NOTHING, "page": "2"}, follow_redirects=False)
    client.get("/fr/recherche", params={"q": NOTHING, "type": "tool"})
    client.get("/v1/search", params={"q": NOTHING, "country": "CI"})
    client.get("/v1/search", params={"q": NOTHING, "page": "2", "per_page": "5"})
    client.get("/v1/search", params={"q": ""})
    assert rows(session_factory) == []  # nothing written while answering
    with upserts(db_engine) as written:
        assert statistics.flush(session_factory) == 3
    assert len([s for s in written if s.lstrip().upper().startswith("INSERT")]) == 1
    assert rows(session_factory)[:2] == [
        ("en", "page", "cote d’ivoire", 1, 0, 1),  # found a few: the fixture corpus is small
        ("fr", "api", NOTHING, 3, 3, 0),
    ]
    assert rows(session_factory)[2] == ("fr", "page", NOTHING, 1, 1, 0)
    # written again, the counts add up to the day's rows (another worker, another machine)
    client.get("/v1/search", params={"q": NOTHING, "lang": "fr"})
    statistics.flush(session_factory)
    assert ("fr", "api", NOTHING, 4, 4, 0) in rows(session_factory)
    assert statistics.flush(session_factory) == 0  # nothing held: no write


@pytest.mark.usefixtures("loaded")
def test_a_search_sent_as_the_person_types_is_not_counted_a_settled_one_is(client: TestClient) -> None:
    """The search page and the widget search at each pause in the typing: « trav », « travai » were counted as
    searches that found nothing. Marked ``typing=1`` they are answered alike, and not counted."""
    statistics: SearchStatistics = client.app.state.search_statistics  # type: ignore[attr-defined]
    typed = [
        client.get("/v1/search", params={"q": "zzk", "lang": "fr", "typing": "1"}),
        client.get("/fr/recherche", params={"q": "zzkx qw", "typing": "1"}),
        client.get("/en/search", params={"q": "zzkx q", "typing": "1"}),
    ]
    assert [response.status_code for response in typed] == [200, 200, 200]
    assert statistics.held() == {}
    marked = client.get("/v1/search", params={"q": NOTHING, "lang": "fr", "typing": "1"}).json()
    assert statistics.held() == {}
    settled = client.get("/v1/search", params={"q": NOTHING, "lang": "fr"}).json()  # Enter, or an API call
    assert (marked["total"], marked["hits"]) == (settled["total"], settled["hits"]) == (0, [])
    client.get("/fr/recherche", params={"q": NOTHING})  # a page loaded, a form submitted
    client.get("/v1/search", params={"q": NOTHING, "lang": "fr", "typing": "0"})
    held = {(language, source, words): tally for (_, language, source, words), tally in statistics.held().items()}
    assert held == {("fr", SearchSource.api, NOTHING): (2, 2, 0), ("fr", SearchSource.page, NOTHING): (1, 1, 0)}


def test_the_typing_mark_is_documented(client: TestClient) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/v1/search"]["get"]["parameters"]
    (typing,) = [parameter for parameter in parameters if parameter["name"] == "typing"]
    assert "not counted in the editors' statistics" in typing["description"]


def test_few_results_are_counted_apart_from_nothing(session_factory: sessionmaker[Session]) -> None:
    statistics = SearchStatistics(enabled=True, today=lambda: DAY)
    for total in (0, 1, 4, 5, 200):
        statistics.record("kafala", "fr", total, SearchSource.api)
    assert statistics.held() == {(DAY, "fr", SearchSource.api, "kafala"): (5, 1, 2)}


@pytest.mark.parametrize(
    "typed",
    [
        "awa.kone@ong-cacao.org",
        "contact jean@example.fr",
        "06 12 34 56 78",
        "+33 (0)1 23 45 67 89",
        "06.12.34.56.78",
        "FR76 3000 6000 0112 3456 7890 189",
        "dossier 1234567",
        "1 85 05 78 006 084 36",
    ],
)
def test_a_personal_looking_query_is_never_counted(typed: str, session_factory: sessionmaker[Session]) -> None:
    statistics = SearchStatistics(enabled=True, today=lambda: DAY)
    statistics.record(typed, "fr", 0, SearchSource.page)
    assert looks_personal(typed)
    assert statistics.held() == {}
    statistics.flush(session_factory)
    assert rows(session_factory) == []


@pytest.mark.parametrize(
    "kept", ["convention 182", "directive 2024/1760", "loi n° 2017-399", "75011 Paris", "rapport 2019 2020", "C029"]
)
def test_numbers_of_the_field_are_not_taken_for_personal(kept: str) -> None:
    assert not looks_personal(kept)


def test_the_words_are_folded_and_too_long_ones_are_not_counted() -> None:
    assert normalise("  Travail   FORCÉ\tsœur ") == "travail force soeur"
    statistics = SearchStatistics(enabled=True, today=lambda: DAY)
    statistics.record("mot " * 30, "fr", 0, SearchSource.page)  # a pasted text, 120 characters
    statistics.record("   ", "fr", 0, SearchSource.page)
    assert statistics.held() == {}


@pytest.mark.usefixtures("loaded")
def test_turned_off_nothing_is_counted_nor_written(settings: Settings, session_factory: sessionmaker[Session]) -> None:
    settings.search_statistics = False
    with TestClient(create_app(settings)) as client:
        statistics: SearchStatistics = client.app.state.search_statistics  # type: ignore[attr-defined]
        client.get("/v1/search", params={"q": NOTHING})
        client.get("/fr/recherche", params={"q": NOTHING})
        assert statistics.held() == {}
    assert rows(session_factory) == []


@pytest.mark.usefixtures("loaded")
def test_a_stopping_process_writes_what_it_counted(settings: Settings, session_factory: sessionmaker[Session]) -> None:
    with TestClient(create_app(settings)) as client:
        client.get("/fr/recherche", params={"q": NOTHING})
    assert rows(session_factory) == [("fr", "page", NOTHING, 1, 1, 0)]


def test_a_failed_write_keeps_the_counts_for_the_next(session_factory: sessionmaker[Session]) -> None:
    statistics = SearchStatistics(enabled=True, today=lambda: DAY)
    statistics.record("kafala", "fr", 0, SearchSource.page)

    def broken() -> Session:
        raise OperationalError("INSERT", {}, Exception("the database is down"))

    assert statistics.flush(broken) == 0  # type: ignore[arg-type]
    statistics.record("kafala", "fr", 3, SearchSource.page)
    assert statistics.flush(session_factory) == 1
    assert rows(session_factory) == [("fr", "page", "kafala", 2, 1, 1)]


def seed(session_factory: sessionmaker[Session], counts: dict[Key, tuple[int, int, int]]) -> None:
    with session_factory() as session:
        add(session, counts)
        session.commit()


def test_words_are_shown_only_once_searched_enough_times(session_factory: sessionmaker[Session]) -> None:
    seed(
        session_factory,
        {
            (DAY, "fr", SearchSource.page, "kafala"): (1, 1, 0),
            (DAY - timedelta(days=1), "fr", SearchSource.api, "kafala"): (2, 2, 0),  # 3 in all: shown
            (DAY, "fr", SearchSource.page, "jean dupont"): (2, 2, 0),  # twice: one person's typing, never shown
            (DAY, "en", SearchSource.page, "kafala"): (2, 2, 0),  # 2 in English: apart from the French
            (DAY, "fr", SearchSource.page, "cacao"): (50, 0, 0),  # always found: not a gap
            (DAY, "fr", SearchSource.page, "orpaillage guyane"): (4, 0, 3),  # few
            (DAY - timedelta(days=10), "fr", SearchSource.page, "briques"): (9, 9, 0),  # before the 7 days
        },
    )
    with session_factory() as session:
        week = desk_searches.gaps(session, since=desk_searches.period_start(DAY, 7), language=None, min_searches=3)
        assert [(g.query, g.language, g.searches, g.nothing, g.few, g.on_page) for g in week] == [
            ("kafala", "fr", 3, 3, 0, 1),
            ("orpaillage guyane", "fr", 4, 0, 3, 4),
        ]
        month = desk_searches.gaps(session, since=desk_searches.period_start(DAY, 30), language="fr", min_searches=3)
        assert [g.query for g in month] == ["briques", "kafala", "orpaillage guyane"]
        assert desk_searches.gaps(session, since=DAY, language="en", min_searches=2)[0].query == "kafala"
        totals = desk_searches.totals(session, since=desk_searches.period_start(DAY, 7), language=None)
        assert (totals.searches, totals.nothing, totals.few) == (61, 7, 3)  # every search, shown or not
