"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): one record per resource and language,
in ``oai_dc``; sets by type (``type:<code>``), country (``country:<ISO>``), sector (``sector:<code>``), risk
(``risk:<code>``) and region (``region:<code>``), each with its parent (``type``…: a record is in it iff it is in
some child); resumption tokens.

Records are selected by the listing layer (the search's filter table): a set is a search filter. A record is in
``country:XX`` iff the search's ``country`` filter finds it under XX (``app.filters.filter_countries``: a
commodity sheet also under the countries its findings table links to, a region sheet under none — it is about its
region), and in ``country`` iff it is in some ``country:XX``; its ``dc:coverage`` names exactly those countries
(:func:`set_codes`), then its regions. ListSets lists the countries that have records (the database's list of the
codes in use, one query), and every code of the other families' vocabularies, as the taxonomies list them: the
codes in use would cost a read of every row's list (~0.2 s a family at 100k resources on SQLite, ~0.3 s the three
in one query, where ListSets takes ~0.25 s), and a set without records is allowed (it answers ``noRecordsMatch``).

A record's datestamp is its last change of any kind (``modified_at``: an edit, a reload of its file, its
withdrawal), to the second (granularity ``YYYY-MM-DDThh:mm:ssZ``); ``from`` and ``until`` select on it, at either
granularity, so an incremental harvest gets every record changed since. Resumption tokens carry the whole request
and the last identifier sent (keyset paging by id), so they need no server state and do not expire; a list changed
between two pages stays consistent. Resources withdrawn from the centre (``archived``) stay visible as deleted
records (``deletedRecord`` is ``transient``: they go when deleted).
"""

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from sqlalchemy import ColumnElement, and_, func, not_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.sqltypes import NullType

from app import licences
from app.config import Settings
from app.filters import COMMODITY_SHEET, FILTERS, REGION_SHEET, FilterField
from app.models import Resource, ResourceStatus
from app.models.base import usually_true
from app.search.base import SearchQuery
from app.services import attachments, jsonld, listing
from app.services.resources import resource_url
from app.taxonomy import Taxonomies, TaxonomyName

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
NAMESPACES = {None: OAI, "oai_dc": OAI_DC, "dc": DC, "xsi": XSI}  # declared once, on the root

PAGE_SIZE = 100
METADATA_FORMATS = {
    "oai_dc": (OAI_DC, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
}
VISIBLE = (ResourceStatus.published, ResourceStatus.archived)
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DATESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# from/until: a day (from its first second to its last) or a second, in UTC (ASCII digits only).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
MAX_TOKEN_LENGTH = 2000  # ours are under 300 characters
# Characters XML 1.0 cannot carry: an argument holding one cannot be echoed in <request>.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Verb -> (required arguments, optional arguments); resumptionToken is exclusive where allowed.
VERBS: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
}
# Set families: the search filter each one is, in ListSets' order, and the parent set's name.
SET_FILTERS: Mapping[str, FilterField] = {
    "type": FilterField.type,
    "country": FilterField.country,
    "sector": FilterField.sector,
    "risk": FilterField.risk,
    "region": FilterField.region,
}
SET_NAMES: Mapping[str, str] = {
    "type": "Resources by type / Ressources par type",
    "country": "Resources about a country / Ressources sur un pays",
    "sector": "Resources about a sector or a product / Ressources sur un secteur ou un produit",
    "risk": "Resources about a risk / Ressources sur un risque",
    "region": "Resources about a region / Ressources sur une région",
}


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class ListRequest:
    """A ListIdentifiers/ListRecords request, also what its resumption token carries."""

    metadata_prefix: str
    set_spec: str | None = None
    from_: str | None = None  # as sent: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (checked by :func:`_window`)
    until: str | None = None
    after: str | None = None  # the last id sent
    cursor: int = 0
    total: int | None = None  # the list's size, counted on its first page (None: a token issued before it was carried)

    def token(self) -> str:
        data = {
            "m": self.metadata_prefix,
            "s": self.set_spec,
            "f": self.from_,
            "u": self.until,
            "a": self.after,
            "c": self.cursor,
            "n": self.total,
        }
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> "ListRequest":
        """The request a token carries, its shape checked (a hand-made token is refused, never trusted); what its
        values say (prefix, set, dates) is checked as a request's, by :func:`_conditions`."""
        try:
            if len(token) > MAX_TOKEN_LENGTH:
                raise ValueError("too long")
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            if not isinstance(data, dict) or set(data) - {"n"} != {"m", "s", "f", "u", "a", "c"}:
                raise ValueError("not a token's fields")
            values = [data["m"], data["a"], *(v for v in (data["s"], data["f"], data["u"]) if v is not None)]
            if not all(isinstance(v, str) for v in values):
                raise TypeError("a token's values are strings")
            cursor, total = data["c"], data.get("n")
            if any(type(n) is not int or n < 0 for n in (cursor, *([] if total is None else [total]))):
                raise TypeError("a token's cursor and size are counts")
            return cls(data["m"], data["s"], data["f"], data["u"], data["a"], cursor, total)
        except (ValueError, TypeError, binascii.Error, RecursionError) as exc:
            raise OaiError("badResumptionToken", "The resumption token is invalid.") from exc


