"""The production engine: Meilisearch, through the official client. The only module that imports ``meilisearch``.

Every client call goes through :func:`_translated`, which turns the client's errors (API error, timeout,
communication error, a ``requests`` failure, an unreadable answer) into :class:`SearchUnavailable`; every
asynchronous task is awaited with a timeout, and one that did not succeed raises :class:`MeiliTaskFailed`.

**Documents.** A :class:`SearchDocument` becomes a flat JSON object (:func:`to_meili`), except ``title``,
``summary`` and ``body``, which are objects keyed by the document's language: ``{"title": {"fr": "…"}}``.
Why: ``localizedAttributes`` assigns locales per attribute *pattern*, not per document, and our documents are
each entirely French or entirely English. Language-suffixed fields are what Meilisearch's multilingual guide
recommends for one index holding several languages; nesting them under one parent keeps one entry per role
in ``searchableAttributes``. A nested field takes the weight of the searchable attribute it sits under
(``match_field_legacy`` in milli's field metadata), so ``title.fr`` and ``title.en`` rank exactly alike and
the order stays title > country codes > keywords > summary > body, with no bias between the languages.
``localizedAttributes`` then pins ``title.fr``/``summary.fr``/``body.fr`` to ``fra`` and the ``.en`` fields to
``eng`` instead of letting Meilisearch guess the language of each (short) field. ``keywords`` holds labels in
both languages and stays unlocalised. ``sheet``, the first searchable attribute, holds a risk sheet's subject
(its country's names and codes, its commodity's or sector's labels: ``subject_terms``), so a term named alone
brings its sheet first. Dates are stored twice: ISO (to read back) and as integer Unix
timestamps (``*_ts``, sortable). ``title_sort`` is the folded title. Resource ids contain a ``.``, which a
Meilisearch primary key may not, so the primary key is ``key``, a reversible encoding of the id.

**Search.** The main query and one facet-only query per *selected* facet (disjunctive counts: each selected
facet is counted without its own selection, fixed filters always kept) go in one ``multi-search`` request.
Matching is ``all`` words (``matchingStrategy: all``); when that finds nothing for a several-word query, the
request is repeated without its last word, then without the one before, and so on: the order Meilisearch's
``last`` strategy drops words in (``removal_order_for_terms_matching_strategy_last`` in milli's
``search/new/query_graph.rs``), but keeping the words that name a taxonomy term (a country, a commodity) till last
(:func:`app.search.text.one_fewer`) and stopping at the first query that finds something, as the embedded engine
does: ``last`` itself resolves the fully reduced query (``resolve_maximally_reduced_query_graph`` in
``search/new/mod.rs``), so it would rank *and count* every document having only the first word. The query is
sent as the embedded engine analyses it (:func:`meili_words`: folded words, stop words removed, mistyped
vocabulary words corrected), and the index has no stop words of its own: Meilisearch looks synonyms up on runs
of one to three *adjacent* query words (``make_ngram`` in ``search/new/query_term/parse_query.rs``, where a
skipped stop word still takes a position) and matches a multi-word synonym as a phrase of adjacent document
words, so with server-side stop words « child labour » could never find « travail des enfants ».
With a reader's language and words, one more query (:func:`versions_request`) asks which versions of the page's
resources the search finds, in its order, to put each resource's version in that language where its best-ranked
version is in the whole list (:func:`app.search.base.prefer_translations`).
Highlights are asked with private-use sentinel tags rather than ``<mark>`` itself, then HTML-escaped and turned
into ``<mark>…</mark>``: Meilisearch does not escape, and a text containing a literal ``<mark>`` must stay text.

**Rebuild.** A temporary index ``<uid>_rebuild_<ns>`` gets the settings and every document, then is swapped
with the live index (``swap-indexes`` is atomic) and the old data deleted; searches answer from the old
index until the swap.
"""

import html
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import fields, replace
from typing import Any, Final, cast

import meilisearch
import pycountry
import pydantic
import requests
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)
from meilisearch.models.task import TaskInfo

