"""A resource's read counted where its answer is sent, not where it is made: the route marks the request
(:func:`mark_read`) once it has found the published resource, and this middleware counts it
(:class:`app.services.read_counts.ReadCounts`) if the answer is a 200 to a GET from a reader.

Outside the HEAD middleware, which turns a HEAD into a GET for the routes, and outside caching, which turns a
revalidated 200 into a 304 after the route has run: the route alone cannot tell either."""

from typing import Final

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from app.asgi import HttpMiddleware
from app.models import ReadKind
from app.services.read_counts import ReadCounts, is_bot

MARK: Final = "crv.read"  # the scope's key of a request's read: (kind, resource id)


def mark_read(request: Request, kind: ReadKind, resource_id: str) -> None:
    """Count this answer as a read of ``resource_id`` if it is sent as a 200 to a reader's GET."""
    request.scope[MARK] = (kind, resource_id)


class ReadsMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "GET":  # read here, before the HEAD middleware makes a HEAD a GET
            await self.app(scope, receive, send)
            return

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200 and MARK in scope:
                counts: ReadCounts | None = getattr(scope["app"].state, "read_counts", None)
                if counts is not None and not is_bot(Headers(scope=scope).get("user-agent")):
                    counts.record(*scope[MARK])
            await send(message)

        await self.app(scope, receive, counting)
