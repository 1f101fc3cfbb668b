"""Public site benchmark: every page kind rendered in process (the ASGI app through Starlette's TestClient, all
middleware included, no network) on the real corpus of content/, loaded into a fresh SQLite database and tantivy
index in a temporary folder. Reports p50 and p95 per page kind, in wall-clock time and in CPU time of the process
(on a shared, loaded machine the wall clock also counts the time spent waiting for a core; the CPU time is what the
page costs). The target is p95 <= 30 ms.

Usage: .venv/bin/python bench/site.py [--requests 60] [--warmup 5]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import migrations  # noqa: E402
from app.config import Settings  # noqa: E402
from app.db import make_engine, make_session_factory  # noqa: E402
from app.main import create_app  # noqa: E402
from app.search.factory import make_search_engine  # noqa: E402
from app.services import content as content_service  # noqa: E402
from app.services.sync import rebuild_index  # noqa: E402
from app.taxonomy import load_taxonomies  # noqa: E402

PAGES = {
    "home": ["/fr/", "/en/"],
    "search": ["/fr/recherche?q=cacao", "/en/search?q=bricks&country=PK", "/fr/recherche?q=travial+des+enfnats"],
    "search, filters only": ["/en/search?risk=forced-labour&region=indo-pacific&sort=published_at%3Adesc&page=2"],
    "country index": ["/fr/pays/", "/en/countries/?region=sub-saharan-africa&sort=finding"],
    "sector index": ["/fr/secteurs/", "/en/sectors/"],
    "country sheet": ["/fr/ressources/cote-d-ivoire", "/en/resources/pakistan"],
    "commodity sheet": ["/fr/ressources/cacao", "/en/resources/cocoa"],
    "region sheet": ["/en/resources/sub-saharan-africa"],
    "tools page": ["/fr/outils/", "/en/tools/"],  # every tool of the language listed, from the search engine
    "about page": ["/fr/a-propos", "/en/about"],
    "404": ["/fr/ressources/ancienne-fiche-cacao", "/en/nowhere"],  # the first offers what its words find
    "sitemap.xml": ["/sitemap.xml"],
}


def setup(work: Path) -> Settings:
    settings = Settings(
        database_url=f"sqlite:///{work / 'crv.db'}",
        content_dir=ROOT / "content",
        index_dir=work / "index",
        sync_in_process=False,
        public_base_url="http://127.0.0.1:8000",
        rate_limit_enabled=False,
        quiet_access_log=True,
    )
    migrations.upgrade(settings.database_url)
    factory = make_session_factory(make_engine(settings.database_url))
    with factory() as session:
        content_service.load(session, settings.content_dir)
        session.commit()
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    engine.apply_settings()
    rebuild_index(factory, engine, taxonomies)
    engine.close()
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page kind")
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("loading content/ and building the index…", flush=True)
        settings = setup(Path(folder))
        worst = 0.0
        with TestClient(create_app(settings)) as client:
            print(f"{'page kind':<22} {'bytes':>8} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>8} {'cpu p95':>8}")
            for kind, paths in PAGES.items():
                for path in paths:
                    for _ in range(args.warmup):
                        client.get(path)
                timings, cpu, size = [], [], 0
                for i in range(args.requests):
                    path = paths[i % len(paths)]
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path)
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                    assert response.status_code in (200, 404), (path, response.status_code)
                    size = max(size, len(response.content))
                p95 = statistics.quantiles(timings, n=20)[-1]
                cpu95 = statistics.quantiles(cpu, n=20)[-1]
                worst = max(worst, cpu95)
                print(
                    f"{kind:<22} {size:>8} {statistics.median(timings):>9.1f} {p95:>9.1f}"
                    f" {statistics.median(cpu):>8.1f} {cpu95:>8.1f}",
                    flush=True,
                )
        print(f"worst CPU p95: {worst:.1f} ms (target 30 ms)")


if __name__ == "__main__":
    main()
