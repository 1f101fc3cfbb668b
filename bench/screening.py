"""Screening benchmark: 5,000 supplier lines screened in process (target ≤ 2 s), then written as CSV and XLSX.

The lines are drawn (fixed seed) from realistic buyer input: ILAB countries and goods spelled as buyers spell
them (French and English names, ISO codes, typos, free-text products), plus unknown countries and products, in a
semicolon CSV encoded in Windows-1252. Each step is timed on a fresh process's first call (cold: the resolvers
are built then) and as the best of ``--repeat`` warm runs; wall-clock and CPU time are both reported, since the
machine may be shared.

Usage: .venv/bin/python bench/screening.py [--lines 5000] [--repeat 5]
"""

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services import screening, screening_files, screening_input  # noqa: E402
from app.services.findings import load_catalogue  # noqa: E402

T = TypeVar("T")
COUNTRIES = (
    "Côte d’Ivoire",
    "Ivory Coast",
    "CI",
    "Ghana",
    "GHA",
    "Brésil",
    "Brazil",
    "Inde",
    "India",
    "Bangladesh",
    "Bangaldesh",
    "Chine",
    "China",
    "USA",
    "France",
    "RDC",
    "Democratic Republic of the Congo",
    "Ouzbékistan",
    "Pakistan",
    "Indonésie",
    "Malaysia",
    "Thaïlande",
    "Birmanie",
    "Pérou",
    "Mali",
    "Mexique",
    "Turquie",
    "Vietnam",
    "Narnia",
)
PRODUCTS = (
    "cacao",
    "cocoa beans",
    "fèves de cacao",
    "t-shirts",
    "garments",
    "coton",
    "cotton",
    "or",
    "gold",
    "cobalt",
    "briques",
    "huile de palme",
    "palm oil",
    "shrimp",
    "crevettes",
    "tomates",
    "café",
    "coffee beans",
    "sugar",
    "batteries",
    "polysilicon",
    "jade",
    "noisettes",
    "widgets",
    "raw cocoa beans, grade A",
)


def timed(function: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def supplier_csv(lines: int) -> bytes:
    rng = random.Random(8_7)
    rows = ["Référence;Pays;Produit"]
    rows += [f"SUP-{n:05d};{rng.choice(COUNTRIES)};{rng.choice(PRODUCTS)}" for n in range(1, lines + 1)]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = supplier_csv(args.lines)
    catalogue, wall, cpu = timed(lambda: load_catalogue(ROOT / "data" / "ilab-2022", ROOT / "content", "http://x"))
    print(f"catalogue load (once per process): {wall:.3f} s wall, {cpu:.3f} s CPU")

    parsed = screening_input.parse(data, "text/csv")

    def run() -> screening.ScreeningResult:
        return screening.screen(catalogue, screening_input.parse(data, "text/csv"))

    result, cold_wall, cold_cpu = timed(run)
    warm = [timed(run)[1:] for _ in range(args.repeat)]
    best_wall = min(w for w, _ in warm)
    best_cpu = min(c for _, c in warm)
    print(f"{args.lines} lines, {len(data) / 1024:.0f} KiB CSV (cp1252, ;) → parse + resolve + screen:")
    print(f"  first call (builds the resolvers): {cold_wall:.3f} s wall, {cold_cpu:.3f} s CPU")
    print(f"  warm, best of {args.repeat}: {best_wall:.3f} s wall, {best_cpu:.3f} s CPU (target ≤ 2 s)")
    print(f"  load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"  summary: {result.summary.model_dump(mode='json')}")
    _, json_wall, _ = timed(result.model_dump_json)
    _, csv_wall, _ = timed(lambda: screening_files.result_csv(result))
    _, xlsx_wall, _ = timed(lambda: screening_files.result_xlsx(result, parsed.buyer_columns()))
    print(f"  output: JSON {json_wall:.3f} s, CSV {csv_wall:.3f} s, XLSX {xlsx_wall:.3f} s (wall)")
    # On a shared machine wall-clock time includes waiting for a core; the CPU time is what the screening costs.
    return 0 if best_cpu <= 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
