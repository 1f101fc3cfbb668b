"""What the command line tells the operator who deploys crv: a setting nobody reads, a setting with a bad value, a
missing secret key, a database it cannot reach or whose schema is not this release's — each one sentence naming what
to fix (in ``CRV_LOG_FORMAT``'s format, on standard error), instead of a traceback of several hundred lines."""

import os
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app import migrations
from app.config import Settings, get_settings, unknown_settings
from app.logs import LogFormat, operator_logger
from app.signing import MissingSecretKey

errors = Console(stderr=True)
# Their values are never repeated in a message.
SECRET_WORDS = ("key", "password", "secret", "url")


def masked_url(url: str | None) -> str:
    """A database or Redis URL with its password as ``***``."""
    if not url:
        return "-"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: say so without repeating it
        return "(not a URL)"


class Reporter:
    """One line per event: a plain sentence on a terminal (``console``), a JSON object in production (``json``)."""

    def __init__(self, log_format: LogFormat) -> None:
        self.log_format = log_format
        self.log = operator_logger(log_format)

    def __call__(self, level: str, event: str, message: str, **fields: Any) -> None:
        if self.log_format == "json":
            getattr(self.log, level)(event, message=message, **fields)
        else:
            colour = "red" if level == "error" else "yellow"
            errors.print(f"[{colour}]{level}:[/{colour}] {message}", highlight=False, soft_wrap=True)


def _log_format() -> LogFormat:
    # Read by hand: the settings may be what is wrong.
    return "json" if os.environ.get("CRV_LOG_FORMAT", "").strip().lower() == "json" else "console"


def setting_errors(exc: ValidationError) -> list[str]:
    """``CRV_WORKERS: Input should be a valid integer (got 'two')``: the variable's name, not the field's."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = f"CRV_{field.upper()}" if field else "settings"
        shown = "" if any(word in field for word in SECRET_WORDS) else f" (got {error.get('input')!r})"
        lines.append(f"{name}: {error['msg']}{shown}")
    return lines


def _database_problem(exc: DBAPIError) -> tuple[str, str] | None:
    """What an operator must fix when a command failed on the database: unreachable, or a schema this release does
    not work with; None for anything else (a bug: its traceback is wanted)."""
    url = get_settings().database_url
    if exc.statement is None:  # failed while connecting
        reason = " ".join(str(exc.orig).split()).rstrip(".")
        return "database_unreachable", (
            f"cannot reach the database {masked_url(url)}: {reason}{'' if reason.endswith('?') else '.'} Check "
            "CRV_DATABASE_URL (host, port, user, password, database name) and that the server is running."
        )
    try:
        problem = migrations.schema_state_of(url).problem()
    except Exception:
        return None
    return ("database_schema", f"{problem}.") if problem else None


def run(app: typer.Typer) -> None:
    """``crv``: warn about ``CRV_*`` variables nobody reads, run the command, and turn an operator's mistake into
    one sentence and an exit code (2: configuration, 1: the database)."""
    report = Reporter(_log_format())
    for name, hint in unknown_settings(os.environ):
        report("warning", "unknown_setting", f"{name}: {hint}", name=name)
    try:
        app()
    except ValidationError as exc:
        if exc.title != Settings.__name__:
            raise
        for line in setting_errors(exc):
            report("error", "invalid_setting", line)
        raise SystemExit(2) from None
    except MissingSecretKey as exc:
        report("error", "missing_secret_key", str(exc))
        raise SystemExit(2) from None
    except DBAPIError as exc:
        found = _database_problem(exc)
        if found is None:
            raise
        event, message = found
        report("error", event, message)
        raise SystemExit(1) from None


def require_schema(database_url: str, *, unreachable_ok: bool = False) -> None:
    """Exit 1 with what to run when the database's schema is not this release's (before a command that would
    otherwise fail half-way with a message about a missing column). ``unreachable_ok``: a database that does not
    answer yet is the command's to wait for (``crv sync`` backs off until it does)."""
    try:
        problem = migrations.schema_state_of(database_url).problem()
    except DBAPIError as exc:
        if unreachable_ok and exc.statement is None:
            return
        raise
    if problem:
        Reporter(_log_format())("error", "database_schema", f"{problem}.")
        raise typer.Exit(1)


def startup_summary(settings: Settings) -> dict[str, object]:
    """What ``crv serve`` is about to serve, secrets masked: the first line an operator reads in the logs."""
    search = (
        f"meilisearch {settings.meili_url} index {settings.meili_index}"
        if settings.search_backend == "meilisearch"
        else f"tantivy {settings.index_dir}"
    )
    return {
        "database": masked_url(settings.database_url),
        "search": search,
        "quotas": masked_url(settings.redis_url) if settings.redis_url else "in memory, per process",
        "public_base_url": settings.public_base_url,
        "workers": settings.workers,
        "trusted_proxies": settings.forwarded_allow_ips or "-",
        "mail": f"smtp {settings.smtp_host}:{settings.smtp_port}"
        if settings.smtp_host
        else f"files in {settings.mail_dir}",
        "sync_in_process": settings.sync_in_process,
    }
