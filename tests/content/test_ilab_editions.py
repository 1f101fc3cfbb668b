"""The ILAB sheets as the editions audit read them (December 2026): a sheet cited ILAB's live country page as the 2022
Findings, although that page shows ILAB's latest edition (Côte d'Ivoire: 14,262 inspections in 2024, not 2022's 9,471);
no sheet said that newer editions exist; the working-children figures, from surveys often years older than 2022, read
as 2022 figures; Malaysia's sheet stopped at the milestones towards a protocol it ratified in 2022."""

import re
from pathlib import Path

import frontmatter

from tests.content.ilab_generator import DATA, ROOT, generator_module

FOLDERS = ("countries", "sectors", "regions")
FINDINGS = "Findings on the Worst Forms of Child Labor (2022)"
NEWER = {
    "en": "This sheet gives ILAB's 2022 edition, and ILAB has published newer editions since: [its page for",
    "fr": "Cette fiche reprend l’édition 2022 de l’ILAB, qui a publié depuis des éditions plus récentes\u00a0: "
    "[sa page sur",
}
SURVEY_YEAR = {
    "en": "the survey and its year are given under the statistics table of ILAB's 2022 report on",
    "fr": "l’enquête et son année sont indiquées sous le tableau statistique du rapport 2022 de l’ILAB sur",
}


def _countries() -> dict[str, object]:
    model = generator_module("scripts.ilab_sheets.model")
    return dict(model.load(DATA, ROOT / "content" / "taxonomies").countries)


def _section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_findings_are_cited_at_the_2022_edition_not_at_ilab_s_live_pages(output: Path) -> None:
    """Every source titled as the 2022 Findings is the 2022 edition's own data, at a fixed commit; ILAB's page for an
    assessed country is still cited, under a title that says it shows ILAB's latest Findings."""
    constants = generator_module("scripts.ilab_sheets.constants")
    assert re.search(r"/blob/[0-9a-f]{40}/", constants.FINDINGS_URL)
    cited = 0
    for folder in FOLDERS:
        for path in sorted((output / folder).glob("*.md")):
            for source in frontmatter.load(path)["sources"]:
                if FINDINGS in source["title"]:
                    assert source["url"] == constants.FINDINGS_URL, path.name
                    cited += 1
                if source["url"].startswith(constants.REPORTS_URL):
                    assert "latest Findings" in source["title"] or "dernières conclusions" in source["title"], path.name
    countries = _countries()
    assessed = [c for c in countries.values() if c.assessed]
    assert cited == 2 * (len(assessed) + 5 + 1)  # the assessed countries, the regions and domestic work
    for country in assessed:
        for lang in ("fr", "en"):
            urls = [s["url"] for s in frontmatter.load(output / "countries" / f"{country.key}.{lang}.md")["sources"]]
            assert country.row["source_url"] in urls, (country.iso2, lang)


def test_every_assessed_country_says_that_ilab_has_published_newer_editions(output: Path) -> None:
    """The advancement section of a country ILAB's Findings assess points to ILAB's page for it and to the List's page
    for the latest edition; a country only on the List of Goods has no such assessment to point to."""
    constants = generator_module("scripts.ilab_sheets.constants")
    for country in _countries().values():
        for lang, heading in (("en", "ILAB advancement level"), ("fr", "Niveau d’avancement ILAB")):
            text = (output / "countries" / f"{country.key}.{lang}.md").read_text(encoding="utf-8")
            section = _section(text, heading)
            if country.assessed:
                assert NEWER[lang] in section, (country.iso2, lang)
                assert f"]({country.row['source_url']})" in section and f"]({constants.GOODS_URL})" in section
            else:
                assert NEWER[lang] not in text, (country.iso2, lang)


def test_working_children_figures_say_where_their_survey_year_is_given(output: Path) -> None:
    """The data hold no survey year, and ILAB's figures can come from surveys years older than 2022: every sheet that
    shows such figures says where the year is, and a sheet without them says nothing of a survey."""
    shown = 0
    for country in _countries().values():
        for lang, heading in (("en", "Working children"), ("fr", "Enfants au travail")):
            text = (output / "countries" / f"{country.key}.{lang}.md").read_text(encoding="utf-8")
            section = _section(text, heading) if f"\n## {heading}\n" in text else ""
            figures = section.startswith("\n- ")
            assert (SURVEY_YEAR[lang] in section) == figures, (country.iso2, lang)
            shown += figures
    assert shown > 2 * 100
    thailand = (output / "countries" / "country-th.en.md").read_text(encoding="utf-8")
    assert "13.0%" in thailand and f"{SURVEY_YEAR['en']} Thailand." in thailand


def test_malaysia_s_sheet_says_it_ratified_the_forced_labour_protocol(output: Path) -> None:
    """The 2018 ILO analysis recommended milestones towards the Protocol of 2014; Malaysia ratified it on 21 March
    2022, as NORMLEX records."""
    normlex = "https://normlex.ilo.org/dyn/normlex/en/f?p=1000:13100:0::NO:13100:P13100_COMMENT_ID,P13100_COUNTRY_ID"
    for lang, heading, words in (
        ("en", "Other public sources", "depositing its instrument of ratification with the ILO on 21 March 2022"),
        ("fr", "Autres sources publiques", "déposé son instrument de ratification auprès de l’OIT le 21 mars 2022"),
    ):
        path = output / "countries" / f"country-my.{lang}.md"
        section = _section(path.read_text(encoding="utf-8"), heading)
        assert words in section, section
        assert f"]({normlex}" in section
        assert any(s["url"].startswith(normlex) for s in frontmatter.load(path)["sources"])
