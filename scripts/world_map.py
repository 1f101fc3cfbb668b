"""Builds the site's world map asset from Natural Earth shapes shipped by npm ``world-atlas`` (110m countries).

    npm ci && python scripts/world_map.py   # writes app/static/site/world-map.json (committed)

Reproducible: same input, same output. The TopoJSON arcs are decoded, projected with the Equal Earth projection,
Antarctica is dropped, coordinates are rounded to 0.1 px on a 1000 px wide canvas and points closer than
``MIN_STEP`` to the previous kept one are dropped; each country becomes one SVG path (absolute move, relative lines)
keyed by its ISO 3166-1 alpha-2 code. The map is never fetched at run time: the pages inline these paths.
"""

import itertools
import json
import math
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
TARGET = ROOT / "app" / "static" / "site" / "world-map.json"
WIDTH = 1000.0
MIN_STEP = 1.2  # px: smaller steps are invisible at the sizes the map is shown
SOUTH_LIMIT = -58.0  # degrees: drop what lies below (Antarctica, South Georgia's tip)
NO_ISO = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}  # Natural Earth units without an ISO number

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, y


X_MAX = equal_earth(180, 0)[0]
Y_TOP = equal_earth(0, 84)[1]
Y_BOTTOM = equal_earth(0, SOUTH_LIMIT)[1]
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round((Y_TOP - Y_BOTTOM) * SCALE, 1)


def to_canvas(lon: float, lat: float) -> tuple[int, int]:
    """Projected point in tenths of a pixel (integers, so relative steps add up exactly)."""
    x, y = equal_earth(lon, lat)
    return round((x + X_MAX) * SCALE * 10), round((Y_TOP - y) * SCALE * 10)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian (Chukotka, Fiji) would be drawn across the whole map: its points on the
    minority side are pinned to the edge of the majority side instead."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(points)):
        return points
    east = sum(1 for lon, _ in points if lon > 0) >= len(points) / 2
    return [((180.0 if east else -180.0) if (lon > 0) != east else lon, lat) for lon, lat in points]


def ring_path(points: list[tuple[float, float]]) -> str:
    if all(lat < SOUTH_LIMIT for _, lat in points):
        return ""
    points = unwrap(points)
    canvas = [to_canvas(lon, max(lat, SOUTH_LIMIT)) for lon, lat in points]
    kept = [canvas[0]]
    for point in canvas[1:]:
        last = kept[-1]
        if math.hypot(point[0] - last[0], point[1] - last[1]) >= MIN_STEP * 10:
            kept.append(point)
    if len(kept) < 3:
        return ""
    parts = [f"M{kept[0][0] / 10:g} {kept[0][1] / 10:g}l"]
    steps = []
    for (x0, y0), (x1, y1) in itertools.pairwise(kept):
        steps.append(f"{(x1 - x0) / 10:g} {(y1 - y0) / 10:g}")
    return parts[0] + " ".join(steps).replace(" -", "-") + "z"


def alpha2(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if name in NO_ISO:
        return NO_ISO[name]
    number = geometry.get("id")
    country = pycountry.countries.get(numeric=number) if number else None
    return country.alpha_2 if country else None


def build() -> dict:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries: dict[str, list[str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry)
        if code is None or code == "AQ":
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        paths = [ring_path(ring(arcs, r)) for polygon in polygons for r in polygon]
        countries.setdefault(code, []).extend(p for p in paths if p)
    return {
        "source": "Natural Earth 1:110m via npm world-atlas 2.0.2 (countries-110m.json), public domain",
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": HEIGHT,
        "countries": {code: "".join(paths) for code, paths in sorted(countries.items()) if paths},
    }


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    data = build()
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(data['countries'])} countries, {TARGET.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
