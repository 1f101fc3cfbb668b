"""Atom 1.0 feeds (RFC 4287) of the published resources, site-wide or for any search selection, the most recently
changed first, in pages linked as RFC 5005 paged feeds.

An entry's ``updated`` is the resource's last change of any kind (``modified_at``, as OAI-PMH's datestamps): an edit
brings it back to the top of the feed. The pages are read by keyset on (``modified_at``, ``id``), never by offset:
a page's ``next`` link carries the (last change, id) of its last entry and gives the entries after it, its
``previous`` (and ``prev``) link those before its first, and ``first`` leads back to the head, which is the feed
without a cursor (its size unchanged). Following ``next`` from the head to the end gives every published resource
of the selection once, each in its own language. The feed's ``id`` is the selection's name whatever the page, so
that every page is part of one logical feed (:func:`feed_id`: its address, and a key's fixed filters, which make it
another feed); its ``self`` link is the page's own address. A publishable key given in the feed's URL (``?key=``) is
carried into its links (``self``, ``first``, ``previous``, ``next``, the JSON search), so that following them keeps
the key's fixed filters; never into its ``id``.

``since`` (:func:`parse_since`) makes the feed an incremental harvest: the same selection, only what changed at or
after that instant (``modified_at >= since``, paged as the rest), with a tombstone (RFC 6721 ``at:deleted-entry``:
``ref``, the entry's id; ``when``, its last change) for each resource withdrawn since — the records OAI-PMH lists
as deleted (:func:`app.services.oai.withdrawn`), which pass the selection's filters and a key's fixed ones. The
search engine holds no withdrawn resource, so a text query cannot tell which it matched: a ``q`` feed gets the
tombstones of every withdrawn resource its filters pass (a harvester told to delete what it never had loses
nothing; one never told keeps a withdrawn resource forever). ``since`` is inclusive while ``updated`` is to the
second: a harvester that asks again from its last run's newest ``updated`` (or a little before its last run's
start) gets the changes of that second again, a duplicate rather than a miss — which is also what covers a change
committed a moment after the instant it was stamped with. A more precise ``updated`` would not cover that, and
would set the feed apart from OAI-PMH's datestamps, to the second too.

A page's ``ETag`` is its body's digest (the caching middleware); its ``Last-Modified`` is the latest change to any
resource (:func:`last_change`), not only to its own entries: any change may shift a page's entries (an entry edited
or withdrawn leaves its page and the next one's first entry comes in), so no page can claim an older date.

The feed's own texts (its title, its author) are in the language its ``lang`` filter keeps, else in the one
``Accept-Language`` prefers (:func:`feed_language`), and its title says what it is narrowed to in words, a filter's
values by their labels (:func:`feed_title`); its entries are each in their own language.

An entry carries its resource's published documents (:mod:`app.services.attachments`: the published revision's
list, never a draft's) as enclosures, one ``link rel="enclosure"`` each with its address, media type, size in octets
(``length``), title and language (``hreflang``): what a feed reader or a harvester downloads with the entry.
"""

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from enum import StrEnum
from urllib.parse import urlencode

from lxml import etree
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.errors import FieldError, InvalidParameters
from app.filters import FILTERS, FilterField
from app.i18n import gettext, negotiate_language
from app.models import Resource
from app.services import attachments
from app.services.access import KEY_QUERY_PARAMETER
from app.services.centre import centre_name
from app.services.listing import Selection, conditions, selection_conditions, statement
from app.services.oai import withdrawn
from app.services.principal import Principal, PrincipalKind
from app.services.resources import resource_url
from app.services.search import PublisherNames, facet_labels
from app.taxonomy import Taxonomies

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
DEFAULT_ENTRIES = 50
MAX_ENTRIES = 200
MAX_CURSOR_LENGTH = 600
TITLES = {"fr": "ressources nouvelles ou mises à jour", "en": "new and updated resources"}  # after the centre's name
EMPTY_FEED_UPDATED = datetime(2026, 1, 1, tzinfo=UTC)  # a feed without entries: a fixed date, so a stable body
MAX_SINCE_LENGTH = 64
SINCE_FORMAT = (
    "an ISO 8601 date (2026-03-01) or date-time (2026-03-01T02:00:00Z, 2026-03-01T04:00:00+02:00), in UTC when it "
    "has no offset"
)
# An offset's « + » sent unencoded in a URL arrives as a space (« …T04:00:00 02:00 »): read as the « + » it was.
UNENCODED_OFFSET = re.compile(r"(.+[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?) ([0-9]{2}(?::?[0-9]{2})?)")


