"""Peak memory of an export as the corpus grows: a synthetic SQLite corpus of N resources, then the export written
to /dev/null in a fresh process, whose peak resident set (ru_maxrss) is reported per format.

Usage: .venv/bin/python bench/export_memory.py [--sizes 10000 100000] [--formats csv jsonl xlsx]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import migrations  # noqa: E402
from app.db import make_engine, make_session_factory  # noqa: E402
from app.models import Resource, ResourceStatus  # noqa: E402


def build(url: str, size: int) -> None:
    migrations.upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        for start in range(0, size, 5000):
            connection.execute(
                insert(Resource),
                [
                    {
                        "id": f"r{i}.en", "translation_key": f"r{i}", "language": "en", "slug": f"r{i}",
                        "type": "tool", "title": f"Resource number {i}", "summary": "A synthetic resource. " * 10,
                        "body": "Body text of a synthetic resource. " * 100, "countries": ["FR", "CI"],
                        "regions": [], "sectors": ["cocoa"], "risks": ["child-labour"], "audiences": [],
                        "publisher": "crv", "sources": [], "licence": "CC-BY-4.0",
                        "published_at": date(2025, 1, 1), "updated_at": date(2025, 1, 1),
                        "status": ResourceStatus.published, "origin": "content", "version": 1,
                    }
                    for i in range(start, min(size, start + 5000))
                ],
            )  # fmt: skip
    engine.dispose()


def export(url: str, export_format: str) -> None:
    from app.services import exports, listing

    factory = make_session_factory(make_engine(url))
    size = 0
    started = time.perf_counter()
    with factory() as session:
        rows = listing.stream(session, listing.Selection())
        for chunk in exports.export(rows, exports.ExportFormat(export_format), "http://x"):
            size += len(chunk)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    elapsed = time.perf_counter() - started
    print(f"{export_format}\t{size / 2**20:.1f} MiB written\t{elapsed:.1f} s\tpeak RSS {peak_mib:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "jsonl", "xlsx"])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export(*args.child)
        return
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            url = f"sqlite:///{directory}/corpus-{size}.db"
            build(url, size)
            print(f"-- {size} resources")
            for export_format in args.formats:
                subprocess.run([sys.executable, __file__, "--child", url, export_format], check=True)


if __name__ == "__main__":
    main()
