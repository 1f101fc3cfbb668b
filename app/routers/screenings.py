"""Supplier screening: a list of (country, product) lines in, one verdict per line out (JSON, CSV or XLSX)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from app.deps import SettingsDep
from app.errors import BadRequest, InvalidParameters, PayloadTooLarge, problem_responses
from app.languages import Language
from app.policy import public
from app.schemas.screening import ScreeningResult, SupplierLine
from app.services import findings as findings_service
from app.services import screening as screening_service
from app.services import screening_input
from app.services.screening_files import Separator, file_name, result_file, screened_now
from app.services.screening_input import (
    MAX_BYTES,
    MAX_LINES,
    TOO_LARGE,
    XLSX_MEDIA_TYPE,
    BuyerColumns,
    ScreeningFormat,
)
from app.web import forms

router = APIRouter(prefix="/v1", tags=["screenings"], dependencies=[public(cors=False)])  # as any /v1 route had it
NO_STORE = {"Cache-Control": "no-store"}
LINE_SCHEMA = SupplierLine.model_json_schema()
REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            f"At most {MAX_LINES:,} lines and 2 MiB. CSV: comma, semicolon or tab; UTF-8 (with or without BOM), "
            "UTF-16 with its BOM or Windows-1252; a header, in any of the first 10 rows, names the columns "
            "(country/pays/pays d'origine, product/produit/désignation, reference/fournisseur); the others (at most "
            "100) come back with each line: in its `buyer_columns` in JSON, after the result's columns in CSV and "
            "XLSX. XLSX: one sheet is read, the first visible one whose header names a country and a product. In "
            "JSON, a line's `reference` and `buyer_columns` (your own fields) come back the same way. "
            "Another file (PDF, .xls, .docx) is a 422."
        ),
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"lines": {"type": "array", "items": LINE_SCHEMA}}},
                "example": {
                    "lines": [
                        {
                            "reference": "SUP-1",
                            "country": "Côte d’Ivoire",
                            "product": "cacao",
                            "buyer_columns": {"Supplier ID": "F-001", "Spend (EUR)": 125000},
                        },
                        {"reference": "SUP-2", "country": "BR", "product": "cocoa beans"},
                    ]
                },
            },
            "text/csv": {"schema": {"type": "string"}, "example": "reference;pays;produit\nSUP-1;Ghana;cacao\n"},
            XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            },
        },
    }
}


async def body_bytes(request: Request) -> tuple[bytes, str]:
    """The list's bytes (within :data:`MAX_BYTES`) and content type; a multipart form gives its ``file`` (or its
    ``text`` field)."""
    content_type = request.headers.get("content-type", "")
    with await forms.read_body(request, MAX_BYTES, TOO_LARGE) as body:
        if not content_type.lower().startswith("multipart/form-data"):
            return body.read(), content_type
        try:
            form = await forms.parse_form(request, body, max_files=2, max_fields=10, max_part_size=MAX_BYTES)
        except MultiPartException as exc:
            raise BadRequest(f"Unreadable form: {exc.message}") from None
    try:
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            return await upload.read(), upload.content_type or ""
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            return text.encode("utf-8"), "text/csv"
    finally:
        await form.close()
    raise InvalidParameters("The form has neither a `file` nor a `text` field with lines.")


def wants(request: Request, format: ScreeningFormat | None) -> ScreeningFormat:
    if format is not None:
        return format
    accept = request.headers.get("accept", "")
    if XLSX_MEDIA_TYPE in accept:
        return ScreeningFormat.xlsx
    if "text/csv" in accept:
        return ScreeningFormat.csv
    return ScreeningFormat.json


def render(
    result: ScreeningResult, buyer: BuyerColumns, format: ScreeningFormat, lang: Language, separator: Separator
) -> Response:
    now = screened_now()
    body, media_type = result_file(result, buyer, format, lang, separator, screened_at=now)
    headers = NO_STORE
    if format != ScreeningFormat.json:  # a file to save
        name = file_name("screening", format, now, lang)
        headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


@router.post(
    "/screenings",
    response_model=ScreeningResult,
    openapi_extra=REQUEST_BODY,
    responses={
        **problem_responses(BadRequest, PayloadTooLarge, InvalidParameters),
        200: {
            "description": (
                "Each line's state, findings, indicators and resources, with the list's other columns (JSON, CSV or "
                "XLSX)"
            ),
            "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}},
        },
    },
)
async def create_screening(
    request: Request,
    settings: SettingsDep,
    format: Annotated[ScreeningFormat | None, Query(description="json (default), csv or xlsx; or Accept")] = None,
    lang: Annotated[Language, Query(description="Language of the labels in CSV and XLSX")] = Language.en,
    separator: Annotated[Separator, Query(description="CSV output separator")] = Separator.comma,
) -> Response:
    """Screen a supplier list (JSON, CSV or XLSX) against ILAB's findings; nothing is stored or logged."""
    data, content_type = await body_bytes(request)
    catalogue = findings_service.findings_catalogue(settings)

    def work() -> Response:
        parsed = screening_input.parse(data, content_type)
        result = screening_service.screen(catalogue, parsed)
        return render(result, parsed.buyer_columns(), wants(request, format), lang, separator)

    return await run_in_threadpool(work)
