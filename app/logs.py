"""Logging that never shows an API key, and costs little when something goes wrong.

Two formats, one pipeline: ``console`` (development, the default) and ``json`` (production: one JSON object per
line, ``CRV_LOG_FORMAT=json``). Both carry the request's ``request_id`` (bound by
:class:`app.observability.RequestContextMiddleware`) on every line written while a request is served, uvicorn's
access and error lines included: their handlers are given the same formatter.

Tracebacks are rendered as plain text without local variables: a rich, syntax-highlighted traceback takes tens of
milliseconds on the event loop (an error storm froze a worker), and locals would include the request's
``Authorization`` header. Every rendered line passes through :func:`redact`, which keeps a key's public prefix and
masks its secret.
"""

import faulthandler
import logging
import re
import sys
from typing import Any, Literal

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

KEY_SECRET = re.compile(r"\b(crv_[sp]k_[0-9a-f]{8})_[0-9a-f]+")
LogFormat = Literal["console", "json"]


def redact(text: str) -> str:
    """``crv_sk_ab12cd34_<secret>`` → ``crv_sk_ab12cd34_***``, anywhere in ``text``."""
    return KEY_SECRET.sub(r"\1_***", text)


class _Redacting:
    def __init__(self, inner: Processor) -> None:
        self.inner = inner

    def __call__(self, logger: WrappedLogger, name: str, event_dict: EventDict) -> str:
        return redact(str(self.inner(logger, name, event_dict)))


class RedactingFilter(logging.Filter):
    """For standard-library handlers we do not format ourselves: rewrites the record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _renderer(log_format: LogFormat) -> Processor:
    if log_format == "json":
        return _Redacting(structlog.processors.JSONRenderer())
    return _Redacting(structlog.dev.ConsoleRenderer(colors=False, exception_formatter=structlog.dev.plain_traceback))


def _shared(log_format: LogFormat) -> list[Processor]:
    processors: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if log_format == "json":
        processors.append(structlog.processors.format_exc_info)  # a plain string field, no locals
    return processors


def _access_fields(_logger: WrappedLogger, _name: str, event_dict: EventDict) -> EventDict:
    """uvicorn's access line as fields too (``client``, ``method``, ``path``, ``status``), so that a log store can
    count the 5xx or a path's requests without parsing the sentence. The sentence stays the ``event``."""
    args = event_dict.pop("positional_args", None)  # ProcessorFormatter(pass_foreign_args=True)
    record = event_dict.get("_record")
    if record is not None and record.name == "uvicorn.access":
        if isinstance(args, tuple) and len(args) == 5:
            client, method, path, http_version, status = args
            event_dict.update(client=client, method=method, path=path, http_version=http_version)
            if isinstance(status, int):
                event_dict["status"] = status
    return event_dict


def configure_logging(log_format: LogFormat = "console") -> None:
    """Idempotent; called by ``create_app``."""
    # A fatal signal (SIGSEGV, SIGBUS — e.g. an index file truncated under a memory map) still leaves a trace.
    try:
        faulthandler.enable()
    except (AttributeError, ValueError, OSError):  # stderr without a file descriptor (captured in tests)
        pass
    structlog.configure(
        processors=[
            *_shared(log_format),
            structlog.processors.StackInfoRenderer(),
            structlog.dev.set_exc_info,
            _renderer(log_format),
        ],
        # No file given: each line goes to sys.stdout as it is when written, never to a stream replaced since
        # (pytest's per-test capture is closed after its test; a later line would fail on it).
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=False,
    )
    json_lines = log_format == "json"
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_shared(log_format), _access_fields] if json_lines else _shared(log_format),
        pass_foreign_args=json_lines,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, _renderer(log_format)],
    )
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access"):
        for handler in logging.getLogger(name).handlers:
            handler.setFormatter(formatter)
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())


def operator_logger(log_format: LogFormat = "console") -> Any:
    """A logger for the command line's own lines (``crv serve``'s start, a setting nobody reads, a database it cannot
    reach): in the configured format, on standard error, so that standard output stays a command's result (``crv
    keys create`` prints the key there alone)."""
    return structlog.wrap_logger(
        structlog.PrintLogger(sys.stderr),
        processors=[*_shared(log_format), _renderer(log_format)],
        wrapper_class=structlog.BoundLogger,
    )
