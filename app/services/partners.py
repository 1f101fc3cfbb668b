"""Partner organisations from the web. An organisation asks for an account on the publish page (its request is
kept until the centre decides); an administrator of the centre accepts it, or adds an organisation directly: the
organisation is created with its kind and website, and its first administrator invited at once (the same link as
any invitation). The organisation's address (its slug) is made from its name. Every problem of a form is reported
at once; nothing is written unless all is well (the organisation, the invitation and the decision go in one
transaction).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError
from app.i18n import N_
from app.languages import LANGUAGES, Language
from app.models import AccountRequest, Organisation, OrganisationKind, RequestDecision, Role, User
from app.schemas.problems import NOT_A_WEB_ADDRESS, NOT_AN_HTTPS_ADDRESS
from app.services import accounts, audit
from app.services import centre_requests as requests
from app.services.accounts import Person
from app.services.centre_requests import MESSAGE_LENGTH as MESSAGE_LENGTH  # the account request form's
from app.services.centre_requests import one_line

# The kinds a partner may be (the centre's own kind is not one, nor a company's: partners that publish speak for
# many), as the form shows them: _(label).
PARTNER_KINDS: Mapping[OrganisationKind, str] = {
    OrganisationKind.ngo: N_("NGO or association"),
    OrganisationKind.company_network: N_("Business network"),
    OrganisationKind.union: N_("Trade union"),
    OrganisationKind.public_body: N_("Public body"),
    OrganisationKind.international_organisation: N_("International organisation"),
}
# A form's fields as long as the columns that keep them (a request's; an organisation's and a person's are the
# same). The website has its own check (a web address).
FIELD_LENGTHS: Mapping[str, int] = {
    "org_name": requests.column_length(AccountRequest, "organisation_name"),
    "admin_name": requests.column_length(AccountRequest, "contact_name"),
    "admin_email": requests.column_length(AccountRequest, "email"),
}
ONLY_THE_CENTRE = N_("Only an administrator of the centre adds partner organisations.")


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


def _problems(form: NewPartner) -> list[FieldError]:
    typed = {"org_name": form.name, "admin_name": form.admin_name, "admin_email": form.admin_email}
    required = {"org_name": form.name, "admin_name": form.admin_name}
    problems = requests.text_problems(required, FIELD_LENGTHS, typed, form.message)
    if form.kind not in {str(kind) for kind in PARTNER_KINDS}:
        problems.append(FieldError.translatable("org_kind", N_("choose the kind of organisation")))
    website = form.website.strip()
    if website[:7].lower() == "http://":
        problems.append(FieldError.translatable("org_website", NOT_AN_HTTPS_ADDRESS))
    elif website and (not website.startswith("https://") or any(c.isspace() for c in website) or len(website) > 300):
        problems.append(FieldError.translatable("org_website", NOT_A_WEB_ADDRESS))
    return problems


def _checked(session: Session, form: NewPartner, *, anonymous: bool = False) -> str:
    """The person's address, normalised, once every problem of ``form`` is reported at once, the address's included:
    not one, or — for the centre's administrators, not for anyone asking (that would tell who has an account) — one
    that has an account."""
    address = (
        requests.anonymous_address(form.admin_email)
        if anonymous
        else lambda: accounts.new_address(session, form.admin_email)
    )
    return requests.checked_address(_problems(form), "admin_email", address)


def add(session: Session, actor: Person, form: NewPartner) -> tuple[Organisation, User, str]:
    """The new organisation, its first administrator (invited) and the token of the invitation link."""
    requests.check_centre_admin(actor, ONLY_THE_CENTRE)
    _checked(session, form)
    organisation = requests.new_organisation(session, actor, form.name, OrganisationKind(form.kind))
    organisation.website = form.website.strip() or None
    user, token = accounts.invite(
        session, actor, organisation, form.admin_email, form.admin_name, Role.admin, form.language
    )
    return organisation, user, token


def request_account(session: Session, form: NewPartner) -> tuple[AccountRequest, bool]:
    """An organisation's request, kept for the centre's administrators (``pending``), and whether it is new: the
    same address's waiting request is answered again instead, so sending the form twice tells them once. The
    answer is the same whether the address has an account or a request (nobody learns who has one)."""
    address = _checked(session, form, anonymous=True)
    waiting = select(AccountRequest).where(AccountRequest.email == address, AccountRequest.decided_at.is_(None))
    found = session.scalar(waiting)
    if found is not None:
        return found, False
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
    return requests.pending(session, AccountRequest)


def _pending(session: Session, actor: Person, request_id: int) -> AccountRequest:
    requests.check_centre_admin(actor, ONLY_THE_CENTRE)
    return requests.undecided(session, AccountRequest, request_id)


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
    requests.decide(session, actor, request, RequestDecision.accepted, organisation.id)
    return organisation, user, token


def decline(session: Session, actor: Person, request_id: int) -> AccountRequest:
    request = _pending(session, actor, request_id)
    requests.decide(session, actor, request, RequestDecision.declined, None)
    return request
