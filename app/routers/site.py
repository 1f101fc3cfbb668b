"""The public site: ``/`` → ``/fr/`` or ``/en/``, the home, the search page, the browsing pages, the human 404.
Thin: each route reads its parameters, asks ``app.services.site`` for a view and renders a template."""

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SearchDep, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import NotFound
from app.i18n import gettext, negotiate_language
from app.languages import LANGUAGES, other_language
from app.models import Resource, SearchSource
from app.paths import PAGES, page_path
from app.policy import page
from app.search.base import FilterField, SearchUnavailable
from app.services import catalog, exports, jsonld
from app.services.glossary import shown_glossary
from app.services.pages import json_for_script
from app.services.problem_types import PROBLEM_TYPES
from app.services.problem_types import SLUGS as PROBLEM_SLUGS
from app.services.search_statistics import TYPING_PARAMETER, record_search
from app.services.site import browse, harvest, not_found, search_page
from app.services.site import home as home_service
from app.services.site import tools as tools_service
from app.services.site import training as training_service
from app.services.site.layout import Meta, page_meta
from app.services.site.published import published_index
from app.services.site.world_map import WorldMap, build_map
from app.services.typography import typeset
from app.taxonomy import Taxonomies
from app.templating import STATIC, environment

router = APIRouter(tags=["site"], include_in_schema=False, dependencies=[page()])
__all__ = ["STATIC", "not_found_page", "router", "server_error_page", "wants_html"]


