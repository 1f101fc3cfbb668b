"""Read models of the write API: the owner's (or an editor's) view of a resource and of its revisions, and a
submission as its public page would show it once approved (the desk's preview)."""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Organisation, Resource, ResourceRevision, ResourceStatus, RevisionState
from app.paths import page_path
from app.schemas.publishing import DATA_FIELDS, DraftData, ManagedResource, RevisionDetail, RevisionRead
from app.schemas.resource import AttachmentRead, taxonomy_codes
from app.services import attachments
from app.services.pages import ResourcePage, build_page, document_links
from app.services.principal import Principal
from app.services.publishing.access import NOT_FOUND, owns
from app.services.publishing.documents import address
from app.services.publishing.identity import public_id
from app.services.publishing.queries import latest_revisions
from app.services.resources import body_html, ever_published, resource_url
from app.services.tool_steps import ToolStep
from app.taxonomy import Taxonomies


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
        **revision_read(revision, organisations).model_dump(), data=DraftData.model_validate(revision.data)
    )


def organisation_slugs(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(Organisation.id, Organisation.slug).where(Organisation.id.in_(wanted)))
    return dict(rows.all())


def to_managed(
    session: Session,
    resources: Sequence[Resource],
    base_url: str,
    owner: Principal | None = None,
    headings_under: int = 1,
) -> list[ManagedResource]:
    """The owner's (or an editor's) view of each resource: its latest revision and where it stands. Its id is the
    one the viewer addresses it by: the public id for its ``owner``, the stored id for the editors (a draft not
    yet published may be stored in its organisation's namespace, :mod:`app.services.publishing.identity`). Its
    body's HTML has its headings under level ``headings_under`` (:func:`app.services.resources.body_html`)."""
    ids = [r.id for r in resources]
    if not ids:
        return []
    latest = latest_revisions(session, ids)
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
        data = DraftData.model_validate(revision.data)  # its latest revision may be an unfinished draft
        views.append(
            ManagedResource(
                id=public_id(resource) if owns(owner, resource) else resource.id,
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
                body_html=body_html(session, data.body, base_url, resource.language, headings_under),
                **taxonomy_codes(data),
                sources=data.sources,
                licence=data.licence,
                duration=data.duration,
                level=data.level,
                prerequisites=data.prerequisites,
                revision=revision_read(revision, organisations),
                published_revision=live.get(resource.id) if resource.is_public else None,
                url=resource_url(base_url, resource.language, resource.slug) if resource.is_public else None,
                created_at=resource.created_at,
                modified_at=resource.modified_at,
                attachments=_documents(base_url, resource, revision, owned=owns(owner, resource)),
            )
        )
    return views


def _documents(base_url: str, resource: Resource, revision: ResourceRevision, *, owned: bool) -> list[AttachmentRead]:
    """The latest revision's documents, each where its viewer reads it: its organisation with its key (the write
    API's ``/v1/my/resources/…``), the editors on the portal's revision (as the desk's preview links them)."""
    read_by_key = address(base_url, public_id(resource), "")
    on_portal = f"{base_url.rstrip('/')}{page_path('resource', resource.language)}/{public_id(resource)}"
    folder = read_by_key if owned else f"{on_portal}/revisions/{revision.number}/{attachments.REVISION_SEGMENT}/"
    return [
        model.model_copy(update={"url": folder + model.filename})
        for model in attachments.read_models(base_url, public_id(resource), revision.attachments or [])
    ]


def as_published(session: Session, resource: Resource, revision: ResourceRevision) -> Resource:
    """``resource`` as approving ``revision`` would publish it (its public id, the revision's fields, today's
    dates), never added to the session. Its id is the revision's own (``<public id>@<number>``): the page caches,
    keyed by a resource's id and version, never take a submission's text for the live resource's."""
    columns = {attribute.key: getattr(resource, attribute.key) for attribute in inspect(Resource).column_attrs}
    today = date.today()
    return Resource(
        **columns
        | {name: revision.data.get(name) for name in DATA_FIELDS}  # a training fact not stated: none
        | {
            "attachments": attachments.of(revision.attachments),
            "id": f"{public_id(resource)}@{revision.number}",
            "published_at": resource.published_at if ever_published(session, resource) else today,
            "updated_at": today,
            "version": revision.number,
        }
    )


def preview_page(
    session: Session,
    taxonomies: Taxonomies,
    base_url: str,
    resource: Resource,
    revision: ResourceRevision,
    steps: tuple[ToolStep, ...] = (),
) -> ResourcePage:
    """The public page of ``resource`` once ``revision`` is approved, built as the public page is
    (:func:`app.services.pages.build_page`); its own live version is no other language of it, and a tool's
    editable copies, made by the API from a published resource, are not there to download yet; its documents are
    the revision's, downloaded where its organisation and the editors read them (the portal's)."""
    published = as_published(session, resource, revision)
    page = build_page(session, taxonomies, base_url, published, steps)
    revision_path = f"{page_path('resource', resource.language)}/{public_id(resource)}/revisions/{revision.number}"
    return replace(
        page,
        translations=[t for t in page.translations if t.language != page.language],
        downloads=[],
        documents=document_links(published, lambda name: f"{revision_path}/{attachments.REVISION_SEGMENT}/{name}"),
    )
