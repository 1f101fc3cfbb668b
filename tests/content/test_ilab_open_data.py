"""The country sheets as the open-data audit read them (December 2026): a sheet of a country that ILAB's Findings do
not assess (China, Russia, Türkiye, Vietnam…) cited those Findings, and a summary — the export's ``summary`` column —
gave « No Advancement » for ILAB's « No Advancement – Efforts Made but Complicit in Forced Child Labor »."""

from pathlib import Path

import frontmatter

from tests.content.ilab_generator import generator_module
from tests.helpers import ilab_rows

FINDINGS = ("US DOL ILAB, Findings on the Worst Forms of Child Labor (2022): data file of the Sweat & Toil app (2023)",
            "https://github.com/USDepartmentofLabor/Child-Labor/blob/48678c8e66b96c7b9070c631c1c9cb832c42ed51/"
            "Child%20Labor/countries_2016.xml")  # fmt: skip
GOODS = ("US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)",
         "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods")  # fmt: skip
# data/ilab-2022/README.md: the countries only the List of Goods names, without a level or a figure of the Findings
LIST_ONLY = {"CN", "IR", "MY", "KP", "RU", "SD", "TW", "TJ", "TR", "TM", "VE", "VN"}


def sheet(output: Path, iso2: str, lang: str) -> frontmatter.Post:
    return frontmatter.load(output / "countries" / f"country-{iso2.lower()}.{lang}.md")


def test_a_country_only_on_the_list_of_goods_cites_the_list_alone(output: Path) -> None:
    """China's sheet says ILAB does not assess it in its Findings: its sources give ILAB's List of Goods, not the
    Findings; a country the Findings cover cites both, the Findings' 2022 data first, then ILAB's page for it."""
    for row in ilab_rows("countries.csv"):
        for lang in ("fr", "en"):
            sources = [(s["title"], s["url"]) for s in sheet(output, row["iso2"], lang)["sources"]]
            cites_findings = [title for title, _ in sources if "Findings on the Worst Forms" in title]
            assert GOODS in sources, row["iso2"]
            if row["iso2"] in LIST_ONLY:
                assert cites_findings == [], (row["iso2"], lang)
            else:
                assert sources[:2] == [FINDINGS, GOODS], (row["iso2"], lang)
                assert sources[2][1] == row["source_url"], (row["iso2"], lang)
    china = sheet(output, "CN", "en")
    assert "does not assess China in its Findings on the Worst Forms of Child Labor" in str(china["summary"])
    assert china["sources"][0]["url"] == GOODS[1]


def test_a_summary_gives_ilab_s_whole_advancement_level(output: Path) -> None:
    """Every summary of a country with a level gives it whole, qualifier included, in ILAB's words (English) or
    translated (French, in parentheses as in the sheet's advancement section)."""
    common = generator_module("scripts.ilab_sheets.common")
    qualified = 0
    for row in ilab_rows("countries.csv"):
        level = row["advancement_level"]
        if not level:
            continue
        english, french = sheet(output, row["iso2"], "en"), sheet(output, row["iso2"], "fr")
        assert f"ILAB advancement level: {level}." in str(english["summary"]), row["iso2"]
        label = common.advancement_label(level, "fr").replace("'", "’")
        assert label in str(french["summary"]), row["iso2"]
        qualified += " – " in level
    assert qualified == 24
    eritrea = sheet(output, "ER", "en")
    assert str(eritrea["summary"]).endswith(
        "ILAB advancement level: No Advancement – Efforts Made but Complicit in Forced Child Labor."
    )
    assert str(sheet(output, "ER", "fr")["summary"]).endswith(
        "aucun progrès (efforts réels, mais complicité dans le travail forcé des enfants)."
    )
