"""Markdown rendering is safe whatever the source holds."""

import pytest

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
    html = render_markdown("[a](https://example.org) [b](crv:country-ci)", lambda key: f"/fr/resources/{key}")
    assert '<a href="https://example.org" rel="nofollow noopener">a</a>' in html
    assert 'href="/fr/resources/country-ci"' in html
    assert internal_links("[b](crv:country-ci) [c](https://x.org)") == ["country-ci"]


def test_unresolved_internal_link_is_neutralised() -> None:
    assert 'href="#"' in render_markdown("[b](crv:missing)", lambda key: None)


def test_plain_text_for_indexing() -> None:
    text = markdown_to_text("## Titre\n\nDu **cacao** et du [café](https://x.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "Titre" in text and "Du cacao et du café." in text and "**" not in text and "https" not in text
