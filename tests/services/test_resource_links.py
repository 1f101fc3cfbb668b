"""app/services/resource_links.py: links to resources by translation key, and the risk sheets and sector briefs about
a country, read from the front matter alone."""

import shutil
from pathlib import Path

import pytest

from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resource_links import resource_index
from app.services.screening_input import InputLine, ParsedInput
from tests.helpers import CONTENT


def _sheet(folder: Path, key: str, language: str, **fields: str) -> None:
    front = {"translation_key": key, "language": language, "slug": f"{key}-{language}", "type": "risk_sheet"}
    front |= {"title": f'"{key} : titre"'} | fields
    lines = "\n".join(f"{name}: {value}" for name, value in front.items())
    (folder / f"{key}.{language}.md").write_text(f"---\n{lines}\n---\nBody.\n", encoding="utf-8")


def test_a_country_s_sheets_by_sector_codes_read_as_strings(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "taxonomies", tmp_path / "taxonomies")  # which sector a commodity belongs to
    folder = tmp_path / "resources" / "topics"
    folder.mkdir(parents=True)
    _sheet(folder, "topic-norway-fish", "fr", countries="[NO]", sectors="[fishing]")  # YAML 1.1: NO is False
    _sheet(folder, "topic-norway", "en", countries="[NO]", sectors="[]")
    _sheet(folder, "country-no", "en", countries="[NO]")  # ILAB's own sheet: linked apart
    _sheet(folder, "region-europe-eurasia", "en", countries="[NO, SE]", sectors="[fishing]")  # a region's: apart
    _sheet(folder, "brief-salmon", "en", countries="[NO, SE, CL]", sectors="[fish, fishing]")  # among others
    _sheet(folder, "draft", "en", countries="[NO]", status="draft")
    index = resource_index(tmp_path, "http://crv.test/")
    # The commodity's own brief, then those of any sector; the broad sector's alone stands aside.
    assert index.sheets_about("NO", {"fish", "fishing"}) == ["brief-salmon", "topic-norway"]
    # The broad sector's when no brief names the commodity.
    assert index.sheets_about("NO", {"shrimp", "fishing"}) == ["brief-salmon", "topic-norway-fish", "topic-norway"]
    assert index.sheets_about("NO", {"agriculture"}) == ["topic-norway"]
    assert index.sheets_about("SE", {"fish", "fishing"}) == ["brief-salmon"]
    assert index.sheets_about("SE", set()) == []
    link = index.link("topic-norway-fish")
    assert link is not None and link.title.fr == "topic-norway-fish : titre"
    assert link.page_url.en == "http://crv.test/fr/ressources/topic-norway-fish-fr"  # its only language


@pytest.mark.parametrize(
    ("country", "product", "brief"),
    [
        # The solar polysilicon brief came first, sharing « manufacturing » alone: the electronics one, about four
        # countries, was left out.
        ("China", "smartphones", "brief-electronics"),
        ("Chine", "panneaux solaires", "brief-solar-polysilicon"),
        # No brief at all, the fishing, garments and mineral ones being about several countries.
        ("Thaïlande", "crevettes", "brief-fishing-seafood"),
        ("Bangladesh", "garments", "brief-cotton-garments"),
        ("RDC", "cobalt", "brief-minerals-cobalt-mica-gold"),  # then electronics, which names cobalt as an input
    ],
)
def test_a_line_reads_its_product_s_own_brief_after_the_country_sheet(
    catalogue: FindingsCatalogue, country: str, product: str, brief: str
) -> None:
    parsed = ParsedInput(lines=[InputLine(1, None, country, product)])
    (line,) = screening.screen(catalogue, parsed).lines
    briefs = [key for key in line.next if key.startswith("brief-")]
    # The country's sheet (after the topic of state-imposed forced labour, for China's polysilicon), then the brief.
    sheet = next(key for key in line.next if key.startswith("country-"))
    assert line.next[line.next.index(sheet) + 1] == brief and briefs[0] == brief
    assert "brief-solar-polysilicon" not in line.next or brief == "brief-solar-polysilicon"
