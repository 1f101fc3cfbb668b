"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): one record per resource and language,
in ``oai_dc``; sets by type (``type:<code>``) and by country (``country:<ISO>``); resumption tokens.

Records are selected by the listing layer (the search's filter table): a set is a search filter. Resumption
tokens carry the whole request and the last identifier sent (keyset paging by id), so they need no server state
and do not expire; a list changed between two pages stays consistent. Resources withdrawn from the centre
(``archived``) stay visible as deleted records (``deletedRecord`` is ``transient``: they go when deleted).
"""

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from lxml import etree
from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from app import licences
from app.config import Settings
from app.filters import FILTERS, FilterField
from app.models import Resource, ResourceStatus
from app.models.base import usually_true
from app.search.base import SearchQuery
from app.services import jsonld, listing
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
# Verb -> (required arguments, optional arguments); resumptionToken is exclusive where allowed.
VERBS: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
}
# Set families: the search filter each one is.
SET_FILTERS: Mapping[str, FilterField] = {"type": FilterField.type, "country": FilterField.country}
SET_VOCABULARIES: Mapping[str, TaxonomyName | None] = {
    family: FILTERS[name].vocabulary for family, name in SET_FILTERS.items()
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
    from_: date | None = None
    until: date | None = None
    after: str | None = None  # the last id sent
    cursor: int = 0

    def token(self) -> str:
        data = {
            "m": self.metadata_prefix,
            "s": self.set_spec,
            "f": self.from_.isoformat() if self.from_ else None,
            "u": self.until.isoformat() if self.until else None,
            "a": self.after,
            "c": self.cursor,
        }
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> "ListRequest":
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            return cls(
                metadata_prefix=str(data["m"]),
                set_spec=data["s"],
                from_=date.fromisoformat(data["f"]) if data["f"] else None,
                until=date.fromisoformat(data["u"]) if data["u"] else None,
                after=str(data["a"]),
                cursor=int(data["c"]),
            )
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
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
            raise OaiError("badArgument" if name != "verb" else "badVerb", f"The argument {name!r} is repeated.")
        arguments[name] = value
    verb = arguments.get("verb")
    if verb is None:
        raise OaiError("badVerb", "The request has no verb.")
    if verb not in VERBS:
        raise OaiError("badVerb", f"{verb[:40]!r} is not an OAI-PMH verb.")
    required, optional = VERBS[verb]
    given = set(arguments) - {"verb"}
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return verb
    if unknown := given - required - optional:
        raise OaiError("badArgument", f"Illegal arguments for {verb}: {', '.join(sorted(unknown))}.")
    if missing := required - given:
        raise OaiError("badArgument", f"Missing arguments for {verb}: {', '.join(sorted(missing))}.")
    return verb


def _parse_date(value: str, name: str) -> date:
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise OaiError(
            "badArgument", f"{name} must be a date YYYY-MM-DD (the granularity of this repository)."
        ) from exc


def _list_request(arguments: Mapping[str, str]) -> ListRequest:
    if "resumptionToken" in arguments:
        return ListRequest.from_token(arguments["resumptionToken"])
    request = ListRequest(
        metadata_prefix=arguments["metadataPrefix"],
        set_spec=arguments.get("set"),
        from_=_parse_date(arguments["from"], "from") if "from" in arguments else None,
        until=_parse_date(arguments["until"], "until") if "until" in arguments else None,
    )
    if request.from_ and request.until and request.from_ > request.until:
        raise OaiError("badArgument", "from is later than until.")
    return request


def _check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OaiError("cannotDisseminateFormat", f"{prefix[:40]!r} is not supported; use oai_dc.")


def _set_conditions(session: Session, repository: Repository, set_spec: str | None) -> list[ColumnElement[bool]]:
    if set_spec is None:
        return []
    family, _, code = set_spec.partition(":")
    if family not in SET_FILTERS:
        raise OaiError("badArgument", f"Unknown set {set_spec[:60]!r}; see ListSets.")
    name = SET_FILTERS[family]
    if not code:  # the parent set: every record with a value for that filter
        column = Resource.__table__.c[name.attribute]
        return [] if name == FilterField.type else [func.json_array_length(column) > 0]
    vocabulary = SET_VOCABULARIES[family]
    if vocabulary is None or code not in repository.taxonomies[vocabulary]:
        raise OaiError("badArgument", f"Unknown set {set_spec[:60]!r}; see ListSets.")
    selection = listing.Selection(query=SearchQuery(filters={name: (code,)}))
    return listing.selection_conditions(selection, session.get_bind().dialect.name)  # _visible() says the status


def _visible() -> ColumnElement[bool]:
    """The records a harvester sees: the published, and the archived as deleted ones; most of the table."""
    return usually_true(Resource.status.in_(VISIBLE))


def _record_conditions(session: Session, repository: Repository, request: ListRequest) -> list[ColumnElement[bool]]:
    clauses = [_visible(), *_set_conditions(session, repository, request.set_spec)]
    if request.from_:
        clauses.append(Resource.updated_at >= request.from_)
    if request.until:
        clauses.append(Resource.updated_at <= request.until)
    return clauses


# ------------------------------------------------------------------------------------------------------- verbs


def identify(session: Session, repository: Repository, _arguments: Mapping[str, str], root: etree._Element) -> None:
    earliest = session.scalar(select(func.min(Resource.updated_at)).where(_visible()))
    element = _el(root, "Identify")
    _el(element, "repositoryName", "crv — centre de ressources virtuel 8.7 / virtual resource centre SDG 8.7")
    _el(element, "baseURL", repository.base_url)
    _el(element, "protocolVersion", "2.0")
    _el(element, "adminEmail", repository.settings.contact_email)
    _el(element, "earliestDatestamp", (earliest or date(2026, 1, 1)).isoformat())
    _el(element, "deletedRecord", "transient")
    _el(element, "granularity", "YYYY-MM-DD")
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
    _set(element, "type", "Resources by type / Ressources par type")
    for code, term in repository.taxonomies[TaxonomyName.types].items():
        _set(element, f"type:{code}", f"{term.en} / {term.fr}")
    _set(element, "country", "Resources about a country / Ressources sur un pays")
    countries = listing.json_elements(Resource.__table__.c.countries, session.get_bind().dialect.name)
    used = set(
        session.scalars(
            select(countries.c.value).select_from(Resource).join(countries, true()).where(_visible()).distinct()
        )
    )
    countries_vocabulary = repository.taxonomies[TaxonomyName.countries]
    for code in sorted(used & set(countries_vocabulary)):
        term = countries_vocabulary[code]
        _set(element, f"country:{code}", term.en if term.en == term.fr else f"{term.en} / {term.fr}")


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
    request = _list_request(arguments)
    _check_prefix(request.metadata_prefix)
    clauses = _record_conditions(session, repository, request)
    page_clauses = [*clauses, Resource.id > request.after] if request.after is not None else clauses
    resources = list(session.scalars(select(Resource).where(*page_clauses).order_by(Resource.id).limit(PAGE_SIZE)))
    if not resources:
        if request.after is not None:
            raise OaiError("badResumptionToken", "The resumption token points past the end of the list.")
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    total = int(session.scalar(select(func.count()).select_from(Resource).where(*clauses)) or 0)
    element = _el(root, verb)
    translations = listing.translations_of(session, resources)
    publishers = jsonld.publisher_names(session, resources) if verb == "ListRecords" else {}
    for resource in resources:
        if verb == "ListIdentifiers":
            _header(element, repository, resource)
        else:
            _record(element, repository, resource, translations, publishers)
    sent = request.cursor + len(resources)
    if request.after is not None or sent < total:
        token = _el(element, "resumptionToken", completeListSize=str(total), cursor=str(request.cursor))
        if sent < total:
            token.text = ListRequest(
                request.metadata_prefix, request.set_spec, request.from_, request.until, resources[-1].id, sent
            ).token()


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
    if resource is None or resource.status not in VISIBLE:
        raise OaiError("idDoesNotExist", f"{identifier[:120]!r} is unknown in this repository.")
    return resource


# ----------------------------------------------------------------------------------------------------- records


def _header(parent: etree._Element, repository: Repository, resource: Resource) -> None:
    deleted = not resource.is_public
    header = _el(parent, "header", **({"status": "deleted"} if deleted else {}))
    _el(header, "identifier", repository.identifier(resource.id))
    _el(header, "datestamp", resource.updated_at.isoformat())
    for family, name in SET_FILTERS.items():
        for code in FILTERS[name].found_under(resource):  # the sets the record is listed in
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
        *(("coverage", label) for label in labels(TaxonomyName.countries, resource.countries)),
        *(("coverage", label) for label in labels(TaxonomyName.regions, resource.regions)),
        *(("source", str(s["url"])) for s in resource.sources if s.get("url")),
        *(("relation", resource_url(base_url, t.language, t.slug)) for t in translations if t.id != resource.id),
        ("rights", licences.identifier(resource.licence)),
    ]
    return elements


def now() -> datetime:
    return datetime.now(UTC)
