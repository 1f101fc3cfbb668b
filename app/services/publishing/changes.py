"""What changed from one revision to another, as a person reads it (the editor on the desk, the partner in the
portal): each changed field by its label, codes by their names and the licence by its name in the reader's
language, the body line by line. The API keeps its unified diff of the raw fields (:func:`.queries.diff`)."""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from app import licences
from app.i18n import N_, gettext
from app.models import TrainingLevel
from app.schemas.resource import TAXONOMY_FIELDS
from app.services import attachments, training
from app.taxonomy import Taxonomies, TaxonomyName

# The fields in the order a person reads them, the body last (the longest), with their labels (the form's).
LABELS: Final[Mapping[str, str]] = {
    "title": N_("Title"),
    "type": N_("Type"),
    "summary": N_("Summary"),
    "countries": N_("Countries"),
    "regions": N_("Regions"),
    "sectors": N_("Sectors"),
    "risks": N_("Risks"),
    "audiences": N_("Audiences"),
    "duration": N_("Duration (minutes)"),
    "level": N_("Level"),
    "prerequisites": N_("Prerequisites"),
    "sources": N_("Sources"),
    "attachments": N_("Documents"),
    "licence": N_("Licence"),
    "slug": N_("Page address"),
    "body": N_("Text of the page"),
}
NEW_FILE: Final = N_("{title} ({filename}): new file, {now}; was {was}")
CONTEXT_LINES = 2  # unchanged lines shown around a changed part of the body


@dataclass(frozen=True, slots=True)
class Change:
    """One field that changed: a text's value before and after, a list's values removed and added (by name), or
    the body's lines (``op`` ``+`` added, ``-`` removed, space unchanged, ``…`` lines left out); a document's new file,
    ``replaced``."""

    field: str
    label: str
    before: str = ""
    after: str = ""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()  # a document whose file changed under the same name and title
    lines: tuple[tuple[str, str], ...] = ()


def _source_language(source: Mapping[str, Any]) -> str:
    """« (en) » after a source in another language, « (en: Elimination of…) » when only a part of its title is
    (``original_title``): a change of either alone is a change the desk sees."""
    if not source.get("language"):
        return ""
    part = source.get("original_title")
    return f" ({source['language']}: {part})" if part else f" ({source['language']})"


def _named(field: str, value: Any, taxonomies: Taxonomies, language: str) -> list[str]:
    """The field's value as a list of what a person reads: names for codes, « title — address » for sources (and
    their language: :func:`_source_language`)."""
    if field in TAXONOMY_FIELDS:
        vocabulary = taxonomies[TAXONOMY_FIELDS[field]]
        return [vocabulary[code].label(language) if code in vocabulary else str(code) for code in value or []]
    if field == "sources":
        return [f"{s.get('title') or ''} — {s.get('url') or ''}{_source_language(s)}" for s in value or []]
    if field == attachments.KEY:  # a file replaced under the same name and title: :func:`_replaced`
        return [f"{a['title']} ({a['filename']}, {attachments.described(a, language)})" for a in value or []]
    if field == "type":
        term = taxonomies[TaxonomyName.types].get(str(value))
        return [term.label(language) if term else str(value or "")]
    if field == "licence":
        return [licences.label(str(value), language) if value else ""]
    if field == "duration":  # as the page says it (« 1 h 30 »), the minutes after it, as they were typed
        return [f"{training.duration_text(value, language)} ({value})" if isinstance(value, int) and value else ""]
    if field == "level":
        return [training.level_label(str(value), language) if value in set(TrainingLevel) else str(value or "")]
    return [str(value or "")]


def _replaced(
    before: list[dict[str, Any]], after: list[dict[str, Any]], language: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], tuple[str, ...]]:
    """The documents of ``before`` and ``after`` less those whose file changed under the same name and
    title, and those said as a reader checks them: « Full report (rapport.pdf): new file, PDF, 2 kB; was PDF,
    1 kB » rather than one removed and one added under the same words."""
    old = {str(a["filename"]): a for a in before}
    same = {
        str(a["filename"])
        for a in after
        if (was := old.get(str(a["filename"]))) is not None and was["file"] != a["file"] and was["title"] == a["title"]
    }
    told = tuple(
        gettext(language, NEW_FILE).format(
            title=a["title"],
            filename=a["filename"],
            now=attachments.described(a, language),
            was=attachments.described(old[str(a["filename"])], language),
        )
        for a in after
        if a["filename"] in same
    )
    return [a for a in before if a["filename"] not in same], [a for a in after if a["filename"] not in same], told


def _body_lines(before: str, after: str) -> tuple[tuple[str, str], ...]:
    lines: list[tuple[str, str]] = []
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=CONTEXT_LINES, lineterm="")
    for line in diff:
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            if lines:  # between two changed parts: the unchanged lines left out
                lines.append(("…", ""))
            continue
        lines.append((line[:1], line[1:]))
    return tuple(lines)


def compare(before: Mapping[str, Any], after: Mapping[str, Any], taxonomies: Taxonomies, language: str) -> list[Change]:
    """The fields that differ from ``before`` to ``after`` (two revisions' data), in reading order."""
    changes = []
    for field, label in LABELS.items():
        old, new = before.get(field), after.get(field)
        if (old or None) == (new or None):
            continue
        name = gettext(language, label)
        if field == "body":
            changes.append(Change(field, name, lines=_body_lines(str(old or ""), str(new or ""))))
        elif field in TAXONOMY_FIELDS or field in ("sources", attachments.KEY):
            replaced: tuple[str, ...] = ()
            if field == attachments.KEY:
                old, new, replaced = _replaced(attachments.of(old), attachments.of(new), language)
            was, now = _named(field, old, taxonomies, language), _named(field, new, taxonomies, language)
            removed = tuple(v for v in was if v not in now)
            added = tuple(v for v in now if v not in was)
            if removed or added or replaced:  # the same ones in another order: nothing a reader needs to check
                changes.append(Change(field, name, removed=removed, added=added, replaced=replaced))
        else:
            [text_before] = _named(field, old, taxonomies, language)
            [text_after] = _named(field, new, taxonomies, language)
            changes.append(Change(field, name, before=text_before, after=text_after))
    return changes
