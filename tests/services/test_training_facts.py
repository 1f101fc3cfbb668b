"""A training module's facts (``duration``, ``level``, ``prerequisites``): the front matter's rules, the loader, and
how a reader gets them (« 1 h 30 », « PT1H30M », the level's label)."""

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.models import Resource, TrainingLevel
from app.schemas.resource import TRAINING_FIELDS
from app.services import content as content_service
from app.services.training import TrainingFacts, duration_text, facts, iso_duration, level_label

MODULE = """---
translation_key: training-x
language: {language}
slug: training-x-{language}
type: {kind}
title: Module X
summary: A module for the tests.
publisher: crv
licence: CC-BY-4.0
published_at: 2026-01-01
{facts}---
## Units

Body.
"""
FACTS = {
    "fr": "duration: 90\nlevel: intermediate\nprerequisites: Apporter sa liste d’achats\n",
    "en": "duration: 90\nlevel: intermediate\nprerequisites: Bring your purchase list\n",
}


def _write_module(content_dir: Path, facts: dict[str, str], kind: str = "training_module") -> None:
    folder = content_dir / "resources" / "training"
    folder.mkdir(exist_ok=True)
    for language in ("fr", "en"):
        text = MODULE.format(language=language, kind=kind, facts=facts.get(language, ""))
        (folder / f"training-x.{language}.md").write_text(text, encoding="utf-8")


def test_a_module_s_facts_are_loaded_and_cleared_when_its_file_drops_them(session: Session, content_dir: Path) -> None:
    _write_module(content_dir, FACTS)
    content_service.load(session, content_dir)
    session.commit()
    module = session.get(Resource, "training-x.en")
    assert module is not None
    assert (module.duration, module.level, module.prerequisites) == (
        90, TrainingLevel.intermediate, "Bring your purchase list",
    )  # fmt: skip
    sheet = session.get(Resource, "country-ci.en")
    assert sheet is not None and (sheet.duration, sheet.level, sheet.prerequisites) == (None, None, None)

    _write_module(content_dir, {})
    report = content_service.load(session, content_dir)
    session.commit()
    assert (report.updated, report.unchanged) == (2, 6)  # the modules changed, nothing else
    session.refresh(module)
    assert (module.duration, module.level, module.prerequisites) == (None, None, None)


def test_a_file_without_facts_keeps_the_digest_it_had_before_they_existed(content_dir: Path) -> None:
    """Else adding them to the format would have made every resource changed: a new version of each, and the
    feeds' latest change on all of them."""
    report = content_service.check(content_dir)
    assert report.files
    for item in report.files:
        before = item.meta.model_dump(mode="json", exclude=set(TRAINING_FIELDS)) | {"body": item.body}
        expected = hashlib.sha256(json.dumps(before, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        assert content_service._digest(item) == expected


def test_a_module_s_facts_are_part_of_its_digest(content_dir: Path) -> None:
    _write_module(content_dir, FACTS)
    with_facts = {i.resource_id: content_service._digest(i) for i in content_service.check(content_dir).files}
    _write_module(content_dir, {"fr": FACTS["fr"], "en": FACTS["en"].replace("90", "120")})
    changed = {i.resource_id: content_service._digest(i) for i in content_service.check(content_dir).files}
    assert [key for key in with_facts if with_facts[key] != changed[key]] == ["training-x.en"]


@pytest.mark.parametrize(
    ("facts", "field", "message"),
    [
        ("duration: 6 hours\n", "duration", "is the total length in minutes, a whole number from 1 to 12000"),
        ("duration: 0\n", "duration", "is the total length in minutes"),
        ("duration: 6.5\n", "duration", "is the total length in minutes"),
        ("duration: true\n", "duration", "is the total length in minutes"),
        ("duration: 12001\n", "duration", "is the total length in minutes"),
        ("level: beginner\n", "level", "Input should be 'introduction', 'intermediate' or 'advanced'"),
        ('prerequisites: "one\\ntwo"\n', "prerequisites", "must be one line"),
    ],
)
def test_the_front_matter_refuses_a_fact_badly_written_at_its_line(
    content_dir: Path, facts: str, field: str, message: str
) -> None:
    valid = "" if field == "duration" else "duration: 60\n"  # a line before the one in question
    _write_module(content_dir, {"en": valid + facts})
    issues = [i for i in content_service.check(content_dir).issues if i.path.endswith("training-x.en.md")]
    assert [(i.field, i.line) for i in issues] == [(field, 11 + len(valid.splitlines()))]
    assert issues[0].message.startswith(message)


@pytest.mark.parametrize("kind", ["tool", "risk_sheet"])
def test_only_a_training_module_has_facts(content_dir: Path, kind: str) -> None:
    _write_module(content_dir, {"en": "duration: 60\nlevel: introduction\n"}, kind=kind)
    issues = [i for i in content_service.check(content_dir).issues if i.path.endswith("training-x.en.md")]
    expected = (
        "only a training module (type: training_module) has a duration, level or prerequisites; "
        f"this resource is a {kind}"
    )
    assert {(i.field, i.message) for i in issues if i.field in TRAINING_FIELDS} == {
        ("duration", expected),
        ("level", expected),
    }


@pytest.mark.parametrize(
    ("minutes", "french", "english", "iso"),
    [
        (360, "6\u00a0h", "6 hours", "PT6H"),
        (90, "1\u00a0h\u00a030", "1 hour 30 minutes", "PT1H30M"),
        (65, "1\u00a0h\u00a005", "1 hour 5 minutes", "PT1H5M"),
        (45, "45\u00a0min", "45 minutes", "PT45M"),
        (1, "1\u00a0min", "1 minute", "PT1M"),
        (690, "11\u00a0h\u00a030", "11 hours 30 minutes", "PT11H30M"),
    ],
)
def test_a_length_in_each_language_and_in_iso_8601(minutes: int, french: str, english: str, iso: str) -> None:
    assert duration_text(minutes, "fr") == french
    assert duration_text(minutes, "en") == english
    assert iso_duration(minutes) == iso


def test_every_level_has_a_label() -> None:
    assert [level_label(level, "en") for level in TrainingLevel] == ["Introductory", "Intermediate", "Advanced"]
    assert level_label("advanced", "en") == "Advanced"  # a search document holds the code


def test_a_module_s_facts_gathered_for_its_line() -> None:
    assert facts(90, TrainingLevel.intermediate, "Apporter sa liste d'achats", "fr") == TrainingFacts(
        "1\u00a0h\u00a030", "PT1H30M", "Intermédiaire", "Apporter sa liste d’achats"
    )
    assert facts(None, "advanced", None, "en") == TrainingFacts("", "", "Advanced", "")  # a search document's code
    assert facts(None, None, "", "en") is None  # states none: no line