@dataclass(frozen=True)
class Repository:
    settings: Settings
    taxonomies: Taxonomies

    @property
    def base_url(self) -> str:
        return self.settings.public_base_url.rstrip("/") + "/oai"

    @property
    def namespace(self) -> str:
        return urlsplit(self.settings.public_base_url).hostname or "localhost"

    def identifier(self, resource_id: str) -> str:
        return f"oai:{self.namespace}:{resource_id}"

    def resource_id(self, identifier: str) -> str | None:
        prefix = f"oai:{self.namespace}:"
        return identifier.removeprefix(prefix) if identifier.startswith(prefix) else None


# ---------------------------------------------------------------------------------------------------------- XML


def _el(parent: etree._Element, tag: str, text: str | None = None, ns: str = OAI, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _envelope(repository: Repository, arguments: Mapping[str, str], echo: bool, now: datetime) -> etree._Element:
    root = etree.Element(
        f"{{{OAI}}}OAI-PMH",
        {f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
        nsmap=NAMESPACES,
    )
    _el(root, "responseDate", now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _el(root, "request", repository.base_url, **(dict(arguments) if echo else {}))
    return root


def _serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


# ----------------------------------------------------------------------------------------------------- requests


def handle(session: Session, repository: Repository, raw: Sequence[tuple[str, str]], now: datetime) -> bytes:
    """Answer one OAI-PMH request (its arguments as sent, repeated ones included) with the XML document."""
    arguments: dict[str, str] = {}
    try:
        verb = _check_arguments(raw, arguments)
        root = _envelope(repository, arguments, True, now)
        VERB_HANDLERS[verb](session, repository, arguments, root)
    except OaiError as error:
        echo = error.code not in ("badVerb", "badArgument")
        root = _envelope(repository, arguments, echo, now)
        _el(root, "error", error.message, code=error.code)
    return _serialise(root)


def _check_arguments(raw: Sequence[tuple[str, str]], arguments: dict[str, str]) -> str:
    for name, value in raw:
        if name in arguments:
            raise OaiError("badArgument" if name != "verb" else "badVerb", f"The argument {name[:40]!r} is repeated.")
        arguments[name] = value
    verb = arguments.get("verb")
    if verb is None:
        raise OaiError("badVerb", "The request has no verb.")
    if verb not in VERBS:
        raise OaiError("badVerb", f"{verb[:40]!r} is not an OAI-PMH verb.")
    if any(NOT_XML.search(name) or NOT_XML.search(value) for name, value in arguments.items()):
        raise OaiError("badArgument", "An argument holds a character XML cannot carry.")
    required, optional = VERBS[verb]
    given = set(arguments) - {"verb"}
    if "resumptionToken" in given:
        if "resumptionToken" not in optional:
            raise OaiError("badArgument", f"{verb} takes no resumptionToken.")
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return verb
    if unknown := given - required - optional:
        raise OaiError("badArgument", f"Illegal arguments for {verb}: {', '.join(sorted(unknown))}.")
    if missing := required - given:
        raise OaiError("badArgument", f"Missing arguments for {verb}: {', '.join(sorted(missing))}.")
    return verb


def datestamp(moment: datetime) -> str:
    """A datestamp at the repository's granularity: ``YYYY-MM-DDThh:mm:ssZ``, in UTC."""
    return moment.astimezone(UTC).strftime(DATESTAMP_FORMAT)


def _parse_datestamp(value: str, name: str) -> tuple[datetime, timedelta]:
    """A ``from``/``until`` value: the instant it starts and how long it lasts (a day, or a second)."""
    try:
        if DAY.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC), timedelta(days=1)
        if SECOND.fullmatch(value):
            return datetime.strptime(value, DATESTAMP_FORMAT).replace(tzinfo=UTC), timedelta(seconds=1)
    except ValueError:
        pass
    raise OaiError("badArgument", f"{name} must be a UTC date YYYY-MM-DD or a datestamp {GRANULARITY}.")


def _window(request: ListRequest) -> tuple[datetime | None, datetime | None]:
    """``from`` and ``until`` as the first instant selected and the first after (both inclusive, to the day or to
    the second, as sent; the two of one request at the same granularity)."""
    start = _parse_datestamp(request.from_, "from") if request.from_ is not None else None
    end = _parse_datestamp(request.until, "until") if request.until is not None else None
    if start and end and start[1] != end[1]:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if start and end and start[0] > end[0]:
        raise OaiError("badArgument", "from is later than until.")
    if end is None or end[0] > datetime.max.replace(tzinfo=UTC) - end[1]:  # until 9999-12-31: no end
        return (start[0] if start else None), None
    return (start[0] if start else None), end[0] + end[1]


def _list_request(
    session: Session, repository: Repository, arguments: Mapping[str, str]
) -> tuple[ListRequest, list[ColumnElement[bool]]]:
    """The request (sent, or carried by its token) and the conditions of its records."""
    if "resumptionToken" in arguments:
        request = ListRequest.from_token(arguments["resumptionToken"])
        try:
            return request, _conditions(session, repository, request)
        except OaiError as error:  # we never issue such a token
            raise OaiError("badResumptionToken", "The resumption token is invalid.") from error
    request = ListRequest(
        metadata_prefix=arguments["metadataPrefix"],
        set_spec=arguments.get("set"),
        from_=arguments.get("from"),
        until=arguments.get("until"),
    )
    return request, _conditions(session, repository, request)


def _check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OaiError("cannotDisseminateFormat", f"{prefix[:40]!r} is not supported; use oai_dc.")


def set_codes(taxonomies: Taxonomies, family: str, resource: Resource) -> tuple[str, ...]:
    """The codes of a set family a record is listed under — its sets ``<family>:<code>`` — and, for countries, the
    countries its ``dc:coverage`` names: what the search's filter finds it under (``Filter.found_under``), among the
    codes of the filter's vocabulary (a set is one of them). The one rule; :func:`_set_conditions` is it in SQL."""
    spec = FILTERS[SET_FILTERS[family]]
    vocabulary = taxonomies[spec.taxonomy]
    return tuple(code for code in spec.found_under(resource) if code in vocabulary)


def _set_conditions(session: Session, repository: Repository, set_spec: str | None) -> list[ColumnElement[bool]]:
    if set_spec is None:
        return []
    family, _, code = set_spec.partition(":")
    if family not in SET_FILTERS:
        raise OaiError("badArgument", f"Unknown set {set_spec[:60]!r}; see ListSets.")
    name = SET_FILTERS[family]
    vocabulary = repository.taxonomies[FILTERS[name].taxonomy]
    if code and code not in vocabulary:
        raise OaiError("badArgument", f"Unknown set {set_spec[:60]!r}; see ListSets.")
    # A child set is the filter of its code; the parent set the filter of every code, so a record is in the
    # parent iff it is in some child. Most records are in the parent: told to the planner, which then keeps
    # walking the ids rather than a filter's index.
    codes = (code,) if code else tuple(vocabulary)
    selection = listing.Selection(query=SearchQuery(filters={name: codes}))
    conditions = listing.selection_conditions(selection, session.get_bind().dialect.name)  # _visible(): the status
    return conditions if code else [usually_true(condition) for condition in conditions]


class rarely_true(FunctionElement[Any]):  # named as a SQL function, like app.models.base.usually_true
    """A harvest's ``from``: what changed since, which few records did (an incremental harvest), told to SQLite's
    planner with ``unlikely()`` so that it reads the index of ``modified_at`` rather than walking every id. Untyped:
    a boolean function would be compared to 1 on SQLite (``unlikely(…) = 1``), which no index serves."""

    type = NullType()
    inherit_cache = True

    def __init__(self, condition: ColumnElement[bool]) -> None:
        super().__init__(condition)


@compiles(rarely_true)
def _condition(element: rarely_true, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"


@compiles(rarely_true, "sqlite")
def _unlikely(element: rarely_true, compiler: SQLCompiler, **kw: Any) -> str:
    return f"unlikely({compiler.process(element.clauses, **kw)})"


def _visible() -> ColumnElement[bool]:
    """The records a harvester sees: the published, and the archived as deleted ones; most of the table. Only
    resources that claimed their ids, as every published one has: a partner's draft archived before it was ever
    published was never harvested, and its id is its organisation's business."""
    return usually_true(and_(Resource.status.in_(VISIBLE), Resource.claimed))


def _is_visible(resource: Resource) -> bool:
    """:func:`_visible` of one resource."""
    return resource.status in VISIBLE and resource.claimed


def withdrawn() -> ColumnElement[bool]:
    """The deleted records (visible, not public: :func:`_header`), which the Atom feed's tombstones are too
    (``app.services.feeds.harvested``): withdrawn after they were published."""
    return and_(Resource.status == ResourceStatus.archived, Resource.claimed)


def _conditions(session: Session, repository: Repository, request: ListRequest) -> list[ColumnElement[bool]]:
    """The conditions of a list's records, its arguments checked (prefix, dates, set) on the way."""
    _check_prefix(request.metadata_prefix)
    start, end = _window(request)
    clauses = [_visible(), *_set_conditions(session, repository, request.set_spec)]
    if start is not None:
        clauses.append(rarely_true(Resource.modified_at >= start))
    if end is not None:
        clauses.append(Resource.modified_at < end)
    return clauses


# ------------------------------------------------------------------------------------------------------- verbs


def identify(session: Session, repository: Repository, _arguments: Mapping[str, str], root: etree._Element) -> None:
    earliest = session.scalar(select(func.min(Resource.modified_at)).where(_visible()))
    element = _el(root, "Identify")
    _el(element, "repositoryName", "crv — centre de ressources virtuel 8.7 / virtual resource centre SDG 8.7")
    _el(element, "baseURL", repository.base_url)
    _el(element, "protocolVersion", "2.0")
    _el(element, "adminEmail", repository.settings.contact_email)
    _el(element, "earliestDatestamp", datestamp(earliest or datetime(2026, 1, 1, tzinfo=UTC)))
    _el(element, "deletedRecord", "transient")
    _el(element, "granularity", GRANULARITY)
    description = _el(element, "description")
    identifier = etree.SubElement(
        description,
        f"{{{IDENTIFIER_NS}}}oai-identifier",
        {f"{{{XSI}}}schemaLocation": f"{IDENTIFIER_NS} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"},
        nsmap={None: IDENTIFIER_NS},
    )
    for tag, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository.namespace),
        ("delimiter", ":"),
        ("sampleIdentifier", repository.identifier("country-ci.fr")),
    ):
        etree.SubElement(identifier, f"{{{IDENTIFIER_NS}}}{tag}").text = text


def list_metadata_formats(
    session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element
) -> None:
    if "identifier" in arguments:
        _find(session, repository, arguments["identifier"])
    element = _el(root, "ListMetadataFormats")
    for prefix, (namespace, schema) in METADATA_FORMATS.items():
        metadata_format = _el(element, "metadataFormat")
        _el(metadata_format, "metadataPrefix", prefix)
        _el(metadata_format, "schema", schema)
        _el(metadata_format, "metadataNamespace", namespace)


def list_sets(session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element) -> None:
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "ListSets is answered in one response; no token applies.")
    element = _el(root, "ListSets")
    for family, name in SET_FILTERS.items():
        _set(element, family, SET_NAMES[family])
        vocabulary = repository.taxonomies[FILTERS[name].taxonomy]
        codes = sorted(_countries_in_use(session, repository)) if name == FilterField.country else list(vocabulary)
        for code in codes:
            term = vocabulary[code]
            _set(element, f"{family}:{code}", term.en if term.en == term.fr else f"{term.en} / {term.fr}")


