"""The routers of the pages for signed-in people (portal, desk, team, account) and the form fields they share."""

from typing import Annotated

from fastapi import APIRouter, Form

from app.policy import page
from app.web.errors import HtmlErrorRoute

# The longest address RFC 5321 lets through; a password's bound keeps argon2's work (and the body) small.
EmailField = Annotated[str, Form(max_length=254)]
NameField = Annotated[str, Form(max_length=200)]  # a person's or an organisation's name
WebsiteField = Annotated[str, Form(max_length=300)]
CodeField = Annotated[str, Form(max_length=40)]  # a choice among codes (a kind, a role, an action)
PasswordField = Annotated[str, Form(max_length=1024)]


def people_router(tag: str) -> APIRouter:
    """A router of pages for signed-in people: errors answered as HTML pages, out of the API's documentation, and
    the person of the session cookie as the principal (``page(people=True)``)."""
    return APIRouter(tags=[tag], include_in_schema=False, route_class=HtmlErrorRoute, dependencies=[page(people=True)])
