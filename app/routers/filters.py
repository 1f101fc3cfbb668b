"""The search's query parameters as one dependency, built from the filter table (:data:`app.filters.FILTERS`):
every route that selects resources (search, feeds, exports) accepts exactly the same filters, documented the same
way, and a new row of the table needs no code in a router."""

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from app.deps import PrincipalDep
from app.filters import FILTERS, MAX_FILTER_VALUES, FilterField
from app.services import listing


def _filters_dependency() -> Callable[..., Awaitable[dict[FilterField, list[str]]]]:
    async def dependency(**values: list[str]) -> dict[FilterField, list[str]]:  # async: no thread-pool hop
        return {FilterField(name): value for name, value in values.items() if value}

    parameters = [
        inspect.Parameter(
            name.value,
            inspect.Parameter.KEYWORD_ONLY,
            default=[],
            annotation=Annotated[list[str], Query(max_length=MAX_FILTER_VALUES, description=spec.describe())],
        )
        for name, spec in FILTERS.items()
    ]
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


FiltersDep = Annotated[dict[FilterField, list[str]], Depends(_filters_dependency())]
QueryText = Annotated[str, Query(description="Words to search for, as in /v1/search", examples=["cacao"])]


def get_selection(request: Request, caller: PrincipalDep, filters: FiltersDep, q: QueryText = "") -> listing.Selection:
    """The caller's selection, validated by the search's own query layer (422 problem on unknown values); a
    publishable key's fixed filters always apply."""
    state: Any = request.app.state
    return listing.select_resources(
        state.settings,
        state.taxonomies,
        state.search,
        q=q,
        filters=filters,
        fixed_filters=caller.fixed_filters,
    )


SelectionDep = Annotated[listing.Selection, Depends(get_selection)]
