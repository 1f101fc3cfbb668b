"""A training module's facts as its readers get them: its length in the page's language (and in ISO 8601 for
schema.org) and its level's label. The front matter states them (docs/content-format.md, "Training modules").
``facts`` gathers them for the line its page, its search result and the training page show
(templates/site/_training_facts.html)."""

from collections.abc import Mapping
from dataclasses import dataclass

from app.i18n import N_, gettext
from app.models import TrainingLevel
from app.services.typography import typeset

LEVELS: Mapping[TrainingLevel, str] = {
    TrainingLevel.introduction: N_("Introductory"),
    TrainingLevel.intermediate: N_("Intermediate"),
    TrainingLevel.advanced: N_("Advanced"),
}

NBSP = "\u00a0"


def duration_text(minutes: int, language: str) -> str:
    """« 6 h », « 1 h 30 », « 1 h 05 », « 45 min » (no-break spaces) in French; « 6 hours », « 1 hour 30 minutes »,
    « 45 minutes » in English, as the modules write them (``crv content check`` refuses « 1 h 30 » in English).
    Written here, as ``pages.human_date`` writes dates: French drops the minutes' unit after the hours, which no
    message of a catalogue can say for both languages."""
    hours, rest = divmod(minutes, 60)
    if language == "fr":
        if not hours:
            return f"{rest}{NBSP}min"
        return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")
    parts = [f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []
    if rest:
        parts.append(f"{rest} minute{'s' if rest > 1 else ''}")
    return " ".join(parts)


def iso_duration(minutes: int) -> str:
    """ISO 8601, as schema.org's ``timeRequired`` and HTML's ``<time datetime>`` read it: « PT6H », « PT1H30M »,
    « PT45M »."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def level_label(level: TrainingLevel | str, language: str) -> str:
    """``level`` a member or its code (a search document holds the code)."""
    return gettext(language, LEVELS[TrainingLevel(level)])


@dataclass(frozen=True, slots=True)
class TrainingFacts:
    """A module's facts in the page's language; each "" when the module does not state it."""

    duration: str  # « 1 h 30 », « 1 hour 30 minutes »
    duration_iso: str  # « PT1H30M », for <time datetime>
    level: str  # the level's label
    prerequisites: str  # what participants need first, typeset as the summary is


def facts(
    duration: int | None, level: TrainingLevel | str | None, prerequisites: str | None, language: str
) -> TrainingFacts | None:
    """The facts a module states (``level`` a member or its code, as for ``level_label``); None when it states none,
    as every other type."""
    if not (duration or level or prerequisites):
        return None
    return TrainingFacts(
        duration=duration_text(duration, language) if duration else "",
        duration_iso=iso_duration(duration) if duration else "",
        level=level_label(level, language) if level else "",
        prerequisites=typeset(prerequisites, language) if prerequisites else "",
    )