from app.filters import FILTERS, FilterField
from app.search.base import (
    EngineHealth,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    SortOrder,
    prefer_translations,
    version_ids,
)
from app.search.failures import network_reason
from app.search.meili_documents import (
    LOCALIZED_FIELDS,
    PRIMARY_KEY,
    VISIBILITY_FILTER,
    MalformedResponse,
    from_meili,
    index_settings,
    meili_key,
    subject_terms,
    to_meili,
)
from app.search.meili_filters import build_filter, ids_filter
from app.search.text import (
    STOP_WORDS,
    SynonymIndex,
    analyze_query,
    limit_words,
    one_fewer,
    synonym_index,
    term_words,
    tokenize,
    typo_budget,
    typo_distance,
)

SORTS: Final[Mapping[SortOrder, str]] = {
    SortOrder.published_desc: "published_at_ts:desc",
    SortOrder.published_asc: "published_at_ts:asc",
    SortOrder.updated_desc: "updated_at_ts:desc",
    SortOrder.title_asc: "title_sort:asc",
}
# The reader's language first, for an empty query: with two languages, one direction of `language` each.
LANGUAGE_FIRST: Final[Mapping[str, str]] = {"fr": "language:desc", "en": "language:asc"}
BODY_CROP_WORDS: Final = 40
CROP_MARKER: Final = "…"
# Highlight tags Meilisearch inserts; no real text contains them. Rendered as <mark> after escaping.
PRE_TAG: Final = "\ue000crv\ue001"
POST_TAG: Final = "\ue000/crv\ue001"
_HIGHLIGHTED = re.compile(re.escape(PRE_TAG) + "(.*?)" + re.escape(POST_TAG), re.DOTALL)
DOCUMENT_FIELDS: Final = tuple(f.name for f in fields(SearchDocument))
MAX_ERROR_LENGTH: Final = 300


class MeiliTaskFailed(SearchUnavailable):
    """A Meilisearch task ended in another state than ``succeeded``."""

    def __init__(self, task_uid: int, task_type: str, status: str, code: str | None, message: str | None) -> None:
        self.task_uid = task_uid
        self.task_type = task_type
        self.status = status
        self.code = code
        super().__init__(f"meilisearch task {task_uid} ({task_type}) {status}: {code or '-'}: {message or ''}".strip())


class IndexMismatch(SearchUnavailable):
    """The index exists but was not made for these documents (another primary key)."""


def _because(exc: BaseException) -> str:
    reason = network_reason(exc)
    return f": {reason}" if reason else ""


@contextmanager
def _translated(action: str) -> Iterator[None]:
    """The one place where client errors become :class:`SearchUnavailable`. Its message reaches the public (the
    503's ``detail``, ``/readyz``), so it never repeats the client's own, which names Meilisearch's address: the
    client's error stays the cause, which the guard logs for the operator (:mod:`app.search.failures`)."""
    try:
        yield
    except SearchUnavailable:
        raise
    except MeilisearchApiError as exc:
        code = f" {exc.code}" if exc.code else ""
        # Meilisearch's own error (a JSON body with a code) says what went wrong; without one, the message is
        # requests' « 502 Server Error: Bad Gateway for url: http://meilisearch:7700/… » or a proxy's page.
        message = f": {exc.message[:MAX_ERROR_LENGTH]}" if exc.code else ""
        raise SearchUnavailable(f"meilisearch {action} failed: HTTP {exc.status_code}{code}{message}") from exc
    except MeilisearchTimeoutError as exc:
        raise SearchUnavailable(f"meilisearch {action} timed out") from exc
    except MeilisearchCommunicationError as exc:
        raise SearchUnavailable(f"meilisearch unreachable during {action}{_because(exc)}") from exc
    except MeilisearchError as exc:
        raise SearchUnavailable(f"meilisearch {action} failed: {type(exc).__name__}") from exc
    except requests.RequestException as exc:
        raise SearchUnavailable(f"meilisearch {action} failed: {type(exc).__name__}{_because(exc)}") from exc
    except pydantic.ValidationError as exc:
        raise MalformedResponse(f"meilisearch {action}: unexpected answer: {exc.error_count()} error(s)") from exc


