"""Partners' resources through the API: drafts, revisions, submission, archiving — and who may see what.

Rules:

* A resource written through the API belongs to the organisation of the key that created it (``publisher`` is
  that organisation's slug). Only a secret key of that organisation with ``resources:write`` may change, submit or
  see it before publication. To anyone else an unpublished resource does not exist (404); a published one may be
  read but not changed (403).
* Every edit is a new revision (:class:`~app.models.ResourceRevision`) holding the full data. Until its first
  publication the ``resources`` row mirrors the latest revision (which reserves its id and slug at once); after
  that the row only changes when an editor approves a revision (:mod:`app.services.review`), so the published
  resource stays live while the next revision is written and reviewed.
* Every write needs ``If-Match`` with the resource's current ETag (``W/"<version>"``): 428 without it, 412 when
  it is stale. Every write bumps ``Resource.version`` (SQLAlchemy's version counter), so two editors never
  silently overwrite each other, even when they race past the check.
* Every change is written to the audit log.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidParameters,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from app.models import (
    KeyKind,
    Organisation,
    Resource,
    ResourceOrigin,
    ResourceRevision,
    ResourceStatus,
    RevisionState,
    Scope,
)
from app.models.base import utcnow
from app.models.revision import OPEN_STATES
from app.schemas.publishing import (
    ManagedResource,
    ResourceCreate,
    ResourcePatch,
    ResourceReplace,
    RevisionData,
    RevisionDetail,
    RevisionRead,
)
from app.services import audit
from app.services.content import TYPES_NEEDING_SOURCES
from app.services.content import resource_id as make_resource_id
from app.services.keys import AuthenticatedKey
from app.services.markdown import internal_links, render_markdown
from app.services.resources import get_published, link_resolver, resource_url
from app.taxonomy import Taxonomies

MAX_BODY_BYTES = 256 * 1024  # of a request body, raw; see app.routers.publishing.LimitedBodyRoute
DATA_FIELDS = tuple(RevisionData.model_fields)
NOT_FOUND = "No resource of yours has the id {id!r}. GET /v1/my/resources lists your organisation's resources."


# ETags and If-Match


def etag(resource: Resource) -> str:
    return f'W/"{resource.version}"'


@dataclass(frozen=True, slots=True)
class IfMatch:
    """A parsed ``If-Match`` header: ``*`` or a list of entity tags. Weak tags are compared by their opaque value
    (the version), which is what a client echoing our ``W/"…"`` ETag means."""

    tags: frozenset[str]
    any: bool = False

    @classmethod
    def parse(cls, header: str | None) -> "IfMatch | None":
        if header is None or not header.strip():
            return None
        if header.strip() == "*":
            return cls(frozenset(), any=True)
        tags = {part.strip().removeprefix("W/").strip('"') for part in header.split(",") if part.strip()}
        return cls(frozenset(tags))

    def matches(self, version: int) -> bool:
        return self.any or str(version) in self.tags


def require_match(if_match: IfMatch | None, resource: Resource) -> None:
    if if_match is None:
        raise PreconditionRequired(
            f"Changing {resource.id} needs If-Match with its current ETag ({etag(resource)}), as returned by "
            f"GET /v1/my/resources/{resource.id} or your last write, so nobody overwrites a change unseen.",
            headers={"ETag": etag(resource)},
        )
    if not if_match.matches(resource.version):
        raise PreconditionFailed(
            f"{resource.id} has changed since you read it (it is now at version {resource.version}). "
            "Read it again, reapply your change and retry with the new ETag.",
            headers={"ETag": etag(resource)},
        )


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


# Access


def owns(key: AuthenticatedKey | None, resource: Resource) -> bool:
    """Whether ``key`` writes for the organisation that owns ``resource``."""
    return (
        key is not None
        and key.kind == KeyKind.secret
        and resource.organisation_id is not None
        and resource.organisation_id == key.organisation_id
        and key.has(Scope.resources_write)
    )


def is_reviewer(key: AuthenticatedKey | None) -> bool:
    return key is not None and key.kind == KeyKind.secret and key.has(Scope.resources_review)


def was_submitted(session: Session, resource: Resource) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(ResourceRevision.resource_id == resource.id, ResourceRevision.submitted_at.is_not(None))
            )
        )
    )


def ever_published(session: Session, resource: Resource) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    ResourceRevision.resource_id == resource.id, ResourceRevision.state == RevisionState.published
                )
            )
        )
    )


def get_visible(session: Session, resource_id: str, key: AuthenticatedKey | None) -> Resource:
    """A resource as ``GET /v1/resources/{id}`` shows it: published, or the caller's organisation's own draft."""
    resource = session.get(Resource, resource_id)
    if resource is not None and not resource.is_public and owns(key, resource):
        return resource
    return get_published(session, resource_id)


def _writable(session: Session, key: AuthenticatedKey, resource_id: str) -> Resource:
    """The caller's own resource: 404 if it cannot see it, 403 if it can (published) but it is someone else's."""
    resource = session.get(Resource, resource_id)
    if resource is not None and owns(key, resource):
        return resource
    if resource is not None and resource.is_public:
        owner = "content/ (the centre's editorial team)" if resource.organisation_id is None else resource.publisher
        raise Forbidden(f"{resource_id} belongs to {owner}; you can only change your organisation's resources.")
    raise NotFound(NOT_FOUND.format(id=resource_id))


def latest_revision(session: Session, resource_id: str) -> ResourceRevision | None:
    return session.scalar(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource_id)
        .order_by(ResourceRevision.number.desc())
        .limit(1)
    )


def _latest(session: Session, resource: Resource) -> ResourceRevision:
    revision = latest_revision(session, resource.id)
    if revision is None:  # a content/ resource: not owned by anyone with a key, so never reached
        raise Conflict(f"{resource.id} is maintained in content/, not through the API.")
    return revision


# Validation


def slugify(text: str, max_length: int = 80) -> str:
    """``Côte d'Ivoire : cacao`` → ``cote-d-ivoire-cacao``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:  # cut on a word boundary: never half a word
        cut = slug[: max_length + 1]
        slug = cut[:max_length] if cut.endswith("-") else (cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length])
    return slug.strip("-")


