"""Managing an organisation's people: an administrator of the organisation — or of the centre, for any
organisation — lists its people with their role and status, changes a role, deactivates and reactivates an
account, sends an invitation again or cancels it. Every change is in the audit log.

Deactivating ends the person's sessions at once and voids their unused links; sign-in then fails as for a wrong
password, except with the right one, which is told the account is deactivated. The ended sessions' rows stay until
the account is reactivated (or the retention purge deletes them, app/services/retention.py), so that a browser coming
back with one is told why it ended (not « inactivity »). The centre's administrators may then erase the account
(app/services/erasure.py): it leaves the team page.

So that an organisation always stays manageable, nobody changes their own role or deactivates themselves, and the
last active administrator of an organisation keeps that role. One exception, for an emergency (she left suddenly,
her account is compromised): the centre's administrators may deactivate another organisation's last administrator,
once told that it will then have none, until they invite one or make a member administrator (:func:`deactivate`).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.errors import FieldError, Forbidden, InvalidParameters, NotFound
from app.i18n import N_
from app.models import Organisation, OrganisationKind, Role, TokenPurpose, User, UserSession, UserToken
from app.models.base import utcnow
from app.services import accounts, audit, keys
from app.services.accounts import Person


class Status(StrEnum):
    invited = "invited"  # no password yet
    active = "active"
    deactivated = "deactivated"


LABELS = (N_("invited"), N_("active"), N_("deactivated"))  # the statuses as the pages show them: _(status)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    name: str
    email: str
    role: Role
    status: Status
    last_login_at: datetime | None
    only_admin: bool = False  # the organisation's only active administrator


def without_admin(members: list[Member]) -> bool:
    """Whether an organisation of these people has no administrator, active or invited (the centre deactivated its
    last one): its page says so, and how to give it one."""
    return not any(m.role == Role.admin and m.status != Status.deactivated for m in members)


@dataclass(frozen=True, slots=True)
class LinkHolder:
    """Whom a password link is for, as its page tells them before they choose a password: the address they will
    sign in with, their organisation, and whether it is their first password (an invitation) or a new one."""

    email: str
    organisation: str
    invitation: bool


def link_holder(session: Session, token: str) -> LinkHolder | None:
    """The person a password link (``token``) is for; None when it is unknown, expired or used, or its account
    deactivated (:func:`app.services.accounts.set_password` refuses it then)."""
    link = accounts.valid_token(session, token) if token else None
    user = session.get(User, link.user_id) if link is not None else None
    if link is None or user is None or user.disabled_at is not None:
        return None
    organisation = session.get(Organisation, user.organisation_id)
    # a forgotten password asked before any was chosen gets an invitation's link too (accounts.request_reset)
    first = link.purpose == TokenPurpose.invite and user.password_hash is None
    return LinkHolder(user.email, organisation.name if organisation else "", first)


def status_of(user: User) -> Status:
    if user.disabled_at is not None:
        return Status.deactivated
    return Status.active if user.password_hash else Status.invited


def organisation_for(session: Session, actor: Person, slug: str | None = None) -> Organisation:
    """The organisation whose people ``actor`` manages: its own, or any one (``slug``) for the centre's admins."""
    if not actor.is_admin:
        raise Forbidden(N_("Only an administrator of the organisation manages its people."))
    if slug and slug != actor.organisation_slug:
        if not actor.is_centre:
            raise NotFound(N_("No such organisation."))
        return keys.get_organisation(session, slug)
    organisation = session.get(Organisation, actor.organisation_id)
    if organisation is None:
        raise NotFound(N_("No such organisation."))
    return organisation


def organisations(session: Session, actor: Person) -> list[Organisation]:
    """The organisations ``actor`` may manage the people of."""
    if actor.is_admin and actor.is_centre:
        return keys.list_organisations(session)
    return [organisation_for(session, actor)] if actor.is_admin else []


