"""People: invitations, passwords, password resets, sign-in with throttling, sessions (OWASP ASVS level 2).

* Passwords: argon2id (argon2-cffi's RFC 9106 low-memory profile), 12 to 128 characters, any characters, no
  composition rules; rehashed at sign-in when the parameters change.
* One-time links (invitation, reset) carry a random token; only its SHA-256 is stored. Single use; an invitation
  lasts 7 days, a reset 1 hour; a forgotten password asked by someone invited who never chose one brings a new
  invitation link (7 days, the old one void). Asking for a reset never says whether the address has an account.
* Sign-in: failures are counted per account and per client address over ``login_window_minutes``; past the
  limit, sign-in is refused before the password is even checked, with the same answer for every account. A
  deactivated account is told so only once its password is right (so nobody learns which accounts exist).
* Sessions: a random token per sign-in (so a session id set before sign-in is never reused: no fixation), stored
  hashed with an absolute and an idle expiry; signing out ends it, "sign out everywhere" and any password change
  end them all.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from app.config import Settings
from app.errors import Conflict, FieldError, Forbidden, InvalidParameters, NotFound, TooManyRequests, Unauthorized
from app.i18n import N_
from app.languages import LANGUAGES, Language
from app.models import (
    AuditEntry,
    LoginAttempt,
    Organisation,
    OrganisationKind,
    Role,
    Scope,
    TokenPurpose,
    User,
    UserSession,
    UserToken,
)
from app.models.base import utcnow
from app.services import audit
from app.services.principal import OrganisationRef, Principal, PrincipalKind

PASSWORD_MIN, PASSWORD_MAX = 12, 128
ZXCVBN_MAX_LENGTH = 72
INVITE_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=1)
LAST_SEEN_PRECISION = timedelta(minutes=1)
hasher = PasswordHasher()  # argon2id
_DUMMY_HASH = hasher.hash("not a password of anyone")
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.contributor: frozenset({Scope.resources_write}),
    Role.admin: frozenset({Scope.resources_write, Scope.admin}),
    Role.editor: frozenset({Scope.resources_write, Scope.resources_review}),
}


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True, slots=True)
class Person:
    """The signed-in person of a request, detached from the session."""

    id: int
    email: str
    name: str
    role: Role
    organisation_id: int
    organisation_slug: str
    organisation_name: str
    is_centre: bool
    session_id: int

    @property
    def is_editor(self) -> bool:
        return self.role == Role.editor and self.is_centre

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    def as_principal(self, client: str = "unknown") -> Principal:
        """The person as the request's caller: writes for its organisation with its role's scopes; the audit log
        names it ``user:<id>``."""
        scopes = (
            ROLE_SCOPES[self.role] if (self.role != Role.editor or self.is_centre) else ROLE_SCOPES[Role.contributor]
        )
        return Principal(
            PrincipalKind.person,
            client,
            credential=f"user:{self.id}",
            organisation=OrganisationRef(self.organisation_id, self.organisation_slug),
            scopes=frozenset(scopes),
            person=self,
        )


# Passwords


def password_problems(password: str, email: str = "") -> list[str]:
    problems = []
    if len(password) < PASSWORD_MIN:
        problems.append(N_("at least 12 characters"))  # PASSWORD_MIN
    if len(password) > PASSWORD_MAX:
        problems.append(N_("at most 128 characters"))  # PASSWORD_MAX
    if email and password.strip().lower() == normalise_email(email):
        problems.append(N_("not your email address"))
    elif PASSWORD_MIN <= len(password) <= PASSWORD_MAX and _guessable(password, email):
        problems.append(N_("too easy to guess (a common or breached password, or a simple pattern): try a few words"))
    return problems


def _guessable(password: str, email: str) -> bool:
    """ASVS 2.1.7 and 2.1.8: zxcvbn's estimate, whose dictionaries come from breached-password lists and which sees
    keyboard rows, repeats, sequences, dates and words with digits, puts it under about 10^8 guesses (score < 3).
    It reads the first 72 characters, its own limit; the email's words count as known to an attacker."""
    score: int = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[email, email.split("@")[0]])["score"]
    return score < 3


def hash_password(password: str) -> str:
    return hasher.hash(password)


# Invitations and one-time links


def new_link(session: Session, user: User, purpose: TokenPurpose) -> str:
    token = secrets.token_urlsafe(32)
    lifetime = INVITE_LIFETIME if purpose == TokenPurpose.invite else RESET_LIFETIME
    now = utcnow()
    # an older unused link of the same purpose stops working: only the latest mail is good
    for old in session.scalars(
        select(UserToken).where(UserToken.user_id == user.id, UserToken.purpose == purpose, UserToken.used_at.is_(None))
    ):
        old.used_at = now
    session.add(UserToken(token_hash=digest(token), user_id=user.id, purpose=purpose, expires_at=now + lifetime))
    return token


