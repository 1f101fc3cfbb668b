"""Cool addresses do not change: when a public resource's slug changes (an approved revision, a content/ edit), its
former slug is kept, and a page asked for at it is sent on (301) to the resource's current address.

A live resource holding the slug now wins (its page is found first); a resource archived since sends nowhere (the
usual 404); a slug retired twice points to the last resource that had it."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import FormerSlug, Resource
from app.models.base import utcnow


def retire(session: Session, resource: Resource, new_slug: str) -> None:
    """Keep ``resource``'s slug as a former one if it is public and about to take ``new_slug``. Called before
    the change, where a public resource's fields are replaced (the review's approval, the content loader)."""
    if resource.is_public and resource.slug and resource.slug != new_slug:
        session.merge(
            FormerSlug(language=resource.language, slug=resource.slug, resource_id=resource.id, retired_at=utcnow())
        )


def current_slug(session: Session, language: str, slug: str) -> str | None:
    """The slug of the public resource that had ``slug`` in ``language``, if any."""
    return session.scalar(
        select(Resource.slug)
        .join(FormerSlug, FormerSlug.resource_id == Resource.id)
        .where(FormerSlug.language == language, FormerSlug.slug == slug, Resource.is_public)
    )
