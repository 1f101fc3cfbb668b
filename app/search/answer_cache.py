"""Answers to repeated searches (a widget's first page, popular searches), kept per index state.

The key is the index's state (a stamp that changes with every commit, in this process or another) and the
query normalised: whitespace collapsed, filter values sorted. Every index change gives a new stamp, so no
answer outlives the documents it was computed from; the cache is also emptied then, to free its memory.
Least recently used answers go first. The cached answer is the engine's own result, so nothing a client sees
changes except ``processing_time_ms``.
"""

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import replace
from threading import Lock

from app.search.base import FilterField, SearchQuery, SearchResult


def _filters(filters: Mapping[FilterField, tuple[str, ...]], keep_empty: bool) -> tuple[object, ...]:
    # An empty selected filter is no condition; an empty fixed filter matches nothing: only the latter counts.
    kept = ((name.value, tuple(sorted(values))) for name, values in filters.items() if values or keep_empty)
    return tuple(sorted(kept))


def query_key(query: SearchQuery) -> Hashable:
    """What the answer depends on. Case is kept: « IN » (India) and « in » are different queries."""
    words = " ".join(query.q.split())
    finished = " " if query.q[-1:].isspace() else ""
    return (
        words + finished,
        _filters(query.filters, keep_empty=False),
        _filters(query.fixed_filters, keep_empty=True),
        query.sort.value,
        query.page,
        query.per_page,
        tuple(facet.value for facet in query.facets),
        query.prefer_language,
    )


class AnswerCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, SearchResult] = OrderedDict()
        self._lock = Lock()
        self._stamp: Hashable = None
        self.hits = 0
        self.misses = 0

    def get(self, stamp: Hashable, key: Hashable, elapsed_ms: float) -> SearchResult | None:
        if not self._size:
            return None
        with self._lock:
            if stamp != self._stamp:
                self._entries.clear()
                self._stamp = stamp
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
        return replace(found, processing_time_ms=round(elapsed_ms, 2))

    def put(self, stamp: Hashable, key: Hashable, result: SearchResult) -> None:
        if not self._size:
            return
        with self._lock:
            if stamp != self._stamp:
                return  # the index changed while this answer was computed
            self._entries[key] = result
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._stamp = None
