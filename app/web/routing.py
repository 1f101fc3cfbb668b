"""The routers of the pages for signed-in people (portal, desk, team, account) and the form fields they share."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import AfterValidator

from app import csrf
from app.i18n import N_, format_number, gettext
from app.languages import LANGUAGES
from app.paths import PAGES
from app.policy import page
from app.services.accounts import REQUIRED
from app.services.addresses import web_address
from app.services.partners import FIELD_LENGTHS, NewPartner
from app.web.errors import HtmlErrorRoute
from app.web.sessions import language_of

# An address and a person's name as their columns hold them (the longest address RFC 5321 lets through), one
# source with the partner forms' bounds; a password's bound keeps argon2's work (and the body) small.
EMAIL_LENGTH, NAME_LENGTH = FIELD_LENGTHS["admin_email"], FIELD_LENGTHS["admin_name"]
PASSWORD_LENGTH = 1024
CodeField = Annotated[str, Form(max_length=40)]  # a choice among codes (a kind, a role, an action)


def typed_text(text: str) -> str:
    """A textarea's text with its line breaks as LF. A browser counts a line break as one character against the
    textarea's ``maxlength`` but sends it as CRLF (the HTML standard's form encoding), so a text at the limit with
    line breaks arrived longer than the limit and was refused; counted here as the browser counted it, and kept so.
    Every form with long text reads it through this (``TypedText``, or the portal's form read by hand)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A textarea's text, unbounded (its form checks the length next to the field, :func:`too_long`), line breaks as LF.
TypedText = Annotated[str, Form(), AfterValidator(typed_text)]


def partner_form(
    request: Request,
    org_name: Annotated[str, Form()] = "",
    org_kind: CodeField = "",
    org_website: Annotated[str, Form()] = "",
    admin_name: Annotated[str, Form()] = "",
    admin_email: Annotated[str, Form()] = "",
    admin_language: Annotated[str, Form(max_length=2)] = "",
    message: TypedText = "",
) -> NewPartner:
    """A partner organisation's form as posted — the team page's, where the centre adds one, and the account
    request's: the mails' language is the one chosen, else the page's; a website typed without « https:// »
    gets it. Its texts are not bounded here: :mod:`app.services.partners` says a text too long next to its field,
    what was typed kept (``FIELD_LENGTHS``)."""
    website = web_address(org_website)
    return NewPartner(
        org_name, org_kind, website, admin_name, admin_email, admin_language or language_of(request), message
    )


PartnerForm = Annotated[NewPartner, Depends(partner_form)]
TOO_LONG = N_("at most %(limit)s characters (this text has %(length)s)")


def too_long(lang: str, **fields: tuple[str, int]) -> dict[str, list[str]]:
    """The problems of the fields (``name=(text, limit)``) longer than their limit, next to them in ``lang``: a form
    that takes its text unbounded (not ``Form(max_length=…)``, whose refusal is a problem document and loses what
    was typed) checks it here and shows the form again with the text, its ``maxlength`` the same limit."""
    return {
        name: [gettext(lang, TOO_LONG, limit=format_number(limit, lang), length=format_number(len(text), lang))]
        for name, (text, limit) in fields.items()
        if len(text) > limit
    }


def missing(lang: str, **fields: str) -> dict[str, list[str]]:
    """The problems of the fields (``name=text``) left empty, next to them in ``lang``: a form whose fields have
    defaults shows its own page when one is posted empty without the browser's check (a required ``Form()`` field
    answered the framework's English problem document instead)."""
    return {name: [gettext(lang, REQUIRED)] for name, text in fields.items() if not text.strip()}


def people_router(tag: str) -> APIRouter:
    """A router of pages for signed-in people: errors answered as HTML pages, out of the API's documentation, and
    the person of the session cookie as the principal (``page(people=True)``)."""
    return APIRouter(tags=[tag], include_in_schema=False, route_class=HtmlErrorRoute, dependencies=[page(people=True)])


def add_request_routes(
    router: APIRouter,
    form_page: str,
    decisions_page: str,
    *,
    form: Callable[..., Any],
    send: Callable[..., Any],
    decide: Callable[..., Any],
) -> None:
    """The routes of a request to the centre (an account's, a key's), in every language: its form at the page
    ``form_page`` (GET) and sent there (POST: anyone may ask, counted against the quotas), and the administrators'
    decision on one, ``decisions_page``/<id> (POST); every POST CSRF-protected."""
    for lang in LANGUAGES:
        router.add_api_route(PAGES[form_page][lang], form, methods=["GET"], response_class=Response)
        router.add_api_route(
            PAGES[form_page][lang],
            send,
            methods=["POST"],
            response_class=Response,
            dependencies=[csrf.Protected, page(people=True, quota=True)],
        )
        router.add_api_route(
            PAGES[decisions_page][lang] + "/{request_id}",
            decide,
            methods=["POST"],
            response_class=Response,
            dependencies=[csrf.Protected],
        )