def field_errors(exc: ValidationError) -> list[FieldError]:
    return [
        FieldError(field=".".join(str(p) for p in e["loc"]) or "body", message=e["msg"].removeprefix("Value error, "))
        for e in exc.errors()
    ]


def _invalid(exc: ValidationError) -> InvalidParameters:
    errors = field_errors(exc)
    return InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


def data_problems(
    session: Session,
    raw: dict[str, Any],
    taxonomies: Taxonomies,
    organisation_id: int,
    model: type[BaseModel] = RevisionData,
) -> tuple[BaseModel | None, list[FieldError]]:
    """Every problem of ``raw`` at once (the schema with the taxonomies, then the content rules: sources, body,
    internal links), and the validated model when there is none. Shared by the write API, ``crv push --check``
    and the partner portal, with the loader's rules (docs/content-format.md)."""
    errors: list[FieldError] = []
    data: BaseModel | None = None
    try:
        data = model.model_validate(raw, context={"taxonomies": taxonomies})
    except ValidationError as exc:
        errors.extend(field_errors(exc))
    kind, sources, body = raw.get("type"), raw.get("sources"), raw.get("body")
    if kind in TYPES_NEEDING_SOURCES and not sources:
        errors.append(FieldError(field="sources", message=f"a {kind} must cite at least one source with a URL"))
    if not isinstance(body, str) or not body.strip():
        if not any(e.field == "body" for e in errors):
            errors.append(FieldError(field="body", message="is empty"))
        body = ""
    targets = set(internal_links(body))
    if targets:
        known = set(
            session.scalars(
                select(Resource.translation_key).where(
                    Resource.translation_key.in_(targets),
                    (Resource.status == ResourceStatus.published) | (Resource.organisation_id == organisation_id),
                )
            )
        )
        errors.extend(
            FieldError(field="body", message=f"broken internal link crv:{t} (no such translation_key)")
            for t in sorted(targets - known)
        )
    return (None if errors else data), errors


def validate_data(
    session: Session, raw: dict[str, Any], taxonomies: Taxonomies, organisation_id: int
) -> dict[str, Any]:
    """The rules of the content format (docs/content-format.md), as JSON-ready revision data; every problem at
    once in a 422."""
    data, errors = data_problems(session, raw, taxonomies, organisation_id)
    if errors or data is None:
        raise InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    result = data.model_dump(mode="json")
    result["body"] = str(result["body"]).strip() + "\n"
    return result


def check_slug_free(session: Session, resource: Resource, slug: str) -> None:
    taken = session.scalar(
        select(Resource.id).where(
            Resource.language == resource.language, Resource.slug == slug, Resource.id != resource.id
        )
    )
    if taken is not None:
        raise Conflict(
            f"The {resource.language} slug {slug!r} is already used by another resource; choose another slug.",
            errors=[FieldError(field="slug", message="already used")],
        )


