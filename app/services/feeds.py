"""Atom 1.0 feeds (RFC 4287) of the newest published resources, site-wide or for any search selection."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlencode

from lxml import etree

from app.dates import midnight_utc
from app.filters import FILTERS, FilterField
from app.models import Resource
from app.services.centre import centre_name
from app.services.listing import Selection
from app.services.resources import resource_url
from app.taxonomy import Taxonomies

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
DEFAULT_ENTRIES = 50
MAX_ENTRIES = 200
TITLES = {"fr": "nouvelles ressources", "en": "new resources"}  # after the centre's name


@dataclass(frozen=True, slots=True)
class Feed:
    body: bytes
    last_modified: datetime


def feed_path(selection: Selection) -> str:
    """The canonical address of a selection's feed (its Atom id): filters in table order, values sorted."""
    params: list[tuple[str, str]] = [("q", selection.query.q)] if selection.query.q else []
    for name in FilterField:
        params.extend((name.value, value) for value in sorted(selection.query.filters.get(name, ())))
    return "/v1/feed.atom" + (f"?{urlencode(params)}" if params else "")


def feed_language(selection: Selection) -> str:
    languages = selection.query.filters.get(FilterField.lang, ())
    return languages[0] if len(languages) == 1 else "en"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _categories(entry: etree._Element, resource: Resource, taxonomies: Taxonomies, base_url: str) -> None:
    """One category per taxonomy code of the resource, from the filter table: term, vocabulary URL, label."""
    for spec in FILTERS.values():
        vocabulary = spec.vocabulary
        if vocabulary is None:
            continue
        terms = taxonomies[vocabulary]
        for code in spec.values_of(resource):
            term = terms.get(code)
            _sub(
                entry,
                "category",
                term=code,
                scheme=f"{base_url}/v1/taxonomies/{vocabulary.value}",
                label=term.label(resource.language) if term else code,
            )


def build_feed(
    selection: Selection,
    resources: Sequence[Resource],
    taxonomies: Taxonomies,
    base_url: str,
    translations: Mapping[str, Sequence[Resource]] | None = None,
    publishers: Mapping[str, str] | None = None,
) -> Feed:
    """``translations``: the published languages of each entry's translation key (``related`` links, so that the
    entry's one ``alternate`` HTML link stays its own page); ``publishers``: each entry's publisher's name by
    resource id (``jsonld.publisher_names``; its slug without)."""
    base_url = base_url.rstrip("/")
    language = feed_language(selection)
    self_url = base_url + feed_path(selection)
    newest = max((r.updated_at for r in resources), default=date(2026, 1, 1))
    feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: language}, nsmap={None: ATOM})
    _sub(feed, "id", self_url)
    centre = centre_name(language)
    title = f"{centre} — {TITLES[language]}"
    described = [f"{name.value}={','.join(values)}" for name, values in selection.query.filters.items()]
    if selection.query.q:
        described.insert(0, f"q={selection.query.q}")
    _sub(feed, "title", f"{title} ({'; '.join(described)})" if described else title)
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", type=MEDIA_TYPE, href=self_url)
    _sub(feed, "link", rel="alternate", type="application/json", href=self_url.replace("/feed.atom", "/search", 1))
    author = _sub(feed, "author")
    _sub(author, "name", centre)
    _sub(author, "uri", base_url + "/")
    _sub(feed, "generator", "crv", uri=base_url + "/")
    for resource in resources:
        entry = _sub(feed, "entry", **{XML_LANG: resource.language})
        _sub(entry, "id", f"{base_url}/v1/resources/{resource.id}")
        _sub(entry, "title", resource.title, type="text")
        _sub(entry, "summary", resource.summary, type="text")
        _sub(entry, "published", _timestamp(resource.published_at))
        _sub(entry, "updated", _timestamp(resource.updated_at))
        page = resource_url(base_url, resource.language, resource.slug)
        _sub(entry, "link", rel="alternate", type="text/html", hreflang=resource.language, href=page)
        for other in (translations or {}).get(resource.translation_key, ()):
            if other.id != resource.id:
                href = resource_url(base_url, other.language, other.slug)
                _sub(entry, "link", rel="related", type="text/html", hreflang=other.language, href=href)
        _sub(
            entry,
            "link",
            rel="alternate",
            type="application/json",
            href=f"{base_url}/v1/resources/{resource.id}",
        )
        entry_author = _sub(entry, "author")
        _sub(entry_author, "name", (publishers or {}).get(resource.id, resource.publisher))
        _sub(entry, "rights", resource.licence)
        _categories(entry, resource, taxonomies, base_url)
    body = etree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Feed(body=body, last_modified=midnight_utc(newest))


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def not_modified_since(if_modified_since: str | None, last_modified: datetime) -> bool:
    """True when the client's copy (``If-Modified-Since``) is as new as ``last_modified``."""
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified <= since
