"""Search benchmark: synthetic corpora of 10k and 100k resources on the embedded default (SQLite + tantivy).

Reports, per corpus size:
- bulk load rate (resources/s): inserting into SQLite through the ORM (with its outbox rows), then indexing by
  draining the outbox; and the same load inserted while ``crv sync`` drains, as deployed (``bench/load.py``);
- engine latency in process (p50/p95/p99) for one-word, multi-word, typo, prefix and facet-heavy queries, and
  the same through the answer cache (repeated queries);
- crv, its two floors (raw tantivy on the plain words; raw tantivy running crv's own query) and its peers (SQLite
  FTS5, PostgreSQL full text, each plain and typo-tolerant) on the same corpus and queries, interleaved query by
  query, as one table, and what each found for the typo queries (see ``bench/peers.py``);
- HTTP latency and throughput with uvicorn and wrk on loopback at concurrency 8, bounded in time.

Usage: .venv/bin/python bench/run.py [--sizes 10000 100000] [--duration 10] [--concurrency 8]
    [--work DIR] [--pg-url postgresql://…] [--sequential-load-only]
Needs `wrk` (Debian package) for the HTTP part; skips it with a note when absent. Without a PostgreSQL URL
(``--pg-url`` or ``$CRV_BENCH_PG_URL``), the PostgreSQL peer is left out.
"""

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import tantivy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import migrations  # noqa: E402
from app.config import Settings  # noqa: E402
from app.db import make_engine, make_session_factory  # noqa: E402
from app.models import Resource  # noqa: E402
from app.search.base import FilterField, SearchEngine, SearchQuery  # noqa: E402
from app.search.factory import make_search_engine  # noqa: E402
from app.search.tantivy_engine import TantivyEngine  # noqa: E402
from app.search.tantivy_schema import build_analyzer  # noqa: E402
from app.services.sync import published_documents  # noqa: E402
from app.taxonomy import TaxonomyName, load_taxonomies  # noqa: E402
from bench import http_load, load  # noqa: E402
from bench.peers import (  # noqa: E402
    CrvQueryTantivy,
    Filters,
    PostgresFullText,
    PostgresTrigrams,
    RawTantivy,
    Search,
    SqliteFts,
    SqliteFtsTypos,
    crv_query,
)
from bench.queries import FACET_FILTERS, FACETS, QUERIES  # noqa: E402

WORDS_FR = (
    "travail enfants forcé traite cacao coton briques or mines pêche agriculture fournisseurs chaîne "
    "approvisionnement vigilance audit risque recrutement servitude dettes inspection salaires plantation "
    "récolte atelier usine sous-traitance contrôle remédiation signalement victimes protection école"
).split()
WORDS_EN = (
    "child labour forced trafficking cocoa cotton bricks gold mining fishing agriculture suppliers supply chain "
    "due diligence audit risk recruitment bondage debt inspection wages plantation harvest workshop factory "
    "subcontracting monitoring remediation grievance victims protection school"
).split()


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": round(cuts[49], 2), "p95": round(cuts[94], 2), "p99": round(cuts[98], 2)}


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Pseudo-words: real text has a large vocabulary, so a query word matches a fraction of documents."""
    letters = "abcdefghijklmnopqrstuvwxyzéè"
    return ["".join(rng.choices(letters, k=rng.randint(3, 11))) for _ in range(size)]


def sentence(rng: random.Random, domain: list[str], filler: list[str], weights: list[float], k: int) -> str:
    """About one word in five from the document's few topic words, the rest Zipf-distributed filler."""
    words = rng.choices(filler, cum_weights=weights, k=k)
    for position in rng.sample(range(k), k=max(1, k // 5)):
        words[position] = rng.choice(domain)
    return " ".join(words)


def synthetic_resources(count: int, seed: int = 87) -> Iterator[Resource]:
    """One at a time: a million resources held at once would take gigabytes."""
    rng = random.Random(seed)
    filler = vocabulary(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(filler))))
    taxonomies = load_taxonomies(ROOT / "content")
    countries = sorted(taxonomies[TaxonomyName.countries])
    sectors = sorted(taxonomies[TaxonomyName.sectors])
    risks = sorted(taxonomies[TaxonomyName.risks])
    types = sorted(taxonomies[TaxonomyName.types])
    audiences = sorted(taxonomies[TaxonomyName.audiences])
    for number in range(count):
        language = "fr" if number % 2 == 0 else "en"
        # Each document is about a few topics, as a real resource is: its domain words come from those only.
        words = rng.sample(WORDS_FR if language == "fr" else WORDS_EN, k=4)
        published = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
        yield Resource(
            id=f"bench-{number}.{language}",
            translation_key=f"bench-{number}",
            language=language,
            slug=f"bench-{number}",
            type=rng.choice(types),
            title=sentence(rng, words, filler, weights, 8).capitalize(),
            summary=sentence(rng, words, filler, weights, 30),
            body=sentence(rng, words, filler, weights, 300),
            countries=rng.sample(countries, k=rng.randint(1, 3)),
            regions=[],
            sectors=rng.sample(sectors, k=rng.randint(1, 3)),
            risks=rng.sample(risks, k=rng.randint(1, 2)),
            audiences=rng.sample(audiences, k=2),
            publisher="crv",
            sources=[{"title": "Synthetic", "url": "https://example.org/"}],
            licence="CC-BY-4.0",
            published_at=published,
            updated_at=published,
            status="published",
            origin="api",
        )


