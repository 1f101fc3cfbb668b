"""Partners write resources: drafts, edits (with If-Match), submission and its withdrawal, archiving, revisions and
diffs."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response

from app.deps import CurrentKey, SessionDep, SettingsDep, TaxonomiesDep, WriterKey
from app.errors import (
    Conflict,
    Forbidden,
    InvalidParameters,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)
from app.http import MAX_REVISION, IfMatchHeader, LimitedBodyRoute, PageQuery, RevisionNumber
from app.models import ResourceStatus
from app.policy import keyed
from app.routers.managed import Call
from app.schemas.publishing import (
    ManagedResource,
    ManagedResourceList,
    ResourceCreate,
    ResourcePatch,
    ResourceReplace,
    RevisionDetail,
    RevisionDiff,
    RevisionRead,
)
from app.services import dry_run, publishing

AUTH = (Unauthorized, Forbidden)
WRITE_PROBLEMS = problem_responses(
    *AUTH, NotFound, Conflict, PreconditionFailed, PreconditionRequired, PayloadTooLarge, InvalidParameters
)
router = APIRouter(prefix="/v1", tags=["publishing"], route_class=LimitedBodyRoute, dependencies=[keyed()])


@router.post(
    "/resources",
    status_code=201,
    response_model=ManagedResource,
    responses=problem_responses(*AUTH, Conflict, PayloadTooLarge, InvalidParameters),
)
def create_resource(payload: ResourceCreate, key: WriterKey, call: Call) -> ManagedResource:
    """Create a draft owned by your organisation."""
    resource = publishing.create(call.session, key, payload, call.taxonomies)
    call.response.headers["Location"] = f"/v1/my/resources/{publishing.public_id(resource)}"
    return call.answer(resource)


@router.post(
    "/resources/check",
    response_model=dry_run.CheckResult,
    responses=problem_responses(*AUTH, PayloadTooLarge, InvalidParameters),
)
def check_resource(
    payload: Annotated[dict[str, Any], Body()], key: WriterKey, session: SessionDep, taxonomies: TaxonomiesDep
) -> dry_run.CheckResult:
    """Validate a resource as creating or replacing it would (its translation_key and language say which),
    without writing anything: 200 when valid, else 422 listing every problem at once."""
    return dry_run.check_or_raise(session, key, payload, taxonomies)


@router.put("/resources/{resource_id}", response_model=ManagedResource, responses=WRITE_PROBLEMS)
def replace_resource(
    resource_id: str, payload: ResourceReplace, key: WriterKey, call: Call, if_match: IfMatchHeader
) -> ManagedResource:
    """Replace every editable field: a new draft revision (a published resource stays live meanwhile)."""
    in_review = call.in_review(key, resource_id)
    resource, changed = publishing.replace(call.session, key, resource_id, payload, if_match, call.taxonomies)
    return call.answer(resource, told="withdrawn" if in_review and changed else None)


@router.patch("/resources/{resource_id}", response_model=ManagedResource, responses=WRITE_PROBLEMS)
def patch_resource(
    resource_id: str, changes: ResourcePatch, key: WriterKey, call: Call, if_match: IfMatchHeader
) -> ManagedResource:
    """Change some fields: a new draft revision (a published resource stays live meanwhile)."""
    in_review = call.in_review(key, resource_id)
    resource, changed = publishing.patch(call.session, key, resource_id, changes, if_match, call.taxonomies)
    return call.answer(resource, told="withdrawn" if in_review and changed else None)


@router.post("/resources/{resource_id}/submit", response_model=ManagedResource, responses=WRITE_PROBLEMS)
def submit_resource(resource_id: str, key: WriterKey, call: Call, if_match: IfMatchHeader) -> ManagedResource:
    """Submit the latest draft revision to the editors (they are mailed)."""
    return call.answer(publishing.submit(call.session, key, resource_id, if_match), told="submitted")


@router.post("/resources/{resource_id}/withdraw", response_model=ManagedResource, responses=WRITE_PROBLEMS)
def withdraw_resource(resource_id: str, key: WriterKey, call: Call, if_match: IfMatchHeader) -> ManagedResource:
    """Take a submitted revision back from the editors, who are mailed: a draft again (409 when none awaits review)."""
    return call.answer(publishing.withdraw(call.session, key, resource_id, if_match), told="withdrawn")


@router.post("/resources/{resource_id}/archive", response_model=ManagedResource, responses=WRITE_PROBLEMS)
def archive_resource(resource_id: str, key: WriterKey, call: Call, if_match: IfMatchHeader) -> ManagedResource:
    """Take a resource down: out of search and public reads; a pending revision is withdrawn (the editors are
    mailed)."""
    in_review = call.in_review(key, resource_id)
    resource = publishing.archive(call.session, key, resource_id, if_match)
    return call.answer(resource, as_owner=publishing.owns(key, resource), told="withdrawn" if in_review else None)


@router.get("/my/resources", response_model=ManagedResourceList, responses=problem_responses(*AUTH))
def my_resources(
    key: WriterKey,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    status: ResourceStatus | None = None,
    page: PageQuery = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ManagedResourceList:
    """Your organisation's resources, drafts included, most recently changed first."""
    resources, total = publishing.list_own(session, key, status, limit=per_page, offset=(page - 1) * per_page)
    response.headers["Cache-Control"] = "private, no-store"
    items = publishing.to_managed(session, resources, settings.public_base_url, owner=key)
    return ManagedResourceList(total=total, items=items)


@router.get("/my/resources/{resource_id}", response_model=ManagedResource, responses=problem_responses(*AUTH, NotFound))
def my_resource(resource_id: str, key: WriterKey, call: Call) -> ManagedResource:
    """One of your organisation's resources as it stands in review, with its ETag."""
    return call.answer(publishing.get_own(call.session, key, resource_id))


@router.get(
    "/resources/{resource_id}/revisions",
    response_model=list[RevisionRead],
    responses=problem_responses(*AUTH, NotFound),
)
def list_revisions(resource_id: str, key: CurrentKey, session: SessionDep) -> list[RevisionRead]:
    """The revisions of a resource: all of them for its organisation, the submitted ones for editors."""
    found = publishing.revisions(session, key, resource_id)
    organisations = publishing.organisation_slugs(session, (r.organisation_id for r in found))
    return [publishing.revision_read(r, organisations) for r in found]


@router.get(
    "/resources/{resource_id}/revisions/{number}",
    response_model=RevisionDetail,
    responses=problem_responses(*AUTH, NotFound),
)
def read_revision(resource_id: str, number: RevisionNumber, key: CurrentKey, session: SessionDep) -> RevisionDetail:
    """One revision with its full data."""
    found = publishing.revision(session, key, resource_id, number)
    return publishing.revision_detail(found, publishing.organisation_slugs(session, [found.organisation_id]))


@router.get(
    "/resources/{resource_id}/revisions/{number}/diff",
    response_model=RevisionDiff,
    responses=problem_responses(*AUTH, NotFound),
)
def diff_revision(
    resource_id: str,
    number: RevisionNumber,
    key: CurrentKey,
    session: SessionDep,
    against: Annotated[
        int | None, Query(ge=1, le=MAX_REVISION, description="The revision to compare with (default: the previous)")
    ] = None,
) -> RevisionDiff:
    """A unified diff between two revisions (fields, one per line, then the Markdown body)."""
    text, base = publishing.diff(session, key, resource_id, number, against)
    return RevisionDiff(resource_id=resource_id, from_revision=base, to_revision=number, diff=text)
