"""Partners send the documents of their resources (a PDF report, a toolkit, a poster) one file at a time: the file
is the request's body, each change a new draft revision (with If-Match), as the portal's form makes."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.deps import SessionDep, SettingsDep, WriterKey
from app.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidParameters,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)
from app.http import IfMatchHeader
from app.language_tags import SOURCE_LANGUAGES
from app.policy import keyed
from app.routers.managed import Call
from app.schemas.publishing import ManagedResource
from app.services import attachments
from app.services.publishing import documents

router = APIRouter(prefix="/v1/my/resources", tags=["publishing"], dependencies=[keyed()])
PATH = f"/{{resource_id}}/{attachments.REVISION_SEGMENT}/{{filename}}"
Filename = Annotated[str, Path(max_length=200, description="Its stored name, or the name it was sent as")]
WRITE_PROBLEMS = problem_responses(
    Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed, PreconditionRequired, InvalidParameters
)
FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The file itself, its format found from its bytes: "
        + ", ".join(f.label for f in attachments.FORMATS),
        "content": {f.media_type: {"schema": {"type": "string", "format": "binary"}} for f in attachments.FORMATS}
        | {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


async def file_body(request: Request, settings: SettingsDep) -> bytes:
    """The body, read within the size a document may have (413 past it, announced or actual, with the portal's
    words): never more is held in memory."""
    limit = settings.attachment_max_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise _too_large(len(body), limit)
    return bytes(body)


def _too_large(size: int, limit: int) -> PayloadTooLarge:
    sizes = {"size": attachments.size_text(size, "en"), "limit": attachments.size_text(limit, "en")}
    error = FieldError.translatable("body", attachments.TOO_LARGE, **sizes)
    return PayloadTooLarge(error.message, errors=[error])


def _limits(settings: SettingsDep) -> attachments.Limits:
    return attachments.Limits(settings.attachment_max_bytes, settings.attachment_max_count)


FileBody = Annotated[bytes, Depends(file_body)]
Limits = Annotated[attachments.Limits, Depends(_limits)]


@router.get(
    PATH,
    response_class=Response,
    responses={
        200: {"description": "The document", "content": {f.media_type: {} for f in attachments.FORMATS}},
        **problem_responses(Unauthorized, Forbidden, NotFound),
    },
)
def read_document(resource_id: str, filename: Filename, key: WriterKey, session: SessionDep) -> Response:
    """A document of your resource's latest revision (published or not), as `attachments` lists it."""
    entry = documents.read(session, key, resource_id, filename)
    content = attachments.content(session, entry)
    return Response(content, media_type=str(entry["media_type"]), headers=attachments.headers(entry, public=False))


@router.put(
    PATH,
    response_model=ManagedResource,
    status_code=200,
    responses={201: {"description": "Added", "model": ManagedResource}}
    | WRITE_PROBLEMS
    | problem_responses(PayloadTooLarge),
    openapi_extra=FILE_BODY,
)
def put_document(
    resource_id: str,
    filename: Filename,
    key: WriterKey,  # before the body: an anonymous client's upload is never read
    content: FileBody,
    call: Call,
    limits: Limits,
    if_match: IfMatchHeader,
    title: Annotated[str, Query(max_length=1000, description="What readers see (default: kept, or the name)")] = "",
    language: Annotated[
        str, Query(max_length=8, description=f"One of {', '.join(SOURCE_LANGUAGES)} (default: kept, or the resource's)")
    ] = "",
) -> ManagedResource:
    """Add a document to your resource, or replace the one of that name (its format found from its bytes, the
    portal's limits): a new draft revision, its other documents and fields kept. 201 with `Location` when added."""
    in_review = call.in_review(key, resource_id)
    sent = documents.Sent(filename, content, title, language)
    written = documents.put(call.session, key, resource_id, sent, if_match, call.taxonomies, limits)
    answer = call.answer(written.resource, told="withdrawn" if in_review and written.changed else None)
    call.response.headers["Content-Location"] = documents.address(call.base_url, answer.id, written.filename)
    if written.added:
        call.response.status_code = 201
        call.response.headers["Location"] = call.response.headers["Content-Location"]
    return answer


@router.delete(PATH, response_model=ManagedResource, responses=WRITE_PROBLEMS)
def delete_document(
    resource_id: str, filename: Filename, key: WriterKey, call: Call, limits: Limits, if_match: IfMatchHeader
) -> ManagedResource:
    """Remove a document from your resource: a new draft revision (a published resource keeps showing it until the
    editors approve that revision)."""
    in_review = call.in_review(key, resource_id)
    resource = documents.delete(call.session, key, resource_id, filename, if_match, call.taxonomies, limits)
    return call.answer(resource, told="withdrawn" if in_review else None)
