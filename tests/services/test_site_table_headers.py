"""A body's tables for a screen reader (tables.py): the first column's cells are row headers where they name the
rows, and a table is named by the heading it stands alone under (the audit of December 2026: a sheet's « Biens
inscrits », « Ratifications » and « Cadre juridique » had neither)."""

import re
from pathlib import Path

import frontmatter

from app.services.markdown import render_markdown
from app.services.site.sheets import badge_tables
from app.services.site.tables import label_cells
from app.services.typography import typeset_markdown

ROOT = Path(__file__).resolve().parents[2]
ROW_HEADER = re.compile(r'<th scope="row" data-label="([^"]*)">(.*?)</th>', re.DOTALL)


def rendered(markdown: str) -> str:
    return label_cells(badge_tables(render_markdown(markdown)))


def test_a_column_that_names_each_row_makes_row_headers_still_labelled_for_the_cards() -> None:
    html = rendered(
        "| Bien | Secteur | Travail forcé |\n| --- | --- | --- |\n| Mica | Mines | oui |\n| Vanille | Agri |\n"
    )
    assert ROW_HEADER.findall(html) == [("Bien", "Mica"), ("Bien", "Vanille")]
    assert '<td data-label="Secteur">Mines</td>' in html
    assert '<td data-label="Travail forcé"><span class="badge f-forced">oui</span></td>' in html
    assert html.count("<th>") == 3  # the header row as it was


def test_a_first_column_with_a_blank_or_a_repeat_names_no_row() -> None:
    blank = rendered("| Date | Lieu |\n| --- | --- |\n|  | Abidjan |\n| 3 mai | Accra |\n")
    repeated = rendered("| Pays | Bien |\n| --- | --- |\n| Ghana | Or |\n| Ghana | Cacao |\n")
    alone = rendered("| Étape |\n| --- |\n| Cartographier |\n")  # one column: nothing for a header to name
    for html in (blank, repeated, alone):
        assert 'scope="row"' not in html and "<tbody>" in html


def test_a_table_alone_under_its_heading_is_named_by_it_two_under_one_heading_are_not() -> None:
    table = "| A | B |\n| --- | --- |\n| x | 1 |\n"
    html = rendered(f"{table}\n## Ratifications\n\nTexte.\n\n{table}\n### Intrants\n\n{table}\n{table}\n## Fin\n")
    assert html.count("aria-labelledby") == 1
    named = re.search(r'<h2 id="([^"]+)">Ratifications</h2>\s*<p>Texte.</p>\s*<table aria-labelledby="([^"]+)">', html)
    assert named and named.group(1) == named.group(2)
    assert "<h3>Intrants</h3>" in html and "<h2>Fin</h2>" in html  # two tables: neither named, no id given


def test_a_country_sheet_s_three_tables_have_names_and_row_headers() -> None:
    """Côte d'Ivoire's sheet as its page renders it: its goods, treaties and standards head their rows."""
    post = frontmatter.load(ROOT / "content/resources/risk-sheets/countries/country-ci.fr.md")
    html = rendered(typeset_markdown(post.content, "fr"))
    headings = dict(re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', html))
    names = [headings[name] for name in re.findall(r'<table aria-labelledby="([^"]+)">', html)]
    assert names == ["Biens inscrits sur la liste de l’ILAB", "Ratifications", "Cadre juridique"]
    headers = ROW_HEADER.findall(html)
    assert [label for label, _ in headers] == ["Bien"] * 2 + ["Instrument"] * 6 + ["Norme"] * 9
    assert headers[0][1].endswith(">Cacao</a>") and headers[-1][1] == "Enseignement public gratuit"
