"""Administration (keys with the ``admin`` scope): organisations, their keys, the audit log."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.deps import AdminKey, SessionDep
from app.errors import Conflict, Forbidden, InvalidParameters, NotFound, Unauthorized, problem_responses
from app.http import LimitedBodyRoute
from app.models import ApiKey, AuditEntry, KeyKind
from app.schemas.publishing import AuditRead, KeyCreate, KeyCreated, KeyRead, OrganisationCreate, OrganisationRead
from app.services import audit, keys
from app.services.publishing import organisation_slugs

AUTH = (Unauthorized, Forbidden)
router = APIRouter(prefix="/v1/admin", tags=["admin"], route_class=LimitedBodyRoute)


def key_read(key: ApiKey) -> KeyRead:
    return KeyRead(
        prefix=key.prefix,
        organisation=key.organisation.slug,
        name=key.name,
        kind=KeyKind(key.kind),
        scopes=key.scopes,
        allowed_origins=key.allowed_origins,
        fixed_filters=key.fixed_filters,
        rate_limit_per_minute=key.rate_limit_per_minute,
        status=keys.key_status(key),
        created_at=key.created_at,
        expires_at=key.expires_at,
        revoked_at=key.revoked_at,
        last_used_at=key.last_used_at,
    )


@router.post(
    "/organisations",
    status_code=201,
    response_model=OrganisationRead,
    responses=problem_responses(*AUTH, Conflict, InvalidParameters),
)
def create_organisation(payload: OrganisationCreate, key: AdminKey, session: SessionDep) -> OrganisationRead:
    """Register a partner organisation."""
    organisation = keys.create_organisation(session, payload.slug, payload.name, payload.kind, actor=key)
    return OrganisationRead.model_validate(organisation, from_attributes=True)


@router.get("/organisations", response_model=list[OrganisationRead], responses=problem_responses(*AUTH))
def list_organisations(key: AdminKey, session: SessionDep) -> list[OrganisationRead]:
    """Every organisation, by slug."""
    return [OrganisationRead.model_validate(o, from_attributes=True) for o in keys.list_organisations(session)]


@router.post(
    "/organisations/{slug}/keys",
    status_code=201,
    response_model=KeyCreated,
    responses=problem_responses(*AUTH, NotFound, InvalidParameters),
)
def create_key(slug: str, payload: KeyCreate, key: AdminKey, session: SessionDep, response: Response) -> KeyCreated:
    """Create a key for an organisation. The full key is in this response only: it is never shown again."""
    organisation = keys.get_organisation(session, slug)
    created = keys.create_key(
        session,
        organisation,
        scopes=payload.scopes,
        name=payload.name,
        kind=payload.kind,
        expires_in_days=payload.expires_in_days,
        allowed_origins=payload.allowed_origins,
        fixed_filters=payload.fixed_filters,
        rate_limit_per_minute=payload.rate_limit_per_minute,
        actor=key,
    )
    response.headers["Cache-Control"] = "no-store"
    return KeyCreated(**key_read(created.key).model_dump(), key=created.token)


@router.get("/keys", response_model=list[KeyRead], responses=problem_responses(*AUTH))
def list_keys(
    key: AdminKey, session: SessionDep, org: Annotated[str | None, Query(description="Organisation slug")] = None
) -> list[KeyRead]:
    """Keys (never their secrets), by organisation."""
    return [key_read(k) for k in keys.list_keys(session, org)]


@router.delete("/keys/{prefix}", status_code=204, responses=problem_responses(*AUTH, NotFound, Conflict))
def revoke_key(prefix: str, key: AdminKey, session: SessionDep) -> Response:
    """Revoke a key at once (idempotent). A key cannot revoke itself, nor the last active admin key (409)."""
    keys.revoke_key(session, prefix, actor=key)
    return Response(status_code=204)


@router.get("/audit", response_model=list[AuditRead], responses=problem_responses(*AUTH))
def audit_log(
    key: AdminKey,
    session: SessionDep,
    resource_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditRead]:
    """The latest entries of the audit log, newest first."""
    entries: list[AuditEntry] = list(audit.entries(session, resource_id, limit))
    slugs = organisation_slugs(session, (e.organisation_id for e in entries if e.organisation_id is not None))
    return [
        AuditRead(
            at=e.at,
            action=e.action,
            organisation=slugs.get(e.organisation_id) if e.organisation_id is not None else None,
            key_prefix=e.key_prefix,
            resource_id=e.resource_id,
            revision=e.revision,
            details=e.details,
        )
        for e in entries
    ]
