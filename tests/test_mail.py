"""Mail in the embedded default: written as .eml files to a folder (and logged), so no mail server is needed."""

from email import message_from_bytes, policy
from pathlib import Path

from app import mail
from app.config import Settings


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
