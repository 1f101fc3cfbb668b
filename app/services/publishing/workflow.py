"""The workflow of a partner's resource: create a draft, edit it (a new revision each time), submit, withdraw from
review, archive.

What the editors declined (:func:`app.services.review.decline`) is never submitted again: a resource declined
before it was ever published is closed for good (neither changed nor submitted: its organisation proposes something
else as a new resource); the declined revision of a published one cannot be submitted again unchanged (its live
version stays, a changed one may be submitted)."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import http
from app.errors import Conflict, FieldError, InvalidParameters, PreconditionFailed
from app.http import IfMatch
from app.i18n import N_
from app.models import Resource, ResourceOrigin, ResourceRevision, ResourceStatus, RevisionState
from app.models.base import utcnow
from app.models.resource import resource_id as make_resource_id
from app.models.revision import OPEN_STATES
from app.schemas.problems import field_errors
from app.schemas.publishing import (
    DATA_FIELDS,
    DraftData,
    ResourceCreate,
    ResourcePatch,
    ResourceReplace,
    RevisionData,
    Unfinished,
)
from app.schemas.resource import unstated
from app.services import attachments, audit
from app.services.markdown import internal_links
from app.services.principal import Principal
from app.services.publishing.access import is_reviewer, was_submitted, writable
from app.services.publishing.identity import check_new_key, check_slug_free, find, storage_id
from app.services.publishing.queries import own_latest
from app.services.publishing.translations import refuse, type_problems
from app.services.resources import ever_published
from app.services.slugs import slugify
from app.services.validation import rule_errors
from app.taxonomy import Taxonomies

CLOSED = N_(
    "The editors declined this resource: it will not be published. To propose something else, create a new resource."
)
DECLINED_AGAIN = N_(
    "The editors declined this content, with this reason: “{reason}”. It will not be published as it is: change it "
    "before submitting it again."
)
NOT_IN_REVIEW = N_("It is not waiting for the editors (any more): there is nothing to withdraw.")


def etag(resource: Resource) -> str:
    return http.version_etag(resource.version)


def require_match(if_match: IfMatch | None, resource: Resource) -> None:
    http.require_match(if_match, resource.version, subject=resource.id, read_from=f"GET /v1/my/resources/{resource.id}")


def flush(session: Session, resource: Resource) -> None:
    """Flush now: a concurrent write (stale version) is a 412, a taken slug or id a 409. Either way the request's
    transaction is rolled back, so nothing half-done is kept."""
    resource_id, language, slug = resource.id, resource.language, resource.slug  # readable after a failed flush
    try:
        session.flush()
    except StaleDataError as exc:
        raise PreconditionFailed(f"{resource_id} was changed by someone else at the same time; read it again.") from exc
    except IntegrityError as exc:
        raise Conflict(f"The {language} slug {slug!r} or the id {resource_id!r} is already taken.") from exc


def derived_from_title(data: Mapping[str, Any]) -> bool:
    """Whether a version's address is the one made from its title (nobody chose another)."""
    slug = str(data.get("slug") or "")
    return bool(slug) and slug == slugify(str(data.get("title") or ""))


def slug_after_retitling(before: Mapping[str, Any], posted: str | None, title: object) -> str | None:
    """The address of a resource never published whose title is corrected (``before``: the version corrected,
    ``posted``: the address sent with the new ``title``, blank or unchanged when nobody touched it): made from the
    new title when the old one was made from the old title, so a typo corrected in the title does not stay in the
    address; None when it stays as posted (chosen by someone, or the title unchanged). Never for a published
    resource: its address is cited, it changes only when someone changes it (the desk warns instead)."""
    old = str(before.get("slug") or "")
    if (posted or "").strip() not in ("", old) or not derived_from_title(before):
        return None
    new = slugify(str(title or ""))
    return new if new and new != old else None


def data_problems(
    session: Session,
    raw: dict[str, Any],
    taxonomies: Taxonomies,
    organisation_id: int,
    model: type[BaseModel] = RevisionData,
) -> tuple[BaseModel | None, list[FieldError]]:
    """Every problem of ``raw`` at once (the schema with the taxonomies, then the content rules: sources, body,
    internal links), and the validated model when there is none. Shared by the write API, ``crv push --check``
    and the partner portal, with the loader's rules (docs/content-format.md). An :class:`Unfinished` model (a
    portal's draft) is not held to the rules of a finished resource: they are checked at submission."""
    errors: list[FieldError] = []
    data: BaseModel | None = None
    try:
        data = model.model_validate(raw, context={"taxonomies": taxonomies})
    except ValidationError as exc:
        errors.extend(field_errors(exc))
    if not issubclass(model, Unfinished):
        errors = _with_rules(errors, raw)
    body = raw.get("body")
    body = body if isinstance(body, str) else ""
    targets = set(internal_links(body))
    if targets:
        known = set(
            session.scalars(
                select(Resource.translation_key).where(
                    Resource.translation_key.in_(targets),
                    Resource.is_public | (Resource.organisation_id == organisation_id),
                )
            )
        )
        errors.extend(
            FieldError.translatable("body", N_("broken internal link crv:{key} (no such translation_key)"), key=t)
            for t in sorted(targets - known)
        )
    return (None if errors else data), errors


