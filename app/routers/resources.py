"""Public resource reads."""

from fastapi import APIRouter

from app.deps import OptionalKey, SessionDep, SettingsDep
from app.errors import NotFound, Unauthorized, problem_responses
from app.middleware.access import CallerDep
from app.schemas.resource import ResourceRead
from app.services import access
from app.services import publishing as publishing_service
from app.services import resources as resource_service

router = APIRouter(prefix="/v1", tags=["resources"])


@router.get(
    "/resources/{resource_id}", response_model=ResourceRead, responses=problem_responses(NotFound, Unauthorized)
)
def read_resource(
    resource_id: str, session: SessionDep, settings: SettingsDep, caller: CallerDep, key: OptionalKey
) -> ResourceRead:
    """A published resource, its sanitised HTML body and links to its translations (with your organisation's key:
    also its own unpublished resources)."""
    resource = publishing_service.get_visible(session, resource_id, key)
    access.ensure_visible(caller, resource)  # a publishable key's fixed filters hold here too
    return resource_service.to_read_model(session, resource, settings.public_base_url)
