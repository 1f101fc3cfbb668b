"""What of a body is text to index and excerpt: a block of nothing but links to the centre's pages is not."""

import pytest

from app.search.markdown_text import markdown_to_text
from app.services.markdown import render_markdown

CSDDD_LINKS = "[LkSG](crv:law-de-lksg) · [CSDDD](crv:law-csddd) ·\n[OECD Guidelines](crv:law-oecd-guidelines)"
NORWAY = f"""## What it requires

Larger enterprises publish an account of their due diligence.

## Related crv resources

{CSDDD_LINKS}
"""


def test_csddd_a_related_resources_list_is_neither_indexed_nor_its_heading() -> None:
    """« CSDDD » found Norway's act, whose only mention of it was a link in the list closing the page."""
    assert markdown_to_text(NORWAY) == "What it requires\nLarger enterprises publish an account of their due diligence."


def test_the_page_keeps_the_links_left_out_of_the_text() -> None:
    html = render_markdown(NORWAY, lambda key: f"/en/resources/{key}")
    assert '<a href="/en/resources/law-csddd">CSDDD</a>' in html and "Related crv resources" in html


@pytest.mark.parametrize(
    "block",
    [
        "[Cocoa](crv:commodity-cocoa)",
        "[Cocoa](crv:commodity-cocoa), [Coffee](crv:commodity-coffee) and [Tea](crv:commodity-tea).",
        "[Cacao](crv:commodity-cocoa) et [Café](crv:commodity-coffee) ou [Thé](crv:commodity-tea)",
        "**[Cocoa](crv:commodity-cocoa)** — *[Coffee](crv:commodity-coffee)*",
        "[Cocoa](crv:commodity-cocoa) ·\n[Coffee](crv:commodity-coffee)",
        "- [Cocoa](crv:commodity-cocoa)\n- [Coffee](crv:commodity-coffee) · [Tea](crv:commodity-tea)",
        "> [Cocoa](crv:commodity-cocoa)",
    ],
)
def test_a_block_of_links_to_the_centres_pages_is_navigation(block: str) -> None:
    assert markdown_to_text(f"Text before.\n\n{block}\n\nText after.") == "Text before.\nText after."


@pytest.mark.parametrize(
    ("block", "text"),
    [
        # A label says what the links are: a fact of the text (a country sheet's region, a sector's goods).
        ("Region: [Sub-Saharan Africa](crv:region-sub-saharan-africa)", "Region: Sub-Saharan Africa"),
        ("On this site: [cocoa](crv:commodity-cocoa).", "On this site: cocoa."),
        ("See [the ILO](https://www.ilo.org) and [C182](crv:law-ilo-c182)", "See the ILO and C182"),
        ("[ILO](https://www.ilo.org) · [C182](crv:law-ilo-c182)", "ILO · C182"),  # a source, not only pages here
        ("[C182](crv:law-ilo-c182) (1999)", "C182 (1999)"),
        ("[C182](crv:law-ilo-c182) ![a map](map.png)", "C182 a map"),
        ("Texts that apply: [CSDDD](crv:law-csddd).", "Texts that apply: CSDDD."),
    ],
)
def test_links_with_words_of_their_own_stay_text(block: str, text: str) -> None:
    assert markdown_to_text(block) == text


def test_a_table_of_links_stays_data() -> None:
    table = "| Convention | Ratified |\n|---|---|\n| [C182](crv:law-ilo-c182) | [yes](crv:law-ilo-c182) |"
    assert markdown_to_text(table, "en") == "Convention: C182 — Ratified: yes"


def test_a_heading_stays_with_text_under_it_or_under_its_subheadings() -> None:
    markdown = "# Page\n\n## Related\n\n[C182](crv:law-ilo-c182)\n\n### Further\n\nText.\n\n"
    markdown += "## Links\n\n[C29](crv:law-ilo-c029)"
    assert markdown_to_text(markdown) == "Page\nRelated\nFurther\nText."
    # Under a heading left out, what follows the next heading of its level or higher is read as before.
    assert markdown_to_text("## Links\n\n[C29](crv:law-ilo-c029)\n\n## Scope\n\nText.") == "Scope\nText."
    # Only the subsection of links goes: its parent has text of its own.
    assert markdown_to_text("## Scope\n\nText.\n\n### See\n\n[C29](crv:law-ilo-c029)") == "Scope\nText."


def test_a_heading_with_nothing_under_it_was_no_navigation_and_stays() -> None:
    assert markdown_to_text("## Scope\n\n## Duties\n\nText.\n\n## Annex") == "Scope\nDuties\nText.\nAnnex"


def test_a_heading_with_code_or_a_table_under_it_stays() -> None:
    assert markdown_to_text("## Code\n\n    C182\n\n[C29](crv:law-ilo-c029)") == "Code\nC182"
    assert markdown_to_text("## Data\n\n| a |\n|---|\n| 1 |\n\n[C29](crv:law-ilo-c029)") == "Data\na: 1"
