"""Public search."""

import inspect
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.deps import PrincipalDep, SearchDep, SettingsDep, TaxonomiesDep
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.filters import FILTERS, FilterField
from app.middleware.caching import weak_etag
from app.policy import public
from app.schemas.search import SearchResponse
from app.search.base import SortOrder
from app.services import search as search_service

router = APIRouter(prefix="/v1", tags=["search"], dependencies=[public(cache_seconds=60, widget_scope="search")])



def _selected_filters(**values: list[str]) -> dict[FilterField, list[str]]:
    return {FilterField(name): selected for name, selected in values.items() if selected}


# One query parameter per row of app.filters.FILTERS (values repeatable, at most 50): a new filter needs no code here.
setattr(  # noqa: B010 - FastAPI reads the parameters from the signature
    _selected_filters,
    "__signature__",
    inspect.Signature(
        [
            inspect.Parameter(
                name.value,
                inspect.Parameter.KEYWORD_ONLY,
                default=[],
                annotation=Annotated[list[str], Query(max_length=50, description=spec.describe())],
            )
            for name, spec in FILTERS.items()
        ]
    ),
)
SelectedFilters = Annotated[dict[FilterField, list[str]], Depends(_selected_filters)]


@router.get(
    "/search",
    response_model=SearchResponse,
    responses=problem_responses(InvalidParameters, ServiceUnavailable),
)
def search(
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    engine: SearchDep,
    caller: PrincipalDep,
    response: Response,
    filters: SelectedFilters,
    q: Annotated[
        str, Query(description="Words to search for, in French or English", examples=["cacao Côte d'Ivoire"])
    ] = "",
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
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
        facets=facets,
        fixed_filters=caller.fixed_filters,  # a publishable key's restriction, never widened
    )
    result = search_service.search(engine, query, settings.public_base_url)
    response.headers["ETag"] = weak_etag(result.model_dump_json(exclude={"processing_time_ms"}))
    return result