def render_highlight(formatted: str) -> str:
    """HTML-escape a formatted value, then turn the sentinel tags into ``<mark>…</mark>``."""
    out: list[str] = []
    cursor = 0
    for match in _HIGHLIGHTED.finditer(formatted):
        out.append(html.escape(formatted[cursor : match.start()]))
        out.append(f"<mark>{html.escape(match.group(1))}</mark>")
        cursor = match.end()
    out.append(html.escape(formatted[cursor:]))
    return "".join(out).replace(PRE_TAG, "").replace(POST_TAG, "")


def reaches(word: str, typed: str) -> bool:
    """Whether Meilisearch, searching ``word``, matches ``typed`` too: within ``word``'s typo budget, a typo on the
    first letter counting as two (``find_one_typo_derivations`` only looks at words sharing the first letter,
    ``find_one_two_typo_derivations`` counts another first letter as two typos, milli's
    search/new/query_term/compute_derivations.rs)."""
    return word == typed or typo_distance(word, typed) <= typo_budget(word)


def meili_words(q: str, vocabulary: SynonymIndex | None = None) -> tuple[list[str], bool]:
    """The words of ``q`` as Meilisearch should read them, and whether the last one is still being typed.

    Folded words without stop words, the way the embedded engine analyses a query, each mistyped word of the
    synonym and taxonomy ``vocabulary`` corrected first as it does (« travial des enfnats » → « travail
    enfants »): Meilisearch looks synonyms up for the words as typed, never for their typo derivations
    (``ZeroTypoTerm::synonyms`` in milli's search/new/query_term), so without this « travial des enfnats » would
    not reach « child labour ». A correction is sent only where it makes a synonym or taxonomy phrase: elsewhere
    Meilisearch's own typo tolerance finds it, ranked after the word typed (« modele » is a word, sent as
    « module » it listed the training modules before the templates). The embedded engine also keeps seeking the
    word as typed; Meilisearch takes one word, so the correction is sent only when Meilisearch's typo tolerance
    on it still reaches the typed word (:func:`reaches`): « mines » is never replaced by a shorter « mine » it
    would no longer match. At most ten
    words, like Meilisearch (then the tenth is finished). A stop word that names a taxonomy term as typed
    (« thé », « mines d’or »: :meth:`SynonymIndex.names_term`) is sent as the term's name (« tea », « gold »),
    which Meilisearch's synonyms expand as the embedded engine does. A stop word typed in capitals as a country
    code (« IN », « DE », « IT ») stands for the country, as in the embedded engine: it is sent as the country's
    alpha-3 code, which ``country_codes`` holds, since the word itself would match every text saying « in » (and left to
    Meilisearch's own stop words, a query's last word is kept anyway, as a prefix: ``located_query_terms_from_tokens``
    in milli's search/new/query_term/parse_query.rs)."""
    tokens, truncated = limit_words(tokenize(q))
    # each phrase spelled as the vocabulary does (« travail des enfant » → « enfants »): its synonyms are keyed so
    corrected = vocabulary.spelled([vocabulary.correct(token) for token in tokens]) if vocabulary else tokens
    named = vocabulary.named_positions(corrected) if vocabulary else frozenset()
    words: list[str] = []
    last_is_code = False
    for position, token in enumerate(tokens):
        last_is_code = False
        if token not in STOP_WORDS:
            correction = corrected[position]
            words.append(correction if position in named and reaches(correction, token) else token)
            continue
        country = pycountry.countries.get(alpha_2=token.upper()) if len(token) == 2 else None
        if country is not None and re.search(rf"\b{re.escape(token.upper())}\b", q):
            words.append(str(country.alpha_3).lower())
            last_is_code = True
        elif vocabulary is not None and vocabulary.names_term(q, token):  # « thé », « mines d’or »: by its name
            words.append(" ".join(vocabulary.alternatives((token,))[0]))
    typing = bool(words) and not truncated and not last_is_code
    typing = typing and not q[-1].isspace() and not q.rstrip().endswith('"') and tokens[-1] not in STOP_WORDS
    return words, typing


