"""The application's secret key and the HMAC signatures made with it (CSRF tokens, session cookies).

The key comes from ``CRV_SECRET_KEY`` (at least 32 characters). The embedded default (SQLite) needs no
configuration: a random key is generated once into ``var/secret_key`` (``CRV_SECRET_KEY_FILE``, mode 0600) and
reused by every process and restart. Any other deployment (PostgreSQL: several hosts must share one key) must set
``CRV_SECRET_KEY``; the application refuses to start without it.
"""

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from app.config import Settings

MIN_SECRET_LENGTH = 32


class MissingSecretKey(RuntimeError):
    """No usable secret key: the message says what to set."""


def resolve_secret_key(settings: Settings) -> bytes:
    """The secret key as bytes: ``CRV_SECRET_KEY``, else (embedded default only) the generated key file."""
    if settings.secret_key is not None:
        value = settings.secret_key.get_secret_value()
        if len(value) < MIN_SECRET_LENGTH:
            raise MissingSecretKey(f"CRV_SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters long.")
        return value.encode()
    if not settings.database_url.startswith("sqlite"):
        raise MissingSecretKey(
            "Set CRV_SECRET_KEY (e.g. the output of `python -c 'import secrets; print(secrets.token_urlsafe(48))'`): "
            "only the embedded default (SQLite) generates its own key."
        )
    return _key_file(settings.secret_key_file)


def _key_file(path: Path) -> bytes:
    if path.exists():
        value = path.read_text().strip()
        if len(value) >= MIN_SECRET_LENGTH:
            return value.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    try:  # two processes starting at once: the first key written wins, both read it back
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_text().strip().encode()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(key: bytes, purpose: str, *parts: str) -> str:
    """An HMAC-SHA256 of ``parts`` for one ``purpose`` (so a signature made for one use is worthless for another)."""
    message = "\x1f".join((purpose, *parts)).encode()
    return b64(hmac.new(key, message, hashlib.sha256).digest())


def verify(key: bytes, signature: str, purpose: str, *parts: str) -> bool:
    return hmac.compare_digest(signature.encode(), sign(key, purpose, *parts).encode())
