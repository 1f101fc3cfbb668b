"""The search engine interface. Routers and services only ever see these types.

Every engine (``tantivy_engine``, ``meili``) implements :class:`SearchEngine` and must pass the conformance
suite in ``tests/search/conformance``.
"""

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

# Re-exported for the engines' convenience; the table itself lives in app.filters.
from app.filters import FILTER_ATTRIBUTES as FILTER_ATTRIBUTES
from app.filters import SHEET_PREFIXES as SHEET_PREFIXES
from app.filters import FilterField as FilterField
from app.languages import LANGUAGES
from app.models.resource import resource_id


class SortOrder(StrEnum):
    relevance = "relevance"
    published_desc = "published_at:desc"
    published_asc = "published_at:asc"
    updated_desc = "updated_at:desc"
    title_asc = "title:asc"


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """What an engine indexes: a published resource, flattened. ``keywords`` holds the labels of its taxonomy
    codes in both languages (country names and variants, sector labels…) so a query in either language finds it;
    ``publisher_name`` its publisher's name, searched at a low weight, so a query of a partner's name finds what
    it published (empty for the centre's: :func:`app.search.documents.indexed_rows`)."""

    id: str
    translation_key: str
    slug: str
    type: str
    language: str
    title: str
    summary: str
    body: str
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    risks: tuple[str, ...]
    audiences: tuple[str, ...]
    publisher: str
    published_at: date
    updated_at: date
    keywords: tuple[str, ...] = ()
    publisher_name: str = ""
    # A training module's length (minutes), level code and prerequisites, shown on its hit; never searched nor
    # filtered on.
    duration: int | None = None
    level: str | None = None
    prerequisites: str | None = None


def sheet_subjects(document: SearchDocument) -> tuple[str, ...]:
    """What a risk sheet is about, as ``attribute:code``: the country, commodity, sector or region its translation
    key names (« countries:CI » for ``country-ci``, « sectors:cocoa » for ``commodity-cocoa``). A query naming
    that term alone brings the sheet first. Any risk sheet about one country was that country's sheet until a
    second one came (Paris 2024's building sites beside France's sheet: « FR » brought either first)."""
    if document.type != "risk_sheet":
        return ()
    # The key first: a commodity sheet also lists, for the country filter, the countries of its findings table.
    for prefix, attribute in SHEET_PREFIXES.items():
        if not document.translation_key.startswith(prefix):
            continue
        code = document.translation_key.removeprefix(prefix)
        code = code.upper() if attribute == "countries" else code  # « country-ci » is about CI
        if code in getattr(document, attribute):
            return (f"{attribute}:{code}",)
    return ()


def version_ids(documents: Sequence[SearchDocument]) -> list[str]:
    """The ids of every version of ``documents``' resources, theirs included: where an engine looks for the other
    versions of a page's resources (only published resources are indexed, each under its public id)."""
    ids = dict.fromkeys(document.id for document in documents)
    for document in documents:
        ids.update(dict.fromkeys(resource_id(document.translation_key, language) for language in LANGUAGES))
    return list(ids)


def prefer_translations(
    page: Sequence[SearchDocument], versions: Sequence[SearchDocument], language: str | None
) -> list[SearchDocument]:
    """A page of the ranked list in which, over the *whole* list, each resource's version in ``language`` takes
    the place of its best-ranked version, and that version the preferred one's former place: « coton » for a
    French reader puts « Coton » where « Cotton » ranked and « Cotton » where « Coton » did, even pages apart.
    Nothing is hidden, no other hit moves, and a page is the same slice of that list whatever the page size.

    ``versions``: every version of the page's resources that the query matches (the page's own among them), in
    the engine's order; filtering never changes the order of two documents, so their order there is their
    order in the whole list. A page hit missing from ``versions`` stays where it is."""
    if not language:
        return list(page)
    ranked: dict[str, list[SearchDocument]] = {}
    for version in versions:
        ranked.setdefault(version.translation_key, []).append(version)
    shown: list[SearchDocument] = []
    for document in page:
        group = ranked.get(document.translation_key, [])
        ids = [version.id for version in group]
        if document.id not in ids:
            shown.append(document)
            continue
        preferred = sorted(group, key=lambda version: version.language != language)  # stable: ranked order kept
        shown.append(preferred[ids.index(document.id)])
    return shown


@dataclass(frozen=True, slots=True)
class SearchQuery:
    q: str = ""
    filters: Mapping[FilterField, tuple[str, ...]] = field(default_factory=dict)
    # Restrictions the caller cannot see or lift (e.g. a publishable key's fixed filter); ANDed with `filters`.
    fixed_filters: Mapping[FilterField, tuple[str, ...]] = field(default_factory=dict)
    sort: SortOrder = SortOrder.relevance
    page: int = 1
    per_page: int = 20
    facets: tuple[FilterField, ...] = ()
    # The reader's language: ranked first, never a filter. An empty query lists it first, titles A–Z; a text
    # query puts each resource's version in it before the other (see `prefer_translations`).
    prefer_language: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    document: SearchDocument
    score: float
    # Field name -> HTML-escaped text with matches wrapped in <mark>…</mark>, cropped around the matches.
    highlights: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: Sequence[SearchHit]
    total: int
    # Facet (filter name) -> value -> count. Disjunctive: a facet's counts ignore that facet's own selection.
    facets: Mapping[FilterField, Mapping[str, int]]
    processing_time_ms: float
    # The query's words left out to find something, as typed (folded): nothing held them all.
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EngineHealth:
    ok: bool
    engine: str
    documents: int | None = None
    detail: str | None = None


class SearchUnavailable(Exception):
    """The engine cannot answer now (down, timed out, failed task). Writes still queue in the outbox."""


class SearchEngine(Protocol):
    name: str

    def apply_settings(self) -> None:
        """Create the index if needed and apply its settings; idempotent."""

    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace documents (by id), consumed as they come. Idempotent."""

    def delete(self, ids: Sequence[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    def writing(self) -> AbstractContextManager[None]:
        """A series of writes (an outbox drain's batches), by the one writer of the index: the engine may keep
        what each write opens until the series ends."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Build a fresh index from ``documents`` and swap it in atomically; returns the count indexed.
        Searches keep answering from the old index until the swap."""

    def health(self) -> EngineHealth: ...

    def close(self) -> None: ...
