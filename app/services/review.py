"""The editors' side of publishing: the queue of submissions and the decisions on them — approve, send back for
changes (``reject``), decline for good — and taking a published resource off the site (``unpublish``).

Only keys with ``resources:review`` get here (the routes require the scope), so a publisher can approve its own
submission only with a key that also holds that scope. Approving copies the revision onto the ``resources`` row:
that is the moment it becomes public (the outbox then indexes it within a second). Every decision needs
``If-Match`` like every write, so an editor never decides on a revision they have not seen.

Before deciding, an editor may correct the submission (a typo, a wrong code, a broken link: ``correct``) rather than
send it back for days: their correction is a revision of its own, still awaiting review, which keeps the
submission's place in the queue — its ``submitted_at``, which no new submission shares with an earlier one: that is
how a correction is told from one (:func:`corrected_from`).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.http import IfMatch
from app.models import AuditEntry, Resource, ResourceOrigin, ResourceRevision, ResourceStatus, RevisionState, User
from app.models.base import utcnow
from app.schemas.publishing import DATA_FIELDS
from app.services import attachments, audit, former_slugs
from app.services.principal import Principal
from app.services.publishing import (
    apply_revision,
    check_slug_free,
    claim,
    compare,
    ever_published,
    flush,
    latest_revision,
    own_latest,
    require_match,
    slug_after_retitling,
    take_down,
    validate_data,
)
from app.services.publishing.changes import Change
from app.services.publishing.identity import NAMESPACE_SEPARATOR
from app.taxonomy import Taxonomies

NOT_SUBMITTED = "No submitted resource has the id {id!r}. GET /v1/review/queue lists what awaits review."
NOT_PUBLISHED = "No published resource has the id {id!r}: only a published one can be unpublished."
REASON_LENGTH = 2000  # of an editor's reason (the API's DecisionReason has the same bound)


def _submitted() -> Select[Resource]:
    return (
        select(Resource)
        .join(ResourceRevision, ResourceRevision.resource_id == Resource.id)
        .where(ResourceRevision.state == RevisionState.submitted)
    )


def waiting(session: Session) -> int:
    """How many resources' latest revision awaits review."""
    return session.scalar(select(func.count()).select_from(_submitted().subquery())) or 0


def queue(session: Session, limit: int | None = 100, offset: int = 0) -> tuple[list[Resource], int]:
    """Resources whose latest revision awaits review, oldest submission first (``limit`` None: all of them), and how
    many there are."""
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


def submitted_revision(session: Session, resource_id: str) -> tuple[Resource, ResourceRevision]:
    """The resource and its revision awaiting review, what an editor corrects (404 otherwise)."""
    return _submission(session, resource_id)


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


def corrected_from(revisions: Iterable[ResourceRevision], number: int) -> ResourceRevision | None:
    """What its organisation submitted, when revision ``number`` is the editors' correction of it (of corrections
    in a row, the first one's); None when it is not a correction. A correction supersedes the revision it corrects
    and keeps its ``submitted_at``; a submission of its organisation always has its own."""
    by_number = {r.number: r for r in revisions}
    current, found = by_number.get(number), None
    while current is not None and current.submitted_at is not None:
        before = by_number.get(current.number - 1)
        if before is None or before.state != RevisionState.superseded or before.submitted_at != current.submitted_at:
            break
        found = current = before
    return found


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    return [name for name in DATA_FIELDS if before.get(name) != after.get(name)]


@dataclass(frozen=True, slots=True)
class Correction:
    """The editors' correction of a submission: ``submitted`` what its organisation submitted, ``corrected`` the
    revision correcting it (the latest, when it was corrected twice), ``editor`` the name of who wrote it."""

    submitted: ResourceRevision
    corrected: ResourceRevision
    editor: str | None

    def fields(self) -> list[str]:
        """The names of the fields the editors changed (the audit trail's, the approval's mail)."""
        return changed_fields(self.submitted.data, self.corrected.data)

    def changes(self, taxonomies: Taxonomies, language: str) -> list[Change]:
        """What the editors changed, field by field, in ``language`` (the desk's diff; the approval's mail names
        the fields)."""
        return compare(self.submitted.data, self.corrected.data, taxonomies, language)


