"""Findings: the ILAB country × good table and per-country statuses, as JSON or CSV."""

from collections.abc import Callable
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
from app.services.representations import JSON, preferred

router = APIRouter(prefix="/v1", tags=["findings"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=3600)])

Values = Annotated[list[str], Query(max_length=50)]
CSV = "text/csv"
CSV_MEDIA_TYPE = f"{CSV}; charset=utf-8"


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"


FormatParameter = Annotated[OutputFormat | None, Query(description="json (default) or csv; or `Accept: text/csv`")]
CSV_RESPONSE = {"content": {CSV: {}}, "description": "JSON, or CSV (UTF-8 with a byte order mark) with `format=csv`"}


def wants_csv(request: Request, format: OutputFormat | None) -> bool:
    """CSV when ``format`` says so; without it, when ``Accept`` prefers CSV to JSON (JSON for anything else)."""
    if format is not None:
        return format == OutputFormat.csv
    return preferred(request.headers.get("accept"), (JSON, CSV)) == CSV


def _answer(
    request: Request, format: OutputFormat | None, json_body: Callable[[], str], csv_body: Callable[[], str], name: str
) -> Response:
    """The JSON or the CSV file ``name``, with its ETag. Without ``format``, the representation is chosen by
    ``Accept``: a shared cache must key its copies on it."""
    vary = {"Vary": "Accept"} if format is None else {}
    if wants_csv(request, format):
        body = csv_body()
        disposition = f'attachment; filename="{name}.csv"'
        headers = {"Content-Disposition": disposition, "ETag": weak_etag(body), **vary}
        return Response(body, media_type=CSV_MEDIA_TYPE, headers=headers)
    body = json_body()
    return Response(body, media_type=JSON, headers={"ETag": weak_etag(body), **vary})


@router.get(
    "/findings",
    response_model=FindingsResponse,
    responses={**problem_responses(InvalidParameters), 200: CSV_RESPONSE},
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
    format: FormatParameter = None,
) -> Response:
    """Rows of ILAB's List of Goods (2022): findings per country × good, with sources and links to the sheets. ILAB's
    facts are in the public domain (works of the US federal government); cite ILAB's List of Goods. The CSV is UTF-8
    with a byte order mark."""
    catalogue = findings_service.findings_catalogue(settings)
    rows = catalogue.find(country=country, good=good, finding=finding, region=region)
    return _answer(
        request,
        format,
        FindingsResponse(total=len(rows), rows=rows).model_dump_json,
        lambda: findings_service.rows_csv(rows),
        "findings",
    )


@router.get(
    "/findings/countries",
    response_model=CountriesResponse,
    responses={**problem_responses(InvalidParameters), 200: CSV_RESPONSE},
)
def list_countries(
    request: Request,
    settings: SettingsDep,
    region: Values = [],  # noqa: B006
    status: Annotated[
        list[str],
        Query(
            max_length=5,
            description="forced_child_labour, forced_labour, child_labour, assessed_without_finding, not_assessed",
        ),
    ] = [],  # noqa: B006
    format: FormatParameter = None,
) -> Response:
    """Every country's ILAB status (most serious finding, or assessed without finding, or not assessed). The CSV
    has one row per country, its lists (`exploited_inputs`: `country:commodity`) separated by `|`."""
    countries = findings_service.findings_catalogue(settings).countries(region=region, status=status)
    return _answer(
        request,
        format,
        CountriesResponse(total=len(countries), countries=countries).model_dump_json,
        lambda: findings_service.countries_csv(countries),
        "findings-countries",
    )


@router.get("/findings/countries/{code}", response_model=CountryFindings, responses=problem_responses(NotFound))
def read_country(code: str, settings: SettingsDep) -> CountryFindings:
    """One country's status, indicators (advancement level, share of children working) and exploited inputs."""
    try:
        return findings_service.findings_catalogue(settings).country(code)
    except KeyError:
        raise NotFound(f"No country has the ISO 3166-1 alpha-2 code {code!r}.") from None
