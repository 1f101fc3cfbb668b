"""Paths of the site's pages in each language. Links inside the site are root-relative paths; absolute URLs
(canonical, ``hreflang``, Open Graph, sitemap) are built on ``CRV_PUBLIC_BASE_URL`` by :func:`absolute`, never on
the request's ``Host`` header."""

from collections.abc import Mapping
from urllib.parse import urlencode

from app.languages import LANGUAGES

PAGES: Mapping[str, Mapping[str, str]] = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "search": {"fr": "/fr/recherche", "en": "/en/search"},
    "countries": {"fr": "/fr/pays/", "en": "/en/countries/"},
    "sectors": {"fr": "/fr/secteurs/", "en": "/en/sectors/"},
    "tools": {"fr": "/fr/outils/", "en": "/en/tools/"},
    "publish": {"fr": "/fr/publier", "en": "/en/publish"},
    "about": {"fr": "/fr/a-propos", "en": "/en/about"},
    "api": {"fr": "/docs", "en": "/docs"},
}


def page_path(name: str, language: str, **query: str | list[str]) -> str:
    path = PAGES[name][language if language in LANGUAGES else "en"]
    params = {key: value for key, value in query.items() if value}
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


def resource_path(language: str, slug: str) -> str:
    return f"/{language}/resources/{slug}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path
