"""Exports of search results or the whole published corpus: CSV, JSON Lines, XLSX."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import defer

from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.models import Resource
from app.routers.filters import SelectionDep
from app.services import exports, listing

router = APIRouter(prefix="/v1", tags=["open data"])


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {media_type: {} for media_type in exports.MEDIA_TYPES.values()},
            "description": "One row per resource and language, with its licence and publisher",
        },
        **problem_responses(InvalidParameters, ServiceUnavailable),
    },
)
def export(
    request: Request,
    selection: SelectionDep,
    format: Annotated[exports.ExportFormat, Query(description="csv, jsonl or xlsx")] = exports.ExportFormat.csv,
) -> StreamingResponse:
    """The published resources matching the same `q` and filters as `/v1/search` (all of them without any),
    newest first, streamed: e.g. `/v1/export?format=xlsx&country=CI`."""
    state: Any = request.app.state
    base_url: str = state.settings.public_base_url

    def body() -> Iterator[bytes]:
        # Its own session: the rows are read while the response is being sent, after the route has returned.
        with state.session_factory() as session:
            resources = listing.stream(session, selection, defer(Resource.body), defer(Resource.sources))
            yield from exports.export(resources, format, base_url)

    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return StreamingResponse(
        body(),
        media_type=exports.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="crv-resources-{stamp}.{format.value}"'},
    )
