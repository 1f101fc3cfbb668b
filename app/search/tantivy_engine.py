"""The embedded engine: tantivy, in process, its index a directory under ``var/``.

Layout: ``<index_dir>/CURRENT`` names the live generation directory (``gen-…``). A rebuild writes a new
generation and replaces ``CURRENT`` atomically; readers notice and reopen. Only one writer at a time (tantivy's
own lock); the outbox drain and the rebuild hold the ``search-writer`` lease, so they never compete.
"""

import itertools
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import Any

import tantivy

from app.dates import midnight_utc
from app.filters import FILTERS, FilterField
from app.search.answer_cache import AnswerCache, query_key
from app.search.base import (
    EngineHealth,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    SortOrder,
    prefer_translations,
    sheet_subjects,
    version_ids,
)
from app.search.highlight import Highlighter
from app.search.tantivy_facets import PendingFacets, facet_aggregation
from app.search.tantivy_schema import (
    STEMMERS,
    build_analyzer,
    decode_document,
    encode_document,
    index_schema,
)
from app.search.tantivy_stems import Stems, stems_analyzer
from app.search.tantivy_words import ClauseQueries, ClauseQuery
from app.search.text import Clause, analyze_query, fold, one_fewer, synonym_index
from app.search.turns import Turns

WRITER_HEAP_BYTES = 64_000_000
# A bulk write (a rebuild, a large outbox batch) takes both cores and a larger heap (fewer segments to merge): it
# is rare and the API answers from the previous state meanwhile. A small upsert keeps one thread, so the API
# keeps a core.
BULK_WRITER_THREADS = 2
BULK_WRITER_HEAP_BYTES = 256_000_000
# A rebuild's one commit, by contrast, keeps the single writer's heap per thread: tantivy's LogMergePolicy merges
# only 8 or more segments of one size level, so a rebuild flushing ~10 small segments ends mostly merged (100k
# documents: 1 or 2 segments, as the merges and the flushes happen to overlap), while 128 MB per thread left 4 of
# ~25k never merged; queries cost ~20% more CPU on 4 segments than on 1 (~6% on 2).
REBUILD_WRITER_HEAP_BYTES = WRITER_HEAP_BYTES * BULK_WRITER_THREADS
BULK_DOCUMENTS = 2000
ABSENT_CHECK = 1000  # documents per `_absent` check
BODY_CROP_WORDS = 40
STEM_CACHE_WORDS = 20_000  # (language, word) pairs, ~5 MB at most
DOCUMENT_CACHE = 1024  # stored documents and their decoding, ~8 kB each
QUERY_CACHE = 512  # queries' words and their clauses, ~1 kB each


@dataclass(frozen=True)
class SharedWriter:
    """The writer the writes inside :meth:`TantivyEngine.writing` share, and what it was opened for."""

    writer: "tantivy.IndexWriter"
    index: "tantivy.Index"
    heap: int
    threads: int


# A hit before its highlights: its score (or sort value), its address, its document.
Found = tuple[Any, Any, SearchDocument]


@dataclass(frozen=True)
class EngineRequest:
    """What a search asks tantivy: the query for the page and the count, and the facets' aggregation request
    (its query and spec), if any."""

    query: "tantivy.Query"
    aggregation: tuple["tantivy.Query", dict[str, Any]] | None


