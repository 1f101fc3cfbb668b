"""Web tests: the app with a real SMTP server in process (aiosmtpd)."""

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import OrganisationKind
from app.services import accounts
from tests.helpers import make_org
from tests.web.helpers import Mailbox, smtp_server


@pytest.fixture(autouse=True)
def _cheaper_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id still, with less memory and time than production's profile: the tests hash many passwords on
    shared cores. (Production's parameters are checked in test_accounts.)"""
    cheap = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    monkeypatch.setattr(accounts, "hasher", cheap)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", cheap.hash("not a password of anyone"))


@pytest.fixture
def mailbox(settings: Settings) -> Iterator[Mailbox]:
    with smtp_server() as (mailbox, port):
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", port, False
        yield mailbox


@pytest.fixture
def web(settings: Settings, session_factory: sessionmaker[Session], mailbox: Mailbox) -> Iterator[TestClient]:
    """The app, the centre's organisation (crv) and two NGOs (ong-a, ong-b)."""
    make_org(session_factory, "crv", OrganisationKind.resource_centre)
    make_org(session_factory, "ong-a", website="https://ong-a.example.org")
    make_org(session_factory, "ong-b")
    with TestClient(create_app(settings)) as client:
        yield client