class Direction(StrEnum):
    older = "n"  # a next page: the entries after the cursor's, the most recently changed first
    newer = "p"  # a previous page: the entries before the cursor's


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page starts: the (last change, id) of the entry just before it (``older``) or after it (``newer``)."""

    direction: Direction
    changed: datetime
    id: str

    @classmethod
    def at(cls, direction: Direction, resource: Resource) -> "Cursor":
        return cls(direction, resource.modified_at, resource.id)

    def token(self) -> str:
        data = {"d": self.direction.value, "t": self.changed.astimezone(UTC).isoformat(), "i": self.id}
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> "Cursor":
        """The cursor a page link carries, its shape checked (a hand-made one is refused with a 422, never
        trusted)."""
        try:
            if len(token) > MAX_CURSOR_LENGTH:
                raise ValueError("too long")
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            if not isinstance(data, dict) or set(data) != {"d", "t", "i"}:
                raise ValueError("not a cursor's fields")
            if not all(isinstance(data[name], str) for name in ("d", "t", "i")):
                raise TypeError("a cursor's values are strings")
            changed = datetime.fromisoformat(data["t"])
            if changed.tzinfo is None:
                raise ValueError("a cursor's time has its offset")
            return cls(Direction(data["d"]), changed.astimezone(UTC), data["i"])
        except (ValueError, TypeError, OverflowError, binascii.Error, RecursionError) as exc:
            raise InvalidParameters(
                "The cursor is invalid: follow the feed's own next, previous and first links.",
                errors=[FieldError(field="cursor", message="not a cursor of this feed's links")],
            ) from exc


def parse_since(value: str | None) -> datetime | None:
    """A ``since`` parameter (of the feed, of the export) as an instant in UTC: an ISO 8601 date (its first instant)
    or date-time, in UTC when it has no offset; a 422 problem that names the format otherwise."""
    if value is None:
        return None
    text = value.strip()
    if unencoded := UNENCODED_OFFSET.fullmatch(text):
        text = f"{unencoded[1]}+{unencoded[2]}"
    try:
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError) as exc:  # not ISO 8601, or out of range once in UTC (year 1, year 9999)
        raise InvalidParameters(
            f"since must be {SINCE_FORMAT}.", errors=[FieldError(field="since", message=f"not {SINCE_FORMAT}")]
        ) from exc


def since_text(since: datetime) -> str:
    """``since`` as the feed's links carry it: RFC 3339 in UTC, its fraction of a second kept."""
    return since.astimezone(UTC).isoformat().removesuffix("+00:00") + "Z"


def changed_since(since: datetime) -> ColumnElement[bool]:
    """Changed at or after ``since``: a range of the index of ``modified_at``."""
    return Resource.modified_at >= since


@dataclass(frozen=True, slots=True)
class Page:
    resources: list[Resource]  # the most recently changed first; with ``since``, withdrawn ones too (tombstones)
    cursor: Cursor | None  # the page's own (None: the head of the feed)
    newer: Cursor | None  # its previous page's, if entries come before it
    older: Cursor | None  # its next page's, if entries come after it


NEWEST_FIRST = (Resource.modified_at.desc(), Resource.id.desc())  # the feed's order: the last change, then the id
OLDEST_FIRST = (Resource.modified_at.asc(), Resource.id.asc())


def _after(cursor: Cursor) -> ColumnElement[bool]:
    """Rows after the cursor's in the feed's order: changed earlier, or at the same instant with a smaller id. Its
    first term is a range of the index of ``modified_at``, so that a page deep in the feed is sought, not walked to."""
    changed = Resource.modified_at
    return and_(changed <= cursor.changed, or_(changed < cursor.changed, Resource.id < cursor.id))


def _before(cursor: Cursor) -> ColumnElement[bool]:
    changed = Resource.modified_at
    return and_(changed >= cursor.changed, or_(changed > cursor.changed, Resource.id > cursor.id))


