"""The Jinja environment of the partners' and editors' pages: autoescaping, ``_()`` bound to the page's ``lang``
(:mod:`app.web.i18n`), ``path()`` for the addresses, and ``render`` which sets the CSRF cookie with the page."""

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from app import csrf
from app import i18n as site_i18n
from app.templating import environment as site_environment
from app.web.i18n import EN, FR, gettext
from app.web.paths import other_language, path

# Scripts only from this site (portal.js), no inline script, no plugin, never framed, forms post only here.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pass_context
def _translate(context: Context, message: str, **variables: object) -> str:
    language = str(context.get("lang", "fr"))
    if message not in (FR if language == "fr" else EN):  # the site layout's own strings (app/locale catalogs)
        return site_i18n.gettext(language, message, **variables)
    return gettext(language, message, **variables)


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # the helpers of the site's layout (base.html): page_path, static_url, LANGUAGE_NAMES…
    env.globals.update({k: v for k, v in site_environment().globals.items() if k not in ("_", "gettext", "ngettext")})
    env.globals.update(_=_translate, path=path, other_language=other_language)
    return env


def render(request: Request, template: str, lang: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page with a fresh CSRF token for its forms (and the cookie it is bound to), never cached."""
    token = csrf.token(request)
    strings = {"site": gettext(lang, "Virtual resource centre 8.7"), "tagline": gettext(lang, "Partners' space")}
    html = environment().get_template(template).render(lang=lang, csrf_token=token, strings=strings, **context)
    response = HTMLResponse(html, status_code=status_code, headers={"Content-Language": lang})
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = CSP
    csrf.set_cookie(request, response)
    return response
