"""Generated sheets on the resource page: one Sources section, the buyer section lifted, finding badges, the map's
countries. Run on the real generated files of content/."""

from pathlib import Path

import frontmatter

from app.services.markdown import render_markdown
from app.services.site import sheets
from app.services.site.findings import Finding

SHEETS = Path(__file__).resolve().parents[2] / "content" / "resources" / "risk-sheets"


def body(path: str) -> str:
    return str(frontmatter.load(SHEETS / path).content)


def test_split_lifts_the_buyer_section_and_folds_the_sources() -> None:
    parts = sheets.split_body(body("countries/country-pk.fr.md"))
    assert parts.buyer is not None and parts.buyer.startswith("## Pakistan\u00a0: ce qu")
    assert "## Sources" not in parts.body and "acheteur doit examiner" not in parts.body
    assert "## Biens inscrits" in parts.body
    assert parts.sources_note and "ILAB" in parts.sources_note and "](http" not in parts.sources_note


def test_finding_columns_become_badges() -> None:
    html = sheets.badge_tables(
        render_markdown(sheets.split_body(body("countries/country-ci.en.md")).body, lambda _: None)
    )
    assert '<td><span class="badge f-forced-child">yes</span></td>' in html
    assert '<td><span class="badge f-child">yes</span></td>' in html
    commodity = render_markdown(body("commodities/commodity-cocoa.fr.md"), lambda _: None)
    badged = sheets.badge_tables(commodity)
    assert '<span class="badge f-child">travail des enfants</span>' in badged
    assert '<span class="badge f-forced-child">travail forcé des enfants</span>' in badged
    assert '<span class="badge f-forced">travail forcé</span>' in badged


def test_tables_without_findings_are_untouched() -> None:
    html = render_markdown("| Instrument | Ratified |\n| --- | --- |\n| C138 | yes |\n", lambda _: None)
    assert sheets.badge_tables(html) == html


def test_countries_of_a_commodity_sheet_with_their_finding() -> None:
    countries = sheets.sheet_countries(body("commodities/commodity-cocoa.en.md"))
    assert countries["CI"] == Finding.forced_child and countries["GH"] == Finding.child
    region = sheets.sheet_countries(body("regions/region-indo-pacific.en.md"))
    assert "PK" in region and region["PK"] is None  # the row states no finding: the country's own is used


def test_vintage() -> None:
    assert sheets.vintage(["US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"]) == "ILAB 2022"
    assert sheets.vintage(["Some report"]) is None
