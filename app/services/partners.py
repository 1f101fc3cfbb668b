"""Partner organisations from the web. An organisation asks for an account on the publish page (its request is
kept until the centre decides); an administrator of the centre accepts it, or adds an organisation directly: the
organisation is created with its kind and website, and its first administrator invited at once (the same link as
any invitation). The organisation's address (its slug) is made from its name. Every problem of a form is reported
at once; nothing is written unless all is well (the organisation, the invitation and the decision go in one
transaction).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from slugify import slugify
from sqlalchemy import String, delete, func, select
from sqlalchemy.orm import Session

from app.errors import AppError, FieldError, Forbidden, InvalidParameters, NotFound
from app.i18n import N_
from app.languages import LANGUAGES, Language
from app.models import AccountRequest, Organisation, OrganisationKind, RequestDecision, Role, User
from app.models.base import utcnow
from app.schemas.problems import NOT_A_WEB_ADDRESS, NOT_AN_HTTPS_ADDRESS
from app.services import accounts, audit, keys
from app.services.accounts import Person

# The kinds a partner may be (the centre's own kind is not one), as the form shows them: _(label).
PARTNER_KINDS: Mapping[OrganisationKind, str] = {
    OrganisationKind.ngo: N_("NGO or association"),
    OrganisationKind.company_network: N_("Business network"),
    OrganisationKind.union: N_("Trade union"),
    OrganisationKind.public_body: N_("Public body"),
    OrganisationKind.international_organisation: N_("International organisation"),
}
SLUG_LENGTH = 60
MESSAGE_LENGTH = 2000


# A form's fields as long as the columns that keep them (a request's; an organisation's and a person's are the
# same): said next to the field, with what was typed kept, where a bound on the form's parameter refused the whole
# form as a problem document. The website has its own check (a web address).
def _length(column: str) -> int:
    kind = AccountRequest.__table__.c[column].type
    assert isinstance(kind, String) and kind.length is not None, column
    return kind.length


FIELD_LENGTHS: Mapping[str, int] = {
    "org_name": _length("organisation_name"),
    "admin_name": _length("contact_name"),
    "admin_email": _length("email"),
}
KEPT_AFTER_DECISION = timedelta(days=365)  # a decided request's name and address are then deleted
UNDECIDED = AccountRequest.decided_at.is_(None)  # a request waiting for the centre's administrators


@dataclass(frozen=True, slots=True)
class NewPartner:
    name: str
    kind: str
    website: str
    admin_name: str
    admin_email: str
    language: str
    message: str = ""  # a request's: what the organisation would publish

    @classmethod
    def blank(cls, language: str) -> "NewPartner":
        return cls("", "", "", "", "", language)


def one_line(text: str) -> str:
    """A name as one line of single spaces, 200 characters at most: it goes into mail subjects and headings."""
    return " ".join(text.split())[:200]


def _problems(form: NewPartner) -> list[FieldError]:
    problems = []
    if not form.name.strip():
        problems.append(FieldError.translatable("org_name", accounts.REQUIRED))
    if form.kind not in {str(kind) for kind in PARTNER_KINDS}:
        problems.append(FieldError.translatable("org_kind", N_("choose the kind of organisation")))
    website = form.website.strip()
    if website[:7].lower() == "http://":
        problems.append(FieldError.translatable("org_website", NOT_AN_HTTPS_ADDRESS))
    elif website and (not website.startswith("https://") or any(c.isspace() for c in website) or len(website) > 300):
        problems.append(FieldError.translatable("org_website", NOT_A_WEB_ADDRESS))
    if not form.admin_name.strip():
        problems.append(FieldError.translatable("admin_name", accounts.REQUIRED))
    if len(form.message) > MESSAGE_LENGTH:
        problems.append(FieldError.translatable("message", N_("at most 2,000 characters")))
    typed = {"org_name": form.name, "admin_name": form.admin_name, "admin_email": form.admin_email}
    for field, limit in FIELD_LENGTHS.items():
        if len(typed[field]) > limit:
            problems.append(
                FieldError.translatable(field, N_("must have at most {max_length} characters"), max_length=limit)
            )
    return problems


def _checked(session: Session, form: NewPartner, *, anonymous: bool = False) -> str:
    """The person's address, normalised, once every problem of ``form`` is reported at once, the address's included:
    not one, or — for the centre's administrators, not for anyone asking (that would tell who has an account) — one
    that has an account."""
    problems = _problems(form)
    address = ""
    try:
        address = (
            accounts.checked_address(form.admin_email) if anonymous else accounts.new_address(session, form.admin_email)
        )
    except AppError as exc:
        problems.extend(FieldError(field="admin_email", message=e.message) for e in exc.errors or [])
    if problems:
        raise InvalidParameters("Some fields need correcting.", errors=problems)
    return address


def _free_slug(session: Session, name: str) -> str:
    """The name as an address (« ONG Cacao Équitable » → ``ong-cacao-equitable``), numbered when taken."""
    base = slugify(name, max_length=SLUG_LENGTH, word_boundary=True) or "organisation"
    taken = set(session.scalars(select(Organisation.slug).where(Organisation.slug.startswith(base))))
    number = 1
    slug = base
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def add(session: Session, actor: Person, form: NewPartner) -> tuple[Organisation, User, str]:
    """The new organisation, its first administrator (invited) and the token of the invitation link."""
    _check_centre_admin(actor)
    _checked(session, form)
    name = one_line(form.name)
    organisation = keys.create_organisation(
        session, _free_slug(session, name), name, OrganisationKind(form.kind), actor=actor.as_principal()
    )
    organisation.website = form.website.strip() or None
    user, token = accounts.invite(
        session, actor, organisation, form.admin_email, form.admin_name, Role.admin, form.language
    )
    return organisation, user, token


def _check_centre_admin(actor: Person) -> None:
    if not (actor.is_admin and actor.is_centre):
        raise Forbidden(N_("Only an administrator of the centre adds partner organisations."))


def request_account(session: Session, form: NewPartner) -> tuple[AccountRequest, bool]:
    """An organisation's request, kept for the centre's administrators (``pending``), and whether it is new: the
    same address's waiting request is answered again instead, so sending the form twice tells them once. The
    answer is the same whether the address has an account or a request (nobody learns who has one)."""
    address = _checked(session, form, anonymous=True)
    waiting = select(AccountRequest).where(AccountRequest.email == address, UNDECIDED)
    found = session.scalar(waiting)
    if found is not None:
        return found, False
    stale = AccountRequest.decided_at < utcnow() - KEPT_AFTER_DECISION
    session.execute(delete(AccountRequest).where(stale))  # people's details kept no longer than needed
    request = AccountRequest(
        organisation_name=one_line(form.name),
        kind=OrganisationKind(form.kind),
        website=form.website.strip() or None,
        contact_name=one_line(form.admin_name),
        email=address,
        language=Language(form.language) if form.language in LANGUAGES else Language.fr,
        message=form.message.strip(),
    )
    session.add(request)
    session.flush()
    audit.record(session, "account_request.create", None, request=request.id, organisation=request.organisation_name)
    return request, True


def pending(session: Session) -> list[AccountRequest]:
    """The requests waiting for a decision, oldest first."""
    query = select(AccountRequest).where(UNDECIDED).order_by(AccountRequest.created_at)
    return list(session.scalars(query))


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).where(UNDECIDED)) or 0


def _pending(session: Session, actor: Person, request_id: int) -> AccountRequest:
    _check_centre_admin(actor)
    request = session.get(AccountRequest, request_id)
    if request is None or request.decided_at is not None:
        raise NotFound(N_("No such request, or it was already decided."))
    return request


def accept(session: Session, actor: Person, request_id: int) -> tuple[Organisation, User, str]:
    """The organisation added as it asked and its person invited as its administrator."""
    request = _pending(session, actor, request_id)
    form = NewPartner(
        request.organisation_name,
        request.kind,
        request.website or "",
        request.contact_name,
        request.email,
        request.language,
    )
    organisation, user, token = add(session, actor, form)
    _decide(session, actor, request, RequestDecision.accepted, organisation.id)
    return organisation, user, token


def decline(session: Session, actor: Person, request_id: int) -> AccountRequest:
    request = _pending(session, actor, request_id)
    _decide(session, actor, request, RequestDecision.declined, None)
    return request


def _decide(
    session: Session, actor: Person, request: AccountRequest, decision: RequestDecision, organisation_id: int | None
) -> None:
    request.decided_at, request.decision, request.organisation_id = utcnow(), decision, organisation_id
    audit.record(session, f"account_request.{decision}", actor.as_principal(), request=request.id)
