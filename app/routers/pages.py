"""Human pages of the resources, server-rendered in their language."""

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from app.deps import SessionDep, SettingsDep, TaxonomiesDep
from app.languages import LANGUAGES
from app.middleware.reads import mark_read
from app.models import ReadKind
from app.paths import resource_path
from app.policy import page
from app.routers.site import not_found_page
from app.services import former_slugs
from app.services import pages as page_service
from app.services.glossary import shown_glossary
from app.services.site.breadcrumbs import resource_breadcrumbs
from app.services.tool_steps import shown_tool_steps
from app.templating import environment

router = APIRouter(tags=["pages"], dependencies=[page(cache_seconds=300)])


def templates() -> Environment:
    """The site's Jinja environment (kept under this name for the routers that import it)."""
    return environment()


def resource_page(language: str) -> Callable[..., Response]:
    """The route of the resource pages in ``language``."""

    def page_in_language(
        request: Request, slug: str, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep
    ) -> Response:
        """The page of a published resource (HTML): body, sources, translations, related resources, JSON-LD."""
        resource = page_service.find_published(session, language, slug)
        if resource is None:
            if (moved := former_slugs.current_slug(session, language, slug)) is not None:
                return RedirectResponse(resource_path(language, moved), status_code=301)
            if (taken_off := page_service.find_taken_off(session, language, slug)) is not None:
                return not_found_page(request, taken_off=taken_off.title)
            if (elsewhere := page_service.find_in_other_language(session, language, slug)) is not None:
                original, translation = elsewhere
                if translation is not None:
                    return RedirectResponse(resource_path(language, translation.slug), status_code=302)
                return not_found_page(request, only_in=original)
            return not_found_page(request)
        steps, glossary = shown_tool_steps(settings.content_dir), shown_glossary(settings.content_dir)
        page = page_service.build_page(session, taxonomies, settings.public_base_url, resource, steps, glossary)
        other = next((t for t in page.translations if t.language != page.language), None)
        html = (
            templates()
            .get_template("resource.html")
            .render(
                lang=page.language,
                page=page,
                breadcrumbs=resource_breadcrumbs(taxonomies, resource, page.type_label, page.title),
                alternate_path=resource_path(other.language, other.url.rsplit("/", 1)[-1]) if other else None,
            )
        )
        mark_read(request, ReadKind.view, resource.id)  # counted if sent as a 200 (not a 304) to a reader
        return HTMLResponse(html, headers={"Content-Language": page.language})

    return page_in_language


for _language in LANGUAGES:
    router.add_api_route(
        resource_path(_language, "{slug}"),
        resource_page(_language),
        methods=["GET"],
        response_class=HTMLResponse,
        name=f"resource_page_{_language}",
        responses={
            301: {"description": "The resource's former address: sent on to its current one"},
            302: {"description": "Another language's address of the resource: sent on to this language's version"},
            404: {"description": "No published resource there (an HTML page)", "content": {"text/html": {}}},
            410: {"description": "The resource was taken off the centre (an HTML page)", "content": {"text/html": {}}},
        },
    )


@router.get("/fr/resources/{slug}", include_in_schema=False)
def former_french_resource_page(slug: str) -> RedirectResponse:
    """Where the French pages were until December 2026: moved for good."""
    return RedirectResponse(resource_path("fr", slug), status_code=301)
