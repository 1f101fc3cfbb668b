"""Strict query parameters, declared on a router (or a route) beside its policy::

    router = APIRouter(prefix="/v1", dependencies=[STRICT_PARAMETERS, public(cache_seconds=60)])

An unknown query parameter is a mistake (« contry »), never something to ignore: without this, a misspelt filter
silently returns the whole corpus. Every public read of the API declares it (``tests/routers/test_parameters.py``
walks the routes); OAI-PMH answers its own errors (``badArgument``) and the site's pages are left alone.
"""

import difflib
import re
from typing import Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.errors import FieldError, InvalidParameters
from app.services.access import KEY_QUERY_PARAMETER

_known_parameters: dict[int, frozenset[str]] = {}


def query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route (its endpoint and every dependency) reads."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names


def known_parameters(route: APIRoute) -> frozenset[str]:
    """The route's own query parameters, and ``key`` (a publishable key may come in the URL:
    :mod:`app.services.access`)."""
    known = _known_parameters.get(id(route))
    if known is None:
        known = _known_parameters[id(route)] = frozenset(query_names(route.dependant) | {KEY_QUERY_PARAMETER})
    return known


def closest(name: str, known: frozenset[str]) -> str | None:
    """The valid parameter ``name`` was likely meant as: the closest spelling (« contry »), else one that is a word
    of it (« updated_since » → ``since``, as other APIs name it)."""
    folded = name.lower()
    close = difflib.get_close_matches(folded, sorted(known), n=1, cutoff=0.6)
    if close:
        return close[0]
    words = re.split(r"[\W_]+", folded)
    return next((parameter for parameter in sorted(known) if parameter in words), None)


async def reject_unknown_parameters(request: Request) -> None:
    """422 naming each unknown query parameter and the closest valid one (``async``: no thread-pool hop)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = known_parameters(route)
    errors = []
    for name in dict.fromkeys(request.query_params.keys()):
        if name not in known:
            close = closest(name, known)
            hint = f"; did you mean {close!r}?" if close else f"; known: {', '.join(sorted(known))}"
            errors.append(FieldError(field=name[:60], message=f"unknown query parameter{hint}"))
    if errors:
        raise InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


STRICT_PARAMETERS: Any = Depends(reject_unknown_parameters)


def is_strict(route: Any) -> bool:
    """Whether ``route`` (a route or a route in context, router dependencies included) declares strict parameters."""
    return any(d.dependency is reject_unknown_parameters for d in getattr(route, "dependencies", None) or [])
