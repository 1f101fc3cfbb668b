"""Markdown rendering is safe whatever the source holds."""

import random

import pytest

from app.search import markdown_text
from app.search.markdown_text import markdown_to_text
from app.services.markdown import internal_links, render_markdown


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        '<img src=x onerror="alert(1)">',
        "![x](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<svg onload=alert(1)>",
    ],
)
def test_payloads_come_back_inert(payload: str) -> None:
    html = render_markdown(f"Text {payload} end")
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
    assert "javascript:" not in lowered.replace("&lt;", "<") or "href" not in lowered
    assert "onerror=" not in lowered.replace("&lt;", "") or "<img" not in lowered
    assert 'href="javascript' not in lowered and "<img src=x" not in lowered


def test_links_get_safe_rel_and_internal_links_resolve() -> None:
    html = render_markdown("[a](https://example.org) [b](crv:country-ci)", lambda key: f"/fr/ressources/{key}")
    assert '<a href="https://example.org" rel="nofollow noopener">a</a>' in html
    assert '<a href="/fr/ressources/country-ci">b</a>' in html  # the centre's own page: crawlers may follow it
    assert internal_links("[b](crv:country-ci) [c](https://x.org)") == ["country-ci"]


def test_unresolved_internal_link_is_neutralised() -> None:
    assert 'href="#"' in render_markdown("[b](crv:missing)", lambda key: None)


def test_plain_text_for_indexing() -> None:
    text = markdown_to_text("## Titre\n\nDu **cacao** et du [café](https://x.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "Titre" in text and "Du cacao et du café." in text and "**" not in text and "https" not in text


def test_chocolatierset_a_soft_line_break_is_a_space() -> None:
    """The last word of a line and the first of the next were glued (« chocolatierset », « puisadaptés »)."""
    text = markdown_to_text("mis en œuvre avec des chocolatiers\net leurs fournisseurs, puis\nadaptés au cacao")
    assert "chocolatiers et leurs" in text and "puis adaptés" in text
    assert "chocolatierset" not in text and "puisadaptés" not in text


def test_a_hard_break_and_an_image_alt_stay_text() -> None:
    assert markdown_to_text("ligne un  \nligne deux ![une carte](x.png)") == "ligne un\nligne deux une carte"


def test_a_table_row_reads_as_text_named_by_its_headers() -> None:
    """Risk-sheet excerpts showed flattened tables (« Good ILAB sector Child labour … yes yes yes »)."""
    table = "| Good | ILAB sector | Child labour | Forced labour |\n|---|---|---|---|\n"
    table += "| Cotton | Agriculture | yes | — |"
    assert markdown_to_text(table, "en") == "Good: Cotton — ILAB sector: Agriculture — Child labour: yes"
    french = "| Pays | Bien |\n|---|---|\n| [Bénin](crv:country-bj) | Coton |"
    assert markdown_to_text(french, "fr") == "Pays\u00a0: Bénin — Bien\u00a0: Coton"


def test_text_without_markup_skips_the_parser_with_the_parsers_answer() -> None:
    """Bodies without markup take a shortcut; on thousands of texts mixing words, markup characters, spaces and
    line breaks, the shortcut (when taken) and the parser agree to the character."""
    rng = random.Random(15)
    pieces = ["mot", "Côte", "d'Ivoire", "2024", "1.", "1)", "-", "+", "=", "#", "*", "_", "`", "~", "|", ">", "<",
              "&amp;", "[x](y)", "!", "\\", ":", ".", ",", " ", "  ", "    ", "\t", "\u00a0", "\n", "\n", "\n\n",
              "\n\n\n", "\r\n", "\f", "\x1f", "\u3000", "٣.", "é"]  # fmt: skip
    shortcuts = 0
    for _ in range(4000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
        if markdown_text._is_plain(text):
            shortcuts += 1
        assert markdown_to_text(text) == markdown_text._parsed_text(text, "en"), repr(text)
    assert shortcuts > 200  # the shortcut was exercised, not only the parser
