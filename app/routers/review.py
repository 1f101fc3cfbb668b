"""Editors review submissions: the queue, approve, send back for changes (``reject``), decline for good; and take a
published resource off the site (keys with ``resources:review``). Each decision is mailed to the organisation's
people, as the desk's are."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.deps import ReviewerKey, SessionDep, SettingsDep
from app.errors import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    problem_responses,
)
from app.http import IfMatchHeader, LimitedBodyRoute, PageQuery
from app.policy import keyed
from app.routers.managed import Call
from app.schemas.publishing import DecisionReason, ManagedResource, ManagedResourceList
from app.services import publishing, review

AUTH = (Unauthorized, Forbidden)
DECISION_PROBLEMS = problem_responses(*AUTH, NotFound, Conflict, PreconditionFailed, PreconditionRequired)
router = APIRouter(prefix="/v1/review", tags=["review"], route_class=LimitedBodyRoute, dependencies=[keyed()])


@router.get("/queue", response_model=ManagedResourceList, responses=problem_responses(*AUTH))
def review_queue(
    key: ReviewerKey,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    page: PageQuery = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ManagedResourceList:
    """Submissions awaiting review, oldest first; each shows the submitted revision and its version (ETag)."""
    resources, total = review.queue(session, limit=per_page, offset=(page - 1) * per_page)
    response.headers["Cache-Control"] = "private, no-store"
    return ManagedResourceList(total=total, items=publishing.to_managed(session, resources, settings.public_base_url))


@router.get("/{resource_id}", response_model=ManagedResource, responses=problem_responses(*AUTH, NotFound))
def read_submission(resource_id: str, key: ReviewerKey, call: Call) -> ManagedResource:
    """One submission awaiting review, with its ETag (send it back to approve or reject)."""
    return call.answer(review.get_submission(call.session, resource_id), as_owner=False)


@router.post("/{resource_id}/approve", response_model=ManagedResource, responses=DECISION_PROBLEMS)
def approve(resource_id: str, key: ReviewerKey, call: Call, if_match: IfMatchHeader) -> ManagedResource:
    """Publish the submitted revision (it replaces the live resource and reaches search within seconds)."""
    return call.answer(review.approve(call.session, key, resource_id, if_match), as_owner=False, told="approve")


@router.post("/{resource_id}/reject", response_model=ManagedResource, responses=DECISION_PROBLEMS)
def reject(
    resource_id: str, payload: DecisionReason, key: ReviewerKey, call: Call, if_match: IfMatchHeader
) -> ManagedResource:
    """Send the submitted revision back to its organisation for changes, with a reason."""
    resource = review.reject(call.session, key, resource_id, payload.reason, if_match)
    return call.answer(resource, as_owner=False, told="send_back", reason=payload.reason)


@router.post("/{resource_id}/decline", response_model=ManagedResource, responses=DECISION_PROBLEMS)
def decline(
    resource_id: str, payload: DecisionReason, key: ReviewerKey, call: Call, if_match: IfMatchHeader
) -> ManagedResource:
    """Refuse the submitted revision for good, with a reason: it will not be published. A resource never published
    is closed; the declined changes of a published one cannot be submitted again unchanged."""
    resource = review.decline(call.session, key, resource_id, payload.reason, if_match)
    return call.answer(resource, as_owner=False, told="decline", reason=payload.reason)


@router.post("/{resource_id}/unpublish", response_model=ManagedResource, responses=DECISION_PROBLEMS)
def unpublish(
    resource_id: str, payload: DecisionReason, key: ReviewerKey, call: Call, if_match: IfMatchHeader
) -> ManagedResource:
    """Take a partner's published resource off the site, with a reason (archived: its public page is a 404); its
    organisation may change it and submit it again. 409 while a submission of it awaits review."""
    resource = review.unpublish(call.session, key, resource_id, payload.reason, if_match)
    return call.answer(resource, as_owner=False, told="unpublish", reason=payload.reason)
