"""Domain errors and their rendering as RFC 9457 ``application/problem+json``.

Services raise :class:`AppError` subclasses; one set of handlers turns them, request-validation errors,
unknown routes and anything unexpected into problems with a message a person can act on.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from http import HTTPStatus
from typing import Any, Self

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, PrivateAttr
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from app.i18n import format_number, gettext
from app.observability import CLIENT_DISCONNECTS

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger(__name__)


class FieldError(BaseModel):
    """One field's problem. ``message`` is what the API answers (English); a problem made with
    :meth:`translatable` can also be said in a page's language (:meth:`localized`)."""

    field: str
    message: str
    _template: str | None = PrivateAttr(default=None)
    _values: dict[str, object] = PrivateAttr(default_factory=dict)

    @classmethod
    def translatable(cls, field: str, template: str, message: str | None = None, **values: object) -> Self:
        """A problem whose words are ``template`` (an English gettext id marked with ``N_``, with ``{name}``
        placeholders) filled with ``values``; ``message`` overrides the API's wording when it must stay as it was
        (pydantic's own messages)."""
        error = cls(field=field, message=message if message is not None else template.format(**values))
        error._template, error._values = template, values
        return error

    @property
    def template(self) -> str | None:
        """The gettext id its message was made from (None: a plain message): what a caller tells problems apart by."""
        return self._template

    def localized(self, language: str, name_of: Callable[[str, object], str | None] | None = None) -> str:
        """The message in ``language``: its template translated and filled, else the message looked up as is.
        ``name_of(placeholder, value)`` may say a value in words (a type's label where the API says its code); a
        number is written as the language writes it (« 200 000 », "200,000"), as the forms' other limits are."""
        if self._template is None:
            return gettext(language, self.message)
        values = {key: _said(key, value, language, name_of) for key, value in self._values.items()}
        return gettext(language, self._template).format(**values)


def _said(key: str, value: object, language: str, name_of: Callable[[str, object], str | None] | None) -> object:
    named = name_of(key, value) if name_of else None
    if named:
        return named
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, language)
    return value


class Problem(BaseModel):
    """An RFC 9457 problem document. The members after ``instance`` are extensions (RFC 9457 §3.2), each carried by
    the problems it is described for and absent from the others."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None
    taken_by: str | None = Field(
        None,
        description="A 409 of `/v1/review/{resource_id}/take` (POST, DELETE): who has the submission for review, as "
        "the review queue says it (an editor's name, or a key's prefix); with `taken_at`, the `over` that takes it "
        "over",
    )
    taken_at: datetime | None = Field(None, description="With `taken_by`: since when that editor has it")


class AppError(Exception):
    status: int = 500
    title: str = "Internal server error"
    slug: str = "internal-error"

    def __init__(
        self,
        detail: str,
        *,
        errors: Sequence[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors else None
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})  # :class:`Problem`'s extension members, by name (undeclared: dropped)


class BadRequest(AppError):
    status, title, slug = 400, "Bad request", "bad-request"


class InvalidParameters(AppError):
    status, title, slug = 422, "Invalid parameters", "invalid-parameters"


class Unauthorized(AppError):
    status, title, slug = 401, "Unauthorized", "unauthorized"


class Forbidden(AppError):
    status, title, slug = 403, "Forbidden", "forbidden"


class NotFound(AppError):
    status, title, slug = 404, "Not found", "not-found"


class NotAcceptable(AppError):
    status, title, slug = 406, "Not acceptable", "not-acceptable"


class Gone(AppError):
    status, title, slug = 410, "Gone", "gone"


class Conflict(AppError):
    status, title, slug = 409, "Conflict", "conflict"


class PreconditionFailed(AppError):
    status, title, slug = 412, "Precondition failed", "precondition-failed"


class PreconditionRequired(AppError):
    status, title, slug = 428, "Precondition required", "precondition-required"


class PayloadTooLarge(AppError):
    status, title, slug = 413, "Payload too large", "payload-too-large"


class TooManyRequests(AppError):
    status, title, slug = 429, "Too many requests", "rate-limited"


class ServiceUnavailable(AppError):
    status, title, slug = 503, "Service unavailable", "service-unavailable"


# Starlette's own errors (an unknown address, a method not allowed) lead to the API page's explanation of their status
# where the API has a type of that status; about:blank, as RFC 9457 has it, for the others.
_SLUG_OF_STATUS = {error.status: error.slug for error in AppError.__subclasses__()}


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
) -> JSONResponse:
    problem = Problem.model_validate(
        {
            "type": f"/problems/{slug}" if slug else "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": instance,
            "errors": list(errors) if errors else None,
            **(extensions or {}),
        }
    )
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def problem_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the problems a route can answer."""
    return {
        error.status: {"model": Problem, "description": error.title, "content": {PROBLEM_JSON: {}}} for error in errors
    }


