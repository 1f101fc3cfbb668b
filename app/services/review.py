"""The editors' side of publishing: the queue of submissions, approval and rejection.

Only keys with ``resources:review`` get here (the routes require the scope), so a publisher can approve its own
submission only with a key that also holds that scope. Approving copies the revision onto the ``resources`` row:
that is the moment it becomes public (the outbox then indexes it within a second). Approve and reject need
``If-Match`` like every write, so an editor never approves a revision they have not seen.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.http import IfMatch
from app.models import Resource, ResourceRevision, ResourceStatus, RevisionState
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
    require_match,
)

NOT_SUBMITTED = "No submitted resource has the id {id!r}. GET /v1/review/queue lists what awaits review."


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


def baseline(revisions: Iterable[ResourceRevision], number: int) -> ResourceRevision | None:
    """What an editor compares submission ``number`` with: the published revision; before the first publication,
    the last one submitted before it (sent back with a reason: the editor sees what changed since); else none."""
    earlier = [r for r in revisions if r.number < number]
    published = live(earlier)
    if published is not None:
        return published
    return max((r for r in earlier if r.submitted_at is not None), key=lambda r: r.number, default=None)


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


def reject(session: Session, key: Principal, resource_id: str, reason: str, if_match: IfMatch | None) -> Resource:
    """Send the submitted revision back with the editor's reason; a published resource stays as it was."""
    resource, revision = _submission(session, resource_id)
    require_match(if_match, resource)
    if not ever_published(session, resource):
        resource.status = ResourceStatus.rejected
    resource.modified_at = utcnow()
    revision.state = RevisionState.rejected
    revision.reason = reason
    revision.reviewed_at = utcnow()
    revision.reviewer_key_prefix = key.prefix
    flush(session, resource)
    audit.record(session, "resource.reject", key, resource_id=resource.id, revision=revision.number, reason=reason)
    return resource
