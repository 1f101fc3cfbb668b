"""Public identities: a resource's id ``<translation_key>.<language>`` and its slug in a language.

A partner's draft must not reveal itself to other organisations, so it claims no public identity until its first
publication:

* **Each organisation has its own namespace for drafts.** An organisation addresses its resources by their public
  id, resolved among its own (:func:`find`). Creating a resource, or renaming a draft's slug, is refused (409)
  only for a conflict the caller can see: a resource that claimed the identity (content/, or published once) or
  one of its own. Another organisation's draft never answers "taken": the new draft is stored under its public id
  if no row holds it, else under ``<public id>~<organisation slug>`` (:func:`storage_id`), which only the editors
  see; the organisation sees and uses the public id either way.
* **The identity is claimed at first publication** (:func:`claim`, called by the approval): the translation key
  and the slug are checked against the resources that claimed them, and a conflict is answered to the *editor*
  (409, naming the holder), who sends the submission back with a reason. The partner then learns only of a
  published resource, which is public. A draft of another organisation that sits on the public id is moved to its
  namespaced storage id; its organisation notices nothing.
* content/ adding a resource under a draft's stored id moves the draft aside the same way
  (:func:`draft_in_the_way`, :func:`move_aside`, called by the loader).
* The database enforces the rule: translation keys and slugs are unique among claimed rows (partial unique
  indexes, :class:`app.models.Resource`). Two writes at the same instant are told apart in a savepoint: a draft
  whose stored id was taken since the look-up goes to its namespace (workflow.create), a publication whose key or
  slug was claimed since is the editor's 409 naming the holder (:func:`claim`).
"""

from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import Conflict, FieldError
from app.i18n import N_
from app.languages import LANGUAGES
from app.models import AuditEntry, Resource, ResourceRevision
from app.models.resource import resource_id as make_resource_id
from app.services.principal import Principal

NAMESPACE_SEPARATOR = "~"  # never in a translation key, a language or an organisation slug


def public_id(resource: Resource) -> str:
    return make_resource_id(resource.translation_key, resource.language)


def parse_public_id(resource_id: str) -> tuple[str, str] | None:
    translation_key, _, language = resource_id.rpartition(".")
    return (translation_key, language) if translation_key and language in LANGUAGES else None


def find(session: Session, key: Principal | None, resource_id: str) -> Resource | None:
    """The resource ``resource_id`` names for ``key``: its organisation's own with that public id (wherever it is
    stored), else the resource stored under that id (a claimed one, or a submission as the editors name it)."""
    parsed = parse_public_id(resource_id)
    if key is not None and key.acts_for_organisation and parsed is not None:
        own = session.scalars(
            select(Resource)
            .where(
                Resource.organisation_id == key.organisation_id,
                Resource.translation_key == parsed[0],
                Resource.language == parsed[1],
            )
            .order_by(Resource.claimed.desc(), Resource.id)
        ).first()
        if own is not None:
            return own
    return session.get(Resource, resource_id)


def namespaced_id(public: str, organisation_slug: str) -> str:
    return f"{public}{NAMESPACE_SEPARATOR}{organisation_slug}"


def storage_id(session: Session, public: str, organisation_slug: str) -> str:
    """Where a new draft is stored: its public id when no row holds it, else its organisation's namespace."""
    return public if session.get(Resource, public) is None else namespaced_id(public, organisation_slug)


def _visible_to_owner(organisation_id: int | None) -> Any:
    """The resources whose identity an organisation may be told about: the claimed ones, and its own."""
    return or_(Resource.claimed, Resource.organisation_id == organisation_id)


def check_new_key(session: Session, key: Principal, translation_key: str, language: str) -> None:
    """409 when the caller can see that ``translation_key`` is taken in ``language``, or belongs to another
    publisher in another language; another organisation's drafts are never considered."""
    holders = session.scalars(
        select(Resource).where(Resource.translation_key == translation_key, _visible_to_owner(key.organisation_id))
    ).all()
    new_id = make_resource_id(translation_key, language)
    same = next((r for r in holders if r.language == language), None)
    if same is not None:
        mine = same.organisation_id == key.organisation_id
        hint = f" Update it with PUT /v1/resources/{new_id}." if mine else " Choose another."
        raise Conflict(
            f"The id {new_id} is already taken.{hint}",
            errors=[FieldError(field="translation_key", message=N_("already used in this language"))],
        )
    if any(r.organisation_id != key.organisation_id for r in holders):
        raise Conflict(
            f"The translation_key {translation_key!r} belongs to another publisher; choose another.",
            errors=[FieldError(field="translation_key", message=N_("used by another publisher"))],
        )


