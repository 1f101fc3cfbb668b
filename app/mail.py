"""Outgoing mail: through SMTP when ``CRV_SMTP_HOST`` is set, else (the embedded default) written as ``.eml`` files
under ``CRV_MAIL_DIR`` (``var/mail``) and logged, so invitations and resets work with no mail server.

Sending never fails the request that triggered it: a refused or unreachable server is logged.
"""

import re
import smtplib
import ssl
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import structlog

from app.config import Settings

log = structlog.get_logger(__name__)
LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")  # only these: « À relire\u00a0: » keeps its no-break space


def compose(
    settings: Settings, to: str, subject: str, body: str, language: str, headers: Mapping[str, str] | None = None
) -> EmailMessage:
    """``headers``: more header fields (an alert's ``List-Unsubscribe``), each value on one line."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = LINE_BREAKS.sub(" ", subject)  # one line: a header may not hold a line break
    message["Date"] = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    message["Message-ID"] = make_msgid(domain="crv.local")
    message.set_content(body)
    # after set_content, which replaces every Content-* header: a mail client's spelling and translation offer read it
    message["Content-Language"] = language
    for name, value in (headers or {}).items():
        message[name] = LINE_BREAKS.sub(" ", value)
    return message


def send(
    settings: Settings, to: str, subject: str, body: str, *, language: str, headers: Mapping[str, str] | None = None
) -> bool:
    """Send one plain-text mail written in ``language``; True when handed over (to the server or the folder)."""
    message = compose(settings, to, subject, body, language, headers)
    if settings.smtp_host is None:
        return _to_folder(settings.mail_dir, message)
    try:
        with _connect(settings, settings.smtp_host) as smtp:
            if settings.smtp_username and settings.smtp_password:
                smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("mail_not_sent", to=to, subject=subject, error=str(exc))
        return False
    log.info("mail_sent", to=to, subject=subject)
    return True


def _connect(settings: Settings, host: str) -> smtplib.SMTP:
    """A connection secured as the server expects: TLS from the first byte (port 465), else STARTTLS unless turned
    off; the server's certificate is checked against the system's authorities either way."""
    timeout = settings.smtp_timeout_seconds
    if settings.smtp_implicit_tls:
        return smtplib.SMTP_SSL(host, settings.smtp_port, timeout=timeout, context=ssl.create_default_context())
    smtp = smtplib.SMTP(host, settings.smtp_port, timeout=timeout)
    if settings.smtp_starttls:
        try:
            smtp.starttls(context=ssl.create_default_context())
        except BaseException:
            smtp.close()
            raise
    return smtp


def _to_folder(folder: Path, message: EmailMessage) -> bool:
    """Write the mail into ``folder``; a folder that cannot be written is logged as a refused server is: the change
    the mail tells of is committed before it, and must not become an error answer."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{str(message['Message-ID']).strip('<>').split('@')[0]}.eml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(message.as_bytes())
    except OSError as exc:
        log.error("mail_not_written", to=str(message["To"]), subject=str(message["Subject"]), error=str(exc))
        return False
    log.info("mail_written", to=str(message["To"]), subject=str(message["Subject"]), path=str(path))
    return True
