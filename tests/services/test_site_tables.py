"""A body's tables: each data cell names its column (``data-label``), which site.css shows on a phone."""

from app.services.markdown import render_markdown
from app.services.site.sheets import badge_tables
from app.services.site.tables import label_cells

GOODS = """| Bien | Secteur « ILAB » | Travail forcé |
| --- | --- | --- |
| Mica | Mines | oui |
| Vanille | Agriculture |
"""


def test_each_cell_names_its_column_escaped_and_after_the_badges() -> None:
    html = label_cells(badge_tables(render_markdown(GOODS)))
    assert html.count('data-label="Bien"') == 2
    assert html.count('data-label="Secteur « ILAB »"') == 2
    assert '<td data-label="Travail forcé"><span class="badge f-forced">oui</span></td>' in html
    assert '<td data-label="Travail forcé"></td>' in html  # a row shorter than the header: its cells are named
    assert "<th data-label" not in html  # the header row stays as it is


def test_a_quote_in_a_heading_cannot_leave_the_attribute() -> None:
    html = label_cells(render_markdown('| a "b" <i>c</i> |\n| --- |\n| x |\n'))
    assert '<td data-label="a &quot;b&quot; &lt;i&gt;c&lt;/i&gt;">x</td>' in html


def test_tables_without_a_header_row_and_other_html_are_untouched() -> None:
    html = "<p>a</p><table><tbody><tr><td>x</td></tr></tbody></table>"
    assert label_cells(html) == html