def _countries_in_use(session: Session, repository: Repository) -> set[str]:
    """The codes of the non-empty ``country:XX`` sets: :func:`set_codes` of every visible record, read without
    loading every record — the countries tagged on any but a region sheet (in SQL), and the codes of the commodity
    sheets, the only records found under countries they are not tagged with (few)."""
    countries = listing.json_elements(Resource.__table__.c.countries, session.get_bind().dialect.name)
    sheet = Resource.type == "risk_sheet"
    region_sheet = and_(sheet, Resource.translation_key.startswith(REGION_SHEET))
    tagged = select(countries.c.value).select_from(Resource).join(countries, true())
    used = set(session.scalars(tagged.where(_visible(), not_(region_sheet)).distinct()))
    commodity_sheets = select(Resource).where(_visible(), sheet, Resource.translation_key.startswith(COMMODITY_SHEET))
    for resource in session.scalars(commodity_sheets):
        used.update(set_codes(repository.taxonomies, "country", resource))
    return used & set(repository.taxonomies[TaxonomyName.countries])


def _set(parent: etree._Element, spec: str, name: str) -> None:
    element = _el(parent, "set")
    _el(element, "setSpec", spec)
    _el(element, "setName", name)


def list_identifiers(
    session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element
) -> None:
    _list(session, repository, arguments, root, "ListIdentifiers")