def harvested(session: Session, selection: Selection, since: datetime | None = None) -> Select[Resource]:
    """The feed's rows: the published resources of ``selection``; with ``since``, those changed since and the
    withdrawn ones changed since that pass its filters (not its text query's ids: the engine holds no withdrawn
    resource), each then a tombstone."""
    if since is None:
        return statement(session, selection)
    dialect = session.get_bind().dialect.name
    live = and_(*conditions(Selection(ids=selection.ids), dialect))  # public, and matched by the text query if any
    filters = selection_conditions(replace(selection, ids=None), dialect)  # said once: each one reads a JSON list
    return select(Resource).where(or_(live, withdrawn()), *filters, changed_since(since))


def read_page(
    session: Session, selection: Selection, limit: int, cursor: Cursor | None = None, since: datetime | None = None
) -> Page:
    """The ``limit`` rows of ``selection``'s feed (:func:`harvested`) where ``cursor`` says (the head without one),
    and the cursors of the pages around them. A previous page that would reach the head is the head: pages keep
    their size."""
    selected = harvested(session, selection, since)
    if cursor is None or cursor.direction is Direction.older:
        return _page_after(session, selected, limit, cursor)
    rows = list(session.scalars(selected.where(_before(cursor)).order_by(*OLDEST_FIRST).limit(limit + 1)))
    if len(rows) <= limit:
        return replace(_page_after(session, selected, limit, None), cursor=cursor)
    resources = rows[:limit][::-1]
    return Page(resources, cursor, Cursor.at(Direction.newer, resources[0]), Cursor.at(Direction.older, resources[-1]))


def _page_after(session: Session, selected: Select[Resource], limit: int, cursor: Cursor | None) -> Page:
    """The head (no cursor) or a next page: the ``limit`` resources after the cursor's."""
    query = selected if cursor is None else selected.where(_after(cursor))
    rows = list(session.scalars(query.order_by(*NEWEST_FIRST).limit(limit + 1)))
    resources = rows[:limit]
    older = Cursor.at(Direction.older, resources[-1]) if len(rows) > limit else None
    newer = None
    if cursor is not None:  # a previous page if any resource comes before this one's first
        first = Cursor.at(Direction.newer, resources[0]) if resources else replace(cursor, direction=Direction.newer)
        if session.scalar(selected.with_only_columns(Resource.id).where(_before(first)).limit(1)) is not None:
            newer = first
    return Page(resources, cursor, newer, older)


def last_change(session: Session) -> datetime:
    """The latest change to any resource (an index lookup), to the second: every page's ``Last-Modified``."""
    latest = session.scalar(select(func.max(Resource.modified_at)))
    return (latest.astimezone(UTC) if latest else EMPTY_FEED_UPDATED).replace(microsecond=0)


def _canonical(filters: Mapping[FilterField, Sequence[str]]) -> list[tuple[str, str]]:
    """Filters as parameters in table order, values sorted: the same filters, the same text."""
    return [(name.value, value) for name in FilterField for value in sorted(filters.get(name, ()))]


def feed_params(selection: Selection) -> list[tuple[str, str]]:
    """The canonical parameters of a selection's feed: its text query, then its filters (:func:`_canonical`)."""
    return ([("q", selection.query.q)] if selection.query.q else []) + _canonical(selection.query.filters)


def link_key(caller: Principal, query: Mapping[str, str]) -> str | None:
    """The key to carry into a feed's links: the publishable key its URL gave (``?key=``). None for a key sent in a
    header (a feed reader that sends it sends it again) and for any other caller: a secret key in a URL is refused
    before (:func:`app.services.access.authorise`), and never written into a page."""
    token = query.get(KEY_QUERY_PARAMETER, "").strip()
    return token if token and caller.kind is PrincipalKind.publishable else None


def feed_path(
    selection: Selection,
    limit: int = DEFAULT_ENTRIES,
    cursor: Cursor | None = None,
    key: str | None = None,
    since: datetime | None = None,
) -> str:
    """The address of a selection's feed (without ``limit``, ``cursor``, ``key`` and ``since``), or of one of its
    pages (with the publishable ``key`` the feed's URL gave, :func:`link_key`, and its ``since``)."""
    params = feed_params(selection)
    if key is not None:
        params.append((KEY_QUERY_PARAMETER, key))
    if since is not None:
        params.append(("since", since_text(since)))
    if limit != DEFAULT_ENTRIES:
        params.append(("limit", str(limit)))
    if cursor is not None:
        params.append(("cursor", cursor.token()))
    return "/v1/feed.atom" + (f"?{urlencode(params)}" if params else "")