def correction(
    session: Session, revisions: Sequence[ResourceRevision], number: int, language: str
) -> Correction | None:
    """The editors' correction that revision ``number`` of ``revisions`` (one resource's) is, its editor named for
    a reader of ``language``, or None."""
    submitted = corrected_from(revisions, number)
    corrected = next((r for r in revisions if r.number == number), None)
    if submitted is None or corrected is None:
        return None
    return Correction(submitted, corrected, _person(session, corrected.author_key_prefix, language))


def latest_correction(session: Session, resource_id: str, language: str) -> Correction | None:
    """The editors' correction that the latest revision of ``resource_id`` is, or None: once it is approved, what
    its organisation is told was corrected."""
    revisions = session.scalars(
        select(ResourceRevision).where(ResourceRevision.resource_id == resource_id).order_by(ResourceRevision.number)
    ).all()
    return correction(session, revisions, revisions[-1].number, language) if revisions else None


# The states of a submitted revision an editor refused (sent back, or declined), once decided.
REFUSED = frozenset({RevisionState.rejected, RevisionState.superseded, RevisionState.declined})


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

    @property
    def refused(self) -> bool:
        """Whether an editor sent back (its organisation may have edited it since: ``superseded``, its review kept)
        or declined the revision read: its text is on no public page, so the desk shows it — to answer the
        organisation's questions about it."""
        return self.read.reviewed_at is not None and self.read.state in REFUSED


@dataclass(frozen=True, slots=True)
class Named:
    """A person a prefix names, as the desk shows them: their name, and their address to write to them."""

    name: str
    email: str


def people(session: Session, prefixes: Iterable[str | None], language: str) -> dict[str, Named]:
    """Prefix → the person it names (``user:<id>``) for a reader of ``language``, read in one query; an API key's
    prefix is not in it."""
    ids = {user_id for prefix in prefixes if (user_id := audit.person_id(prefix)) is not None}
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.name, User.email, User.erased_at).where(User.id.in_(ids)))
    return {
        f"user:{id_}": Named(audit.person_name(language, id_, name, erased_at), email)
        for id_, name, email, erased_at in rows
    }


def person_names(session: Session, prefixes: Iterable[str | None], language: str) -> dict[str, str]:
    """Reviewer prefix → the name of the person it names (``user:<id>``) for a reader of ``language``; an API key's
    prefix is not in it."""
    return {prefix: named.name for prefix, named in people(session, prefixes, language).items()}


