"""The embeddable search widget and its demo page."""

from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from app.deps import SettingsDep, TaxonomiesDep
from app.filters import FilterField
from app.i18n import gettext, negotiate_language
from app.languages import DEFAULT_LANGUAGE, LANGUAGES, other_language
from app.models import KeyKind
from app.paths import page_path
from app.policy import page
from app.routers.pages import templates
from app.services import embed_builder as builder
from app.services.keys import KEY_PATTERN, KIND_PREFIXES
from app.services.site.layout import Meta

router = APIRouter(prefix="/embed", tags=["embed"], dependencies=[page(cache_seconds=300, cors=True)])
STATIC = Path(__file__).resolve().parent.parent / "static" / "embed"
# The widget's filter attributes and the taxonomy of their codes (/v1/taxonomies/<name>).
FILTER_TAXONOMIES = (
    ("type", "types"),
    ("country", "countries"),
    ("region", "regions"),
    ("sector", "sectors"),
    ("risk", "risks"),
    ("audience", "audiences"),
)
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


# A filter of the builder: codes, repeated or comma-separated; a term's name is taken as its code, anything else said
CodesQuery = Annotated[list[str], Query(max_length=50, description="Codes of this filter (a name: its code)")]


@router.get("/demo", response_class=HTMLResponse)
def demo(
    request: Request,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    key: Annotated[str, Query(description="A publishable key to try (crv_pk_…)")] = "",
    lang: Annotated[str, Query(description="fr or en; otherwise the language Accept-Language prefers")] = "",
    country: CodesQuery = [],  # noqa: B006 (FastAPI copies it)
    sector: CodesQuery = [],  # noqa: B006
    region: CodesQuery = [],  # noqa: B006
    type: CodesQuery = [],  # noqa: B006
    risk: CodesQuery = [],  # noqa: B006
    audience: CodesQuery = [],  # noqa: B006
    publisher: CodesQuery = [],  # noqa: B006
    site: Annotated[str, Query(description="The partner site's address, for the key request form")] = "",
) -> HTMLResponse:
    """The snippet builder: filters chosen in lists, the snippet to copy, the widget with them, and when a key helps."""
    language = lang if lang in LANGUAGES else negotiate_language(request.headers.get("accept-language"))
    publishable = KEY_PATTERN.match(key) is not None and key.startswith(KIND_PREFIXES[KeyKind.publishable])
    shown_key = key if publishable else ""  # never a secret key, nor anything else, in a page
    raw = {
        FilterField.country: country, FilterField.sector: sector, FilterField.region: region,
        FilterField.type: type, FilterField.risk: risk, FilterField.audience: audience,
        FilterField.publisher: publisher,
    }  # fmt: skip
    chosen, noted = builder.parse(raw, taxonomies, language)
    site = builder.clean_site(site)
    base = settings.public_base_url  # never the request's Host: this page is cached publicly
    centre = urlsplit(base)
    alternates = [(code, base + builder.demo_path(code)) for code in LANGUAGES]
    meta = Meta(
        title=gettext(language, "Embed the search in your site"),
        canonical=base + builder.demo_path(language),
        alternates=[*alternates, ("x-default", base + builder.demo_path(DEFAULT_LANGUAGE))],
        noindex=bool(key or site or any(raw.values())),
    )
    html = (
        templates()
        .get_template("embed_demo.html")
        .render(
            lang=language,
            base=base,
            key=shown_key,
            refused_key=bool(key) and not publishable,
            fields=builder.fields(chosen, taxonomies, language),
            attributes=builder.attributes(chosen),
            noted=noted,
            chosen_pairs=builder.pairs(chosen),
            search_url=builder.search_url(base, language, chosen),
            site=site,
            # shown as text, its quotes as they are to be pasted (the autoescape would write them &#34;)
            snippet=Markup(escape(builder.snippet(base, language, chosen, shown_key), quote=False)),
            key_request=builder.key_request_path(language, chosen, site),
            contact_email=settings.contact_email,
            anonymous_quota=settings.anonymous_requests_per_minute,
            visitor_quota=settings.visitor_requests_per_minute,
            key_quota=settings.key_requests_per_minute,
            meta=meta,
            nav_current="api",
            breadcrumbs=[
                (gettext(language, "API"), page_path("api", language)),
                (meta.title, builder.demo_path(language, shown_key, chosen, site)),
            ],
            alternate_path=builder.demo_path(other_language(language), shown_key, chosen, site),
            filter_taxonomies=FILTER_TAXONOMIES,
            centre_origin=f"{centre.scheme}://{centre.netloc}",
        )
    )
    headers = {"Content-Language": language}
    if lang not in LANGUAGES:  # the language came from Accept-Language: a shared cache must keep one per language
        headers["Vary"] = "Accept-Language"
    return HTMLResponse(html, headers=headers)
