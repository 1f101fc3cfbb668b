"""SQLite's plans for the queries that look a few resources up among many — by their ids (a feed's, an outbox
batch's), their translation key, or a page's slug —, or that want the newest, the earliest or the latest: through
the index of what they name, never by walking every published resource through the status index, as SQLite's
planner did without statistics, nor by reading every row (at 100k resources, 110-150 ms a query instead of 0.1-5)."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from app import migrations
from app.config import Settings
from app.db import make_engine
from app.filters import FilterField
from app.models import Resource
from app.search.base import SearchQuery
from app.services import catalog, feeds, listing, oai, pages, resources
from app.services.site import published
from app.services.sync import published_documents
from app.taxonomy import Taxonomies

# As many ids as a feed's search can give (max_result_window): SQLite weighs the lookups of the list against the
# status index, and a short list never lost.
IDS = listing.Selection(query=SearchQuery(q=""), ids=tuple(f"resource-{n}.fr" for n in range(1000)))
TRANSLATED = Resource(id="country-ci.fr", translation_key="country-ci")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    migrations.upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def plan(engine: Engine, run: Callable[[Session], object]) -> list[str]:
    """The details of SQLite's plan for every statement ``run`` executes."""
    executed: list[tuple[str, Any]] = []

    def remember(_conn: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        executed.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        with Session(engine) as session:
            run(session)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert executed
    with engine.connect() as connection:
        return [
            str(row[-1])
            for statement, parameters in executed
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]


def assert_looked_up(details: list[str], index: str) -> None:
    assert any(f"INDEX {index}" in detail for detail in details), details  # USING [COVERING] INDEX
    assert not any("ix_resources_status" in detail for detail in details), details


@pytest.mark.parametrize(
    ("run", "index"),
    [
        (lambda session: listing.count(session, IDS), "sqlite_autoindex_resources_1 (id=?)"),
        (lambda session: listing.translations_of(session, [TRANSLATED]), "ix_resources_translation_key"),
        (lambda session: resources.published_translations(session, TRANSLATED), "ix_resources_translation_key"),
        (lambda session: resources.link_resolver(session, "", "fr")("country-ci"), "ix_resources_translation_key"),
        (lambda session: pages.find_published(session, "fr", "cote-d-ivoire"), "ix_resources_language_slug"),
    ],
    ids=["count by ids", "translations", "a page's translations", "a link", "a page"],
)
def test_a_lookup_uses_the_index_of_what_it_names(engine: Engine, run: Callable[[Session], object], index: str) -> None:
    assert_looked_up(plan(engine, run), index)


def test_an_outbox_batch_reads_its_resources_by_id(engine: Engine, taxonomies: Taxonomies) -> None:
    details = plan(engine, lambda session: list(published_documents(session, taxonomies, list(IDS.ids or ()))))
    assert_looked_up(details, "sqlite_autoindex_resources_1 (id=?)")


def test_the_earliest_and_latest_dates_are_read_from_their_index(
    engine: Engine, settings: Settings, taxonomies: Taxonomies
) -> None:
    assert_looked_up(plan(engine, catalog.last_modified), "ix_resources_modified_at")
    assert_looked_up(plan(engine, published.resources_state), "ix_resources_modified_at")
    repository = oai.Repository(settings, taxonomies)
    identify = plan(engine, lambda session: oai.identify(session, repository, {}, etree.Element("OAI-PMH")))
    assert_looked_up(identify, "ix_resources_modified_at")  # the earliest datestamp: the earliest last change


@pytest.mark.parametrize(
    "window",
    [{"from": "2026-11-01"}, {"from": "2026-11-01T10:00:00Z"}, {"from": "2026-11-01", "until": "2026-11-30"}],
)
def test_an_incremental_harvest_reads_the_index_of_the_last_changes(
    engine: Engine, settings: Settings, taxonomies: Taxonomies, window: dict[str, str]
) -> None:
    repository = oai.Repository(settings, taxonomies)
    arguments = [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), *window.items()]
    details = plan(engine, lambda session: oai.handle(session, repository, arguments, oai.now()))
    assert_looked_up(details, "ix_resources_modified_at")


@pytest.mark.parametrize("filters", [{}, {FilterField.country: ("BD",), FilterField.sector: ("textiles",)}])
def test_a_feed_s_harvest_since_reads_the_index_of_the_last_changes(
    engine: Engine, filters: dict[FilterField, tuple[str, ...]]
) -> None:
    """``/v1/feed.atom?since=``: its published and withdrawn rows changed since, a range of the last changes'
    index (a nightly harvest at 100k resources: ~10 ms)."""
    selection = listing.Selection(query=SearchQuery(filters=filters))
    since = datetime(2026, 11, 1, tzinfo=UTC)
    details = plan(engine, lambda session: feeds.read_page(session, selection, 50, None, since))
    assert_looked_up(details, "ix_resources_modified_at (modified_at>?)")
