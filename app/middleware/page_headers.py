"""Strict headers on every HTML page the centre serves (site, resource pages, screening, portal, desk, error pages):
a Content Security Policy, no MIME sniffing, no framing, no referrer beyond this site (OWASP Secure Headers); where
the centre's public address is https, HTTPS only for a year (HSTS: the proxy in front may say it too).

Scripts come only from the centre (no inline script, no ``on…=`` attribute) — from this origin or the public base
URL it announces (the widget's demo page loads ``widget.js`` and asks the API there). FastAPI's own documents
(``/docs``, ``/redoc``) keep their inline bootstrap script and go without a CSP (``page(inline_scripts=True)``)."""

from functools import cache
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from app.asgi import HttpMiddleware
from app.policy import policy_for

STRICT_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
)
HSTS = "max-age=31536000"  # no includeSubDomains: the centre's domain may have hosts it does not run


@cache
def content_security_policy(public_base_url: str) -> str:
    base = urlsplit(public_base_url)
    origin = f" {base.scheme}://{base.netloc}" if base.scheme and base.netloc else ""
    return (
        f"default-src 'self'; script-src 'self'{origin}; connect-src 'self'{origin}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' https: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class PageHeadersMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    for name, value in STRICT_HEADERS:
                        headers[name] = value
                    public_base_url = scope["app"].state.settings.public_base_url
                    if public_base_url.startswith("https://"):
                        headers["Strict-Transport-Security"] = HSTS
                    if not policy_for(scope).inline_scripts:
                        headers["Content-Security-Policy"] = content_security_policy(public_base_url)
            await send(message)

        await self.app(scope, receive, send_with_headers)
