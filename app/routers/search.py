"""Public search."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.deps import SearchDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.middleware.access import CallerDep
from app.middleware.caching import weak_etag
from app.schemas.search import SearchResponse
from app.search.base import FilterField, SortOrder
from app.services import search as search_service

router = APIRouter(prefix="/v1", tags=["search"])

FilterValues = Annotated[list[str], Query(max_length=50)]


@router.get(
    "/search",
    response_model=SearchResponse,
    responses=problem_responses(InvalidParameters, ServiceUnavailable),
)
def search(
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    engine: SearchDep,
    caller: CallerDep,
    response: Response,
    q: Annotated[
        str, Query(description="Words to search for, in French or English", examples=["cacao Côte d'Ivoire"])
    ] = "",
    type: FilterValues = [],  # noqa: B006 - FastAPI copies defaults per request
    country: Annotated[list[str], Query(max_length=50, description="ISO 3166-1 alpha-2", examples=[["CI"]])] = [],  # noqa: B006
    region: FilterValues = [],  # noqa: B006
    sector: FilterValues = [],  # noqa: B006
    risk: FilterValues = [],  # noqa: B006
    audience: FilterValues = [],  # noqa: B006
    lang: FilterValues = [],  # noqa: B006
    sort: SortOrder = SortOrder.relevance,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
    facets: Annotated[list[FilterField], Query(description="Filters to count values of")] = [],  # noqa: B006
) -> SearchResponse:
    """Search published resources, with filters (values ORed, filters ANDed) and disjunctive facets."""
    query = search_service.build_query(
        settings,
        taxonomies,
        q=q,
        filters={
            FilterField.type: type,
            FilterField.country: country,
            FilterField.region: region,
            FilterField.sector: sector,
            FilterField.risk: risk,
            FilterField.audience: audience,
            FilterField.lang: lang,
        },
        sort=sort,
        page=page,
        per_page=per_page,
        facets=facets,
        fixed_filters=caller.fixed_filters,  # a publishable key's restriction, never widened
    )
    result = search_service.search(engine, query, settings.public_base_url)
    response.headers["ETag"] = weak_etag(result.model_dump_json(exclude={"processing_time_ms"}))
    return result
