"""Human pages of the resources, server-rendered in their language."""

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.deps import SessionDep, SettingsDep, TaxonomiesDep
from app.languages import LANGUAGES
from app.services import pages as page_service

router = APIRouter(tags=["pages"])
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache
def templates() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["human_date"] = page_service.human_date
    return environment


@router.get(
    "/{lang}/resources/{slug}",
    response_class=HTMLResponse,
    responses={404: {"description": "No published resource there (an HTML page)", "content": {"text/html": {}}}},
)
def resource_page(
    lang: str, slug: str, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep
) -> HTMLResponse:
    """The page of a published resource (HTML): body, sources, translations, related resources, JSON-LD."""
    resource = page_service.find_published(session, lang, slug)
    if resource is None:
        language = lang if lang in LANGUAGES else "en"
        html = (
            templates()
            .get_template("not_found.html")
            .render(
                lang=language,
                strings=page_service.STRINGS[language],
                widget_url="/embed/v1/widget.js",
                query=slug.replace("-", " ")[:80],
            )
        )
        return HTMLResponse(html, status_code=404, headers={"Content-Language": language})
    page = page_service.build_page(session, taxonomies, settings.public_base_url, resource)
    html = templates().get_template("resource.html").render(lang=page.language, strings=page.strings, page=page)
    return HTMLResponse(html, headers={"Content-Language": page.language})
