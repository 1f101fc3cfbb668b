"""scripts/ilab_sheets: forced labour the state imposes (Turkmenistan's cotton, China's Xinjiang goods, North Korea's
goods) gets advice that fits it, with its sources, never the remediation plan agreed with suppliers; a focus that
speaks of families bound to the work is named only where ILAB also lists child labour."""

import re
from pathlib import Path

import yaml

from tests.content.ilab_generator import generator_module as _import
from tests.content.ilab_generator import run_on_edited_data

REMEDIATION_PLAN = {"en": "agree a remediation plan with suppliers", "fr": "convenir d’un plan de remédiation"}
STATE_STEP = {"en": "**Forced labour imposed by the state**", "fr": "**Travail forcé imposé par l’État**"}
ITEM = re.compile(r"^\d+\. (.*)$", re.MULTILINE)


def _steps(path: Path) -> list[str]:
    """The numbered steps of a country sheet's « what a buyer should look at first »."""
    return ITEM.findall(path.read_text(encoding="utf-8"))


def _sources(path: Path) -> list[str]:
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return [source["url"] for source in front["sources"]]


def _state_imposed_links() -> dict[str, set[str]]:
    """Per country of STATE_IMPOSED, the commodity sheets its state-imposed goods link to."""
    constants = _import("scripts.ilab_sheets.constants")
    return {
        iso2: {f"(crv:commodity-{constants.GOODS[good][0]})" for good in entry.goods}
        for iso2, entry in constants.STATE_IMPOSED.items()
    }


def test_state_imposed_goods_get_no_remediation_plan_with_suppliers(output: Path) -> None:
    """Turkmenistan's cotton, North Korea's goods and China's Xinjiang goods: one step says who imposes the forced
    labour (with its source), why a supplier cannot remedy it and what to do instead; no step that proposes a
    remediation plan with suppliers names any of them."""
    constants = _import("scripts.ilab_sheets.constants")
    links = _state_imposed_links()
    assert set(links) == {"CN", "KP", "TM"}
    for iso2, goods in links.items():
        url = constants.STATE_IMPOSED[iso2].url
        for lang in ("en", "fr"):
            path = output / "countries" / f"country-{iso2.lower()}.{lang}.md"
            steps = _steps(path)
            state = [step for step in steps if step.startswith(STATE_STEP[lang])]
            assert len(state) == 1, (path.name, steps)
            assert all(link in state[0] for link in goods), path.name
            for wanted in (
                "(crv:topic-state-imposed-forced-labour)",
                "(crv:law-eu-forced-labour-regulation)",
                "(crv:method-responsible-disengagement)",
                f"({url})",
            ):
                assert wanted in state[0], (path.name, wanted)
            assert REMEDIATION_PLAN[lang] not in state[0]
            for step in steps:
                if REMEDIATION_PLAN[lang] in step:
                    assert not [link for link in goods if link in step], (path.name, step)
            assert url in _sources(path)
    for iso2 in ("tm", "kp"):  # every good they have with forced labour is state-imposed
        for lang in ("en", "fr"):
            text = (output / "countries" / f"country-{iso2}.{lang}.md").read_text(encoding="utf-8")
            assert REMEDIATION_PLAN[lang] not in text
    china = next(s for s in _steps(output / "countries" / "country-cn.en.md") if s.startswith(STATE_STEP["en"]))
    assert "(crv:law-us-uflpa)" in china and "Xinjiang" in china
    # Xinjiang's cotton, in the common step below by ILAB's listing, is named here with the US order that holds it.
    cbp = dict(constants.STATE_IMPOSED["CN"].further)["cn_cbp_withhold_release_orders"]
    for lang, cotton in (("en", "Cotton from Xinjiang"), ("fr", "Le coton du Xinjiang")):
        path = output / "countries" / f"country-cn.{lang}.md"
        state = next(s for s in _steps(path) if s.startswith(STATE_STEP[lang]))
        assert cotton in state and f"({cbp})" in state and "13" in state, state
        assert cbp in _sources(path)
    # China's other goods with forced labour (electronics, fish, cotton…) keep the common step.
    others = next(s for s in _steps(output / "countries" / "country-cn.en.md") if s.startswith("**Forced labour** —"))
    assert "(crv:commodity-electronics)" in others and "(crv:commodity-gloves)" not in others


