"""Who may see and change a partner's resource (rules in the package docstring)."""

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.errors import Forbidden, NotFound
from app.models import Resource, ResourceOrigin, ResourceRevision, Scope
from app.services.principal import Principal
from app.services.publishing.identity import find
from app.services.resources import get_published

NOT_FOUND = "No resource of yours has the id {id!r}. GET /v1/my/resources lists your organisation's resources."


def owns(key: Principal | None, resource: Resource) -> bool:
    """Whether ``key`` writes for the organisation that owns ``resource``."""
    return (
        key is not None
        and key.acts_for_organisation
        and resource.organisation_id is not None
        and resource.organisation_id == key.organisation_id
        and key.has(Scope.resources_write)
    )


def is_reviewer(key: Principal | None) -> bool:
    return key is not None and key.acts_for_organisation and key.has(Scope.resources_review)


def was_submitted(session: Session, resource: Resource) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(ResourceRevision.resource_id == resource.id, ResourceRevision.submitted_at.is_not(None))
            )
        )
    )


def get_visible(session: Session, resource_id: str, key: Principal | None) -> Resource:
    """A resource as ``GET /v1/resources/{id}`` shows it: published, or the caller's organisation's own draft."""
    resource = find(session, key, resource_id)
    if resource is not None and not resource.is_public and owns(key, resource):
        return resource
    return get_published(session, resource_id)


def writable(session: Session, key: Principal, resource_id: str) -> Resource:
    """The caller's own resource: 404 if it cannot see it, 403 if it can (published) but it is someone else's."""
    resource = find(session, key, resource_id)
    if resource is not None and owns(key, resource):
        return resource
    if resource is not None and resource.is_public:
        owner = "content/ (the centre's editorial team)" if resource.organisation_id is None else resource.publisher
        raise Forbidden(f"{resource_id} belongs to {owner}; you can only change your organisation's resources.")
    raise NotFound(NOT_FOUND.format(id=resource_id))


def history_visible(session: Session, key: Principal, resource_id: str) -> tuple[Resource, bool]:
    """The resource whose revisions ``key`` may read, and whether it sees them all (its owner) or only the ones
    submitted for review (an editor)."""
    resource = find(session, key, resource_id)
    if resource is not None and resource.origin == ResourceOrigin.api:
        if owns(key, resource):
            return resource, True
        if is_reviewer(key) and (resource.is_public or was_submitted(session, resource)):
            return resource, False
    raise NotFound(NOT_FOUND.format(id=resource_id))
