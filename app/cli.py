"""The ``crv`` command line. Exit codes: 0 success, 1 invalid content or failed work, 2 bad usage."""

import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
import uvicorn
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from app import cli_data, cli_ops, migrations, serving
from app.cli_alerts import alerts_app
from app.cli_data import database_session as _session
from app.cli_data import fail as _fail
from app.cli_review import review_app
from app.cli_screen import screen as screen_command
from app.config import Settings, get_settings
from app.db import configured_engine, make_session_factory, session_scope
from app.errors import AppError
from app.http_protocol import ProblemH11Protocol
from app.i18n import N_, gettext
from app.logs import operator_logger
from app.models import ApiKey, KeyKind, OrganisationKind, Role, Scope
from app.schemas.resource import KEBAB
from app.search.base import SearchUnavailable
from app.search.factory import make_search_engine
from app.services import accounts, drafts
from app.services import backup as backup_service
from app.services import content as content_service
from app.services import keys as key_service
from app.services import push as push_service
from app.services.alert_digests import AlertDigests
from app.services.origins import describe_origins
from app.services.retention import DailyPurge
from app.services.sync import IndexBusy, OutboxDrain, chores, rebuild_index
from app.signing import resolve_secret_key
from app.taxonomy import TaxonomyError, load_taxonomies
from app.web import mails

FAIR_LOOP = f"{serving.__name__}:{serving.new_event_loop.__name__}"
CENTRE_TEAM = N_("The resource centre’s team")  # who invites, in an invitation sent from the command line

app = typer.Typer(help="crv: the virtual resource centre against child labour, forced labour and trafficking.")
db_app = typer.Typer(help="Database schema.")
content_app = typer.Typer(help="The resources under content/.")
index_app = typer.Typer(help="The search index.")
orgs_app = typer.Typer(help="Partner organisations.")
keys_app = typer.Typer(help="API keys (shown once, at creation).")
app.add_typer(db_app, name="db")
app.add_typer(orgs_app, name="orgs")
app.add_typer(keys_app, name="keys")
app.add_typer(content_app, name="content")
app.add_typer(index_app, name="index")
app.add_typer(review_app, name="review")
app.add_typer(alerts_app, name="alerts")
users_app = typer.Typer(help="People: accounts in organisations, with a role.")
app.add_typer(users_app, name="users")
console = Console()
errors = Console(stderr=True)

ContentPath = Annotated[Path | None, typer.Argument(help="Content folder (default: CRV_CONTENT_DIR)")]


@contextmanager
def _progress(description: str, total: int | None) -> Iterator[Progress]:
    with Progress(console=errors, transient=True) as progress:
        progress.add_task(description, total=total)
        yield progress