def test_countries_ilab_rates_complicit_keep_their_caveat_and_others_get_no_state_step(output: Path) -> None:
    """The table adds to ILAB's « complicit » rating, it does not replace it; a country absent from the table (Russia,
    Uzbekistan) gets no state-imposed step."""
    burma = _steps(output / "countries" / "country-mm.en.md")
    assert any("ILAB found the government complicit" in step for step in burma)
    for iso2 in ("ru", "uz", "pk"):
        assert not [s for s in _steps(output / "countries" / f"country-{iso2}.en.md") if "imposed by the state" in s]


def test_commodity_and_sector_sheets_say_which_forced_labour_the_state_imposes(output: Path) -> None:
    """A commodity whose only forced labour is state-imposed (polysilicon, gloves, hair products) does not plan
    remediation before exit; one with other countries too (cotton) has both steps. The sources are on the country
    sheets it links to, not on the commodity sheets: their titles would bring these up in a search for Xinjiang."""
    plan = "plan remediation before any exit"
    for code in ("solar-polysilicon", "gloves", "hair-products"):
        path = output / "commodities" / f"commodity-{code}.en.md"
        text = path.read_text(encoding="utf-8")
        assert plan not in text and "State-imposed forced labour — [China](crv:country-cn)" in text, code
        assert "Xinjiang" not in text
    cotton = (output / "commodities" / "commodity-cotton.en.md").read_text(encoding="utf-8")
    assert plan in cotton and "State-imposed forced labour — [Turkmenistan](crv:country-tm) (cotton)" in cotton
    assert "China](crv:country-cn) (" not in cotton.split("State-imposed forced labour")[1].split("\n")[0]
    construction = (output / "sectors" / "sector-construction.fr.md").read_text(encoding="utf-8")
    assert "Travail forcé imposé par l’État — [Corée du Nord](crv:country-kp) (briques, ciment)" in construction


def test_a_focus_on_bound_families_needs_child_labour_in_the_data(output: Path) -> None:
    """ILAB lists Russia's bricks with forced labour and no child labour: nothing says that whole families are bound
    to a kiln there, so the step names the common signs of forced labour; Pakistan's bricks (child labour too) keep
    the kiln focus. The same rule for herders' families (Bolivia's and Niger's cattle: no child labour)."""
    russia = next(s for s in _steps(output / "countries" / "country-ru.en.md") if s.startswith("**Forced labour**"))
    assert "whole families" not in russia and "withheld documents or wages" in russia
    russia_fr = next(s for s in _steps(output / "countries" / "country-ru.fr.md") if s.startswith("**Travail forcé**"))
    assert "familles entières" not in russia_fr and "confiscation de papiers" in russia_fr
    pakistan = next(s for s in _steps(output / "countries" / "country-pk.en.md") if s.startswith("**Forced labour**"))
    assert "advances on wages that bind whole families to a kiln" in pakistan
    for iso2 in ("bo", "ne"):
        step = next(s for s in _steps(output / "countries" / f"country-{iso2}.en.md") if s.startswith("**Forced"))
        assert "herders and their families" not in step and "to the ranch" in step, iso2


def test_a_state_imposed_good_the_data_no_longer_list_stops_the_run(tmp_path: Path) -> None:
    """Once ILAB no longer lists Turkmenistan's cotton with forced labour, the step would say what the data do not:
    the run stops instead."""

    def no_longer_forced(row: dict[str, str]) -> None:
        if row["iso2"] == "TM" and row["good_en"] == "Cotton":
            row["forced_labor"] = "false"

    run = run_on_edited_data(tmp_path, "country_goods.csv", no_longer_forced)
    assert run.returncode != 0
    assert "TM" in run.stderr and "STATE_IMPOSED" in run.stderr


def test_every_state_imposed_source_has_its_templates() -> None:
    constants = _import("scripts.ilab_sheets.constants")
    text = _import("scripts.ilab_sheets.text")
    for lang in ("fr", "en"):
        keys = text.templates(lang)
        for entry in constants.STATE_IMPOSED.values():
            assert f"other_source.{entry.source}.title" in keys and f"state_imposed.{entry.source}" in keys
            assert "{url}" in keys[f"state_imposed.{entry.source}"]


