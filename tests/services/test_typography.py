"""French typography of prose typed on an ordinary keyboard, and the content rule that holds the corpus to it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings
from app.services import content as content_service
from app.services.typography import NBSP, NNBSP, elide, french, french_markdown, starts_with_vowel_sound

runner = CliRunner()


@pytest.mark.parametrize(
    ("typed", "typeset"),
    [
        ("l'OIT et aujourd'hui", "l’OIT et aujourd’hui"),
        ("Côte d'Ivoire : cacao", f"Côte d’Ivoire{NBSP}: cacao"),
        ("2,1 % des enfants ; vraiment ? oui !", f"2,1{NBSP}% des enfants{NNBSP}; vraiment{NNBSP}? oui{NNBSP}!"),
        ("« Initiative »", f"«{NNBSP}Initiative{NNBSP}»"),
        ("the workers' rights, 'quoted'", "the workers' rights, 'quoted'"),  # no letter on both sides
        ("ILO's report", "ILO’s report"),
        ("l'[Accord](crv:x) et d'**abord**", "l’[Accord](crv:x) et d’**abord**"),  # before a link or emphasis
        (
            "au moins 5 000 salariés, 1 037 644 demandes",
            f"au moins 5{NNBSP}000 salariés, 1{NNBSP}037{NNBSP}644 demandes",
        ),
        ("en 2023 150 pays, 1,5 000", "en 2023 150 pays, 1,5 000"),  # a year, then a count; not groups of thousands
    ],
)
def test_french(typed: str, typeset: str) -> None:
    assert french(typed) == typeset
    assert french(typeset) == typeset  # idempotent


def test_french_markdown_leaves_code_links_and_addresses_alone() -> None:
    markdown = (
        "Voir [Côte d'Ivoire](https://fr.wikipedia.org/wiki/C%C3%B4te_d'Ivoire) et `l'API` :\n"
        "<https://example.org/l'adresse> ou https://example.org/d'autre, <span title='x'>l'OIT</span>\n"
        "```\nprint('l'exemple')\n```\n"
    )
    expected = (
        "Voir [Côte d’Ivoire](https://fr.wikipedia.org/wiki/C%C3%B4te_d'Ivoire) et `l'API`\u00a0:\n"
        "<https://example.org/l'adresse> ou https://example.org/d'autre, <span title='x'>l’OIT</span>\n"
        "```\nprint('l'exemple')\n```\n"
    )
    assert french_markdown(markdown) == expected
    assert french_markdown(expected) == expected


def test_a_french_file_out_of_typography_is_found_where_it_departs_and_typeset_mends_it(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    get_settings.cache_clear()
    french_file = next((content_dir / "resources").rglob("*.fr.md"))
    english_file = next((content_dir / "resources").rglob("*.en.md"))
    lines = french_file.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines.index("---\n", 1) + 1
    lines.insert(body, "Le rôle de l'inspection.\n\n")
    french_file.write_text("".join(lines), encoding="utf-8")
    english_file.write_text(english_file.read_text(encoding="utf-8") + "\nThe inspectorate's role.\n")

    [issue] = [issue for issue in content_service.check(content_dir).issues if issue.field == "typography"]
    assert (issue.field, issue.line, issue.column) == ("typography", body + 1, 13)
    assert "crv content typeset" in issue.message

    result = runner.invoke(app, ["content", "typeset"])
    assert result.exit_code == 0, result.output
    assert str(french_file) in result.output and "1 file(s) rewritten" in result.output
    assert "Le rôle de l’inspection." in french_file.read_text(encoding="utf-8")
    assert "The inspectorate's role." in english_file.read_text(encoding="utf-8")  # English is left as typed
    assert content_service.check(content_dir).issues == []


@pytest.mark.parametrize(
    ("word", "elides"),
    [
        ("Awa Koné", True),
        ("Élise", True),
        ("ONG Audit Éditeur", True),
        ("Œuvre d’Orient", True),
        ("Yves", True),  # y before a consonant is a vowel
        ("Ousmane", True),  # « ou » before a consonant is a vowel
        ("Yaoundé", False),  # y before a vowel sounds as a consonant
        ("Ouagadougou", False),  # so does « ou »
        ("Ouédraogo", False),
        ("Hélène", False),  # no h: a mute one and an aspirate one are spelled alike
        ("Kofi", False),
        ("8.7 Alliance", False),
        ("« Awa »", False),
        ("", False),
    ],
)
def test_starts_with_vowel_sound(word: str, elides: bool) -> None:
    assert starts_with_vowel_sound(word) is elides


def test_elide_before_the_names_put_in_only() -> None:
    template = "Membres de %(organisation)s, rôle de %(name)s, connecté·e en tant que %(who)s ; le %(date)s"
    values = {"organisation": "ONG Audit", "name": "Kofi", "who": "Élise", "date": "1er mai"}
    assert elide(template, values) % values == (
        "Membres d’ONG Audit, rôle de Kofi, connecté·e en tant qu’Élise ; le 1er mai"
    )
    assert elide("De %(a)s à la %(b)s", {"a": "Awa", "b": "Afrique"}) == "D’%(a)s à l’%(b)s"
    assert elide("Le %(a)s", {"a": "OIT"}) == "L’%(a)s"
    # a word that only ends like one (« jusque »), a number, a value not given: nothing changes
    assert elide("jusque %(a)s", {"a": "ici"}) == "jusque %(a)s"
    assert elide("de %(n)s", {"n": 8}) == "de %(n)s"
    assert elide("de %(n)s", {}) == "de %(n)s"
