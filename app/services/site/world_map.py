"""The world map of ILAB findings: the committed shapes (``static/site/world-map.json``, built by
``scripts/world_map.py``) joined with each country's finding and sheet. Pages inline it as SVG; no request leaves
the centre. Screen readers and keyboards get the table alternative, which holds the same links."""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.services.site.browse import CountryRow
from app.services.site.findings import Finding

ASSET = Path(__file__).resolve().parents[2] / "static" / "site" / "world-map.json"


@lru_cache(maxsize=1)
def shapes() -> Mapping[str, Any]:
    data: Mapping[str, Any] = json.loads(ASSET.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class Shape:
    code: str
    d: str
    finding: Finding
    name: str
    label: str  # the finding's label in the page's language
    url: str | None


@dataclass(frozen=True, slots=True)
class WorldMap:
    """Hashable: equal maps render to the same HTML, which ``app.templating`` keeps (see ``map_html``)."""

    language: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    rows: tuple[CountryRow, ...]  # the table alternative
    legend: tuple[tuple[str, str, int], ...]  # finding, label, number of countries


def build_map(
    rows: Sequence[CountryRow], name_of: Callable[[str], str], language: str, only: set[str] | None = None
) -> WorldMap:
    """``rows``: the countries with findings; ``name_of``: a country's name in ``language``; ``only``: when set (a
    commodity or region sheet), the other countries are drawn as "not assessed" and without links."""
    data = shapes()
    labels = {finding: finding.label(language) for finding in Finding}
    by_code = {row.code: row for row in rows if only is None or row.code in only}
    drawn = []
    for code, d in data["countries"].items():
        row = by_code.get(code)
        finding = row.finding if row else Finding.unassessed
        name = row.name if row else name_of(code)
        drawn.append(Shape(code, d, finding, name, labels[finding], row.url if row else None))
    counts = dict.fromkeys(Finding, 0)
    for row in by_code.values():
        counts[row.finding] += 1
    legend = tuple((f.value, labels[f], counts[f]) for f in Finding)
    return WorldMap(str(language), data["width"], data["height"], tuple(drawn), tuple(by_code.values()), legend)
