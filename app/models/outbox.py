"""The search outbox: every change to a resource leaves a row here, in the same transaction.

The drain (``app.services.sync``) reads rows, pushes the current state of their resources to the search engine
and deletes exactly the rows it read, so a crash between the two replays the batch (indexing is idempotent).
"""

from datetime import datetime
from typing import TypeGuard

from sqlalchemy import Integer, String, Text, insert, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.models.base import Base, UTCDateTime, utcnow
from app.models.organisation import Organisation, OrganisationKind
from app.models.resource import Resource


class OutboxEvent(Base):
    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resource_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncLease(Base):
    """A named lease with an expiry: one writer of the search index at a time, across processes and hosts."""

    __tablename__ = "sync_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _named_in_index(obj: object) -> TypeGuard[Organisation]:
    """A partner organisation, whose name its resources' search documents hold (not the centre, whose name is not
    indexed: app.search.documents.indexed_rows)."""
    return isinstance(obj, Organisation) and obj.kind != OrganisationKind.resource_centre


def record_resource_changes(session: Session, _context: object, _instances: object) -> None:
    """``before_flush`` hook: an outbox row for every resource the flush inserts, updates or deletes, and for every
    published resource of an organisation it adds, renames or deletes (a search document holds its publisher's
    name: app.search.documents). Registered on the project's session factory (:func:`app.db.make_session_factory`),
    not on SQLAlchemy's global ``Session``."""
    changed = {obj.id for obj in (*session.new, *session.deleted) if isinstance(obj, Resource)}
    changed.update(obj.id for obj in session.dirty if isinstance(obj, Resource) and session.is_modified(obj))
    named = {obj.slug for obj in (*session.new, *session.deleted) if _named_in_index(obj)}
    named.update(
        obj.slug for obj in session.dirty if _named_in_index(obj) and inspect(obj).attrs.name.history.has_changes()
    )
    if named:
        # On the flush's connection: a query of the session would flush first, from inside this flush.
        published = select(Resource.id).where(Resource.publisher.in_(named), Resource.is_public)
        changed.update(session.connection().scalars(published))
    if changed:
        # One multi-row INSERT on the flush's connection, not an ORM object per row: nothing reads them back in
        # this session, and the unit of work would insert them one by one to learn each id (half a bulk load's
        # insert time).
        now = utcnow()
        rows = [{"resource_id": rid, "created_at": now, "available_at": now, "attempts": 0} for rid in sorted(changed)]
        session.connection().execute(insert(OutboxEvent), rows)
