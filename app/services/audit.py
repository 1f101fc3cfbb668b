"""The audit log: every state change of a resource, an organisation or a key, with who did it and when."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, gettext
from app.models import AuditEntry, Organisation, User
from app.services.centre import organisation_name

if TYPE_CHECKING:  # keys records its own changes here
    from app.services.principal import Principal


def record(
    session: Session,
    action: str,
    actor: "Principal | None",
    *,
    resource_id: str | None = None,
    revision: int | None = None,
    **details: object,
) -> AuditEntry:
    """Add one row (flushed with the change it records). ``actor`` None means the command line."""
    entry = AuditEntry(
        action=action,
        organisation_id=actor.organisation_id if actor else None,
        key_prefix=actor.prefix if actor else None,
        resource_id=resource_id,
        revision=revision,
        details=details if actor else {"via": "cli", **details},
    )
    session.add(entry)
    return entry


def entries(session: Session, resource_id: str | None = None, limit: int = 100) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if resource_id is not None:
        query = query.where(AuditEntry.resource_id == resource_id)
    return session.scalars(query).all()


# What the desk's audit trail says of each action on a resource, in the reader's language.
ACTIONS: Mapping[str, str] = {
    "resource.create": N_("Created"),
    "resource.update": N_("Edited"),
    "resource.submit": N_("Submitted for review"),
    "resource.correct": N_("Corrected by an editor"),
    "resource.approve": N_("Approved and published"),
    "resource.reject": N_("Sent back"),
    "resource.withdraw": N_("Withdrawn from review"),
    "resource.decline": N_("Declined for good"),
    "resource.unpublish": N_("Taken off the site"),
    "resource.archive": N_("Archived"),
    # the desk's « I'm reviewing this » (app/services/desk_taking.py)
    "resource.take": N_("Taken for review"),
    "resource.take_over": N_("Taken over for review"),
    "resource.give_back": N_("Given back: no longer being reviewed"),
}
TAKEN_OVER_FROM = N_("Taken over for review from %(who)s")  # a take-over, whose it was known
# The actions whose row says the editor's reason.
WITH_REASON = frozenset({"resource.reject", "resource.decline", "resource.unpublish"})


@dataclass(frozen=True, slots=True)
class TrailEntry:
    at: datetime
    action: str  # in the reader's language
    revision: int | None
    who: str  # a person and their organisation, an API key and its organisation, or the command line
    reason: str  # why it was sent back, declined or taken off the site ("" otherwise)


def trail(session: Session, resource_id: str, language: str) -> list[TrailEntry]:
    """A resource's audit log as people read it (the log names a person ``user:<id>``, a key by its prefix)."""
    rows = entries(session, resource_id)
    taken_from = {row.id: str(row.details.get("previous", "")) for row in rows if row.action == "resource.take_over"}
    prefixes = [row.key_prefix for row in rows] + list(taken_from.values())
    user_ids = {user_id for prefix in prefixes if (user_id := person_id(prefix)) is not None}
    accounts = select(User.id, User.name, User.erased_at).where(User.id.in_(user_ids))
    users = {row.id: person_name(language, row.id, row.name, row.erased_at) for row in session.execute(accounts)}
    organisation_ids = {row.organisation_id for row in rows if row.organisation_id is not None}
    named = select(Organisation.id, Organisation.slug, Organisation.name).where(Organisation.id.in_(organisation_ids))
    organisations = {row.id: organisation_name(row.slug, row.name, language) for row in session.execute(named)}

    def who(row: AuditEntry) -> str:
        if row.key_prefix is None:
            return gettext(language, "command line")
        user_id = person_id(row.key_prefix)
        if user_id is None:
            actor = gettext(language, "API key %(prefix)s", prefix=row.key_prefix)
        else:
            actor = users.get(user_id, row.key_prefix)
        organisation = organisations.get(row.organisation_id) if row.organisation_id is not None else None
        return f"{actor} ({organisation})" if organisation else actor

    def action(row: AuditEntry) -> str:
        previous = person_id(taken_from.get(row.id))
        if previous is not None and previous in users:
            return gettext(language, TAKEN_OVER_FROM, who=users[previous])
        return gettext(language, ACTIONS[row.action]) if row.action in ACTIONS else row.action

    return [
        TrailEntry(
            row.at,
            action(row),
            row.revision,
            who(row),
            str(row.details.get("reason", "")) if row.action in WITH_REASON else "",
        )
        for row in rows
    ]


# An erased account's name as a page says it: the name stored (app.services.erasure.ERASED_NAME) is the centre's
# French one, which the command line prints; an English page says it in English.
ERASED_ACCOUNT = N_("erased account no. %(number)s")


def person_name(language: str, user_id: int, name: str, erased_at: datetime | None) -> str:
    """The name of account ``user_id`` (its ``name`` and ``erased_at``) for a reader of ``language``."""
    return gettext(language, ERASED_ACCOUNT, number=user_id) if erased_at is not None else name


def person_id(key_prefix: str | None) -> int | None:
    """The user id of a person's ``user:<id>`` (``Person.as_principal``); None for a key or the command line."""
    if key_prefix and key_prefix.startswith("user:") and key_prefix[5:].isdigit():
        return int(key_prefix[5:])
    return None
