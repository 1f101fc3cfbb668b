"""The desk's queue as an editor triages it: each submission's type and language named in the page's language, how
long it has waited, and whether it comes back after an editor sent it back — unchanged, or changed. « Unchanged »
is what the item's page says when its changes since the revision sent back are none (« Nothing changed. »): the
same baseline (:func:`app.services.review.baseline`) and the same comparison (:func:`app.services.publishing.compare`),
so the two pages never disagree.

Under the queue, what no longer waits for the editors but may call them back: what they sent back and its
organisation has not submitted again, and what they published lately (to take it off the site, or read its
history), each with its state now. Above it, a search of every resource ever submitted, whatever its state, by the
words of its title or its id: a plain query of the database (the same on SQLite and PostgreSQL), not the search
engine, which holds only what is published."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from babel.dates import format_timedelta
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import Resource, ResourceRevision, RevisionState
from app.models.base import utcnow
from app.schemas.publishing import ManagedResource
from app.services import jsonld, review
from app.services.publishing import compare
from app.services.publishing.queries import latest_revisions, submitted_histories
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
    corrected: bool  # an editor corrected it: their revision awaits the decision (:func:`review.corrected_from`)


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
            corrected=review.corrected_from(history, item.revision.number) is not None,
        )
    return found


SHOWN = 50  # rows of each list under the queue
RECENT = timedelta(days=30)  # « published these 30 days »


def state_of(resource: Resource, latest: RevisionState | None) -> str:
    """Where a resource stands now, as the desk names it (``state_name`` in the templates, and ``archived``): its
    latest revision awaiting review; else published; else taken off the site by an editor, archived by its
    organisation, declined, sent back or a draft again."""
    if latest == RevisionState.submitted:
        return RevisionState.submitted.value
    if resource.is_public:
        return RevisionState.published.value
    if latest == RevisionState.unpublished:
        return RevisionState.unpublished.value
    return str(resource.status)


def states(session: Session, resources: Sequence[Resource]) -> dict[str, str]:
    """Resource id → :func:`state_of` it, the latest revisions read in one query."""
    latest = latest_revisions(session, [resource.id for resource in resources])
    found = {resource_id: RevisionState(revision.state) for resource_id, revision in latest.items()}
    return {resource.id: state_of(resource, found.get(resource.id)) for resource in resources}


@dataclass(frozen=True, slots=True)
class Decided:
    """A resource an editor decided on, as the lists under the queue show it."""

    id: str
    title: str  # of the revision decided on
    language: str
    organisation: str
    decided_at: datetime
    by: str | None  # the editor's name; None: an API key (``key_prefix``)
    key_prefix: str
    state: str  # where it stands now (:func:`state_of`): published lately, it may be off the site since


def _decided(session: Session, rows: Sequence[tuple[ResourceRevision, Resource]]) -> list[Decided]:
    """``rows`` as the lists show them: their organisations, editors and states now in three queries."""
    publishers = jsonld.publisher_names(session, [resource for _, resource in rows])
    names = review.person_names(session, (revision.reviewer_key_prefix for revision, _ in rows))
    now = states(session, [resource for _, resource in rows])
    found = []
    for revision, resource in rows:
        prefix = revision.reviewer_key_prefix or ""
        assert revision.reviewed_at is not None  # the queries ask for decided revisions only
        found.append(
            Decided(
                id=resource.id,
                title=str(revision.data.get("title") or resource.title),
                language=resource.language,
                organisation=publishers[resource.id],
                decided_at=revision.reviewed_at,
                by=names.get(prefix),
                key_prefix=prefix,
                state=now[resource.id],
            )
        )
    return found


def sent_back(session: Session) -> list[Decided]:
    """What an editor sent back and its organisation has not submitted again (nor archived), latest first: the
    revision sent back, untouched (``rejected``) or edited since (``superseded``, its review kept) with nothing but
    drafts after it. Through the state index; the later revisions through the (resource, number) one."""
    later = aliased(ResourceRevision)
    moved_on = exists().where(
        later.resource_id == ResourceRevision.resource_id,
        later.number > ResourceRevision.number,
        or_(later.submitted_at.is_not(None), later.state.not_in((RevisionState.draft, RevisionState.superseded))),
    )
    query = (
        select(ResourceRevision, Resource)
        .join(Resource, Resource.id == ResourceRevision.resource_id)
        .where(
            or_(
                ResourceRevision.state == RevisionState.rejected,
                and_(ResourceRevision.state == RevisionState.superseded, ResourceRevision.reviewed_at.is_not(None)),
            ),
            ~moved_on,
        )
        .order_by(ResourceRevision.reviewed_at.desc(), Resource.id)
        .limit(SHOWN)
    )
    return _decided(session, list(session.execute(query).all()))


def published_lately(session: Session) -> list[Decided]:
    """What an editor approved these 30 days, latest first (an update too; taken off the site since, too: its state
    now says so, and its desk page)."""
    query = (
        select(ResourceRevision, Resource)
        .join(Resource, Resource.id == ResourceRevision.resource_id)
        .where(
            ResourceRevision.state == RevisionState.published,
            ResourceRevision.reviewed_at >= utcnow() - RECENT,
        )
        .order_by(ResourceRevision.reviewed_at.desc(), Resource.id)
        .limit(SHOWN)
    )
    return _decided(session, list(session.execute(query).all()))


FOUND = 50  # rows of a search
SEARCH_WORDS = 8  # words of a search that count


@dataclass(frozen=True, slots=True)
class Found:
    """A resource a search of the desk found, as its results show it."""

    id: str  # its desk page's
    title: str
    language: str
    organisation: str
    state: str  # where it stands now (:func:`state_of`)


def search(session: Session, text: str) -> list[Found]:
    """The resources ever submitted (what the desk may show: a draft never submitted is its organisation's alone),
    whatever their state, whose title or id holds every word of ``text`` (any case; ``%`` and ``_`` as typed),
    the latest changed first."""
    words = text.split()[:SEARCH_WORDS]
    if not words:
        return []
    ever_submitted = exists().where(
        ResourceRevision.resource_id == Resource.id, ResourceRevision.submitted_at.is_not(None)
    )
    matching = (
        or_(Resource.title.icontains(word, autoescape=True), Resource.id.icontains(word, autoescape=True))
        for word in words
    )
    query = (
        select(Resource)
        .where(ever_submitted, *matching)
        .order_by(Resource.modified_at.desc(), Resource.id)
        .limit(FOUND)
    )
    resources = list(session.scalars(query))
    publishers = jsonld.publisher_names(session, resources)
    now = states(session, resources)
    return [
        Found(
            id=resource.id,
            title=resource.title,
            language=resource.language,
            organisation=publishers[resource.id],
            state=now[resource.id],
        )
        for resource in resources
    ]
