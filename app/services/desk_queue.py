"""The desk's queue as an editor triages it: each submission's type and language named in the page's language, how
long it has waited, and whether it comes back after an editor sent it back — unchanged, or changed. « Unchanged »
is what the item's page says when its changes since the revision sent back are none (« Nothing changed. »): the
same baseline (:func:`app.services.review.baseline`) and the same comparison (:func:`app.services.publishing.compare`),
so the two pages never disagree."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_timedelta
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.schemas.publishing import ManagedResource
from app.services import review
from app.services.publishing import compare
from app.services.publishing.queries import submitted_histories
from app.services.search import LANGUAGE_NAMES
from app.taxonomy import Taxonomies, TaxonomyName


@dataclass(frozen=True, slots=True)
class Triage:
    """What the queue shows of a submission beside its title, organisation and moment."""

    type_label: str
    language_name: str  # in the page's language (« Anglais » on a French page)
    waited: str  # « il y a 3 jours », « 3 days ago »
    resubmitted: bool  # an editor sent back an earlier revision since the live one (or since none was)
    unchanged: bool  # resubmitted with nothing changed since the revision sent back


def waited(submitted_at: datetime, now: datetime, language: str) -> str:
    """How long ago ``submitted_at`` was, in ``language``'s words (« il y a 3 jours »); naive means UTC."""
    instant = submitted_at if submitted_at.tzinfo is not None else submitted_at.replace(tzinfo=UTC)
    locale = "fr_FR" if language == "fr" else "en_GB"
    return format_timedelta(instant - now, add_direction=True, locale=locale)


def triage(
    session: Session, items: Sequence[ManagedResource], taxonomies: Taxonomies, language: str
) -> dict[str, Triage]:
    """Resource id → its :class:`Triage`, for the queue's ``items`` (their histories read in one query)."""
    histories = submitted_histories(session, [item.id for item in items])
    types = taxonomies[TaxonomyName.types]
    names = LANGUAGE_NAMES["fr" if language == "fr" else "en"]
    now = utcnow()
    found = {}
    for item in items:
        history = histories[item.id]
        submitted = next((r for r in history if r.number == item.revision.number), None)
        base = review.baseline(history, item.revision.number)
        asked = base if base is not None and review.sent_back(base) else None  # the revision an editor sent back
        unchanged = (
            asked is not None
            and submitted is not None
            and not compare(asked.data, submitted.data, taxonomies, language)
        )
        term = types.get(item.type)
        found[item.id] = Triage(
            type_label=term.label(language) if term else item.type,
            language_name=names.get(item.language, item.language),
            waited=waited(item.revision.submitted_at, now, language) if item.revision.submitted_at else "",
            resubmitted=asked is not None,
            unchanged=unchanged,
        )
    return found
