"""The centre described for harvesters and browsers: a DCAT-AP catalogue (its URI ``/catalog`` sends a harvester
to its files, a browser to the API page that documents it), the API's root that the catalogue names as its
endpoint, and an OpenSearch description per language."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

from app.deps import SessionDep, SettingsDep
from app.languages import LANGUAGES
from app.policy import page
from app.services import catalog
from app.services import opensearch as opensearch_service

router = APIRouter(tags=["open data"], dependencies=[page(cache_seconds=3600)])
LINKSET = "application/linkset+json"


def _catalog(session: SessionDep, settings: SettingsDep, rdf_format: str) -> Response:
    graph = catalog.build_graph(session, settings)
    return Response(catalog.serialise(graph, rdf_format), media_type=catalog.MEDIA_TYPES[rdf_format])


@router.get(
    "/catalog",
    response_class=RedirectResponse,
    status_code=303,
    responses={
        303: {
            "description": "See the catalogue in the format `Accept` prefers: Turtle or JSON-LD, or for a browser "
            "(HTML) the API page's open-data section"
        }
    },
)
def catalog_uri(request: Request, settings: SettingsDep) -> RedirectResponse:
    """The catalogue's own URI: a `303 See Other` to `/catalog.jsonld` when `Accept` prefers JSON-LD, to the API
    page's open-data section (in the language of `Accept-Language`) when it prefers HTML, to `/catalog.ttl`
    otherwise."""
    headers = request.headers
    location = catalog.representation(settings.public_base_url, headers.get("accept"), headers.get("accept-language"))
    return RedirectResponse(location, status_code=303, headers={"Vary": "Accept, Accept-Language"})


@router.get(
    "/v1/",
    response_class=JSONResponse,
    dependencies=[page(cache_seconds=3600, cors=True)],  # readable by scripts, like the API it describes
    responses={200: {"content": {LINKSET: {}}, "description": "RFC 9264 linkset of the API's description and docs"}},
)
def api_root(settings: SettingsDep) -> JSONResponse:
    """The API's root: links to its OpenAPI description, its documentation and the DCAT-AP catalogue."""
    return JSONResponse(catalog.api_index(settings.public_base_url), media_type=LINKSET)


@router.get(
    "/catalog.jsonld",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {}}, "description": "DCAT-AP 3 catalogue, JSON-LD"}},
)
def catalog_jsonld(session: SessionDep, settings: SettingsDep) -> Response:
    """The centre as a DCAT-AP catalogue (JSON-LD): the corpus as a dataset with its distributions (exports, Atom
    feed) and services (JSON API, OAI-PMH), for data.europa.eu, data.gouv.fr and other harvesters."""
    return _catalog(session, settings, "json-ld")


@router.get(
    "/catalog.ttl",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}}, "description": "DCAT-AP 3 catalogue, Turtle"}},
)
def catalog_turtle(session: SessionDep, settings: SettingsDep) -> Response:
    """The same catalogue in Turtle."""
    return _catalog(session, settings, "turtle")


def _opensearch(language: str) -> Callable[..., Response]:
    def opensearch(settings: SettingsDep) -> Response:
        """An OpenSearch description, so that a browser can add the centre's search in this language."""
        data = opensearch_service.description(settings.public_base_url, language)
        return Response(data, media_type=opensearch_service.MEDIA_TYPE)

    return opensearch


OPENSEARCH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {opensearch_service.MEDIA_TYPE: {}}, "description": "OpenSearch 1.1 description"}
}
for _language in LANGUAGES:
    router.add_api_route(
        opensearch_service.path(_language),
        _opensearch(_language),
        methods=["GET"],
        response_class=Response,
        responses=OPENSEARCH_RESPONSES,
    )
# Where the French one was: the browsers that added it ask there for its updates.
router.add_api_route(
    opensearch_service.FORMER_PATH,
    _opensearch(opensearch_service.FORMER_LANGUAGE),
    methods=["GET"],
    response_class=Response,
    responses=OPENSEARCH_RESPONSES,
    include_in_schema=False,
)
