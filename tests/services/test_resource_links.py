"""app/services/resource_links.py: links to resources by translation key, and a country's own risk sheets, read
from the front matter alone."""

from pathlib import Path

from app.services.resource_links import resource_index


def _sheet(folder: Path, key: str, language: str, **fields: str) -> None:
    front = {"translation_key": key, "language": language, "slug": f"{key}-{language}", "type": "risk_sheet"}
    front |= {"title": f'"{key} : titre"'} | fields
    lines = "\n".join(f"{name}: {value}" for name, value in front.items())
    (folder / f"{key}.{language}.md").write_text(f"---\n{lines}\n---\nBody.\n", encoding="utf-8")


def test_a_country_s_own_sheets_by_sector_codes_read_as_strings(tmp_path: Path) -> None:
    folder = tmp_path / "resources" / "topics"
    folder.mkdir(parents=True)
    _sheet(folder, "topic-norway-fish", "fr", countries="[NO]", sectors="[fishing]")  # YAML 1.1: NO is False
    _sheet(folder, "topic-norway", "en", countries="[NO]", sectors="[]")
    _sheet(folder, "country-no", "en", countries="[NO]")  # ILAB's own sheet: linked apart
    _sheet(folder, "brief-two", "en", countries="[NO, SE]")  # more than one country
    _sheet(folder, "draft", "en", countries="[NO]", status="draft")
    index = resource_index(tmp_path, "http://crv.test/")
    assert index.sheets_about("NO", {"fishing"}) == ["topic-norway", "topic-norway-fish"]
    assert index.sheets_about("NO", {"agriculture"}) == ["topic-norway"]
    assert index.sheets_about("SE", set()) == []
    link = index.link("topic-norway-fish")
    assert link is not None and link.title.fr == "topic-norway-fish : titre"
    assert link.page_url.en == "http://crv.test/fr/ressources/topic-norway-fish-fr"  # its only language
