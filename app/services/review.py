"""The editors' side of publishing: the queue of submissions and the decisions on them — approve, send back for
changes (``reject``), decline for good — and taking a published resource off the site (``unpublish``).

Only keys with ``resources:review`` get here (the routes require the scope), so a publisher can approve its own
submission only with a key that also holds that scope. Approving copies the revision onto the ``resources`` row:
that is the moment it becomes public (the outbox then indexes it within a second). Every decision needs
``If-Match`` like every write, so an editor never decides on a revision they have not seen.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.http import IfMatch
from app.models import Resource, ResourceOrigin, ResourceRevision, ResourceStatus, RevisionState, User
from app.models.base import utcnow
from app.services import audit, former_slugs
from app.services.principal import Principal
from app.services.publishing import (
    apply_data,
    check_slug_free,
    claim,
    ever_published,
    flush,
    latest_revision,
    own_latest,
    require_match,
    take_down,
)
from app.services.publishing.identity import NAMESPACE_SEPARATOR

NOT_SUBMITTED = "No submitted resource has the id {id!r}. GET /v1/review/queue lists what awaits review."
NOT_PUBLISHED = "No published resource has the id {id!r}: only a published one can be unpublished."
REASON_LENGTH = 2000  # of an editor's reason (the API's RejectRequest has the same bound)


def _submitted() -> Select[Resource]:
    return (
        select(Resource)
        .join(ResourceRevision, ResourceRevision.resource_id == Resource.id)
        .where(ResourceRevision.state == RevisionState.submitted)
    )


def waiting(session: Session) -> int:
    """How many resources' latest revision awaits review."""
    return session.scalar(select(func.count()).select_from(_submitted().subquery())) or 0


def queue(session: Session, limit: int = 100, offset: int = 0) -> tuple[list[Resource], int]:
    """Resources whose latest revision awaits review, oldest submission first, and how many there are."""
    page = _submitted().order_by(ResourceRevision.submitted_at, Resource.id).limit(limit).offset(offset)
    return list(session.scalars(page)), waiting(session)


def _submission(session: Session, resource_id: str) -> tuple[Resource, ResourceRevision]:
    """The resource and its revision awaiting review. Editors only ever see what was submitted: a draft is 404."""
    resource = session.get(Resource, resource_id)
    revision = latest_revision(session, resource_id) if resource is not None else None
    if resource is None or revision is None or revision.state != RevisionState.submitted:
        raise NotFound(NOT_SUBMITTED.format(id=resource_id))
    return resource, revision


def get_submission(session: Session, resource_id: str) -> Resource:
    return _submission(session, resource_id)[0]


def live(revisions: Iterable[ResourceRevision]) -> ResourceRevision | None:
    """The revision the public reads: the latest approved (an earlier approved one keeps its state)."""
    return max((r for r in revisions if r.state == RevisionState.published), key=lambda r: r.number, default=None)


def sent_back(revision: ResourceRevision) -> bool:
    """Whether an editor sent ``revision`` back, declined it or took it off the site (its organisation may have
    edited it since: it is superseded then, its reason kept)."""
    return revision.reviewed_at is not None and revision.state != RevisionState.published


def baseline(revisions: Iterable[ResourceRevision], number: int) -> ResourceRevision | None:
    """What an editor compares submission ``number`` with: the last revision an editor sent back since the live
    one (its reason says what was asked: the editor sees what changed since, however many times it was submitted
    in between), else the live one, else none (a first submission)."""
    earlier = [r for r in revisions if r.number < number]
    published = live(earlier)
    since = published.number if published is not None else 0
    asked = [r for r in earlier if sent_back(r) and r.number > since]
    return max(asked, key=lambda r: r.number, default=published)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a submission an editor read, when they come back to it: ``read`` is the revision they read
    (approved, sent back, declined, taken back by its organisation or archived — or still awaiting review);
    ``reviewer`` the name of the person who decided on it (None: an API key, or nobody yet); ``unpublished`` the
    revision that records an editor taking the resource off the site since, and ``unpublisher`` their name."""

    resource: Resource
    read: ResourceRevision
    reviewer: str | None
    unpublished: ResourceRevision | None = None
    unpublisher: str | None = None


def person_names(session: Session, prefixes: Iterable[str | None]) -> dict[str, str]:
    """Reviewer prefix → the name of the person it names (``user:<id>``), read in one query; an API key's prefix is
    not in it."""
    ids = {int(p[5:]) for p in prefixes if p and p.startswith("user:") and p[5:].isdigit()}
    if not ids:
        return {}
    return {f"user:{id_}": name for id_, name in session.execute(select(User.id, User.name).where(User.id.in_(ids)))}


def _person(session: Session, prefix: str | None) -> str | None:
    """The name of the person a revision's reviewer prefix names (``user:<id>``, as Person.as_principal names
    them); None for an API key."""
    return person_names(session, [prefix]).get(prefix or "")


def _located(session: Session, resource_id: str) -> Resource | None:
    """The resource stored under ``resource_id``, or where its first publication moved it: a draft kept in its
    organisation's namespace (``<public id>~<organisation>``) takes its public id then."""
    resource = session.get(Resource, resource_id)
    public, separator, organisation = resource_id.partition(NAMESPACE_SEPARATOR)
    if resource is None and separator:
        moved = session.get(Resource, public)
        return moved if moved is not None and moved.claimed and moved.publisher == organisation else None
    return resource