def members(session: Session, organisation: Organisation) -> list[Member]:
    query = select(User).where(User.organisation_id == organisation.id, User.erased_at.is_(None))
    query = query.order_by(User.name, User.email)
    users = list(session.scalars(query))
    admins = [user for user in users if user.role == Role.admin and status_of(user) == Status.active]
    return [
        Member(user.id, user.name, user.email, user.role, status_of(user), user.last_login_at, admins == [user])
        for user in users
    ]


NOBODY_AT_ADDRESS = N_("nobody has this address: check it against the mail that names it")


def found_by_address(session: Session, actor: Person, email: str) -> tuple[Organisation, int]:
    """The organisation and the id of the person with address ``email``, for the centre's administrators, who manage
    every organisation's people: a request to erase an account (GDPR) names an address, not an organisation. Refused
    next to the field when nobody has it (an erased account has it no more)."""
    if not (actor.is_admin and actor.is_centre):
        raise Forbidden(N_("Only the centre's administrators look a person up by address."))
    user = session.scalar(select(User).where(User.email == accounts.normalise_email(email), User.erased_at.is_(None)))
    if user is None:
        raise refusal("address", NOBODY_AT_ADDRESS)
    _, organisation = target(session, actor, user.id)
    return organisation, user.id


def target(session: Session, actor: Person, user_id: int) -> tuple[User, Organisation]:
    """The person ``actor`` acts on, and their organisation; 404 for anyone ``actor`` may not manage, and for an
    erased account (app.services.erasure): nothing of it is left to change."""
    user = session.get(User, user_id)
    if user is None or user.erased_at is not None:
        raise NotFound(N_("No such person."))
    organisation = session.get(Organisation, user.organisation_id)
    if organisation is None or organisation_for(session, actor, organisation.slug).id != organisation.id:
        raise NotFound(N_("No such person."))
    return user, organisation


def refusal(field: str, message: str) -> InvalidParameters:
    """A refused change, its message next to ``field``."""
    return InvalidParameters(message, errors=[FieldError(field=field, message=message)])


LAST_ADMIN_UNCONFIRMED = N_(
    "this is the organisation’s only active administrator: deactivated, it will have none until you invite one or "
    "make a member administrator; confirm with the button that says so"
)


def _keeps_an_admin(session: Session, user: User) -> bool:
    """Whether the organisation has another active administrator than ``user``."""
    others = select(func.count()).where(
        User.organisation_id == user.organisation_id,
        User.id != user.id,
        User.role == Role.admin,
        User.disabled_at.is_(None),
        User.password_hash.is_not(None),
    )
    return bool(session.scalar(others))


def _is_last_admin(session: Session, user: User) -> bool:
    return user.role == Role.admin and status_of(user) == Status.active and not _keeps_an_admin(session, user)


def _check_not_self_nor_last_admin(session: Session, actor: Person, user: User, field: str) -> None:
    if user.id == actor.id:
        raise refusal(field, N_("you cannot do this to your own account"))
    if _is_last_admin(session, user):
        raise refusal(field, N_("the organisation needs another active administrator first"))


def may_leave_without_admin(actor: Person, user: User) -> bool:
    """Whether ``actor`` may deactivate ``user`` though they are their organisation's last active administrator:
    the centre's administrators only, and for another organisation than the centre (whose last administrator is
    the actor, who does not deactivate themselves)."""
    return actor.is_admin and actor.is_centre and user.organisation_id != actor.organisation_id


def change_role(session: Session, actor: Person, user_id: int, role: str) -> User:
    user, organisation = target(session, actor, user_id)
    if role not in set(Role):
        raise refusal("role", N_("unknown role"))
    if role == Role.editor and organisation.kind != OrganisationKind.resource_centre:
        raise refusal("role", N_("editors belong to the centre's organisation"))
    if role == user.role:
        return user
    if user.role == Role.admin:
        _check_not_self_nor_last_admin(session, actor, user, "role")
    elif user.id == actor.id:
        raise refusal("role", N_("you cannot do this to your own account"))
    before, user.role = user.role, Role(role)
    audit.record(session, "user.role", actor.as_principal(), user=user.id, before=str(before), after=str(role))
    return user