def _with_rules(errors: list[FieldError], raw: Mapping[str, Any]) -> list[FieldError]:
    """``errors`` and the content rules' problems (sources, body), the body's told once."""
    return errors + [
        e
        for e in rule_errors(raw.get("type"), raw.get("sources"), raw.get("body"))
        if not (e.field == "body" and any(other.field == "body" for other in errors))  # the schema said why
    ]


def missing_for_review(data: Mapping[str, Any]) -> list[FieldError]:
    """What a saved revision lacks to be submitted: the rules of a finished resource (an unfinished draft may have
    no summary, body, source or licence). Its codes and links were checked against the taxonomies when it was
    saved, so they are not checked again here."""
    try:
        RevisionData.model_validate(data)
        errors: list[FieldError] = []
    except ValidationError as exc:
        errors = field_errors(exc)
    return _with_rules(errors, data)


def validate_data(
    session: Session,
    raw: dict[str, Any],
    taxonomies: Taxonomies,
    organisation_id: int,
    model: type[RevisionData] = RevisionData,
) -> dict[str, Any]:
    """The rules of the content format (docs/content-format.md), as JSON-ready revision data; every problem at
    once in a 422. ``model``: :class:`DraftData` for an unfinished draft."""
    data, errors = data_problems(session, raw, taxonomies, organisation_id, model)
    if errors or data is None:
        raise InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    result = data.model_dump(mode="json", exclude=unstated(data))  # a revision saved before the facts stays equal
    result["body"] = str(result["body"]).strip() + "\n"
    return result


def apply_data(resource: Resource, data: Mapping[str, Any]) -> None:
    """``data`` (a revision's) onto the row; a training fact it does not state is none."""
    for name in DATA_FIELDS:
        setattr(resource, name, data.get(name))


def apply_revision(resource: Resource, revision: ResourceRevision) -> None:
    """``revision`` onto the row: its data and its documents."""
    apply_data(resource, revision.data)
    resource.attachments = attachments.of(revision.attachments)


def create(
    session: Session,
    key: Principal,
    payload: ResourceCreate,
    taxonomies: Taxonomies,
    documents: Sequence[Mapping[str, Any]] = (),
) -> Resource:
    """A new draft owned by the key's organisation (revision 1), in its organisation's namespace until its first
    publication (:mod:`app.services.publishing.identity`); unfinished when ``payload`` is a :class:`DraftCreate`.
    ``documents``: its attached documents (:mod:`app.services.attachments`), their files stored already."""
    translation_key = payload.translation_key or slugify(payload.title)
    slug = payload.slug or slugify(payload.title)
    if not translation_key or not slug:
        raise InvalidParameters(
            "Cannot derive a translation_key and slug from this title; send them.",
            errors=[FieldError(field="translation_key", message=N_("required"))],
        )
    check_new_key(session, key, translation_key, payload.language)
    refuse(type_problems(session, key, translation_key, payload.language, payload.type))
    new_id = storage_id(session, make_resource_id(translation_key, payload.language), key.organisation_slug)
    raw = payload.model_dump(mode="json", exclude={"translation_key", "language"}) | {"slug": slug}
    model = DraftData if isinstance(payload, Unfinished) else RevisionData
    data = validate_data(session, raw, taxonomies, key.organisation_id, model)
    today = date.today()
    resource = Resource(
        id=new_id,
        translation_key=translation_key,
        language=payload.language,
        publisher=key.organisation_slug,
        organisation_id=key.organisation_id,
        origin=ResourceOrigin.api,
        status=ResourceStatus.draft,
        claimed=False,
        published_at=today,  # set again on first publication
        updated_at=today,
    )
    first = _new_revision(resource, 1, data, key, documents)
    apply_revision(resource, first)
    check_slug_free(session, resource, slug)
    try:
        with session.begin_nested():
            session.add_all([resource, first])
    except IntegrityError:
        # Another draft took the storage id since it was looked up (two creations at the same instant). Answer as
        # if it had come first: the caller's own (the same creation sent twice) is the 409 it would have had,
        # another organisation's sends this one to its namespace. The savepoint kept the transaction usable.
        check_new_key(session, key, translation_key, payload.language)
        resource.id = storage_id(session, make_resource_id(translation_key, payload.language), key.organisation_slug)
        first = _new_revision(resource, 1, data, key, documents)
        session.add_all([resource, first])
    flush(session, resource)
    audit.record(session, "resource.create", key, resource_id=resource.id, revision=1)
    return resource


