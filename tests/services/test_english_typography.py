"""French typography in English content (``typography.french_marks``): every place ``crv content check`` finds it,
with its line and its fix, and the French words an English file may quote in their own typography."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings
from app.services import content as content_service
from app.services.content import ContentIssue

runner = CliRunner()
ENGLISH = Path("resources", "method-risk-mapping.en.md")  # its front matter ends with a source, then its body


def _append(content_dir: Path, text: str) -> int:
    """``text`` added as the English file's last paragraph; the line it starts on."""
    path = content_dir / ENGLISH
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def _typography(content_dir: Path) -> list[ContentIssue]:
    return [issue for issue in content_service.check(content_dir).issues if issue.field in ("typography", "en")]


@pytest.mark.parametrize(
    ("text", "column", "found", "fix"),
    [
        (
            "The Collectif « Ensemble contre la traite » page.",
            15,
            "'« Ensemble contre la traite »'",
            "write '“Ensemble contre la traite”'",
        ),
        ("Quoted, then «\u202fleft open.", 14, "'«'", "“ and ”"),
        ("**Unit 2: the chain (1 h 30).** Exercise.", 22, "'1 h 30'", "write '1 hour 30 minutes' for a duration"),
        ("Three units (3 h) in one day.", 14, "'3 h'", "write '3 hours' for a duration, '3:00' for a time of day"),
        ("Morning session: 9 h 30 – 10 h 45.", 18, "'9 h 30'", "write '9:30' for a time of day"),
        ("Note\u202f: the audit is announced.", 5, "'\\u202f:'", "write 'Note:' (no space before :"),
        ("Why\u00a0? Because.", 4, "'\\xa0?'", "write 'Why?'"),
        ("A share of 2,5 % of children.", 12, "'2,5 %'", "write '2.5%' (a decimal point)"),
        ("A fine of EUR 1,5 million.", 11, "'EUR 1,5 million'", "write 'EUR 1.5 million'"),
    ],
)
def test_each_french_habit_is_found_in_english_with_its_line_and_fix(
    content_dir: Path, text: str, column: int, found: str, fix: str
) -> None:
    line = _append(content_dir, text)
    issue = _typography(content_dir)[0]
    assert (issue.path, issue.line, issue.column) == (ENGLISH.as_posix(), line, column)
    assert f"in English, {found}: " in issue.message and fix in issue.message


def test_the_end_of_a_range_is_a_time_of_day_too(content_dir: Path) -> None:
    _append(content_dir, "Sessions at 14 h, and from 9 h 30 – 10 h 45 (1 h 15).")
    fixes = [issue.message.split(": write ")[1] for issue in _typography(content_dir)]
    assert [fix.split("'")[1] for fix in fixes] == ["14:00", "9:30", "10:45", "1 hour 15 minutes"]


def test_every_place_is_reported_not_only_the_first(content_dir: Path) -> None:
    line = _append(content_dir, "Unit 1 (1 h).\n\nUnit 2 (2 h).")
    assert [(issue.line, issue.column) for issue in _typography(content_dir)] == [(line, 9), (line + 2, 9)]


@pytest.mark.parametrize(
    "text",
    [
        # English as English writes it
        "5,000 employees, 2.5%, €1,500, 2 hours 15 minutes, 10:30, 9:30–10:45, 5 ha, Article 3(h), 24/7: yes!",
        # not prose: code, a link's target, an address
        "Run `crv at 9h30`, read [the notice](https://example.org/9h30) or https://example.org/«x».",
        # words marked as French, their quotation marks included, a link inside them
        "The « [Loi sur le devoir de vigilance]{lang=fr} », the [[Code pénal](https://example.org)]{lang=fr} (2 h).",
    ],
)
def test_english_typography_and_what_is_not_english_prose_pass(content_dir: Path, text: str) -> None:
    _append(content_dir, text.replace("(2 h)", "(2 hours)"))
    assert _typography(content_dir) == []


def test_words_marked_english_or_with_an_unknown_language_are_english(content_dir: Path) -> None:
    line = _append(content_dir, "The « [Modern Slavery Act]{lang=en} » and « [Gesetz]{lang=xx} ».")
    assert [(issue.line, issue.column) for issue in _typography(content_dir)] == [(line, 5), (line, 43)]


def test_a_sources_title_keeps_its_publishers_typography(content_dir: Path) -> None:
    path = content_dir / ENGLISH
    title = '  - title: "Collectif « Ensemble contre la traite des êtres humains », Formation 1 h 30 : 2,5 %"\n'
    path.write_text(path.read_text(encoding="utf-8").replace("sources:\n", "sources:\n" + title), encoding="utf-8")
    assert _typography(content_dir) == []
    # the same in the summary, the English of the centre, is reported
    path.write_text(path.read_text(encoding="utf-8").replace("Test method", "Test « method » (1 h)"))
    assert [issue.line for issue in _typography(content_dir)] == [7, 7]


def test_a_french_file_may_be_in_french_typography(content_dir: Path) -> None:
    path = content_dir / "resources" / "method-risk-mapping.fr.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nLe module dure 1\u00a0h\u202f30 («\u202fparcours\u202f»).\n")
    assert _typography(content_dir) == []


def test_an_english_label_of_the_taxonomies_is_english(content_dir: Path) -> None:
    risks = content_dir / "taxonomies" / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    risks.write_text(text.replace("en: Forced labour", "en: « Forced labour »"), encoding="utf-8")
    line = text.splitlines().index("  en: Forced labour") + 1
    [issue] = _typography(content_dir)
    assert (issue.path, issue.field, issue.line, issue.column) == ("taxonomies/risks.yaml", "en", line, 7)
    assert "write '“Forced labour”'" in issue.message
    # a French label and the synonyms, in any language, are not English
    risks.write_text(
        text.replace("fr: Travail forcé", "fr: « Travail forcé »").replace("[forced labor,", "[« travail forcé »,"),
        encoding="utf-8",
    )
    assert _typography(content_dir) == []


def test_crv_content_check_names_the_file_line_and_fix(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    get_settings.cache_clear()
    line = _append(content_dir, "Unit 1 (1 h 30).")
    file = content_dir / ENGLISH
    for target in (file, content_dir):
        result = runner.invoke(app, ["content", "check", str(target)])
        assert result.exit_code == 1
        name = file if target == file else ENGLISH.as_posix()
        assert (
            f"{name}:{line}:9: typography: a French time or duration in English, '1 h 30': write '1 hour 30 minutes' "
            "for a duration, '1:30' for a time of day" in " ".join(result.output.split())
        )
    assert runner.invoke(app, ["content", "typeset", str(file)]).output.endswith("0 file(s) rewritten\n")
