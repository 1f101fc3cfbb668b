"""HEAD answered as GET without its body (RFC 9110 §9.3.2): link checkers, uptime monitors and crawlers ask with
HEAD, and every GET route promises it (``Allow: GET, HEAD``), but FastAPI routes only the methods they declare.

Inside the request id (its log line keeps HEAD), outside everything else: keys, quotas and caching see a GET, so
the headers (ETag, Cache-Control, Content-Length) are the GET's own."""

from starlette.types import Message, Receive, Scope, Send

from app.asgi import HttpMiddleware


class HeadMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # The same scope, so the router's matched route reaches the request id's metrics; HEAD again for them.
        scope["method"] = "GET"
        try:
            await self.app(scope, receive, send_without_body)
        finally:
            scope["method"] = "HEAD"
