"""Reads of partners' resources and their revisions, for their owner and the editors."""

import difflib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.models import Resource, ResourceRevision, ResourceStatus
from app.schemas.publishing import DATA_FIELDS
from app.schemas.resource import TRAINING_FIELDS
from app.services.principal import Principal
from app.services.publishing.access import NOT_FOUND, history_visible, owns
from app.services.publishing.identity import find


def latest_revision(session: Session, resource_id: str) -> ResourceRevision | None:
    return session.scalar(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource_id)
        .order_by(ResourceRevision.number.desc())
        .limit(1)
    )


def latest_revisions(session: Session, resource_ids: Sequence[str]) -> dict[str, ResourceRevision]:
    """Resource id → its latest revision, for many resources in one query (one without any is left out)."""
    if not resource_ids:
        return {}
    latest_numbers = (
        select(ResourceRevision.resource_id, func.max(ResourceRevision.number).label("number"))
        .where(ResourceRevision.resource_id.in_(resource_ids))
        .group_by(ResourceRevision.resource_id)
        .subquery()
    )
    revisions = session.scalars(
        select(ResourceRevision).join(
            latest_numbers,
            (ResourceRevision.resource_id == latest_numbers.c.resource_id)
            & (ResourceRevision.number == latest_numbers.c.number),
        )
    )
    return {revision.resource_id: revision for revision in revisions}


def own_latest(session: Session, resource: Resource) -> ResourceRevision:
    revision = latest_revision(session, resource.id)
    if revision is None:  # a content/ resource: not owned by anyone with a key, so never reached
        raise Conflict(f"{resource.id} is maintained in content/, not through the API.")
    return revision


def get_own(session: Session, key: Principal, resource_id: str) -> Resource:
    resource = find(session, key, resource_id)
    if resource is None or not owns(key, resource):
        raise NotFound(NOT_FOUND.format(id=resource_id))
    return resource


def list_own(
    session: Session, key: Principal, status: ResourceStatus | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[Resource], int]:
    query = select(Resource).where(Resource.organisation_id == key.organisation_id)
    if status is not None:
        query = query.where(Resource.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Resource.modified_at.desc(), Resource.id).limit(limit).offset(offset))
    return list(rows), total


def revisions(session: Session, key: Principal, resource_id: str) -> list[ResourceRevision]:
    resource, everything = history_visible(session, key, resource_id)
    query = select(ResourceRevision).where(ResourceRevision.resource_id == resource.id)
    if not everything:
        query = query.where(ResourceRevision.submitted_at.is_not(None))
    return list(session.scalars(query.order_by(ResourceRevision.number)))


def submitted_histories(session: Session, resource_ids: Sequence[str]) -> dict[str, list[ResourceRevision]]:
    """Resource id → its revisions that were submitted (what an editor may read of its history), oldest first: the
    desk's queue reads them all in one query."""
    histories: dict[str, list[ResourceRevision]] = {resource_id: [] for resource_id in resource_ids}
    if not histories:
        return histories
    rows = session.scalars(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id.in_(histories), ResourceRevision.submitted_at.is_not(None))
        .order_by(ResourceRevision.resource_id, ResourceRevision.number)
    )
    for row in rows:
        histories[row.resource_id].append(row)
    return histories


def revision(session: Session, key: Principal, resource_id: str, number: int) -> ResourceRevision:
    found = next((r for r in revisions(session, key, resource_id) if r.number == number), None)
    if found is None:
        raise NotFound(f"{resource_id} has no revision {number} that you can see.")
    return found


def _as_text(data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for name in DATA_FIELDS:
        if name == "body":
            continue
        value = data.get(name)
        if name in TRAINING_FIELDS and value is None:  # a fact not stated (every other type's): no line
            continue
        if name == "sources":
            lines.extend(f"source: {s.get('title')} <{s.get('url')}>\n" for s in value or [])
        elif isinstance(value, list):
            lines.append(f"{name}: {', '.join(map(str, value))}\n")
        else:
            lines.append(f"{name}: {value}\n")
    body = str(data.get("body", ""))
    return [*lines, "\n", *body.splitlines(keepends=True)]


def compared(
    session: Session, key: Principal, resource_id: str, number: int, against: int | None
) -> tuple[ResourceRevision | None, ResourceRevision]:
    """Revision ``against`` (default: the one before that ``key`` can see; 0 or none before: nothing) and revision
    ``number``, to compare."""
    visible = {r.number: r for r in revisions(session, key, resource_id)}
    if number not in visible:
        raise NotFound(f"{resource_id} has no revision {number} that you can see.")
    base = against if against is not None else max((n for n in visible if n < number), default=0)
    if base and base not in visible:
        raise NotFound(f"{resource_id} has no revision {base} that you can see.")
    return (visible[base] if base else None), visible[number]


def diff(session: Session, key: Principal, resource_id: str, number: int, against: int | None) -> tuple[str, int]:
    """A unified diff from revision ``against`` (default: the one before; 0 = nothing) to revision ``number``,
    and the number it was compared with."""
    before, after = compared(session, key, resource_id, number, against)
    base = before.number if before else 0
    lines = difflib.unified_diff(
        _as_text(before.data) if before else [],
        _as_text(after.data),
        fromfile=f"{resource_id}@{base}",
        tofile=f"{resource_id}@{number}",
    )
    return "".join(lines), base