def list_records(session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element) -> None:
    _list(session, repository, arguments, root, "ListRecords")


def _list(
    session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element, verb: str
) -> None:
    request, clauses = _list_request(session, repository, arguments)
    page_clauses = [*clauses, Resource.id > request.after] if request.after is not None else clauses
    # One row more than a page says whether another follows, without counting.
    rows = list(session.scalars(select(Resource).where(*page_clauses).order_by(Resource.id).limit(PAGE_SIZE + 1)))
    resources, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
    if not resources:
        if request.after is not None:
            raise OaiError("badResumptionToken", "The resumption token points past the end of the list.")
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    sent = request.cursor + len(resources)
    # The list's size is counted once a harvest, on its first page, and carried by its tokens: counting a parent
    # set (every country's records) cost SQLite more than the page itself, on every page. A record added since
    # shows in the pages, and raises the size said if the pages pass it.
    counted = request.total
    if counted is None:
        counted = int(session.scalar(select(func.count()).select_from(Resource).where(*clauses)) or 0)
    total = max(counted, sent + more)
    element = _el(root, verb)
    translations = listing.translations_of(session, resources)
    publishers = jsonld.publisher_names(session, resources) if verb == "ListRecords" else {}
    for resource in resources:
        if verb == "ListIdentifiers":
            _header(element, repository, resource)
        else:
            _record(element, repository, resource, translations, publishers)
    if request.after is not None or more:
        token = _el(element, "resumptionToken", completeListSize=str(total), cursor=str(request.cursor))
        if more:
            token.text = replace(request, after=resources[-1].id, cursor=sent, total=total).token()


