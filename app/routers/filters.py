"""The search's query parameters as one dependency, built from the filter table: every route that selects
resources (feeds, exports) accepts ``q`` and exactly the filters ``/v1/search`` accepts, documented the same way."""

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from app.filters import FilterField
from app.middleware.access import CallerDep
from app.services import listing


def _filters_dependency() -> Callable[..., dict[FilterField, list[str]]]:
    def dependency(**values: list[str]) -> dict[FilterField, list[str]]:
        return {FilterField(name): value for name, value in values.items()}

    parameters = [
        inspect.Parameter(
            name.value,
            inspect.Parameter.KEYWORD_ONLY,
            default=[],
            annotation=Annotated[list[str], Query(max_length=50, description=f"Filter on {name.attribute}")],
        )
        for name in FilterField
    ]
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


FiltersDep = Annotated[dict[FilterField, list[str]], Depends(_filters_dependency())]
QueryText = Annotated[str, Query(description="Words to search for, as in /v1/search", examples=["cacao"])]


def get_selection(request: Request, caller: CallerDep, filters: FiltersDep, q: QueryText = "") -> listing.Selection:
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
