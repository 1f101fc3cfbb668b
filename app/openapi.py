"""The OpenAPI document tells the truth about errors: every 4xx/5xx is an RFC 9457 ``application/problem+json``.

FastAPI documents request-validation failures as a 422 ``application/json`` ``HTTPValidationError``; our handler
(:mod:`app.errors`) answers them as problems. This rewrites the generated document once, on first request, and adds
what the routes' own declarations cannot say, from the same sources the server answers from
(:mod:`app.openapi_access`): the keys each route accepts and what refusing them and the quotas answer, from the
route policies; the search's length and depth limits, from the settings.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.config import Settings
from app.errors import PROBLEM_JSON, Problem
from app.openapi_access import document_access, document_limits, overview

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _is_problem(response: dict[str, Any]) -> bool:
    content: dict[str, Any] = response.get("content") or {}
    if not content or PROBLEM_JSON in content:
        return True
    ref = str(content.get("application/json", {}).get("schema", {}).get("$ref", ""))
    return ref.endswith(("/Problem", "/HTTPValidationError"))


def _truthful(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}"))
    for name, definition in (
        Problem.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {}).items()
    ):
        components.setdefault(name, definition)
    components["Problem"].pop("$defs", None)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses: dict[str, Any] = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {
                    "description": "Invalid parameters",
                    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
            for status, response in responses.items():
                if status[0] in "45" and _is_problem(response):
                    response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def install_openapi(app: FastAPI, settings: Settings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=f"{app.description}{overview(settings)}",
                routes=app.routes,
                servers=app.servers,
            )
            document_access(schema, app, settings)
            document_limits(schema, app, settings)
            app.openapi_schema = _truthful(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