def feed_id(selection: Selection) -> str:
    """The feed's Atom id, the same on every page: the selection's address, and a key's fixed filters after « # »
    (``/v1/feed.atom?lang=fr#fixed:sector=cocoa``). A key that fixes filters gives another feed than the same URL
    without it, and an id is never reused for another feed (RFC 4287 §4.2.6): a reader given both would merge
    them. The key itself is never written: its filters are all it changes, so another key with the same filters
    gives the same id. ``since`` is not part of it: a harvest of what changed since is a view of the same feed,
    whose entries have the same ids."""
    fixed = _canonical(selection.query.fixed_filters)
    return feed_path(selection) + (f"#fixed:{urlencode(fixed)}" if fixed else "")


def fixed_language(selection: Selection) -> str | None:
    """The one language the selection's ``lang`` filter keeps, if it keeps one."""
    languages = selection.query.filters.get(FilterField.lang, ())
    return languages[0] if len(languages) == 1 else None


def feed_language(selection: Selection, accept_language: str | None) -> str:
    """The language of the feed's own texts (its title, its author, its ``xml:lang``; each entry keeps its own), as
    the embed's: the one language the ``lang`` parameter keeps, else the one ``Accept-Language`` prefers, else the
    centre's default (French). Only the first depends on the URL alone: otherwise the answer varies with
    ``Accept-Language``."""
    return fixed_language(selection) or negotiate_language(accept_language)


def feed_title(
    selection: Selection,
    taxonomies: Taxonomies,
    language: str,
    organisations: PublisherNames | None = None,
    since: datetime | None = None,
) -> str:
    """The centre's name and what the feed holds, then what it is narrowed to, as a reader says it: the words
    searched for, each filter's values by their labels in ``language`` (a publisher by its organisation's name,
    from ``organisations``; the values of one filter ORed, the filters ANDed) and the instant of ``since``."""
    title = f"{centre_name(language)} — {TITLES[language]}"
    described = selection_words(selection, taxonomies, language, organisations, since)
    return f"{title} ({described})" if described else title


def selection_words(
    selection: Selection,
    taxonomies: Taxonomies,
    language: str,
    organisations: PublisherNames | None = None,
    since: datetime | None = None,
) -> str:
    """What a selection is narrowed to, as a reader says it (« “cacao” ; Côte d’Ivoire »); empty when it is not."""
    described = [gettext(language, "“%(word)s”", word=selection.query.q)] if selection.query.q else []
    filters = selection.query.filters
    for name in FilterField:  # the filter table's order, whatever the URL's
        if codes := sorted(filters.get(name, ())):
            labels = facet_labels(taxonomies, name, codes, language, organisations)
            described.append(f" {gettext(language, 'or')} ".join(labels[code] for code in codes))
    if since is not None:
        described.append(gettext(language, "changed since %(moment)s", moment=since_text(since)))
    return (gettext(language, ";") + " ").join(described)


