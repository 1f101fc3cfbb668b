"""The glossary page, ``/fr/glossaire`` and ``/en/glossary``: the terms of ``content/glossary.yaml`` in the page's
language (:mod:`app.services.site.glossary`). Thin: read the file and the published resources, render."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from app.deps import SessionDep, SettingsDep
from app.i18n import gettext
from app.languages import LANGUAGES, other_language
from app.paths import PAGES, page_path
from app.policy import page
from app.routers.site import render
from app.services.glossary import shown_glossary
from app.services.pages import json_for_script
from app.services.site import glossary as glossary_page
from app.services.site.layout import page_meta
from app.services.site.published import published_index

# The same for everyone, like the browsing pages (app.routers.site): kept 5 minutes, then revalidated by its ETag.
router = APIRouter(tags=["site"], include_in_schema=False, dependencies=[page(cache_seconds=300)])


def _glossary(language: str) -> Any:
    def glossary(session: SessionDep, settings: SettingsDep) -> HTMLResponse:
        """The glossary in the page's language."""
        title = gettext(language, "Glossary")
        description = gettext(
            language,
            "Short definitions of the words of child labour, forced labour, human trafficking and due diligence, "
            "with the texts they come from and the centre’s resources that go further.",
        )
        meta = page_meta(settings.public_base_url, "glossary", language, title, description)
        view = glossary_page.build_glossary(shown_glossary(settings.content_dir), language, published_index(session))
        return render(
            "site/glossary.html",
            language,
            view=view,
            description=description,
            meta=meta,
            nav_current="glossary",
            breadcrumbs=[(title, page_path("glossary", language))],
            alternate_path=page_path("glossary", other_language(language)),
            json_ld=json_for_script(glossary_page.json_ld(view, title, meta.canonical)),
        )

    return glossary


for _language in LANGUAGES:
    router.add_api_route(
        PAGES["glossary"][_language], _glossary(_language), methods=["GET"], response_class=HTMLResponse
    )