def render_words(words: Sequence[str], typing_last_word: bool) -> str:
    """The ``q`` sent: a trailing space tells Meilisearch the last word is finished (not a prefix)."""
    if not words:
        return ""
    return " ".join(words) + ("" if typing_last_word else " ")


def meili_query(q: str) -> str:
    """``q`` as Meilisearch should read it (:func:`meili_words`). This also removes Meilisearch's query syntax
    (``"phrase"``, ``-negation``), which the embedded engine does not have and the API does not document."""
    return render_words(*meili_words(q))


# -- search requests and responses ----------------------------------------------------------------------------
def visible(expression: str | None) -> str:
    """Every search is ANDed with the visibility condition. Only published resources are ever indexed (the outbox
    drain deletes the rest); this is the second lock, should a draft ever reach the index."""
    return f"{VISIBILITY_FILTER} AND {expression}" if expression else VISIBILITY_FILTER


def search_requests(index_uid: str, query: SearchQuery, q: str | None = None) -> list[dict[str, Any]]:
    """The ``multi-search`` queries for ``query``: the main one first, then one per selected facet. ``q``
    replaces the query's words (the fallback sends fewer of them)."""
    q = meili_query(query.q) if q is None else q
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": q,
        "matchingStrategy": "all",
        "page": query.page,
        "hitsPerPage": query.per_page,
        "attributesToRetrieve": list(DOCUMENT_FIELDS),
        "attributesToHighlight": list(LOCALIZED_FIELDS),
        "attributesToCrop": ["body"],
        "cropLength": BODY_CROP_WORDS,
        "cropMarker": CROP_MARKER,
        "highlightPreTag": PRE_TAG,
        "highlightPostTag": POST_TAG,
        "showRankingScore": True,
    }
    main["filter"] = visible(build_filter(query.filters, query.fixed_filters))
    sort = [SORTS[query.sort]] if query.sort in SORTS else []
    if not q:
        # No words: a stable order, the reader's language first, titles A–Z (unless a sort was asked for).
        language_first = LANGUAGE_FIRST.get(query.prefer_language or "")
        sort = ([language_first] if language_first else []) + (sort or [SORTS[SortOrder.title_asc]])
    if sort:
        main["sort"] = sort
    unselected = [FILTERS[f].attribute for f in query.facets if not query.filters.get(f)]
    if unselected:
        main["facets"] = unselected
    requests_: list[dict[str, Any]] = [main]
    for facet in query.facets:
        if not query.filters.get(facet):
            continue
        facet_query: dict[str, Any] = {
            "indexUid": index_uid,
            "q": q,
            "matchingStrategy": "all",
            "limit": 0,
            "facets": [FILTERS[facet].attribute],
        }
        facet_query["filter"] = visible(build_filter(query.filters, query.fixed_filters, without=facet))
        requests_.append(facet_query)
    return requests_


def word_probes(index_uid: str, query: SearchQuery, words: Sequence[str]) -> list[dict[str, Any]]:
    """One count-only query per word under ``query``'s filters (the embedded engine's « no document holds it »):
    which words of a query that found nothing find something on their own. Under the filters: a word only
    English texts hold is no help to a French search."""
    where = visible(build_filter(query.filters, query.fixed_filters))
    return [{"indexUid": index_uid, "q": render_words([word], False), "limit": 0, "filter": where} for word in words]