def _day(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _timestamp(moment: datetime) -> str:
    """RFC 3339, in UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
    page: Page,
    taxonomies: Taxonomies,
    base_url: str,
    translations: Mapping[str, Sequence[Resource]] | None = None,
    publishers: Mapping[str, str] | None = None,
    limit: int = DEFAULT_ENTRIES,
    key: str | None = None,
    since: datetime | None = None,
    *,
    language: str,
    organisations: PublisherNames | None = None,
) -> bytes:
    """One page of a selection's feed. ``translations``: the published languages of each entry's translation key
    (``related`` links, so that the entry's one ``alternate`` HTML link stays its own page); ``publishers``: each
    entry's publisher's name by resource id (``jsonld.publisher_names``; its slug without); ``key``: the
    publishable key to carry into the feed's links (:func:`link_key`); ``since``: the page's (its withdrawn rows
    are tombstones; a page without rows was last changed at ``since`` as far as it can tell); ``language``: the
    feed's (:func:`feed_language`); ``organisations``: every organisation's name by code, read only if a
    ``publisher`` filter is named in the title (:func:`feed_title`)."""
    base_url = base_url.rstrip("/")
    resources = page.resources
    newest = resources[0].modified_at if resources else (since or EMPTY_FEED_UPDATED)
    namespaces = {None: ATOM} if since is None else {None: ATOM, "at": TOMBSTONES}
    feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: language}, nsmap=namespaces)
    _sub(feed, "id", base_url + feed_id(selection))
    centre = centre_name(language)
    _sub(feed, "title", feed_title(selection, taxonomies, language, organisations, since))
    _sub(feed, "updated", _timestamp(newest))
    page_path = feed_path(selection, limit, page.cursor, key, since)
    _sub(feed, "link", rel="self", type=MEDIA_TYPE, href=base_url + page_path)
    _sub(feed, "link", rel="first", type=MEDIA_TYPE, href=base_url + feed_path(selection, limit, None, key, since))
    if page.newer is not None:
        newer = base_url + feed_path(selection, limit, page.newer, key, since)
        _sub(feed, "link", rel="previous", type=MEDIA_TYPE, href=newer)  # RFC 5005's name
        _sub(feed, "link", rel="prev", type=MEDIA_TYPE, href=newer)  # its synonym in the IANA registry (HTML's)
    if page.older is not None:
        older = base_url + feed_path(selection, limit, page.older, key, since)
        _sub(feed, "link", rel="next", type=MEDIA_TYPE, href=older)
    search = base_url + feed_path(selection, key=key).replace("/feed.atom", "/search", 1)  # no since: not a search's
    _sub(feed, "link", rel="alternate", type="application/json", href=search)
    author = _sub(feed, "author")
    _sub(author, "name", centre)
    _sub(author, "uri", base_url + "/")
    _sub(feed, "generator", "crv", uri=base_url + "/")
    for resource in resources:
        if resource.is_public:
            _entry(feed, resource, taxonomies, base_url, translations or {}, publishers or {})
        else:  # withdrawn since ``since`` (:func:`harvested`)
            _tombstone(feed, resource, base_url)
    return etree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _tombstone(feed: etree._Element, resource: Resource, base_url: str) -> None:
    """RFC 6721: the id the entry had, and when it was withdrawn (its last change, as OAI-PMH's datestamp)."""
    when = _timestamp(resource.modified_at)
    etree.SubElement(feed, f"{{{TOMBSTONES}}}deleted-entry", ref=entry_id(base_url, resource), when=when)


def entry_id(base_url: str, resource: Resource) -> str:
    """An entry's Atom id, which its tombstone's ``ref`` repeats: the resource's API address."""
    return f"{base_url}/v1/resources/{resource.id}"


def _entry(
    feed: etree._Element,
    resource: Resource,
    taxonomies: Taxonomies,
    base_url: str,
    translations: Mapping[str, Sequence[Resource]],
    publishers: Mapping[str, str],
) -> None:
    entry = _sub(feed, "entry", **{XML_LANG: resource.language})
    _sub(entry, "id", entry_id(base_url, resource))
    _sub(entry, "title", resource.title, type="text")
    _sub(entry, "summary", resource.summary, type="text")
    _sub(entry, "published", _day(resource.published_at))
    _sub(entry, "updated", _timestamp(resource.modified_at))  # its last change, which placed it in the feed
    page = resource_url(base_url, resource.language, resource.slug)
    _sub(entry, "link", rel="alternate", type="text/html", hreflang=resource.language, href=page)
    for other in translations.get(resource.translation_key, ()):
        if other.id != resource.id:
            href = resource_url(base_url, other.language, other.slug)
            _sub(entry, "link", rel="related", type="text/html", hreflang=other.language, href=href)
    _sub(entry, "link", rel="alternate", type="application/json", href=f"{base_url}/v1/resources/{resource.id}")
    for document in attachments.read_models(base_url, resource.id, resource.attachments or []):
        # RFC 4287 §4.2.7.2: a related resource that is potentially large (its report, its toolkit), which a
        # reader may download with the entry; ``length`` in octets. Only the published revision's documents.
        _sub(
            entry,
            "link",
            rel="enclosure",
            href=document.url,
            type=document.media_type,
            length=str(document.size),
            title=document.title,
            hreflang=document.language,
        )
    entry_author = _sub(entry, "author")
    _sub(entry_author, "name", publishers.get(resource.id, resource.publisher))
    _sub(entry, "rights", resource.licence)
    _categories(entry, resource, taxonomies, base_url)


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def not_modified_since(if_modified_since: str | None, last_modified: datetime) -> bool:
    """True when the client's copy (``If-Modified-Since``) is as new as ``last_modified``, to the second: an HTTP
    date has no fraction, so a client sending back the ``Last-Modified`` it was given gets 304 even when
    ``last_modified`` keeps microseconds (a change at 09:30:00.65 is the copy of 09:30:00)."""
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since
