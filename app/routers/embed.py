"""The embeddable search widget and its demo page."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import SettingsDep
from app.i18n import gettext, negotiate_language
from app.languages import DEFAULT_LANGUAGE, LANGUAGES, other_language
from app.models import KeyKind
from app.paths import page_path
from app.policy import page
from app.routers.pages import templates
from app.services.keys import KEY_PATTERN, KIND_PREFIXES
from app.services.site.layout import Meta

router = APIRouter(prefix="/embed", tags=["embed"], dependencies=[page(cache_seconds=300, cors=True)])
STATIC = Path(__file__).resolve().parent.parent / "static" / "embed"
DEMO_PATH = "/embed/demo"
MAX_SECTOR = 60  # longer is no list of sector codes: left out rather than refused (a page for people)
# The widget's filter attributes and the taxonomy of their codes (/v1/taxonomies/<name>).
FILTER_TAXONOMIES = (("type", "types"), ("country", "countries"), ("sector", "sectors"), ("risk", "risks"))
# The widget's words and styles, then its behaviour: two files of the house's size, served as one script, inside one
# function so that their names (STRINGS, CSS…) stay out of the host page's globals.
WIDGET_PARTS = ("widget-text.js", "widget.js")


@lru_cache
def _widget_source() -> bytes:
    parts = b"".join((STATIC / name).read_bytes() for name in WIDGET_PARTS)
    return b"(function () {\n" + parts + b"})();\n"


@router.get(
    "/v1/widget.js",
    dependencies=[page(cache_seconds=3600, cors=True)],
    response_class=Response,
    responses={200: {"content": {"text/javascript": {}}}},
)
def widget_js() -> Response:
    """The `<crv-search>` web component: one script tag, one element, no dependencies."""
    return Response(_widget_source(), media_type="text/javascript; charset=utf-8")


def _demo_path(language: str, key: str = "", sector: str = "") -> str:
    query = {"lang": language} | ({"key": key} if key else {}) | ({"sector": sector} if sector else {})
    return f"{DEMO_PATH}?{urlencode(query)}"


@router.get("/demo", response_class=HTMLResponse)
def demo(
    request: Request,
    settings: SettingsDep,
    key: Annotated[str, Query(description="A publishable key to try (crv_pk_…)")] = "",
    lang: Annotated[str, Query(description="fr or en; otherwise the language Accept-Language prefers")] = "",
    sector: Annotated[str, Query(description="Sector codes the demo's widget always applies")] = "",
) -> HTMLResponse:
    """A page that embeds the widget, with the snippet to copy and how to get a key."""
    language = lang if lang in LANGUAGES else negotiate_language(request.headers.get("accept-language"))
    publishable = KEY_PATTERN.match(key) is not None and key.startswith(KIND_PREFIXES[KeyKind.publishable])
    shown_key = key if publishable else ""  # never a secret key, nor anything else, in a page
    sector = sector if len(sector) <= MAX_SECTOR else ""
    base = settings.public_base_url  # never the request's Host: this page is cached publicly
    centre = urlsplit(base)
    alternates = [(code, base + _demo_path(code)) for code in LANGUAGES]
    meta = Meta(
        title=gettext(language, "Embed the search in your site"),
        canonical=base + _demo_path(language),
        alternates=[*alternates, ("x-default", base + _demo_path(DEFAULT_LANGUAGE))],
        noindex=bool(key or sector),
    )
    html = (
        templates()
        .get_template("embed_demo.html")
        .render(
            lang=language,
            base=base,
            key=shown_key,
            refused_key=bool(key) and not publishable,
            sector=sector,
            meta=meta,
            nav_current="api",
            breadcrumbs=[
                (gettext(language, "API"), page_path("api", language)),
                (meta.title, _demo_path(language, shown_key, sector)),
            ],
            alternate_path=_demo_path(other_language(language), shown_key, sector),
            filter_taxonomies=FILTER_TAXONOMIES,
            centre_origin=f"{centre.scheme}://{centre.netloc}",
        )
    )
    headers = {"Content-Language": language}
    if lang not in LANGUAGES:  # the language came from Accept-Language: a shared cache must keep one per language
        headers["Vary"] = "Accept-Language"
    return HTMLResponse(html, headers=headers)
