"""Public resource reads."""

from fastapi import APIRouter

from app.deps import SessionDep, SettingsDep
from app.errors import NotFound, problem_responses
from app.schemas.resource import ResourceRead
from app.services import resources as resource_service

router = APIRouter(prefix="/v1", tags=["resources"])


@router.get("/resources/{resource_id}", response_model=ResourceRead, responses=problem_responses(NotFound))
def read_resource(resource_id: str, session: SessionDep, settings: SettingsDep) -> ResourceRead:
    """A published resource, its sanitised HTML body and links to its translations."""
    resource = resource_service.get_published(session, resource_id)
    return resource_service.to_read_model(session, resource, settings.public_base_url)
