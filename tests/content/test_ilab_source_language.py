"""The ILAB sheets' sources cited under their English titles say so on the French sheets (``language: en``), so
that the page marks them for screen readers (WCAG 3.1.2); the English sheets', and the French titles, say nothing."""

from pathlib import Path

import yaml

from tests.content.ilab_generator import generator_module

FOLDERS = ("countries", "commodities", "sectors", "regions")


def _sources(path: Path) -> list[dict[str, str]]:
    front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
    sources: list[dict[str, str]] = yaml.safe_load(front)["sources"]
    return sources


def test_english_titles_are_marked_on_french_sheets_only(output: Path) -> None:
    english = generator_module("scripts.ilab_sheets.common").ENGLISH_TITLES
    marked = 0
    for folder in FOLDERS:
        for path in sorted((output / folder).glob("*.md")):
            for source in _sources(path):
                if path.name.endswith(".fr.md") and source["title"] in english:
                    assert source.get("language") == "en", (path.name, source)
                    marked += 1
                else:
                    assert "language" not in source, (path.name, source)
    assert marked > 400  # every French sheet cites the List of Goods or the Findings


def test_a_french_country_sheet_cites_both_ilab_reports_in_english(output: Path) -> None:
    """ILAB's page for the country is cited under a French comment on its English title, unmarked (as the titles of
    other_source.*)."""
    sources = _sources(output / "countries" / "country-ci.fr.md")
    assert [(s["title"][:40], s.get("language")) for s in sources] == [
        ("US DOL ILAB, Findings on the Worst Forms", "en"),
        ("US DOL ILAB, List of Goods Produced by C", "en"),
        ("US DOL ILAB, Child Labor and Forced Labo", None),
    ]
    assert all("language" not in s for s in _sources(output / "countries" / "country-ci.en.md"))
