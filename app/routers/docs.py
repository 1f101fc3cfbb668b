"""``/docs`` (Swagger UI) and ``/redoc`` with their assets served by the centre: the JavaScript and CSS come from
the pinned ``fastapi-offline`` package (``/static/docs/…``), so the documentation works without internet and no
request leaves the centre (no CDN, no Google Fonts)."""

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.policy import page

ASSETS = Path(str(files("fastapi_offline") / "static"))
PREFIX = "/static/docs"
router = APIRouter(include_in_schema=False, dependencies=[page(inline_scripts=True)])  # their bootstrap scripts


def mount_assets(app: FastAPI) -> None:
    """Serve the pages' assets; the app adds :data:`router`, the two documentation pages, as it adds the others (it
    is created with ``docs_url=None``)."""
    app.mount(PREFIX, StaticFiles(directory=ASSETS), name="docs-static")


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="crv — API (Swagger UI)",
        oauth2_redirect_url="/docs/oauth2-redirect",
        swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
        swagger_css_url=f"{PREFIX}/swagger-ui.css",
        swagger_favicon_url="/static/site/favicon.svg",
    )


@router.get("/docs/oauth2-redirect")
def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return get_redoc_html(
        openapi_url="/openapi.json",
        title="crv — API (ReDoc)",
        redoc_js_url=f"{PREFIX}/redoc.standalone.js",
        redoc_favicon_url="/static/site/favicon.svg",
        with_google_fonts=False,
    )
