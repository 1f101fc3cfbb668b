"""The pages the law asks a public site to lead to from every page (base.html's footer): the accessibility statement
(``/fr/accessibilite``, ``/en/accessibility``), the personal data notice (``/fr/donnees-personnelles``,
``/en/personal-data``) and the legal notice (``/fr/mentions-legales``, ``/en/legal-notice``). Thin: the code's facts
and the operator's settings (:mod:`app.services.site.legal`), rendered."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from app.deps import SettingsDep
from app.i18n import N_, gettext
from app.languages import LANGUAGES, other_language
from app.paths import PAGES, page_path
from app.policy import page
from app.routers.site import render
from app.services.site.layout import page_meta
from app.services.site.legal import legal_view

# The same for everyone (the settings alone), like the browsing pages: kept 5 minutes, then revalidated by its ETag.
router = APIRouter(tags=["site"], include_in_schema=False, dependencies=[page(cache_seconds=300)])

TITLES = {
    "accessibility": N_("Accessibility statement"),
    "personal_data": N_("Personal data"),
    "legal_notice": N_("Legal notice"),
}


def _legal_page(name: str, language: str) -> Any:
    def legal_page(settings: SettingsDep) -> HTMLResponse:
        title = gettext(language, TITLES[name])
        return render(
            f"site/{name}.html",
            language,
            view=legal_view(settings),
            meta=page_meta(settings.public_base_url, name, language, title),
            breadcrumbs=[(title, page_path(name, language))],
            alternate_path=page_path(name, other_language(language)),
        )

    return legal_page


for _language in LANGUAGES:
    for _name in TITLES:
        router.add_api_route(
            PAGES[_name][_language], _legal_page(_name, _language), methods=["GET"], response_class=HTMLResponse
        )