def time_calls(call: Callable[[], object], repeat: int) -> list[float]:
    call()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def workload() -> list[tuple[str, str, Filters, tuple[FilterField, ...]]]:
    """(kind, words, filters, facets): every text query alone, then the several-word ones with 5 facets and 2
    filters."""
    items: list[tuple[str, str, Filters, tuple[FilterField, ...]]] = [
        (kind, q, {}, ()) for kind, queries in QUERIES.items() for q in queries
    ]
    return items + [("facet-heavy", q, FACET_FILTERS, FACETS) for q in QUERIES["multi-word"]]


FLOOR = "raw tantivy (floor)"
CRV_QUERY_FLOOR = "raw tantivy, crv's query"
# The ratios of crv's p95 to each floor's: to the floor, and to its engine alone (crv's own overhead).
RATIOS = {"crv p95 ÷ floor p95": FLOOR, "crv p95 ÷ crv's-query floor p95": CRV_QUERY_FLOOR}
SYSTEMS_KEY = "systems_ms (p50/p95, interleaved)"
TOTALS_KEY = "typo_totals (documents found)"


def compare_systems(
    engine: SearchEngine, settings: Settings, work: Path, repeat: int, pg_url: str | None
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, int]]]:
    """crv, its floors and its peers on the same corpus and queries, interleaved query by query so that the
    machine's load weighs on each alike: p50 / p95 ms per query kind and system; and the total each system found
    for each typo query."""
    generation = (settings.index_dir / "CURRENT").read_text().strip()
    raw_index = tantivy.Index.open(str(settings.index_dir / generation))
    raw_index.register_tokenizer("crv_fold", build_analyzer(None))
    taxonomies = load_taxonomies(settings.content_dir)
    with make_session_factory(make_engine(settings.database_url))() as session:
        documents = list(published_documents(session, taxonomies))
    tantivy_engine = getattr(engine, "inner", engine)  # unwrapped from its GuardedEngine
    assert isinstance(tantivy_engine, TantivyEngine), tantivy_engine
    fts = SqliteFts(str(work / "fts5.db"))
    fts.load(documents)
    fts_typos = SqliteFtsTypos(fts)
    fts_typos.load()
    systems: dict[str, Search] = {
        "crv": lambda q, filters, facets: _crv(engine, q, filters, facets),
        FLOOR: RawTantivy(raw_index).search,
        CRV_QUERY_FLOOR: CrvQueryTantivy(tantivy_engine, raw_index).search,
        "SQLite FTS5": fts.search,
        "SQLite FTS5 + typos (fts5vocab)": fts_typos.search,
    }
    postgres = None
    if pg_url:
        postgres = PostgresFullText(pg_url)
        postgres.load(documents)
        trigrams = PostgresTrigrams(postgres)
        trigrams.load()
        systems["PostgreSQL full text"] = postgres.search
        systems["PostgreSQL + typos (pg_trgm)"] = trigrams.search
    del documents
    samples: dict[str, dict[str, list[float]]] = {}
    totals: dict[str, dict[str, int]] = {}
    for kind, q, filters, facets in workload():
        by_system = samples.setdefault(kind, {name: [] for name in systems})
        for name, search in systems.items():
            _, total, _ = search(q, filters, facets)  # warm caches (and build the crv's-query floor's query)
            if kind == "typo":
                totals.setdefault(q, {})[name] = total
        for _ in range(repeat):
            for name, search in systems.items():
                started = time.perf_counter()
                search(q, filters, facets)
                by_system[name].append((time.perf_counter() - started) * 1000)
    if postgres:
        postgres.close()
    report = {}
    for kind, by_system in samples.items():
        cuts = {name: percentiles(values) for name, values in by_system.items()}
        report[kind] = {name: f"{c['p50']} / {c['p95']}" for name, c in cuts.items()}
        for ratio, floor in RATIOS.items():
            report[kind][ratio] = str(round(cuts["crv"]["p95"] / cuts[floor]["p95"], 1))
    return report, totals


