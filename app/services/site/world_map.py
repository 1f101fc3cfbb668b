"""The world map of ILAB findings: the committed shapes (``static/site/world-map.json``, built by
``scripts/world_map.py``) joined with each country's finding and sheet. Pages inline it as SVG; no request leaves
the centre. Screen readers and keyboards get the table alternative, which holds the same links."""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.i18n import format_number, ngettext
from app.services.site.browse import CountryRow, OtherCountry
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
    others: tuple[OtherCountry, ...]  # not assessed, linked to their resources (in the table alternative too)
    legend: tuple[tuple[str, str, int], ...]  # finding, label, number of countries


def build_map(
    rows: Sequence[CountryRow],
    name_of: Callable[[str], str],
    language: str,
    only: set[str] | None = None,
    others: Sequence[OtherCountry] = (),
) -> WorldMap:
    """``rows``: the countries with findings; ``name_of``: a country's name in ``language``; ``only``: when set (a
    commodity or region sheet), the other countries are drawn as "not assessed" and without links; ``others``: the
    countries ILAB does not assess that have resources, drawn as "not assessed" and linked to them."""
    data = shapes()
    labels = {finding: finding.label(language) for finding in Finding}
    by_code = {row.code: row for row in rows if only is None or row.code in only}
    other_by_code = {other.code: other for other in others if other.code not in by_code}
    drawn = []
    for code, d in data["countries"].items():
        row = by_code.get(code)
        other = other_by_code.get(code)
        if row:
            drawn.append(Shape(code, d, row.finding, row.name, labels[row.finding], row.url))
        elif other:
            count = ngettext(language, "%(count)s resource", "%(count)s resources", other.count,
                             count=format_number(other.count, language))  # fmt: skip
            label = f"{labels[Finding.unassessed]} · {count}"
            drawn.append(Shape(code, d, Finding.unassessed, other.name, label, other.url))
        else:
            drawn.append(Shape(code, d, Finding.unassessed, name_of(code), labels[Finding.unassessed], None))
    counts = dict.fromkeys(Finding, 0)
    for row in by_code.values():
        counts[row.finding] += 1
    legend = tuple((f.value, labels[f], counts[f]) for f in Finding)
    return WorldMap(
        str(language),
        data["width"],
        data["height"],
        tuple(drawn),
        tuple(by_code.values()),
        tuple(other_by_code.values()),
        legend,
    )
