"""Mail in the embedded default: written as .eml files to a folder (and logged), so no mail server is needed."""

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller

from app import mail
from app.config import Settings
from tests.helpers import free_port
from tests.web.helpers import Mailbox


def test_without_smtp_mails_are_written_to_the_folder(tmp_path: Path) -> None:
    settings = Settings(mail_dir=tmp_path / "mail", smtp_host=None)
    assert mail.send(
        settings, "awa@ong-a.org", "Votre invitation", "Bonjour Awa,\n\nLien : https://x/y\n", language="fr"
    )
    [written] = list((tmp_path / "mail").glob("*.eml"))
    message = message_from_bytes(written.read_bytes(), policy=policy.default)
    assert str(message["To"]) == "awa@ong-a.org" and str(message["Subject"]) == "Votre invitation"
    assert "Bonjour Awa" in message.get_content()
    assert message["Content-Language"] == "fr"  # a mail client offers to translate, and checks spelling, by it


def test_an_unreachable_smtp_server_is_logged_not_raised(tmp_path: Path) -> None:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=9, smtp_starttls=False, smtp_timeout_seconds=2)
    assert mail.send(settings, "awa@ong-a.org", "Sujet", "Corps", language="fr") is False


def test_a_mail_folder_that_cannot_be_written_is_logged_not_raised(tmp_path: Path) -> None:
    # The mail leaves after its change is committed: raising here made a done decision a 500 on the desk.
    (tmp_path / "a-file").write_text("")
    settings = Settings(mail_dir=tmp_path / "a-file" / "mail", smtp_host=None)
    assert mail.send(settings, "awa@ong-a.org", "Sujet", "Corps", language="fr") is False


def test_a_subject_is_one_line_whatever_it_is_made_of(tmp_path: Path) -> None:
    # A subject built from a name or a title typed on two lines made EmailMessage raise (a 500 after a commit).
    subject = "À relire\u00a0: Deux\r\nBcc: x@example.org"
    message = mail.compose(Settings(mail_dir=tmp_path), "a@example.org", subject, "b", "fr")
    assert message["Subject"] == "À relire\u00a0: Deux Bcc: x@example.org" and message["Bcc"] is None


@pytest.fixture
def authority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> trustme.CA:
    """A certificate authority the system trusts for this test (OpenSSL reads SSL_CERT_FILE when a context loads its
    default authorities), as a real mail provider's is."""
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "authority.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "authority.pem"))
    return ca


def _server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


@contextmanager
def _tls_server(**tls: Any) -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **tls)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def test_mail_goes_over_implicit_tls_to_a_server_on_port_465(authority: trustme.CA) -> None:
    # Many providers offer only TLS from the first byte (465); the client sent EHLO in clear text and timed out.
    with _tls_server(ssl_context=_server_context(authority)) as (mailbox, port):
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_implicit_tls=True, smtp_timeout_seconds=5)
        assert mail.send(settings, "awa@ong-a.org", "Sujet", "Corps", language="fr")
    [message] = mailbox.to("awa@ong-a.org")
    assert mailbox.subject(message) == "Sujet"


def test_mail_goes_over_starttls_when_the_server_requires_it(authority: trustme.CA) -> None:
    context = _server_context(authority)
    with _tls_server(tls_context=context, require_starttls=True) as (mailbox, port):
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_timeout_seconds=5)
        assert mail.send(settings, "awa@ong-a.org", "Sujet", "Corps", language="fr")
    assert len(mailbox.to("awa@ong-a.org")) == 1


def test_a_server_certificate_no_authority_vouches_for_is_refused(tmp_path: Path) -> None:
    # The system's authorities only: a self-signed certificate (or a man in the middle) gets no mail, and it is logged.
    with _tls_server(ssl_context=_server_context(trustme.CA())) as (mailbox, port):
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_implicit_tls=True, smtp_timeout_seconds=5)
        assert mail.send(settings, "awa@ong-a.org", "Sujet", "Corps", language="fr") is False
    assert mailbox.messages == []
