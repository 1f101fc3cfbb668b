"""The centre described for harvesters and browsers: a DCAT-AP catalogue and an OpenSearch description."""

from fastapi import APIRouter, Response

from app.deps import SessionDep, SettingsDep
from app.services import catalog
from app.services import opensearch as opensearch_service

router = APIRouter(tags=["open data"])


def _catalog(session: SessionDep, settings: SettingsDep, rdf_format: str) -> Response:
    graph = catalog.build_graph(session, settings)
    return Response(catalog.serialise(graph, rdf_format), media_type=catalog.MEDIA_TYPES[rdf_format])


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


@router.get(
    "/opensearch.xml",
    response_class=Response,
    responses={200: {"content": {opensearch_service.MEDIA_TYPE: {}}, "description": "OpenSearch 1.1 description"}},
)
def opensearch(settings: SettingsDep) -> Response:
    """An OpenSearch description, so that a browser can add the centre's search."""
    return Response(opensearch_service.description(settings.public_base_url), media_type=opensearch_service.MEDIA_TYPE)
