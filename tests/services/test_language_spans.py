"""Words in another language in a body's Markdown, ``[Significant Advancement]{lang=en}`` (Pandoc's bracketed span):
a ``<span lang>`` on the page (WCAG 3.1.2), the words alone in the search's text and in the Word copy."""

import pytest

from app.search.markdown_text import markdown_to_text
from app.services.documents import parse
from app.services.markdown import render_markdown

FRENCH = "Évaluation : **progrès modérés** (« [Moderate *Advancement*]{lang=en} »)."


def test_a_bracketed_span_with_a_language_is_a_span_in_that_language() -> None:
    assert render_markdown(FRENCH) == (
        "<p>Évaluation : <strong>progrès modérés</strong> "
        '(« <span lang="en">Moderate <em>Advancement</em></span> »).</p>\n'
    )
    assert render_markdown("[Dutch]{lang=NL}") == '<p><span lang="nl">Dutch</span></p>\n'


@pytest.mark.parametrize(
    "text",
    [
        "[words]{lang=xx}",  # no such language
        "[words]{lang=en-GB}",  # a primary subtag only, as the sources' languages
        "[words]{.class}",
        "[words] {lang=en}",
        "[link](https://ilo.org){lang=en}",
    ],
)
def test_other_braces_stay_text_and_no_other_span_or_attribute_gets_through(text: str) -> None:
    html = render_markdown(text)
    assert "<span" not in html and "{" in html


def test_the_search_and_the_word_copy_take_the_words_alone() -> None:
    assert markdown_to_text(FRENCH, "fr") == "Évaluation : progrès modérés (« Moderate Advancement »)."
    [paragraph] = parse(FRENCH)
    assert "".join(run.text for run in paragraph.runs) == "Évaluation : progrès modérés (« Moderate Advancement »)."
