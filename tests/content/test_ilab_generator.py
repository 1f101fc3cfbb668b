"""scripts/ilab_sheets (python -m scripts.ilab_sheets): reproducible (the committed sheets are exactly its output),
valid, and faithful to the ILAB CSVs."""

import csv
import importlib.util
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType

from app.services import content as content_service
from app.services import typography
from tests.content.ilab_generator import COMMAND, DATA, ROOT

SHEETS = ROOT / "content" / "resources" / "risk-sheets"
FOLDERS = ("countries", "commodities", "sectors", "regions")
HAND_WRITTEN = "country-fr."


def _generator() -> ModuleType:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("scripts.ilab_sheets")


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{k: unicodedata.normalize("NFC", v) for k, v in row.items()} for row in csv.DictReader(handle)]


def _generated(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for sub in FOLDERS
        for path in sorted((folder / sub).glob("*.md"))
        if not path.name.startswith(HAND_WRITTEN)
    }


def _table_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")] for line in text.splitlines() if line.startswith("| ")
    ]


def test_committed_sheets_are_the_generator_output(output: Path) -> None:
    fresh, committed = _generated(output), _generated(SHEETS)
    assert sorted(fresh) == sorted(committed), "run: python -m scripts.ilab_sheets"
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], "run: python -m scripts.ilab_sheets"


def test_running_twice_gives_the_same_bytes(output: Path, tmp_path: Path) -> None:
    subprocess.run([*COMMAND, "--out", str(tmp_path)], check=True, capture_output=True, cwd=ROOT)
    assert _generated(tmp_path) == _generated(output)


def test_sheet_counts(output: Path) -> None:
    countries = _csv("countries.csv")
    files = _generated(output)
    assert sum(name.startswith("countries/") for name in files) == 2 * len(countries) == 286
    assert sum(name.startswith("sectors/") for name in files) == 2 * 7
    assert sum(name.startswith("regions/") for name in files) == 2 * 5
    for row in countries:
        for lang in ("fr", "en"):
            assert f"countries/country-{row['iso2'].lower()}.{lang}.md" in files


def test_output_passes_the_content_check(output: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)  # the sheets link to hand-written resources (topics, methods)
    for folder in FOLDERS:
        shutil.rmtree(content / "resources" / "risk-sheets" / folder)
        shutil.copytree(output / folder, content / "resources" / "risk-sheets" / folder)
    report = content_service.check(content)
    assert report.issues == []
    generated = [item for item in report.files if item.path.split("/")[-2:-1][0] in FOLDERS]
    assert len(generated) == len(_generated(output))
    for item in generated:
        assert item.meta.type == "risk_sheet"
        assert item.meta.publisher == "crv" and item.meta.licence == "CC-BY-4.0"
        assert str(item.meta.published_at) == "2026-11-26"
        assert "human-trafficking" not in item.meta.risks  # the ILAB data has no trafficking finding


def test_pakistan_lists_bricks_as_the_csv_says(output: Path) -> None:
    row = next(r for r in _csv("country_goods.csv") if r["iso2"] == "PK" and r["good_en"] == "Bricks")
    text = (output / "countries" / "country-pk.en.md").read_text(encoding="utf-8")
    cells = next(c for c in _table_rows(text) if c[0] == "[Bricks](crv:commodity-bricks)")
    expected = ["yes" if row[k] == "true" else "—" for k in ("child_labor", "forced_labor", "forced_child_labor")]
    assert cells[2:5] == expected
    assert row["forced_labor"] == "true"
    assert "forced-labour" in text.split("---")[1]


def test_empty_statistics_say_not_available(output: Path) -> None:
    row = next(r for r in _csv("countries.csv") if r["advancement_level"] and not r["working_children_5_14_share"])
    key = f"country-{row['iso2'].lower()}"
    english = (output / "countries" / f"{key}.en.md").read_text(encoding="utf-8")
    french = (output / "countries" / f"{key}.fr.md").read_text(encoding="utf-8")
    assert "- Children aged 5–14 who work: not available" in english
    assert "- Enfants de 5 à 14 ans qui travaillent\u00a0: non disponible" in french


