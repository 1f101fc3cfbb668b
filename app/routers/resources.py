"""Public resource reads."""

from fastapi import APIRouter, Response

from app.deps import OptionalKey, SessionDep, SettingsDep
from app.errors import NotFound, Unauthorized, problem_responses
from app.middleware.access import CallerDep
from app.schemas.resource import ResourceRead
from app.services import access
from app.services import documents as document_service
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


@router.get(
    "/resources/{resource_id}/download",
    response_class=Response,
    responses={
        200: {
            "description": "The resource as an editable document",
            "content": {media: {} for media in document_service.MEDIA_TYPES.values()},
        },
        **problem_responses(NotFound, Unauthorized),
    },
)
def download_resource(
    resource_id: str,
    session: SessionDep,
    settings: SettingsDep,
    caller: CallerDep,
    key: OptionalKey,
    format: document_service.DocumentFormat = document_service.DocumentFormat.docx,
) -> Response:
    """The resource as an editable DOCX or ODT document, generated from the same Markdown as its page (tools are
    templates to fill in: questionnaires, checklists, clauses)."""
    resource = publishing_service.get_visible(session, resource_id, key)
    access.ensure_visible(caller, resource)
    document = document_service.document_for(session, resource, settings.public_base_url)
    return Response(
        document_service.render(document, format),
        media_type=document_service.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{document_service.filename(resource, format)}"'},
    )
