"""Public resource reads."""

import json

from fastapi import APIRouter, Request, Response

from app.deps import PrincipalDep, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import Gone, NotAcceptable, NotFound, Unauthorized, problem_responses
from app.middleware.caching import etag_matches
from app.middleware.reads import mark_read
from app.models import ReadKind
from app.policy import public
from app.routers.parameters import STRICT_PARAMETERS
from app.schemas.resource import ResourceRead
from app.services import access, citation_formats, jsonld, representations
from app.services import attachments as attachment_service
from app.services import documents as document_service
from app.services import publishing as publishing_service
from app.services import resources as resource_service

router = APIRouter(prefix="/v1", tags=["resources"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=60)])


@router.get(
    "/resources/{resource_id}",
    response_model=ResourceRead,
    responses={
        200: {
            "content": {media: {} for media in representations.OFFERS[1:]},
            "description": "JSON by default; `Accept: text/markdown`, `application/ld+json` (schema.org) or a "
            "reference's media type (RIS, BibTeX, CSL-JSON: see `/citation`)",
        },
        **problem_responses(NotFound, Unauthorized, NotAcceptable, Gone),
    },
)
def read_resource(
    resource_id: str,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    caller: PrincipalDep,
) -> ResourceRead | Response:
    """A published resource, its sanitised HTML body and links to its translations (with your organisation's key:
    also its own unpublished resources). `Accept: text/markdown` gives the Markdown with its front matter,
    `Accept: application/ld+json` its schema.org description; `Accept: application/x-research-info-systems`,
    `application/x-bibtex` or `application/vnd.citationstyles.csl+json` its reference, as `/citation` gives it."""
    resource = publishing_service.get_visible(session, resource_id, caller)
    access.ensure_visible(caller, resource)  # a publishable key's fixed filters hold here too
    if resource.is_public:  # not a draft its organisation reads with its key
        mark_read(request, ReadKind.api, resource.id)
    chosen = representations.negotiate(request.headers.get("accept"))
    headers = {"Vary": "Accept", "Content-Language": resource.language}
    if chosen == representations.MARKDOWN:
        text = representations.markdown(resource, settings.public_base_url)
        return Response(text, media_type="text/markdown; charset=utf-8", headers=headers)
    if chosen == representations.JSON_LD:
        data = jsonld.for_resource(session, taxonomies, settings.public_base_url, resource)
        return Response(json.dumps(data, ensure_ascii=False), media_type=representations.JSON_LD, headers=headers)
    if (fmt := citation_formats.BY_MEDIA_TYPE.get(chosen)) is not None:
        reference = citation_formats.reference(session, settings.public_base_url, resource)
        return Response(citation_formats.render(reference, fmt), media_type=f"{chosen}; charset=utf-8", headers=headers)
    response.headers.update(headers)
    return resource_service.to_read_model(session, resource, settings.public_base_url)


@router.get(
    "/resources/{resource_id}/download",
    response_class=Response,
    responses={
        200: {
            "description": "The resource as an editable document",
            "content": {media: {} for media in document_service.MEDIA_TYPES.values()},
        },
        **problem_responses(NotFound, Unauthorized, Gone),
    },
    dependencies=[public()],  # generated documents: not kept by shared caches
)
def download_resource(
    resource_id: str,
    session: SessionDep,
    settings: SettingsDep,
    caller: PrincipalDep,
    format: document_service.DocumentFormat = document_service.DocumentFormat.docx,
) -> Response:
    """The resource as an editable DOCX or ODT document, generated from the same Markdown as its page (tools are
    templates to fill in: questionnaires, checklists, clauses)."""
    resource = publishing_service.get_visible(session, resource_id, caller)
    access.ensure_visible(caller, resource)
    document = document_service.document_for(session, resource, settings.public_base_url)
    return Response(
        document_service.render(document, format),
        media_type=document_service.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{document_service.filename(resource, format)}"'},
    )


@router.get(
    "/resources/{resource_id}/attachments/{filename}",
    response_class=Response,
    responses={
        200: {
            "description": "The document, in its format (found from its bytes when it was sent)",
            "content": {fmt.media_type: {} for fmt in attachment_service.FORMATS},
        },
        304: {"description": "Not modified: the ETag (the file's SHA-256) sent in If-None-Match still matches"},
        **problem_responses(NotFound, Unauthorized, Gone),
    },
    dependencies=[public()],  # its own cache headers: up to 10 MB, never buffered to be hashed again
)
def read_attachment(
    resource_id: str, filename: str, request: Request, session: SessionDep, caller: PrincipalDep
) -> Response:
    """A document attached to a partner's resource (its report, toolkit, poster), as the resource's `attachments`
    lists it: PDF and images shown by the browser, the others saved (`Content-Disposition`); its strong ETag is its
    SHA-256. With your organisation's key: also those of its own unpublished resources."""
    resource = publishing_service.get_visible(session, resource_id, caller)
    access.ensure_visible(caller, resource)
    entry = attachment_service.find(resource.attachments, filename)
    headers = attachment_service.headers(entry, public=resource.is_public)
    if etag_matches(request.headers.get("if-none-match", ""), headers["ETag"]):
        return Response(status_code=304, headers=headers)
    content = attachment_service.content(session, entry)
    if resource.is_public:
        mark_read(request, ReadKind.download, resource.id)
    return Response(content, media_type=str(entry["media_type"]), headers=headers)


@router.get(
    "/resources/{resource_id}/citation",
    response_class=Response,
    responses={
        200: {
            "description": "The resource's reference, as a file for a reference manager",
            "content": {media: {} for media in citation_formats.MEDIA_TYPES.values()},
        },
        **problem_responses(NotFound, Unauthorized, Gone),
    },
)
def cite_resource(
    resource_id: str,
    session: SessionDep,
    settings: SettingsDep,
    caller: PrincipalDep,
    format: citation_formats.CitationFormat = citation_formats.CitationFormat.ris,
) -> Response:
    """The resource's reference for Zotero, EndNote, Mendeley (`ris`), LaTeX (`bibtex`: a biblatex `@online` entry)
    or pandoc (`csl`: CSL-JSON): its publisher as an institutional author, its title, the centre as the site, the
    date of this version, its address and today as the day it was read, as the page's « How to cite » says."""
    resource = publishing_service.get_visible(session, resource_id, caller)
    access.ensure_visible(caller, resource)
    reference = citation_formats.reference(session, settings.public_base_url, resource)
    return Response(
        citation_formats.render(reference, format),
        media_type=f"{citation_formats.MEDIA_TYPES[format]}; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{citation_formats.filename(resource, format)}"',
            "Content-Language": resource.language,
        },
    )
