"""Logging that never shows an API key.

structlog's default console renderer prints rich tracebacks *with local variables*: an unhandled error would log
the request's ASGI scope, ``Authorization`` header included. :func:`configure_logging` keeps tracebacks but drops
their locals, and passes every rendered line (and every standard-library record) through :func:`redact`, which
keeps a key's public prefix and masks its secret.
"""

import logging
import re

import structlog
from structlog.typing import EventDict, WrappedLogger

KEY_SECRET = re.compile(r"\b(crv_[sp]k_[0-9a-f]{8})_[0-9a-f]+")


def redact(text: str) -> str:
    """``crv_sk_ab12cd34_<secret>`` → ``crv_sk_ab12cd34_***``, anywhere in ``text``."""
    return KEY_SECRET.sub(r"\1_***", text)


class _RedactingRenderer:
    def __init__(self, inner: structlog.dev.ConsoleRenderer) -> None:
        self.inner = inner

    def __call__(self, logger: WrappedLogger, name: str, event_dict: EventDict) -> str:
        return redact(str(self.inner(logger, name, event_dict)))


class RedactingFilter(logging.Filter):
    """For standard-library handlers (uvicorn's, the root logger's): rewrites the record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging() -> None:
    """Idempotent; called by ``create_app``."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.StackInfoRenderer(),
            structlog.dev.set_exc_info,
            structlog.processors.TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=True),
            _RedactingRenderer(
                structlog.dev.ConsoleRenderer(
                    exception_formatter=structlog.dev.RichTracebackFormatter(show_locals=False)
                )
            ),
        ],
    )
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
