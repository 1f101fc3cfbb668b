"""The embeddable search widget and its demo page."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.languages import Language
from app.routers.pages import templates

router = APIRouter(prefix="/embed", tags=["embed"])
STATIC = Path(__file__).resolve().parent.parent / "static" / "embed"


@lru_cache
def _widget_source() -> bytes:
    return (STATIC / "widget.js").read_bytes()


@router.get("/v1/widget.js", response_class=Response, responses={200: {"content": {"text/javascript": {}}}})
def widget_js() -> Response:
    """The `<crv-search>` web component: one script tag, one element, no dependencies."""
    return Response(_widget_source(), media_type="text/javascript; charset=utf-8")


@router.get("/demo", response_class=HTMLResponse)
def demo(
    request: Request,
    key: Annotated[str, Query(max_length=200, description="A publishable key to try")] = "",
    lang: Language = Language.fr,
    sector: Annotated[str, Query(max_length=60)] = "",
) -> HTMLResponse:
    """A page that embeds the widget, with the snippet to copy."""
    base = str(request.base_url).rstrip("/")
    html = templates().get_template("embed_demo.html").render(lang=lang.value, base=base, key=key, sector=sector)
    return HTMLResponse(html, headers={"Content-Language": lang.value})
