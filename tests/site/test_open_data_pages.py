"""What the data journalist's audit found on the pages drawn from ILAB's findings (December 2026): the country index
cut ILAB's advancement level short (« No Advancement » for « No Advancement – Efforts Made but Complicit in Forced
Child Labor ») and did not say which goods it counts; a product's map called every country without the product
« not assessed », which the about page keeps for the countries outside ILAB's reports."""

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.ilab.reader import advancement_labels
from app.services.site import findings, world_map
from tests.helpers import add_content_sheet
from tests.site.test_map_taps import REGION_SHEET
from tests.site.test_wayfinding import COCOA_SHEET, drawn, legend

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


def advancement_cells(page: str) -> dict[str, str]:
    """Each country row's name and advancement cell (the last) on the country index."""
    rows = re.findall(r'<tr data-region="[^"]*"[^>]*>(.*?)</tr>', page, re.S)
    found = {}
    for row in rows:
        name = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)))  # type: ignore[union-attr]
        found[name] = html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1])
    return found


def test_the_country_index_shows_ilab_s_whole_advancement_level(client: TestClient) -> None:
    """Eritrea and the 23 other countries whose level has a qualifier show it in full, in ILAB's words in English and
    translated in French; the plain levels stay as they were worded (« Moderate Advancement »)."""
    english, french = (
        advancement_cells(client.get("/en/countries/").text),
        advancement_cells(client.get("/fr/pays/").text),
    )
    assert english["Eritrea"] == "No Advancement – Efforts Made but Complicit in Forced Child Labor"
    assert french["Érythrée"] == "Aucun progrès – efforts réels, mais complicité dans le travail forcé des enfants"
    assert english["Ghana"] == "Moderate Advancement"
    assert english["China"] == ""  # the Findings do not assess it: no level
    qualified = [entry for entry in findings.load().values() if " – " in entry.advancement]
    assert len(qualified) == 24
    shown_en, shown_fr = set(english.values()), set(french.values())
    for entry in qualified:
        fr, en = advancement_labels(entry.advancement)
        assert en in shown_en and fr in shown_fr, entry.code
    assert not any(value.endswith("Advancement") and " – " not in value for value in shown_en - {
        "Significant Advancement", "Moderate Advancement", "Minimal Advancement", "No Advancement"})  # fmt: skip


def test_the_country_index_says_which_goods_it_counts(client: TestClient) -> None:
    """The goods column's header is described by a note (the goods listed for a labour finding; those made with
    exploited inputs apart), which screen readers hear with it."""
    page = client.get("/en/countries/").text
    note = re.search(r'<p id="goods-note"[^>]*>(.*?)</p>', page, re.S)
    assert note and "are not counted" in note.group(1)
    header = re.search(r'<th scope="col" data-sort="goods"[^>]*><a [^>]*aria-describedby="([^"]+)"', page)
    assert header and header.group(1).split() == ["sort-hint", "goods-note"]


def test_a_product_map_tells_not_listed_from_not_assessed(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """On the cocoa sheet's map, Peru (ILAB reports on it, and lists no cocoa there) reads « Not listed for this
    product », with a pattern and a legend entry of its own; France, outside ILAB's reports, stays « Not assessed »;
    the note under the map says what the new entry means."""
    add_content_sheet(session_factory, COCOA_SHEET, ["en"])
    page = client.get("/en/resources/cocoa").text
    assert "<title>Peru: Not listed for this product</title>" in page
    assert "<title>France: Not assessed</title>" in page
    assert ("unlisted", "Not listed for this product") in legend(page)
    assert 'id="p-unlisted"' in page
    shapes = drawn(page)
    cocoa = {"BR", "CI", "CM", "GH", "GN", "NG", "SL"}  # ILAB lists cocoa for them (data/ilab-2022/country_goods.csv)
    assert shapes["unlisted"] == len((set(findings.load()) - cocoa) & set(world_map.shapes()["countries"]))
    assert "Not listed for this product”: ILAB reports on the country but does not list this product there" in page


def test_the_french_product_map_and_the_other_maps(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """The French cocoa map says it in French; a region sheet's map and the home map have no such entry (every
    country they leave out is outside them, not unlisted for a product)."""
    add_content_sheet(session_factory, COCOA_SHEET, ["fr"])
    french = client.get("/fr/ressources/cacao").text
    unlisted = gettext("fr", "Not listed for this product")
    assert dict(legend(french))["unlisted"] == unlisted
    assert f"<title>Pérou{gettext('fr', ':')} {unlisted}</title>" in french
    slug = add_content_sheet(session_factory, REGION_SHEET, ["en"])["en"]
    region = client.get(f"/en/resources/{slug}").text
    assert "unlisted" not in drawn(region) and "unlisted" not in dict(legend(region))
    outside = {code for code, entry in findings.load().items() if entry.region != "sub-saharan-africa"}
    assert drawn(region)["outside"] == len(outside & set(world_map.shapes()["countries"]))  # test_map_taps
    home = client.get("/en/").text
    assert "unlisted" not in dict(legend(home)) and 'class="m-unlisted"' not in home
