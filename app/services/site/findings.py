"""ILAB 2022 findings per country, for the map, the country index and the badges: the most serious finding among
the goods ILAB lists for the country (forced child labour > forced labour > child labour), "assessed, no
finding" for a country ILAB reports on without listing a good, "not assessed" for any other.

Read once from ``data/ilab-2022/`` (the facts the sheets are generated from). If the screening service of issue 12
(``app/services/findings.py``) lands, this module should delegate to it.
"""

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from app.i18n import N_, gettext

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "ilab-2022"
VINTAGE = "ILAB 2022"


class Finding(StrEnum):
    forced_child = "forced-child"
    forced = "forced"
    child = "child"
    none = "none"
    unassessed = "unassessed"

    def label(self, language: str) -> str:
        return gettext(language, LABELS[self])


LABELS: Mapping[Finding, str] = {
    Finding.forced_child: N_("Forced child labour"),
    Finding.forced: N_("Forced labour"),
    Finding.child: N_("Child labour"),
    Finding.none: N_("Assessed, no finding"),
    Finding.unassessed: N_("Not assessed"),
}
ORDER = tuple(Finding)  # most serious first


@dataclass(frozen=True, slots=True)
class CountryFindings:
    code: str
    ilab_region: str
    advancement: str
    finding: Finding
    goods: tuple[str, ...]  # English names of the goods ILAB lists, most serious first


def _true(value: str) -> bool:
    return value.strip().lower() == "true"


def good_finding(row: Mapping[str, str]) -> Finding | None:
    if _true(row["forced_child_labor"]):
        return Finding.forced_child
    if _true(row["forced_labor"]):
        return Finding.forced
    if _true(row["child_labor"]):
        return Finding.child
    return None


@lru_cache(maxsize=2)
def load(data_dir: Path = DATA_DIR) -> Mapping[str, CountryFindings]:
    """ISO alpha-2 → findings, for every country ILAB reports on or lists goods for."""
    if not (data_dir / "countries.csv").exists():
        return {}
    with (data_dir / "countries.csv").open(encoding="utf-8", newline="") as handle:
        countries = {row["iso2"]: row for row in csv.DictReader(handle)}
    goods: dict[str, list[tuple[Finding, str]]] = {}
    with (data_dir / "country_goods.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            finding = good_finding(row)
            if finding is not None:
                goods.setdefault(row["iso2"], []).append((finding, row["good_en"]))
    result = {}
    for code in sorted(countries.keys() | goods.keys()):
        listed = sorted(goods.get(code, []), key=lambda item: (ORDER.index(item[0]), item[1]))
        row = countries.get(code, {})
        result[code] = CountryFindings(
            code=code,
            ilab_region=row.get("ilab_region", ""),
            advancement=row.get("advancement_level", ""),
            finding=listed[0][0] if listed else Finding.none,
            goods=tuple(dict.fromkeys(name for _, name in listed)),
        )
    return result


def finding_of(code: str, data_dir: Path = DATA_DIR) -> Finding:
    entry = load(data_dir).get(code)
    return entry.finding if entry else Finding.unassessed