def apply_data(resource: Resource, data: dict[str, Any]) -> None:
    for name in DATA_FIELDS:
        setattr(resource, name, data[name])


# Writes


def create(session: Session, key: AuthenticatedKey, payload: ResourceCreate, taxonomies: Taxonomies) -> Resource:
    """A new draft owned by the key's organisation (revision 1)."""
    translation_key = payload.translation_key or slugify(payload.title)
    slug = payload.slug or slugify(payload.title)
    if not translation_key or not slug:
        raise InvalidParameters(
            "Cannot derive a translation_key and slug from this title; send them.",
            errors=[FieldError(field="translation_key", message="required")],
        )
    new_id = make_resource_id(translation_key, payload.language)
    existing = session.get(Resource, new_id)
    if existing is not None:
        hint = f" Update it with PUT /v1/resources/{new_id}." if owns(key, existing) else " Choose another."
        raise Conflict(
            f"The id {new_id} is already taken.{hint}",
            errors=[FieldError(field="translation_key", message="already used in this language")],
        )
    other_owner = session.scalar(
        select(Resource.id).where(
            Resource.translation_key == translation_key,
            (Resource.organisation_id.is_(None)) | (Resource.organisation_id != key.organisation_id),
        )
    )
    if other_owner is not None:
        raise Conflict(
            f"The translation_key {translation_key!r} belongs to another publisher; choose another.",
            errors=[FieldError(field="translation_key", message="used by another publisher")],
        )
    raw = payload.model_dump(mode="json", exclude={"translation_key", "language"}) | {"slug": slug}
    data = validate_data(session, raw, taxonomies, key.organisation_id)
    today = date.today()
    resource = Resource(
        id=new_id,
        translation_key=translation_key,
        language=payload.language,
        publisher=key.organisation_slug,
        organisation_id=key.organisation_id,
        origin=ResourceOrigin.api,
        status=ResourceStatus.draft,
        published_at=today,  # set again on first publication
        updated_at=today,
    )
    apply_data(resource, data)
    check_slug_free(session, resource, slug)
    session.add(resource)
    session.add(_new_revision(resource, 1, data, key))
    flush(session, resource)
    audit.record(session, "resource.create", key, resource_id=new_id, revision=1)
    return resource


def _new_revision(resource: Resource, number: int, data: dict[str, Any], key: AuthenticatedKey) -> ResourceRevision:
    return ResourceRevision(
        resource_id=resource.id,
        number=number,
        state=RevisionState.draft,
        data=data,
        organisation_id=key.organisation_id,
        author_key_prefix=key.prefix,
        created_at=utcnow(),
    )


def update(
    session: Session,
    key: AuthenticatedKey,
    resource_id: str,
    raw: dict[str, Any],
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
) -> tuple[Resource, bool]:
    """A new draft revision with ``raw`` (every editable field); returns the resource and whether anything
    changed. Sending the latest revision's data again (or the published data, with nothing pending) is a no-op."""
    resource = _writable(session, key, resource_id)
    require_match(if_match, resource)
    data = validate_data(session, raw, taxonomies, key.organisation_id)
    latest = _latest(session, resource)
    unchanged = latest.data == data and latest.state in (RevisionState.draft, RevisionState.submitted)
    if unchanged or (latest.data == data and latest.state == RevisionState.published and resource.is_public):
        return resource, False
    check_slug_free(session, resource, data["slug"])
    live = ever_published(session, resource)  # queries first: the changes below are flushed together
    if latest.state in OPEN_STATES:
        latest.state = RevisionState.superseded
    revision = _new_revision(resource, latest.number + 1, data, key)
    session.add(revision)
    if not live:
        apply_data(resource, data)
        resource.status = ResourceStatus.draft
    resource.modified_at = utcnow()  # bumps the version, even when only a pending revision changed
    flush(session, resource)
    audit.record(
        session, "resource.update", key, resource_id=resource.id, revision=revision.number, replaced=latest.number
    )
    return resource, True


def replace(
    session: Session,
    key: AuthenticatedKey,
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
                errors=[FieldError(field="translation_key", message="does not match the id")],
            )
    raw = payload.model_dump(mode="json", exclude={"translation_key", "language"})
    if raw.get("slug") is None:  # a re-pushed file without a slug keeps the resource's slug
        resource = _writable(session, key, resource_id)
        raw["slug"] = _latest(session, resource).data.get("slug") or resource.slug
    return update(session, key, resource_id, raw, if_match, taxonomies)