def _new_revision(
    resource: Resource, number: int, data: dict[str, Any], key: Principal, documents: Sequence[Mapping[str, Any]]
) -> ResourceRevision:
    return ResourceRevision(
        resource_id=resource.id,
        number=number,
        state=RevisionState.draft,
        data=data,
        attachments=attachments.of(documents),
        organisation_id=key.organisation_id,
        author_key_prefix=key.prefix,
        created_at=utcnow(),
    )


def update(
    session: Session,
    key: Principal,
    resource_id: str,
    raw: dict[str, Any],
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
    model: type[RevisionData] = RevisionData,
    documents: Sequence[Mapping[str, Any]] | None = None,
) -> tuple[Resource, bool]:
    """A new draft revision with ``raw`` (every editable field; ``model``: :class:`DraftData` for an unfinished
    one); returns the resource and whether anything changed. Sending the latest revision's data again (or the
    published data, with nothing pending) is a no-op. ``documents``: its attached documents; None keeps the latest
    revision's (the write API does not send them)."""
    resource = writable(session, key, resource_id)
    require_match(if_match, resource)
    _refuse_closed(session, resource)
    data = validate_data(session, raw, taxonomies, key.organisation_id, model)
    refuse(type_problems(session, key, resource.translation_key, resource.language, data.get("type"), resource))
    latest = own_latest(session, resource)
    documents = attachments.of(latest.attachments if documents is None else documents)
    same = latest.data == data and latest.attachments == documents
    unchanged = same and latest.state in (RevisionState.draft, RevisionState.submitted)
    if unchanged or (same and latest.state == RevisionState.published and resource.is_public):
        return resource, False
    check_slug_free(session, resource, data["slug"])
    live = ever_published(session, resource)  # queries first: the changes below are flushed together
    if latest.state == RevisionState.submitted:  # the new revision takes its place: the editors no longer have it
        audit.record(session, "resource.withdraw", key, resource_id=resource.id, revision=latest.number)
    if latest.state in OPEN_STATES:
        latest.state = RevisionState.superseded
    revision = _new_revision(resource, latest.number + 1, data, key, documents)
    session.add(revision)
    if not live:
        apply_revision(resource, revision)
        resource.status = ResourceStatus.draft
    resource.modified_at = utcnow()  # bumps the version, even when only a pending revision changed
    flush(session, resource)
    audit.record(
        session, "resource.update", key, resource_id=resource.id, revision=revision.number, replaced=latest.number
    )
    return resource, True


def replace(
    session: Session,
    key: Principal,
    resource_id: str,
    payload: ResourceReplace,
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
) -> tuple[Resource, bool]:
    """PUT: every editable field (a content file's translation_key and language, if sent, must match the id)."""
    if payload.translation_key is not None and payload.language is not None:
        sent = make_resource_id(payload.translation_key, payload.language)
        if sent != resource_id:
            raise InvalidParameters(
                f"The body describes {sent}, not {resource_id}; the translation_key and language of a resource "
                "cannot change (create a new resource instead).",
                errors=[FieldError(field="translation_key", message=N_("does not match the id"))],
            )
    raw = payload.model_dump(mode="json", exclude={"translation_key", "language"})
    if raw.get("slug") is None:  # a re-pushed file without a slug keeps the resource's slug
        resource = writable(session, key, resource_id)
        raw["slug"] = own_latest(session, resource).data.get("slug") or resource.slug
    return update(session, key, resource_id, raw, if_match, taxonomies)


def patch(
    session: Session,
    key: Principal,
    resource_id: str,
    changes: ResourcePatch,
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
) -> tuple[Resource, bool]:
    """PATCH: the sent fields over the latest revision's data; the result is validated as a whole. A type changed
    away from ``training_module`` while the module states a duration, level or prerequisites is refused (each fact
    named in the 422) rather than the facts silently dropped: the same PATCH sets them to null to drop them."""
    resource = writable(session, key, resource_id)
    require_match(if_match, resource)
    raw = dict(own_latest(session, resource).data) | changes.model_dump(exclude_unset=True)
    return update(session, key, resource_id, raw, if_match, taxonomies)