def versions_request(main: Mapping[str, Any], page: Sequence[SearchHit]) -> dict[str, Any]:
    """``main`` (a query :func:`search_requests` made) among the versions of its ``page``'s resources, all on one
    page: which of them it finds, in its order. A filter only narrows the documents Meilisearch's bucket sort ranks
    (milli's search/new/bucket_sort.rs): two documents keep their order, ties broken by the same internal id."""
    ids = version_ids([hit.document for hit in page])
    request = {name: value for name, value in main.items() if name != "facets"}
    request["filter"] = f"{main['filter']} AND {ids_filter(PRIMARY_KEY, [meili_key(i) for i in ids])}"
    request["page"], request["hitsPerPage"] = 1, len(ids)
    return request


def _results(response: Any, expected: int) -> list[Mapping[str, Any]]:
    results = response.get("results") if isinstance(response, Mapping) else None
    if not isinstance(results, list) or len(results) != expected or not all(isinstance(r, Mapping) for r in results):
        raise MalformedResponse(f"multi-search answered {type(results).__name__}, expected {expected} results")
    return results


def _total(result: Mapping[str, Any]) -> int:
    total = result.get("totalHits", result.get("estimatedTotalHits"))
    if not isinstance(total, int):
        raise MalformedResponse("search result without a hit count")
    return total


def _distribution(result: Mapping[str, Any], attribute: str) -> dict[str, int]:
    distribution = result.get("facetDistribution") or {}
    counts = distribution.get(attribute, {}) if isinstance(distribution, Mapping) else {}
    if not isinstance(counts, Mapping) or not all(isinstance(count, int) for count in counts.values()):
        raise MalformedResponse(f"facet distribution of {attribute!r} is not an object of counts")
    return {str(value): count for value, count in counts.items()}


def _hits(result: Mapping[str, Any]) -> list[SearchHit]:
    hits = result.get("hits")
    if not isinstance(hits, list):
        raise MalformedResponse("search result without hits")
    return [_hit(raw) for raw in hits]


def _hit(raw: Any) -> SearchHit:
    if not isinstance(raw, Mapping):
        raise MalformedResponse("a hit is not an object")
    document = from_meili(raw)
    formatted = raw.get("_formatted")
    highlights: dict[str, str] = {}
    for field in LOCALIZED_FIELDS:
        value = formatted.get(field) if isinstance(formatted, Mapping) else None
        text = value.get(document.language) if isinstance(value, Mapping) else value
        highlights[field] = render_highlight(text) if isinstance(text, str) else html.escape(getattr(document, field))
    score = raw.get("_rankingScore")
    return SearchHit(
        document=document,
        score=float(score) if isinstance(score, int | float) else 0.0,
        highlights=highlights,
    )


def search_result(query: SearchQuery, response: Any, elapsed_ms: float, left_out: Sequence[str] = ()) -> SearchResult:
    """Reads a ``multi-search`` answer to the queries :func:`search_requests` made (``left_out``: the query's
    words it was sent without); the page as ranked, before :func:`preferring`."""
    selected = [f for f in query.facets if query.filters.get(f)]
    results = _results(response, 1 + len(selected))
    main = results[0]
    facets: dict[FilterField, dict[str, int]] = {}
    for facet in query.facets:
        if not query.filters.get(facet):
            facets[facet] = _distribution(main, FILTERS[facet].attribute)
    for facet, result in zip(selected, results[1:], strict=True):
        facets[facet] = _distribution(result, FILTERS[facet].attribute)
    return SearchResult(
        hits=_hits(main),
        total=_total(main),
        facets={facet: facets[facet] for facet in query.facets},
        processing_time_ms=round(elapsed_ms, 2),
        left_out=tuple(left_out),
    )


def preferring(page: Sequence[SearchHit], answer: Any, language: str) -> list[SearchHit]:
    """``page`` with each resource's version in ``language`` where its best-ranked version is in the whole list
    (:func:`prefer_translations`), from the ``multi-search`` answer to :func:`versions_request`."""
    versions = _hits(_results(answer, 1)[0])
    shown = prefer_translations([hit.document for hit in page], [hit.document for hit in versions], language)
    by_id = {hit.document.id: hit for hit in [*versions, *page]}
    return [by_id[document.id] for document in shown]


