"""gzip for text: pages, CSS, scripts, JSON, SVG, XML, CSV (a site page of 130 kB travels as ~20 kB, which on a
phone's 400 kbit/s is 3 s less). Bodies under :data:`MINIMUM_SIZE` and other types (images, xlsx, already
compressed) go as they are.

Outside the caching middleware (:mod:`app.middleware.caching`): the ETag is the digest of the identity body, and the
``304`` to a matching ``If-None-Match`` has no body to compress. A compressed body is another representation than
the one that digest was taken of, so its ETag becomes weak (``W/``; the conditional GETs compare weakly, RFC 9110
§8.8.3.2) and ``Vary: Accept-Encoding`` tells shared caches which clients it is for.

Not for signed-in people (:func:`signed_in`): their pages carry secrets beside reflected input. A ``304``
answers with the ETag in the form the client sent it (weak: it holds the compressed body). A client that does not
ask for gzip (wrk in ``bench/``, many monitors) goes straight through: not a wrapper, not a header lookup past
``Accept-Encoding``. A streamed body (``/v1/export``) is compressed as it goes, each chunk with the ones before (no
flush a chunk: the rows are small), at most a zlib window held.
"""

import zlib

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.asgi import HttpMiddleware
from app.services.principal import SESSION_COOKIE

MINIMUM_SIZE = 1024  # smaller, the gzip header and a round of CPU buy nothing over a phone's first packet
LEVEL = 6  # zlib's default: within 1-2 % of level 9's size at about half its time on the site's pages
THREAD_SIZE = 256 * 1024  # a body this large is compressed off the event loop
COMPRESSIBLE = frozenset(
    (
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/jsonl",
        "application/x-ndjson",
        "application/geo+json",
        "image/svg+xml",
        "application/xml",
        "text/xml",
        "text/csv",
        "text/plain",
        "text/markdown",
    )
)


def compressible(media_type: str) -> bool:
    """A text type: one of :data:`COMPRESSIBLE`, or any ``+json`` / ``+xml`` (problem+json, atom+xml, ld+json…)."""
    media_type = media_type.partition(";")[0].strip().lower()
    return media_type in COMPRESSIBLE or media_type.endswith(("+json", "+xml"))


def accepts_gzip(accept_encoding: str) -> bool:
    """``gzip`` (or ``*``) among the codings, not refused with ``q=0``."""
    for coding in accept_encoding.split(","):
        name, _, params = coding.partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            weight = params.strip().lower()
            if not weight.startswith("q="):
                return True
            try:
                return float(weight[2:]) > 0
            except ValueError:
                return False
    return False


def signed_in(headers: Headers) -> bool:
    """A request with a session cookie: its pages hold the person's CSRF tokens and data beside what the request
    reflects (a search, a form's values), which compression would let another site guess by the sizes it sees
    (BREACH). They go as they are; the public pages, for which the phones count, are compressed."""
    return SESSION_COOKIE in cookie_parser(headers.get("cookie", ""))


def weakened(etag: str) -> str:
    return etag if etag.startswith("W/") else "W/" + etag


class CompressionMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        if not accepts_gzip(headers.get("accept-encoding", "")) or signed_in(headers):
            await self.app(scope, receive, send)
            return
        await _Compressor(send, headers.get("if-none-match", "")).run(self.app, scope, receive)


class _Compressor:
    """One response: its start held until the first body tells whether compressing it pays."""

    def __init__(self, send: Send, if_none_match: str) -> None:
        self.send = send
        self.if_none_match = if_none_match
        self.start: Message | None = None  # held, the body not seen yet
        self.zlib: zlib._Compress | None = None  # compressing

    async def run(self, app: ASGIApp, scope: Scope, receive: Receive) -> None:
        await app(scope, receive, self.on_message)

    async def on_message(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            if message["status"] == 304:
                self._as_validated(message)
            if self._worth_holding(message):
                self.start = message
            else:
                await self.send(message)
            return
        if kind != "http.response.body":
            if self.start is not None:  # e.g. a file sent by path: as it is
                await self.send(self.start)
                self.start = None
            await self.send(message)
            return
        body: bytes = message.get("body", b"")
        more = bool(message.get("more_body", False))
        if self.zlib is None and self.start is None:  # not compressed
            await self.send(message)
            return
        if self.start is not None:  # the first body: compress it, or send it as it is when small
            start, self.start = self.start, None
            if not more and len(body) < MINIMUM_SIZE:
                await self.send(start)
                await self.send(message)
                return
            self.zlib = zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            data = await self._compress(body, more)
            headers = MutableHeaders(scope=start)
            headers["content-encoding"] = "gzip"
            headers.add_vary_header("Accept-Encoding")
            if "etag" in headers:
                headers["etag"] = weakened(headers["etag"])
            if more:
                del headers["content-length"]
            else:
                headers["content-length"] = str(len(data))
            await self.send(start)
            await self.send({"type": "http.response.body", "body": data, "more_body": more})
            return
        data = await self._compress(body, more)
        if data or not more:
            await self.send({"type": "http.response.body", "body": data, "more_body": more})

    def _as_validated(self, start: Message) -> None:
        """A ``304`` tells the ETag the client holds: weak (and varying) when it holds the compressed body's, which
        the client says by sending it weak; the caching middleware inside knows only the identity body's."""
        headers = MutableHeaders(scope=start)
        etag = headers.get("etag", "")
        if etag.startswith('"') and "W/" + etag in self.if_none_match:
            headers["etag"] = weakened(etag)
            headers.add_vary_header("Accept-Encoding")

    @staticmethod
    def _worth_holding(start: Message) -> bool:
        status = start["status"]
        if status < 200 or status in (204, 206, 304):
            return False
        headers = Headers(raw=start.get("headers", []))
        if "content-encoding" in headers or not compressible(headers.get("content-type", "")):
            return False
        length = headers.get("content-length")
        return length is None or not length.isdigit() or int(length) >= MINIMUM_SIZE

    async def _compress(self, body: bytes, more: bool) -> bytes:
        assert self.zlib is not None
        compressor = self.zlib

        def compress() -> bytes:
            data = compressor.compress(body)
            return data if more else data + compressor.flush()

        if len(body) >= THREAD_SIZE:
            return await anyio.to_thread.run_sync(compress)
        return compress()
