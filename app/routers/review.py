"""Editors review submissions: the queue, approve, send back for changes (``reject``), decline for good; and take a
published resource off the site (keys with ``resources:review``). Each decision is mailed to the organisation's
people, as the desk's are. An editor takes a submission for review (« I'm reviewing this », as on the desk) and
gives it back; the queue says who has each one, and narrows to those taken by the key, by another editor or by
nobody, as the desk's does (:mod:`app.services.review_taking`)."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, Response

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
from app.schemas.publishing import DecisionReason, ManagedResource, ReviewItem, ReviewQueue, ReviewTaking, TakeRequest
from app.services import publishing, review, review_taking
from app.services.desk_queue import Taking

AUTH = (Unauthorized, Forbidden)
DECISION_PROBLEMS = problem_responses(*AUTH, NotFound, Conflict, PreconditionFailed, PreconditionRequired)
TAKING_PROBLEMS = problem_responses(*AUTH, NotFound, Conflict)
router = APIRouter(prefix="/v1/review", tags=["review"], route_class=LimitedBodyRoute, dependencies=[keyed()])


@router.get("/queue", response_model=ReviewQueue, responses=problem_responses(*AUTH))
def review_queue(
    key: ReviewerKey,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    page: PageQuery = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    taken: Annotated[
        Taking | None,
        Query(
            description="Only the submissions taken for review by this key (`mine`), by another editor or key "
            "(`others`), or by nobody (`free`), as the desk's filter; `total` then counts those"
        ),
    ] = None,
) -> ReviewQueue:
    """Submissions awaiting review, oldest first; each shows the submitted revision, its version (ETag) and who
    has taken it for review, since when."""
    offset = (page - 1) * per_page
    response.headers["Cache-Control"] = "private, no-store"
    return review_taking.queue(session, key, settings.public_base_url, taken, limit=per_page, offset=offset)


@router.get("/{resource_id}", response_model=ReviewItem, responses=problem_responses(*AUTH, NotFound))
def read_submission(resource_id: str, key: ReviewerKey, call: Call) -> ReviewItem:
    """One submission awaiting review, with its ETag (send it back to approve or reject) and who has taken it."""
    resource = review.get_submission(call.session, resource_id)
    call.response.headers["ETag"] = publishing.etag(resource)
    call.response.headers["Cache-Control"] = "private, no-store"
    return review_taking.items(call.session, [resource], call.base_url)[0]


@router.post("/{resource_id}/take", response_model=ReviewTaking, responses=TAKING_PROBLEMS)
def take(
    resource_id: str,
    key: ReviewerKey,
    call: Call,
    payload: Annotated[TakeRequest | None, Body()] = None,
) -> ReviewTaking:
    """Take the submission for review (« I'm reviewing this »), or take over the taking read (``over``); 409 naming
    who has it when another editor does. No If-Match: the resource and its version do not change."""
    call.response.headers["Cache-Control"] = "private, no-store"
    return review_taking.take(call.session, key, resource_id, payload.over if payload else None)


@router.delete("/{resource_id}/take", status_code=204, response_class=Response, responses=TAKING_PROBLEMS)
def give_back(resource_id: str, key: ReviewerKey, session: SessionDep) -> Response:
    """Give the submission back: nobody reviews it any more (done too when nobody had it); 409 naming who has it
    when another editor took it over."""
    review_taking.give_back(session, key, resource_id)
    return Response(status_code=204)


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
