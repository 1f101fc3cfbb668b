"""Settings, read from the environment (prefix ``CRV_``) once per process by ``get_settings``."""

import difflib
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from dotenv import dotenv_values
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# The project's folder: the data it ships with (the taxonomies and resources of content/, ILAB's facts in data/)
# are read from there by default, whatever the working directory (`crv screen` run from the buyer's folder).
ROOT = Path(__file__).resolve().parent.parent
DATABASE_DRIVERS = ("postgresql+psycopg", "postgresql", "sqlite", "sqlite+pysqlite")


class Settings(BaseSettings):
    # hide_input_in_errors: a traceback of a bad setting never prints its value (a URL's password, a key).
    model_config = SettingsConfigDict(env_prefix="CRV_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    database_url: str = "sqlite:///var/crv.db"
    # Each process keeps up to pool size + overflow connections to PostgreSQL: their sum times the processes (the
    # API's workers, crv sync) must stay under the server's max_connections.
    database_pool_size: int = Field(5, ge=1, description="Connections each process keeps open (PostgreSQL)")
    database_max_overflow: int = Field(10, ge=0, description="… and opens beyond them at a peak, then closes")
    content_dir: Path = ROOT / "content"
    ilab_data_dir: Path = Field(
        ROOT / "data" / "ilab-2022", description="US DOL ILAB facts behind findings, screenings"
    )
    # Base of every absolute URL the API writes (resource pages, the widget script): never the request's Host,
    # which a client chooses and a shared cache would keep. Unset: the address served, http://{host}:{port}.
    public_base_url: str = Field("", description="e.g. https://crv.example.org; default http://{host}:{port}")
    # Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (uvicorn's syntax: addresses or
    # networks, comma-separated). Default: none, so a client cannot pick the address its quota is counted on.
    forwarded_allow_ips: str = Field("", description="e.g. 172.18.0.0/16 for compose's network; default none")
    contact_email: str = Field(
        "crv@localhost",
        description="Published in OAI-PMH Identify, the DCAT catalogue and the publish page (to ask for an account)",
    )
    # Who runs this instance, for its legal notice and personal data page (app/services/site/legal.py): facts of a
    # deployment, never the software's to guess. Unset, the pages say « the operator of this instance » and that it
    # has not given them.
    operator_name: str = Field("", description="Publisher of the site: the organisation's name (legal notice)")
    operator_address: str = Field("", description="Its postal address and phone number, on one line")
    publication_director: str = Field("", description="Name of the director of publication (legal notice)")
    host_details: str = Field("", description="Host: name, address and phone number, on one line (legal notice)")
    dpo_email: str = Field("", description="Data protection officer's address; default: contact_email")

    search_backend: Literal["tantivy", "meilisearch"] = "tantivy"
    index_dir: Path = Path("var/index")
    meili_url: str = "http://127.0.0.1:7700"
    meili_master_key: SecretStr | None = None
    meili_index: str = "resources"
    search_timeout_seconds: float = Field(5.0, gt=0)
    search_cache_size: int = Field(
        1024, ge=0, description="Answers kept for repeated searches (embedded engine; 0: none), per process."
    )
    search_concurrency: int | None = Field(
        None,
        ge=1,
        description="Searches the embedded engine computes at once per process, the others waiting their turn "
        "(app/search/turns.py); default: 1 when there are as many workers as cores or more, else no limit.",
    )

    # The editors' « Searches that find nothing » (app/services/search_statistics.py): counts a day, never who.
    search_statistics: bool = Field(True, description="Count searches by their words, to show editors the gaps")
    search_statistics_kept_days: int = Field(90, ge=1, description="Daily counts older than this are deleted")
    search_statistics_min_searches: int = Field(
        3, ge=2, description="Words shown to editors only once searched this often in the period"
    )

    # How often each published resource is read, shown to its organisation (app/services/read_counts.py).
    read_counts_kept_days: int = Field(
        400, ge=1, description="Daily counts of the resources' reads older than this are deleted (a year on year)"
    )

    max_per_page: int = Field(100, ge=1, le=1000)
    max_query_length: int = Field(512, ge=16)
    max_result_window: int = Field(1000, ge=100, description="Deepest reachable hit (page × per_page).")

    sync_in_process: bool = Field(True, description="Drain the search outbox in a thread of the API process.")
    sync_interval_seconds: float = Field(0.5, gt=0)
    sync_batch_size: int = Field(500, ge=1)

    # Quotas (issue 6). Counters live in Redis when redis_url is set (shared by every API process), else in memory.
    redis_url: str | None = Field(None, description="e.g. redis://127.0.0.1:6379/0; unset: per-process memory")
    redis_timeout_seconds: float = Field(0.25, gt=0, description="Per Redis call; then the API fails open")
    redis_breaker_seconds: float = Field(30, gt=0, description="After a Redis failure, skip Redis this long")
    rate_limit_enabled: bool = True
    rate_limit_strategy: Literal["moving-window", "fixed-window"] = "moving-window"
    rate_limit_namespace: str = Field("crv", description="Prefix of the rate-limit keys in Redis")
    anonymous_requests_per_minute: int = Field(60, ge=1, description="Per client address, without a key")
    key_requests_per_minute: int = Field(1200, ge=1, description="Per key, unless the key sets its own")
    visitor_requests_per_minute: int = Field(120, ge=1, description="Per client address behind a publishable key")

    # Documents attached to partners' resources (app/services/attachments.py), stored in the database.
    attachment_max_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, le=50 * 1024 * 1024, description="The largest document a resource may have"
    )
    attachment_max_count: int = Field(5, ge=1, le=20, description="Documents a resource may have")

    # Signs CSRF tokens and session cookies (app/signing.py). Required unless the database is SQLite (the embedded
    # default then generates one into secret_key_file).
    secret_key: SecretStr | None = Field(None, description="At least 32 random characters")
    secret_key_file: Path = Path("var/secret_key")

    # People (issue 13): mail, sessions, sign-in throttling.
    smtp_host: str | None = Field(None, description="Unset: mails are written to mail_dir and logged (embedded)")
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_implicit_tls: bool = Field(False, description="TLS from the first byte (port 465); smtp_starttls then unused")
    smtp_timeout_seconds: float = Field(10.0, gt=0)
    mail_from: str = "Centre de ressources 8.7 <no-reply@localhost>"
    mail_dir: Path = Path("var/mail")
    session_hours: int = Field(12, ge=1, le=720, description="A session ends this long after sign-in")
    session_idle_minutes: int = Field(120, ge=5, description="… or after this long without a request")
    login_failures_per_account: int = Field(5, ge=1, description="Failed sign-ins per account per window")
    login_failures_per_address: int = Field(20, ge=1, description="Failed sign-ins per client address per window")
    login_window_minutes: int = Field(15, ge=1)
    # How long what the centre records of people is kept once it has served (app/services/retention.py deletes it
    # daily, from the outbox drain's loop; the personal data page says these periods).
    ended_sessions_kept_days: int = Field(
        30, ge=0, description="An ended session (its IP address) and a used or expired link: deleted this long after"
    )
    failed_sign_ins_kept_days: int = Field(
        7, ge=0, description="A failed sign-in (address typed, IP address): deleted this long after its window"
    )
    decided_requests_kept_days: int = Field(
        365, ge=1, description="A decided request for an account or a key: deleted this long after its decision"
    )
    # The CNIL recommends six months to a year for logs that trace access to a processing (its recommendation on
    # logging, October 2021): the audit's sign-in entries are such a log. The rest of the audit log is the
    # editorial record of the resources, kept; its only names and addresses (a cancelled invitation's) go then.
    sign_in_log_kept_days: int = Field(
        365, ge=1, description="Audit entries of sign-ins, sign-outs, password changes: deleted this long after"
    )
    # Readers' email alerts for a search (app/services/alerts.py): an alert never confirmed is deleted this long
    # after it was asked; at most so many confirmation mails an hour go to one address, or are asked from one client.
    alerts_unconfirmed_kept_days: int = Field(
        7, ge=1, description="An email alert whose address was never confirmed: deleted this long after it was asked"
    )
    alerts_pending_per_address: int = Field(3, ge=1, description="Confirmation mails an hour to one address")
    alerts_pending_per_client: int = Field(10, ge=1, description="Alerts asked an hour from one client address")
    # The editors' « What readers follow » (app/services/alerts_followed.py) shows a subject only once this many
    # readers (addresses) follow it: one reader's alert about a rare subject is never shown.
    alerts_min_shown: int = Field(
        2, ge=2, description="A followed subject shown to editors only from this many readers"
    )

    host: str = "127.0.0.1"
    port: int = 8000
    # Python runs one request at a time per process: one worker per core. Every worker reads the same index; the
    # outbox drain in each takes turns through the writer lease. Quota counters are per process unless Redis is set.
    workers: int = Field(1, ge=1, le=64)
    log_format: Literal["console", "json"] = Field("console", description="json in production: one object a line")
    readiness_max_outbox_lag_seconds: float = Field(
        300, gt=0, description="/readyz answers not ready when the oldest unapplied outbox event is older"
    )
    quiet_access_log: bool = Field(False, description="No line per request (the benchmark turns this on).")

    # A URL the code cannot use fails at first use, deep in a worker: checked here, the value never repeated (it
    # may hold a password).
    @field_validator("database_url")
    @classmethod
    def _usable_database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            url = None
        if (
            url is None
            or url.drivername not in DATABASE_DRIVERS
            or (url.get_backend_name() != "sqlite" and not url.host)
        ):
            raise ValueError(
                "must be postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE (@ # ? % in the password "
                "percent-encoded) or sqlite:///PATH"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _usable_redis_url(cls, value: str | None) -> str | None:
        if value and urlsplit(value).scheme not in ("redis", "rediss", "unix"):
            raise ValueError("must start with redis://, rediss:// or unix://, e.g. redis://redis:6379/0")
        return value or None

    @field_validator("meili_url")
    @classmethod
    def _usable_meili_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http(s) address, e.g. http://meilisearch:7700")
        return value

    @field_validator("public_base_url")
    @classmethod
    def _absolute_base_url(cls, value: str) -> str:
        # "crv.example.org" or "htps://…" would be written into every mailed link and every search hit's url.
        if value:
            parts = urlsplit(value.strip())
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
                raise ValueError("must be an absolute http(s) address without query, such as https://crv.example.org")
        return value.strip()

    @model_validator(mode="after")
    def _served_base_url(self) -> "Settings":
        if not self.public_base_url:
            host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)  # "every interface": loopback too
            host = f"[{host}]" if ":" in host else host
            self.public_base_url = f"http://{host}:{self.port}"
        self.public_base_url = self.public_base_url.rstrip("/")
        return self

    def concurrent_searches(self) -> int | None:
        """``search_concurrency``, else one search at a time when each worker has at most one core of those this
        process may run on (taskset, a container's cpuset), and no limit when it has several (see
        app/search/turns.py)."""
        return self.search_concurrency or (1 if self.workers >= _cores() else None)

    def facet_threads(self) -> int:
        """Threads counting a search's facets while it searches the page (app/search/tantivy_facets.py): a
        worker's cores past the first, none when its searches take turns on one core."""
        return 0 if self.concurrent_searches() else max(1, _cores() // self.workers - 1)


def _cores() -> int:
    """The cores this process may run on (taskset, a container's cpuset)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@lru_cache
def get_settings() -> Settings:
    return Settings()


# CRV_* variables that are read, but not as settings: by `crv push`, by compose.yaml itself, by the tests and the
# benchmark, by `crv serve`'s workers.
NOT_SETTINGS = {
    "CRV_SERVER": "",
    "CRV_API_KEY": "",
    "CRV_WORKER_BOARD": "",
    "CRV_MEILI_API_KEY": "compose.yaml reads it (from .env next to it) and hands it to crv as CRV_MEILI_MASTER_KEY",
    "CRV_API_PORT": "compose.yaml reads it (from .env next to it): the API's port on the host",
}
NOT_SETTING_PREFIXES = ("CRV_TEST_", "CRV_BENCH_")


def setting_names() -> list[str]:
    """Every setting's variable name (``CRV_DATABASE_URL``…)."""
    return [f"CRV_{name.upper()}" for name in Settings.model_fields]


def unknown_settings(environ: Mapping[str, str], env_file: Path | None = Path(".env")) -> list[tuple[str, str]]:
    """``CRV_*`` names in ``environ`` (and in ``env_file``) that no setting reads, each with a hint: the setting it
    is probably a typo of, or who reads it instead. A misspelt setting is otherwise ignored in silence
    (``CRV_DATABSE_URL``: the embedded SQLite default is used)."""
    names = {name.upper() for name in environ}
    if env_file is not None and env_file.is_file():
        names |= {name.upper() for name in dotenv_values(env_file)}
    known = setting_names()
    found: list[tuple[str, str]] = []
    for name in sorted(names):
        if not name.startswith("CRV_") or name in known or name.startswith(NOT_SETTING_PREFIXES):
            continue
        if name in NOT_SETTINGS:
            if NOT_SETTINGS[name]:
                found.append((name, f"not a crv setting: {NOT_SETTINGS[name]}"))
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        found.append(
            (name, f"not a crv setting, ignored; did you mean {close[0]}?" if close else "not a crv setting, ignored")
        )
    return found