def deactivate(session: Session, actor: Person, user_id: int, *, leave_without_admin: bool = False) -> User | None:
    """Deactivate an account: its sessions end now, its unused links stop working, it cannot sign in. None when it
    was deactivated already: nothing changed, and nobody is to be told again.

    An organisation's last active administrator is deactivated only by the centre's administrators, and only with
    ``leave_without_admin`` (the page's confirmation, which warned them): a page read when there were two, posted
    after the other one left, is refused with the warning, not obeyed. The audit entry says the organisation was
    left without an administrator."""
    user, organisation = target(session, actor, user_id)
    if user.disabled_at is not None:
        return None
    last = _is_last_admin(session, user)
    if last and may_leave_without_admin(actor, user):
        if not leave_without_admin:
            raise refusal("status", LAST_ADMIN_UNCONFIRMED)
    else:
        _check_not_self_nor_last_admin(session, actor, user, "status")
    now = utcnow()
    user.disabled_at = now
    # ended, not deleted: accounts.person_of refuses them, accounts.ended_by_deactivation tells why they ended
    session.execute(update(UserSession).where(UserSession.user_id == user.id).values(expires_at=now))
    session.execute(
        update(UserToken).where(UserToken.user_id == user.id, UserToken.used_at.is_(None)).values(used_at=now)
    )
    if last:  # the organisation has no administrator now: said in the trail, with whom
        audit.record(
            session,
            "user.deactivate",
            actor.as_principal(),
            user=user.id,
            organisation=organisation.slug,
            left_without_admin=True,
        )
    else:
        audit.record(session, "user.deactivate", actor.as_principal(), user=user.id)
    return user


def reactivate(session: Session, actor: Person, user_id: int) -> User:
    user, _ = target(session, actor, user_id)
    if user.disabled_at is None:
        return user
    user.disabled_at = None
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))  # ended at the deactivation
    audit.record(session, "user.reactivate", actor.as_principal(), user=user.id)
    return user


def invited_member(session: Session, organisation: Organisation, user_id: str) -> User | None:
    """The organisation's person ``user_id`` (as a page's address gives it) while they are still invited, else
    None: the notice after an invitation names them only then."""
    user = session.get(User, int(user_id)) if user_id.isdigit() and len(user_id) < 10 else None  # an int4
    if user is None or user.organisation_id != organisation.id or user.password_hash is not None:
        return None
    return user


def is_last_admin(session: Session, person: Person) -> bool:
    """Whether ``person`` is the only active administrator of their organisation: before leaving it, they make a
    colleague administrator, who then deactivates their account (nobody deactivates themselves)."""
    user = session.get(User, person.id)
    return user is not None and user.role == Role.admin and not _keeps_an_admin(session, user)


def cancel_invitation(session: Session, actor: Person, user_id: int) -> User:
    """Take back the invitation of a person who never chose a password (a mistyped address, say): their account and
    its links are deleted, so the link mailed stops working and the address may be invited again. The audit entry
    keeps the address and name, the account being gone. Nobody is mailed: the address may be nobody's it meant."""
    user, organisation = target(session, actor, user_id)
    if user.password_hash is not None:
        raise refusal("status", N_("only an invitation nobody has accepted yet can be cancelled"))
    session.execute(delete(UserToken).where(UserToken.user_id == user.id))
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    audit.record(
        session,
        "user.invite.cancel",
        actor.as_principal(),
        user=user.id,
        email=user.email,
        name=user.name,
        organisation=organisation.slug,
    )
    session.delete(user)
    session.flush()
    return user


def resend_invitation(session: Session, actor: Person, user_id: int) -> tuple[User, str, Organisation]:
    """A new invitation link for a person who has not set a password yet (the previous link stops working)."""
    user, organisation = target(session, actor, user_id)
    if status_of(user) != Status.invited:
        raise refusal("status", N_("only a person who has not accepted their invitation gets it again"))
    token = accounts.new_link(session, user, TokenPurpose.invite)
    audit.record(session, "user.invite.resend", actor.as_principal(), user=user.id)
    return user, token, organisation
