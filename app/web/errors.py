"""Errors of the HTML pages as HTML pages (the API keeps its RFC 9457 problems): the same status, the message in
the page's language."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from app import csrf
from app.errors import AppError, FieldError, InvalidParameters
from app.i18n import N_, gettext
from app.paths import page_path
from app.web import forms
from app.web.paths import section
from app.web.sessions import language_of
from app.web.templating import render

# What a person's field never causes (each form takes what is typed unbounded and optional, and says its problems
# next to the fields): a button's or hidden field's value missing or altered, an address with a word for a number.
UNREADABLE = {
    "POST": N_("The form arrived incomplete or altered. Reload its page, then send it again."),
    "GET": N_("This address holds a value the page cannot read. Check it, or go back to the previous page."),
}


class HtmlErrorRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_html_errors(request: Request) -> Response:
            try:
                if self.body_field is not None and forms.is_form(request):
                    # A route with Form() parameters has its form parsed by FastAPI before any dependency runs,
                    # within Starlette's limits only (1 MiB a field, 1,000 fields: a gigabyte): read it here first,
                    # within an ordinary form's, and FastAPI's request.form() returns it.
                    await forms.read(request, forms.TEXT_FORM)
                return await handler(request)
            except RequestValidationError:  # the framework's English problem document, never shown to a person
                refusal = InvalidParameters(UNREADABLE["GET" if request.method == "GET" else "POST"])
                return _error_page(request, refusal)
            except AppError as exc:
                return _error_page(request, exc)

        return with_html_errors


def _error_page(request: Request, exc: AppError) -> Response:
    """``exc`` as a page in the request's language: its status, its message, and how to get back to work."""
    lang = language_of(request)
    person = getattr(getattr(request.state, "principal", None), "person", None)
    refused = isinstance(exc, csrf.CsrfFailed)  # a form refused: what to do to keep the text typed
    title = gettext(lang, "The form has expired") if refused else gettext(lang, "This page cannot be shown")
    # A page outside the partners' and editors' sections (an email alert, a key request) is the public site's: its
    # way back is the home page, and no menu item is the current one.
    ours = section(request.url.path) is not None
    way_back = (
        (page_path("portal", lang), gettext(lang, "Partner area"))
        if ours
        else (page_path("home", lang), gettext(lang, "The home page"))
    )
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
        way_back=way_back,
        **({} if ours else {"nav_current": None}),
    )
    response.headers.update(exc.headers)
    return response


def field_problems(exc: AppError, lang: str) -> dict[str, list[str]]:
    """The problems of a refused form by field (``form`` for one without a field), in the page's language."""
    found: dict[str, list[str]] = {}
    for error in exc.errors or [FieldError(field="form", message=exc.detail)]:
        found.setdefault(error.field, []).append(error.localized(lang))  # its template's words, numbers as written
    return found
