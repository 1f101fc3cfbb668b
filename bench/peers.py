"""The floors and the peers of the search benchmark, on the same corpus and the same queries as crv.

- **raw tantivy** (the floor, as issue 15 defines it): crv's own index, the query's words parsed by tantivy's
  query parser over title, summary and body (no synonyms, stems, typos, prefixes or highlights), the same filters
  as ``Must`` term queries and the same facet counts (one aggregation request, the selected filters as filter
  aggregations), the 20 stored documents of the page fetched.
- **raw tantivy, crv's query** (the second floor): tantivy running the very requests crv makes for the search
  (``TantivyEngine.requests``: each word expanded into synonyms, stems, typo neighbours and a prefix, the same
  filters and facet aggregation), built before the timing; the exact count, the page's 20 stored documents fetched,
  nothing analysed, decoded or highlighted in Python. crv's time over it is crv's own overhead.
- **SQLite FTS5** and **PostgreSQL full text** (``tsvector`` + GIN on the local server): what a team would build
  instead. The words ANDed (stop words dropped), the last one a prefix (as crv reads a query being typed),
  BM25 / ``ts_rank_cd`` order, diacritics folded; the filters as ``IN`` conditions on a side table (SQLite) or
  array overlaps (PostgreSQL); each facet counted by ``GROUP BY`` under the same filters as crv counts it
  (disjunctive: a selected facet ignores its own selection). No typo tolerance, synonyms or highlights.
- **their typo-tolerant variants**, as a team would add typo tolerance to them: each word ORed with the corpus
  words within crv's typo budget (``typo_budget``, OSA distance as crv counts it), found among an ``fts5vocab``
  table's words (SQLite, read once into crv's ``Vocabulary``) or by ``pg_trgm`` over a trigram-indexed table of
  the corpus words (PostgreSQL). Applied to every query, as crv applies its own: no one knows which word is
  mistyped. Still no synonyms or highlights.

Each system answers a search with a page of 20 ids, the total and, when asked, the facet counts.
"""

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import tantivy
from rapidfuzz.distance import OSA

from app.filters import FILTERS, FilterField
from app.search.base import SearchDocument, SearchQuery
from app.search.tantivy_engine import EngineRequest, TantivyEngine
from app.search.text import STOP_WORDS, fold, tokenize, typo_budget
from app.search.vocabulary import Vocabulary

Filters = Mapping[FilterField, tuple[str, ...]]
Search = Callable[[str, Filters, Sequence[FilterField]], tuple[list[Any], int, dict[str, dict[str, int]]]]
MULTI = ("countries", "sectors", "risks")  # the multi-valued attributes the bench filters or counts on
SINGLE = ("type", "language")
PAGE = 20


def facet_groups(filters: Filters, facets: Sequence[FilterField]) -> dict[tuple[FilterField, ...], list[str]]:
    """Facets grouped by the filters they are counted under: the unselected ones under every filter, a
    selected one under the others (disjunctive facets, as crv counts them)."""
    groups: dict[tuple[FilterField, ...], list[str]] = {}
    for facet in facets:
        under = tuple(name for name, values in filters.items() if values and name != facet)
        groups.setdefault(under, []).append(FILTERS[facet].attribute)
    return groups


def words_of(q: str) -> list[str]:
    return [word for word in tokenize(q) if word not in STOP_WORDS]


def crv_query(q: str, filters: Filters, facets: Sequence[FilterField]) -> SearchQuery:
    """The search crv is asked for."""
    return SearchQuery(q=q, filters=filters, facets=tuple(facets), per_page=PAGE)


class RawTantivy:
    """The floor as issue 15 defines it: the plain words over three fields."""

    def __init__(self, index: "tantivy.Index") -> None:
        self._index = index
        self._schema = index.schema
        self._searcher = index.searcher()

    def _filter(self, name: FilterField, values: tuple[str, ...]) -> "tantivy.Query":
        terms = [tantivy.Query.term_query(self._schema, FILTERS[name].attribute, value) for value in values]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, term) for term in terms])

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        text = self._index.parse_query_lenient(q, ["title", "summary", "body"])[0]
        conditions = [self._filter(name, values) for name, values in filters.items() if values]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, c) for c in [text, *conditions]])
        result = self._searcher.search(query, PAGE, count=True)
        page = [self._searcher.doc(address)["id"][0] for _, address in result.hits]
        counts: dict[str, Any] = {}
        if facets:
            base = tantivy.Query.boolean_query([(tantivy.Occur.Must, text)])
            spec: dict[str, Any] = {}
            for position, (under, attributes) in enumerate(facet_groups(filters, facets).items()):
                terms = {a: {"terms": {"field": a, "size": 300}} for a in attributes}
                condition = " AND ".join(
                    "(" + " OR ".join(f'{FILTERS[n].attribute}:"{v}"' for v in filters[n]) + ")" for n in under
                )
                spec.update({f"f{position}": {"filter": condition, "aggs": terms}} if condition else terms)
            counts = self._searcher.aggregate(base, spec)
        return page, int(result.count), counts  # type: ignore[attr-defined]