# A mailbox on a domain with at least one dot (``fatou@ong`` is no address anyone can write to), no space, one @.
_ADDRESS = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
NOT_AN_ADDRESS = N_("not an email address: it looks like name@organisation.org")
REQUIRED = N_("required")  # every form's word for a field left empty (app.web.routing.missing too)
# An address with an account in another organisation: what to do, not why (that would tell who has an account).
NOT_INVITABLE = N_("This address cannot be invited: ask the person to use another address, or write to the centre.")


def checked_address(email: str) -> str:
    """``email`` normalised, when it looks like an address (else the problem, on ``email``): left empty, it is
    « required », not « not an email address », which sent people looking for a typo in a box they had not filled."""
    address = normalise_email(email)
    if not address:
        raise InvalidParameters("An email address is required.", errors=[FieldError(field="email", message=REQUIRED)])
    if len(address) > 254 or not _ADDRESS.fullmatch(address):
        raise InvalidParameters("Not an email address.", errors=[FieldError(field="email", message=NOT_AN_ADDRESS)])
    return address


def new_address(session: Session, email: str, organisation_id: int | None = None) -> str:
    """``email`` normalised, when it is an address that has no account yet (else the problem, on ``email``). For
    an organisation's own administrator (``organisation_id``: theirs), an account elsewhere is not named as such."""
    address = checked_address(email)
    owner = session.scalar(select(User.organisation_id).where(User.email == address))
    if owner is None:
        return address
    if organisation_id is not None and owner != organisation_id:
        raise Conflict(f"{address} cannot be invited.", errors=[FieldError(field="email", message=NOT_INVITABLE)])
    raise Conflict(
        f"{address} already has an account.",
        errors=[FieldError(field="email", message=N_("already has an account"))],
    )


def invite(
    session: Session,
    inviter: Person | None,
    organisation: Organisation,
    email: str,
    name: str,
    role: Role,
    language: str = "fr",
) -> tuple[User, str]:
    """A new person (no password yet) and the token of their invitation link. ``inviter`` None: the command line.
    An admin invites into its own organisation (the centre's admins into any); editors belong to the centre."""
    if inviter is not None and not inviter.is_admin:
        raise Forbidden("Only an administrator of the organisation can invite people.")
    if inviter is not None and not inviter.is_centre and inviter.organisation_id != organisation.id:
        raise Forbidden("You can only invite people into your own organisation.")
    if role == Role.editor and organisation.kind != OrganisationKind.resource_centre:
        raise InvalidParameters(
            "Editors belong to the centre's organisation.",
            errors=[FieldError(field="role", message=N_("editors belong to the centre's organisation"))],
        )
    # the centre's administrators see every organisation's people: to them an account elsewhere is no secret
    address = new_address(session, email, None if inviter is None or inviter.is_centre else organisation.id)
    user = User(
        organisation_id=organisation.id,
        email=address,
        name=name.strip()[:200] or address,
        role=role,
        language=Language(language) if language in LANGUAGES else Language.fr,
    )
    session.add(user)
    session.flush()
    token = new_link(session, user, TokenPurpose.invite)
    actor = inviter.as_principal() if inviter else None
    audit.record(session, "user.invite", actor, user=user.id, organisation=organisation.slug, role=str(role))
    return user, token


def valid_token(session: Session, token: str) -> UserToken | None:
    """The unexpired, unused link of this token, else None."""
    found = session.scalar(select(UserToken).where(UserToken.token_hash == digest(token)))
    if found is None or found.used_at is not None or found.expires_at <= utcnow():
        return None
    return found


def set_password(session: Session, token: str, password: str, confirmation: str) -> User:
    """Redeem a link: set the password, end every session of the person, and use up the link."""
    link = valid_token(session, token)
    if link is None:
        raise NotFound("This link has expired or was already used. Ask for a new one.")
    user = session.get(User, link.user_id)
    if user is None or user.disabled_at is not None:
        raise NotFound("This link has expired or was already used. Ask for a new one.")
    problems = [FieldError(field="password", message=p) for p in password_problems(password, user.email)]
    if password != confirmation:
        problems.append(FieldError(field="confirmation", message=N_("does not match the password")))
    if problems:
        raise InvalidParameters("; ".join(f"{p.field}: {p.message}" for p in problems), errors=problems)
    link.used_at = utcnow()
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    audit.record(session, f"user.password.{link.purpose}", None, user=user.id)
    return user


