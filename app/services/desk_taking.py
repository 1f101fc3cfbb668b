"""« I'm reviewing this »: an editor takes a submission on the desk, so that another does not review it at the same
time. The queue says who took each one and since when, and narrows to one's own or to those nobody took; the
submission's page tells another editor who has it and lets them take it over. Taking, taking over and giving back
are in the audit trail; a decision on it (approve, send back, decline: :mod:`app.services.review`) gives it back.

What is taken is the revision awaiting review (``taken_by``, ``taken_at``): an editor's correction carries it over to
its own revision; a new submission is taken by nobody — a taking older than the submission (its organisation took it
back and submitted it again) no longer counts. Nor does one older than :data:`LASTS`: an editor who took it and then
went on leave holds nothing, without anyone having to give it back for them.

Each write is one conditional UPDATE (compare-and-set, the same on SQLite and PostgreSQL): of two editors taking it
at the same instant, one gets it and the other is told who did (:class:`TakenByAnother`); a take-over replaces only
the taking the editor saw (by whom, since when), never one made since. Taking changes neither the resource nor its
version: a decision form open elsewhere stays valid, and nothing is indexed again."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.errors import Conflict, NotFound
from app.models import ResourceRevision, RevisionState
from app.models.base import utcnow
from app.services import audit, review
from app.services.principal import Principal

# How long a taking counts. Reviewing a submission takes hours, a day at most; three days keep one taken on a Friday
# afternoon through the weekend, and a forgotten one frees itself within the week. A constant, not a setting:
# nothing about it differs between deployments, and the tests date a taking rather than wait.
LASTS = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class Taken:
    """Who is reviewing a submission, since when."""

    by: str  # the editor, as the audit log names them (``user:<id>``)
    name: str | None  # their name; None when ``by`` names no person (never for a taking from the desk)
    at: datetime
    email: str | None = None  # their address, for another editor to agree with them before taking it over

    def mine(self, key: Principal) -> bool:
        return self.by == key.prefix


@dataclass(frozen=True, slots=True)
class Seen:
    """The taking an editor saw on the page from which they take it over."""

    by: str
    at: datetime


class TakenByAnother(Conflict):
    """Another editor has the submission (``taken``): taken at the same instant, or before the page was read."""

    def __init__(self, resource_id: str, taken: Taken) -> None:
        super().__init__(f"{resource_id} is being reviewed by {taken.by} since {taken.at.isoformat()}.")
        self.taken = taken


def counts(revision: ResourceRevision, now: datetime) -> bool:
    """Whether someone has ``revision`` at ``now``: taken since it was submitted, less than :data:`LASTS` ago."""
    at = revision.taken_at
    if revision.taken_by is None or at is None or at <= now - LASTS:
        return False
    return revision.submitted_at is None or at >= revision.submitted_at


def _free(now: datetime) -> ColumnElement[bool]:
    """:func:`counts`' negation in SQL, written out (a NULL compared is neither true nor false)."""
    taken = ResourceRevision
    return or_(
        taken.taken_by.is_(None),
        taken.taken_at.is_(None),
        taken.taken_at <= now - LASTS,
        taken.taken_at < taken.submitted_at,
    )


def holders(session: Session, revisions: Iterable[ResourceRevision], language: str) -> dict[str, Taken]:
    """Resource id → who has it, of ``revisions`` (awaiting review) whose taking counts; the people in one query,
    named for a reader of ``language``."""
    now = utcnow()
    held = [revision for revision in revisions if counts(revision, now)]
    people = review.people(session, (revision.taken_by for revision in held), language)
    taken = {}
    for revision in held:
        if revision.taken_by is None or revision.taken_at is None:
            continue
        named = people.get(revision.taken_by)
        name, email = (named.name, named.email) if named is not None else (None, None)
        taken[revision.resource_id] = Taken(revision.taken_by, name, revision.taken_at, email)
    return taken


def holder(session: Session, revision: ResourceRevision, language: str) -> Taken | None:
    """Who has ``revision`` (awaiting review), or None."""
    return holders(session, [revision], language).get(revision.resource_id)


def seen(by: str, at: str) -> Seen | None:
    """The taking a take-over form says the editor saw (its hidden fields), or None when it says none."""
    try:
        instant = datetime.fromisoformat(at)
    except ValueError:
        return None
    return Seen(by, instant) if by else None


def _write(
    session: Session, revision: ResourceRevision, condition: ColumnElement[bool], values: Mapping[str, object]
) -> bool:
    """Set ``values`` on ``revision`` if it still awaits review and ``condition`` holds, in one UPDATE: whether it
    did. The row as the database has it decides, not as this session read it."""
    written = session.execute(
        update(ResourceRevision)
        .where(ResourceRevision.id == revision.id, ResourceRevision.state == RevisionState.submitted, condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]
    session.expire(revision)  # read again when asked: another request may have written it
    return bool(written)


def take(session: Session, key: Principal, resource_id: str, language: str, over: Seen | None = None) -> Taken:
    """``key`` (an editor) takes the submission ``resource_id`` for review (its holder named for a reader of
    ``language``): when nobody has it, or — ``over`` — from
    the editor who had it when the page was read (a take-over, said in the audit trail with whose it was). Already
    theirs: nothing changes. Another editor has it (took it first, or since the page was read): :class:`TakenByAnother`;
    nothing awaits review any more: NotFound."""
    _, revision = review.submitted_revision(session, resource_id)
    number, stored_id = revision.number, revision.resource_id
    for _attempt in range(2):  # a second time only when it was given back between the write and the read below
        now = utcnow()
        values = {"taken_by": key.prefix, "taken_at": now}
        if _write(session, revision, _free(now), values):
            audit.record(session, "resource.take", key, resource_id=stored_id, revision=number)
            return Taken(key.prefix, None, now)
        if over is not None and over.by != key.prefix:  # only the taking the editor saw, not one made since
            still = and_(ResourceRevision.taken_by == over.by, ResourceRevision.taken_at == over.at)
            if _write(session, revision, still, values):
                since = over.at.isoformat()
                audit.record(
                    session,
                    "resource.take_over",
                    key,
                    resource_id=stored_id,
                    revision=number,
                    previous=over.by,
                    since=since,
                )
                return Taken(key.prefix, None, now)
        if revision.state != RevisionState.submitted:  # decided, or taken back, meanwhile
            raise NotFound(review.NOT_SUBMITTED.format(id=resource_id))
        current = holder(session, revision, language)
        if current is not None:
            if current.mine(key):
                return current
            raise TakenByAnother(resource_id, current)
    raise Conflict(f"{resource_id} was taken and given back while it was being taken; take it again.")


def give_back(session: Session, key: Principal, resource_id: str) -> bool:
    """``key`` no longer reviews the submission ``resource_id``: whether it was theirs to give back (not when
    another editor took it over since). NotFound when nothing awaits review any more."""
    _, revision = review.submitted_revision(session, resource_id)
    number, stored_id = revision.number, revision.resource_id
    if not _write(session, revision, ResourceRevision.taken_by == key.prefix, {"taken_by": None, "taken_at": None}):
        return False
    audit.record(session, "resource.give_back", key, resource_id=stored_id, revision=number)
    return True