def test_figures_are_the_csv_values(output: Path) -> None:
    albania = next(r for r in _csv("countries.csv") if r["iso2"] == "AL")
    english = (output / "countries" / "country-al.en.md").read_text(encoding="utf-8")
    french = (output / "countries" / "country-al.fr.md").read_text(encoding="utf-8")
    assert albania["working_children_5_14_share"] == "0.046" and albania["working_children_5_14_count"] == "23665"
    assert "4.6% (23,665 children)" in english
    assert "4,6\u00a0% (23\u202f665 enfants)" in french
    assert f"- Labour inspectors: {albania['enforcement_labor_inspectors']}" in english


def test_every_good_appears_in_exactly_one_commodity_sheet(output: Path) -> None:
    generator = _generator()
    sheets = {
        path.name: _table_rows(path.read_text(encoding="utf-8"))
        for path in sorted((output / "commodities").glob("*.en.md"))
    }
    for row in _csv("country_goods.csv"):
        code, _, english = generator.GOODS[row["good_en"]]
        wanted_country = f"(crv:country-{row['iso2'].lower()})"
        wanted_good = english[:1].upper() + english[1:]
        holders = [
            name
            for name, rows in sheets.items()
            if any(cells[0].endswith(wanted_country) and cells[1] == wanted_good for cells in rows)
        ]
        assert holders == [f"commodity-{code}.en.md"], row


def test_french_typography(output: Path) -> None:
    for path in sorted(output.glob("*/*.fr.md")):
        text = path.read_text(encoding="utf-8")
        for bad in (" :", " ;", " %", "« ", " »", " ?", " !"):
            assert bad not in text, (path.name, bad)
        assert typography.french_markdown(text) == text, path.name  # the apostrophes too


def test_templates_exist_in_both_languages() -> None:
    """The sheets' prose lives in templates/<lang>.yaml: every key in French has its English twin."""
    text = importlib.import_module("scripts.ilab_sheets.text")
    french, english = text.templates("fr"), text.templates("en")
    assert french and sorted(french) == sorted(english)


def _front(path: Path) -> dict[str, object]:
    import yaml

    text = path.read_text(encoding="utf-8")
    meta: dict[str, object] = yaml.safe_load(text.split("---\n")[1])
    return meta


def test_summaries_name_no_aliases_and_say_what_ilab_does_not_cover(output: Path) -> None:
    countries = {r["iso2"]: r for r in _csv("countries.csv")}
    for path in sorted((output / "countries").glob("*.md")):
        meta = _front(path)
        summary = str(meta["summary"])
        assert "Also known as" not in summary and "Autres noms" not in summary, path.name
        row = countries[path.name.split(".")[0].removeprefix("country-").upper()]
        if not row["advancement_level"]:  # on the List of Goods only
            assert ("does not assess" in summary) or ("n’évalue pas" in summary), path.name
    assert "only ratifications and laws recorded" in str(_front(output / "countries" / "country-cx.en.md")["title"])
    assert "seuls les ratifications et le droit relevés" in str(
        _front(output / "countries" / "country-cx.fr.md")["title"]
    )
    # Somalia lists no good but has ILAB figures on children combining work and school: not such a sheet.
    assert "only ratifications" not in str(_front(output / "countries" / "country-so.en.md")["title"])


def test_sheets_saying_what_ilab_lacks_do_not_use_the_word_searched_for_figures(output: Path) -> None:
    """A sheet's title and summary weigh most in search: one that says it has no statistics would come up for
    « statistics » or « child labour statistics » (synonyms: figures, chiffres) above the pages that have them."""
    words = ("statistic", "statistique", "figures", "chiffres")
    for path in sorted((output / "countries").glob("*.md")):
        meta = _front(path)
        text = f"{meta['title']} {meta['summary']}".lower()
        assert not [w for w in words if w in text], path.name


def test_country_sheets_use_ilab_s_own_good(output: Path) -> None:
    summary = str(_front(output / "countries" / "country-my.en.md")["summary"])
    assert "palm fruit" in summary and "palm oil" not in summary


