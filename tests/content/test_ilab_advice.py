"""scripts/ilab_sheets: the buyer advice says each thing once and fits each good's own work; a value of the ILAB data
that ILAB's own report contradicts is corrected only with its sources."""

import csv
import re
import unicodedata
from pathlib import Path

import yaml

from tests.content.ilab_generator import DATA, ROOT, run_on_edited_data
from tests.content.ilab_generator import generator_module as _import

FOLDERS = ("countries", "commodities", "sectors", "regions")
# Headings of the advice sections: countries and regions « look at first », commodities and sectors « should check ».
ADVICE_HEADING = re.compile(r"should look at first|should check|examiner en premier|regarder en premier|doit vérifier")
ITEM = re.compile(r"^(?:\d+\.|-) (.*)$", re.MULTILINE)


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(handle)]


def _advice_sections(text: str) -> list[str]:
    sections = re.split(r"\n## ", text)
    return [s.split("\n", 1)[1] for s in sections if "\n" in s and ADVICE_HEADING.search(s.split("\n", 1)[0])]


def _advice_items(path: Path) -> list[str]:
    return [item for section in _advice_sections(path.read_text(encoding="utf-8")) for item in ITEM.findall(section)]


def _unlinked(text: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def test_no_sheet_repeats_an_advice_item_or_sentence(output: Path) -> None:
    checked = 0
    for path in sorted(output.glob("*/*.md")):
        for section in _advice_sections(path.read_text(encoding="utf-8")):
            items = ITEM.findall(section)
            assert len(items) == len(set(items)), path.name
            sentences = [s.strip() for item in items for s in re.split(r"(?<=[.;])\s", _unlinked(item))]
            long = [s for s in sentences if len(s) > 40]
            assert len(long) == len(set(long)), (path.name, [s for s in long if long.count(s) > 1])
            checked += 1
    assert checked == 2 * (143 + 135 + 7 + 5)  # every sheet has its advice section


def test_a_focus_item_is_named_once_per_step(output: Path) -> None:
    """The focus templates list their items with "|"; a country step that draws on two sectors names an item they
    share (home-based work in textiles and manufacturing) once."""
    text = _import("scripts.ilab_sheets.text")
    for lang in ("fr", "en"):
        focus_items = {
            item
            for key, value in text.templates(lang).items()
            if key.startswith(("child_focus.", "forced_focus.")) and "|" in value
            for item in value.split("|")
        }
        assert focus_items
        for path in sorted((output / "countries").glob(f"*.{lang}.md")):
            for item in _advice_items(path):
                repeated = [f for f in focus_items if _unlinked(item).count(f) > 1]
                assert repeated == [], (path.name, repeated)


def test_bangladesh_child_labour_step_names_home_based_work_once(output: Path) -> None:
    for lang, lead, words in (("en", "**Then child labour**", "home-based"), ("fr", "**Puis le travail", "à domicile")):
        items = _advice_items(output / "countries" / f"country-bd.{lang}.md")
        child = next(item for item in items if item.startswith(lead))
        assert _unlinked(child).count(words) == 1, child
        assert "embroidery" in child or "broderie" in child  # the textile tasks are still named


def test_dried_fish_gets_land_based_advice(output: Path) -> None:
    """ILAB lists dried fish (Bangladesh) for forced child labour in the drying of fish, on land: no advice about
    crews at sea, but the drying sites and the advances that bind children."""
    english = _advice_items(output / "countries" / "country-bd.en.md")
    forced = next(item for item in english if item.startswith("**Forced labour**"))
    assert "fish-drying site" in forced and "advances paid to parents" in forced
    for word in ("at sea", "vessel", "crews", "transshipped"):
        assert word not in forced, word
    french = _advice_items(output / "countries" / "country-bd.fr.md")
    forced_fr = next(item for item in french if item.startswith("**Travail forcé**"))
    assert "site de séchage du poisson" in forced_fr
    assert "en mer" not in forced_fr and "navire" not in forced_fr
    fish = _advice_items(output / "commodities" / "commodity-fish.en.md")
    assert any(item.startswith("Dried fish — risks lie on land") for item in fish), fish
    assert any(
        item.startswith("Poisson séché — les risques se situent à terre")
        for item in _advice_items(output / "commodities" / "commodity-fish.fr.md")
    )


def test_silk_cocoons_are_not_sent_to_the_spinning_mill(output: Path) -> None:
    """ILAB files Uzbekistan's silk cocoons under agriculture: the chain goes down to the farms that rear the
    silkworms (not a mill, nor a plantation's labour brokers), and the sheet cites how the cocoons are produced."""
    uzbekistan = output / "countries" / "country-uz.en.md"
    forced = _advice_items(uzbekistan)[0]
    assert forced.startswith("**Forced labour** — [silk cocoons]")
    assert "households that rear the silkworms" in forced
    for word in ("spinning mill", "plantation", "labour brokers"):
        assert word not in forced, word
    assert "Uzbek-German Forum for Human Rights describes" in uzbekistan.read_text(encoding="utf-8")
    silk = _advice_items(output / "commodities" / "commodity-silk.en.md")
    assert any(item.startswith("Silk cocoons — risks lie where silkworms are reared") for item in silk), silk


def test_goods_filed_outside_their_commodity_s_sector_have_advice_of_their_own() -> None:
    """A commodity groups ILAB goods by a shared name; where ILAB files a good under a sector that contradicts the
    commodity's (dried fish: manufacturing, in the fishing group), the good needs advice of its own."""
    constants = _import("scripts.ilab_sheets.constants")
    sectors = yaml.safe_load((ROOT / "content" / "taxonomies" / "sectors.yaml").read_text(encoding="utf-8"))
    # ILAB files fishing under agriculture; textile goods are manufactured.
    fits = {
        "agriculture": {"Agriculture"},
        "fishing": {"Agriculture"},
        "mining": {"Mining"},
        "manufacturing": {"Manufacturing"},
        "textiles": {"Manufacturing"},
        None: {"Other"},
    }
    reviewed = {"Tomato Products"}  # a farm good processed in China: its chain still goes down to the farm
    outside = set()
    for row in _csv("country_goods.csv"):
        code = constants.GOODS[row["good_en"]][0]
        if row["ilab_sector"] not in fits[sectors[code].get("group")]:
            outside.add(row["good_en"])
    assert outside - reviewed == set(constants.ADVICE_GROUPS_BY_GOOD)
    assert outside >= reviewed


def _legal_rows(text: str) -> dict[str, str]:
    table = text.split("\n## Legal framework\n", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines() if line.startswith("| ")]
    return {cells[0]: cells[1] for cells in rows[2:]}  # after the header and its rule


def test_ages_in_the_legal_tables_are_plausible_or_checked(output: Path) -> None:
    """Ages outside 12–18 were checked one by one against ILAB's reports: Bangladesh's 19 is corrected; Zambia's 19
    for hazardous work and the calculated school-leaving ages of Benin (11) and Burma (10) are what ILAB published."""
    checked = {
        ("ZM", "Minimum age for hazardous work"): "19",
        ("BJ", "Compulsory education age"): "11",
        ("MM", "Compulsory education age"): "10",
    }
    for path in sorted((output / "countries").glob("*.en.md")):
        iso2 = path.name.split(".")[0].removeprefix("country-").upper()
        text = path.read_text(encoding="utf-8")
        if "\n## Legal framework\n" not in text:
            continue
        for standard, age in _legal_rows(text).items():
            if age == "—":
                continue
            if (iso2, standard) in checked:
                assert age == checked[(iso2, standard)]
            else:
                assert 12 <= float(age) <= 18, (iso2, standard, age)


def test_bangladesh_minimum_age_is_corrected_with_its_sources(output: Path) -> None:
    ilab = "https://github.com/USDepartmentofLabor/Child-Labor/blob/bb35965ac689c69a8bf9602f1d2fc0e750f7e590/"
    c138 = "https://www.business-humanrights.org/en/latest-news/bangladesh-bangladesh-ratifies-ilo-minimum-wage-convention/"
    bangladesh = next(r for r in _csv("countries.csv") if r["iso2"] == "BD")
    assert bangladesh["law_minimum_work_age"] == "19"  # what ILAB's 2022 data hold
    english = (output / "countries" / "country-bd.en.md").read_text(encoding="utf-8")
    assert _legal_rows(english)["Minimum age for work"] == "14"
    assert "minimum age for work (14)" in english and "(19)" not in english
    assert "ILAB's 2022 data give 19 as the minimum age for work in Bangladesh; this sheet shows 14." in english
    assert "taken over unchanged except where a note under a table says otherwise" in english
    french = (output / "countries" / "country-bd.fr.md").read_text(encoding="utf-8")
    assert "| Âge minimum d’admission à l’emploi | 14 | non |" in french and "(19 ans)" not in french
    assert "Les données 2022 de l’ILAB donnent 19 ans comme âge minimum d’admission à l’emploi" in french
    for text in (english, french):
        front = yaml.safe_load(text.split("---\n")[1])
        urls = [source["url"] for source in front["sources"]]
        assert any(url.startswith(ilab) for url in urls) and c138 in urls
        body = text.split("---\n", 2)[2]
        assert ilab in body and c138 in body  # the note links its sources
    others = [p.name for p in sorted((output / "countries").glob("*.en.md")) if "except where a note" in p.read_text()]
    assert others == ["country-bd.en.md"]


def test_a_correction_the_data_no_longer_needs_stops_the_run(tmp_path: Path) -> None:
    """Once the data hold another value than the one corrected, the note (« ILAB's data give 19 ») would be false:
    the run stops instead."""

    def another_age(row: dict[str, str]) -> None:
        if row["iso2"] == "BD":
            row["law_minimum_work_age"] = "14"

    run = run_on_edited_data(tmp_path, "countries.csv", another_age)
    assert run.returncode != 0
    assert "law_minimum_work_age" in run.stderr and "CORRECTIONS" in run.stderr
