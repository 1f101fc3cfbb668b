"""A blank form (a tool's template, no data cell holding anything) is marked for site.css, which keeps it a table on
a phone, and reachable by keyboard where it scrolls sideways; a table that says something is not."""

from app.services.markdown import render_markdown
from app.services.site.tables import label_cells

GAPS = "## Lacunes relevées\n\n| Mesure | Lacune | Action |\n| --- | --- | --- |\n| | | |\n"
STEPS = "| Étape | Responsable | Date |\n| --- | --- | --- |\n| Suspendre | | |\n| Remédier | | |\n"
INDICATORS = "| Indicateur | Année précédente |\n| --- | --- |\n| Cas | |\n| Cas | 3 |\n"


def test_a_table_of_empty_cells_is_a_blank_form() -> None:
    html = label_cells(render_markdown(GAPS))
    assert '<table aria-labelledby="body-heading-1" class="blank-form" tabindex="0">' in html
    assert '<td data-label="Lacune"></td>' in html  # still labelled


def test_row_headers_aside_a_table_of_empty_cells_is_a_blank_form() -> None:
    html = label_cells(render_markdown(STEPS))
    assert '<th scope="row" data-label="Étape">Suspendre</th>' in html and 'class="blank-form"' in html


def test_a_table_with_a_data_cell_that_says_something_is_not() -> None:
    html = label_cells(render_markdown(INDICATORS))  # « Cas » twice: no row headers, its cells are data
    assert "blank-form" not in html and "tabindex" not in html
