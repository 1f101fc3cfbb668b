"""The rules a resource obeys beyond its schema (``app.schemas.resource``), in one place for every way a resource
comes in: the loader of ``content/`` (:mod:`app.services.content`), the write API
(:mod:`app.services.publishing`) and, later, the partner portal. docs/content-format.md describes the same rules.
"""

from collections.abc import Sequence
from typing import Final

from app.errors import FieldError
from app.models import ResourceType

# The types that state facts, so must cite at least one source.
TYPES_NEEDING_SOURCES: Final = frozenset(
    {ResourceType.risk_sheet, ResourceType.good_practice, ResourceType.legal_reference, ResourceType.methodology}
)


def rule_errors(type_: str, sources: Sequence[object], body: str) -> list[FieldError]:
    """What breaks the rules, field by field (nothing: the resource is valid)."""
    errors: list[FieldError] = []
    if type_ in TYPES_NEEDING_SOURCES and not sources:
        errors.append(FieldError(field="sources", message=f"a {type_} must cite at least one source with a URL"))
    if not body.strip():
        errors.append(FieldError(field="body", message="is empty"))
    return errors
