"""The desk's queue as an editor triages it: each submission's type and language named in the page's language, how
long it has waited, and whether it comes back after an editor sent it back — unchanged, or changed. « Unchanged »
is what the item's page says when its changes since the revision sent back are none (« Nothing changed. »): the
same baseline (:func:`app.services.review.baseline`) and the same comparison (:func:`app.services.publishing.compare`),
so the two pages never disagree.

Under the queue, what no longer waits for the editors but may call them back: what they sent back and its
organisation has not submitted again, and what they published lately (to take it off the site, or read its
history), each with its state now. Above it, a search of every resource ever submitted, whatever its state, by the
words of its title or its id: a plain query of the database (the same on SQLite and PostgreSQL), not the search
engine, which holds only what is published.

The queue may be narrowed to an organisation, a language or a kind of submission (:data:`KINDS`: new, an update,
resubmitted), the count saying how many match of how many wait; the mail that tells the editors a submission
arrived names its kind from the same table (:mod:`app.web.notifications`). It may be narrowed too to what the editor
took for review, what another editor took, or what nobody took (:data:`TAKINGS`, :mod:`app.services.desk_taking`):
each row says who took it and since when."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from babel.dates import format_timedelta
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from app.i18n import N_
from app.languages import LANGUAGES
from app.models import Organisation, Resource, ResourceRevision, RevisionState
from app.models.base import utcnow
from app.paths import resource_path
from app.schemas.publishing import ManagedResource
from app.services import desk_taking, jsonld, review
from app.services.publishing import compare
from app.services.publishing.queries import latest_revisions, submitted_histories
from app.services.search import language_names
from app.taxonomy import Taxonomies, TaxonomyName


class Kind(StrEnum):
    """What a submission is to the editors: new or an update, and either of them resubmitted or not."""

    resubmitted = "resubmitted"
    update = "update"
    new = "new"


@dataclass(frozen=True, slots=True)
class Arrival:
    """What tells the kinds of a submission apart."""

    published: bool  # the public reads a version of it: the submission would change it
    asked: ResourceRevision | None  # the revision an editor sent back since the live one (or since none was)

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The kinds it is, in :data:`KINDS`' order: the first is the one the editors' mail names."""
        return tuple(kind for kind, described in KINDS.items() if described.applies(self))


@dataclass(frozen=True, slots=True)
class Described:
    """A kind of submission as the desk names it, and whether a submission is one."""

    label: str  # beside a row's title, and the filter's option
    meaning: str  # under the filter
    applies: Callable[[Arrival], bool]


# The kinds of submission, the most telling first: a submission is new or an update, and may be resubmitted too; the
# editors' mail names the first that applies.
KINDS = {
    Kind.resubmitted: Described(
        N_("resubmitted"),
        N_("Resubmitted: sent back by an editor, then submitted again (new or an update)."),
        lambda arrival: arrival.asked is not None,
    ),
    Kind.update: Described(
        N_("update"), N_("Update: changes to a published resource."), lambda arrival: arrival.published
    ),
    Kind.new: Described(N_("new"), N_("New: never published."), lambda arrival: not arrival.published),
}


def arrival(published: bool, history: Sequence[ResourceRevision]) -> Arrival:
    """How a submission awaiting review arrived, from its resource's submitted ``history`` (oldest first: the
    submission is the last); ``published``: whether the public reads a version of it (``Resource.is_public``)."""
    base = review.baseline(history, history[-1].number) if history else None
    return Arrival(published=published, asked=base if base is not None and review.sent_back(base) else None)


@dataclass(frozen=True, slots=True)
class Triage:
    """What the queue shows of a submission beside its title, organisation and moment."""

    type_label: str
    language_name: str  # in the page's language (« Anglais » on a French page)
    waited: str  # « il y a 3 jours », « 3 days ago »
    kinds: tuple[Kind, ...]  # :attr:`Arrival.kinds`
    unchanged: bool  # resubmitted with nothing changed since the revision sent back
    corrected: bool  # an editor corrected it: their revision awaits the decision (:func:`review.corrected_from`)
    # resubmitted: who sent it back — the editor's name, else the key's prefix (``sent_back_key``) —, so that the
    # editor who asked for the changes picks it up again (the taking lapsed when it was submitted again)
    sent_back_by: str | None = None
    sent_back_key: str | None = None


