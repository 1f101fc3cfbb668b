"""What harvesters read: ``sitemap.xml`` (every published resource, with its translations as ``hreflang``
alternates, and the site's fixed pages in both languages) and ``robots.txt``. URLs are built on
``CRV_PUBLIC_BASE_URL``."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.languages import LANGUAGES
from app.models import Resource
from app.paths import absolute, page_path, resource_path
from app.services.site.published import published_index

FIXED_PAGES = (
    "home", "search", "countries", "sectors", "tools", "training", "publish", "about", "glossary", "api",
    "accessibility", "personal_data", "legal_notice",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    lastmod: date | None
    alternates: Sequence[tuple[str, str]]


def entries(session: Session, base_url: str) -> list[Entry]:
    found: list[Entry] = []
    for name in FIXED_PAGES:
        alternates = [(lang, absolute(base_url, page_path(name, lang))) for lang in LANGUAGES]
        found.extend(Entry(url, None, alternates) for _, url in alternates)
    rows = session.execute(
        select(Resource.translation_key, Resource.language, Resource.slug, Resource.modified_at)
        .where(Resource.is_public)
        .order_by(Resource.translation_key, Resource.language)
    ).all()
    by_key: dict[str, list[tuple[str, str, date]]] = {}
    for key, language, slug, updated in rows:
        by_key.setdefault(key, []).append((language, absolute(base_url, resource_path(language, slug)), updated))
    for versions in by_key.values():
        alternates = [(language, url) for language, url, _ in versions] if len(versions) > 1 else []
        found.extend(Entry(url, updated, alternates) for _, url, updated in versions)
    return found


_SITEMAPS: dict[tuple[str, int], str] = {}


def sitemap(session: Session, base_url: str) -> str:
    """The sitemap, kept while the published resources do not change (the token of their process index)."""
    key = (base_url, published_index(session).token)
    text = _SITEMAPS.get(key)
    if text is None:
        text = _sitemap(session, base_url)
        _SITEMAPS.clear()
        _SITEMAPS[key] = text
    return text


def _sitemap(session: Session, base_url: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries(session, base_url):
        lines.append(f"<url><loc>{escape(entry.url)}</loc>")
        if entry.lastmod:
            lines.append(f"<lastmod>{entry.lastmod.isoformat()}</lastmod>")
        for language, url in entry.alternates:
            lines.append(f'<xhtml:link rel="alternate" hreflang="{language}" href="{escape(url)}"/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


# What the DCAT-AP catalogue (app/services/catalog.py) advertises under /v1/: the whole-corpus downloads, ILAB's
# findings by good and by country (CSV, JSON and XLSX), the glossary (JSON and SKOS: app/services/catalog_glossary.py,
# whose downloads were disallowed with the rest of /v1/), the Atom feed and the API's root. Listed before the Disallow,
# so that parsers that take the first matching rule (Python's urllib.robotparser) agree with RFC 9309's longest match;
# ``$`` (RFC 9309 §2.2.3) ends a path that is allowed alone.
ADVERTISED = (
    "/v1/export?format=",
    "/v1/findings?format=",
    "/v1/findings/countries?format=",
    "/v1/glossary",
    "/v1/feed.atom",
    "/v1/$",
)


def robots(base_url: str) -> str:
    """Crawlers may read the pages, the catalogue and what it advertises; the rest of the API (queries without end),
    embeds and search results stay out."""
    return "\n".join(
        [
            "User-agent: *",
            *(f"Allow: {path}" for path in ADVERTISED),
            "Disallow: /v1/",
            "Disallow: /embed/",
            "Disallow: /fr/recherche?",
            "Disallow: /en/search?",
            "Allow: /",
            f"Sitemap: {absolute(base_url, '/sitemap.xml')}",
            "",
        ]
    )
