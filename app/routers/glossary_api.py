"""The glossary for integrators and open-data portals, ``GET /v1/glossary``: JSON, or SKOS in Turtle or JSON-LD
(:mod:`app.services.glossary_data`). Thin: read the file and the published resources, answer in the chosen format."""

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.deps import SessionDep, SettingsDep
from app.errors import InvalidParameters, problem_responses
from app.middleware.caching import weak_etag
from app.policy import public
from app.routers.parameters import STRICT_PARAMETERS
from app.schemas.glossary import GlossaryRead
from app.services import glossary_data
from app.services.glossary import shown_glossary
from app.services.representations import JSON, preferred
from app.services.site.published import published_index

# Kept 5 minutes, as the glossary page: its resources follow what is published.
router = APIRouter(prefix="/v1", tags=["glossary"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=300)])


class GlossaryFormat(StrEnum):
    json = "json"
    ttl = "ttl"
    jsonld = "jsonld"


MEDIA_TYPES = {
    GlossaryFormat.json: JSON,
    GlossaryFormat.ttl: glossary_data.TURTLE,
    GlossaryFormat.jsonld: glossary_data.JSON_LD,
}
FormatParameter = Annotated[
    GlossaryFormat | None,
    Query(description="json (default); ttl or jsonld: the glossary as a SKOS concept scheme in Turtle or JSON-LD. "
          "Without it, `Accept: text/turtle` or `application/ld+json` chooses"),
]  # fmt: skip


def chosen_format(accept: str | None) -> GlossaryFormat:
    """What ``Accept`` prefers among JSON, Turtle and JSON-LD (JSON on a tie, and for anything else)."""
    wanted = preferred(accept, tuple(MEDIA_TYPES.values()))
    return next((f for f, media_type in MEDIA_TYPES.items() if media_type == wanted), GlossaryFormat.json)


@router.get(
    "/glossary",
    response_model=GlossaryRead,
    responses={
        **problem_responses(InvalidParameters),
        200: {
            "content": {glossary_data.TURTLE: {}, glossary_data.JSON_LD: {}},
            "description": "JSON; a SKOS concept scheme (a `skos:Concept` per term, `prefLabel` and `definition` in "
            "French and English, `rdfs:seeAlso` to the resources) in Turtle with `format=ttl`, in JSON-LD with "
            "`format=jsonld`",
        },
    },
)
def read_glossary(
    request: Request, session: SessionDep, settings: SettingsDep, format: FormatParameter = None
) -> Response:
    """Every term of the centre's glossary in French and English: its definitions, its entry on each language's page,
    its sources and the centre's resources that go further (CC BY 4.0). No `lang`: each term carries both languages,
    as the taxonomies do. Empty while the centre has no glossary. Conditional GET: `ETag`/`If-None-Match` answer
    `304`."""
    read = glossary_data.glossary_read(
        shown_glossary(settings.content_dir), settings.public_base_url, published_index(session)
    )
    body = read.model_dump_json()
    chosen = format or chosen_format(request.headers.get("accept"))
    vary = {"Vary": "Accept"} if format is None else {}
    # One tag per format, from the JSON every format is made of (the RDF serialisers' order is no digest's to key).
    headers = {"ETag": weak_etag(f"{chosen.value}\n{body}"), **vary}
    if chosen == GlossaryFormat.json:
        return Response(body, media_type=JSON, headers=headers)
    return Response(
        glossary_data.skos(read, chosen.value), media_type=glossary_data.MEDIA_TYPES[chosen.value], headers=headers
    )
