"""The feed's pages (app.services.feeds): sought by keyset in the index of the last changes, never walked to."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import migrations
from app.db import make_engine
from app.search.base import SearchQuery
from app.services import feeds, listing
from tests.models.test_query_plans import assert_looked_up, plan

EVERYTHING = listing.Selection(query=SearchQuery(q=""))
AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    migrations.upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    ("cursor", "sought"),
    [
        (None, "ix_resources_modified_at"),
        (feeds.Cursor(feeds.Direction.older, AT, "x.fr"), "ix_resources_modified_at (modified_at<?)"),
        (feeds.Cursor(feeds.Direction.newer, AT, "x.fr"), "ix_resources_modified_at (modified_at>?)"),
    ],
    ids=["head", "next page", "previous page"],
)
def test_a_page_is_read_from_the_index_of_the_last_changes(
    engine: Engine, cursor: feeds.Cursor | None, sought: str
) -> None:
    details = plan(engine, lambda session: feeds.read_page(session, EVERYTHING, 10, cursor))
    assert_looked_up(details, sought)
    assert_looked_up(plan(engine, feeds.last_change), "ix_resources_modified_at")


def test_a_cursor_survives_its_token() -> None:
    cursor = feeds.Cursor(feeds.Direction.newer, datetime(2026, 5, 4, 3, 2, 1, 123456, tzinfo=UTC), "a.b-c.fr")
    assert feeds.Cursor.from_token(cursor.token()) == cursor  # to the microsecond: no entry skipped nor repeated
