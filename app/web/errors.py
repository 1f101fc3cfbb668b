"""Errors of the HTML pages as HTML pages (the API keeps its RFC 9457 problems): the same status, the message in
the page's language."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from app import csrf
from app.errors import AppError, FieldError
from app.i18n import gettext
from app.paths import page_path
from app.web.sessions import language_of
from app.web.templating import render


class HtmlErrorRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_html_errors(request: Request) -> Response:
            try:
                return await handler(request)
            except AppError as exc:
                lang = language_of(request)
                person = getattr(getattr(request.state, "principal", None), "person", None)
                refused = isinstance(exc, csrf.CsrfFailed)  # a form refused: what to do to keep the text typed
                title = gettext(lang, "The form has expired") if refused else gettext(lang, "This page cannot be shown")
                response = render(
                    request,
                    "web/error.html",
                    lang,
                    status_code=exc.status,
                    here=None if request.method == "GET" else page_path("portal", lang),
                    title=title,
                    person=person,
                    message=gettext(lang, exc.detail),
                    recovery=csrf.recovery(request, lang, signed_in=person is not None) if refused else None,
                )
                response.headers.update(exc.headers)
                return response

        return with_html_errors


def field_problems(exc: AppError, lang: str) -> dict[str, list[str]]:
    """The problems of a refused form by field (``form`` for one without a field), in the page's language."""
    found: dict[str, list[str]] = {}
    for error in exc.errors or [FieldError(field="form", message=exc.detail)]:
        found.setdefault(error.field, []).append(error.localized(lang))  # its template's words, numbers as written
    return found
