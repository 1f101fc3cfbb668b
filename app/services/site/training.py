"""The training page (``/fr/formations/``, ``/en/training/``): every published training module in the page's
language, read from the database, grouped by level — introduction, intermediate, advanced, then the modules that
state none — with what a training lead chooses one by: its summary, length, level, audiences and prerequisites
(the facts of its own page, :mod:`app.services.training`). Within a level, by title."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import collation_key, gettext
from app.models import Resource, ResourceType, TrainingLevel
from app.paths import page_path, resource_path
from app.services import training
from app.services.training import TrainingFacts
from app.services.typography import typeset
from app.taxonomy import Taxonomies, TaxonomyName

TRAINING_TYPE = ResourceType.training_module
# The groups' order; None, the modules that state no level, last.
LEVEL_ORDER: Sequence[TrainingLevel | None] = (*TrainingLevel, None)


@dataclass(frozen=True, slots=True)
class ModuleEntry:
    title: str
    url: str
    summary: str
    training: TrainingFacts | None  # length, level, prerequisites; None when it states none
    audiences: Sequence[str]  # their labels in the page's language


@dataclass(frozen=True, slots=True)
class LevelGroup:
    code: str  # the level's code, « unstated » for the modules without one: the section's anchor
    title: str
    modules: Sequence[ModuleEntry]


@dataclass(frozen=True, slots=True)
class TrainingView:
    groups: Sequence[LevelGroup]
    total: int
    search_url: str  # the training modules in the search page, for full-text search


def build_training(session: Session, taxonomies: Taxonomies, language: str) -> TrainingView:
    rows = session.execute(
        select(
            Resource.slug,
            Resource.title,
            Resource.summary,
            Resource.duration,
            Resource.level,
            Resource.audiences,
            Resource.prerequisites,
        ).where(Resource.is_public, Resource.type == TRAINING_TYPE, Resource.language == language)
    ).all()
    audiences = taxonomies[TaxonomyName.audiences]
    by_level: dict[TrainingLevel | None, list[ModuleEntry]] = {}
    for slug, title, summary, duration, level, codes, prerequisites in rows:
        by_level.setdefault(level, []).append(
            ModuleEntry(
                title=typeset(title, language),
                url=resource_path(language, slug),
                summary=typeset(summary, language),
                training=training.facts(duration, level, prerequisites, language),
                audiences=[audiences[code].label(language) if code in audiences else code for code in codes or ()],
            )
        )
    groups = [
        LevelGroup(
            str(level) if level else "unstated",
            training.level_label(level, language) if level else gettext(language, "Level not stated"),
            sorted(by_level[level], key=lambda module: collation_key(module.title)),
        )
        for level in LEVEL_ORDER
        if level in by_level
    ]
    return TrainingView(groups, len(rows), page_path("search", language, type=TRAINING_TYPE.value))
