"""Fixtures for the search tests that need no server: a scripted Meilisearch HTTP stub on 127.0.0.1."""

from collections.abc import Iterator

import pytest

from tests.search.meili_stub import StubMeili, serve_stub


@pytest.fixture
def meili_stub() -> Iterator[StubMeili]:
    yield from serve_stub()