def deactivated_account(session: Session, email: str) -> User | None:
    """The deactivated account with this address, if any: a forgotten-password request tells its owner, by mail
    only, why no link comes."""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    return user if user is not None and user.disabled_at is not None else None


def request_reset(session: Session, email: str) -> tuple[User, str] | None:
    """A reset link for an active account with this address (None otherwise: the caller answers the same way); for
    someone invited who has no password yet, a new invitation link (:data:`INVITE_LIFETIME`, the mail says so)."""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or user.disabled_at is not None:
        return None
    purpose = TokenPurpose.reset if user.password_hash else TokenPurpose.invite
    return user, new_link(session, user, purpose)


# Sign-in

ACCOUNT_DEACTIVATED = N_("Your account has been deactivated: contact the administrator of your organisation.")


class AccountDeactivated(Unauthorized):
    """The right password for a deactivated account (no session starts). An ``Unauthorized`` still, for the forms
    that only know that one; the sign-in page says what it is."""

    status, title, slug = 403, "Forbidden", "forbidden"


def _failures_since(session: Session, since: datetime, **where: str) -> int:
    query = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.at >= since)
    for column, value in where.items():
        query = query.where(getattr(LoginAttempt, column) == value)
    return session.scalar(query) or 0


def _check_credentials(session: Session, settings: Settings, email: str, password: str, address: str) -> User:
    """The active account with this address and password; 429 when this account or address failed too often
    (checked before the password), 401 otherwise, the failure counted."""
    address_key = address[:64]
    account = normalise_email(email)[:254]
    window = timedelta(minutes=settings.login_window_minutes)
    since = utcnow() - window
    if (
        _failures_since(session, since, email=account) >= settings.login_failures_per_account
        or _failures_since(session, since, address=address_key) >= settings.login_failures_per_address
    ):
        raise TooManyRequests(
            f"Too many failed sign-ins: wait {settings.login_window_minutes} minutes, or reset your password.",
            headers={"Retry-After": str(int(window.total_seconds()))},
        )
    user = session.scalar(select(User).where(User.email == account))
    stored = user.password_hash if user is not None else None
    try:
        hasher.verify(stored or _DUMMY_HASH, password)  # the same work with or without an account
        ok = stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        session.add(LoginAttempt(email=account, address=address_key))
        raise Unauthorized("Wrong email address or password.")
    if user.disabled_at is not None:  # said only to whoever knows the password: no account is given away
        raise AccountDeactivated(ACCOUNT_DEACTIVATED)
    if hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    return user


def authenticate(session: Session, settings: Settings, email: str, password: str, address: str) -> User:
    """The person with these credentials; 429 when this account or address failed too often, 401 otherwise."""
    user = _check_credentials(session, settings, email, password, address)
    user.last_login_at = utcnow()
    return user


def change_password(
    session: Session, settings: Settings, person: Person, current: str, password: str, confirmation: str, address: str
) -> User:
    """A signed-in person's new password. The current one is asked for (a wrong one counts as a failed sign-in);
    every other session of the person ends, this one goes on."""
    try:
        user = _check_credentials(session, settings, person.email, current, address)
        problems = []
    except Unauthorized:
        problems = [FieldError(field="current_password", message=N_("not your current password"))]
    problems += [FieldError(field="password", message=p) for p in password_problems(password, person.email)]
    if password != confirmation:
        problems.append(FieldError(field="confirmation", message=N_("does not match the password")))
    if problems:
        raise InvalidParameters("; ".join(f"{p.field}: {p.message}" for p in problems), errors=problems)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_other_sessions(session, person, action="user.password.change")
    return user


# Sessions


def start_session(session: Session, settings: Settings, user: User, address: str) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            token_hash=digest(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_hours),
            address=address[:64],
        )
    )
    audit.record(session, "user.login", None, user=user.id)
    return token


def person_of(session: Session, settings: Settings, token: str) -> Person | None:
    """The signed-in person of a session token, or None (unknown, expired, idle too long, disabled account)."""
    found = session.scalar(select(UserSession).where(UserSession.token_hash == digest(token)))
    if found is None:
        return None
    user = session.get(User, found.user_id)
    if user is None or user.disabled_at is not None:
        return None  # its row stays: the sign-in page tells why (ended_by_deactivation)
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    if found.expires_at <= now or found.last_seen_at + idle <= now:
        session.delete(found)
        return None
    organisation = session.get(Organisation, user.organisation_id)
    if organisation is None:
        return None
    if found.last_seen_at + LAST_SEEN_PRECISION <= now:
        found.last_seen_at = now
    return Person(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        organisation_id=organisation.id,
        organisation_slug=organisation.slug,
        organisation_name=organisation.name,
        is_centre=organisation.kind == OrganisationKind.resource_centre,
        session_id=found.id,
    )


