"""Schemas of the write API (partners' resources, review) and of the administration of organisations and keys."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from app.models import KeyKind, Language, OrganisationKind, ResourceStatus, RevisionState, Scope
from app.schemas.resource import AttachmentRead, ResourceFields, ResourceView, Slug

Timestamp = datetime  # aware UTC: the models' UTCDateTime columns never return a naive one

# Resources


class RevisionData(ResourceFields):
    """Everything a revision holds: the editable fields of a content file (a training module's facts among them,
    stored only when stated) plus the slug."""

    slug: Slug


DATA_FIELDS = tuple(RevisionData.model_fields)  # the editable fields of a revision, in order


class Unfinished(BaseModel):
    """What a draft saved in the partner portal may leave empty: a person saves their work long before it is
    complete, so a draft needs its title, and what it holds must be valid. The summary and the licence here, the
    body and the sources (rules of :mod:`app.services.validation`) are asked for when it is submitted for review."""

    summary: Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)] = ""
    licence: Annotated[str, StringConstraints(max_length=64)] = ""


class DraftData(Unfinished, RevisionData):
    """A revision of an unfinished draft (and the read model of any revision: it may be one)."""


class ResourceCreate(ResourceFields):
    """A new resource, in the fields of the content format (docs/content-format.md). The server sets the rest:
    ``publisher`` (your organisation), the dates and the status (a draft)."""

    translation_key: Slug | None = Field(
        None, description="Shared by the translations of a resource; derived from the title when omitted"
    )
    language: Language
    slug: Slug | None = Field(None, description="Unique per language; derived from the title when omitted")


class DraftCreate(Unfinished, ResourceCreate):
    """A new draft from the partner portal, unfinished (see :class:`Unfinished`)."""


class ResourceReplace(ResourceFields):
    """PUT: every editable field. ``translation_key`` and ``language`` may be sent (a content file has them) but
    must match the resource's id; without ``slug`` the resource keeps its slug. A training module's facts left
    out are no longer stated (as any other field left out)."""

    translation_key: Slug | None = None
    language: Language | None = None
    slug: Slug | None = Field(None, description="Unique per language; unchanged when omitted")


class ResourcePatch(BaseModel):
    """PATCH: the fields to change (the others keep their value); the result is validated as a whole. A training
    module's fact set to null is no longer stated. Changing the ``type`` of a module that states facts is refused
    (422, naming each fact) unless the same PATCH sets them to null: nothing is dropped unsaid."""

    model_config = ConfigDict(extra="forbid")

    slug: str | None = None
    type: str | None = None
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    countries: list[str] | None = None
    regions: list[str] | None = None
    sectors: list[str] | None = None
    risks: list[str] | None = None
    audiences: list[str] | None = None
    sources: list[dict[str, Any]] | None = None
    licence: str | None = None
    # Any JSON value: checked with the rest (« 6 h » or 1.5 get the message of the content format, not a type's).
    duration: Any = Field(None, description="A training module's total length in minutes; null: not stated")
    level: str | None = Field(None, description="`introduction`, `intermediate` or `advanced`; null: not stated")
    prerequisites: str | None = Field(None, description="One line of at most 300 characters; null: not stated")


class RevisionRead(BaseModel):
    number: int
    state: RevisionState
    organisation: str = Field(description="Slug of the author's organisation")
    author_key: str | None = Field(description="Prefix of the key that wrote it (none: the command line)")
    created_at: Timestamp
    submitted_at: Timestamp | None
    reviewed_at: Timestamp | None
    reviewer_key: str | None
    reason: str | None = Field(description="Why an editor rejected it")


class RevisionDetail(RevisionRead):
    data: DraftData = Field(description="A draft's may lack the summary, body, sources or licence, asked at submission")


class RevisionDiff(BaseModel):
    resource_id: str
    from_revision: int
    to_revision: int
    diff: str = Field(description="Unified diff of the fields (one per line) and the Markdown body")


class ManagedResource(ResourceView):
    """A resource as its organisation (or an editor) sees it: the content of its latest revision, where that
    revision stands in review, and the public state of the resource (which stays published while a new revision
    waits)."""

    status: ResourceStatus = Field(description="Public state: only `published` resources are visible to all")
    version: int = Field(description="Bumped on every change; the ETag (send it back in If-Match to write)")
    revision: RevisionRead = Field(description="The latest revision, whose content this shows")
    published_revision: int | None = Field(description="The revision the public sees, if published")
    url: str | None = Field(description="The public page, once published")
    created_at: Timestamp
    modified_at: Timestamp
    attachments: list[AttachmentRead] = Field(
        default_factory=list,
        description="The latest revision's documents; their `url`, for the organisation, is "
        "`/v1/my/resources/{id}/documents/{filename}`, where `PUT` replaces one and `DELETE` removes it",
    )


class ManagedResourceList(BaseModel):
    total: int
    items: list[ManagedResource]


class ReviewItem(ManagedResource):
    """A submission as the editors see it: the resource, and who is reviewing it (« I'm reviewing this »)."""

    taken_by: str | None = Field(
        None,
        description="Who took it for review: an editor's name (taken on the desk) or a key's prefix; null: nobody",
    )
    taken_at: Timestamp | None = Field(None, description="Since when (a taking lapses after three days)")


class ReviewQueue(BaseModel):
    total: int = Field(description="How many submissions await review (of those `taken` keeps, when given)")
    items: list[ReviewItem]


class ReviewTaking(BaseModel):
    """Who has a submission for review, since when."""

    id: str
    taken_by: str = Field(description="An editor's name (taken on the desk) or a key's prefix")
    taken_at: Timestamp


class SeenTaking(BaseModel):
    """The taking an editor read (an item's ``taken_by`` and ``taken_at``, as they were), to take it over."""

    model_config = ConfigDict(extra="forbid")

    taken_by: Annotated[str, StringConstraints(max_length=200)]
    taken_at: AwareDatetime


class TakeRequest(BaseModel):
    """Take a submission for review; ``over``: from the editor who had it as it was read. Without it, a submission
    another editor has is not taken (409, naming them)."""

    model_config = ConfigDict(extra="forbid")

    over: SeenTaking | None = None


class DecisionReason(BaseModel):
    """An editor's reason for sending back, declining or unpublishing: its organisation reads it, in the API and
    in the mail."""

    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


# Organisations and keys


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    kind: OrganisationKind


class OrganisationRead(BaseModel):
    slug: str
    name: str
    kind: OrganisationKind
    created_at: Timestamp


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""
    kind: KeyKind = KeyKind.secret
    scopes: list[Scope] = Field(min_length=1, max_length=4)
    expires_in_days: int | None = Field(None, ge=1, le=3650)
    allowed_origins: list[str] = Field(default_factory=list, max_length=50, description="Publishable keys only")
    fixed_filters: dict[str, list[str]] = Field(default_factory=dict, description="Publishable keys only")
    rate_limit_per_minute: int | None = Field(None, ge=1, le=100_000)


class KeyRead(BaseModel):
    """A key without its secret: nothing here lets anyone use it."""

    prefix: str
    organisation: str
    name: str
    kind: KeyKind
    scopes: list[str]
    allowed_origins: list[str]
    fixed_filters: dict[str, list[str]]
    rate_limit_per_minute: int | None
    status: str = Field(description="active, revoked or expired")
    created_at: Timestamp
    expires_at: Timestamp | None
    revoked_at: Timestamp | None
    last_used_at: Timestamp | None


class KeyCreated(KeyRead):
    key: str = Field(description="The full key. It is shown this once: store it now, it cannot be recovered")


class AuditRead(BaseModel):
    at: Timestamp
    action: str
    organisation: str | None = Field(description="Slug of the acting organisation; none: the command line")
    key_prefix: str | None
    resource_id: str | None
    revision: int | None
    details: dict[str, Any]
