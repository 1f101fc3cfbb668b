"""Posted bodies read within a limit before anything parses them, into a spooled file: in memory while small, on
disk past :data:`SPOOL_BYTES`, so an upload of tens of MiB is never held in memory whole.

A form is read once per request, by :func:`read`, within the limits of its route (:class:`FormLimits`; the CSRF
dependency ``csrf.protected(...)`` of the route reads it, and the route's ``request.form()`` gets the same
object). The screening API reads its list with :func:`read_body` and :func:`parse_form` itself: its body may be a
CSV or a workbook as well as a form."""

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile

from fastapi import Request
from starlette.datastructures import FormData
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from app.errors import BadRequest, PayloadTooLarge
from app.i18n import N_

SPOOL_BYTES = 1024 * 1024  # a body past this goes to a temporary file (Starlette's uploads spool at the same size)
CHUNK_BYTES = 64 * 1024  # what the parser is given at a time from the spool
TEXT_PART_BYTES = 2 * 1024 * 1024  # a field that is not a file (a body of 200,000 characters fits)
MAX_FIELDS = 2000  # a form's fields: the pickers' ticks, the sources' rows, the documents'
FORM_TOO_LARGE = N_("This form is too large to be sent: shorten its texts, then send it again.")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True, slots=True)
class FormLimits:
    """What a route's form may hold: ``max_bytes`` of body (413 past it, saying ``too_large``), ``max_files``
    files, ``max_fields`` fields that are not files, each of at most ``max_part_size`` bytes (400 past those)."""

    max_bytes: int
    max_files: int = 0
    max_fields: int = MAX_FIELDS
    max_part_size: int = TEXT_PART_BYTES
    too_large: str = FORM_TOO_LARGE


# A form without files: the editors' correction of a resource (a body of 200,000 characters, its sources, its ticks)
# is the largest, well under it.
TEXT_FORM = FormLimits(max_bytes=4 * 1024 * 1024)


def is_form(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith(FORM_TYPES)


async def read_body(request: Request, max_bytes: int, too_large: str) -> SpooledTemporaryFile[bytes]:
    """The body in a spooled file at its start, refused with 413 (``too_large``) past ``max_bytes``: announced by
    Content-Length before a byte is read, or actual, as soon as the bytes read pass it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(too_large)
    body: SpooledTemporaryFile[bytes] = SpooledTemporaryFile(max_size=SPOOL_BYTES)
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise PayloadTooLarge(too_large)
            body.write(chunk)
    except BaseException:
        body.close()
        raise
    body.seek(0)
    return body


async def parse_form(
    request: Request, body: SpooledTemporaryFile[bytes], *, max_files: int, max_fields: int, max_part_size: int
) -> FormData:
    """``body`` (:func:`read_body`'s) parsed as the request's form, urlencoded or else multipart; its files each in
    a spooled file of their own. Raises ``MultiPartException`` when it cannot be read."""

    async def chunks() -> AsyncGenerator[bytes, None]:
        while chunk := body.read(CHUNK_BYTES):
            yield chunk

    if request.headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded"):
        return await FormParser(request.headers, chunks(), max_fields=max_fields, max_part_size=max_part_size).parse()
    parser = MultiPartParser(
        request.headers, chunks(), max_files=max_files, max_fields=max_fields, max_part_size=max_part_size
    )
    return await parser.parse()


async def read(request: Request, limits: FormLimits) -> FormData:
    """The form posted, read within ``limits`` (413 past ``max_bytes``, 400 when it cannot be read) the first time,
    the same object afterwards. Kept where Starlette keeps the form ``request.form()`` parses (there is no public
    way to hand it one), so the route's ``request.form()`` gets it too; a route with ``Form()`` parameters had its
    form parsed by FastAPI before any dependency ran (Starlette's limits: 1 MiB a field, 1,000 fields): that one is
    returned."""
    if request._form is None:
        if not is_form(request):
            request._form = FormData()
        else:
            with await read_body(request, limits.max_bytes, limits.too_large) as body:
                try:
                    request._form = await parse_form(
                        request,
                        body,
                        max_files=limits.max_files,
                        max_fields=limits.max_fields,
                        max_part_size=limits.max_part_size,
                    )
                except MultiPartException as exc:
                    raise BadRequest(f"Unreadable form: {exc.message}") from None
    return request._form
