"""OAI-PMH 2.0 at /oai (GET and POST), for library and open-data harvesters."""

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from app.deps import SessionDep, SettingsDep, TaxonomiesDep
from app.policy import page
from app.services import oai

router = APIRouter(tags=["open data"], dependencies=[page()])
MEDIA_TYPE = "text/xml; charset=utf-8"
ARGUMENTS = ("verb", "metadataPrefix", "identifier", "set", "from", "until", "resumptionToken")
# Read from the raw query (repeated arguments are an OAI error, not a validation one), documented here.
QUERY_PARAMETERS = {
    "parameters": [
        {"name": name, "in": "query", "required": name == "verb", "schema": {"type": "string"}} for name in ARGUMENTS
    ]
}
RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/xml": {}}, "description": "An OAI-PMH response; errors are OAI <error> elements"}
}


async def _answer(request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep) -> Response:
    arguments = request.query_params.multi_items()
    if request.method == "POST":
        arguments = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    repository = oai.Repository(settings, taxonomies)
    body = await run_in_threadpool(oai.handle, session, repository, arguments, oai.now())
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/oai", response_class=Response, responses=RESPONSES, openapi_extra=QUERY_PARAMETERS)
async def oai_get(request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep) -> Response:
    """OAI-PMH 2.0: `?verb=Identify`, `ListMetadataFormats`, `ListSets` (`type:<code>`, `country:<ISO>`,
    `sector:<code>`, `risk:<code>`, `region:<code>`),
    `ListIdentifiers`, `ListRecords` (`metadataPrefix=oai_dc`, `set`, `resumptionToken`, `from` and `until` on a
    record's last change: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`), `GetRecord`."""
    return await _answer(request, session, settings, taxonomies)


@router.post("/oai", response_class=Response, responses=RESPONSES)
async def oai_post(request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep) -> Response:
    """The same, with the arguments form-encoded (`application/x-www-form-urlencoded`)."""
    return await _answer(request, session, settings, taxonomies)
