"""Exports of search results or the whole published corpus: CSV, JSON Lines, XLSX."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import defer

from app.deps import SessionDep
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.middleware.caching import etag_matches
from app.models import Resource
from app.policy import public
from app.routers.feeds import Since
from app.routers.filters import SelectionDep
from app.routers.parameters import STRICT_PARAMETERS
from app.services import exports, feeds, jsonld, listing

router = APIRouter(prefix="/v1", tags=["open data"], dependencies=[STRICT_PARAMETERS, public()])


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {media_type: {} for media_type in exports.MEDIA_TYPES.values()},
            "description": "One row per resource and language, with its licence, publisher, sources, last change "
            "(`modified_at`), the countries the `country` filter files it under (`countries_covered`) and a training "
            "module's `duration` (minutes), `level` (code) and `prerequisites` (empty on the other types), then "
            "`documents`, the addresses of the documents attached to the published resource; a JSON Lines record "
            "also ends with `attachments`, each document as `GET /v1/resources/{id}` gives it",
        },
        304: {"description": "Not modified (If-None-Match or If-Modified-Since)"},
        **problem_responses(InvalidParameters, ServiceUnavailable),
    },
)
def export(
    request: Request,
    session: SessionDep,
    selection: SelectionDep,
    format: Annotated[exports.ExportFormat, Query(description="csv, jsonl or xlsx")] = exports.ExportFormat.csv,
    since: Since = None,
) -> Response:
    """The published resources matching the same `q` and filters as `/v1/search` (all of them without any),
    newest first, streamed: e.g. `/v1/export?format=xlsx&country=CI`; with `since`, only those changed since, by
    their `modified_at` (withdrawn ones are told by `/v1/feed.atom?since=` and OAI-PMH). `updated_at` is the date
    the publisher gives its document; `modified_at` when the centre last changed the row (UTC, to the second: what
    `since`, OAI-PMH and the Atom feed use). `countries` are the resource's tags; `countries_covered` the countries
    the `country` filter files it under (a commodity sheet's findings countries too, a region sheet's none).
    `duration` (minutes), `level` (`introduction`, `intermediate`, `advanced`) and `prerequisites`: a training
    module's, empty (null in JSON Lines) on the other types.
    Conditional GET: `ETag`/`If-None-Match` and `Last-Modified`/`If-Modified-Since` answer `304` while nothing that
    the file shows has changed."""
    changed_since = feeds.parse_since(since)
    where = [] if changed_since is None else [feeds.changed_since(changed_since)]
    state: Any = request.app.state
    base_url: str = state.settings.public_base_url
    names = jsonld.organisation_names(session)
    validators = exports.validators(session, selection, format, base_url, names, changed_since)
    headers = {"ETag": validators.etag, "Last-Modified": feeds.http_date(validators.last_modified)}
    if_none_match = request.headers.get("if-none-match")
    if (
        etag_matches(if_none_match, validators.etag)
        if if_none_match is not None
        else feeds.not_modified_since(request.headers.get("if-modified-since"), validators.last_modified)
    ):
        return Response(status_code=304, headers=headers)
    publisher = jsonld.publisher_namer(names)

    def body() -> Iterator[bytes]:
        # Its own session: the rows are read while the response is being sent, after the route has returned.
        with state.session_factory() as session:
            linked = exports.linked_countries(session)  # the commodity sheets' bodies, which the rows leave out
            resources = listing.stream(session, selection, defer(Resource.body), where=where)
            yield from exports.export(resources, format, base_url, publisher, linked)

    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    headers["Content-Disposition"] = f'attachment; filename="crv-resources-{stamp}.{format.value}"'
    return StreamingResponse(body(), media_type=exports.MEDIA_TYPES[format], headers=headers)
