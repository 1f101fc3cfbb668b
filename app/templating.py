"""The one Jinja environment of the HTML pages: autoescaping, gettext bound to the page's ``lang``, and the
helpers every template may call (``page_path``, ``static_url``, ``format_number``, ``human_date``, ``map_html``)."""

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from app import licences
from app.i18n import format_number, translations
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


@lru_cache(maxsize=64)
def static_url(name: str) -> str:
    """``/static/site/<name>?v=<digest>``: cacheable for a long time, renamed in effect when the file changes."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]
    return f"/static/site/{name}?v={digest}"


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
    from app.services.pages import human_date  # the resource pages' module imports this one

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    globals_: dict[str, Any] = {
        "human_date": human_date,
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