def submit(session: Session, key: Principal, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Send the latest (draft) revision to the editors."""
    resource = writable(session, key, resource_id)
    require_match(if_match, resource)
    _refuse_closed(session, resource)
    latest = own_latest(session, resource)
    _refuse_declined(session, resource, latest)
    if latest.state != RevisionState.draft:
        reasons = {
            RevisionState.submitted: f"revision {latest.number} is already waiting for an editor",
            RevisionState.rejected: f"revision {latest.number} was rejected; change the resource, then submit again",
            RevisionState.published: f"revision {latest.number} is already published; nothing new to submit",
        }
        reason = reasons.get(RevisionState(latest.state), "there is no draft to submit; change the resource first")
        raise Conflict(f"Cannot submit {resource.id}: {reason}.")
    missing = missing_for_review(latest.data)
    if missing:  # an unfinished draft saved in the portal
        problems = "; ".join(f"{e.field}: {e.message}" for e in missing)
        raise InvalidParameters(f"Cannot submit {resource.id} before it is complete: {problems}.", errors=missing)
    live = ever_published(session, resource)
    latest.state = RevisionState.submitted
    latest.submitted_at = utcnow()
    if not live:
        resource.status = ResourceStatus.submitted
    resource.modified_at = utcnow()
    flush(session, resource)
    audit.record(session, "resource.submit", key, resource_id=resource.id, revision=latest.number)
    return resource


def closed_by(session: Session, resource: Resource) -> ResourceRevision | None:
    """The declined revision that closed ``resource`` for good (declined before it was ever published), or None."""
    latest = own_latest(session, resource)
    if latest.state == RevisionState.declined and not ever_published(session, resource):
        return latest
    return None


def _refuse_closed(session: Session, resource: Resource) -> None:
    if closed_by(session, resource) is not None:
        raise Conflict(
            f"{resource.id} was declined by the editors before it was ever published: it cannot be changed or "
            "submitted again. Create a new resource to propose something else.",
            errors=[FieldError.translatable("form", CLOSED)],
        )


def _refuse_declined(session: Session, resource: Resource, latest: ResourceRevision) -> None:
    """Refuse to submit content the editors declined (the live version of the resource stays)."""
    declined = session.scalars(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource.id, ResourceRevision.state == RevisionState.declined)
        .order_by(ResourceRevision.number.desc())
    )
    same = next((revision for revision in declined if revision.data == latest.data), None)
    if same is not None:
        reason = same.reason or ""
        raise Conflict(
            f"Cannot submit {resource.id}: the editors declined this content in revision {same.number} "
            f"({reason!r}); change it before submitting it again.",
            errors=[FieldError.translatable("form", DECLINED_AGAIN, reason=reason)],
        )


def withdraw(session: Session, key: Principal, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Take the submitted revision back from the editors: a draft again, its organisation's to change and submit
    again (a published resource stays as it is)."""
    resource = writable(session, key, resource_id)
    require_match(if_match, resource)
    latest = own_latest(session, resource)
    if latest.state != RevisionState.submitted:
        raise Conflict(
            f"Cannot withdraw {resource.id}: revision {latest.number} is not waiting for an editor.",
            errors=[FieldError.translatable("form", NOT_IN_REVIEW)],
        )
    live = ever_published(session, resource)  # queries first: the changes below are flushed together
    latest.state = RevisionState.draft  # its submitted_at stays: the desk says what became of what it was sent
    if not live:
        resource.status = ResourceStatus.draft
    resource.modified_at = utcnow()
    flush(session, resource)
    audit.record(session, "resource.withdraw", key, resource_id=resource.id, revision=latest.number)
    return resource


def take_down(session: Session, resource: Resource) -> ResourceRevision:
    """Archive ``resource``: out of search and public reads, its open revision withdrawn; returns its latest."""
    latest = own_latest(session, resource)
    if latest.state in OPEN_STATES:
        latest.state = RevisionState.withdrawn
    resource.status = ResourceStatus.archived
    resource.modified_at = utcnow()
    return latest


def archive(session: Session, key: Principal, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Take a resource down (its organisation, or an editor): removed from search and public reads; a pending
    revision is withdrawn. Editing and submitting it again brings it back through review."""
    resource = find(session, key, resource_id)
    if resource is None or not (is_reviewer(key) and (resource.is_public or was_submitted(session, resource))):
        resource = writable(session, key, resource_id)  # the owner's, or the right 403 or 404
    if resource.origin == ResourceOrigin.content:
        raise Conflict(f"{resource_id} is maintained in content/: remove its file and run `crv content load`.")
    require_match(if_match, resource)
    if resource.status == ResourceStatus.archived:
        raise Conflict(f"{resource_id} is already archived.")
    previous = resource.status
    latest = take_down(session, resource)
    flush(session, resource)
    audit.record(session, "resource.archive", key, resource_id=resource.id, revision=latest.number, previous=previous)
    return resource