def _advance(progress: Progress) -> content_service.Progress:
    task = progress.task_ids[0]
    return lambda n: progress.advance(task, n)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: CRV_WORKERS)")] = None,
) -> None:
    """Serve the API with uvicorn."""
    # The app (in this process or in each worker) reads its settings from the environment: what is served is what
    # it builds its absolute URLs from, unless CRV_PUBLIC_BASE_URL says otherwise.
    if host:
        os.environ["CRV_HOST"] = host
    if port:
        os.environ["CRV_PORT"] = str(port)
    if workers:  # each worker shares the cores out by it (Settings.concurrent_searches)
        os.environ["CRV_WORKERS"] = str(workers)
    get_settings.cache_clear()
    settings = get_settings()
    if settings.secret_key is not None or not settings.database_url.startswith("sqlite"):
        # Checked here, before uvicorn starts: in a worker, a missing key killed it, and uvicorn started another,
        # forever, while the parent kept the port open (and the container looked up).
        resolve_secret_key(settings)
    operator_logger(settings.log_format).info("crv_serving", **cli_ops.startup_summary(settings))
    if settings.workers == 1:
        uvicorn.run("app.main:create_app", factory=True, **uvicorn_options(settings))
        return
    with serving.board_file():  # the workers take an even share of the connections (app/serving.py)
        uvicorn.run("app.main:create_app", factory=True, loop=FAIR_LOOP, **uvicorn_options(settings))


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for ``settings``. Forwarded headers are believed only from CRV_FORWARDED_ALLOW_IPS."""
    trusted = settings.forwarded_allow_ips.strip()
    return {
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers,
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or "",
        "http": ProblemH11Protocol,  # an unreadable request is a problem+json 400 too
        "log_level": "warning" if settings.quiet_access_log else "info",
        "access_log": not settings.quiet_access_log,
    }


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database to REVISION (default: the latest)."""
    database_url = get_settings().database_url
    before = migrations.schema_state_of(database_url)
    if before.current is not None and not before.known:  # Alembic: "Can't locate revision", and a traceback
        cli_ops.Reporter(get_settings().log_format)("error", "database_schema", f"{before.problem()}.")
        raise typer.Exit(1)
    migrations.upgrade(database_url, revision)
    after = migrations.schema_state_of(database_url)
    moved = "unchanged" if before.current == after.current else f"was {before.current or 'empty'}"
    console.print(f"database at {after.current}{' (head)' if after.ok else ''}, {moved}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="e.g. base, or -1")]) -> None:
    """Migrate the database back to REVISION."""
    migrations.downgrade(get_settings().database_url, revision)
    console.print(f"database at {revision}")


@db_app.command("backup")
def db_backup(file: Annotated[Path, typer.Argument(help="Where to write the backup")]) -> None:
    """A consistent copy of the database, taken while serving (SQLite: online backup API; PostgreSQL: pg_dump)."""
    try:
        report = backup_service.backup(get_settings().database_url, file)
    except backup_service.BackupFailed as exc:
        errors.print(f"[red]backup failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"{report.backend} backup written to {report.path} ({report.bytes} bytes)")


@db_app.command("restore")
def db_restore(
    file: Annotated[Path, typer.Argument(help="A file written by `crv db backup`", exists=True, dir_okay=False)],
    index: Annotated[bool, typer.Option(help="Rebuild the search index from the restored database")] = True,
) -> None:
    """Replace the database with a backup (stop the API first); leases are cleared, then the index rebuilt."""
    settings = get_settings()
    try:
        restored = backup_service.restore(settings.database_url, file)
    except backup_service.BackupFailed as exc:
        errors.print(f"[red]restore failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"{restored.backend} database restored from {file}")
    if restored.upgraded_from:
        console.print(f"its schema was upgraded from {restored.upgraded_from} to this release's ({restored.schema})")
    if index:
        index_rebuild()


def _report_issues(issues: list[content_service.ContentIssue]) -> None:
    """Each problem on a line of its own, ``file:line:column: field: message`` as `crv content check` says it: a
    table cut the file names and messages to the terminal's width, and had no line numbers."""
    for issue in issues:
        errors.print(str(issue), markup=False, highlight=False, soft_wrap=True)
    errors.print(f"[red]{len(issues)} problem(s)[/red]")


@content_app.command("check")
def content_check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files and folders, anywhere (default: CRV_CONTENT_DIR, the whole tree)")
    ] = None,
    server: Annotated[
        str | None,
        typer.Option(help="Use this server's taxonomies (e.g. https://crv.example.org) instead of content/'s"),
    ] = None,
) -> None:
    """Validate resource files without touching the database: every problem, as file:line:column: message.

    The whole content tree gets its cross-file checks (translations, unique slugs, internal links). Other files
    under content/resources/ get the content rules; files elsewhere are drafts for `crv push`, checked with the
    rules of the write API."""
    content_dir = get_settings().content_dir
    targets = paths or [content_dir]
    try:
        if server:
            with httpx.Client(base_url=server.rstrip("/"), timeout=30) as client:
                taxonomies = drafts.fetch_taxonomies(client)
        else:
            taxonomies = load_taxonomies(content_dir)
    except (TaxonomyError, httpx.HTTPError) as exc:
        errors.print(f"[red]cannot read the taxonomies:[/red] {exc} (run from the project folder, or use --server)")
        raise typer.Exit(2) from exc
    report = drafts.check_paths(targets, content_dir, taxonomies)
    for issue in report.issues:
        errors.print(str(issue), markup=False, highlight=False, soft_wrap=True)
    if not report.ok:
        errors.print(f"[red]{len(report.issues)} problem(s)[/red]")
        raise typer.Exit(1)
    console.print("valid")


@content_app.command("typeset")
def content_typeset(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files and folders (default: CRV_CONTENT_DIR's resources)")
    ] = None,
) -> None:
    """Rewrite French files (*.fr.md) in French typography: ’ for ', no-break spaces before : ; ! ? % and inside
    « ». Code, link targets and URLs are left as they are."""
    targets = paths or [get_settings().content_dir / content_service.RESOURCES_FOLDER]
    files = [file for target in targets for file in (sorted(target.rglob("*.md")) if target.is_dir() else [target])]
    changed = content_service.typeset(files)
    for path in changed:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)
    console.print(f"{len(changed)} file(s) rewritten")


