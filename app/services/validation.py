"""The rules a resource obeys beyond its schema (``app.schemas.resource``), in one place for every way a resource
comes in: the loader of ``content/`` (:mod:`app.services.content`), the write API
(:mod:`app.services.publishing`) and, later, the partner portal. docs/content-format.md describes the same rules.
"""

from typing import Final

from app.errors import FieldError
from app.i18n import N_
from app.models import ResourceType

# The types that state facts, so must cite at least one source.
TYPES_NEEDING_SOURCES: Final = frozenset(
    {ResourceType.risk_sheet, ResourceType.good_practice, ResourceType.legal_reference, ResourceType.methodology}
)

# The search's filters a resource is mostly found by: one with none of them is never met by people who narrow a
# search (the partner form warns, the desk tells the editor). Not a rule a resource must obey.
FINDABLE_BY: Final = ("countries", "sectors", "risks")


def sources_error(type_: object, sources: object) -> FieldError | None:
    """A type that states facts without a source. Checked on raw values too (before the schema), so every
    problem of a file or a request is reported at once."""
    if type_ in TYPES_NEEDING_SOURCES and not sources:
        return FieldError.translatable("sources", N_("a {type} must cite at least one source with a URL"), type=type_)
    return None


def body_error(body: object) -> FieldError | None:
    if not isinstance(body, str) or not body.strip():
        return FieldError.translatable("body", N_("is empty"))
    return None


def rule_errors(type_: object, sources: object, body: object) -> list[FieldError]:
    """What breaks the rules, field by field (nothing: the resource is valid)."""
    return [e for e in (sources_error(type_, sources), body_error(body)) if e is not None]