def test_advice_varies_with_the_findings(output: Path) -> None:
    """No advice sentence is repeated on more than a third of the country sheets."""
    counts: dict[str, int] = {}
    for path in sorted((output / "countries").glob("*.en.md")):
        text = path.read_text(encoding="utf-8")
        advice = text.split("should look at first", 1)[1].split("\n## ", 1)[0]
        for sentence in {s.strip() for s in advice.replace("\n", " ").split(". ") if len(s.strip()) > 40}:
            counts[sentence] = counts.get(sentence, 0) + 1
    assert max(counts.values()) <= 143 // 3, max(counts.items(), key=lambda item: item[1])


def test_advice_on_child_labour_covers_goods_also_found_with_forced_labour(output: Path) -> None:
    """ILAB lists Côte d'Ivoire's cocoa and coffee with child labour and forced labour: the children's own work is
    advice of its own, not only a « forced child labour » aside in the forced-labour step."""
    advice = (output / "countries" / "country-ci.en.md").read_text(encoding="utf-8").split("should look at first")[1]
    forced, child = advice.split("\n1. ", 1)[1].split("\n2. ", 1)
    assert forced.startswith("**Forced labour** — [cocoa](crv:commodity-cocoa), [coffee](crv:commodity-coffee)")
    assert child.startswith("**Then child labour** — [cocoa](crv:commodity-cocoa), [coffee](crv:commodity-coffee).")


def test_egypt_states_its_own_age_range(output: Path) -> None:
    text = (output / "countries" / "country-eg.en.md").read_text(encoding="utf-8")
    assert "Children aged 6–14 who work: 3.3% (583,290 children)" in text
    assert "industry 82.4%" in text


def test_advice_follows_the_main_findings_and_reads_in_french(output: Path) -> None:
    # Most of Cambodia's child-labour goods are farm goods, two are fished: farms come first.
    cambodia = (output / "countries" / "country-kh.en.md").read_text(encoding="utf-8")
    assert "Look at harvest seasons, family farms" in cambodia
    assert "as well as work on boats" in cambodia
    french = "".join(path.read_text(encoding="utf-8") for path in (output / "countries").glob("*.fr.md"))
    assert "jusqu’à le " not in french and "jusqu’à les " not in french
    assert "jusqu’au navire et à l’usine de transformation" in french


def _section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0] if f"\n## {heading}\n" in text else ""


def test_other_sources_state_what_ilab_s_2022_data_cannot(output: Path) -> None:
    """Uzbekistan is assessed and lists only silk cocoons: its sheet still says that cotton left ILAB's list, with the
    source in its list of sources; the "where to look" line stays on the sheets of countries ILAB does not assess."""
    for lang, heading, words in (
        ("fr", "Autres sources publiques", ("coton", "2022", "2019")),
        ("en", "Other public sources", ("Cotton", "2022", "2019")),
    ):
        uzbekistan = (output / "countries" / f"country-uz.{lang}.md").read_text(encoding="utf-8")
        section = _section(uzbekistan, heading)
        assert all(word in section for word in words), section
        assert "NORMLEX" not in section
        sources = {source["url"] for source in _front(output / "countries" / f"country-uz.{lang}.md")["sources"]}
        assert "https://www.govinfo.gov/content/pkg/FR-2019-03-25/html/2019-05360.htm" in sources
        china = (output / "countries" / f"country-cn.{lang}.md").read_text(encoding="utf-8")
        assert "NORMLEX" in _section(china, heading)
    burkina_faso = (output / "countries" / "country-bf.en.md").read_text(encoding="utf-8")
    assert not _section(burkina_faso, "Other public sources")


def _step(path: Path, lead: str) -> str:
    """The numbered advice step of a country sheet that starts with ``lead`` (« **Forced labour** »)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        item = line.split(". ", 1)[1] if line[:1].isdigit() and ". " in line else ""
        if item.startswith(lead):
            return item
    raise AssertionError(f"{path.name}: no step {lead}")


def _advice_list(path: Path) -> list[str]:
    """The items of a commodity or sector sheet's « What a buyer should check »."""
    text = path.read_text(encoding="utf-8")
    section = re.split(r"\n## [^\n]*(?:should check|doit vérifier)\n", text, maxsplit=1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in section.splitlines() if line.startswith("- ")]