@content_app.command("load")
def content_load(path: ContentPath = None) -> None:
    """Load content/ into the database: all or nothing; unchanged files are left alone."""
    settings = get_settings()
    content_dir = path or settings.content_dir
    factory = make_session_factory(configured_engine(settings))
    files = content_service.content_files(content_dir)
    try:
        with _progress("loading", len(files)) as progress:
            with session_scope(factory) as session:
                report = content_service.load(session, content_dir, _advance(progress))
    except content_service.ContentInvalid as exc:
        _report_issues(exc.issues)
        errors.print("[red]nothing was loaded[/red]")
        raise typer.Exit(1) from exc
    console.print(
        f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}, archived {report.archived}"
    )


@index_app.command("rebuild")
def index_rebuild() -> None:
    """Build a fresh search index from the database and swap it in atomically."""
    settings = get_settings()
    cli_ops.require_schema(settings.database_url)
    factory = make_session_factory(configured_engine(settings))
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    try:
        with _progress("indexing", None) as progress:
            count = rebuild_index(factory, engine, taxonomies, _advance(progress))
    except (SearchUnavailable, IndexBusy) as exc:
        errors.print(f"[red]index rebuild failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    finally:
        engine.close()
    console.print(f"indexed {count} published resource(s) with {engine.name}")


@app.command()
def sync(
    once: Annotated[bool, typer.Option(help="Drain what is pending, then exit")] = False,
) -> None:
    """Drain the search outbox into the engine (runs until interrupted unless --once), and once a day delete the
    personal data past its retention (as `crv purge`); every hour, mail the email alerts' digests that are due (as
    `crv alerts send`)."""
    settings = get_settings()
    # Else it would log the same traceback every minute, forever; a database not up yet, it waits for.
    cli_ops.require_schema(settings.database_url, unreachable_ok=True)
    factory = make_session_factory(configured_engine(settings))
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    drain = OutboxDrain(factory, engine, taxonomies, batch_size=settings.sync_batch_size)
    if once:
        report = drain.drain_all()
        console.print(f"{report.events} event(s): indexed {report.indexed}, deleted {report.deleted}")
        raise typer.Exit(1 if report.failed else 0)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    errors.print(f"draining the outbox into {engine.name} as {drain.holder}; Ctrl-C to stop")
    # and, once a day, deleting what is past its retention, and every hour mailing the alerts' digests that are
    # due: a deployment needs nothing else for them
    digests = AlertDigests(factory, settings, taxonomies, engine, resolve_secret_key(settings))
    drain.run_forever(stop, settings.sync_interval_seconds, chore=chores(DailyPurge(factory, settings), digests))


@orgs_app.command("create")
def orgs_create(
    slug: Annotated[str, typer.Argument(help="e.g. ong-exemple (lowercase kebab-case)")],
    name: Annotated[str, typer.Option(help="Display name")],
    kind: Annotated[OrganisationKind, typer.Option(help="What kind of organisation")],
) -> None:
    """Register a partner organisation."""
    if not re.fullmatch(KEBAB, slug):
        errors.print(f"[red]{slug!r} is not a lowercase kebab-case slug[/red]")
        raise typer.Exit(2)
    try:
        with _session() as session:
            key_service.create_organisation(session, slug, name, kind)
    except AppError as exc:
        raise _fail(exc) from exc
    console.print(f"organisation {slug} created")


@orgs_app.command("centre")
def orgs_centre() -> None:
    """Create the centre's own organisation (slug crv), whose editors review submissions; idempotent."""
    with _session() as session:
        organisation, created = key_service.ensure_centre(session)
        slug = organisation.slug
    console.print(f"organisation {slug} {'created' if created else 'already exists'}")
    if created:
        console.print(f"make a person an editor: crv users invite EMAIL --org {slug} --role editor --name 'Name'")


@orgs_app.command("list")
def orgs_list() -> None:
    """Every organisation."""
    table = Table("slug", "name", "kind", "created")
    with _session() as session:
        for organisation in key_service.list_organisations(session):
            created = f"{organisation.created_at:%Y-%m-%d}"
            table.add_row(organisation.slug, organisation.name, organisation.kind, created)
    console.print(table)


@keys_app.command("create")
def keys_create(
    org: Annotated[str, typer.Option(help="Organisation slug")],
    scope: Annotated[
        list[Scope],
        typer.Option(
            help="Repeat for several. search: read and search (a publishable key's only scope; alone on a secret key, "
            "a server's read-only key); resources:write, resources:review, admin, metrics: secret keys only"
        ),
    ],
    name: Annotated[str, typer.Option(help="What the key is for")] = "",
    kind: Annotated[
        KeyKind,
        typer.Option(
            help="secret (servers and scripts: reading under its own quota, crv push) or publishable (web pages)"
        ),
    ] = KeyKind.secret,
    expires_in_days: Annotated[int | None, typer.Option(min=1, help="Expire after N days")] = None,
    origin: Annotated[
        list[str] | None,
        typer.Option(
            help="Publishable keys: an allowed page origin (https://www.example.org; https://*.example.org "
            "for its subdomains, not example.org itself)"
        ),
    ] = None,
    fixed_filter: Annotated[
        list[str] | None, typer.Option(help="Publishable keys: FILTER=VALUE, e.g. sector=cocoa (repeatable)")
    ] = None,
    rate_limit: Annotated[int | None, typer.Option(min=1, help="Requests per minute")] = None,
) -> None:
    """Create a key and print it, once: on standard output, alone, so it can be piped into a secret store."""
    filters = _filter_options(fixed_filter)
    try:
        with _session() as session:
            organisation = key_service.get_organisation(session, org)
            created = key_service.create_key(
                session,
                organisation,
                scopes=scope,
                name=name,
                kind=kind,
                expires_in_days=expires_in_days,
                allowed_origins=origin or [],
                fixed_filters=filters,
                rate_limit_per_minute=rate_limit,
                taxonomies=load_taxonomies(get_settings().content_dir),
            )
            prefix, token = created.key.prefix, created.token
            usage = key_service.how_to_use(created.key, get_settings().key_requests_per_minute)
    except AppError as exc:
        raise _fail(exc) from exc
    errors.print(f"key {prefix} for {org} ({', '.join(scope)}). It is shown this once: store it now.")
    for line in usage:
        errors.print(line, markup=False, highlight=False, soft_wrap=True)
    typer.echo(token)


@keys_app.command("revoke")
def keys_revoke(prefix: Annotated[str, typer.Argument(help="e.g. crv_sk_ab12cd34")]) -> None:
    """Revoke a key at once."""
    try:
        with _session() as session:
            key_service.revoke_key(session, prefix)
    except AppError as exc:
        raise _fail(exc) from exc
    console.print(f"key {prefix} revoked")


def _filter_options(items: list[str] | None) -> dict[str, list[str]]:
    """``--fixed-filter sector=cocoa --fixed-filter sector=coffee`` as ``{"sector": ["cocoa", "coffee"]}``."""
    filters: dict[str, list[str]] = {}
    for item in items or []:
        filter_name, _, value = item.partition("=")
        if not value:
            errors.print(f"[red]--fixed-filter {item!r}: expected FILTER=VALUE[/red]")
            raise typer.Exit(2)
        filters.setdefault(filter_name.strip(), []).append(value.strip())
    return filters


@keys_app.command("update")
def keys_update(
    prefix: Annotated[str, typer.Argument(help="e.g. crv_pk_ab12cd34")],
    origin: Annotated[
        list[str] | None, typer.Option(help="Publishable keys: the allowed page origins, replacing them (repeatable)")
    ] = None,
    add_origin: Annotated[list[str] | None, typer.Option(help="Publishable keys: allow one more origin")] = None,
    remove_origin: Annotated[list[str] | None, typer.Option(help="Publishable keys: no longer allow an origin")] = None,
    fixed_filter: Annotated[
        list[str] | None, typer.Option(help="Publishable keys: FILTER=VALUE, replacing the fixed filters (repeatable)")
    ] = None,
    no_fixed_filters: Annotated[bool, typer.Option(help="Publishable keys: remove every fixed filter")] = False,
    rate_limit: Annotated[int | None, typer.Option(min=1, help="Requests per minute")] = None,
    default_rate_limit: Annotated[bool, typer.Option(help="Back to the default quota")] = False,
) -> None:
    """Change a key in place (its owner keeps it deployed): origins, fixed filters, rate limit."""
    if fixed_filter and no_fixed_filters:
        errors.print("[red]--fixed-filter and --no-fixed-filters contradict each other[/red]")
        raise typer.Exit(2)
    changes = key_service.KeyChanges(
        allowed_origins=origin or None,
        add_origins=add_origin or (),
        remove_origins=remove_origin or (),
        fixed_filters={} if no_fixed_filters else (_filter_options(fixed_filter) or None),
        rate_limit_per_minute=rate_limit,
        default_rate_limit=default_rate_limit,
    )
    try:
        with _session() as session:
            key = key_service.update_key(
                session, prefix, changes, taxonomies=load_taxonomies(get_settings().content_dir)
            )
            row = _key_settings(key, get_settings())
            notes = describe_origins(key.allowed_origins) if origin or add_origin or remove_origin else []
    except AppError as exc:
        raise _fail(exc) from exc
    console.print(f"key {prefix} updated: origins {row[0] or '-'}; fixed filters {row[1] or '-'}; rate limit {row[2]}")
    for line in notes:
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


def _key_settings(key: ApiKey, settings: Settings) -> tuple[str, str, str]:
    """A key's allowed origins, fixed filters and rate limit, as ``crv keys list`` shows them."""
    origins = " ".join(key.allowed_origins)
    filters = " ".join(f"{name}={','.join(values)}" for name, values in sorted(key.fixed_filters.items()))
    limit = (
        f"{key.rate_limit_per_minute}/min"
        if key.rate_limit_per_minute
        else (f"default ({settings.key_requests_per_minute}/min)")
    )
    return origins, filters, limit


@keys_app.command("list")
def keys_list(org: Annotated[str | None, typer.Option(help="Only this organisation's keys")] = None) -> None:
    """Keys, their state and settings — origins, fixed filters, rate limit — (never their secrets): a few lines each,
    long origins unbroken, where a table of eleven columns cut them to « … » in a terminal 80 wide."""
    settings = get_settings()
    with _session() as session:
        for key in key_service.list_keys(session, org):
            origins, filters, limit = _key_settings(key, settings)
            lines = (
                f"{key.prefix}  {key.name} ({key.organisation.slug}): {key.kind}, {key_service.key_status(key)}",
                f"  scopes: {' '.join(key.scopes) or '-'}; rate limit: {limit}",
                f"  origins: {origins or '-'}",
                f"  fixed filters: {filters or '-'}",
                f"  expires: {f'{key.expires_at:%Y-%m-%d}' if key.expires_at else '-'}; last used: "
                + (f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "-"),
            )
            for line in lines:
                console.print(line, markup=False, highlight=False, soft_wrap=True)


@users_app.command("invite")
def users_invite(
    email: Annotated[str, typer.Argument(help="Their email address")],
    org: Annotated[str, typer.Option(help="Organisation slug (crv: the centre, for editors)")],
    name: Annotated[str, typer.Option(help="Their name")] = "",
    role: Annotated[Role, typer.Option(help="contributor, admin (invites people), editor (the centre's only)")] = (
        Role.contributor
    ),
    language: Annotated[str, typer.Option(help="Language of their mails: fr or en")] = "fr",
) -> None:
    """Invite a person: they get a mail with a link (valid 7 days, once) to choose their password."""
    settings = get_settings()
    try:
        with _session() as session:
            organisation = key_service.get_organisation(session, org)
            user, token = accounts.invite(session, None, organisation, email, name, role, language)
            session.commit()
            mails.send_invitation(settings, user, token, gettext(user.language, CENTRE_TEAM), organisation.name)
            address, link = user.email, mails.link(settings, "set_password", user.language, f"?token={token}")
    except AppError as exc:
        raise _fail(exc) from exc
    console.print(f"invitation sent to {address} ({role}, {org})")
    errors.print(f"link (valid 7 days, once): {link}", markup=False, soft_wrap=True)  # one line, to copy whole


@users_app.command("list")
def users_list(org: Annotated[str, typer.Option(help="Organisation slug")]) -> None:
    """The people of an organisation and their roles."""
    table = Table("email", "name", "role", "state", "last sign-in")
    with _session() as session:
        organisation = key_service.get_organisation(session, org)
        for user in accounts.people(session, organisation.id):
            state = "disabled" if user.disabled_at else "active" if user.password_hash else "invited"
            last = f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else ""
            table.add_row(user.email, user.name, user.role, state, last)
    console.print(table)


@app.command()
def push(
    files: Annotated[list[Path], typer.Argument(help="Markdown files in the content format", exists=True)],
    server: Annotated[str, typer.Option(envvar="CRV_SERVER", help="Base URL of the crv API")],
    key: Annotated[
        str, typer.Option(envvar="CRV_API_KEY", help="Secret key with resources:write (better: CRV_API_KEY)")
    ],
    draft: Annotated[bool, typer.Option("--draft", help="Leave as drafts: do not submit for review")] = False,
    check: Annotated[bool, typer.Option("--check", help="Only validate on the server; write nothing")] = False,
) -> None:
    """Create or update your organisation's resources from Markdown files, then submit them for review.

    A resource is identified by its translation_key and language: pushing an edited file again updates it."""
    with push_service.make_client(server, key) as client:
        results = push_service.push_files(client, files, draft=draft, check=check)
    for result in results:
        if result.ok:
            console.print(f"[green]✓[/green] {result.path} → {result.resource_id}: {', '.join(result.actions)}")
        else:
            errors.print(f"[red]✗[/red] {result.path}" + (f" ({result.resource_id})" if result.resource_id else ""))
            for message in result.errors:
                errors.print(f"    {message}")
    failed = sum(not r.ok for r in results)
    if failed:
        errors.print(f"[red]{failed} of {len(results)} file(s) failed[/red]")
        raise typer.Exit(1)


app.command("screen")(screen_command)
app.command("purge")(cli_data.purge)
users_app.command("erase")(cli_data.erase)


def main() -> None:
    cli_ops.run(app)
