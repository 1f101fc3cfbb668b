"""The world map on a field officer's phone (360 × 740, December 2026): of nine taps within 8 px of Madagascar's
centre on /fr/pays/, one opened Madagascar and one Mozambique. Madagascar's tap circle now takes all nine, the circle
is invisible and out of the tab order, and the country index and a region sheet (« Outside this region ») pass
axe-core."""

import math
from typing import Any

import pytest

from app.paths import resource_path
from app.services.site import map_taps, world_map
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi, with_content_resources

SHEETS = ("countries/country-mg", "countries/country-mz", "countries/country-mw", "regions/region-sub-saharan-africa")

# Every element the point (x, y) of the map's own units hits at 360 px: the href of its link, if any.
HIT = """([x, y]) => {
  const svg = document.querySelector('figure.map > svg');
  const box = svg.getBoundingClientRect(), k = svg.clientWidth / svg.viewBox.baseVal.width;
  const hit = document.elementFromPoint(box.x + svg.clientLeft + x * k, box.y + svg.clientTop + y * k);
  const link = hit && hit.closest('a');
  return link ? link.getAttribute('href') : (hit ? hit.tagName : null);
}"""


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    """The live API plus the real sheets of Madagascar, Mozambique and Malawi (so that their shapes are linked) and
    of Sub-Saharan Africa."""
    return with_content_resources(live_api, *(f"resources/risk-sheets/{sheet}" for sheet in SHEETS))


def test_nine_taps_around_madagascar_open_madagascar(small_phone: Any, site: LiveApi) -> None:
    """The centre and eight points 8 px from it (at 360 px) all hit Madagascar's link; the map is still 360 px's
    (the scale the circles are sized for); the circle paints nothing and takes no focus."""
    small_phone.goto(site.url + "/fr/pays/")
    svg = small_phone.locator("figure.map > svg")
    assert svg.evaluate("e => e.clientWidth") == pytest.approx(map_taps.NARROWEST, abs=2)
    centre = map_taps.outline(world_map.shapes()["countries"]["MG"])
    unit = svg.evaluate("e => e.viewBox.baseVal.width / e.clientWidth")  # map units per CSS px
    madagascar = resource_path("fr", "madagascar")
    hits = []
    for dx, dy in [(0.0, 0.0)] + [(8 * math.cos(k * math.pi / 4), 8 * math.sin(k * math.pi / 4)) for k in range(8)]:
        hits.append(small_phone.evaluate(HIT, [centre.x + dx * unit, centre.y + dy * unit]))
    assert hits == [madagascar] * 9
    circle = small_phone.locator(f'figure.map a[href="{madagascar}"] circle.tap')
    assert circle.evaluate("e => getComputedStyle(e).fill") == "rgba(0, 0, 0, 0)"
    assert circle.evaluate("e => e.tabIndex") == -1 and circle.evaluate("e => e.closest('a').tabIndex") == -1
    small_phone.keyboard.press("Tab")
    assert small_phone.evaluate("!document.activeElement.closest('figure.map svg')")


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
@pytest.mark.parametrize(
    "path", ["/fr/pays/", "/en/resources/sub-saharan-africa", "/fr/ressources/afrique-subsaharienne"]
)
def test_the_maps_pass_axe(small_phone: Any, site: LiveApi, path: str) -> None:
    small_phone.goto(site.url + path)
    assert small_phone.locator("figure.map circle.tap").count() > 0
    if "/pays/" not in path:
        assert small_phone.locator("figure.map path.m-outside").count() > 50
    for width in (360, 1280):
        small_phone.set_viewport_size({"width": width, "height": 740})
        assert axe_violations(small_phone) == [], f"{path} at {width} px"
