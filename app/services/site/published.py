"""A process cache of what the pages look up on every request: the published resources' keys, slugs and taxonomy
codes. One query builds it; it is rebuilt after any change to a resource flushed in this process (an SQLAlchemy
hook bumps a generation counter) and at most ``TTL_SECONDS`` after a change made by another process (``crv
content load``, another worker): past that, a query of two index lookups tells whether the resources changed, and
the index is kept when they did not. Used for sheet links, ``crv:`` links in bodies and related resources.

Rebuilding is the costly part (at 100k resources, ~3 s of CPU and ~120 MB a process): rebuilt on every expiry, the
index cost each worker a request stalled for 3 s every 30 s, and the caches derived from it (``token``) with it."""

import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.filters import FilterField
from app.models import Resource
from app.search.base import SHEET_PREFIXES

TTL_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    translation_key: str
    language: str
    slug: str
    title: str
    sectors: tuple[str, ...]
    countries: tuple[str, ...]
    risks: tuple[str, ...]
    published_at: date


@dataclass(frozen=True, slots=True)
class PublishedIndex:
    token: int  # distinct for every index built: a key for caches derived from it
    by_key: Mapping[str, Mapping[str, Entry]]  # translation key → language → entry
    newest_first: Mapping[str, Sequence[Entry]]  # language → entries, newest first
    _country_counts: dict[str, Mapping[str, int]] = field(default_factory=dict, compare=False)

    def term_sheet(self, filter_name: str, code: str, language: str, besides: str = "") -> str | None:
        """The slug of a taxonomy term's own sheet in ``language``, its translation key named as the search engine
        names it (``SHEET_PREFIXES``: « country-ci », « commodity-cocoa », « sector-mining »), unless that sheet is
        ``besides`` (the page asking); None without one."""
        attribute = FilterField(filter_name).attribute
        keys = (f"{prefix}{code.lower()}" for prefix, named in SHEET_PREFIXES.items() if named == attribute)
        return next((slug for key in keys if key != besides and (slug := self.slug(key, language))), None)

    def country_counts(self, language: str) -> Mapping[str, int]:
        """``code → number`` of the published resources in ``language`` about each country (found once per index)."""
        counts = self._country_counts.get(language)
        if counts is None:
            counts = self._country_counts[language] = Counter(
                code for entry in self.newest_first.get(language, ()) for code in entry.countries
            )
        return counts

    def slug(self, translation_key: str, language: str) -> str | None:
        entry = self.by_key.get(translation_key, {}).get(language)
        return entry.slug if entry else None

    def best(self, translation_key: str, language: str) -> Entry | None:
        """The entry in ``language``, else in any language."""
        versions = self.by_key.get(translation_key)
        if not versions:
            return None
        return versions.get(language) or versions[sorted(versions)[0]]


# The resources' state as this process can tell it from another's writes: how many there are (a deletion) and the
# latest change to one (an insert or an update, which bumps ``modified_at``).
State = tuple[int, datetime | None]


@dataclass(frozen=True, slots=True)
class _Cached:
    generation: int
    checked: float  # when the database last had the state the index was built from
    state: State
    index: PublishedIndex


_lock = threading.Lock()
_generation = 0
_cache: dict[str, _Cached] = {}
_built = 0


def resources_changed(session: Session, _context: Any) -> None:
    """After a flush of the project's sessions (registered by ``app.db.make_session_factory``): a flush that touches
    a resource makes the cache stale in this process."""
    global _generation
    if any(isinstance(item, Resource) for item in chain(session.new, session.dirty, session.deleted)):
        with _lock:
            _generation += 1


def published_index(session: Session) -> PublishedIndex:
    key = str(session.get_bind().engine.url)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        generation = _generation
    current = cached if cached and cached.generation == generation else None  # no change flushed here since
    if current and now - current.checked < TTL_SECONDS:
        return current.index
    # Read before the rows: a change committed in between is seen at the next check, never missed.
    state = resources_state(session)
    if current and current.state == state:
        with _lock:
            _cache[key] = _Cached(generation, now, state, current.index)
        return current.index
    rows = session.execute(
        select(
            Resource.id,
            Resource.translation_key,
            Resource.language,
            Resource.slug,
            Resource.title,
            Resource.sectors,
            Resource.countries,
            Resource.risks,
            Resource.published_at,
        )
        .where(Resource.is_public)
        .order_by(Resource.published_at.desc(), Resource.id)
    ).all()
    by_key: dict[str, dict[str, Entry]] = {}
    newest: dict[str, list[Entry]] = {}
    for row in rows:
        entry = Entry(
            row.id,
            row.translation_key,
            row.language,
            row.slug,
            row.title,
            tuple(row.sectors),
            tuple(row.countries),
            tuple(row.risks),
            row.published_at,
        )
        by_key.setdefault(entry.translation_key, {})[entry.language] = entry
        newest.setdefault(entry.language, []).append(entry)
    global _built
    with _lock:
        _built += 1
        index = PublishedIndex(_built, by_key, newest)
        _cache[key] = _Cached(generation, now, state, index)
    return index


def resources_state(session: Session) -> State:
    # Asked apart: each answered from an index (asked together, every row is read).
    count = session.scalar(select(func.count()).select_from(Resource))
    return int(count or 0), session.scalar(select(func.max(Resource.modified_at)))
