"""The one Jinja environment of the HTML pages: autoescaping, gettext bound to the page's ``lang`` (French elisions
made as a name is put in: « Membres d’ONG Audit »), and the helpers every template may call (``page_path``,
``static_url``, ``format_number``, ``human_date``, ``moment``, ``map_html``, ``ilab_newer_list``)."""

import hashlib
import os
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app import licences
from app.i18n import format_moment, format_number, interpolate, iso_instant, translations
from app.languages import other_language
from app.paths import page_path

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static" / "site"


@pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(str(context.get("lang", "en"))).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, number: int) -> str:
    return translations(str(context.get("lang", "en"))).ngettext(singular, plural, number)


@pass_context
def _filled_gettext(context: Context, message: str, **variables: Any) -> str:
    """Jinja's new-style ``_()`` (escaping what goes in), the French elisions made as the variables go in
    (:func:`app.i18n.interpolate`)."""
    lang = str(context.get("lang", "en"))
    text = translations(lang).gettext(message)
    return interpolate(Markup(text) if context.eval_ctx.autoescape else text, variables, lang)


@pass_context
def _filled_ngettext(context: Context, singular: str, plural: str, number: int, **variables: Any) -> str:
    lang = str(context.get("lang", "en"))
    text = translations(lang).ngettext(singular, plural, number)
    filled = {"num": number} | variables
    return interpolate(Markup(text) if context.eval_ctx.autoescape else text, filled, lang)


@pass_context
def moment(context: Context, at: Any) -> Markup:
    """``<time datetime="2026-12-02T09:23:00Z">2 déc. 2026, 10 h 23</time>``: an instant in the centre's time
    zone, in the page's language, machine-readable in UTC (empty for none)."""
    if at is None:
        return Markup("")
    lang = str(context.get("lang", "en"))
    return Markup('<time datetime="{}">{}</time>').format(iso_instant(at), format_moment(at, lang))


@lru_cache(maxsize=64)
def static_url(name: str) -> str:
    """``/static/site/<name>?v=<digest>``: cacheable for a long time, renamed in effect when the file changes."""
    return f"/static/site/{name}?v={_digest(STATIC / name, None)}"


@lru_cache(maxsize=64)
def _digest(path: Path, stamp: tuple[int, int] | None) -> str:
    """The version of a file in its URLs; ``stamp`` (its mtime and size) makes an edited file a new entry."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


IMMUTABLE = "public, max-age=31536000, immutable"


class VersionedStaticFiles(StaticFiles):
    """The site's files, kept a year without a revalidation when asked for by the address :func:`static_url`
    gives (``?v=`` the digest of the file as it is on disk): a page's CSS and scripts then cost no request on the
    next pages and visits. Any other address (no ``v``, an old one) is revalidated as before, by its ETag."""

    def file_response(
        self, full_path: PathLike[str] | str, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        version = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [""])[0]
        stamp = (stat_result.st_mtime_ns, stat_result.st_size)
        if version and version == _digest(Path(full_path), stamp):
            response.headers["Cache-Control"] = IMMUTABLE
        return response


MAP_CACHE_SIZE = 32
_MAPS: dict[tuple[bool, Any], Markup] = {}


@pass_context
def map_html(context: Context, world_map: Any, table: bool = True) -> Markup:
    """``site/_map.html`` for ``world_map`` (a hashable ``services.site.world_map.WorldMap``, language included),
    rendered once and kept: its hundreds of country shapes are the most expensive part of a page to render."""
    key = (table, world_map)
    html = _MAPS.get(key)
    if html is None:
        template = context.environment.get_template("site/_map.html")
        html = Markup(template.render(lang=world_map.language, world_map=world_map, map_table=table))
        if len(_MAPS) >= MAP_CACHE_SIZE:
            _MAPS.clear()
        _MAPS[key] = html
    return html


@lru_cache
def environment() -> Environment:
    from app.services.ilab_notice import newer_list  # imports the resource pages' module too
    from app.services.pages import human_date  # the resource pages' module imports this one

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(gettext=_filled_gettext, ngettext=_filled_ngettext)  # ``_`` calls them too
    globals_: dict[str, Any] = {
        "human_date": human_date,
        "ilab_newer_list": newer_list,
        "moment": moment,
        "page_path": page_path,
        "other_language": other_language,
        "static_url": static_url,
        "format_number": format_number,
        "map_html": map_html,
        "licence_label": licences.label,
        "LANGUAGE_NAMES": {"fr": "Français", "en": "English"},
    }
    env.globals.update(globals_)
    return env