def test_livestock_gets_herding_advice_not_crop_advice(output: Path) -> None:
    """Cattle, goats, sheep, hogs and poultry are raised and herded, not harvested: the advice goes down to the
    ranch or herd owner and looks at herders' debts and children herding, not at labour brokers and spraying."""
    countries = output / "countries"
    paraguay = _step(countries / "country-py.en.md", "**Forced labour**")  # cattle only
    assert "down to the ranch, the livestock farm or the herd owner" in paraguay
    assert "debts that bind herders and their families to a herd owner or ranch" in paraguay
    for word in ("plantation", "labour brokers", "seasonal"):
        assert word not in paraguay, word
    lesotho = _step(countries / "country-ls.en.md", "**Child labour**")  # cattle only
    assert "children who tend animals instead of going to school" in lesotho and "the age of herders" in lesotho
    assert "harvest" not in lesotho and "spraying" not in lesotho
    lesotho_fr = _step(countries / "country-ls.fr.md", "**Travail des enfants**")
    assert "l’âge des gardiens de troupeaux" in lesotho_fr and "récoltes" not in lesotho_fr
    niger_fr = _step(countries / "country-ne.fr.md", "**Travail forcé**")
    assert "jusqu’au ranch, à l’élevage ou au propriétaire du troupeau" in niger_fr
    for code in ("cattle", "goats", "sheep", "hogs", "poultry"):
        advice = _advice_list(output / "commodities" / f"commodity-{code}.en.md")
        assert any(a.startswith("Risks lie where the animals are raised, herded or kept") for a in advice), code
        assert not any("smallholder farms" in a for a in advice), code
    agriculture = _advice_list(output / "sectors" / "sector-agriculture.fr.md")
    assert any(a.startswith("Bétail, Bovins, Chèvres, Moutons, Porcs et Volailles — les risques") for a in agriculture)
    # The focus is named for every country whose livestock ILAB lists with forced labour and child labour (Brazil,
    # Paraguay, South Sudan): ILAB's findings there speak of debt bondage on ranches, not of hereditary servitude.
    for path in sorted(output.glob("*/*.md")):
        text = path.read_text(encoding="utf-8").lower()
        assert "hereditary" not in text and "héréditaire" not in text, path.name


def test_inland_fish_gets_lake_advice_and_sea_fish_keeps_its_own(output: Path) -> None:
    """ILAB's Ghana findings on fish and tilapia are about canoes on Lake Volta, not vessels at sea; Uganda and
    Paraguay have no coast; Nile perch is a lake fish. Fish caught at sea elsewhere keeps the advice on crews."""
    countries = output / "countries"
    ghana = _step(countries / "country-gh.en.md", "**Forced labour**")
    assert "down to the lake or river where the fish is caught, its landing sites and the boat owners" in ghana
    assert "sometimes through trafficking" in ghana
    for word in ("vessel", "at sea", "crews", "transshipped"):
        assert word not in ghana, word
    assert "diving to free them" in _step(countries / "country-gh.en.md", "**Then child labour**")
    ghana_fr = _step(countries / "country-gh.fr.md", "**Travail forcé**")
    assert "jusqu’au lac ou au cours d’eau" in ghana_fr and "navire" not in ghana_fr and "en mer" not in ghana_fr
    indonesia = _step(countries / "country-id.en.md", "**Forced labour**")
    assert "how crews are recruited, how long they stay at sea" in indonesia and "lake" not in indonesia
    fish = _advice_list(output / "commodities" / "commodity-fish.en.md")
    assert any(a.startswith("Risks lie on board") for a in fish)
    inland = [a for a in fish if "lakes and rivers" in a]
    assert len(inland) == 1 and inland[0].startswith("Fish (Ghana, Paraguay, Uganda), Nile perch (fish) and Tilapia")
    assert "around Lake Volta" in inland[0]
    fish_fr = _advice_list(output / "commodities" / "commodity-fish.fr.md")
    assert any(a.startswith("Perche du Nil (poisson), Poisson (Ghana, Ouganda, Paraguay) et Tilapia") for a in fish_fr)