def submitter(session: Session, resource_id: str) -> str | None:
    """Who last submitted ``resource_id`` for review — the submission awaiting it —, as the audit log names them
    (``user:<id>``, an API key's prefix); None when the command line did, or the log holds no submission. The
    revision does not say: its author is whoever saved it last, not who sent it (an editor, once corrected)."""
    query = (
        select(AuditEntry.key_prefix)
        .where(AuditEntry.action == "resource.submit", AuditEntry.resource_id == resource_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def _person(session: Session, prefix: str | None, language: str) -> str | None:
    """The name of the person a revision's reviewer prefix names (``user:<id>``, as Person.as_principal names
    them) for a reader of ``language``; None for an API key."""
    return person_names(session, [prefix], language).get(prefix or "")


def _located(session: Session, resource_id: str) -> Resource | None:
    """The resource stored under ``resource_id``, or where its first publication moved it: a draft kept in its
    organisation's namespace (``<public id>~<organisation>``) takes its public id then."""
    resource = session.get(Resource, resource_id)
    public, separator, organisation = resource_id.partition(NAMESPACE_SEPARATOR)
    if resource is None and separator:
        moved = session.get(Resource, public)
        return moved if moved is not None and moved.claimed and moved.publisher == organisation else None
    return resource


def outcome(session: Session, resource_id: str, language: str, number: int | None = None) -> Outcome | None:
    """What became of revision ``number`` of ``resource_id`` (its latest submitted one when ``number`` is None or
    not one that was submitted), its editors named for a reader of ``language``; None when nothing there was ever
    submitted. Editors only see what was."""
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
        return Outcome(resource, read, _person(session, read.reviewer_key_prefix, language))
    names = person_names(session, [read.reviewer_key_prefix, latest.reviewer_key_prefix], language)
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
    apply_revision(resource, revision)
    today = date.today()
    if first:
        resource.published_at = today
    resource.updated_at = today
    resource.status = ResourceStatus.published
    resource.modified_at = utcnow()
    revision.state = RevisionState.published
    revision.reviewed_at = utcnow()
    revision.reviewer_key_prefix = key.prefix
    revision.taken_by = revision.taken_at = None  # decided: nobody reviews it any more (app.services.desk_taking)
    flush(session, resource)
    audit.record(session, "resource.approve", key, resource_id=resource.id, revision=revision.number, first=first)
    return resource


def correct(
    session: Session,
    key: Principal,
    resource_id: str,
    raw: Mapping[str, Any],
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
) -> tuple[Resource, bool]:
    """An editor's correction of the submission (``raw``: its editable fields, as the partners' form sends them),
    held to the rules of a finished resource (every problem at once, a 422): a revision of its own, written by the
    editor, still awaiting review, in the submission's place in the queue; the one submitted is superseded. A
    resource never published takes the address of its corrected title when its address was its old title's
    (:func:`app.services.publishing.slug_after_retitling`). Returns the resource and whether anything changed: the
    data as submitted is no correction, and no revision."""
    resource, submitted = _submission(session, resource_id)
    require_match(if_match, resource)
    first = not ever_published(session, resource)  # queries first: the changes below are flushed together
    fields = {name: value for name, value in raw.items() if name not in ("translation_key", "language")}  # its id's
    retitled = slug_after_retitling(submitted.data, fields.get("slug"), fields.get("title")) if first else None
    if retitled is not None:  # its address made from the corrected title, not from the typo
        fields["slug"] = retitled
    fields.setdefault("slug", submitted.data["slug"])  # left blank: as submitted
    data = validate_data(session, fields, taxonomies, submitted.organisation_id)
    if data == submitted.data:
        return resource, False
    check_slug_free(session, resource, data["slug"])
    submitted.state = RevisionState.superseded
    now = utcnow()
    revision = ResourceRevision(
        resource_id=resource.id,
        number=submitted.number + 1,
        state=RevisionState.submitted,
        data=data,
        attachments=attachments.of(submitted.attachments),  # the editors correct the text, not the documents
        organisation_id=submitted.organisation_id,
        author_key_prefix=key.prefix,
        created_at=now,
        submitted_at=submitted.submitted_at,  # its place in the queue, and what tells it is a correction
        taken_by=submitted.taken_by,  # whoever reviews it goes on (app.services.desk_taking)
        taken_at=submitted.taken_at,
    )
    submitted.taken_by = submitted.taken_at = None
    session.add(revision)
    if first:  # until its first publication the row mirrors its latest revision
        apply_revision(resource, revision)
    resource.modified_at = now  # bumps the version: a decision on the revision submitted comes too late
    flush(session, resource)
    audit.record(
        session,
        "resource.correct",
        key,
        resource_id=resource.id,
        revision=revision.number,
        corrected=submitted.number,
        fields=changed_fields(submitted.data, data),
    )
    return resource, True


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
    revision.taken_by = revision.taken_at = None  # decided: nobody reviews it any more (app.services.desk_taking)
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
