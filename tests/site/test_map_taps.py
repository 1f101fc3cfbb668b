"""The world map on a field officer's phone (December 2026): at 360 px Madagascar was 7 × 16 px and a tap near it
opened nothing or Mozambique; small linked countries now have an invisible tap circle inside their own link. And a
region's map called every country outside the region « Not assessed »: those ILAB reports on under another region
read « Outside this region »."""

import math
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.services.site import findings, map_taps, world_map
from app.services.site.browse import CountryRow
from app.services.site.findings import Finding
from tests.helpers import add_content_sheet
from tests.site.test_wayfinding import drawn, legend

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

LINK = re.compile(r'<a href="([^"]+)" tabindex="-1">(.*?)</a>', re.S)
CIRCLE = re.compile(r'<circle class="tap" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="transparent"/>')
SCALE = map_taps.NARROWEST / world_map.shapes()["width"]  # CSS px per map unit on a 360 px phone


def svg_of(page: str) -> str:
    """The map's countries (after its patterns, whose dots are circles too)."""
    return page.split('<figure class="map"')[1].split("</svg>")[0].split("</defs>")[1]


def code_of(d: str) -> str:
    return next(code for code, path in world_map.shapes()["countries"].items() if path == d)


def circles(svg: str) -> dict[str, tuple[float, float, float]]:
    """Each circled link's country and its circle (checking the circle is the last thing inside its link)."""
    found = {}
    for _, inner in LINK.findall(svg):
        circle = CIRCLE.search(inner)
        if circle:
            assert inner.endswith(circle.group(0)), inner[-200:]
            d = re.search(r' d="([^"]+)"', inner).group(1)  # type: ignore[union-attr]
            found[code_of(d)] = (float(circle[1]), float(circle[2]), float(circle[3]))
    return found


def small(code: str) -> bool:
    box = map_taps.outline(world_map.shapes()["countries"][code])
    return max(box.width, box.height) * SCALE < map_taps.TARGET


def every_country_linked() -> world_map.WorldMap:
    """A map linking every country ILAB reports on (as the country index does once each has its sheet)."""
    rows = [
        CountryRow(code, code, entry.region, entry.region, entry.finding, "", 0, "", f"/en/resources/{code.lower()}")
        for code, entry in findings.load().items()
    ]
    return world_map.build_map(rows, str, "en")


def test_only_small_linked_countries_have_a_circle_inside_their_link(client: TestClient) -> None:
    """On the country index: every circle is inside a link, after the country's shape, on a linked country whose box
    fits in 24 px at 360 px; a country without a link has none; nothing in the map is focusable or named twice."""
    page = client.get("/fr/pays/").text
    svg = svg_of(page)
    assert svg.count("<circle") == len(CIRCLE.findall(svg))  # every tap circle as the pattern expects
    found = circles(svg)
    linked = {code_of(d) for _, inner in LINK.findall(svg) for d in re.findall(r' d="([^"]+)"', inner)[:1]}
    assert found and set(found) <= linked
    assert all(small(code) for code in found)
    assert len(CIRCLE.findall(svg)) == len(found)  # no circle outside a link
    assert '<svg viewBox="0 0 1000.0 437.4" aria-hidden="true" focusable="false"' in page
    assert "<circle" not in "".join(re.findall(r"<title>.*?</title>", svg))
    assert not re.search(r"<circle[^>]*(tabindex|<title>|aria-)", svg)


def test_every_small_linked_country_gets_a_circle_and_none_overlap() -> None:
    """With every assessed country linked: each small one has its circle, the large ones (Brazil, India) none; no
    two circles overlap (the spacing rule); Madagascar's reaches past 8 px at 360 px, Mozambique's gives way; the
    circled countries come last, the smallest last."""
    built = every_country_linked()
    taps = {shape.code: shape.tap for shape in built.shapes if shape.tap}
    linked = set(findings.load()) & set(world_map.shapes()["countries"])
    assert set(taps) <= {code for code in linked if small(code)}
    assert len(taps) >= 0.9 * len([code for code in linked if small(code)])  # nearly all: some centres coincide
    assert "BR" not in taps and "IN" not in taps and small("MG") and not small("BR")
    for (a, one), (b, two) in ((x, y) for x in taps.items() for y in taps.items() if x[0] < y[0]):
        assert math.dist((one.x, one.y), (two.x, two.y)) >= one.r + two.r - 1e-9, (a, b)
    assert taps["MG"].r * SCALE > 8.0
    assert taps["MZ"].r < taps["MG"].r
    order = [shape.code for shape in built.shapes]
    assert set(order[-len(taps) :]) == set(taps)
    assert order.index("MG") > order.index("MZ")  # the smaller is drawn later, over the larger one's area


def test_unlinked_countries_and_large_ones_have_no_circle() -> None:
    """A map without links has no circle; a circle never exceeds 24 px across at 360 px."""
    rows = [CountryRow("MG", "Madagascar", "", "", Finding.child, "", 0, "", None)]
    assert not any(shape.tap for shape in world_map.build_map(rows, str, "en").shapes)
    built = every_country_linked()
    assert max(shape.tap.r for shape in built.shapes if shape.tap) * SCALE * 2 <= map_taps.TARGET


def test_an_outline_is_centred_on_its_largest_polygon() -> None:
    """Two squares: the centre is the larger one's; the box spans both."""
    box = map_taps.outline("M0 0l10 0 0 10-10 0zM20 0l2 0 0 2-2 0z")
    assert (box.x, box.y, box.width, box.height) == (5.0, 5.0, 22.0, 10.0)
    crescent = map_taps.outline("M0 0l10 0 0 1-9 0 0 8 9 0 0 1-10 0z")  # a « C »: its centroid is outside it
    assert (crescent.x, crescent.y) == (5.0, 5.0)


REGION_SHEET = "resources/risk-sheets/regions/region-sub-saharan-africa"


def test_a_region_map_tells_outside_the_region_from_not_assessed(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """On Sub-Saharan Africa's map, Brazil (ILAB reports on it under Latin America) reads « Outside this region »,
    with a pattern, a legend entry (no count) and a note of its own; France, outside ILAB's reports, stays « Not
    assessed »; Ghana keeps its finding."""
    slug = add_content_sheet(session_factory, REGION_SHEET, ["en"])["en"]
    page = client.get(f"/en/resources/{slug}").text
    assert "<title>Brazil: Outside this region</title>" in page
    assert "<title>France: Not assessed</title>" in page
    assert "<title>Ghana: Not assessed</title>" not in page and "<title>Ghana: Outside" not in page
    entries = legend(page)
    assert entries[-2:] == [("outside", "Outside this region"), ("unassessed", "Not assessed")]
    assert 'id="p-outside"' in page
    outside = {code for code, entry in findings.load().items() if entry.region != "sub-saharan-africa"}
    assert drawn(page)["outside"] == len(outside & set(world_map.shapes()["countries"]))
    assert "“Outside this region”: ILAB reports on the country under another of its regions" in page
    cocoa_or_home = client.get("/en/").text
    assert 'class="m-outside"' not in cocoa_or_home and "outside" not in dict(legend(cocoa_or_home))


def test_the_french_region_map(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    slug = add_content_sheet(session_factory, REGION_SHEET, ["fr"])["fr"]
    page = client.get(f"/fr/ressources/{slug}").text
    outside = gettext("fr", "Outside this region")
    assert f"<title>Brésil{gettext('fr', ':')} {outside}</title>" in page
    assert dict(legend(page))["outside"] == outside