def outcome(session: Session, resource_id: str, number: int | None = None) -> Outcome | None:
    """What became of revision ``number`` of ``resource_id`` (its latest submitted one when ``number`` is None or
    not one that was submitted); None when nothing there was ever submitted. Editors only see what was."""
    resource = _located(session, resource_id)
    if resource is None:
        return None
    submitted = session.scalars(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource.id, ResourceRevision.submitted_at.is_not(None))
        .order_by(ResourceRevision.number)
    ).all()
    read = next((r for r in submitted if r.number == number), submitted[-1] if submitted else None)
    if read is None:
        return None
    latest = latest_revision(session, resource.id)
    if latest is None or latest.state != RevisionState.unpublished or resource.is_public:
        return Outcome(resource, read, _person(session, read.reviewer_key_prefix))
    names = person_names(session, [read.reviewer_key_prefix, latest.reviewer_key_prefix])
    return Outcome(
        resource,
        read,
        names.get(read.reviewer_key_prefix or ""),
        latest,
        names.get(latest.reviewer_key_prefix or ""),
    )


def approve(session: Session, key: Principal, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Publish the submitted revision: it replaces the live resource."""
    resource, revision = _submission(session, resource_id)
    require_match(if_match, resource)
    first = not ever_published(session, resource)
    if resource.claimed:
        check_slug_free(session, resource, revision.data["slug"])
    else:  # its first publication: it takes its public id and slug now, or the editor is told what is in the way
        resource = claim(session, resource, revision.data["slug"])
    former_slugs.retire(session, resource, revision.data["slug"])
    apply_data(resource, revision.data)
    today = date.today()
    if first:
        resource.published_at = today
    resource.updated_at = today
    resource.status = ResourceStatus.published
    resource.modified_at = utcnow()
    revision.state = RevisionState.published
    revision.reviewed_at = utcnow()
    revision.reviewer_key_prefix = key.prefix
    flush(session, resource)
    audit.record(session, "resource.approve", key, resource_id=resource.id, revision=revision.number, first=first)
    return resource


def _refuse(
    session: Session, key: Principal, resource_id: str, reason: str, if_match: IfMatch | None, declining: bool
) -> Resource:
    """Send the submitted revision back for changes, or decline it for good, with the editor's reason; a published
    resource stays as it was."""
    resource, revision = _submission(session, resource_id)
    require_match(if_match, resource)
    if not ever_published(session, resource):
        resource.status = ResourceStatus.declined if declining else ResourceStatus.rejected
    resource.modified_at = utcnow()
    revision.state = RevisionState.declined if declining else RevisionState.rejected
    revision.reason = reason
    revision.reviewed_at = utcnow()
    revision.reviewer_key_prefix = key.prefix
    flush(session, resource)
    action = "resource.decline" if declining else "resource.reject"
    audit.record(session, action, key, resource_id=resource.id, revision=revision.number, reason=reason)
    return resource


def reject(session: Session, key: Principal, resource_id: str, reason: str, if_match: IfMatch | None) -> Resource:
    """Send the submitted revision back for changes with the editor's reason: its organisation changes it and
    submits it again."""
    return _refuse(session, key, resource_id, reason, if_match, declining=False)


def decline(session: Session, key: Principal, resource_id: str, reason: str, if_match: IfMatch | None) -> Resource:
    """Refuse the submitted revision for good, with the editor's reason: it will not be published. A resource never
    published is closed; of a published one, the live version stays and the declined content is never submitted
    again unchanged (the rules: :mod:`app.services.publishing.workflow`)."""
    return _refuse(session, key, resource_id, reason, if_match, declining=True)


def unpublish(session: Session, key: Principal, resource_id: str, reason: str, if_match: IfMatch | None) -> Resource:
    """Take a partner's published resource off the site with the editor's reason: archived, as its organisation
    archives one (out of search and public reads, its public page a 404), and a revision of its own — the latest
    one's content — records who did it and why. Its organisation may change it and submit it again. Not while a
    submission of it awaits review: the editor decides on that first."""
    resource = session.get(Resource, resource_id)
    if resource is None or not resource.is_public:
        raise NotFound(NOT_PUBLISHED.format(id=resource_id))
    if resource.origin == ResourceOrigin.content or resource.organisation_id is None:
        raise Conflict(f"{resource_id} is maintained in content/: remove its file and run `crv content load`.")
    require_match(if_match, resource)
    if own_latest(session, resource).state == RevisionState.submitted:
        raise Conflict(f"A submission of {resource_id} awaits review: approve, send back or decline it first.")
    latest = take_down(session, resource)
    now = utcnow()
    record = ResourceRevision(
        resource_id=resource.id,
        number=latest.number + 1,
        state=RevisionState.unpublished,
        data=latest.data,
        organisation_id=resource.organisation_id,
        author_key_prefix=key.prefix,
        created_at=now,
        reviewed_at=now,
        reviewer_key_prefix=key.prefix,
        reason=reason,
    )
    session.add(record)
    flush(session, resource)
    audit.record(session, "resource.unpublish", key, resource_id=resource.id, revision=record.number, reason=reason)
    return resource
