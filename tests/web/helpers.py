"""People for the web tests: organisations, invited and activated accounts, a real SMTP server in process, and
form posts that carry the CSRF token of the page they come from."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.services import accounts, keys
from tests.helpers import free_port

PASSWORD = "une phrase de passe assez longue"
TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Mailbox:
    """What a real SMTP server (aiosmtpd) received."""

    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if str(m["To"]) == address]

    def body(self, message: Message) -> str:
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        return payload.decode()

    def subject(self, message: Message) -> str:
        return str(message["Subject"])

    def link(self, address: str) -> str:
        """The path and query of the last link mailed to ``address``."""
        text = self.body(self.to(address)[-1])
        found = re.search(r"https?://[^/\s]+(/\S+)", text)
        assert found, text
        return found.group(1)


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    port = free_port()
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def make_person(
    session_factory: sessionmaker[Session],
    org: str,
    email: str,
    role: Role = Role.contributor,
    password: str | None = PASSWORD,
) -> str:
    """An account (activated with ``password`` unless None); returns its invitation token."""
    with session_factory() as session:
        organisation = keys.get_organisation(session, org)
        user, token = accounts.invite(session, None, organisation, email, email.split("@")[0].title(), role)
        if password is not None:
            user.password_hash = accounts.hash_password(password)
        session.commit()
        return token


def signed_in(
    web: TestClient, session_factory: sessionmaker[Session], org: str, email: str, role: Role = Role.contributor
) -> TestClient:
    """A browser of its own, signed in as a new person of ``org``."""
    make_person(session_factory, org, email, role)
    browser = TestClient(web.app)
    sign_in(browser, email)
    return browser


def csrf_of(response: Response) -> str:
    found = TOKEN_FIELD.search(response.text)
    assert found, response.text[:500]
    return found.group(1)


def post_form(client: TestClient, page: str, action: str | None = None, **data: Any) -> Response:
    """GET ``page``, then POST its form to ``action`` (default: the page) with the page's CSRF token."""
    token = csrf_of(client.get(page))
    return client.post(action or page, data={"csrf_token": token, **data}, follow_redirects=False)


def invite(client: TestClient, page: str, action: str | None = None, **data: Any) -> Response:
    """Post the team page's invitation form: the page it redirects to after an invitation sent (303, its notice),
    or the form again with its problems."""
    response = post_form(client, page, action, **data)
    return client.get(response.headers["location"]) if response.status_code == 303 else response


def sign_in(client: TestClient, email: str, password: str = PASSWORD, lang: str = "fr") -> Response:
    page = "/fr/connexion" if lang == "fr" else "/en/sign-in"
    response = post_form(client, page, email=email, password=password)
    assert response.status_code == 303, response.text
    return response
