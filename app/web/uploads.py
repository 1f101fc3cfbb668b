"""A form that may carry files (the partners' resource form and its documents): its body read within a limit
before anything parses it, then its CSRF token checked (:mod:`app.csrf`). The dependency ``csrf.Protected`` would
parse it first, without a limit: such a form's routes check the token here instead."""

from fastapi import Request
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException

from app import csrf
from app.errors import BadRequest, PayloadTooLarge
from app.routers.screenings import multipart_form, read_limited

TEXT_PART_BYTES = 2 * 1024 * 1024  # a field that is not a file (a body of 200,000 characters fits)
MAX_FIELDS = 2000  # a form's fields: the pickers' ticks, the sources' rows, the documents'


async def limited_form(request: Request, *, max_bytes: int, max_files: int) -> FormData:
    """The form posted, its body within ``max_bytes`` (413 past it) and ``max_files`` files (400 past them), its
    CSRF token checked (403)."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        try:
            data = await read_limited(request, max_bytes)
        except PayloadTooLarge:
            raise PayloadTooLarge(
                f"The files sent together are over {max_bytes // (1024 * 1024)} MiB: send fewer at a time."
            ) from None
        try:
            form = await multipart_form(
                request, data, max_files=max_files, max_part_size=TEXT_PART_BYTES, max_fields=MAX_FIELDS
            )
        except MultiPartException as exc:
            raise BadRequest(f"Unreadable form: {exc.message}") from None
    else:
        form = await request.form()
    token = form.get(csrf.FIELD)
    csrf.check(request, token if isinstance(token, str) else None)
    return form