def _batches(documents: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class MeiliEngine:
    name = "meilisearch"

    def __init__(
        self,
        url: str,
        api_key: str | None,
        index_uid: str,
        timeout_seconds: float,
        synonym_groups: Iterable[Sequence[str]],
        *,
        concepts: Iterable[tuple[Sequence[str], str, str]] = (),
        task_timeout_seconds: float = 120.0,
        max_total_hits: int = 1000,
        batch_size: int = 1000,
    ) -> None:
        # `requests` takes float seconds; the client's annotation (int) is narrower than what it passes on.
        self._client = meilisearch.Client(url, api_key, timeout=cast(int, timeout_seconds))
        self._uid = index_uid
        self._task_timeout_ms = int(task_timeout_seconds * 1000)
        synonym_groups, concepts = list(synonym_groups), list(concepts)
        self._settings = index_settings(synonym_groups, max_total_hits)
        self._subjects = subject_terms(concepts)  # a risk sheet's subject, searched first (`SEARCHABLE_ATTRIBUTES`)
        self._vocabulary = synonym_index(synonym_groups, concepts)  # what a mistyped word is corrected to
        self._batch_size = batch_size

    @property
    def index_uid(self) -> str:
        return self._uid

    @property
    def settings(self) -> Mapping[str, Any]:
        return self._settings

    # -- tasks and indexes ---------------------------------------------------------------------------------------
    def _wait(self, task: TaskInfo, tolerated: frozenset[str] = frozenset()) -> None:
        with _translated(f"task {task.task_uid} ({task.type})"):
            done = self._client.wait_for_task(task.task_uid, timeout_in_ms=self._task_timeout_ms)
        if done.status == "succeeded":
            return
        error = done.error or {}
        code = error.get("code")
        if done.status == "failed" and code in tolerated:
            return
        raise MeiliTaskFailed(done.uid, done.type, done.status, code, error.get("message"))

    def _ensure_index(self, uid: str) -> None:
        with _translated(f"index {uid!r} lookup"):
            try:
                existing = self._client.get_raw_index(uid)
                primary_key = existing.get("primaryKey") if isinstance(existing, Mapping) else None
                if primary_key not in (None, PRIMARY_KEY):
                    raise IndexMismatch(
                        f"meilisearch index {uid!r} has the primary key {primary_key!r}, not {PRIMARY_KEY!r}: it was "
                        "not made by crv; use another CRV_MEILI_INDEX or delete that index"
                    )
                return
            except MeilisearchApiError as exc:
                if exc.code != "index_not_found":
                    raise
            task = self._client.create_index(uid, {"primaryKey": PRIMARY_KEY})
        # Another process may have created it meanwhile.
        self._wait(task, tolerated=frozenset({"index_already_exists"}))

    def _apply_settings_to(self, uid: str) -> None:
        with _translated(f"settings update of {uid!r}"):
            task = self._client.index(uid).update_settings(dict(self._settings))
        self._wait(task)

    def _delete_index(self, uid: str) -> None:
        with _translated(f"deletion of index {uid!r}"):
            task = self._client.delete_index(uid)
        self._wait(task, tolerated=frozenset({"index_not_found"}))

    def _add(self, uid: str, documents: Sequence[SearchDocument]) -> None:
        with _translated(f"indexing into {uid!r}"):
            task = self._client.index(uid).add_documents(
                [to_meili(d, self._subjects) for d in documents], primary_key=PRIMARY_KEY
            )
        self._wait(task)

    def _leftover_rebuilds(self) -> list[str]:
        prefix = f"{self._uid}_rebuild_"
        with _translated("index listing"):
            response: Any = self._client.get_raw_indexes({"limit": 1000})
        indexes = response.get("results", []) if isinstance(response, Mapping) else response
        return [
            str(index["uid"])
            for index in indexes
            if isinstance(index, Mapping) and str(index.get("uid", "")).startswith(prefix)
        ]

    # -- the SearchEngine protocol -------------------------------------------------------------------------------
    def apply_settings(self) -> None:
        self._ensure_index(self._uid)
        self._apply_settings_to(self._uid)

    def index(self, documents: Iterable[SearchDocument]) -> None:
        for batch in _batches(documents, self._batch_size):
            self._add(self._uid, batch)

    def writing(self) -> AbstractContextManager[None]:
        return nullcontext()  # every write is a task of its own

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), self._batch_size):
            keys = [meili_key(document_id) for document_id in ids[start : start + self._batch_size]]
            # The delete-batch route takes primary keys as they are: no filter to build, none to get wrong.
            index = self._client.index(self._uid)
            with _translated(f"deletion from {self._uid!r}"):
                task = TaskInfo(**index.http.post(f"indexes/{self._uid}/documents/delete-batch", keys))
            self._wait(task)

    def _ask(self, queries: list[dict[str, Any]]) -> Any:
        with _translated("search"):
            return self._client.multi_search(queries)

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        words, typing = meili_words(query.q, self._vocabulary)
        queries = search_requests(self._uid, query, q=render_words(words, typing))
        response = self._ask(queries)
        left_out: list[str] = []
        if not _total(_results(response, len(queries))[0]) and len(words) > 1:
            # Nothing has every word: first leave out the words no document holds at all (under the query's
            # filters), then drop words from the end, one at a time, only as far as needed (the embedded engine
            # does the same), those naming a taxonomy term last (:func:`one_fewer`). Meilisearch's `last` strategy
            # would also rank the documents that match only the first words, and count them in totalHits.
            probed = _results(self._ask(word_probes(self._uid, query, words)), len(words))
            held = [at for at, result in enumerate(probed) if _total(result)]
            named = term_words(analyze_query(query.q, self._vocabulary))
            names_term = [word in named for word in words]
            every = list(range(len(words)))
            kept = held if 0 < len(held) < len(words) else one_fewer(every, names_term) if held else every[:1]
            while True:
                queries = search_requests(self._uid, query, q=render_words([words[at] for at in kept], False))
                response = self._ask(queries)
                if _total(_results(response, len(queries))[0]) or len(kept) == 1:
                    break
                kept = one_fewer(kept, names_term)
            left_out = [word for at, word in enumerate(words) if at not in kept]
        result = search_result(query, response, 0, left_out)
        if words and query.prefer_language and result.hits:
            answer = self._ask([versions_request(queries[0], result.hits)])
            result = replace(result, hits=preferring(result.hits, answer, query.prefer_language))
        return replace(result, processing_time_ms=round((time.perf_counter() - started) * 1000, 2))

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        for leftover in self._leftover_rebuilds():  # from a rebuild that died; the writer lease makes us alone
            self._delete_index(leftover)
        temporary = f"{self._uid}_rebuild_{time.time_ns()}"
        count = 0
        try:
            self._ensure_index(temporary)
            self._apply_settings_to(temporary)
            for batch in _batches(documents, self._batch_size):
                self._add(temporary, batch)
                count += len(batch)
            self._ensure_index(self._uid)  # swapping needs both indexes to exist
            with _translated("index swap"):
                task = self._client.swap_indexes([{"indexes": [self._uid, temporary]}])
            self._wait(task)
        except BaseException:
            try:
                self._delete_index(temporary)
            except SearchUnavailable:
                pass  # the next rebuild removes it
            raise
        self._delete_index(temporary)  # after the swap it holds the previous documents
        return count

    def health(self) -> EngineHealth:
        try:
            with _translated("health check"):
                status = self._client.health().get("status")
                if status != "available":
                    return EngineHealth(ok=False, engine=self.name, detail=f"meilisearch status: {status}")
                stats = self._client.index(self._uid).get_stats()
        except SearchUnavailable as exc:
            return EngineHealth(ok=False, engine=self.name, detail=str(exc))
        return EngineHealth(ok=True, engine=self.name, documents=stats.number_of_documents)

    def close(self) -> None:
        """Nothing to release: the client opens a connection per request."""
