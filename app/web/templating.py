"""Rendering the partners' and editors' pages: the site's Jinja environment (:mod:`app.templating`, its gettext
catalogs and layout), plus what these pages add — ``page_path()`` for their addresses, the same page in the other
language, a breadcrumb, a CSRF token for their forms (and the cookie it is bound to); never cached."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from app import csrf
from app.i18n import N_, gettext
from app.paths import page_path
from app.templating import environment
from app.web.paths import alternate, section

SECTION_LABELS = {"portal": N_("Partner area"), "desk": N_("Editorial desk"), "publish": N_("Publish")}
# Values the templates translate with _(value): roles.
LABELS = (N_("contributor"), N_("editor"), N_("admin"))
# A revision's state as its people are told it (``state_name`` in the templates). A rejected one is what its
# organisation does next — « À reprendre », as the decision's mail says —, not a verdict.
STATE_NAMES = {
    "draft": N_("draft"),
    "submitted": N_("submitted"),
    "published": N_("published"),
    "rejected": N_("changes requested"),
    "superseded": N_("superseded"),
    "withdrawn": N_("withdrawn"),
    "declined": N_("declined"),
    "unpublished": N_("taken off the site by the editors"),
}


def redirect_notice(request: Request, notices: Mapping[str, str], lang: str) -> str | None:
    """The notice a redirect asked this page to show (``?notice=…``, a key of ``notices``), in the page's language."""
    notice = notices.get(request.query_params.get("notice", ""))
    return gettext(lang, notice) if notice else None


def breadcrumbs(here: str, lang: str, title: str) -> list[tuple[str, str]]:
    """Home (added by the layout) › the section, when the page is in one › the page."""
    name = section(here)
    trail = [(gettext(lang, SECTION_LABELS[name]), page_path(name, lang))] if name else []
    if not trail or trail[-1][1] != here:
        trail.append((title, here))
    return trail


def render(
    request: Request,
    template: str,
    lang: str,
    status_code: int = 200,
    here: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page with a fresh CSRF token for its forms (and the cookie it is bound to), never cached. ``here``: the
    address the page stands for when it answers a form posted elsewhere (its language switch and breadcrumb)."""
    token = csrf.token(request)
    if here is None:
        here = request.url.path
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "notice"]
        other = alternate(here, urlencode(query) if request.method == "GET" else "")
    else:
        other = alternate(here)
    # a page outside the people's sections (the key request form, under the API's) gives its own trail and menu item
    layout = {"breadcrumbs": breadcrumbs(here, lang, str(context.get("title", ""))), "nav_current": "publish"}
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            csrf_token=token,
            alternate_path=other,
            state_name=lambda state: gettext(lang, STATE_NAMES.get(str(state), str(state))),
            **(layout | context),
        )
    )
    response = HTMLResponse(html, status_code=status_code, headers={"Content-Language": lang})
    response.headers["Cache-Control"] = "private, no-store"
    csrf.set_cookie(request, response)
    return response
