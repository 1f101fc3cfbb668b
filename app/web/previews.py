"""A revision shown as its public page before it is published: the editors' preview of a submission (the desk)
and the partners' of their latest revision (the portal). The public template itself, in the resource's language,
under a banner saying it is not published; never indexed, never cached. Who may see it is the caller's check."""

from dataclasses import dataclass

from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.config import Settings
from app.i18n import N_, gettext
from app.models import Resource, ResourceRevision
from app.paths import page_path
from app.services.publishing.views import preview_page
from app.services.tool_steps import shown_tool_steps
from app.taxonomy import Taxonomies
from app.templating import environment
from app.web.templating import SECTION_LABELS

# The last part of a preview's address, after its item's page: its public page, before it is approved.
PREVIEW = {"fr": "apercu", "en": "preview"}


@dataclass(frozen=True)
class Place:
    """Where a preview is opened from: its section (a page name of :data:`app.paths.PAGES`), the page name its
    items are under (``<items>/<id>``, the preview at ``<items>/<id>/<PREVIEW>``) and what the way back says."""

    section: str
    items: str
    back: str


DESK = Place("desk", "desk", N_("Back to the submission"))
PORTAL = Place("portal", "resource", N_("Back to the form"))


def public_preview(
    session: Session,
    taxonomies: Taxonomies,
    settings: Settings,
    resource: Resource,
    revision: ResourceRevision,
    item_id: str,
    place: Place,
) -> HTMLResponse:
    """``revision`` of ``resource`` as its public page will show it once approved; ``item_id``: the resource as
    ``place`` addresses it (the way back, and the breadcrumb), in the resource's language as the page is."""
    steps = shown_tool_steps(settings.content_dir)
    page = preview_page(session, taxonomies, settings.public_base_url, resource, revision, steps)
    lang = page.language
    item = f"{page_path(place.items, lang)}/{item_id}"
    html = (
        environment()
        .get_template("web/desk_preview.html")
        .render(
            lang=lang,
            page=page,
            back=item,
            back_label=gettext(lang, place.back),
            breadcrumbs=[
                (gettext(lang, SECTION_LABELS[place.section]), page_path(place.section, lang)),
                (page.title, item),
                (gettext(lang, "Preview"), f"{item}/{PREVIEW[lang]}"),
            ],
        )
    )
    headers = {"Content-Language": lang, "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}
    return HTMLResponse(html, headers=headers)
