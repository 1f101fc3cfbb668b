"""Sites' requests for a publishable key (the search widget on their pages, ``crv_pk_…``). Anyone asks, without an
account, from the key request form that the snippet builder leads to with its filters: the site's name, the
addresses of its pages (one a line, reduced to their origins and checked by the keys' own rule,
:func:`app.services.origins.parse_allowed_origin`, https only but on the person's own computer), the filters, who
to answer. An administrator of the centre accepts it for an organisation — one that exists, or a new one named
after the site — and the key is made in the same transaction as the decision: scope ``search``, the origins asked
(or as the administrator corrected them, checked by the same rule), the filters asked, the default quota. Secret
keys (servers) are still asked for by mail: they are not for a form.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, InvalidParameters
from app.filters import FilterField, check_values
from app.i18n import N_
from app.languages import LANGUAGES, Language
from app.models import KeyKind, KeyRequest, Organisation, OrganisationKind, RequestDecision, Scope
from app.services import audit, keys
from app.services import centre_requests as requests
from app.services.accounts import REQUIRED, Person
from app.services.addresses import web_address
from app.services.centre import CENTRE_SLUG
from app.services.embed_builder import CARRIED, MAX_VALUES, chosen_of, described
from app.services.origins import LOOPBACK_HOSTS, OriginError, origin_listed, parse_allowed_origin
from app.services.partners import PARTNER_KINDS
from app.taxonomy import Taxonomies, fold

FIELD_LENGTHS: Mapping[str, int] = {
    "site_name": requests.column_length(KeyRequest, "site_name"),
    "origins": 2000,  # twenty addresses of a hundred characters
    "contact_name": requests.column_length(KeyRequest, "contact_name"),
    "email": requests.column_length(KeyRequest, "email"),
}
MAX_ORIGINS = 20
FILTERS_LENGTH = 1000  # the builder's filters, a hidden field: ten codes of seven filters
ONLY_THE_CENTRE = N_("Only an administrator of the centre decides requests for a key.")
# The kinds of an organisation made from a key request, as the team page offers them: a partner's, or a company
# (a business's site, or any site that is none of the others).
HOLDER_KINDS: Mapping[OrganisationKind, str] = {**PARTNER_KINDS, OrganisationKind.company: N_("Company or other")}


@dataclass(frozen=True, slots=True)
class NewKeyRequest:
    site_name: str
    origins: str  # as typed: one address a line
    filters: str  # the builder's, as a query string: « country=CI&sector=cocoa »
    contact_name: str
    email: str
    language: str
    message: str = ""  # who will search, how many visitors

    @classmethod
    def blank(cls, language: str, origins: str = "", filters: str = "") -> "NewKeyRequest":
        return cls("", origins, filters, "", "", language)


def _site_of(line: str) -> str:
    """A page's address as its site's, what a key names: « www.ong.org/actualites/ » → ``https://www.ong.org``
    (the key works on every page there). Anything else as typed, for the origins' rule to say what is wrong."""
    address = web_address(line)
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else address


def origins_of(typed: str) -> tuple[list[str], list[FieldError]]:
    """The origins of the addresses typed, one a line, in their normal form, and the problem of each line that
    names none, on the field ``origins``: the rule of the request form and of the administrator's correction."""
    lines = [line.strip() for line in typed.splitlines() if line.strip()]
    if not lines:
        return [], [FieldError.translatable("origins", REQUIRED)]
    if len(typed) > FIELD_LENGTHS["origins"]:
        too_long = N_("must have at most {max_length} characters")
        return [], [FieldError.translatable("origins", too_long, max_length=FIELD_LENGTHS["origins"])]
    if len(lines) > MAX_ORIGINS:
        return [], [FieldError.translatable("origins", N_("at most {count} addresses"), count=MAX_ORIGINS)]
    origins, problems = [], []
    for line in lines:
        try:
            origin = parse_allowed_origin(_site_of(line))
        except OriginError as exc:
            problems.append(FieldError.translatable("origins", exc.template, **exc.values))
            continue
        # http:// only on the person's own computer, while they set the widget up (a browser sends its page's
        # origin as typed: http://localhost:3000)
        if origin.startswith("http://") and urlsplit(origin).hostname not in LOOPBACK_HOSTS:
            https = N_(
                "{value}: the address must start with “https://” (http:// only for localhost, your own computer)"
            )
            problems.append(FieldError.translatable("origins", https, value=repr(line)))
            continue
        origins.append(origin)
    return list(dict.fromkeys(origins)), problems


def filters_of(typed: str, taxonomies: Taxonomies) -> tuple[dict[str, list[str]], list[FieldError]]:
    """The builder's filters (« country=CI&sector=cocoa »), known codes only: the form carries them in a hidden
    field, so one that is not is an altered form or a term gone from the taxonomies since, said on ``filters``."""
    raw: dict[FilterField, list[str]] = {}
    carried = {name.value for name in CARRIED}
    readable = len(typed) <= FILTERS_LENGTH
    for name, value in parse_qsl(typed[:FILTERS_LENGTH], keep_blank_values=True):
        readable = readable and name in carried and value.strip() != ""
        if name in carried:
            raw.setdefault(FilterField(name), []).append(value)
    checked, errors = check_values(raw, taxonomies)
    if errors or not readable or any(len(codes) > MAX_VALUES for codes in checked.values()):
        again = N_("these filters could not be read: choose them again with the snippet builder")
        return {}, [FieldError.translatable("filters", again)]
    return {name.value: list(codes) for name, codes in checked.items()}, []


