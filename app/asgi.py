"""The building block of the project's pure ASGI middlewares (:mod:`app.middleware`, :mod:`app.observability`)."""

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpMiddleware:
    """A middleware of HTTP requests, in :meth:`handle`; anything else (lifespan, websockets) passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError
