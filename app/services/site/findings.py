"""ILAB 2022 findings per country, for the map, the country index and the badges: the most serious finding among
the goods ILAB lists for the country (forced child labour > forced labour > child labour), "assessed, no
finding" for a country ILAB reports on without listing a good, "not assessed" for any other.

Read through the typed ILAB reader of the findings service (``app.ilab.reader``, issue 12), which also serves
``/v1/findings``; this module only reduces it to what the pages draw.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from app.i18n import N_, gettext
from app.ilab.reader import Finding as IlabFinding
from app.ilab.reader import load_ilab

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

    def legend_label(self, language: str) -> str:
        """The finding as one of the map's exclusive categories: a country is drawn and counted under its most
        serious finding only, so "child labour" there means "child labour only" (issue: « Travail forcé (0) » on
        the cocoa sheet, whose forced labour countries are drawn as forced child labour)."""
        return gettext(language, LEGEND_LABELS[self])


LABELS: Mapping[Finding, str] = {
    Finding.forced_child: N_("Forced child labour"),
    Finding.forced: N_("Forced labour"),
    Finding.child: N_("Child labour"),
    Finding.none: N_("Assessed, no good listed"),
    Finding.unassessed: N_("Not assessed"),
}
LEGEND_LABELS: Mapping[Finding, str] = {
    Finding.forced_child: N_("Forced child labour"),
    Finding.forced: N_("Forced labour, without forced child labour"),
    Finding.child: N_("Child labour only"),
    Finding.none: N_("Assessed, no good listed"),
    Finding.unassessed: N_("Not assessed"),
}
# What each finding implies ILAB lists too: in its 2022 list every good listed for forced child labour is listed
# for child labour and for forced labour (data/ilab-2022/country_goods.csv).
IMPLIED: Mapping[Finding, frozenset[Finding]] = {
    Finding.forced_child: frozenset({Finding.forced_child, Finding.forced, Finding.child}),
    Finding.forced: frozenset({Finding.forced}),
    Finding.child: frozenset({Finding.child}),
}
FROM_ILAB: Mapping[IlabFinding, Finding] = {
    IlabFinding.forced_child_labour: Finding.forced_child,
    IlabFinding.forced_labour: Finding.forced,
    IlabFinding.child_labour: Finding.child,
}
ORDER = tuple(Finding)  # most serious first


@dataclass(frozen=True, slots=True)
class CountryFindings:
    code: str
    region: str  # code of regions.yaml
    advancement: str  # ILAB's wording
    finding: Finding
    goods: tuple[str, ...]  # ILAB's names of the goods listed with a labour finding, most serious first
    listed: frozenset[Finding] = frozenset()  # every finding ILAB lists for one of its goods, not only the worst


@lru_cache(maxsize=2)
def load(data_dir: Path = DATA_DIR) -> Mapping[str, CountryFindings]:
    """ISO alpha-2 → findings, for every country ILAB reports on."""
    if not (data_dir / "countries.csv").exists():
        return {}
    data = load_ilab(data_dir)
    result = {}
    for code, facts in sorted(data.countries.items()):
        listed = sorted(
            ((FROM_ILAB[row.findings[0]], row.good) for row in data.by_country.get(code, ()) if row.findings),
            key=lambda item: (ORDER.index(item[0]), item[1]),
        )
        result[code] = CountryFindings(
            code=code,
            region=facts.region,
            advancement=facts.advancement,
            finding=listed[0][0] if listed else Finding.none,
            goods=tuple(dict.fromkeys(name for _, name in listed)),
            listed=frozenset(FROM_ILAB[finding] for row in data.by_country.get(code, ()) for finding in row.findings),
        )
    return result


def finding_of(code: str, data_dir: Path = DATA_DIR) -> Finding:
    entry = load(data_dir).get(code)
    return entry.finding if entry else Finding.unassessed