def waited(submitted_at: datetime, now: datetime, language: str) -> str:
    """How long ago ``submitted_at`` was, in ``language``'s words (« il y a 3 jours »); naive means UTC."""
    instant = submitted_at if submitted_at.tzinfo is not None else submitted_at.replace(tzinfo=UTC)
    locale = "fr_FR" if language == "fr" else "en_GB"
    return format_timedelta(instant - now, add_direction=True, locale=locale)


class Taking(StrEnum):
    """Whether someone is reviewing a submission, as the queue's filter asks it of the editor looking."""

    mine = "mine"
    others = "others"
    free = "free"


# The filter's options, in its order.
TAKINGS = {
    Taking.mine: N_("Taken by me"),
    Taking.others: N_("Taken by another editor"),
    Taking.free: N_("Not taken"),
}


def taking(taken: desk_taking.Taken | None, editor: str) -> Taking:
    """Whether a submission ``taken`` (None: by nobody) is the ``editor``'s (their ``user:<id>``), another's or
    nobody's."""
    if taken is None:
        return Taking.free
    return Taking.mine if taken.by == editor else Taking.others


@dataclass(frozen=True, slots=True)
class Filters:
    """What the editor narrowed the queue to; None: any."""

    organisation: str | None = None  # its slug (``Resource.publisher``)
    language: str | None = None
    kind: Kind | None = None
    taken: Taking | None = None

    def keeps(self, resource: Resource, came: Arrival, taken: desk_taking.Taken | None, editor: str) -> bool:
        """Whether the waiting ``resource``, arrived as ``came`` and ``taken`` by whom, is one ``editor`` asked
        for."""
        return (
            self.organisation in (None, resource.publisher)
            and self.language in (None, resource.language)
            and (self.kind is None or self.kind in came.kinds)
            and self.taken in (None, taking(taken, editor))
        )


UNKNOWN = N_("Unknown value “%(value)s”: choose one in the list.")


def filters(
    session: Session, organisation: str, language: str, kind: str, taken: str = ""
) -> tuple[Filters, dict[str, str]]:
    """The queue's filters as typed in its address (blank: any), and each unknown one's problem by its name (the
    message :data:`UNKNOWN`): the queue is narrowed by the others. An organisation is known whether or not
    anything of it waits (a link kept from yesterday matches nothing today)."""
    problems = {}
    if organisation and session.scalar(select(Organisation.id).where(Organisation.slug == organisation)) is None:
        problems["organisation"] = UNKNOWN
    if language and language not in LANGUAGES:
        problems["language"] = UNKNOWN
    if kind and kind not in KINDS:
        problems["kind"] = UNKNOWN
    if taken and taken not in TAKINGS:
        problems["taken"] = UNKNOWN
    chosen = Filters(
        organisation=organisation if organisation and "organisation" not in problems else None,
        language=language if language and "language" not in problems else None,
        kind=Kind(kind) if kind and "kind" not in problems else None,
        taken=Taking(taken) if taken and "taken" not in problems else None,
    )
    return chosen, problems


@dataclass(frozen=True, slots=True)
class Waiting:
    """The queue as the editor narrowed it."""

    resources: list[Resource]  # those matching, the longest waiting first, at most the number asked for
    matching: int  # how many match
    total: int  # how many wait in all
    organisations: dict[str, str]  # slug → name of each organisation with a submission waiting (and the one chosen)
    publishers: dict[str, str]  # resource id → its publisher's name
    histories: dict[str, list[ResourceRevision]]  # resource id → its submitted revisions, oldest first
    arrivals: dict[str, Arrival]
    taken: dict[str, desk_taking.Taken]  # resource id → who is reviewing it, of those someone is
    askers: dict[str, str]  # reviewer prefix → the name of the editor who sent a resubmission back


