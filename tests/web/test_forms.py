"""Posted forms read within their route's limits, once, before the route: the portal's form of documents checked
by its route's CSRF dependency like every other form, and bodies spooled to disk past a MiB, not held in memory."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.types import Message

from app import csrf
from app.errors import PayloadTooLarge
from app.routers import accounts, desk, desk_correct, desk_searches, key_requests, partner_requests, portal, team
from app.web import forms
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_portal import GOOD, NEW

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``coroutine`` run to its end in a thread of its own: a browser test earlier in this process (Playwright's
    sync API) may have left an event loop running in this one, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


BOUNDARY = "xYzBoUnDaRy"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(*parts: tuple[str, bytes, str | None]) -> bytes:
    """A multipart body of ``(name, content, filename or None)`` parts."""
    body = b""
    for name, content, filename in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()


class Sender:
    """An ASGI ``receive`` giving a body in chunks, counting those taken."""

    def __init__(self, body: bytes, chunk: int = 64 * 1024) -> None:
        self.chunks = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
        self.taken = 0

    async def __call__(self) -> Message:
        self.taken += 1
        more = self.taken < len(self.chunks)
        return {"type": "http.request", "body": self.chunks[self.taken - 1], "more_body": more}


def request(receive: Sender, content_type: str = MULTIPART, length: int | None = None) -> Request:
    headers = [(b"content-type", content_type.encode())]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers}, receive)


def test_a_body_past_the_spool_threshold_is_on_disk_a_small_one_in_memory() -> None:
    large = b"x" * (forms.SPOOL_BYTES + 1)
    spooled = run(forms.read_body(request(Sender(large)), 4 * forms.SPOOL_BYTES, "too large"))
    small = run(forms.read_body(request(Sender(b"a=1")), 4 * forms.SPOOL_BYTES, "too large"))
    with spooled, small:
        assert spooled._rolled and spooled.read() == large  # a file on disk, read from its start
        assert not small._rolled and small.read() == b"a=1"


def test_a_body_past_its_limit_is_refused_as_soon_as_read_past_it() -> None:
    sender = Sender(b"x" * (10 * 64 * 1024))  # ten chunks
    with pytest.raises(PayloadTooLarge, match="too large"):
        run(forms.read_body(request(sender), 2 * 64 * 1024, "too large"))
    assert sender.taken == 3  # the chunk that passed the limit, no further
    announced = Sender(b"x")
    with pytest.raises(PayloadTooLarge):
        run(forms.read_body(request(announced, length=10**9), 1024, "too large"))
    assert announced.taken == 0  # its Content-Length said it: nothing read


def test_a_form_is_parsed_once_and_the_route_reads_the_same_object() -> None:
    body = multipart(("title", b"Rapport", None), ("file", b"%PDF" + b"x" * forms.SPOOL_BYTES, "r.pdf"))
    posted = request(Sender(body))
    limits = forms.FormLimits(max_bytes=len(body), max_files=1)

    async def read_twice() -> None:
        form = await forms.read(posted, limits)
        assert await posted.form() is form and await forms.read(posted, limits) is form
        assert form["title"] == "Rapport"
        await form.close()

    run(read_twice())


def test_every_form_route_of_the_people_pages_declares_its_csrf_policy() -> None:
    people = (accounts, team, partner_requests, key_requests, portal, desk_searches, desk, desk_correct)
    posts = [route for module in people for route in module.router.routes if "POST" in getattr(route, "methods", ())]
    assert len(posts) > 20
    assert [route.path for route in posts if not _protected(route)] == []


def _protected(route: APIRoute) -> bool:
    """Whether the route's own dependencies check the CSRF token (``csrf.Protected`` or ``csrf.protected(...)``)."""
    return any(
        getattr(dependency.call, "__name__", "") == "require_token" for dependency in route.dependant.dependencies
    )


@pytest.fixture
def partner(web: TestClient, session_factory: sessionmaker[Session]) -> TestClient:
    return signed_in(web, session_factory, "ong-a", "awa@ong-a.org")


def test_the_portal_form_without_its_token_is_refused_by_its_route(partner: TestClient) -> None:
    partner.get(NEW)  # the page that sets the CSRF cookie
    fields = [
        (name, value) for name, values in GOOD.items() for value in ([values] if isinstance(values, str) else values)
    ]
    body = multipart(
        *((name, value.encode(), None) for name, value in fields), ("attachments.0.file", b"%PDF", "a.pdf")
    )
    refused = partner.post(NEW, content=body, headers={"Content-Type": MULTIPART}, follow_redirects=False)
    assert refused.status_code == 403 and "<h1>Le formulaire a expiré</h1>" in refused.text
    assert GOOD["title"] not in partner.get("/fr/espace-partenaire").text  # nothing was saved


def test_a_large_post_from_elsewhere_is_refused_before_its_body_is_read(partner: TestClient) -> None:
    """Another site's post comes without the CSRF cookie (SameSite=Lax): 403 at once, whatever its size. With the
    cookie and no token, a body over the form's limit is 413: the token is inside the body, which is not read past
    the limit to look for it."""
    huge = {"Content-Type": MULTIPART, "Content-Length": str(10**9)}
    partner.cookies.delete(csrf.COOKIE)
    assert partner.post(NEW, content=b"--", headers=huge).status_code == 403
    page = partner.get(NEW)
    assert partner.post(NEW, content=b"--", headers=huge).status_code == 413
    sent = partner.post(
        NEW, data={**GOOD, "csrf_token": csrf_of(page)}, files={"x": ("a.txt", b"a", "text/plain")}
    )  # within the limits, with its token: read and saved as before
    assert sent.status_code == 200 and GOOD["title"] in partner.get("/fr/espace-partenaire").text


def test_a_form_of_form_parameters_is_read_within_an_ordinary_forms_limit(web: TestClient) -> None:
    """The sign-in form's fields are ``Form()`` parameters, which FastAPI parses before any dependency, within
    Starlette's per-field limits only: five fields of 900 kB each (4.5 MB) would pass them. The page's route reads
    the form first, within :data:`forms.TEXT_FORM`'s total: 413, an HTML page in the page's language."""
    page = web.get("/fr/connexion")
    filler = "a" * 900_000
    posted = {"email": "a@b.org", "password": "x", "csrf_token": csrf_of(page)}
    posted |= {f"extra{n}": filler for n in range(5)}
    refused = web.post("/fr/connexion", data=posted)
    assert refused.status_code == 413
    assert (
        refused.headers["content-type"].startswith("text/html") and "Ce formulaire est trop volumineux" in refused.text
    )
    posted = {k: v for k, v in posted.items() if not k.startswith("extra")}
    assert web.post("/fr/connexion", data=posted).status_code != 413  # an ordinary sign-in is read as before