def get_record(session: Session, repository: Repository, arguments: Mapping[str, str], root: etree._Element) -> None:
    resource = _find(session, repository, arguments["identifier"])
    _check_prefix(arguments["metadataPrefix"])
    translations = listing.translations_of(session, [resource])
    _record(_el(root, "GetRecord"), repository, resource, translations, jsonld.publisher_names(session, [resource]))


VERB_HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}


def _find(session: Session, repository: Repository, identifier: str) -> Resource:
    resource_id = repository.resource_id(identifier)
    resource = session.get(Resource, resource_id) if resource_id else None
    if resource is None or not _is_visible(resource):
        raise OaiError("idDoesNotExist", f"{identifier[:120]!r} is unknown in this repository.")
    return resource


# ----------------------------------------------------------------------------------------------------- records


def _header(parent: etree._Element, repository: Repository, resource: Resource) -> None:
    deleted = not resource.is_public
    header = _el(parent, "header", **({"status": "deleted"} if deleted else {}))
    _el(header, "identifier", repository.identifier(resource.id))
    _el(header, "datestamp", datestamp(resource.modified_at))
    for family in SET_FILTERS:
        for code in set_codes(repository.taxonomies, family, resource):
            _el(header, "setSpec", f"{family}:{code}")


def _record(
    parent: etree._Element,
    repository: Repository,
    resource: Resource,
    translations: Mapping[str, list[Resource]],
    publishers: Mapping[str, str],
) -> None:
    """``publishers``: the publisher's name by resource id (``jsonld.publisher_names``)."""
    record = _el(parent, "record")
    _header(record, repository, resource)
    if not resource.is_public:
        return
    metadata = _el(record, "metadata")
    dc = etree.SubElement(
        metadata,
        f"{{{OAI_DC}}}dc",
        {f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"},
    )
    others = translations.get(resource.translation_key, [])
    for tag, text in dublin_core(repository, resource, others, publishers.get(resource.id, resource.publisher)):
        _el(dc, tag, text, ns=DC)


def dublin_core(
    repository: Repository, resource: Resource, translations: Sequence[Resource], publisher: str
) -> list[tuple[str, str]]:
    base_url = repository.settings.public_base_url
    language = resource.language
    taxonomies = repository.taxonomies

    def labels(name: TaxonomyName, codes: Sequence[str]) -> list[str]:
        vocabulary = taxonomies[name]
        return [vocabulary[c].label(language) if c in vocabulary else c for c in codes]

    elements = [
        ("title", resource.title),
        ("creator", publisher),
        ("publisher", publisher),
        ("description", resource.summary),
        ("date", resource.published_at.isoformat()),
        ("type", "Text"),
        *(("type", label) for label in labels(TaxonomyName.types, [resource.type])),
        ("format", "text/html"),
        ("identifier", resource_url(base_url, language, resource.slug)),
        ("language", language),
        *(("subject", label) for label in labels(TaxonomyName.risks, resource.risks)),
        *(("subject", label) for label in labels(TaxonomyName.sectors, resource.sectors)),
        *(("coverage", label) for label in labels(TaxonomyName.countries, set_codes(taxonomies, "country", resource))),
        *(("coverage", label) for label in labels(TaxonomyName.regions, resource.regions)),
        *(("source", str(s["url"])) for s in resource.sources if s.get("url")),
        *(("relation", resource_url(base_url, t.language, t.slug)) for t in translations if t.id != resource.id),
        # Its published documents (the report, the toolkit), each a related resource by its address. Not their
        # formats in dc:format, which describes this record's resource, its page (DCMI's one-to-one principle):
        # a document's media type is its own description's, given by the API, the feed and the JSON-LD.
        *(("relation", doc.url) for doc in attachments.read_models(base_url, resource.id, resource.attachments or [])),
        ("rights", licences.identifier(resource.licence)),
    ]
    return elements


def now() -> datetime:
    return datetime.now(UTC)
