"""Atom feeds of the newest resources, for any search selection."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.deps import SessionDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.policy import public
from app.routers.filters import SelectionDep
from app.services import feeds, jsonld, listing

router = APIRouter(prefix="/v1", tags=["open data"], dependencies=[public(cache_seconds=300)])


@router.get(
    "/feed.atom",
    response_class=Response,
    responses={
        200: {"content": {feeds.MEDIA_TYPE: {}}, "description": "An Atom 1.0 feed"},
        304: {"description": "Not modified (If-None-Match or If-Modified-Since)"},
        **problem_responses(InvalidParameters, ServiceUnavailable),
    },
)
def feed(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    selection: SelectionDep,
    limit: Annotated[int, Query(ge=1, le=feeds.MAX_ENTRIES, description="Entries, newest first")] = (
        feeds.DEFAULT_ENTRIES
    ),
) -> Response:
    """The newest published resources (newest first) matching the same `q` and filters as `/v1/search`, e.g.
    `/v1/feed.atom?country=CI&lang=fr`. Conditional GET: `ETag`/`If-None-Match` and
    `Last-Modified`/`If-Modified-Since`."""
    resources = listing.newest_first(session, selection, limit)
    translations = listing.translations_of(session, resources)
    publishers = jsonld.publisher_names(session, resources)
    result = feeds.build_feed(selection, resources, taxonomies, settings.public_base_url, translations, publishers)
    headers = {"Last-Modified": feeds.http_date(result.last_modified)}
    if "if-none-match" not in request.headers and feeds.not_modified_since(
        request.headers.get("if-modified-since"), result.last_modified
    ):
        return Response(status_code=304, headers=headers)
    return Response(result.body, media_type=feeds.MEDIA_TYPE, headers=headers)