def ended_by_deactivation(session: Session, token: str) -> bool:
    """Whether the session of ``token`` ended because its account was deactivated (people.deactivate keeps its row
    until the account is reactivated), not because it stayed idle or was signed out elsewhere."""
    query = select(User.disabled_at).join(UserSession, UserSession.user_id == User.id)
    return session.scalar(query.where(UserSession.token_hash == digest(token))) is not None


def end_session(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == digest(token)))


def end_all_sessions(session: Session, user_id: int) -> int:
    result = session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    audit.record(session, "user.logout.everywhere", None, user=user_id)
    return int(getattr(result, "rowcount", 0) or 0)


def end_other_sessions_confirmed(
    session: Session, settings: Settings, person: Person, password: str, address: str
) -> int:
    """ASVS 3.3.4: the person's other sessions end once their password is given again (a wrong one counts as a
    failed sign-in, so it is throttled like one)."""
    try:
        _check_credentials(session, settings, person.email, password, address)
    except Unauthorized:
        problem = FieldError(field="sessions_password", message=N_("not your current password"))
        raise InvalidParameters(f"{problem.field}: {problem.message}", errors=[problem]) from None
    return end_other_sessions(session, person)


def end_other_sessions(session: Session, person: Person, action: str = "user.logout.others") -> int:
    """End every session of ``person`` but the one in use."""
    query = delete(UserSession).where(UserSession.user_id == person.id, UserSession.id != person.session_id)
    result = session.execute(query)
    audit.record(session, action, person.as_principal(), user=person.id)
    return int(getattr(result, "rowcount", 0) or 0)


def sessions_of(session: Session, user_id: int) -> list[UserSession]:
    """The person's sessions, the most recently used first."""
    query = select(UserSession).where(UserSession.user_id == user_id).order_by(UserSession.last_seen_at.desc())
    return list(session.scalars(query))


def people(session: Session, organisation_id: int) -> list[User]:
    return list(session.scalars(select(User).where(User.organisation_id == organisation_id).order_by(User.name)))


def centre_people(session: Session, role: Role) -> list[User]:
    """The centre's people of ``role`` with an active account: editors are told of new submissions, administrators
    of requests for an account."""
    query = (
        select(User)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(
            Organisation.kind == OrganisationKind.resource_centre,
            User.role == role,
            User.disabled_at.is_(None),
            User.password_hash.is_not(None),
        )
    )
    return list(session.scalars(query))


def reviewers_to_mail(session: Session) -> list[User]:
    """The centre's editors with an active account who chose, on their account page, to be mailed each submission,
    resubmission and withdrawal."""
    return [editor for editor in centre_people(session, Role.editor) if editor.submission_mails]


def wants_submission_mails(session: Session, person: Person) -> bool:
    user = session.get(User, person.id)
    return user is not None and user.submission_mails


def choose_submission_mails(session: Session, person: Person, wanted: bool) -> None:
    """An editor's choice to be mailed each submission (the others are mailed none: nothing to choose)."""
    user = session.get(User, person.id)
    if user is None or not person.is_editor:
        raise Forbidden(N_("Only the centre's editors are mailed about submissions."))
    if user.submission_mails != wanted:
        user.submission_mails = wanted
        audit.record(session, "user.submission_mails", person.as_principal(), user=person.id, wanted=wanted)


def mail_language(session: Session, person: Person) -> str:
    user = session.get(User, person.id)
    return user.language.value if user is not None else Language.fr.value


def choose_mail_language(session: Session, person: Person, language: str) -> None:
    """The language of the mails the centre sends this person (invitations name it first; anyone may change it)."""
    if language not in LANGUAGES:
        raise InvalidParameters(
            f"No mails are written in {language[:8]!r}.",
            errors=[FieldError.translatable("mail_language", N_("Choose French or English."))],
        )
    user = session.get(User, person.id)
    if user is not None and user.language != language:
        user.language = Language(language)
        audit.record(session, "user.mail_language", person.as_principal(), user=person.id, language=language)


def submitter(session: Session, resource_id: str) -> User | None:
    """The person who last submitted ``resource_id`` for review, as the audit log names them (``user:<id>``); None
    when an API key or the command line did."""
    query = (
        select(AuditEntry.key_prefix)
        .where(AuditEntry.action == "resource.submit", AuditEntry.resource_id == resource_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    user_id = audit.person_id(session.scalar(query))
    return session.get(User, user_id) if user_id is not None else None
