"""Command line: python -m scripts.ilab_sheets [--data DIR] [--taxonomies DIR] [--out DIR]."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .commodities import commodity_sheets
from .common import Sheet
from .constants import DEFAULT_DATA, DEFAULT_OUT, DEFAULT_TAXONOMIES, FOLDERS, HAND_WRITTEN, REGIONS, SECTOR_SHEETS
from .countries import country_sheets
from .model import Dataset, load
from .regions import region_sheets
from .sectors import sector_sheets


def build(dataset: Dataset) -> list[Sheet]:
    sheets: list[Sheet] = []
    for iso2 in sorted(dataset.countries):
        sheets += country_sheets(dataset, dataset.countries[iso2])
    for code in dataset.commodities():
        sheets += commodity_sheets(dataset, code)
    for sector in SECTOR_SHEETS:
        sheets += sector_sheets(dataset, sector)
    for region in sorted(set(REGIONS.values())):
        sheets += region_sheets(dataset, region)
    slugs = Counter((s.lang, s.slug) for s in sheets)
    clashes = sorted(k for k, n in slugs.items() if n > 1 or k[1] == "france")
    if clashes:
        raise SystemExit(f"duplicate slugs: {clashes}")
    return sheets


def write(sheets: Sequence[Sheet], out: Path) -> tuple[int, int]:
    written: set[Path] = set()
    for sheet in sheets:
        path = out / sheet.folder / sheet.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        content = sheet.render().encode("utf-8")
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
        written.add(path)
    removed = 0
    for folder in FOLDERS:
        for path in sorted((out / folder).glob("*.md")):
            if path not in written and not path.name.startswith(HAND_WRITTEN):
                path.unlink()
                removed += 1
    return len(written), removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of countries.csv and country_goods.csv")
    parser.add_argument("--taxonomies", type=Path, default=DEFAULT_TAXONOMIES, help="content/taxonomies folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (content/resources/risk-sheets)")
    args = parser.parse_args(argv)
    dataset = load(args.data, args.taxonomies)
    sheets = build(dataset)
    count, removed = write(sheets, args.out)
    kinds = Counter(s.folder for s in sheets)
    print(
        f"{count} files written to {args.out} ("
        + ", ".join(f"{kinds[f] // 2} {f}" for f in FOLDERS)
        + f"); {removed} stale file(s) removed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
