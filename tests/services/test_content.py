"""The content loader: validation with file and field, all-or-nothing, idempotent, archives vanished files."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import OutboxEvent, Resource, ResourceStatus
from app.services import content as content_service


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_check_accepts_the_fixture_corpus(content_dir: Path) -> None:
    report = content_service.check(content_dir)
    assert report.issues == []
    assert len(report.files) == 6


def test_load_creates_then_is_a_no_op(session: Session, content_dir: Path) -> None:
    first = content_service.load(session, content_dir)
    session.commit()
    assert (first.created, first.updated, first.unchanged) == (6, 0, 0)
    events = session.scalar(select(func.count(OutboxEvent.id)))
    versions = dict(session.execute(select(Resource.id, Resource.version)).all())

    second = content_service.load(session, content_dir)
    session.commit()
    assert (second.created, second.updated, second.unchanged, second.archived) == (0, 0, 6, 0)
    assert session.scalar(select(func.count(OutboxEvent.id))) == events
    assert dict(session.execute(select(Resource.id, Resource.version)).all()) == versions


def test_loaded_resource_keeps_every_field(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.commit()
    resource = session.get(Resource, "method-risk-mapping.fr")
    assert resource is not None
    assert resource.slug == "cartographie-des-risques"
    assert resource.translation_key == "method-risk-mapping"
    assert resource.risks == ["child-labour", "forced-labour", "human-trafficking"]
    assert str(resource.updated_at) == "2026-03-15"
    assert resource.sources[0]["url"].startswith("https://www.legifrance.gouv.fr/")
    assert resource.body.startswith("## Étapes")


def test_changed_file_is_updated(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.commit()
    path = content_dir / "resources" / "country-pk.en.md"
    _write(path, path.read_text().replace("bricks and debt bondage", "bricks and bonded labour"))
    report = content_service.load(session, content_dir)
    session.commit()
    assert (report.updated, report.unchanged) == (1, 5)
    resource = session.get(Resource, "country-pk.en")
    assert resource is not None and resource.title == "Pakistan: bricks and bonded labour"
    assert resource.version == 2


def test_vanished_file_is_archived_not_deleted(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.commit()
    (content_dir / "resources" / "country-pk.en.md").unlink()
    (content_dir / "resources" / "country-pk.fr.md").unlink()
    report = content_service.load(session, content_dir)
    session.commit()
    assert report.archived == 2
    resource = session.get(Resource, "country-pk.en")
    assert resource is not None and resource.status == ResourceStatus.archived


def test_invalid_file_changes_nothing_and_names_file_and_field(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.commit()
    good = content_dir / "resources" / "country-ci.en.md"
    _write(good, good.read_text().replace("child labour in cocoa", "CHANGED"))
    bad = content_dir / "resources" / "country-pk.fr.md"
    _write(
        bad,
        bad.read_text().replace("sectors: [bricks]", "sectors: [briques]").replace("type: risk_sheet", "type: sheet"),
    )

    with pytest.raises(content_service.ContentInvalid) as caught:
        content_service.load(session, content_dir)
    session.rollback()

    problems = {(issue.path, issue.field) for issue in caught.value.issues}
    assert ("resources/country-pk.fr.md", "type") in problems
    assert any(i.path == "resources/country-pk.fr.md" and "'briques'" in i.message for i in caught.value.issues)
    resource = session.get(Resource, "country-ci.en")
    assert resource is not None and "CHANGED" not in resource.title


@pytest.mark.parametrize(
    ("mutation", "field", "fragment"),
    [
        (lambda t: t.replace("language: en", "language: de"), "language", "fr"),
        (lambda t: t.replace("countries: [CI]", "countries: [ZZ]"), "countries", "'ZZ'"),
        (
            lambda t: t.replace("https://www.dol.gov", "javascript:alert(1)//www.dol.gov"),
            "sources.0.url",
            "URL",
        ),
        (lambda t: t.replace("slug: cote-d-ivoire", "slug: Côte d'Ivoire"), "slug", "pattern"),
        (lambda t: t.replace("published_at: 2026-01-10", "published_at: yesterday"), "published_at", "date"),
        (lambda t: t.replace("---\n## Goods", "unknown_field: 1\n---\n## Goods"), "unknown_field", "Extra"),
        (lambda t: t.replace("summary:", "summary: [oops]\nx:"), "summary", "string"),
        (
            lambda t: t.replace("(crv:method-risk-mapping)", "(crv:no-such-thing)"),
            "body",
            "broken internal link",
        ),
        (lambda t: t.replace("title: ", "title: : :\n  - ["), "front matter", "YAML"),
    ],
)
def test_each_kind_of_error_is_reported(content_dir: Path, mutation: object, field: str, fragment: str) -> None:
    path = content_dir / "resources" / "country-ci.en.md"
    _write(path, mutation(path.read_text()))  # type: ignore[operator]
    report = content_service.check(content_dir)
    assert not report.ok
    messages = [i for i in report.issues if i.path == "resources/country-ci.en.md"]
    assert messages, report.issues
    assert any(i.field.startswith(field) and fragment.lower() in i.message.lower() for i in messages), messages


def test_missing_translation_and_wrong_file_name_are_reported(content_dir: Path) -> None:
    (content_dir / "resources" / "country-pk.fr.md").unlink()
    (content_dir / "resources" / "country-ci.en.md").rename(content_dir / "resources" / "ci.en.md")
    issues = {(i.path, i.field) for i in content_service.check(content_dir).issues}
    assert ("resources/country-pk.en.md", "language") in issues
    assert ("resources/ci.en.md", "file name") in issues


def test_duplicate_slug_is_reported(content_dir: Path) -> None:
    path = content_dir / "resources" / "country-pk.en.md"
    _write(path, path.read_text().replace("slug: pakistan", "slug: cote-d-ivoire"))
    issues = content_service.check(content_dir).issues
    assert any(i.field == "slug" and "cote-d-ivoire" in i.message for i in issues)


def test_risk_sheet_without_sources_is_refused(content_dir: Path) -> None:
    path = content_dir / "resources" / "country-pk.en.md"
    text = path.read_text()
    start = text.index("sources:")
    _write(path, text[:start] + text[text.index("---", start) :])
    issues = content_service.check(content_dir).issues
    assert any(i.path == "resources/country-pk.en.md" and i.field == "sources" for i in issues)


def step(tools: str) -> str:
    return f"- {{fr: Évaluer, en: Assess, tools: [{tools}]}}\n"


@pytest.mark.parametrize(
    ("steps", "field", "fragment"),
    [
        (step("tool-nowhere"), "tools", "'tool-nowhere' is not the translation_key of a tool"),
        (step("method-risk-mapping"), "tools", "'method-risk-mapping' is not the translation_key of a tool"),
        ("- {fr: Évaluer, en: Assess}\n", "file", "each with fr, en and tools: 0.tools: Field required"),
        (step("a: b").rstrip("}\n"), "file", "invalid YAML"),
    ],
)
def test_the_tools_page_steps_name_tools_of_the_tree(content_dir: Path, steps: str, field: str, fragment: str) -> None:
    """content/tool-steps.yaml (optional: the fixture tree has none, and passes) is checked with the content."""
    (content_dir / "tool-steps.yaml").write_text(steps, encoding="utf-8")
    issues = content_service.check(content_dir).issues
    assert [(i.path, i.field) for i in issues] == [("tool-steps.yaml", field)]
    assert fragment in issues[0].message


def test_a_tool_in_two_steps_is_reported(content_dir: Path) -> None:
    for language in ("fr", "en"):
        source = (content_dir / "resources" / f"method-risk-mapping.{language}.md").read_text(encoding="utf-8")
        tool = source.replace("translation_key: method-risk-mapping", "translation_key: tool-grid")
        _write(
            content_dir / "resources" / f"tool-grid.{language}.md",
            tool.replace("type: methodology", "type: tool").replace("slug: ", "slug: grid-", 1),
        )
    (content_dir / "tool-steps.yaml").write_text(step("tool-grid") + step("tool-grid"), encoding="utf-8")
    issues = content_service.check(content_dir).issues
    assert [i.message for i in issues] == ["'tool-grid' is in 2 steps: one is enough"]