def test_advice_exceptions_name_real_rows_and_have_their_templates() -> None:
    """A row, good or commodity named in the advice exceptions exists in the data (a stale entry would silently do
    nothing), and each group it names has its four templates in both languages."""
    _generator()
    constants = importlib.import_module("scripts.ilab_sheets.constants")
    text = importlib.import_module("scripts.ilab_sheets.text")
    rows = {(row["iso2"], row["good_en"]) for row in _csv("country_goods.csv")}
    assert set(constants.ADVICE_GROUPS_BY_ROW) <= rows
    assert set(constants.ADVICE_GROUPS_BY_GOOD) <= {good for _, good in rows}
    assert set(constants.ADVICE_GROUPS_BY_COMMODITY) <= {constants.GOODS[good][0] for _, good in rows}
    groups = {
        *constants.ADVICE_GROUPS_BY_ROW.values(),
        *constants.ADVICE_GROUPS_BY_GOOD.values(),
        *constants.ADVICE_GROUPS_BY_COMMODITY.values(),
    }
    assert {"livestock", "inland-fishing"} <= groups
    for lang in ("fr", "en"):
        keys = text.templates(lang)
        for group in groups:
            for kind in ("place", "forced_focus", "child_focus", "group_advice"):
                assert f"{kind}.{group}" in keys, (lang, kind, group)


CRV_LINK = re.compile(r"\(crv:([a-z0-9-]+)\)")
LIST_ITEM = re.compile(r"^(?:\d+\.|-) ", re.MULTILINE)


def _items_by_section(text: str) -> list[tuple[Counter[str], int, int]]:
    """Per section of a sheet's body: the sheets it links to, its number of table rows and of list items."""
    body = text.split("\n---\n", 1)[1]
    return [
        (Counter(CRV_LINK.findall(section)), len(_table_rows(section)), len(LIST_ITEM.findall(section)))
        for section in re.split(r"^## .*$", body, flags=re.MULTILINE)
    ]


def test_both_languages_list_the_same_items(output: Path) -> None:
    """Every generated sheet's French and English versions link the same sheets section by section, with as many
    table rows and list items: a list cut to its first N (most listed commodities, countries with the most goods,
    highest shares in services) is cut alike in both languages, whatever the order of the translated names."""
    pairs = 0
    for french in sorted(output.glob("*/*.fr.md")):
        english = french.with_name(french.name.replace(".fr.md", ".en.md"))
        assert _items_by_section(french.read_text(encoding="utf-8")) == _items_by_section(
            english.read_text(encoding="utf-8")
        ), french.name
        pairs += 1
    assert pairs == 143 + 135 + 7 + 5


def test_top_lists_and_summaries_keep_the_same_items_in_both_languages() -> None:
    """The summaries name their top four commodities without links: the choice is checked where it is made."""
    _generator()
    model = importlib.import_module("scripts.ilab_sheets.model")
    sectors = importlib.import_module("scripts.ilab_sheets.sectors")
    constants = importlib.import_module("scripts.ilab_sheets.constants")
    dataset = model.load(DATA, ROOT / "content" / "taxonomies")
    regions = constants.REGIONS.values()
    pools = [[r for r in dataset.rows if dataset.countries[r.iso2].region == region] for region in regions]
    for sector in constants.SECTOR_SHEETS:
        pools.append([r for r in dataset.rows if r.commodity in sectors.sector_codes(dataset, sector)])
    cut = 0
    for rows in pools:
        for limit in (4, 12, 15):
            french = sectors.rank_commodities(dataset, rows, "fr", limit)
            english = sectors.rank_commodities(dataset, rows, "en", limit)
            assert sorted(french) == sorted(english), (limit, french, english)
            cut += len(french) < len(sectors.rank_commodities(dataset, rows, "en"))
    assert cut  # some lists are cut