def slug_holder(
    session: Session, language: str, slug: str, organisation_id: int | None, other_than: str | None = None
) -> str | None:
    """The resource using ``slug`` in ``language`` that an organisation may be told about, if any."""
    return session.scalar(
        select(Resource.id).where(
            Resource.language == language,
            Resource.slug == slug,
            Resource.id != (other_than or ""),
            _visible_to_owner(organisation_id),
        )
    )


def check_slug_free(session: Session, resource: Resource, slug: str) -> None:
    """409 when ``slug`` is used in the resource's language by a resource its organisation may know of."""
    if slug_holder(session, resource.language, slug, resource.organisation_id, resource.id) is not None:
        raise Conflict(
            f"The {resource.language} slug {slug!r} is already used by another resource; choose another slug.",
            errors=[FieldError(field="slug", message=N_("already used"))],
        )


def claim(session: Session, resource: Resource, slug: str) -> Resource:
    """At first publication: the resource takes its public id and ``slug``, or the *editor* gets a 409 naming
    the published resource in the way (send the submission back with a reason). Returns the resource as stored
    from now on (a new row when it moves to its public id)."""
    if resource.claimed:
        return resource
    _refuse_if_claimed(session, resource, slug)
    stored, public = resource.id, public_id(resource)
    # Read before the savepoint: on SQLite a read inside it would pin a snapshot that a concurrent commit makes
    # stale, and the write would then fail as "database is locked" instead of being told apart below.
    squatter = draft_in_the_way(session, public) if stored != public else None
    try:
        with session.begin_nested():  # written now, so that a publication at the same instant is caught here
            if squatter is not None:
                move_aside(session, squatter)
            if stored != public:
                resource = _move(session, resource, public)
            resource.slug, resource.claimed = slug, True
    except (IntegrityError, StaleDataError) as exc:
        # Another approval claimed the key or the slug (or moved the draft in the way) since the look-up above.
        _refuse_if_claimed(session, session.get_one(Resource, stored), slug)
        raise Conflict(f"{stored} was changed while it was being published; read it again.") from exc
    return resource


def draft_in_the_way(session: Session, public: str) -> Resource | None:
    """The draft stored under ``public`` (a partner's: it claims nothing) when a claimed resource is about to
    take that id: at a publication, or when content/ adds it."""
    held = session.get(Resource, public)
    return held if held is not None and not held.claimed else None


def move_aside(session: Session, draft: Resource) -> None:
    """The draft moves to its organisation's namespace, unnoticed by it: it still uses its public id."""
    _move(session, draft, namespaced_id(public_id(draft), draft.publisher))


class PublishedInTheWay(Conflict):
    """A submission cannot be published: a published resource already holds its ``field`` (``slug`` or
    ``translation_key``), whose ``value`` its submitter must change. Its parts are kept for the editor's page,
    which says it in the editor's language."""

    def __init__(self, resource: Resource, field: str, value: str, holder: Resource) -> None:
        what = f"the {resource.language} slug {value!r}" if field == "slug" else f"the translation_key {value!r}"
        super().__init__(
            f"Cannot publish {resource.id}: {what} is already used by the published resource {holder.id} "
            f"({holder.publisher}). Send it back to {resource.publisher} asking for another {field}.",
            errors=[FieldError(field=field, message=N_("used by a published resource"))],
        )
        self.field, self.value, self.holder_id, self.holder_publisher = field, value, holder.id, holder.publisher
        self.submitter = resource.publisher


def _refuse_if_claimed(session: Session, resource: Resource, slug: str) -> None:
    """The editor's 409 when a claimed resource holds the translation key (in its language, or for another
    publisher) or the slug."""
    holders = session.scalars(
        select(Resource).where(
            Resource.claimed,
            Resource.id != resource.id,
            or_(
                Resource.translation_key == resource.translation_key,
                (Resource.language == resource.language) & (Resource.slug == slug),
            ),
        )
    ).all()
    for holder in holders:
        if holder.translation_key != resource.translation_key:
            raise PublishedInTheWay(resource, "slug", slug, holder)
        if holder.language == resource.language or holder.organisation_id != resource.organisation_id:
            raise PublishedInTheWay(resource, "translation_key", resource.translation_key, holder)
        # else: its own translation in the other language


def _move(session: Session, resource: Resource, new_id: str) -> Resource:
    """The resource stored under ``new_id``, with its revisions and audit trail; the old row is removed (the
    search outbox records both ids)."""
    session.flush()
    values = {attr.key: getattr(resource, attr.key) for attr in Resource.__mapper__.column_attrs}
    moved = Resource(**(values | {"id": new_id, "version": resource.version + 1}))
    session.add(moved)
    session.flush()
    session.execute(
        update(ResourceRevision).where(ResourceRevision.resource_id == resource.id).values(resource_id=new_id)
    )
    session.execute(update(AuditEntry).where(AuditEntry.resource_id == resource.id).values(resource_id=new_id))
    session.delete(resource)
    session.flush()
    return moved
