"""Atom feeds of the newest resources, for any search selection."""

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.deps import PrincipalDep, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.policy import public
from app.routers.filters import SelectionDep
from app.routers.parameters import STRICT_PARAMETERS
from app.services import feeds, jsonld, listing

router = APIRouter(prefix="/v1", tags=["open data"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=300)])
# A harvest's « changed since », read by feeds.parse_since (here for the feed and the export alike).
Since = Annotated[
    str | None,
    Query(
        max_length=feeds.MAX_SINCE_LENGTH,
        description=f"Only what changed at or after this instant: {feeds.SINCE_FORMAT}. Inclusive: ask again from "
        "the last run's newest `updated` (or a little before its start) and a change is seen twice, never missed",
        examples=["2026-03-01T02:00:00Z"],
    ),
]


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
    caller: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=feeds.MAX_ENTRIES, description="Entries per page")] = feeds.DEFAULT_ENTRIES,
    cursor: Annotated[
        str | None,
        Query(
            max_length=feeds.MAX_CURSOR_LENGTH,
            description="The page, as the feed's own `next`, `previous` and `first` links give it (RFC 5005)",
        ),
    ] = None,
    since: Since = None,
) -> Response:
    """The published resources matching the same `q` and filters as `/v1/search`, the most recently changed first
    (an edit brings a resource back to the top), e.g. `/v1/feed.atom?country=CI&lang=fr`; paged (RFC 5005): follow
    `<link rel="next">` to the end for every resource. With `since`, only what changed since, and a tombstone
    (RFC 6721 `<at:deleted-entry ref when>`) for each resource withdrawn since: a nightly harvest. Conditional GET
    per page: `ETag`/`If-None-Match` and `Last-Modified`/`If-Modified-Since`. A publishable key given as `?key=` is
    carried into the feed's links. The feed's title is in the language `lang` keeps, else in the one
    `Accept-Language` prefers (French by default); each entry is in its own."""
    page_cursor = feeds.Cursor.from_token(cursor) if cursor is not None else None
    changed_since = feeds.parse_since(since)
    language = feeds.feed_language(selection, request.headers.get("accept-language"))
    last_modified = feeds.last_change(session)
    headers = {"Last-Modified": feeds.http_date(last_modified)}
    if feeds.fixed_language(selection) is None:  # the title's language came from Accept-Language
        headers["Vary"] = "Accept-Language"
    if "if-none-match" not in request.headers and feeds.not_modified_since(
        request.headers.get("if-modified-since"), last_modified
    ):
        return Response(status_code=304, headers=headers)
    page = feeds.read_page(session, selection, limit, page_cursor, changed_since)
    translations = listing.translations_of(session, page.resources)
    publishers = jsonld.publisher_names(session, page.resources)
    key = feeds.link_key(caller, request.query_params)
    base_url = settings.public_base_url
    organisations = partial(jsonld.organisation_names, session)
    body = feeds.build_feed(
        selection, page, taxonomies, base_url, translations, publishers, limit, key, changed_since,
        language=language, organisations=organisations,
    )  # fmt: skip
    return Response(body, media_type=feeds.MEDIA_TYPE, headers=headers)