CHILD_REMEDIATION = {
    "en": "prefer remediation (schooling, a decent adult income) to dropping suppliers",
    "fr": "préférer la remédiation (scolarisation, revenu décent des adultes) à la rupture",
}
CHILD_STATE_STEP = {
    "en": "applies to these children's work too",
    "fr": "vaut aussi pour le travail de ces enfants",
}


def test_children_the_state_puts_to_work_get_the_state_imposed_advice(output: Path) -> None:
    """ILAB lists Turkmenistan's cotton with child labour too, and the 2022 Trafficking in Persons Report finds the
    state mobilising children for the harvest: the child-labour step no longer prefers remediation with suppliers but
    sends to the state-imposed step. China's textiles (child labour, and forced labour in Xinjiang that no source at
    hand ties to children) keep the common child-labour step."""
    constants = _import("scripts.ilab_sheets.constants")
    assert constants.STATE_IMPOSED["TM"].children == ("Cotton",)
    for lang in ("en", "fr"):
        steps = _steps(output / "countries" / f"country-tm.{lang}.md")
        child = [s for s in steps if CHILD_STATE_STEP[lang] in s]
        assert len(child) == 1 and "(crv:commodity-cotton)" in child[0], steps
        assert not [s for s in steps if CHILD_REMEDIATION[lang] in s], steps
        china = [s for s in _steps(output / "countries" / f"country-cn.{lang}.md") if CHILD_REMEDIATION[lang] in s]
        assert len(china) == 1 and "(crv:commodity-fabrics)" in china[0], china
        assert not [s for s in _steps(output / "countries" / f"country-cn.{lang}.md") if CHILD_STATE_STEP[lang] in s]


def test_commodity_sheets_name_the_children_the_state_puts_to_work(output: Path) -> None:
    """Cotton keeps the common child-labour step for its other countries and names Turkmenistan apart; a sheet
    without such a country (cocoa) has no such step."""
    cotton = (output / "commodities" / "commodity-cotton.en.md").read_text(encoding="utf-8")
    assert "- Child labour: check age controls" in cotton
    assert "- Child labour imposed by the state — [Turkmenistan](crv:country-tm) (cotton):" in cotton
    coton = (output / "commodities" / "commodity-cotton.fr.md").read_text(encoding="utf-8")
    assert "- Travail des enfants imposé par l’État — [Turkménistan](crv:country-tm) (coton)\u00a0:" in coton
    cocoa = (output / "commodities" / "commodity-cocoa.en.md").read_text(encoding="utf-8")
    assert "Child labour imposed by the state" not in cocoa


def test_children_of_a_state_imposed_good_the_data_no_longer_list_stop_the_run(tmp_path: Path) -> None:
    """Once ILAB no longer lists Turkmenistan's cotton with child labour, its step about children would say what the
    data do not: the run stops instead."""

    def no_child_labour(row: dict[str, str]) -> None:
        if row["iso2"] == "TM" and row["good_en"] == "Cotton":
            row["child_labor"] = "false"

    run = run_on_edited_data(tmp_path, "country_goods.csv", no_child_labour)
    assert run.returncode != 0
    assert "TM" in run.stderr and "child labour" in run.stderr and "STATE_IMPOSED" in run.stderr


def test_sheets_changed_after_publication_say_when(output: Path) -> None:
    """Each sheet of UPDATED_AT, and each of a folder of UPDATED_FOLDERS, carries its latest date in both languages,
    later than the publication; the others none."""
    constants = _import("scripts.ilab_sheets.constants")
    assert constants.UPDATED_AT and constants.UPDATED_FOLDERS
    dated, expected = set(), set()
    for path in output.glob("*/*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        dates = [constants.UPDATED_AT.get(front["translation_key"]), constants.UPDATED_FOLDERS.get(path.parent.name)]
        if any(dates):
            expected.add(path.name)
            assert str(front["updated_at"]) == max(d for d in dates if d) > constants.PUBLISHED_AT, path.name
        if "updated_at" in front:
            dated.add(path.name)
    assert dated == expected
    assert {f"{key}.{lang}.md" for key in constants.UPDATED_AT for lang in ("fr", "en")} <= dated
