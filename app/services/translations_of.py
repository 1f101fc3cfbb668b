"""A resource's version in the other language: the resource of the same translation key in the other language that
its organisation may be told about — a claimed one (content/, or published once), or one of its own. Another
organisation's draft under the same key is another resource, kept in its own namespace, and never named here
(:mod:`app.services.publishing.identity`).

The desk links a submission to it, so that the editor compares the two (:func:`for_desk`); the mail telling an
organisation that its resource is published offers a translation when there is none (:func:`exists`)."""

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import case, false, or_, select
from sqlalchemy.orm import Session

from app.languages import other_language
from app.models import Resource, ResourceRevision, RevisionState
from app.paths import page_path, resource_path
from app.services.publishing import latest_revision

# What the desk says of the other version: on the public site, awaiting review, or neither (sent back, declined,
# withdrawn, taken off the site: its page on the desk says what became of it).
State = Literal["published", "submitted", "not_published"]


@dataclass(frozen=True, slots=True)
class OtherVersion:
    """The other version as the desk links it: its title and language, where to read it (its public page when it is
    published, else its page on the desk) and, when changes of a published one await review, their page."""

    id: str
    language: str
    title: str
    state: State
    path: str
    review_path: str | None = None


def other_version(session: Session, resource: Resource) -> Resource | None:
    """The resource of ``resource``'s translation key in the other language that its organisation may be told
    about: its own first, else a claimed one; None when there is none."""
    organisation = resource.organisation_id
    own = Resource.organisation_id == organisation if organisation is not None else false()
    query = (
        select(Resource)
        .where(
            Resource.translation_key == resource.translation_key,
            Resource.language == other_language(resource.language),
            or_(Resource.claimed, own),
        )
        .order_by(case((own, 0), else_=1), Resource.claimed.desc(), Resource.id)
        .limit(1)
    )
    return session.scalars(query).first()


def exists(session: Session, resource: Resource) -> bool:
    """Whether ``resource`` has a version in the other language, in whatever state (a draft of its organisation's
    counts: they are on it already)."""
    return other_version(session, resource) is not None


def for_desk(session: Session, resource: Resource, lang: str) -> OtherVersion | None:
    """The other version of a submission as the desk's page (in ``lang``) links it; None when there is none, or
    when the editors may not see it: a draft never submitted is its organisation's alone."""
    other = other_version(session, resource)
    if other is None:
        return None
    desk = f"{page_path('desk', lang)}/{other.id}"
    latest = latest_revision(session, other.id)
    awaiting = latest is not None and latest.state == RevisionState.submitted
    if other.is_public:
        review = desk if awaiting else None
        public = resource_path(other.language, other.slug)
        return OtherVersion(other.id, other.language, other.title, "published", public, review)
    submitted = session.scalars(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == other.id, ResourceRevision.submitted_at.is_not(None))
        .order_by(ResourceRevision.number.desc())
        .limit(1)
    ).first()
    if submitted is None:
        return None
    title = str(submitted.data.get("title") or other.title)  # what the editors were shown, not a draft since
    return OtherVersion(other.id, other.language, title, "submitted" if awaiting else "not_published", desk)