def _crv(engine: SearchEngine, q: str, filters: Filters, facets: Sequence[FilterField]) -> tuple[Any, int, Any]:
    result = engine.search(crv_query(q, filters, facets))
    return result.hits, result.total, result.facets


def _markdown(title: str, corner: str, rows: dict[str, dict[str, Any]], file: Any) -> None:
    names = list(next(iter(rows.values())))
    print(f"\n{title}", file=file)
    print(f"| {corner} | " + " | ".join(names) + " |", file=file)
    print("| --- " * (len(names) + 1) + "|", file=file)
    for label, row in rows.items():
        print(f"| {label} | " + " | ".join(str(row[name]) for name in names) + " |", file=file)


def print_table(results: list[dict[str, Any]], file: Any = sys.stdout) -> None:
    """Markdown tables per size: p50 / p95 ms per query kind and system; then, when measured, what each system
    found for each typo query."""
    for result in results:
        _markdown(f"{result['size']:,} resources — p50 / p95 ms", "query", result[SYSTEMS_KEY], file)
        if TOTALS_KEY in result:
            _markdown(
                f"{result['size']:,} resources — documents found for the typo queries (crv's total stops at "
                "max_result_window, 1,000 by default; the floor running crv's query counts every match)",
                "typo query",
                result[TOTALS_KEY],
                file,
            )


