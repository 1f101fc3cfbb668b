"""Adding a partner organisation from the web: an administrator of the centre names the organisation, its kind and
website, and its first administrator, who is invited at once (the same link as any invitation). The organisation's
address (its slug) is made from its name. Every problem of the form is reported at once; nothing is written unless
all is well (the organisation and the invitation go in one transaction).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from slugify import slugify
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import AppError, FieldError, Forbidden, InvalidParameters
from app.i18n import N_
from app.models import Organisation, OrganisationKind, Role, User
from app.services import accounts, keys
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


@dataclass(frozen=True, slots=True)
class NewPartner:
    name: str
    kind: str
    website: str
    admin_name: str
    admin_email: str
    language: str


def _problems(form: NewPartner) -> list[FieldError]:
    problems = []
    if not form.name.strip():
        problems.append(FieldError.translatable("org_name", N_("required")))
    if form.kind not in {str(kind) for kind in PARTNER_KINDS}:
        problems.append(FieldError.translatable("org_kind", N_("choose the kind of organisation")))
    website = form.website.strip()
    if website and (not website.startswith("https://") or any(c.isspace() for c in website) or len(website) > 300):
        problems.append(FieldError.translatable("org_website", N_("not a web address (it starts with https://)")))
    if not form.admin_name.strip():
        problems.append(FieldError.translatable("admin_name", N_("required")))
    return problems


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
    if not (actor.is_admin and actor.is_centre):
        raise Forbidden(N_("Only an administrator of the centre adds partner organisations."))
    problems = _problems(form)
    try:
        accounts.new_address(session, form.admin_email)
    except AppError as exc:  # not an address, or one that has an account: said next to the field
        problems.extend(FieldError(field="admin_email", message=e.message) for e in exc.errors or [])
    if problems:
        raise InvalidParameters("Some fields need correcting.", errors=problems)
    name = form.name.strip()[:200]
    organisation = keys.create_organisation(
        session, _free_slug(session, name), name, OrganisationKind(form.kind), actor=actor.as_principal()
    )
    organisation.website = form.website.strip() or None
    user, token = accounts.invite(
        session, actor, organisation, form.admin_email, form.admin_name, Role.admin, form.language
    )
    return organisation, user, token
