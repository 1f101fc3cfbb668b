"""The ILAB sheets' sources cited under their English titles say so on the French sheets (``language: en``), so
that the page marks them for screen readers (WCAG 3.1.2); a French title around an English one marks only the English
(``original_title``); the English sheets', and the wholly French titles, say nothing."""

from pathlib import Path

import yaml

from tests.content.ilab_generator import generator_module

FOLDERS = ("countries", "commodities", "sectors", "regions")


def _sources(path: Path) -> list[dict[str, str]]:
    front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
    sources: list[dict[str, str]] = yaml.safe_load(front)["sources"]
    return sources


def test_english_titles_are_marked_on_french_sheets_only(output: Path) -> None:
    common = generator_module("scripts.ilab_sheets.common")
    marked = parts = 0
    for folder in FOLDERS:
        for path in sorted((output / folder).glob("*.md")):
            french = path.name.endswith(".fr.md")
            for source in _sources(path):
                part = common.english_part(source["title"]) if french else None
                if french and source["title"] in common.ENGLISH_TITLES:
                    assert source.get("language") == "en", (path.name, source)
                    assert "original_title" not in source, (path.name, source)
                    marked += 1
                elif part:
                    assert (source.get("language"), source.get("original_title")) == ("en", part), (path.name, source)
                    parts += 1
                else:
                    assert "language" not in source and "original_title" not in source, (path.name, source)
    assert marked > 400  # every French sheet cites the List of Goods or the Findings
    assert parts > 140  # every French country sheet cites ILAB's country page under a French comment


def test_a_french_country_sheet_cites_both_ilab_reports_in_english(output: Path) -> None:
    """ILAB's page for the country is cited under a French comment on its English title: only that title is marked
    (``original_title``), the French around it stays French."""
    sources = _sources(output / "countries" / "country-ci.fr.md")
    assert [(s["title"][:40], s.get("language"), s.get("original_title")) for s in sources] == [
        ("US DOL ILAB, Findings on the Worst Forms", "en", None),
        ("US DOL ILAB, List of Goods Produced by C", "en", None),
        ("US DOL ILAB, Child Labor and Forced Labo", "en", "Child Labor and Forced Labor Reports"),
    ]
    assert all("language" not in s for s in _sources(output / "countries" / "country-ci.en.md"))