class CrvQueryTantivy:
    """The second floor: tantivy answering the requests crv makes, nothing of crv around it."""

    def __init__(self, engine: TantivyEngine, index: "tantivy.Index") -> None:
        self._engine = engine
        self._searcher = index.searcher()
        self._requests: dict[tuple[str, tuple[object, ...], tuple[FilterField, ...]], list[EngineRequest]] = {}

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        key = (q, tuple(filters.items()), tuple(facets))
        requests = self._requests.get(key)
        if requests is None:  # built at the first call, the benchmark's untimed warm-up
            requests = self._requests[key] = self._engine.requests(crv_query(q, filters, facets))
        for request in requests:  # as crv: every word, then one fewer at a time until something matches
            result = self._searcher.search(request.query, PAGE, count=True)
            count = int(result.count)  # type: ignore[attr-defined]  # the stub omits count
            if count:
                break
        page = [self._searcher.doc(address) for _, address in result.hits]
        counts = self._searcher.aggregate(*request.aggregation) if request.aggregation else {}
        return page, count, counts


def fts5_query(q: str) -> str:
    words = words_of(q)
    return " AND ".join([f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*'] if words else [])


def alternatives(q: str, near: Callable[[list[str]], Mapping[str, list[str]]]) -> list[list[str]]:
    """Per word of ``q`` (as ``words_of``): itself and the corpus words within its typo budget, which ``near``
    finds for each of the words it is given (those with a budget, in one call)."""
    words = words_of(q)
    found = near([word for word in words if typo_budget(word)])
    return [list(dict.fromkeys([word, *found.get(word, [])])) for word in words]


class SqliteFts:
    """FTS5 with an external side table of (doc, attribute, value) rows for filters and facets."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def load(self, documents: Iterable[SearchDocument]) -> None:
        db = self.db
        db.executescript(
            "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS facets; DROP TABLE IF EXISTS docs;"
            "CREATE TABLE docs (doc INTEGER PRIMARY KEY, id TEXT);"
            "CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, tokenize='unicode61 remove_diacritics 2');"
            "CREATE TABLE facets (doc INTEGER, attribute TEXT, value TEXT);"
        )
        for number, document in enumerate(documents, start=1):
            db.execute("INSERT INTO docs VALUES (?, ?)", (number, document.id))
            db.execute(
                "INSERT INTO fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                (number, document.title, document.summary, document.body),
            )
            rows = [(number, a, v) for a in MULTI for v in getattr(document, a)]
            rows += [(number, a, getattr(document, a)) for a in SINGLE]
            db.executemany("INSERT INTO facets VALUES (?, ?, ?)", rows)
        db.executescript(
            "CREATE INDEX facets_value ON facets (attribute, value, doc);"
            "CREATE INDEX facets_doc ON facets (doc, attribute);"
            "ANALYZE;"
        )
        db.commit()

    @staticmethod
    def _where(filters: Filters, names: Iterable[FilterField]) -> tuple[str, list[str]]:
        sql, params = "", []
        for name in names:
            values = filters[name]
            marks = ", ".join("?" * len(values))
            sql += f" AND doc IN (SELECT doc FROM facets WHERE attribute = ? AND value IN ({marks}))"
            params += [FILTERS[name].attribute, *values]
        return sql, params

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        return self.search_matching(fts5_query(q), filters, facets)

    def search_matching(
        self, match: str, filters: Filters, facets: Sequence[FilterField]
    ) -> tuple[list[Any], int, Any]:
        """The page, the total and the facet counts of the documents ``match`` (an FTS5 query) finds."""
        # The words first, materialised: FTS5 would otherwise run the MATCH once per row a filter lets through.
        hits = (
            "WITH hits(doc, rank) AS MATERIALIZED (SELECT rowid, bm25(fts, 4.0, 2.0, 1.0) FROM fts WHERE fts MATCH ?) "
        )
        where, params = self._where(filters, [name for name, values in filters.items() if values])
        page = self.db.execute(
            f"{hits}SELECT docs.id FROM hits JOIN docs USING (doc) WHERE true{where} ORDER BY rank LIMIT {PAGE}",
            [match, *params],
        ).fetchall()
        (total,) = self.db.execute(f"{hits}SELECT count(*) FROM hits WHERE true{where}", [match, *params]).fetchone()
        counts: dict[str, dict[str, int]] = {}
        for under, attributes in facet_groups(filters, facets).items():
            where, params = self._where(filters, under)
            marks = ", ".join("?" * len(attributes))
            rows = self.db.execute(
                f"{hits}SELECT attribute, value, count(*) FROM hits JOIN facets USING (doc) "
                f"WHERE attribute IN ({marks}){where} GROUP BY attribute, value",
                [match, *attributes, *params],
            )
            for attribute, value, count in rows:
                counts.setdefault(attribute, {})[value] = count
        return page, int(total), counts


class SqliteFtsTypos:
    """FTS5 (``plain``'s tables) with typo tolerance: the near words found by OSA distance (rapidfuzz, as crv) among
    the words of an ``fts5vocab`` table, read once after loading, as crv reads its index's words once."""

    def __init__(self, plain: SqliteFts) -> None:
        self._plain = plain
        self._vocabulary = Vocabulary(())

    def load(self) -> None:
        db = self._plain.db
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row')")
        self._vocabulary = Vocabulary(term for (term,) in db.execute("SELECT term FROM vocab"))

    def _near(self, words: list[str]) -> dict[str, list[str]]:
        return {word: self._vocabulary.near(word, typo_budget(word)) for word in words}

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        groups = alternatives(q, self._near)
        last = len(groups) - 1
        match = " AND ".join(
            "(" + " OR ".join([*(f'"{w}"' for w in group), *([f'"{group[0]}"*'] if i == last else [])]) + ")"
            for i, group in enumerate(groups)
        )
        return self._plain.search_matching(match, filters, facets)


def tsquery(q: str) -> str:
    words = [re.sub(r"[^\w]", "", w) for w in words_of(q)]
    return " & ".join([*words[:-1], f"{words[-1]}:*"] if words else [])


class PostgresFullText:
    """One table: the text, accents folded, as a weighted ``tsvector`` (``simple`` configuration: the corpus mixes
    French and English), GIN-indexed; the filters and facets as columns and GIN-indexed arrays."""

    def __init__(self, url: str, schema: str = "crv_bench") -> None:
        import psycopg

        self.db = psycopg.connect(url, autocommit=True)
        self.schema = schema

    def load(self, documents: Iterable[SearchDocument]) -> None:
        s = self.schema
        db = self.db
        db.execute(f"DROP SCHEMA IF EXISTS {s} CASCADE")
        db.execute(f"CREATE SCHEMA {s}")
        db.execute(
            f"CREATE TABLE {s}.docs (id text PRIMARY KEY, title text, summary text, body text, type text, "
            "language text, countries text[], sectors text[], risks text[], tsv tsvector)"
        )
        with db.cursor().copy(
            f"COPY {s}.docs (id, title, summary, body, type, language, countries, sectors, risks) FROM STDIN"
        ) as copy:
            for d in documents:
                texts = (fold(d.title), fold(d.summary), fold(d.body))  # accents folded here, as in the queries
                copy.write_row((d.id, *texts, d.type, d.language, [*d.countries], [*d.sectors], [*d.risks]))
        db.execute(
            f"UPDATE {s}.docs SET tsv = setweight(to_tsvector('simple', title), 'A') "
            "|| setweight(to_tsvector('simple', summary), 'B') || setweight(to_tsvector('simple', body), 'D')"
        )
        db.execute(f"CREATE INDEX ON {s}.docs USING gin (tsv)")
        for column in MULTI:
            db.execute(f"CREATE INDEX ON {s}.docs USING gin ({column})")
        db.execute(f"CREATE INDEX ON {s}.docs (language, type)")
        db.execute(f"VACUUM ANALYZE {s}.docs")

    @staticmethod
    def _where(filters: Filters, names: Iterable[FilterField]) -> tuple[str, list[Any]]:
        sql, params = "", []
        for name in names:
            attribute = FILTERS[name].attribute
            if attribute in SINGLE:
                sql += f" AND {attribute} = ANY(%s)"
            else:
                sql += f" AND {attribute} && %s::text[]"
            params.append(list(filters[name]))
        return sql, params

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        return self.search_matching(tsquery(q), filters, facets)

    def search_matching(
        self, query: str, filters: Filters, facets: Sequence[FilterField]
    ) -> tuple[list[Any], int, Any]:
        """The page, the total and the facet counts of the documents ``query`` (a ``tsquery``) finds."""
        s = self.schema
        selected = [name for name, values in filters.items() if values]
        where, params = self._where(filters, selected)
        match = f"tsv @@ to_tsquery('simple', %s){where}"
        page = self.db.execute(
            f"SELECT id FROM {s}.docs WHERE {match} "
            f"ORDER BY ts_rank_cd(tsv, to_tsquery('simple', %s)) DESC LIMIT {PAGE}",
            [query, *params, query],
        ).fetchall()
        total = self.db.execute(f"SELECT count(*) FROM {s}.docs WHERE {match}", [query, *params]).fetchone()
        counts: dict[str, dict[str, int]] = {}
        for under, attributes in facet_groups(filters, facets).items():
            where, params = self._where(filters, under)
            parts = [
                f"SELECT '{a}', {a if a in SINGLE else f'unnest({a})'} AS value, count(*) FROM hits GROUP BY 2"
                for a in attributes
            ]
            rows = self.db.execute(
                f"WITH hits AS MATERIALIZED (SELECT {', '.join(attributes)} FROM {s}.docs "
                f"WHERE tsv @@ to_tsquery('simple', %s){where}) " + " UNION ALL ".join(parts),
                [query, *params],
            )
            for attribute, value, count in rows:
                counts.setdefault(attribute, {})[value] = count
        return page, int(total[0] if total else 0), counts

    def close(self) -> None:
        self.db.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
        self.db.close()


class PostgresTrigrams:
    """PostgreSQL full text (``plain``'s table) with typo tolerance as pg_trgm's documentation suggests: a table of the
    corpus words (``ts_stat``) with a trigram GIN index, each query word's candidates found by ``pg_trgm``'s ``%``
    in one query, kept when within the word's typo budget. The distance is OSA, computed here (rapidfuzz):
    ``fuzzystrmatch``'s ``levenshtein`` counts two swapped letters as two edits, so it would miss what crv finds."""

    # ``%``'s default threshold (0.3) misses a swap in a short word (« cototn » ~ « cotton »: 0.27). Over seeded
    # typos of the domain words (bench/answers.py's), the least similar word within the budget scored 0.2 (one
    # typo, five letters) and 0.16 (two, nine or more); the lookup costs ~0.5 ms at 0.15, ~2 ms at 0.1.
    SIMILARITY = 0.15

    def __init__(self, plain: PostgresFullText) -> None:
        self._plain = plain

    def load(self) -> None:
        db, s = self._plain.db, self._plain.schema
        # In the bench schema, so that dropping it leaves the database as found; found there through the path.
        db.execute(f"CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA {s}")
        db.execute(f"SET search_path = {s}, public")
        db.execute(f"SET pg_trgm.similarity_threshold = {self.SIMILARITY}")
        db.execute(
            f"CREATE TABLE {s}.words AS SELECT word FROM ts_stat('SELECT tsv FROM {s}.docs') "
            "WHERE word ~ '^[[:alnum:]]+$'"
        )
        db.execute(f"CREATE INDEX ON {s}.words USING gin (word gin_trgm_ops)")
        db.execute(f"VACUUM ANALYZE {s}.words")

    def _near(self, words: list[str]) -> dict[str, list[str]]:
        if not words:
            return {}
        rows = self._plain.db.execute(
            f"SELECT q, word FROM unnest(%s::text[]) AS q JOIN {self._plain.schema}.words ON word %% q", [words]
        )
        found: dict[str, list[str]] = {}
        for word, candidate in rows:
            if OSA.distance(word, candidate) <= typo_budget(word):
                found.setdefault(word, []).append(candidate)
        return found

    def search(self, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[list[Any], int, Any]:
        groups = alternatives(q, self._near)
        last = len(groups) - 1
        query = " & ".join(
            "(" + " | ".join([*group, *([f"{group[0]}:*"] if i == last else [])]) + ")"
            for i, group in enumerate(groups)
        )
        return self._plain.search_matching(query, filters, facets)