def _location(loc: Sequence[int | str]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            exc.status,
            exc.title,
            exc.detail,
            slug=exc.slug,
            instance=request.url.path,
            errors=exc.errors,
            headers=exc.headers,
            extensions=exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [FieldError(field=_location(e["loc"]), message=e["msg"]) for e in exc.errors()]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
        return problem_response(
            422,
            "Invalid parameters",
            detail,
            slug="invalid-parameters",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        from app.routers.site import not_found_page, wants_html  # the site imports this module

        if exc.status_code == 404 and wants_html(request):
            return await run_in_threadpool(not_found_page, request)
        title = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else _default_detail(exc, request)
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
        return problem_response(
            exc.status_code,
            title,
            detail,
            slug=_SLUG_OF_STATUS.get(exc.status_code),
            instance=request.url.path,
            headers=headers or None,
        )

    @app.exception_handler(ClientDisconnect)
    async def _disconnected(request: Request, exc: ClientDisconnect) -> Response:
        # The client closed the connection mid-body: a normal end of the request, nothing to answer or trace.
        CLIENT_DISCONNECTS.inc()
        log.debug("client_disconnected", path=request.url.path)
        return Response(status_code=400)

    # A unit of work that fails when it commits (app.deps.get_session commits before the response is sent): a
    # conflicting concurrent write is a 409, a database that cannot be reached a 503; either way nothing was kept.
    @app.exception_handler(IntegrityError)
    async def _integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("commit_conflict", path=request.url.path, error=type(exc.orig).__name__)
        error = Conflict("The change conflicts with another one made at the same time; nothing was saved. Retry.")
        return await _app_error(request, error)

    @app.exception_handler(OperationalError)
    async def _database_unavailable(request: Request, exc: OperationalError) -> Response:
        log.warning("database_unavailable", path=request.url.path, error=type(exc.orig).__name__)
        if (page := await _human_error_page(request, unavailable=True)) is not None:
            page.headers["Retry-After"] = "5"
            return page
        error = ServiceUnavailable(
            "The database is unavailable just now; nothing was saved. Try again shortly.", headers={"Retry-After": "5"}
        )
        return await _app_error(request, error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Runs outside the request's logging context (Starlette's outermost middleware): bind the id again.
        request_id = getattr(request.state, "request_id", None)
        log.error("unhandled_error", path=request.url.path, request_id=request_id, exc_info=exc)
        if (page := await _human_error_page(request, unavailable=False)) is not None:
            return page
        return problem_response(
            500,
            "Internal server error",
            "Something went wrong on our side; the error has been logged. Try again later.",
            slug="internal-error",
            instance=request.url.path,
            headers={"X-Request-ID": request_id} if request_id else None,
        )


async def _human_error_page(request: Request, *, unavailable: bool) -> Response | None:
    """A page saying what went wrong, for a person's browser; None for an API client, or when the page itself
    cannot be rendered (the error may lie in the templates): the problem document then."""
    from app.routers.site import server_error_page, wants_html  # the site imports this module

    if not wants_html(request):
        return None
    try:
        page = await run_in_threadpool(server_error_page, request, unavailable=unavailable)
    except Exception:  # a failure to describe the failure falls back to the problem document
        log.exception("error_page_failed", path=request.url.path)
        return None
    if request_id := getattr(request.state, "request_id", None):
        page.headers["X-Request-ID"] = request_id
    return page


def allowed_methods(request: Request) -> str:
    """Every method some documented route accepts at this path (Starlette's own ``Allow`` names only the methods
    of the first route whose path matched, though several routes may share a path)."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(request.app.state, "allowed_methods", None)
    if table is None:
        table = []
        for template, operations in request.app.openapi().get("paths", {}).items():
            pattern = re.compile(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$")
            table.append((pattern, {method.upper() for method in operations}))
        request.app.state.allowed_methods = table
    methods = {m for pattern, route_methods in table if pattern.match(request.url.path) for m in route_methods}
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def _default_detail(exc: StarletteHTTPException, request: Request) -> str:
    if exc.status_code == 404:
        return f"No route matches {request.url.path}. See /docs for the API's routes."
    if exc.status_code == 405:
        return f"{request.method} is not allowed on {request.url.path}."
    return HTTPStatus(exc.status_code).description