def render(template: str, lang: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(lang=lang, **context)
    return HTMLResponse(html, status_code=status_code, headers={"Content-Language": lang})


@router.get("/")
def root(request: Request) -> RedirectResponse:
    """The French or English home, following ``Accept-Language`` (French by default)."""
    language = negotiate_language(request.headers.get("accept-language"))
    return RedirectResponse(page_path("home", language), status_code=302, headers={"Vary": "Accept-Language"})


def world_map(session: SessionDep, taxonomies: Taxonomies, language: str, only: set[str] | None = None) -> WorldMap:
    rows = browse.country_rows(session, taxonomies, language)
    others = browse.other_countries(session, taxonomies, language) if only is None else []
    return build_map(rows, browse.country_namer(taxonomies, language), language, only, others)


def _home(language: str) -> Any:
    def home(session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep, engine: SearchDep) -> HTMLResponse:
        try:
            view = home_service.build_home(engine, taxonomies, language)
        except SearchUnavailable:
            view = None
        title = gettext(language, "Virtual resource centre 8.7")
        description = gettext(
            language,
            "Country, sector and product risk sheets, methods, good practices, training and law on child labour, "
            "forced labour and human trafficking.",
        )
        return render(
            "site/home.html",
            language,
            view=view,
            world_map=world_map(session, taxonomies, language),
            guides=home_service.guide_paths(session, language),
            paths=home_service.step_paths(session, language),
            meta=page_meta(settings.public_base_url, "home", language, title, description),
            alternate_path=page_path("home", other_language(language)),
            json_ld=json_for_script(jsonld.website(settings.public_base_url, language)),
        )

    return home


def _search(language: str) -> Any:
    def search(
        request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep, engine: SearchDep
    ) -> Response:
        params = request.query_params
        state = search_page.parse_state(
            taxonomies,
            settings,
            q=params.get("q", ""),
            raw_filters={name: params.getlist(name.value) for name in FilterField},
            sort=params.get("sort", ""),
            page=params.get("page", ""),
        )
        status_code = 200
        try:
            published = partial(published_index, session)
            names = partial(jsonld.organisation_names, session)
            glossary = shown_glossary(settings.content_dir)  # its definition of a term searched (search_definition)
            view = search_page.build_view(engine, taxonomies, published, state, language, names, glossary)
            statistics = request.app.state.search_statistics
            typing = params.get(TYPING_PARAMETER) == "1"  # search.js's request as the person types
            record_search(
                statistics, search_page.engine_query(state, language), view.total, SearchSource.page, typing=typing
            )
        except SearchUnavailable:
            view, status_code = search_page.empty_view(state, language, unavailable=True), 503
        if (last := search_page.past_the_end(state, view, language)) is not None:
            return RedirectResponse(last, status_code=302)  # not for good: the last page moves as resources come
        title = gettext(language, "Search")
        if state.q:
            title = gettext(language, "“%(query)s” — search", query=state.q)
        if view.total_pages > 1:  # a screen reader's user, paging, hears where they are from the title on
            title = gettext(
                language, "%(title)s, page %(page)s of %(pages)s", title=title, page=state.page, pages=view.total_pages
            )
        meta = page_meta(settings.public_base_url, "search", language, title)
        if state.q or state.filters or state.page > 1:
            meta = Meta(title=title, canonical=meta.canonical, alternates=meta.alternates, noindex=True)
        response = render(
            "site/search.html",
            language,
            status_code=status_code,
            view=view,
            meta=meta,
            nav_current="search",
            breadcrumbs=[(gettext(language, "Search"), page_path("search", language))],
            alternate_path=page_path("search", other_language(language), **state.params(page=state.page)),
        )
        if status_code == 503:
            response.headers["Retry-After"] = "5"
        return response

    return search


def _countries(language: str) -> Any:
    def countries(
        request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep
    ) -> HTMLResponse:
        params = request.query_params
        index = browse.country_index(
            session,
            taxonomies,
            language,
            region=params.get("region", ""),
            finding=params.get("finding", ""),
            sort=params.get("sort", ""),
        )
        title = gettext(language, "Countries")
        query = index.params()
        meta = page_meta(settings.public_base_url, "countries", language, title)
        if query:
            meta = Meta(title=title, canonical=meta.canonical, alternates=meta.alternates, noindex=True)
        return render(
            "site/countries.html",
            language,
            index=index,
            directions=browse.SORT_DIRECTIONS,
            world_map=world_map(session, taxonomies, language),
            meta=meta,
            nav_current="countries",
            breadcrumbs=[(title, page_path("countries", language))],
            alternate_path=page_path("countries", other_language(language), **query),
        )

    return countries


def _sectors(language: str) -> Any:
    def sectors(
        session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep, engine: SearchDep
    ) -> HTMLResponse:
        title = gettext(language, "Sectors and products")
        return render(
            "site/sectors.html",
            language,
            groups=browse.sector_index(session, engine, taxonomies, language),
            meta=page_meta(settings.public_base_url, "sectors", language, title),
            nav_current="sectors",
            breadcrumbs=[(title, page_path("sectors", language))],
            alternate_path=page_path("sectors", other_language(language)),
        )

    return sectors


def _tools(language: str) -> Any:
    def tools(session: SessionDep, settings: SettingsDep, engine: SearchDep) -> HTMLResponse:
        try:
            view = tools_service.build_tools(engine, language, settings.content_dir, published_index(session))
        except SearchUnavailable:
            view = None
        title = gettext(language, "Tools")
        return render(
            "site/tools.html",
            language,
            view=view,
            meta=page_meta(settings.public_base_url, "tools", language, title),
            nav_current="tools",
            breadcrumbs=[(title, page_path("tools", language))],
            alternate_path=page_path("tools", other_language(language)),
        )

    return tools


def _training(language: str) -> Any:
    def training(session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep) -> HTMLResponse:
        title = gettext(language, "Training")
        description = gettext(
            language,
            "The centre’s training modules on child labour, forced labour and human trafficking, by level: length, "
            "audiences and prerequisites of each.",
        )
        return render(
            "site/training.html",
            language,
            view=training_service.build_training(session, taxonomies, language),
            meta=page_meta(settings.public_base_url, "training", language, title, description),
            nav_current="training",
            breadcrumbs=[(title, page_path("training", language))],
            alternate_path=page_path("training", other_language(language)),
        )

    return training


def _api(language: str) -> Any:
    def api(session: SessionDep, settings: SettingsDep) -> HTMLResponse:
        title = gettext(language, "The centre’s API")
        description = gettext(
            language,
            "Search, resources, ILAB’s findings, supplier screening, exports, Atom feeds, OAI-PMH and DCAT: what the "
            "centre’s API offers and how to get a key.",
        )
        return render(
            "site/api.html",
            language,
            meta=page_meta(settings.public_base_url, "api", language, title, description),
            nav_current="api",
            breadcrumbs=[(gettext(language, "API"), page_path("api", language))],
            alternate_path=page_path("api", other_language(language)),
            anonymous_quota=settings.anonymous_requests_per_minute,
            key_quota=settings.key_requests_per_minute,
            visitor_quota=settings.visitor_requests_per_minute,
            max_per_page=settings.max_per_page,
            contact_email=settings.contact_email,
            problem_types=PROBLEM_TYPES,
            json_ld=json_for_script(exports.schema_org_dataset(session, settings.public_base_url, language)),
            citations=catalog.citations(session, settings.public_base_url, language),
        )

    return api


def _static_page(name: str, template: str, title: str, language: str) -> Any:
    def page(settings: SettingsDep) -> HTMLResponse:
        label = gettext(language, title)
        return render(
            template,
            language,
            meta=page_meta(settings.public_base_url, name, language, label),
            nav_current=name,
            breadcrumbs=[(label, page_path(name, language))],
            alternate_path=page_path(name, other_language(language)),
            contact_email=settings.contact_email,
        )

    return page


# The browsing pages are the same for everyone (no cookie read, the query in the URL): kept 5 minutes like the
# resource pages (app/routers/pages.py), revalidated by their ETag after that.
BROWSING = [page(cache_seconds=300)]

for _language in LANGUAGES:
    router.add_api_route(
        PAGES["home"][_language], _home(_language), methods=["GET"], response_class=HTMLResponse, dependencies=BROWSING
    )
    router.add_api_route(PAGES["search"][_language], _search(_language), methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(
        PAGES["countries"][_language],
        _countries(_language),
        methods=["GET"],
        response_class=HTMLResponse,
        dependencies=BROWSING,
    )
    router.add_api_route(
        PAGES["sectors"][_language],
        _sectors(_language),
        methods=["GET"],
        response_class=HTMLResponse,
        dependencies=BROWSING,
    )
    router.add_api_route(PAGES["tools"][_language], _tools(_language), methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(
        PAGES["training"][_language],
        _training(_language),
        methods=["GET"],
        response_class=HTMLResponse,
        dependencies=BROWSING,
    )
    router.add_api_route(PAGES["api"][_language], _api(_language), methods=["GET"], response_class=HTMLResponse)
    for _name, _template, _title in (
        ("publish", "site/publish.html", "Publish"),
        ("about", "site/about.html", "About the centre"),
    ):
        router.add_api_route(
            PAGES[_name][_language],
            _static_page(_name, _template, _title, _language),
            methods=["GET"],
            response_class=HTMLResponse,
        )


@router.get("/fr/ressources/")
@router.get("/fr/resources/")
@router.get("/en/resources/")
def resources_index(request: Request) -> RedirectResponse:
    """The list of every resource is the search page without a query."""
    language = request.url.path.split("/")[1]
    return RedirectResponse(page_path("search", language), status_code=301)


@router.get("/problems/{slug}")
def problem_type(slug: str, request: Request) -> Response:
    """A problem's ``type`` URI: what it means and what to do, in the API page's section on it, in the reader's
    language. An unknown type is a 404 like any unknown address (a page for a browser)."""
    if slug not in PROBLEM_SLUGS:
        if wants_html(request):
            return not_found_page(request)
        raise NotFound(f"No problem type is called {slug[:60]!r}: the API page lists them.")
    language = negotiate_language(request.headers.get("accept-language"))
    return RedirectResponse(f"{page_path('api', language)}#problem-{slug}", status_code=303)


@router.get("/sitemap.xml")
def sitemap(session: SessionDep, settings: SettingsDep) -> Response:
    """Every published resource in each of its languages, with ``hreflang`` alternates, and the fixed pages."""
    return Response(harvest.sitemap(session, settings.public_base_url), media_type="application/xml")


@router.get("/robots.txt")
def robots(settings: SettingsDep) -> Response:
    return Response(harvest.robots(settings.public_base_url), media_type="text/plain; charset=utf-8")


def wants_html(request: Request) -> bool:
    """A person's browser, not an API client: a page path, or HTML preferred outside the API."""
    path = request.url.path
    if path.startswith(("/v1/", "/embed/v1/")):
        return False
    return path.split("/")[1:2] in (["fr"], ["en"]) or "text/html" in request.headers.get("accept", "")


def _language_of_path(request: Request) -> str:
    """The language of the path's first segment, else of ``Accept-Language``."""
    first = request.url.path.split("/")[1:2]
    return first[0] if first and first[0] in LANGUAGES else negotiate_language(request.headers.get("accept-language"))


def not_found_page(request: Request, *, taken_off: str | None = None, only_in: Resource | None = None) -> Response:
    """The human 404: in the language of the path (else of ``Accept-Language``), with the resources the address's
    words find (a mistyped or retired slug), a search box holding those words, and ways on. With the title of a
    resource ``taken_off`` the centre, a 410 saying so, its guesses found by that title. With a resource published
    ``only_in`` the other language at this slug, a link to it first. The one place the site's addresses that lead
    nowhere are answered (no route, no resource at a slug): one that is a page's address in the other language's
    words (``/en/outils/criblage``) is sent on to the page, as a resource's slug in the other language is
    (app.routers.pages). Blocking (a search): call it from a thread."""
    if taken_off is None and only_in is None and (moved := not_found.in_this_language(request.url.path)):
        query = request.url.query
        return RedirectResponse(f"{moved}?{query}" if query else moved, status_code=301)
    language = _language_of_path(request)
    if only_in is not None:  # its other-language version is the answer: the address's words would guess noise
        words = ""
    elif taken_off:
        words = not_found.title_words(taken_off)
    else:
        words = not_found.address_words(request.url.path)
    title = gettext(language, "Resource withdrawn") if taken_off else gettext(language, "Page not found")
    elsewhere = not_found.only_in(only_in) if only_in else None
    return render(
        "site/not_found.html",
        language,
        status_code=410 if taken_off else 404,
        meta=Meta(title=title, noindex=True),
        # the resource in the other language, else nothing at this address in it: the switch leads home
        alternate_path=elsewhere.url if elsewhere else None,
        error_page=True,
        words=words,
        taken_off=typeset(taken_off, language) if taken_off else None,
        only_in=elsewhere,
        guesses=not_found.guesses(request.app.state.search, request.app.state.taxonomies, words, language),
    )


def server_error_page(request: Request, *, unavailable: bool) -> HTMLResponse:
    """The human 500 (or 503 when the database cannot be reached) of a page a person's browser asked for: what
    happened, whether to retry, and the reference to give when writing to the centre."""
    language = _language_of_path(request)
    heading = (
        gettext(language, "The centre is unavailable for a moment")
        if unavailable
        else gettext(language, "Something went wrong")
    )
    return render(
        "site/server_error.html",
        language,
        status_code=503 if unavailable else 500,
        meta=Meta(title=heading, noindex=True),
        alternate_path=None,
        error_page=True,
        heading=heading,
        unavailable=unavailable,
        request_id=getattr(request.state, "request_id", None),
    )
