"""The reader's language: asked for, else Accept-Language, else the query's words."""

from pathlib import Path

import pytest

from app.i18n import preferred_language
from app.services.reader_language import guesser, reader_language
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB,en;q=0.9,fr;q=0.8", "en"),
        ("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", "fr"),
        ("fr;q=0, en", "en"),
        ("es, de", None),
        ("", None),
        (None, None),
        ("fr;q=abc", None),
    ],
)
def test_accept_language(header: str | None, language: str | None) -> None:
    assert preferred_language(header) == language


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("coton", "fr"),
        ("cotton", "en"),
        ("cacao", "fr"),
        ("cocoa", "en"),
        ("travail des enfants", "fr"),
        ("child labour", "en"),
        ("pakistan", None),
        ("", None),
    ],
)
def test_the_query_language(q: str, language: str | None) -> None:
    assert guesser(TAXONOMIES).guess(q) == language


def test_the_order_of_precedence() -> None:
    assert reader_language(TAXONOMIES, asked="en", accept_language="fr", q="coton") == "en"
    assert reader_language(TAXONOMIES, asked=None, accept_language="en", q="coton") == "en"
    assert reader_language(TAXONOMIES, asked=None, accept_language=None, q="coton") == "fr"
    assert reader_language(TAXONOMIES, asked=None, accept_language=None, q="pakistan") is None
    assert reader_language(TAXONOMIES, asked=None, accept_language=None, q="pakistan", filtered=["en"]) == "en"