class TantivyEngine:
    name = "tantivy"

    def __init__(
        self,
        index_dir: Path,
        synonym_groups: Iterable[Sequence[str]],
        country_codes: Mapping[str, str],
        concepts: Iterable[tuple[Sequence[str], str, str]] = (),
        max_total_hits: int = 1000,
        answer_cache_size: int = 0,
        concurrent_searches: int | None = None,
        facet_threads: int = 0,
    ) -> None:
        self._dir = index_dir
        self._max_total_hits = max_total_hits
        self._answers = AnswerCache(answer_cache_size)
        # Searches computed at once (app/search/turns.py); an answer from the cache never waits.
        self._turns: AbstractContextManager[None] = Turns(concurrent_searches) if concurrent_searches else nullcontext()
        # Threads counting a search's facets while it searches the page (Settings.facet_threads); none: after it.
        self._facet_pool = ThreadPoolExecutor(facet_threads, "crv-facets") if facet_threads else None
        self._seen_stamp: tuple[object, ...] | None = None
        self._schema = index_schema()
        self._synonyms = synonym_index(synonym_groups, concepts)
        self._country_codes = dict(country_codes)
        self._analyzers = {"fold": build_analyzer(None)} | {
            lang: build_analyzer(stem) for lang, stem in STEMMERS.items()
        }
        # A search stems its words and, to highlight, the page's words that start like them: ~12 calls into tantivy
        # a search (0.08 ms), mostly for the same few thousand words.
        self._stem: Callable[[str, str], str] = lru_cache(maxsize=STEM_CACHE_WORDS)(self._analyzed_stem)
        self._stems = {language: Stems(self._analyzers[language]) for language in STEMMERS}
        # A page's documents, decoded (~12 us each, a sixth of a hit's CPU), are often the next pages' too: the
        # popular ones rank high for many words. Keyed by the stored bytes themselves, a decoding is never stale.
        self._decode: Callable[[bytes], SearchDocument] = lru_cache(maxsize=DOCUMENT_CACHE)(decode_document)
        self._clause_queries = ClauseQueries(self._schema, self._stem)
        # A query's clauses depend on its words alone (the synonyms and country codes are the engine's): kept for
        # the next searches of the same words (another page, filter or sort), as their tantivy queries are. A
        # mistyped word's correction is sought among the synonyms' words: 0.1-0.15 ms, 7% of a typo search's CPU.
        self._analyze: Callable[[str], tuple[Clause, ...]] = lru_cache(maxsize=QUERY_CACHE)(self._analyzed)
        self._lock = Lock()
        self._index: tantivy.Index | None = None
        self._generation: str | None = None
        self._pointer = index_dir / "CURRENT"
        self._pointer_seen: tuple[int, int, int] | None = None  # CURRENT's stat when last read
        self._sharing = False  # inside `writing()`
        self._shared: SharedWriter | None = None

    # -- index directory -------------------------------------------------------------------------------------
    def _current_generation(self) -> str | None:
        try:
            return self._pointer.read_text().strip() or None
        except FileNotFoundError:
            return None

    def _open(self, generation: str) -> "tantivy.Index":
        path = self._dir / generation
        path.mkdir(parents=True, exist_ok=True)
        try:
            index = tantivy.Index(self._schema, path=str(path), reuse=True)
        except ValueError as exc:  # an index written by an older version of this schema
            index = self._open_with_stem_positions(path, exc)
        index.register_tokenizer("crv_fold", self._analyzers["fold"])
        for language in STEMMERS:
            index.register_tokenizer(f"crv_{language}", stems_analyzer())
        return index

    @staticmethod
    def _open_with_stem_positions(path: Path, mismatch: ValueError) -> "tantivy.Index":
        """An index of the layout before its stemmed fields dropped their positions: kept, written and searched
        as it is until the next `crv index rebuild` (same fields, and the searches never read those positions, so
        the same answers); any other layout is outdated."""
        try:
            return tantivy.Index(index_schema(stem_positions=True), path=str(path), reuse=True)
        except ValueError:
            raise SearchUnavailable(f"the search index is outdated ({mismatch}): run `crv index rebuild`") from None

    def _live_index(self) -> "tantivy.Index":
        """The index ``CURRENT`` names, reopened when a rebuild swapped it. ``CURRENT`` is read again only when
        its inode, time or size changed (``_set_current`` replaces the file): a stat costs a tenth of a read."""
        try:
            pointer = os.stat(self._pointer)
        except FileNotFoundError:
            pointer = None
        seen = (pointer.st_ino, pointer.st_mtime_ns, pointer.st_size) if pointer else None
        with self._lock:
            if seen is None or seen != self._pointer_seen or self._index is None:
                generation = self._current_generation()
                if generation is None:
                    raise SearchUnavailable("the search index has not been built yet: run `crv index rebuild`")
                if generation != self._generation or self._index is None:
                    self._index = self._open(generation)
                    self._generation = generation
                self._pointer_seen = seen
            return self._index

    def _set_current(self, generation: str) -> None:
        pointer = self._dir / "CURRENT.tmp"
        pointer.write_text(generation)
        os.replace(pointer, self._dir / "CURRENT")

    def apply_settings(self) -> None:
        if self._current_generation() is None:
            self._dir.mkdir(parents=True, exist_ok=True)
            generation = self._new_generation_name()
            self._open(generation)
            self._set_current(generation)

    def _new_generation_name(self) -> str:
        return f"gen-{time.time_ns()}"

    # -- writing -------------------------------------------------------------------------------------------------
    def _to_tantivy(self, document: SearchDocument) -> "tantivy.Document":
        doc = tantivy.Document()
        doc.add_text("id", document.id)
        doc.add_bytes("doc", encode_document(document))
        doc.add_text("title", document.title)
        doc.add_text("summary", document.summary)
        doc.add_text("body", document.body)
        doc.add_text("keywords", " ; ".join(document.keywords))
        if document.publisher_name:
            doc.add_text("publisher_name", document.publisher_name)
        stems = self._stems.get(document.language)
        if stems is not None:
            stems.add(doc, f"title_{document.language}", document.title)
            stems.add(doc, f"summary_{document.language}", document.summary)
            stems.add(doc, f"body_{document.language}", document.body)
        for spec in FILTERS.values():
            for value in spec.found_under(document):
                doc.add_text(spec.attribute, value)
        for subject in sheet_subjects(document):
            doc.add_text("sheet", subject)
        doc.add_text("title_sort", fold(document.title))  # « Éliminer » sorts with the E, not after Z
        doc.add_date("published_at", midnight_utc(document.published_at))
        doc.add_date("updated_at", midnight_utc(document.updated_at))
        return doc

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The writes made inside share one writer, opened by the first and closed on leaving. Each still commits
        on its own; the merges a commit starts go on while the next writes are made, where a writer of its own
        would wait for them before returning (a bulk load's outbox drain at 100k: a merge of ~80k documents).
        tantivy allows one writer per index: the holder of the ``search-writer`` lease alone may enter."""
        self._sharing = True
        try:
            yield
        finally:
            self._sharing = False
            self._close_shared()

    def _close_shared(self) -> None:
        shared, self._shared = self._shared, None
        if shared is not None:
            shared.writer.wait_merging_threads()

    def _writer(self, index: "tantivy.Index", heap: int, threads: int, share: bool) -> "tantivy.IndexWriter":
        """A writer of its own, or inside :meth:`writing` the shared one, reopened larger for a bulk write (once
        in a drain: its batches grow) or for another index (reopened after a failure, or swapped by a rebuild)."""
        if not (share and self._sharing):
            return index.writer(heap, threads)
        shared = self._shared
        if shared is None or shared.index is not index or shared.heap < heap or shared.threads < threads:
            self._close_shared()
            shared = self._shared = SharedWriter(index.writer(heap, threads), index, heap, threads)
        return shared.writer

    def _write(
        self,
        index: "tantivy.Index",
        change: Callable[["tantivy.IndexWriter"], None],
        heap: int = WRITER_HEAP_BYTES,
        threads: int = 1,
        share: bool = True,
    ) -> None:
        writer = self._writer(index, heap, threads, share)
        try:
            change(writer)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            if self._shared is None or writer is not self._shared.writer:
                writer.wait_merging_threads()
        index.reload()

    def index(self, documents: Iterable[SearchDocument]) -> None:
        # Written as they come: the writer threads index the first documents while the caller still reads and
        # builds the next ones. The first BULK_DOCUMENTS tell a bulk write from a small upsert.
        stream = iter(documents)
        head = list(itertools.islice(stream, BULK_DOCUMENTS))
        if not head:
            return
        index = self._live_index()
        index.reload()  # the last commit, whichever process made it: `_absent` must see every document there is
        searcher = index.searcher()

        def upsert(writer: "tantivy.IndexWriter") -> None:
            added: set[str] = set()
            chunks = itertools.chain([head], iter(lambda: list(itertools.islice(stream, ABSENT_CHECK)), []))
            for chunk in chunks:
                absent = self._absent(searcher, [document.id for document in chunk])
                for document in chunk:
                    if not absent or document.id in added:
                        writer.delete_documents_by_term("id", document.id)
                    writer.add_document(self._to_tantivy(document))
                    added.add(document.id)

        if len(head) == BULK_DOCUMENTS:
            self._write(index, upsert, BULK_WRITER_HEAP_BYTES, BULK_WRITER_THREADS)
        else:
            self._write(index, upsert)

    def _absent(self, searcher: "tantivy.Searcher", ids: list[str]) -> bool:
        """Whether the index holds none of ``ids``: a new document needs no delete (a bulk load's are all new, and
        deleting costs a few percent of indexing)."""
        found = searcher.search(tantivy.Query.term_set_query(self._schema, "id", ids), 1, count=True)
        return int(found.count) == 0  # type: ignore[attr-defined]  # the stub omits count

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return

        def remove(writer: "tantivy.IndexWriter") -> None:
            for document_id in ids:
                writer.delete_documents_by_term("id", document_id)

        self._write(self._live_index(), remove)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        self._dir.mkdir(parents=True, exist_ok=True)
        generation = self._new_generation_name()
        index = self._open(generation)
        count = 0

        def fill(writer: "tantivy.IndexWriter") -> None:
            nonlocal count
            for document in documents:
                writer.add_document(self._to_tantivy(document))
                count += 1

        # A writer of its own, whose merges end before the new generation is swapped in.
        self._write(index, fill, REBUILD_WRITER_HEAP_BYTES, BULK_WRITER_THREADS, share=False)
        previous = self._current_generation()
        self._set_current(generation)
        self._remove_generations(keep={generation, previous})
        return count

    def _remove_generations(self, keep: set[str | None]) -> None:
        # Keep the previous generation one cycle: another process may still be reading it.
        for path in self._dir.glob("gen-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    # -- reading -------------------------------------------------------------------------------------------------
    def _analyzed_stem(self, language: str, word: str) -> str:
        tokens = self._analyzers[language].analyze(word)
        return tokens[0] if tokens else word

    def _analyzed(self, q: str) -> tuple[Clause, ...]:
        return tuple(analyze_query(q, self._synonyms, self._country_codes))

    def _filter_query(self, filters: Mapping[FilterField, tuple[str, ...]]) -> list["tantivy.Query"]:
        """One condition per filter, its values ORed. A filter given with no value is no condition."""
        return [self._values_query(name, values) for name, values in filters.items() if values]

    def _fixed_filter_query(self, filters: Mapping[FilterField, tuple[str, ...]]) -> list["tantivy.Query"]:
        """Like ``_filter_query``, but a fixed filter with no value matches nothing: a restriction never widens."""
        return [self._values_query(name, values) for name, values in filters.items()]

    def _values_query(self, name: FilterField, values: tuple[str, ...]) -> "tantivy.Query":
        attribute = FILTERS[name].attribute
        terms = [(tantivy.Occur.Should, tantivy.Query.term_query(self._schema, attribute, v)) for v in values]
        matching = tantivy.Query.boolean_query(terms) if terms else tantivy.Query.empty_query()
        return tantivy.Query.const_score_query(matching, 0.0)

    @staticmethod
    def _combine(text: list["tantivy.Query"], filters: list["tantivy.Query"]) -> "tantivy.Query":
        parts = [(tantivy.Occur.Must, q) for q in filters]
        if not text:
            parts.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        parts.extend((tantivy.Occur.Must, q) for q in text)
        return tantivy.Query.boolean_query(parts)

    def _stamp(self, index: "tantivy.Index") -> tuple[object, ...]:
        """The index's state: its generation and its last commit (``meta.json`` is rewritten, by whichever
        process commits, on every commit). On a change the reader is reloaded before it answers, so an answer
        is never computed from an older state than the stamp it is cached under."""
        generation = self._generation
        try:
            meta = os.stat(self._dir / str(generation) / "meta.json")
        except OSError:
            return (generation,)
        stamp = (generation, meta.st_ino, meta.st_mtime_ns, meta.st_size)
        if stamp != self._seen_stamp:
            index.reload()
            self._seen_stamp = stamp
        return stamp

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        index = self._live_index()
        stamp = self._stamp(index)
        key = query_key(query)
        cached = self._answers.get(stamp, key, (time.perf_counter() - started) * 1000)
        if cached is not None:
            return cached
        with self._turns:
            result = self._search(index, stamp, query, started)
        self._answers.put(stamp, key, result)
        return result

    def _queries(
        self, searcher: "tantivy.Searcher", stamp: tuple[object, ...], query: SearchQuery
    ) -> tuple[tuple[Clause, ...], list[ClauseQuery], list["tantivy.Query"], list["tantivy.Query"]]:
        """The query's clauses, a tantivy query for each, and the conditions of its selected and fixed filters."""
        clauses = self._analyze(query.q)
        merge = len(clauses) <= 2  # at most two clauses' scores to add up: their order does not matter
        text = [self._clause_queries.query(searcher, stamp, clause, merge) for clause in clauses]
        return clauses, text, self._filter_query(query.filters), self._fixed_filter_query(query.fixed_filters)

    def requests(self, query: SearchQuery) -> list[EngineRequest]:
        """What :meth:`search` asks tantivy for ``query`` (with words, in relevance order), built as it builds
        them but not run: with every word, then one word fewer at a time (:func:`one_fewer`), the attempts it makes
        until one finds something. For the benchmark, which times tantivy answering them without crv around it."""
        index = self._live_index()
        clauses, text, selected, fixed = self._queries(index.searcher(), self._stamp(index), query)
        spec = facet_aggregation(query).spec if query.facets else None
        attempts: list[list[int]] = []
        kept = list(range(len(text)))
        while kept:
            attempts.append(kept)
            kept = one_fewer(kept, [bool(clause.codes) for clause in clauses])
        return [
            EngineRequest(
                self._combine([text[at].scored for at in kept], selected + fixed),
                (self._combine([text[at].matching for at in kept], fixed), spec) if spec is not None else None,
            )
            for kept in attempts
        ]

    def _search(
        self, index: "tantivy.Index", stamp: tuple[object, ...], query: SearchQuery, started: float
    ) -> SearchResult:
        searcher = index.searcher()
        clauses, queries, selected, fixed = self._queries(searcher, stamp, query)
        facets = self._facets(searcher, queries, query, fixed)
        text = [clause.scored for clause in queries]
        words = len(text)
        full = self._combine(text, selected + fixed)
        offset = (query.page - 1) * query.per_page
        if not text:
            # No words: a stable order, the reader's language first, titles A–Z (unless a sort was asked for).
            sort = SortOrder.title_asc if query.sort == SortOrder.relevance else query.sort
            found, count = self._run_preferring(searcher, full, sort, offset, query.per_page, query.prefer_language)
        else:
            found, count = self._run(searcher, full, query.sort, offset, query.per_page)
        kept = list(range(words))
        typed = [clause.word for clause in clauses]
        if count == 0 and words > 1:
            # Nothing has every word: first leave out the words no document holds at all (« cild labor Ghana »,
            # « mika Inde »: a short word gets no typo), then drop words from the end, one at a time, only as far
            # as needed (Meilisearch's `last` strategy, stopped at the first query that finds something), those naming
            # a taxonomy term last (:func:`one_fewer`).
            # Held under the query's filters: a word only English texts hold is no help to a French search.
            held = [
                at for at in kept if self._finds_any(searcher, self._combine([queries[at].matching], selected + fixed))
            ]
            names_term = [bool(clause.codes) for clause in clauses]
            kept = held if 0 < len(held) < words else one_fewer(kept, names_term) if held else kept[:1]
            while True:
                text = [queries[at].scored for at in kept]
                full = self._combine(text, selected + fixed)
                found, count = self._run(searcher, full, query.sort, offset, query.per_page)
                if count or len(kept) == 1:
                    break
                kept = one_fewer(kept, names_term)
            clauses = tuple(clauses[at] for at in kept)
        if len(text) < words:  # counted over fewer words
            facets.cancel()
            facets = self._facets(searcher, [queries[at] for at in kept], query, fixed)
        highlighter = Highlighter(clauses, [lambda w: self._stem("fr", w), lambda w: self._stem("en", w)])
        page = [(score, address, self._document(searcher, address)) for score, address in found]
        if text and query.prefer_language and page:
            page = self._preferring(searcher, full, query.sort, page, query.prefer_language)
        return SearchResult(
            hits=[self._hit(score, document, highlighter) for score, _, document in page],
            # Like Meilisearch's totalHits, the count stops at maxTotalHits (the deepest page one can ask for).
            total=min(count, self._max_total_hits),
            facets=facets.result(),
            processing_time_ms=round((time.perf_counter() - started) * 1000, 2),
            left_out=tuple(word for at, word in enumerate(typed) if at not in kept),
        )

    @staticmethod
    def _finds_any(searcher: "tantivy.Searcher", query: "tantivy.Query") -> bool:
        return bool(searcher.search(query, 1).hits)

    def _run(
        self, searcher: "tantivy.Searcher", query: "tantivy.Query", sort: SortOrder, offset: int, limit: int
    ) -> tuple[list[tuple[Any, Any]], int]:
        """A page of ``(score, address)`` and the count of every match."""
        if sort == SortOrder.relevance:
            result = searcher.search(query, limit, count=True, offset=offset)
        else:
            field, _, direction = sort.value.partition(":")
            order = tantivy.Order.Asc if direction == "asc" else tantivy.Order.Desc
            field = "title_sort" if field == "title" else field
            result = searcher.search(query, limit, count=True, order_by_field=field, offset=offset, order=order)
        return list(result.hits), int(result.count)  # type: ignore[attr-defined]  # the stub omits count

    def _run_preferring(
        self,
        searcher: "tantivy.Searcher",
        query: "tantivy.Query",
        sort: SortOrder,
        offset: int,
        limit: int,
        language: str | None,
    ) -> tuple[list[tuple[Any, Any]], int]:
        """Like :meth:`_run`, every match in ``language`` before the others (each part in ``sort`` order)."""
        if not language:
            return self._run(searcher, query, sort, offset, limit)
        term = tantivy.Query.term_query(self._schema, "language", language)
        preferred = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, term)])
        others = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, term)])
        found, count = self._run(searcher, preferred, sort, offset, limit)
        rest, rest_count = self._run(searcher, others, sort, max(0, offset - count), max(1, limit - len(found)))
        if len(found) < limit:
            found += rest[: limit - len(found)]
        return found, count + rest_count

    def _preferring(
        self, searcher: "tantivy.Searcher", query: "tantivy.Query", sort: SortOrder, page: list[Found], language: str
    ) -> list[Found]:
        """``page``, of ``query``'s results, with each resource's version in ``language`` where its best-ranked
        version is in the whole list (:func:`prefer_translations`), at the cost of one more search: ``query`` among
        the versions of the page's resources, in the same order. Before the highlights: only those shown get any."""
        ids = version_ids([document for _, _, document in page])
        # A term query per id: a term set walks the whole id dictionary (0.17 ms at 10k documents, 0.04 this way).
        terms = [(tantivy.Occur.Should, tantivy.Query.term_query(self._schema, "id", i)) for i in ids]
        among = tantivy.Query.const_score_query(tantivy.Query.boolean_query(terms), 0.0)
        # `query` nested whole, not its clauses beside `among`: its own scorer adds each document's score up as
        # for the page (float additions in the same order), plus zero, so two documents tie or not as they did.
        lookup = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, among)])
        found, _ = self._run(searcher, lookup, sort, 0, len(ids))
        # The page's own documents are known: only the other versions are read from the store (~9 us each).
        known = {(a.segment_ord, a.doc): document for _, a, document in page}
        versions = [(score, a, known.get((a.segment_ord, a.doc)) or self._document(searcher, a)) for score, a in found]
        shown = prefer_translations([d for _, _, d in page], [d for _, _, d in versions], language)
        at = {entry[2].id: entry for entry in [*versions, *page]}
        return [at[document.id] for document in shown]

    def _document(self, searcher: "tantivy.Searcher", address: Any) -> SearchDocument:
        return self._decode(searcher.doc(address)["doc"][0])

    @staticmethod
    def _hit(score: Any, document: SearchDocument, highlighter: Highlighter) -> SearchHit:
        highlights = {
            "title": highlighter.highlight(document.title),
            "summary": highlighter.highlight(document.summary),
            "body": highlighter.highlight(document.body, crop_words=BODY_CROP_WORDS),
        }
        return SearchHit(
            document=document,
            score=float(score) if isinstance(score, float) else 0.0,
            highlights=highlights,
        )

    def _facets(
        self,
        searcher: "tantivy.Searcher",
        text: list[ClauseQuery],
        query: SearchQuery,
        fixed: list["tantivy.Query"],
    ) -> PendingFacets:
        """Every facet in one aggregation pass over the words (their unscored queries) and the fixed filters (the
        costly part, evaluated once), as :mod:`app.search.tantivy_facets` builds it; started now when the engine
        has facet threads."""
        if not query.facets:
            return PendingFacets(dict, None)
        aggregation = facet_aggregation(query)
        counted, spec = self._combine([clause.matching for clause in text], fixed), aggregation.spec
        return PendingFacets(lambda: aggregation.counts(searcher.aggregate(counted, spec)), self._facet_pool)

    def health(self) -> EngineHealth:
        try:
            index = self._live_index()
            return EngineHealth(ok=True, engine=self.name, documents=index.searcher().num_docs)
        except (SearchUnavailable, OSError, ValueError) as exc:
            return EngineHealth(ok=False, engine=self.name, detail=str(exc))

    def close(self) -> None:
        with self._lock:
            self._index = None
            self._generation = None
