"""A partner's documents through the write API: one file sent (``PUT``) or removed (``DELETE``) at a time, each a
new draft revision as the portal's form makes (:func:`app.services.portal.save`), with the portal's checks and
messages (:func:`app.services.attachments.plan`). A document is named by the name it was sent as, or by the
stored name it was given (« Rapport 2025.pdf » is stored as « rapport-2025.pdf »): sending the same name again
replaces it, so a ``PUT`` repeated is harmless."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from app.errors import AppError, Conflict, FieldError, InvalidParameters, PayloadTooLarge
from app.http import IfMatch
from app.models import Resource
from app.schemas.publishing import DraftData
from app.services import attachments
from app.services.principal import Principal
from app.services.publishing.access import writable
from app.services.publishing.queries import get_own, own_latest
from app.services.publishing.workflow import require_match, update
from app.taxonomy import Taxonomies

# A problem of the portal's row (« attachments.0.file ») as the API names what was sent: the body, or a parameter.
_SENT_AS = {"file": "body", "title": "title", "language": "language"}


@dataclass(frozen=True, slots=True)
class Sent:
    """A file sent to ``…/documents/{filename}``: its name, bytes, and the title and language asked (empty: the
    document's own, or the portal's defaults)."""

    filename: str
    content: bytes
    title: str = ""
    language: str = ""


class Written(NamedTuple):
    resource: Resource
    filename: str  # the document's stored name
    added: bool
    changed: bool  # False: the same file, title and language sent again


def address(base_url: str, resource_id: str, filename: str) -> str:
    """Where the resource's organisation reads, replaces and removes a document of its latest revision."""
    return f"{base_url.rstrip('/')}/v1/my/resources/{resource_id}/{attachments.REVISION_SEGMENT}/{filename}"


def named(entries: Sequence[Mapping[str, Any]], filename: str, content: bytes = b"") -> str | None:
    """The stored name of the document ``filename`` names: its own, or the one a file of ``content`` sent as
    ``filename`` was given."""
    names = {str(entry["filename"]) for entry in entries}
    if filename in names:
        return filename
    fmt = attachments.sniff(content) if content else None
    candidate = attachments.filename_for(filename, fmt) if fmt is not None else None
    return candidate if candidate in names else None


def read(session: Session, key: Principal, resource_id: str, filename: str) -> dict[str, Any]:
    """A document of the latest revision of the caller's own resource (404 for any other)."""
    entries = own_latest(session, get_own(session, key, resource_id)).attachments
    return attachments.find(entries, named(entries, filename) or filename)


def put(
    session: Session,
    key: Principal,
    resource_id: str,
    sent: Sent,
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
    limits: attachments.Limits,
) -> Written:
    """Add or replace a document."""
    resource, current = _current(session, key, resource_id, if_match)
    existing = named(current, sent.filename, sent.content)
    upload = attachments.Upload(sent.filename, sent.content)
    row = attachments.Row(key=existing or "", title=sent.title, language=sent.language, upload=upload)
    rows = [row if entry["filename"] == existing else _kept(entry) for entry in current]  # a replaced one in place
    rows += [row] if existing is None else []
    resource, entries, changed = _apply(session, key, resource_id, resource, current, rows, taxonomies, limits)
    return Written(resource, str(entries[rows.index(row)]["filename"]), existing is None, changed)


def delete(
    session: Session,
    key: Principal,
    resource_id: str,
    filename: str,
    if_match: IfMatch | None,
    taxonomies: Taxonomies,
    limits: attachments.Limits,
) -> Resource:
    """Remove a document (404 when the latest revision has none by that name)."""
    resource, current = _current(session, key, resource_id, if_match)
    gone = attachments.find(current, named(current, filename) or filename)["filename"]
    rows = [attachments.Row(key=str(e["filename"]), remove=e["filename"] == gone) for e in current]
    return _apply(session, key, resource_id, resource, current, rows, taxonomies, limits)[0]


def _current(
    session: Session, key: Principal, resource_id: str, if_match: IfMatch | None
) -> tuple[Resource, list[dict[str, Any]]]:
    resource = writable(session, key, resource_id)
    require_match(if_match, resource)  # before any file is stored
    return resource, attachments.of(own_latest(session, resource).attachments)


def _kept(entry: Mapping[str, Any]) -> attachments.Row:
    return attachments.Row(key=str(entry["filename"]))


def _apply(
    session: Session,
    key: Principal,
    resource_id: str,
    resource: Resource,
    current: Sequence[Mapping[str, Any]],
    rows: Sequence[attachments.Row],
    taxonomies: Taxonomies,
    limits: attachments.Limits,
) -> tuple[Resource, list[dict[str, Any]], bool]:
    """The rows planned as the portal plans them (its problems as the API's), their files stored, the new list
    written as a draft revision with the latest revision's data."""
    planned = attachments.plan(rows, current, resource.language, limits, "en")
    if planned.errors:
        raise _problem(planned.errors)
    attachments.store(session, planned.files)
    data = dict(own_latest(session, resource).data)
    match = IfMatch(frozenset({str(resource.version)}))  # checked by _current: the same request's read
    updated, changed = update(session, key, resource_id, data, match, taxonomies, DraftData, planned.entries)
    return updated, planned.entries, changed


def _problem(errors: Sequence[FieldError]) -> AppError:
    """The portal's problems as the API says them: too large a 413, too many a 409, the rest a 422."""
    said = [
        FieldError(field=_SENT_AS.get(error.field.rsplit(".", 1)[-1], error.field), message=error.message)
        for error in errors
    ]
    detail = " ".join(error.message for error in said)
    templates = {error.template for error in errors}
    if attachments.TOO_LARGE in templates:
        return PayloadTooLarge(detail, errors=said)
    if attachments.TOO_MANY in templates:
        return Conflict(detail, errors=said)
    return InvalidParameters(detail, errors=said)