def patch(
    session: Session,
    key: AuthenticatedKey,
    resource_id: str,
    changes: ResourcePatch,
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
) -> tuple[Resource, bool]:
    """PATCH: the sent fields over the latest revision's data; the result is validated as a whole."""
    resource = _writable(session, key, resource_id)
    require_match(if_match, resource)
    raw = dict(_latest(session, resource).data) | changes.model_dump(exclude_unset=True)
    return update(session, key, resource_id, raw, if_match, taxonomies)


def submit(session: Session, key: AuthenticatedKey, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Send the latest (draft) revision to the editors."""
    resource = _writable(session, key, resource_id)
    require_match(if_match, resource)
    latest = _latest(session, resource)
    if latest.state != RevisionState.draft:
        reasons = {
            RevisionState.submitted: f"revision {latest.number} is already waiting for an editor",
            RevisionState.rejected: f"revision {latest.number} was rejected; change the resource, then submit again",
            RevisionState.published: f"revision {latest.number} is already published; nothing new to submit",
        }
        reason = reasons.get(RevisionState(latest.state), "there is no draft to submit; change the resource first")
        raise Conflict(f"Cannot submit {resource.id}: {reason}.")
    live = ever_published(session, resource)
    latest.state = RevisionState.submitted
    latest.submitted_at = utcnow()
    if not live:
        resource.status = ResourceStatus.submitted
    resource.modified_at = utcnow()
    flush(session, resource)
    audit.record(session, "resource.submit", key, resource_id=resource.id, revision=latest.number)
    return resource


def archive(session: Session, key: AuthenticatedKey, resource_id: str, if_match: IfMatch | None) -> Resource:
    """Take a resource down (its organisation, or an editor): removed from search and public reads; a pending
    revision is withdrawn. Editing and submitting it again brings it back through review."""
    resource = session.get(Resource, resource_id)
    if resource is None or not (is_reviewer(key) and (resource.is_public or was_submitted(session, resource))):
        resource = _writable(session, key, resource_id)  # the owner's, or the right 403 or 404
    if resource.origin == ResourceOrigin.content:
        raise Conflict(f"{resource_id} is maintained in content/: remove its file and run `crv content load`.")
    require_match(if_match, resource)
    if resource.status == ResourceStatus.archived:
        raise Conflict(f"{resource_id} is already archived.")
    latest = _latest(session, resource)
    if latest.state in OPEN_STATES:
        latest.state = RevisionState.withdrawn
    previous = resource.status
    resource.status = ResourceStatus.archived
    resource.modified_at = utcnow()
    flush(session, resource)
    audit.record(session, "resource.archive", key, resource_id=resource.id, revision=latest.number, previous=previous)
    return resource


# Reads for the owner and the editors


def get_own(session: Session, key: AuthenticatedKey, resource_id: str) -> Resource:
    resource = session.get(Resource, resource_id)
    if resource is None or not owns(key, resource):
        raise NotFound(NOT_FOUND.format(id=resource_id))
    return resource


def list_own(
    session: Session, key: AuthenticatedKey, status: ResourceStatus | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[Resource], int]:
    query = select(Resource).where(Resource.organisation_id == key.organisation_id)
    if status is not None:
        query = query.where(Resource.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Resource.modified_at.desc(), Resource.id).limit(limit).offset(offset))
    return list(rows), total


def _history_visible(session: Session, key: AuthenticatedKey, resource_id: str) -> tuple[Resource, bool]:
    """The resource whose revisions ``key`` may read, and whether it sees them all (its owner) or only the ones
    submitted for review (an editor)."""
    resource = session.get(Resource, resource_id)
    if resource is not None and resource.origin == ResourceOrigin.api:
        if owns(key, resource):
            return resource, True
        if is_reviewer(key) and (resource.is_public or was_submitted(session, resource)):
            return resource, False
    raise NotFound(NOT_FOUND.format(id=resource_id))


def revisions(session: Session, key: AuthenticatedKey, resource_id: str) -> list[ResourceRevision]:
    resource, everything = _history_visible(session, key, resource_id)
    query = select(ResourceRevision).where(ResourceRevision.resource_id == resource.id)
    if not everything:
        query = query.where(ResourceRevision.submitted_at.is_not(None))
    return list(session.scalars(query.order_by(ResourceRevision.number)))


def revision(session: Session, key: AuthenticatedKey, resource_id: str, number: int) -> ResourceRevision:
    found = next((r for r in revisions(session, key, resource_id) if r.number == number), None)
    if found is None:
        raise NotFound(f"{resource_id} has no revision {number} that you can see.")
    return found


def _as_text(data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for name in DATA_FIELDS:
        if name == "body":
            continue
        value = data.get(name)
        if name == "sources":
            lines.extend(f"source: {s.get('title')} <{s.get('url')}>\n" for s in value or [])
        elif isinstance(value, list):
            lines.append(f"{name}: {', '.join(map(str, value))}\n")
        else:
            lines.append(f"{name}: {value}\n")
    body = str(data.get("body", ""))
    return [*lines, "\n", *body.splitlines(keepends=True)]


def diff(
    session: Session, key: AuthenticatedKey, resource_id: str, number: int, against: int | None
) -> tuple[str, int]:
    """A unified diff from revision ``against`` (default: the one before; 0 = nothing) to revision ``number``,
    and the number it was compared with."""
    visible = {r.number: r for r in revisions(session, key, resource_id)}
    if number not in visible:
        raise NotFound(f"{resource_id} has no revision {number} that you can see.")
    base = against if against is not None else max((n for n in visible if n < number), default=0)
    if base and base not in visible:
        raise NotFound(f"{resource_id} has no revision {base} that you can see.")
    before = _as_text(visible[base].data) if base else []
    after = _as_text(visible[number].data)
    lines = difflib.unified_diff(before, after, fromfile=f"{resource_id}@{base}", tofile=f"{resource_id}@{number}")
    return "".join(lines), base


# Read models


def revision_read(revision: ResourceRevision, organisations: dict[int, str]) -> RevisionRead:
    return RevisionRead(
        number=revision.number,
        state=RevisionState(revision.state),
        organisation=organisations.get(revision.organisation_id, "?"),
        author_key=revision.author_key_prefix,
        created_at=revision.created_at,
        submitted_at=revision.submitted_at,
        reviewed_at=revision.reviewed_at,
        reviewer_key=revision.reviewer_key_prefix,
        reason=revision.reason,
    )


def revision_detail(revision: ResourceRevision, organisations: dict[int, str]) -> RevisionDetail:
    return RevisionDetail(
        **revision_read(revision, organisations).model_dump(), data=RevisionData.model_validate(revision.data)
    )


def organisation_slugs(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(Organisation.id, Organisation.slug).where(Organisation.id.in_(wanted)))
    return dict(rows.all())


def to_managed(session: Session, resources: Sequence[Resource], base_url: str) -> list[ManagedResource]:
    """The owner's (or an editor's) view of each resource: its latest revision and where it stands."""
    ids = [r.id for r in resources]
    if not ids:
        return []
    latest_numbers = (
        select(ResourceRevision.resource_id, func.max(ResourceRevision.number).label("number"))
        .where(ResourceRevision.resource_id.in_(ids))
        .group_by(ResourceRevision.resource_id)
        .subquery()
    )
    latest = {
        r.resource_id: r
        for r in session.scalars(
            select(ResourceRevision).join(
                latest_numbers,
                (ResourceRevision.resource_id == latest_numbers.c.resource_id)
                & (ResourceRevision.number == latest_numbers.c.number),
            )
        )
    }
    published = session.execute(
        select(ResourceRevision.resource_id, func.max(ResourceRevision.number))
        .where(ResourceRevision.resource_id.in_(ids), ResourceRevision.state == RevisionState.published)
        .group_by(ResourceRevision.resource_id)
    )
    live = dict(published.all())
    organisations = organisation_slugs(session, (r.organisation_id for r in latest.values()))
    views = []
    for resource in resources:
        revision = latest.get(resource.id)
        if revision is None:  # a content/ resource never reaches here; keep the view total anyway
            raise NotFound(NOT_FOUND.format(id=resource.id))
        data = RevisionData.model_validate(revision.data)
        views.append(
            ManagedResource(
                id=resource.id,
                translation_key=resource.translation_key,
                language=resource.language,
                publisher=resource.publisher,
                status=ResourceStatus(resource.status),
                version=resource.version,
                slug=data.slug,
                type=data.type,
                title=data.title,
                summary=data.summary,
                body=str(revision.data["body"]),  # as stored (the model would strip its final newline)
                body_html=render_markdown(data.body, link_resolver(session, base_url, resource.language)),
                countries=data.countries,
                regions=data.regions,
                sectors=data.sectors,
                risks=data.risks,
                audiences=data.audiences,
                sources=data.sources,
                licence=data.licence,
                revision=revision_read(revision, organisations),
                published_revision=live.get(resource.id) if resource.is_public else None,
                url=resource_url(base_url, resource.language, resource.slug) if resource.is_public else None,
                created_at=resource.created_at,
                modified_at=resource.modified_at,
            )
        )
    return views
