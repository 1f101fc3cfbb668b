"""Erasing a person (GDPR, article 17): what the centre keeps of a deactivated account that names or reaches its
person goes — name, address, password, sessions, links, failed sign-ins, requests sent from the address —, and the
account's row stays, named « compte effacé n° 12 », so that the resources, their revisions and the audit log, which
name it by its number (``user:12``), stay whole. The address may then be invited again, as a new account.

Only a deactivated account is erased: an active one is deactivated first (its sessions end, it is told by mail),
which keeps an erasure from being a mistaken click on a colleague at work. Erasing cannot be undone, and the
controller answers for it: the centre's administrators erase (on the team page), and the operator (``crv users
erase``); an organisation's administrator deactivates, and writes to the centre to have an account erased.
"""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import Forbidden, NotFound
from app.i18n import N_
from app.models import AccountRequest, KeyRequest, LoginAttempt, User, UserSession, UserToken
from app.models.base import utcnow
from app.services import accounts, audit, people
from app.services.accounts import Person

# In the centre's language: the name every page shows for the account from then on (the audit's trail, the desk).
ERASED_NAME = "compte effacé n°\u00a0{number}"  # French typography: a no-break space after n°
ERASED_DOMAIN = "erased.invalid"  # RFC 2606: a domain that never receives mail
NOT_DEACTIVATED = N_("only a deactivated account can be erased: deactivate it first")


def may_erase(actor: Person) -> bool:
    """Whether ``actor`` erases accounts: the centre's administrators."""
    return actor.is_admin and actor.is_centre


def erase(session: Session, actor: Person | None, user_id: int) -> User:
    """Erase the deactivated account ``user_id``; ``actor`` None: the command line. Refused (422, next to the
    person's status) while the account is active or invited; 404 for an account erased already or one ``actor``
    does not manage."""
    if actor is not None and not may_erase(actor):
        raise Forbidden(N_("Only the centre's administrators erase an account."))
    if actor is None:
        user = session.get(User, user_id)
        if user is None or user.erased_at is not None:
            raise NotFound(N_("No such person."))
    else:
        user, _ = people.target(session, actor, user_id)  # an erased account is nobody's to manage any more
    if user.disabled_at is None:
        raise people.refusal("status", NOT_DEACTIVATED)
    address = user.email
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    session.execute(delete(UserToken).where(UserToken.user_id == user.id))
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == address))
    for model in (AccountRequest, KeyRequest):
        session.execute(delete(model).where(model.email == address))
    user.name = ERASED_NAME.format(number=user.id)
    user.email = f"{user.id}@{ERASED_DOMAIN}"
    user.password_hash = None
    user.last_login_at = user.password_changed_at = None
    user.erased_at = utcnow()
    audit.record(session, "user.erase", actor.as_principal() if actor else None, user=user.id)
    return user


def account_of(session: Session, email: str) -> int:
    """The id of the (not erased) account with this address, for the command line."""
    found = session.scalar(
        select(User.id).where(User.email == accounts.normalise_email(email), User.erased_at.is_(None))
    )
    if found is None:
        raise NotFound(N_("No such person."))
    return found