def request_key(session: Session, form: NewKeyRequest, taxonomies: Taxonomies) -> tuple[KeyRequest, bool]:
    """A site's request, kept for the centre's administrators, and whether it is new: the same address's waiting
    request for the same key is answered again instead, so sending the form twice tells them once. Every problem
    of the form at once; the answer never says whether the address has an account."""
    typed = {"site_name": form.site_name, "contact_name": form.contact_name, "email": form.email}
    required = {"site_name": form.site_name, "contact_name": form.contact_name}
    problems = requests.text_problems(required, {name: FIELD_LENGTHS[name] for name in typed}, typed, form.message)
    origins, wrong_origins = origins_of(form.origins)
    filters, wrong_filters = filters_of(form.filters, taxonomies)
    all_problems = [*problems, *wrong_origins, *wrong_filters]
    address = requests.checked_address(all_problems, "email", requests.anonymous_address(form.email))
    waiting = select(KeyRequest).where(KeyRequest.email == address, KeyRequest.decided_at.is_(None))
    for found in session.scalars(waiting):
        if found.origins == origins and found.fixed_filters == filters:
            return found, False
    request = KeyRequest(
        site_name=requests.one_line(form.site_name),
        origins=origins,
        fixed_filters=filters,
        contact_name=requests.one_line(form.contact_name),
        email=address,
        language=Language(form.language) if form.language in LANGUAGES else Language.fr,
        message=form.message.strip(),
    )
    session.add(request)
    session.flush()
    audit.record(session, "key_request.create", None, request=request.id, site=request.site_name, origins=origins)
    return request, True


@dataclass(frozen=True, slots=True)
class Waiting:
    """A request waiting for a decision as the team page shows it: its filters in words, and the organisation it is
    most likely from (its address; "" for a new one)."""

    request: KeyRequest
    filters: list[str]
    holder: str


def waiting(
    session: Session, taxonomies: Taxonomies, language: str, organisations: list[Organisation]
) -> list[Waiting]:
    """The requests waiting for a decision, oldest first."""
    return [
        Waiting(
            request, described(chosen_of(request.fixed_filters), taxonomies, language), _likely(request, organisations)
        )
        for request in requests.pending(session, KeyRequest)
    ]


def holders(session: Session) -> list[Organisation]:
    """The organisations a key may be made for, by name (the centre's own needs no request)."""
    query = select(Organisation).where(Organisation.slug != CENTRE_SLUG).order_by(Organisation.name)
    return list(session.scalars(query))


def _likely(request: KeyRequest, organisations: list[Organisation]) -> str:
    """The organisation a request is most likely from, as the team page preselects it: the one of the same name, or
    whose website is one of the origins asked for; else "" (a new one, named after the site)."""
    name = fold(request.site_name)
    for organisation in organisations:
        website = organisation.website and _site_of(organisation.website)
        if fold(organisation.name) == name or (website and origin_listed(request.origins, website)):
            return organisation.slug
    return ""


def _pending(session: Session, actor: Person, request_id: int) -> KeyRequest:
    requests.check_centre_admin(actor, ONLY_THE_CENTRE)
    return requests.undecided(session, KeyRequest, request_id)


def accept(
    session: Session,
    actor: Person,
    request_id: int,
    organisation: str,
    kind: str,
    taxonomies: Taxonomies,
    origins: str | None = None,
) -> tuple[KeyRequest, Organisation, keys.CreatedKey]:
    """The key made as asked, for the organisation of the address ``organisation`` or, when it is "", for a new one
    of ``kind`` named after the site; the request decided. ``origins``: the pages' addresses as the administrator
    corrected them, one a line, checked by the request form's rule (:func:`origins_of`); None for those asked. Every
    problem at once, nothing made. The key's token is in the result only: the caller mails it (a publishable key
    is public by design, it sits in the site's pages)."""
    request = _pending(session, actor, request_id)
    granted, problems = (list(request.origins), []) if origins is None else origins_of(origins)
    holder = session.scalar(select(Organisation).where(Organisation.slug == organisation)) if organisation else None
    if organisation and holder is None:
        problems.append(FieldError.translatable("organisation", N_("no such organisation: choose one in the list")))
    if not organisation and kind not in {str(k) for k in HOLDER_KINDS}:
        problems.append(FieldError.translatable("kind", N_("choose the kind of organisation")))
    if problems:
        raise InvalidParameters("Some fields need correcting.", errors=problems)
    if holder is None:
        holder = requests.new_organisation(session, actor, request.site_name, OrganisationKind(kind))
    created = keys.create_key(
        session,
        holder,
        scopes=[Scope.search],
        kind=KeyKind.publishable,
        name=f"widget: {request.site_name}"[:120],
        allowed_origins=granted,
        fixed_filters=request.fixed_filters,
        taxonomies=taxonomies,
        actor=actor.as_principal(),
    )
    corrected = {} if granted == request.origins else {"asked": request.origins}
    requests.decide(
        session, actor, request, RequestDecision.accepted, holder.id, origins=created.key.allowed_origins, **corrected
    )
    request.api_key_id = created.key.id
    return request, holder, created


def decline(session: Session, actor: Person, request_id: int) -> KeyRequest:
    request = _pending(session, actor, request_id)
    requests.decide(session, actor, request, RequestDecision.declined, None)
    return request