def build_corpus(size: int, work: Path, concurrent_load: bool = True) -> tuple[Settings, dict[str, int]]:
    """The corpus in ``work`` (SQLite database and index), loaded unless it is already there, the resources
    inserted then the outbox drained (``bench/load.py``). Unless ``concurrent_load`` is false, the same load is
    measured again, in a scratch directory, as deployed: inserted while the sync worker drains."""
    settings = Settings(
        database_url=f"sqlite:///{work / 'crv.db'}",
        index_dir=work / "index",
        content_dir=ROOT / "content",
        sync_in_process=False,
        search_cache_size=0,  # cold: every query computed (the cache is measured apart, below)
    )
    work.mkdir(parents=True, exist_ok=True)
    migrations.upgrade(settings.database_url)  # a kept corpus follows the schema too
    if (work / "index" / "CURRENT").exists():
        return settings, {}
    measured = load.sequential(synthetic_resources(size), size, settings)
    if concurrent_load:
        scratch = Path(tempfile.mkdtemp(prefix=f"crv-bench-load-{size}-", dir=work.parent))
        try:
            measured |= load.concurrent(synthetic_resources(size), size, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return settings, measured


def bench_size(
    size: int,
    duration: int,
    concurrency: int,
    repeat: int,
    workers: int,
    work: Path | None,
    pg_url: str | None,
    engine_only: bool = False,
    concurrent_load: bool = True,
) -> dict[str, object]:
    keep = work is not None
    work = work or Path(tempfile.mkdtemp(prefix=f"crv-bench-{size}-"))
    settings, loaded = build_corpus(size, work, concurrent_load)
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)

    engine_latency: dict[str, dict[str, float]] = {}
    for kind, queries in QUERIES.items():
        samples: list[float] = []
        for q in queries:
            samples += time_calls(lambda q=q: engine.search(SearchQuery(q=q, per_page=20)), repeat)  # type: ignore[misc]
        engine_latency[kind] = percentiles(samples)
    facet_samples: list[float] = []
    for q in QUERIES["multi-word"]:
        query = SearchQuery(q=q, facets=FACETS, filters=FACET_FILTERS)
        facet_samples += time_calls(lambda query=query: engine.search(query), repeat)  # type: ignore[misc]
    engine_latency["facet-heavy"] = percentiles(facet_samples)

    # Repeated queries (a widget's first page, popular searches) through the answer cache, measured apart.
    cached = make_search_engine(settings.model_copy(update={"search_cache_size": 1024}), taxonomies)
    repeated: list[float] = []
    for queries in QUERIES.values():
        for q in queries:
            repeated += time_calls(lambda q=q: cached.search(SearchQuery(q=q, per_page=20)), repeat)  # type: ignore[misc]
    for q in QUERIES["multi-word"]:
        query = SearchQuery(q=q, facets=FACETS, filters=FACET_FILTERS)
        repeated += time_calls(lambda query=query: cached.search(query), repeat)  # type: ignore[misc]
    engine_latency["repeated (answer cache)"] = percentiles(repeated)
    cached.close()

    if engine_only:
        engine.close()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        return {"size": size, **loaded, "engine_ms": engine_latency}
    systems, totals = compare_systems(engine, settings, work, repeat, pg_url)
    compared = {SYSTEMS_KEY: systems, TOTALS_KEY: totals}
    print_table([{"size": size, **compared}], file=sys.stderr)
    if not duration:
        engine.close()
        return {"size": size, **loaded, "engine_ms": engine_latency, **compared}

    # The answer cache off for the cold run; on for the other, where wrk cycling over a few URLs measures it.
    env = http_load.corpus_env(work)
    http = http_load.load(
        env | {"CRV_SEARCH_CACHE_SIZE": "0"}, http_load.search_paths(), duration, concurrency, workers
    )
    http_repeated = http_load.load(env, http_load.search_paths(), duration, concurrency, workers)
    engine.close()
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "size": size,
        **loaded,
        "engine_ms": engine_latency,
        **compared,
        "http": http,
        "http_repeated (answer cache)": http_repeated,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds of HTTP load per size (0: none)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=30, help="runs per query in process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="API worker processes")
    parser.add_argument("--work", type=Path, help="keep each corpus in WORK/<size> and reuse it when there")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("CRV_BENCH_PG_URL"),
        help="PostgreSQL for the full-text peer (schema crv_bench, dropped after); default $CRV_BENCH_PG_URL",
    )
    parser.add_argument("--engine-only", action="store_true", help="the load and the engine only (e.g. at 1M)")
    parser.add_argument(
        "--sequential-load-only",
        action="store_true",
        help="skip the bulk load measured while the sync worker drains (it makes every resource first, ~6 kB each)",
    )
    args = parser.parse_args()
    results = [
        bench_size(
            size,
            args.duration,
            args.concurrency,
            args.repeat,
            args.workers,
            args.work / str(size) if args.work else None,
            args.pg_url,
            args.engine_only,
            not args.sequential_load_only,
        )
        for size in args.sizes
    ]
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print_table([result for result in results if SYSTEMS_KEY in result])


if __name__ == "__main__":
    main()
