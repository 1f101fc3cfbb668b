"""Reading resources for the public: only published ones, with their translations."""

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.errors import Gone, NotFound
from app.languages import LANGUAGES
from app.models import Resource, ResourceOrigin, ResourceRevision, ResourceStatus, RevisionState
from app.models.resource import resource_id as make_resource_id
from app.paths import absolute, resource_path
from app.schemas.resource import ResourceRead, Source, TranslationLink, taxonomy_codes
from app.services import attachments
from app.services.markdown import LinkResolver, render_markdown
from app.services.typography import typeset_markdown


def resource_url(base_url: str, language: str, slug: str) -> str:
    """The human-readable page of a resource."""
    return absolute(base_url, resource_path(language, slug))


def get_published(session: Session, resource_id: str) -> Resource:
    resource = session.get(Resource, resource_id)
    if resource is not None and was_taken_off(session, resource):
        raise Gone(
            f"{resource_id} was published here and has been taken off the centre by its publisher or the editors. "
            "Remove it from your copy and your links; /v1/search finds what the centre holds on its subject."
        )
    if resource is None or not resource.is_public:
        raise NotFound(f"No published resource has the id {resource_id!r}. {_hint(session, resource_id)}")
    return resource


def was_taken_off(session: Session, resource: Resource) -> bool:
    """Archived after being public: a file removed from content/ (those are published as loaded), or a partner's
    resource with a published revision. Its addresses answer 410, not 404: a harvester or a link checker learns
    that it is gone for good, not mistyped."""
    if resource.status != ResourceStatus.archived:
        return False
    return resource.origin == ResourceOrigin.content or ever_published(session, resource)


def ever_published(session: Session, resource: Resource) -> bool:
    """Whether a revision of ``resource`` was ever approved (its live version, or one taken off since)."""
    published = exists().where(
        ResourceRevision.resource_id == resource.id, ResourceRevision.state == RevisionState.published
    )
    return bool(session.scalar(select(published)))


def _hint(session: Session, resource_id: str) -> str:
    """What to ask for instead: an id without its language part (``country-bd``, a translation key) names its
    published versions (``Use country-bd.fr or country-bd.en.``) — still a 404, since which language to read is the
    caller's choice; anything else, the search."""
    query = select(Resource.language).where(Resource.translation_key == resource_id, Resource.is_public)
    published = set(session.scalars(query))
    ids = [make_resource_id(resource_id, language) for language in LANGUAGES if language in published]
    return f"Use {' or '.join(ids)}." if ids else "Search for it with /v1/search."


def published_translations(session: Session, resource: Resource) -> list[Resource]:
    return list(
        session.scalars(
            select(Resource)
            .where(
                Resource.translation_key == resource.translation_key,
                Resource.id != resource.id,
                Resource.is_public,
            )
            .order_by(Resource.language)
        )
    )


def link_resolver(session: Session, base_url: str, language: str) -> LinkResolver:
    """Resolves ``crv:<translation_key>`` to the published page in ``language`` (or any language)."""

    def resolve(translation_key: str) -> str | None:
        candidates = session.scalars(
            select(Resource).where(Resource.translation_key == translation_key, Resource.is_public)
        ).all()
        best = next((r for r in candidates if r.language == language), candidates[0] if candidates else None)
        return resource_url(base_url, best.language, best.slug) if best else None

    return resolve


def body_html(session: Session, markdown: str, base_url: str, language: str, headings_under: int = 1) -> str:
    """A resource's body as its page shows it: sanitised HTML in the typography of ``language``, the resource's, whose
    ``crv:`` links lead to the published pages (in ``language`` when there is one). ``headings_under``: the level
    of the heading it is shown under, where that is not its page's H1 (:func:`render_markdown`)."""
    resolve = link_resolver(session, base_url, language)
    return render_markdown(typeset_markdown(markdown, language), resolve, headings_under)


def to_read_model(session: Session, resource: Resource, base_url: str) -> ResourceRead:
    translations = published_translations(session, resource)
    return ResourceRead(
        id=resource.id,
        translation_key=resource.translation_key,
        language=resource.language,
        slug=resource.slug,
        type=resource.type,
        title=resource.title,
        summary=resource.summary,
        body=resource.body,
        body_html=body_html(session, resource.body, base_url, resource.language),
        **taxonomy_codes(resource),
        publisher=resource.publisher,
        sources=[Source.model_validate(s) for s in resource.sources],
        licence=resource.licence,
        published_at=resource.published_at,
        updated_at=resource.updated_at,
        status=resource.status,
        version=resource.version,
        url=resource_url(base_url, resource.language, resource.slug),
        attachments=attachments.read_models(base_url, resource.id, resource.attachments),
        translations=[
            TranslationLink(
                id=t.id,
                language=t.language,
                title=t.title,
                url=resource_url(base_url, t.language, t.slug),
            )
            for t in translations
        ],
        duration=resource.duration,
        level=resource.level,
        prerequisites=resource.prerequisites,
    )
