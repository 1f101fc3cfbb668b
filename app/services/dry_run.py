"""``POST /v1/resources/check`` (``crv push --check``): what pushing a resource would say, without writing.

The same rules as creating (``POST /v1/resources``) or replacing (``PUT``) it — the resource's identity is its
``translation_key`` and ``language``: when your organisation already has that resource the payload is checked as
an update (the slug may be omitted), else as a creation. Every problem is listed at once.
"""

from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, InvalidParameters
from app.models.resource import resource_id as make_resource_id
from app.schemas.publishing import ResourceCreate, RevisionData
from app.services import publishing
from app.services.principal import Principal
from app.services.publishing.identity import check_new_key, find, slug_holder
from app.taxonomy import Taxonomies


class CheckResult(BaseModel):
    valid: bool
    resource_id: str | None
    action: str  # "create" or "update"
    errors: list[FieldError]


def check(session: Session, key: Principal, raw: dict[str, Any], taxonomies: Taxonomies) -> CheckResult:
    payload = dict(raw)
    language = payload.get("language")
    translation_key = payload.get("translation_key")
    if not translation_key and isinstance(payload.get("title"), str):
        translation_key = publishing.slugify(payload["title"])
    resource_id = make_resource_id(translation_key, language) if translation_key and language else None
    existing = find(session, key, resource_id) if resource_id else None
    errors: list[FieldError] = []
    if existing is not None and publishing.owns(key, existing):
        action = "update"
        payload.pop("translation_key", None)
        payload.pop("language", None)
        if not payload.get("slug"):
            latest = publishing.latest_revision(session, existing.id)
            payload["slug"] = (latest.data.get("slug") if latest else None) or existing.slug
        model: type[BaseModel] = RevisionData
    else:
        action = "create"
        model = ResourceCreate
        if translation_key and language:
            try:
                check_new_key(session, key, translation_key, str(language))
            except Conflict as exc:
                errors.extend(exc.errors or [])
    _, problems = publishing.data_problems(session, payload, taxonomies, key.organisation_id, model)
    errors.extend(problems)
    if translation_key and language:
        own = existing if action == "update" else None
        errors.extend(
            publishing.type_problems(session, key, str(translation_key), str(language), payload.get("type"), own)
        )
    if not errors and resource_id:
        slug = payload.get("slug") or publishing.slugify(str(payload.get("title", "")))
        other_than = existing.id if existing is not None else None
        if slug_holder(session, str(language), slug, key.organisation_id, other_than) is not None:
            errors.append(FieldError(field="slug", message=f"{slug!r} is already used by another resource"))
    return CheckResult(valid=not errors, resource_id=resource_id, action=action, errors=errors)


def check_or_raise(session: Session, key: Principal, raw: dict[str, Any], taxonomies: Taxonomies) -> CheckResult:
    result = check(session, key, raw, taxonomies)
    if not result.valid:
        detail = "; ".join(f"{e.field}: {e.message}" for e in result.errors)
        raise InvalidParameters(detail, errors=result.errors)
    return result
