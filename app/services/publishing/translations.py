"""A translation's type is its original's: a type is language-neutral, so the organisation's version of a
translation key in the other language, created first, decides it. The portal shows the field fixed; the write API,
``crv push --check`` and the portal's save all refuse a mismatch next to the ``type`` field, with the type to send.
When the original's type changes, its translation takes the new one at its next save."""

from sqlalchemy.orm import Session

from app.errors import FieldError, InvalidParameters
from app.i18n import N_
from app.languages import LANGUAGES, other_language
from app.models import Resource
from app.models.resource import resource_id as make_resource_id
from app.services.principal import Principal
from app.services.publishing.access import owns
from app.services.publishing.identity import find
from app.services.publishing.queries import own_latest

NOT_THE_ORIGINALS_TYPE = N_("the original, in the other language, is a {type}: a translation has the same type")


def own_holder(session: Session, key: Principal, translation_key: str, language: str) -> Resource | None:
    """The organisation's own resource at ``translation_key`` in ``language`` (None: none, or another's)."""
    found = find(session, key, make_resource_id(translation_key, language))
    return found if found is not None and owns(key, found) else None


def original_type(
    session: Session, key: Principal, translation_key: str, language: str, resource: Resource | None = None
) -> str | None:
    """The type of the resource a version in ``language`` translates: the organisation's version of
    ``translation_key`` in the other language, created before ``resource`` (None: a new one)."""
    if language not in LANGUAGES:
        return None
    holder = own_holder(session, key, translation_key, other_language(language))
    if holder is None or (resource is not None and holder.created_at >= resource.created_at):
        return None
    return str(own_latest(session, holder).data.get("type") or "") or None


def type_problems(
    session: Session,
    key: Principal,
    translation_key: str,
    language: str,
    sent_type: object,
    resource: Resource | None = None,
) -> list[FieldError]:
    """A translation whose type (``sent_type``; None: not sent yet, a portal's draft) is not its original's."""
    expected = original_type(session, key, translation_key, language, resource)
    if expected is None or sent_type in (None, expected):
        return []
    return [FieldError.translatable("type", NOT_THE_ORIGINALS_TYPE, type=expected)]


def refuse(problems: list[FieldError]) -> None:
    """422 with :func:`type_problems`' findings, when there are some (the write API's answer)."""
    if problems:
        raise InvalidParameters(f"type: {problems[0].message}", errors=problems)
