"""HTTP mechanics shared by the write routes: entity tags and ``If-Match`` preconditions, and the limit on request
bodies. Nothing here knows about resources."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Path, Query, Request, Response
from fastapi.routing import APIRoute
from starlette.types import Message

from app.errors import PayloadTooLarge, PreconditionFailed, PreconditionRequired
from app.middleware.guard import check_json_body, require_key_before_body

MAX_BODY_BYTES = 256 * 1024  # of a request body, raw; enforced by LimitedBodyRoute
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
MAX_PAGE = 10_000  # page × per_page stays far inside a 64-bit offset on every database
MAX_REVISION = 2**31 - 1  # the revision number column is a 32-bit integer
PageQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"From 1 to {MAX_PAGE}")]
RevisionNumber = Annotated[int, Path(ge=1, le=MAX_REVISION)]


def version_etag(version: int) -> str:
    """The weak entity tag of a versioned row: ``W/"<version>"``."""
    return f'W/"{version}"'


@dataclass(frozen=True, slots=True)
class IfMatch:
    """A parsed ``If-Match`` header: ``*`` or a list of entity tags. Weak tags are compared by their opaque value
    (the version), which is what a client echoing our ``W/"…"`` ETag means."""

    tags: frozenset[str]
    any: bool = False

    @classmethod
    def parse(cls, header: str | None) -> "IfMatch | None":
        if header is None or not header.strip():
            return None
        if header.strip() == "*":
            return cls(frozenset(), any=True)
        tags = {part.strip().removeprefix("W/").strip('"') for part in header.split(",") if part.strip()}
        return cls(frozenset(tags))

    def matches(self, version: int) -> bool:
        return self.any or str(version) in self.tags


def require_match(if_match: IfMatch | None, version: int, *, subject: str, read_from: str) -> None:
    """428 without ``If-Match``, 412 when it names another version of ``subject`` (both carry the current ETag)."""
    current = version_etag(version)
    if if_match is None:
        raise PreconditionRequired(
            f"Changing {subject} needs If-Match with its current ETag ({current}), as returned by "
            f"{read_from} or your last write, so nobody overwrites a change unseen.",
            headers={"ETag": current},
        )
    if not if_match.matches(version):
        raise PreconditionFailed(
            f"{subject} has changed since you read it (it is now at version {version}). "
            "Read it again, reapply your change and retry with the new ETag.",
            headers={"ETag": current},
        )


def if_match_header(
    if_match: Annotated[
        str | None,
        Header(alias="If-Match", description='The ETag of your last read or write (W/"<version>"); required'),
    ] = None,
) -> IfMatch | None:
    return IfMatch.parse(if_match)


IfMatchHeader = Annotated[IfMatch | None, Depends(if_match_header)]


class LimitedBodyRoute(APIRoute):
    """Refuses request bodies over ``MAX_BODY_BYTES`` (413 problem) before FastAPI parses them: on the declared
    Content-Length and, for chunked bodies, while reading. (FastAPI's own ``max_body_size`` answers a declared
    oversize body in text/plain, not as a problem.)"""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            if request.method in BODY_METHODS:
                require_key_before_body(request)  # never wait for an anonymous client's body
                request = await _read_within_limit(request)
                check_json_body(await request.body(), request.headers.get("content-type"))
            return await handler(request)

        return limited


def _too_large() -> PayloadTooLarge:
    return PayloadTooLarge(f"Request bodies are limited to {MAX_BODY_BYTES // 1024} KiB.")


async def _read_within_limit(request: Request) -> Request:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise _too_large()
    replayed = False

    async def receive() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}
        return await request.receive()

    return Request(request.scope, receive)