def waiting(session: Session, chosen: Filters, shown: int, editor: str, language: str) -> Waiting:
    """The submissions waiting that ``chosen`` keeps (``editor``: who looks, their ``user:<id>``, for « taken by
    me »), the ``shown`` waiting longest: every submission waiting is read (its kinds need its history), the queue
    being what editors get through, not an archive."""
    resources, total = review.queue(session, limit=None)
    histories = submitted_histories(session, [resource.id for resource in resources])
    arrivals = {resource.id: arrival(resource.is_public, histories[resource.id]) for resource in resources}
    submissions = [history[-1] for history in histories.values() if history]  # the revision awaiting review
    taken = desk_taking.holders(session, (r for r in submissions if r.state == RevisionState.submitted), language)
    asked = (came.asked.reviewer_key_prefix for came in arrivals.values() if came.asked)
    askers = review.person_names(session, asked, language)
    publishers = jsonld.publisher_names(session, resources)
    organisations = {resource.publisher: publishers[resource.id] for resource in resources}
    if chosen.organisation is not None and chosen.organisation not in organisations:
        name = session.scalar(select(Organisation.name).where(Organisation.slug == chosen.organisation))
        organisations[chosen.organisation] = name or chosen.organisation
    matching = [
        resource
        for resource in resources
        if chosen.keeps(resource, arrivals[resource.id], taken.get(resource.id), editor)
    ]
    return Waiting(
        resources=matching[:shown],
        matching=len(matching),
        total=total,
        organisations=dict(sorted(organisations.items(), key=lambda pair: pair[1].casefold())),
        publishers=publishers,
        histories=histories,
        arrivals=arrivals,
        taken=taken,
        askers=askers,
    )


def triage(
    items: Sequence[ManagedResource], found: Waiting, taxonomies: Taxonomies, language: str
) -> dict[str, Triage]:
    """Resource id → its :class:`Triage`, for the queue's ``items`` (of ``found``: their histories read)."""
    types = taxonomies[TaxonomyName.types]
    names = language_names(language)
    now = utcnow()
    shown = {}
    for item in items:
        history, came = found.histories[item.id], found.arrivals[item.id]
        submitted = next((r for r in history if r.number == item.revision.number), None)
        unchanged = (
            came.asked is not None
            and submitted is not None
            and not compare(came.asked.data, submitted.data, taxonomies, language)
        )
        term = types.get(item.type)
        asker = came.asked.reviewer_key_prefix if came.asked else None
        shown[item.id] = Triage(
            type_label=term.label(language) if term else item.type,
            language_name=names.get(item.language, item.language),
            waited=waited(item.revision.submitted_at, now, language) if item.revision.submitted_at else "",
            kinds=came.kinds,
            unchanged=unchanged,
            corrected=review.corrected_from(history, item.revision.number) is not None,
            sent_back_by=found.askers.get(asker or "") if came.asked else None,
            sent_back_key=asker,
        )
    return shown


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


def _decided(session: Session, rows: Sequence[tuple[ResourceRevision, Resource]], language: str) -> list[Decided]:
    """``rows`` as the lists show them: their organisations, editors and states now in three queries."""
    publishers = jsonld.publisher_names(session, [resource for _, resource in rows])
    names = review.person_names(session, (revision.reviewer_key_prefix for revision, _ in rows), language)
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


def sent_back(session: Session, language: str) -> list[Decided]:
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
    return _decided(session, list(session.execute(query).all()), language)


def published_lately(session: Session, language: str) -> list[Decided]:
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
    return _decided(session, list(session.execute(query).all()), language)


@dataclass(frozen=True, slots=True)
class JustDecided:
    """A resource an editor has just decided on, as the queue's notice names it: deciding several in a row, they see
    which one each notice is about, and get back to it."""

    id: str  # its desk page's
    title: str  # of the revision decided on
    language: str
    public_path: str | None  # its public page's address, once published


def just_decided(session: Session, resource_id: str, language: str) -> JustDecided | None:
    """``resource_id`` (its id before the decision: a first publication moves a namespaced draft to its public id)
    as the queue's notice names it; None when nothing there was ever submitted."""
    found = review.outcome(session, resource_id, language)
    if found is None:
        return None
    resource = found.resource
    return JustDecided(
        id=resource.id,
        title=str(found.read.data.get("title") or resource.title),
        language=resource.language,
        public_path=resource_path(resource.language, resource.slug) if resource.is_public else None,
    )


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
