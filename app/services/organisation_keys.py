"""An organisation's API keys as its administrators see them on the team page, and their revocation there.

A key works for whoever holds it, whatever their account: a colleague who leaves with the key the organisation
pushes with (``crv push``) keeps publishing in its name after their account is deactivated. So the organisation's
administrators (and the centre's, for any organisation) see its keys — by name and prefix, what each lets its holder
do in plain words, its state and when it was last used — and revoke one at once, with no terminal and no request to
the centre. Making a key stays the centre's (``crv keys create``, the admin API, a key request): the page says whom
to ask. Revoking is audited as ``crv keys revoke`` is (``key.revoke``, the person named ``user:<id>``).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.errors import Conflict, NotFound
from app.i18n import N_
from app.models import ApiKey, KeyKind, Organisation, Scope
from app.services import keys, people
from app.services.accounts import Person

# What a key lets its holder do, by scope, as the team page says it: _(text).
USES: Mapping[str, str] = {
    Scope.resources_write: N_("publishes the organisation’s resources from a terminal or another program (crv push)"),
    Scope.resources_review: N_("reviews the partners’ submissions, as the centre’s editors do"),
    Scope.admin: N_("administers the centre: organisations and keys"),
    Scope.search: N_("searches the centre from a server"),
    Scope.metrics: N_("reads the service’s metrics"),
}
WIDGET = N_("the search widget on the organisation’s pages")  # a publishable key's one use
# keys.key_status as the page shows it: _(STATES[state])
STATES: Mapping[str, str] = {"active": N_("in service"), "expired": N_("expired"), "revoked": N_("revoked")}
LAST_ADMIN_KEY = N_("this is the centre’s last active administration key: make another one first (crv keys create)")


@dataclass(frozen=True, slots=True)
class KeyView:
    prefix: str
    name: str
    uses: tuple[str, ...]  # msgids: _(use)
    origins: tuple[str, ...]  # a publishable key's pages
    state: str  # active, expired or revoked
    created_at: datetime
    last_used_at: datetime | None
    secret: bool  # a server's or a terminal's, not a widget's (whose key is in public pages anyway)

    @property
    def active(self) -> bool:
        return self.state == "active"


def _view(key: ApiKey) -> KeyView:
    if key.kind == KeyKind.publishable:
        uses: tuple[str, ...] = (WIDGET,)
    else:
        uses = tuple(USES[scope] for scope in USES if scope in key.scopes)
    return KeyView(
        key.prefix,
        key.name,
        uses,
        tuple(key.allowed_origins or ()),
        keys.key_status(key),
        key.created_at,
        key.last_used_at,
        key.kind == KeyKind.secret,
    )


def of(session: Session, organisation: Organisation) -> list[KeyView]:
    """The organisation's keys, the active ones first, then by age (the oldest first)."""
    found = session.scalars(select(ApiKey).where(ApiKey.organisation_id == organisation.id).order_by(ApiKey.id))
    views = [_view(key) for key in found]
    return sorted(views, key=lambda view: not view.active)


def has_secret_key(session: Session, organisation: Organisation) -> bool:
    """Whether the organisation has an active secret key: someone who leaves may hold it."""
    return any(view.active and view.secret for view in of(session, organisation))


def organisation_slug(session: Session, prefix: str) -> str | None:
    """The slug of the organisation of the key ``prefix`` (None for no key)."""
    query = select(Organisation.slug).join(ApiKey, ApiKey.organisation_id == Organisation.id)
    return session.scalar(query.where(ApiKey.prefix == prefix))


def revoke(session: Session, actor: Person, prefix: str) -> Organisation:
    """Revoke the key ``prefix`` of an organisation whose people ``actor`` manages (404 for any other key): it stops
    working at once. Revoking a key no longer active changes nothing. Its organisation, whose team page comes back."""
    key = session.scalar(select(ApiKey).options(joinedload(ApiKey.organisation)).where(ApiKey.prefix == prefix))
    if key is None:
        raise NotFound(N_("No such key."))
    organisation = key.organisation
    if people.organisation_for(session, actor, organisation.slug).id != organisation.id:
        raise NotFound(N_("No such key."))
    if keys.key_status(key) != "active":
        return organisation
    try:
        keys.revoke_key(session, prefix, actor.as_principal())
    except Conflict:  # the centre's last admin key: the API would lock itself out
        raise people.refusal("key", LAST_ADMIN_KEY) from None
    return organisation
