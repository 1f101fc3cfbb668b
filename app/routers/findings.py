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
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


FormatParameter = Annotated[
    OutputFormat | None,
    Query(description="json (default), csv or xlsx (for Excel in French: its list separator is a semicolon); or "
          "`Accept: text/csv` or the XLSX media type"),
]  # fmt: skip
CSV_RESPONSE = {
    "content": {CSV: {}, XLSX: {}},
    "description": "JSON; CSV (UTF-8 with a byte order mark) with `format=csv`; an XLSX workbook (the CSV's columns) "
    "with `format=xlsx`",
}
MEDIA_TYPES = {OutputFormat.json: JSON, OutputFormat.csv: CSV, OutputFormat.xlsx: XLSX}


def chosen_format(request: Request, format: OutputFormat | None) -> OutputFormat:
    """``format`` when given; without it, what ``Accept`` prefers among JSON, CSV and XLSX (JSON on a tie, and for
    anything else)."""
    if format is not None:
        return format
    chosen = preferred(request.headers.get("accept"), (JSON, CSV, XLSX))
    return next((f for f, media_type in MEDIA_TYPES.items() if media_type == chosen), OutputFormat.json)


def _answer(
    request: Request,
    format: OutputFormat | None,
    bodies: tuple[Callable[[], str], Callable[[], str], Callable[[], bytes]],
    name: str,
) -> Response:
    """The JSON, or the CSV or XLSX file ``name`` (``bodies`` makes each, in that order), with its ETag. Without
    ``format``, the representation is chosen by ``Accept``: a shared cache must key its copies on it."""
    vary = {"Vary": "Accept"} if format is None else {}
    json_body, csv_body, xlsx_body = bodies
    chosen = chosen_format(request, format)
    if chosen == OutputFormat.json:
        body = json_body()
        return Response(body, media_type=JSON, headers={"ETag": weak_etag(body), **vary})
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{chosen.value}"'}
    text = csv_body()
    if chosen == OutputFormat.csv:
        return Response(text, media_type=CSV_MEDIA_TYPE, headers={"ETag": weak_etag(text), **disposition, **vary})
    # A workbook's bytes hold the moment it was written: its tag is the CSV's, whose cells it holds, marked as its own.
    headers = {"ETag": weak_etag(f"xlsx\n{text}"), **disposition, **vary}
    return Response(xlsx_body(), media_type=XLSX, headers=headers)


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
    facts are in the public domain (works of the US federal government); cite "US DOL ILAB, List of Goods Produced by
    Child Labor or Forced Labor (2022)". The CSV is UTF-8 with a byte order mark; `format=xlsx` gives its columns as
    an XLSX workbook."""
    catalogue = findings_service.findings_catalogue(settings)
    rows = catalogue.find(country=country, good=good, finding=finding, region=region)
    bodies = (
        FindingsResponse(total=len(rows), rows=rows).model_dump_json,
        lambda: findings_service.rows_csv(rows),
        lambda: findings_service.rows_xlsx(rows),
    )
    return _answer(request, format, bodies, "findings")


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
    (or XLSX, `format=xlsx`) has one row per country, its lists separated by `|` (`exploited_inputs`:
    `country:commodity:ILAB's good`; `exploited_inputs_fr`, `exploited_inputs_en`: the same goods' names)."""
    countries = findings_service.findings_catalogue(settings).countries(region=region, status=status)
    bodies = (
        CountriesResponse(total=len(countries), countries=countries).model_dump_json,
        lambda: findings_service.countries_csv(countries),
        lambda: findings_service.countries_xlsx(countries),
    )
    return _answer(request, format, bodies, "findings-countries")


@router.get("/findings/countries/{code}", response_model=CountryFindings, responses=problem_responses(NotFound))
def read_country(code: str, settings: SettingsDep) -> CountryFindings:
    """One country's status, indicators (advancement level, share of children working) and exploited inputs."""
    try:
        return findings_service.findings_catalogue(settings).country(code)
    except KeyError:
        raise NotFound(f"No country has the ISO 3166-1 alpha-2 code {code!r}.") from None
