"""Tap circles for the world map's small countries on a phone (a field officer's audit, December 2026: at 360 px
Madagascar is drawn 7 × 16 px, and of nine taps within 8 px of its centre one opened it and one Mozambique).

Every linked country whose drawn box fits in a 24 px square at the narrowest width (WCAG 2.2, 2.5.8 Target Size
(Minimum)) gets an invisible circle of ``TARGET`` across, inside its own link (the map is hidden from assistive
technology and out of the tab order, so the circle adds no tab stop and no name), centred on its largest polygon.
At 360 px nearly every country is that small, so the circles are spaced: smaller countries first, a circle never
overlaps one placed before it and stops ``GAP`` short of any other country's centre (halfway to it when closer), so
a neighbour's middle stays the neighbour's. The page draws the circled countries last, the smallest last, so that a
circle wins over a larger neighbour's area and a smaller country's own shape wins over a larger one's circle."""

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

NARROWEST = 329.0  # CSS px: the map's inner width on a 360 px wide phone (/fr/pays/, /fr/, a sheet: measured)
TARGET = 24.0  # CSS px: WCAG 2.5.8's minimum target, and the diameter of its spacing circle
GAP = 1.5  # CSS px left to another country around its centre

RING = re.compile(r"M(-?[\d.]+) (-?[\d.]+)l([^zM]*)")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Outline:
    """A country's centre (to the map's tenth) and drawn box, in the map's own units (its viewBox)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Tap:
    """An invisible circle, in the map's units."""

    x: float
    y: float
    r: float


def rings(d: str) -> list[list[Point]]:
    """The polygons of a path of ``scripts/world_map.py`` (absolute moves, relative lines, closed)."""
    found = []
    for move in RING.finditer(d):
        x, y = float(move[1]), float(move[2])
        points = [(x, y)]
        steps = [float(number) for number in NUMBER.findall(move[3])]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        found.append(points)
    return found


def _area_centroid(points: list[Point]) -> tuple[float, Point]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, points[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _inside(point: Point, points: list[Point]) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


@lru_cache(maxsize=512)
def outline(d: str) -> Outline:
    """The box of every polygon, centred on the largest polygon's centroid (its box's centre when the centroid
    falls outside it, as a crescent's would)."""
    polygons = rings(d)
    xs = [x for points in polygons for x, _ in points]
    ys = [y for points in polygons for _, y in points]
    largest = max(polygons, key=lambda points: _area_centroid(points)[0])
    centre = _area_centroid(largest)[1]
    if not _inside(centre, largest):
        lx, ly = [x for x, _ in largest], [y for _, y in largest]
        centre = ((min(lx) + max(lx)) / 2, (min(ly) + max(ly)) / 2)
    return Outline(round(centre[0], 1), round(centre[1], 1), max(xs) - min(xs), max(ys) - min(ys))


def taps(paths: Mapping[str, str], linked: Collection[str], width: float) -> dict[str, Tap]:
    """The circles of the ``linked`` countries that need one, in placing order (smallest first); ``paths``: every
    country's path on a map ``width`` units wide."""
    scale = NARROWEST / width  # CSS px per unit at the narrowest width
    outlines = {code: outline(d) for code, d in paths.items()}
    small = [code for code in linked if code in outlines and _fits(outlines[code], scale)]
    small.sort(key=lambda code: (outlines[code].width * outlines[code].height, code))
    placed: dict[str, Tap] = {}
    for code in small:
        here = outlines[code]
        reach = TARGET / 2  # CSS px
        for other, there in outlines.items():
            if other != code:
                apart = math.dist((here.x, here.y), (there.x, there.y)) * scale
                reach = min(reach, max(apart / 2, apart - GAP))
        for tap in placed.values():
            reach = min(reach, (math.dist((here.x, here.y), (tap.x, tap.y)) - tap.r) * scale)
        radius = math.floor(reach / scale * 10) / 10  # down to the map's tenth: rounding never makes two overlap
        if radius > 0:
            placed[code] = Tap(here.x, here.y, radius)
    return placed


def _fits(box: Outline, scale: float) -> bool:
    return max(box.width, box.height) * scale < TARGET
