"""Findings: the ILAB country × good table and per-country statuses, as JSON or CSV."""

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.deps import SettingsDep
from app.errors import InvalidParameters, NotFound, problem_responses
from app.middleware.caching import weak_etag
from app.policy import public
from app.routers.parameters import STRICT_PARAMETERS
from app.schemas.findings import CountriesResponse, CountryFindings, FindingsResponse
from app.services import findings as findings_service

router = APIRouter(prefix="/v1", tags=["findings"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=3600)])

Values = Annotated[list[str], Query(max_length=50)]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"


def wants_csv(request: Request, format: OutputFormat | None) -> bool:
    if format is not None:
        return format == OutputFormat.csv
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


@router.get(
    "/findings",
    response_model=FindingsResponse,
    responses={
        **problem_responses(InvalidParameters),
        200: {"content": {"text/csv": {}}, "description": "The rows (JSON, or CSV with `format=csv`)"},
    },
)
def list_findings(
    request: Request,
    settings: SettingsDep,
    country: Annotated[list[str], Query(max_length=50, description="ISO 3166-1 alpha-2", examples=[["CI"]])] = [],  # noqa: B006
    good: Annotated[
        list[str], Query(max_length=50, description="A commodity or broad sector code", examples=[["cocoa"]])
    ] = [],  # noqa: B006
    finding: Annotated[
        list[str],
        Query(max_length=4, description="forced_child_labour, forced_labour, child_labour, exploited_inputs"),
    ] = [],  # noqa: B006
    region: Values = [],  # noqa: B006
    format: Annotated[OutputFormat | None, Query(description="json (default) or csv; or `Accept: text/csv`")] = None,
) -> Response:
    """Rows of ILAB's List of Goods (2022): findings per country × good, with sources and links to the sheets. ILAB's
    facts are in the public domain (works of the US federal government); cite ILAB's List of Goods. The CSV is UTF-8
    with a byte order mark."""
    catalogue = findings_service.findings_catalogue(settings)
    rows = catalogue.find(country=country, good=good, finding=finding, region=region)
    # Without `format`, the representation is chosen by Accept: a shared cache must key its copies on it.
    vary = {"Vary": "Accept"} if format is None else {}
    if wants_csv(request, format):
        body = findings_service.rows_csv(rows)
        return Response(
            body,
            media_type=CSV_MEDIA_TYPE,
            headers={"Content-Disposition": 'attachment; filename="findings.csv"', "ETag": weak_etag(body), **vary},
        )
    result = FindingsResponse(total=len(rows), rows=rows)
    body = result.model_dump_json()
    return Response(body, media_type="application/json", headers={"ETag": weak_etag(body), **vary})


@router.get("/findings/countries", response_model=CountriesResponse, responses=problem_responses(InvalidParameters))
def list_countries(
    settings: SettingsDep,
    region: Values = [],  # noqa: B006
    status: Annotated[
        list[str],
        Query(
            max_length=5,
            description="forced_child_labour, forced_labour, child_labour, assessed_without_finding, not_assessed",
        ),
    ] = [],  # noqa: B006
) -> CountriesResponse:
    """Every country's ILAB status (most serious finding, or assessed without finding, or not assessed)."""
    countries = findings_service.findings_catalogue(settings).countries(region=region, status=status)
    return CountriesResponse(total=len(countries), countries=countries)


@router.get("/findings/countries/{code}", response_model=CountryFindings, responses=problem_responses(NotFound))
def read_country(code: str, settings: SettingsDep) -> CountryFindings:
    """One country's status, indicators (advancement level, share of children working) and exploited inputs."""
    try:
        return findings_service.findings_catalogue(settings).country(code)
    except KeyError:
        raise NotFound(f"No country has the ISO 3166-1 alpha-2 code {code!r}.") from None
