"""``crv content check`` on files and folders anywhere: every problem in one pass, as file:line:column: message,
with taxonomy suggestions and a quoting hint for YAML errors."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings
from app.services import drafts
from app.taxonomy import load_taxonomies

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

DRAFT = """\
---
type: good_practice
title: "Cacao : une coopérative suit les enfants"
summary: Des agents visitent les ménages.
countries: [Côte d'Ivoire, GH]
sectors:
  - cacao
risks: [child labour]
licence: CC-BY-4.0
sources:
  - title: ICI
    url: https://example.org/clmrs
---
## Démarche

Des agents visitent les ménages.
"""


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch, content_dir: Path) -> None:
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    get_settings.cache_clear()


def lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_a_draft_anywhere_gets_every_problem_with_its_position_and_suggestions(tmp_path: Path) -> None:
    draft = tmp_path / "drafts" / "cacao-cooperative.fr.md"
    draft.parent.mkdir()
    draft.write_text(DRAFT, encoding="utf-8")
    result = runner.invoke(app, ["content", "check", str(draft)])
    assert result.exit_code == 1
    output = lines(result.output)
    assert (
        f"{draft}:5:13: countries: unknown code \"Côte d'Ivoire\" (did you mean 'CI'?); "
        "the codes are in /v1/taxonomies/countries" in output
    )
    assert (
        f"{draft}:7:5: sectors: unknown code 'cacao' (did you mean 'cocoa'?); the codes are in /v1/taxonomies/sectors"
        in output
    )
    assert any(
        line.startswith(f"{draft}:8:9: risks: unknown code 'child labour' (did you mean 'child-labour'?)")
        for line in output
    )
    assert "3 problem(s)" in output
    # fixed, the draft passes (no publisher, dates or slug needed: the server sets them)
    fixed = DRAFT.replace("Côte d'Ivoire", "CI").replace("cacao\n", "cocoa\n").replace("child labour", "child-labour")
    draft.write_text(fixed, encoding="utf-8")
    ok = runner.invoke(app, ["content", "check", str(tmp_path / "drafts")])
    assert ok.exit_code == 0, ok.output


def test_a_yaml_error_gives_its_line_and_a_quoting_hint(tmp_path: Path) -> None:
    draft = tmp_path / "cacao.fr.md"
    draft.write_text(DRAFT.replace('"Cacao : une coopérative suit les enfants"', "Cacao : une coopérative"))
    result = runner.invoke(app, ["content", "check", str(draft)])
    assert result.exit_code == 1
    [problem, count] = lines(result.output)
    assert problem.startswith(f"{draft}:3:14: front matter: invalid YAML: mapping values are not allowed in this")
    assert "double quotes" in problem and count == "1 problem(s)"


def test_files_and_folders_of_the_content_tree_keep_the_content_rules(content_dir: Path, tmp_path: Path) -> None:
    one = next((content_dir / "resources").rglob("*.fr.md"))
    assert runner.invoke(app, ["content", "check", str(one)]).exit_code == 0
    assert runner.invoke(app, ["content", "check", str(content_dir / "resources")]).exit_code == 0
    assert runner.invoke(app, ["content", "check"]).exit_code == 0  # the whole tree
    one.write_text(one.read_text().replace("licence: CC-BY-4.0\n", "").replace("type: ", "type: nope-"))
    result = runner.invoke(app, ["content", "check", str(one)])
    assert result.exit_code == 1
    output = "\n".join(lines(result.output))
    assert f"{one}:" in output and ": licence: is required" in output and ": type: " in output
    missing = runner.invoke(app, ["content", "check", str(tmp_path / "nope.md")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_the_content_tree_with_a_broken_file_reports_line_numbers(content_dir: Path) -> None:
    one = next((content_dir / "resources").rglob("*.en.md"))
    one.write_text(one.read_text().replace("risks: [", "risks: [slavery, "))
    result = runner.invoke(app, ["content", "check", str(content_dir)])
    assert result.exit_code == 1
    [problem] = [line for line in lines(result.output) if "risks" in line]
    name = one.relative_to(content_dir).as_posix()
    line = next(i for i, text in enumerate(one.read_text().splitlines(), 1) if text.startswith("risks:"))
    assert problem.startswith(f"{name}:{line}:9: risks: unknown code 'slavery'")


def test_the_server_taxonomies_can_be_used(client: object, content_dir: Path) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    fetched = drafts.fetch_taxonomies(client)
    local = load_taxonomies(content_dir)
    for name in local.vocabularies:
        assert set(fetched[name]) == set(local[name])
    assert (
        fetched["countries"]["CI"].fr == "Côte d’Ivoire" or fetched["countries"]["CI"].fr == local["countries"]["CI"].fr
    )
