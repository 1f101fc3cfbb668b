"""``crv content check`` validates content/glossary.yaml: the real one passes; a term without a source, or naming a
resource the tree does not have (or has in one language only), is refused with the file, the line and the field,
and so are French typography left undone, an English definition in French typography, two terms with one anchor, a
source's address that is not one."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings
from app.services import content
from app.services.glossary import GLOSSARY_FILE, problems
from tests.helpers import CONTENT

FR_DEFINITION = "Un travail exigé d’une personne sous la menace d’une peine, qu’elle n’a pas accepté librement."
EN_DEFINITION = "Work exacted from a person under the menace of a penalty, which they have not freely accepted."
SOURCE = """\
    - title:
        fr: OIT NORMLEX, Convention (n° 29) sur le travail forcé, 1930
        en: ILO NORMLEX, Forced Labour Convention, 1930 (No. 29)
      url: https://normlex.ilo.org/dyn/nrmlx_{lang}/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C029
"""


def term(
    *,
    fr: str = "Travail forcé",
    en: str = "Forced labour",
    fr_definition: str = FR_DEFINITION,
    en_definition: str = EN_DEFINITION,
    sources: str | None = "  sources:\n" + SOURCE,
    see_also: str = "[method-risk-mapping]",
) -> str:
    return (
        f"- fr:\n    term: {fr}\n    definition: >-\n      {fr_definition}\n"
        f"  en:\n    term: {en}\n    definition: >-\n      {en_definition}\n"
        + (sources or "")
        + f"  see_also: {see_also}\n"
    )


def check(content_dir: Path, *terms: str) -> list[content.ContentIssue]:
    (content_dir / GLOSSARY_FILE).write_text("# the glossary\n" + "".join(terms), encoding="utf-8")
    return [issue for issue in content.check(content_dir).issues if issue.path == GLOSSARY_FILE]


def test_the_real_glossary_is_valid() -> None:
    resources = {(path.name.split(".")[0], path.name.split(".")[1]) for path in (CONTENT / "resources").rglob("*.md")}
    assert problems(CONTENT, resources) == []


def test_a_valid_term_and_no_file_are_fine(content_dir: Path) -> None:
    assert content.check(content_dir).ok  # the fixture tree has no glossary: nothing to check
    assert check(content_dir, term()) == []


@pytest.mark.parametrize("sources", [None, "  sources: []\n"])
def test_a_term_without_a_source_is_refused(content_dir: Path, sources: str | None) -> None:
    issues = check(content_dir, term(), term(fr="Traite des êtres humains", en="Trafficking", sources=sources))
    assert [(issue.field, issue.line) for issue in issues] == [("sources", 24 if sources else 16)]
    assert "at least one source" in issues[0].message
    assert str(issues[0]).startswith(f"{GLOSSARY_FILE}:{issues[0].line}:")


def test_a_source_needs_a_title_and_an_address(content_dir: Path) -> None:
    no_url = "  sources:\n    - title: Code pénal (Légifrance)\n      language: fr\n"
    not_an_address = "  sources:\n    - title: Code pénal\n      language: fr\n      url: legifrance\n"
    no_language = "  sources:\n    - title: Code pénal\n      url: https://www.legifrance.gouv.fr/\n"
    issues = check(content_dir, term(sources=no_url), term(fr="B", en="B", sources=not_an_address),
                   term(fr="C", en="C", sources=no_language))  # fmt: skip
    assert [issue.field for issue in issues] == ["sources.0.url", "sources.0", "sources.0"]
    assert "'legifrance' is not a web address" in issues[1].message
    assert "needs the `language` it is in" in issues[2].message


def test_an_unknown_resource_key_is_refused(content_dir: Path) -> None:
    issues = check(content_dir, term(see_also="[method-risk-mapping, law-nowhere]"))
    assert [(issue.field, issue.line, issue.column) for issue in issues] == [("see_also", 15, 35)]
    assert issues[0].message == "'law-nowhere' is not the translation_key of a resource of content/resources"


def test_a_resource_in_one_language_only_is_refused(content_dir: Path) -> None:
    (content_dir / "resources" / "method-risk-mapping.en.md").unlink()
    issues = check(content_dir, term())
    assert [issue.message for issue in issues] == [
        "'method-risk-mapping' has no English version: that glossary could not link it"
    ]


def test_a_term_without_a_resource_is_refused(content_dir: Path) -> None:
    issues = check(content_dir, term(see_also="[]"))
    assert [issue.field for issue in issues] == ["see_also"]
    assert "at least one of the centre's resources" in issues[0].message


def test_typography_of_each_language(content_dir: Path) -> None:
    issues = check(
        content_dir,
        term(fr_definition="Un travail exigé sous la menace d'une peine, qu'elle n'a pas accepté librement : voilà."),
        term(
            fr="Esclavage", en="Slavery", en_definition="Work exacted under « threat », which they have not accepted."
        ),
    )
    assert [(issue.field, issue.line) for issue in issues] == [("fr.definition", 4), ("en.definition", 22)]
    assert issues[0].message.startswith("is not in French typography from \"'une peine, \": ’ for '")


def test_two_terms_with_one_anchor_are_refused(content_dir: Path) -> None:
    issues = check(content_dir, term(), term(fr="Travail-forcé", en="Forced labour (ILO)"))
    assert [(issue.field, issue.message) for issue in issues] == [
        ("fr.term", "'Travail-forcé' has the same anchor (#travail-force) as 'Travail forcé': two terms, one name")
    ]


def test_content_check_reports_it_with_its_line(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRV_CONTENT_DIR", str(content_dir))
    get_settings.cache_clear()
    check(content_dir, term(see_also="[law-nowhere]"))
    try:
        result = CliRunner().invoke(app, ["content", "check"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert (
        f"{GLOSSARY_FILE}:15:14: see_also: 'law-nowhere' is not the translation_key of a resource of content/resources"
        in result.output
    )
