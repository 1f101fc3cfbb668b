"""A trainer's audit: every training module states its length and level in its front matter, the same in both
languages, and the length is what its units add up to and what its « Public et format » says."""

import re
from pathlib import Path

import pytest

from app.models import TrainingLevel
from app.services import content as content_service
from tests.helpers import content_taxonomies

TRAINING = Path(__file__).resolve().parents[2] / "content" / "resources" / "training"
KEYS = sorted({path.name.split(".")[0] for path in TRAINING.glob("training-*.md")})
# A unit's heading and its length: « **Séquence 2 : … (1 h 30).** », « **Atelier 1 : … (55 min).** », « **Unit 2: …
# (1 hour 30 minutes).** »; a note such as « (10 min, à lire avant de commencer) » is not a unit.
UNIT = re.compile(
    r"\*\*(?:Séquence|Atelier|Unit|Workshop)\s\d+\s?:[^*]*?\((\d+\s?(?:h|hours?|min)(?:\s?\d+\s?(?:min(?:utes)?)?)?)\)\.\*\*"
)
# What the format paragraph states: « **Durée : 3 h 30** », « **Durée : 6 heures** », « **Duration: 3 hours 30** »
# (a module of « 2 jours » states days, which its units tell in hours).
STATED = re.compile(r"\*\*(?:Durée|Duration)\s?:\s(\d+\s?(?:h|heures?|hours?)(?:\s\d+)?)\*\*")


def minutes(text: str) -> int:
    match = re.fullmatch(r"(?:(\d+)\s?(?:h|heures?|hours?))?\s?(?:(\d+)\s?(?:min(?:utes)?)?)?", text.strip())
    assert match is not None and text.strip(), text
    hours, rest = match.groups()
    return int(hours or 0) * 60 + int(rest or 0)


def parsed(key: str, language: str) -> content_service.ContentFile:
    path = TRAINING / f"{key}.{language}.md"
    found = content_service.parse_file(path, path.name, content_taxonomies())
    assert isinstance(found, content_service.ContentFile), found
    return found


def test_the_helper_reads_the_lengths_as_the_modules_write_them() -> None:
    assert [minutes(t) for t in ("1 h 30", "45 min", "6 heures", "3 hours 30", "1 hour 30 minutes", "2 h")] == [
        90, 45, 360, 210, 90, 120,
    ]  # fmt: skip


@pytest.mark.parametrize("key", KEYS)
def test_a_module_states_its_length_and_level_the_same_in_both_languages(key: str) -> None:
    french, english = (parsed(key, language).meta for language in ("fr", "en"))
    assert french.duration is not None and french.level is not None, key
    assert (french.duration, french.level) == (english.duration, english.level)
    assert (french.prerequisites is None) == (english.prerequisites is None)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_module_s_length_is_what_its_units_add_up_to_and_what_it_says(key: str, language: str) -> None:
    item = parsed(key, language)
    units = [minutes(found) for found in UNIT.findall(item.body)]
    assert len(units) >= 3, (key, language)
    assert item.meta.duration == sum(units), (key, language, units)
    stated = STATED.findall(item.body)
    if stated:  # the first statement is the module's own (a shorter version, if any, comes after)
        assert item.meta.duration == minutes(stated[0]), (key, language, stated)


def test_the_modules_use_the_levels_they_are_written_for() -> None:
    """Awareness and first steps are introductions; the modules that act with the participants' own powers (buying,
    inspecting, auditing, investigating, judging, investing) are intermediate."""
    levels = {key: parsed(key, "en").meta.level for key in KEYS}
    assert levels["training-smes"] == TrainingLevel.introduction  # « a practical start »
    assert levels["training-teachers-school-workshops"] == TrainingLevel.introduction
    assert levels["training-corporate-buyers"] == TrainingLevel.intermediate  # where the SME module sends to go further
    assert levels["training-magistrates"] == TrainingLevel.intermediate
