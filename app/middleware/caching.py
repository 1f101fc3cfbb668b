"""HTTP caching of public GETs: ``Cache-Control`` as the route's policy says (:mod:`app.policy`), a strong
``ETag`` (a digest of the body), ``304`` to a matching ``If-None-Match``.

A response that varies with the key says so (``Vary: Authorization, X-Crv-Key``; ``?key=`` is in the URL, so in
the cache key already), and one answered to an ``Authorization`` header is ``private``: a shared cache never hands
a key's filtered results to someone else.
"""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.policy import policy_for


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def weak_etag(representation: str | bytes) -> str:
    """For a body equal in meaning but not in bytes (e.g. a search with its varying processing time)."""
    return "W/" + etag_for(representation.encode() if isinstance(representation, str) else representation)


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2): ``*`` or any listed tag equal once ``W/`` is dropped."""
    wanted = etag.removeprefix("W/")
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in tags)


class CachingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        max_age = policy_for(scope).cache_seconds if scope["type"] == "http" and scope["method"] == "GET" else None
        if max_age is None:
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:
                    await send(message)
                return
            if start is None or start["status"] != 200:
                await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(scope, request_headers, start, b"".join(chunks), max_age, send)

        await self.app(scope, receive, buffer)

    @staticmethod
    async def _finish(
        scope: Scope, request_headers: Headers, start: Message, body: bytes, max_age: int, send: Send
    ) -> None:
        headers = MutableHeaders(scope=start)
        if "etag" not in headers:
            headers["etag"] = etag_for(body)
        keyed = policy_for(scope).reads_keys
        if "cache-control" not in headers:
            visibility = "private" if keyed and "authorization" in request_headers else "public"
            headers["cache-control"] = f"{visibility}, max-age={max_age}"
        if keyed:
            present = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
            lowered = {v.lower() for v in present}
            present.extend(n for n in ("Authorization", "X-Crv-Key") if n.lower() not in lowered)
            headers["vary"] = ", ".join(present)
        if_none_match = request_headers.get("if-none-match")
        if if_none_match and etag_matches(if_none_match, headers["etag"]):
            kept = [
                (name, value)
                for name, value in start["headers"]
                if name.lower() not in (b"content-length", b"content-type", b"content-encoding")
            ]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
