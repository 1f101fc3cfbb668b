"""The world map of ILAB findings: the committed shapes (``static/site/world-map.json``, built by
``scripts/world_map.py``) joined with each country's finding and sheet. Pages inline it as SVG; no request leaves
the centre. Screen readers and keyboards get the table alternative, which holds the same links."""

import json
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.i18n import N_, format_number, gettext, ngettext
from app.services.site.browse import CountryRow, OtherCountry
from app.services.site.findings import IMPLIED, Finding
from app.services.site.map_taps import Tap, taps

ASSET = Path(__file__).resolve().parents[2] / "static" / "site" / "world-map.json"
# A product's map: a country ILAB reports on that it does not list for the product. Not « not assessed », which
# the about page keeps for the countries outside ILAB's reports.
UNLISTED = "unlisted"
UNLISTED_LABEL = N_("Not listed for this product")
# A region's map: a country ILAB reports on under another of its regions. Not « not assessed » either: that stays for
# the countries outside ILAB's reports (whose region ILAB does not say).
OUTSIDE = "outside"
OUTSIDE_LABEL = N_("Outside this region")


@lru_cache(maxsize=1)
def shapes() -> Mapping[str, Any]:
    data: Mapping[str, Any] = json.loads(ASSET.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class Shape:
    code: str
    d: str
    finding: str  # a Finding, or UNLISTED: the class of its fill (``m-…``), a pattern and a colour
    name: str
    label: str  # the finding's label in the page's language
    url: str | None
    tap: Tap | None = None  # a small linked country's invisible tap circle (``map_taps``)


@dataclass(frozen=True, slots=True)
class WorldMap:
    """Hashable: equal maps render to the same HTML, which ``app.templating`` keeps (see ``map_html``)."""

    language: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    rows: tuple[CountryRow, ...]  # the table alternative
    others: tuple[OtherCountry, ...]  # not assessed, linked to their resources (in the table alternative too)
    # finding, label, number of countries: each country once, under its most serious finding, as the map draws it
    # (a pattern per finding), and labelled so (« Travail des enfants seulement »)
    legend: tuple[tuple[str, str, int], ...]
    totals: str = ""  # the countries counted under every finding listed for them, not only the most serious
    product: bool = False  # a product's map, whose legend has UNLISTED
    region: bool = False  # a region's map, whose legend has OUTSIDE


def build_map(
    rows: Sequence[CountryRow],
    name_of: Callable[[str], str],
    language: str,
    only: set[str] | None = None,
    others: Sequence[OtherCountry] = (),
    unlisted: Collection[str] = (),
    outside: Collection[str] = (),
) -> WorldMap:
    """``rows``: the countries with findings; ``name_of``: a country's name in ``language``; ``only``: when set (a
    commodity or region sheet), the other countries are drawn as "not assessed" and without links; ``others``: the
    countries ILAB does not assess that have resources, drawn as "not assessed" and linked to them; ``unlisted``
    (a product's map): the countries ILAB reports on that it does not list for the product, drawn and named in the
    legend as "not listed for this product" (a pattern of their own, not the grey of "not assessed"); ``outside``
    (a region's map): the countries ILAB reports on under another region, drawn and named "outside this region".
    The small linked countries come last, each with its tap circle (``map_taps``), the smallest last."""
    data = shapes()
    labels: dict[str, str] = {finding: finding.legend_label(language) for finding in Finding}
    labels[UNLISTED] = gettext(language, UNLISTED_LABEL)
    labels[OUTSIDE] = gettext(language, OUTSIDE_LABEL)
    unlisted, outside = set(unlisted), set(outside)
    by_code = {row.code: row for row in rows if only is None or row.code in only}
    other_by_code = {other.code: other for other in others if other.code not in by_code}
    drawn = []
    for code, d in data["countries"].items():
        row = by_code.get(code)
        other = other_by_code.get(code)
        if row:
            drawn.append(Shape(code, d, row.finding, row.name, labels[row.finding], row.url))
        elif code in unlisted:
            drawn.append(Shape(code, d, UNLISTED, name_of(code), labels[UNLISTED], None))
        elif code in outside:
            drawn.append(Shape(code, d, OUTSIDE, name_of(code), labels[OUTSIDE], None))
        elif other:
            count = ngettext(language, "%(count)s resource", "%(count)s resources", other.count,
                             count=format_number(other.count, language))  # fmt: skip
            label = f"{labels[Finding.unassessed]} · {count}"
            drawn.append(Shape(code, d, Finding.unassessed, other.name, label, other.url))
        else:
            drawn.append(Shape(code, d, Finding.unassessed, name_of(code), labels[Finding.unassessed], None))
    circles = _taps(frozenset(shape.code for shape in drawn if shape.url))
    by_shape = {shape.code: shape for shape in drawn}
    drawn = [shape for shape in drawn if shape.code not in circles]
    drawn += [replace(by_shape[code], tap=tap) for code, tap in reversed(list(circles.items()))]  # the smallest last
    counts = dict.fromkeys(Finding, 0)
    for row in by_code.values():
        counts[row.finding] += 1
    legend = tuple((f.value, labels[f], counts[f]) for f in Finding)
    if unlisted:  # before « not assessed », the last entry
        legend = (*legend[:-1], (UNLISTED, labels[UNLISTED], len(unlisted - set(by_code))), legend[-1])
    if outside:  # likewise
        legend = (*legend[:-1], (OUTSIDE, labels[OUTSIDE], len(outside - set(by_code))), legend[-1])
    return WorldMap(
        str(language),
        data["width"],
        data["height"],
        tuple(drawn),
        tuple(by_code.values()),
        tuple(other_by_code.values()),
        legend,
        _totals(by_code.values(), language),
        bool(unlisted),
        bool(outside),
    )


@lru_cache(maxsize=32)
def _taps(linked: frozenset[str]) -> Mapping[str, Tap]:
    """The tap circles of a map whose ``linked`` countries have a link, in placing order (smallest first)."""
    data = shapes()
    return taps(data["countries"], linked, data["width"])


def _totals(rows: Collection[CountryRow], language: str) -> str:
    """How many of the drawn countries ILAB lists for forced labour and for child labour at all, when the legend's
    counts do not say it already: it counts Côte d'Ivoire's cocoa under forced child labour only, yet ILAB lists it
    for forced labour and for child labour too."""
    listed = [row.listed or IMPLIED.get(row.finding, frozenset()) for row in rows]
    forced = sum(Finding.forced in found for found in listed)
    child = sum(Finding.child in found for found in listed)
    only = Counter(row.finding for row in rows)
    if (forced, child) == (only[Finding.forced], only[Finding.child]):
        return ""  # no country has more than one finding: the legend's counts are every country's
    return gettext(
        language,
        "Counting every finding, not only the most serious, ILAB lists forced labour in %(forced)s of these "
        "countries and child labour in %(child)s.",
        forced=format_number(forced, language),
        child=format_number(child, language),
    )
