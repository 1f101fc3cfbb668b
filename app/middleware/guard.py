"""Input that no route should ever see: control characters (NUL included) and bidirectional overrides.

PostgreSQL refuses NUL in text (a 500 if it reaches a query), and bidi overrides (U+202E, U+2066…) make a slug or a
name display as something else. This middleware, the outermost but one, answers such a path with a 404 problem and
such a query string with a 422 problem before any key lookup or database query. Request bodies are checked by
:func:`forbidden_in_json` once the route has read them (after the key check), so the guard never reads a body.
"""

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from app.asgi import HttpMiddleware
from app.errors import FieldError, InvalidParameters, Unauthorized, problem_response
from app.services.principal import PrincipalKind

# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In free text (Markdown bodies, summaries) tabs and line breaks are ordinary.
FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_forbidden(text: str, pattern: re.Pattern[str] = FORBIDDEN) -> bool:
    return pattern.search(text) is not None


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def forbidden_in_json(value: Any, location: str = "") -> Iterator[FieldError]:
    """Every string (keys included) of a parsed JSON document that holds a forbidden character."""
    if isinstance(value, str):
        found = FORBIDDEN_IN_TEXT.search(value)
        if found:
            yield FieldError(
                field=location or "body", message=f"contains the control character {_describe(found.group())}"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{location}.{key}" if location else str(key)
            if isinstance(key, str) and has_forbidden(key):
                yield FieldError(field=location or "body", message="a field name contains a control character")
            yield from forbidden_in_json(item, child)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from forbidden_in_json(item, f"{location}.{position}" if location else str(position))


def check_json_body(body: bytes, content_type: str | None) -> None:
    """Raises a 422 problem when a JSON body holds a forbidden character; anything unparsable is left to the
    route's own validation."""
    if not body or "json" not in (content_type or ""):
        return
    try:
        document = json.loads(body)
    except ValueError:
        return
    errors = list(forbidden_in_json(document))
    if errors:
        raise InvalidParameters(
            "Text fields may not contain control characters (other than tabs and line breaks) or bidirectional "
            "overrides: " + "; ".join(f"{e.field}: {e.message}" for e in errors),
            errors=errors,
        )


class InputGuardMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        found = FORBIDDEN.search(path)
        if found:
            response = problem_response(
                404,
                "Not Found",
                f"No resource has a path containing the control character {_describe(found.group())}.",
                instance=path.encode("unicode_escape").decode("ascii"),
            )
            await response(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("utf-8", "replace")
        # Decoded whole first: every character of a parameter's name or value is there (percent-escapes never span
        # the `&` and `=` between them), and a clean query (nearly all) is not split and decoded piece by piece.
        errors: list[FieldError] = []
        if FORBIDDEN.search(unquote_plus(query)):
            errors = [
                FieldError(
                    field=name if not has_forbidden(name) else "query", message=f"contains {_describe(m.group())}"
                )
                for name, value in parse_qsl(query, keep_blank_values=True)
                if (m := FORBIDDEN.search(name) or FORBIDDEN.search(value))
            ]
        if errors:
            detail = "Query parameters may not contain control characters or bidirectional overrides: " + ", ".join(
                f"{e.field} {e.message}" for e in errors
            )
            response = problem_response(
                422, "Invalid parameters", detail, slug="invalid-parameters", instance=path, errors=errors
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def require_key_before_body(request: Request) -> None:
    """Every route that takes a body needs a key: refuse a keyless request before reading (and waiting for) its
    body, so an anonymous client cannot hold a worker with a slow or truncated upload."""
    caller = request.scope.get("state", {}).get("principal")
    if caller is None or caller.kind == PrincipalKind.anonymous:
        raise Unauthorized(
            "This route needs an API key: `Authorization: Bearer <key>`.", headers={"WWW-Authenticate": "Bearer"}
        )
