"""The ``crv`` command line. Exit codes: 0 success, 1 invalid content or failed work, 2 bad usage."""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from app import migrations
from app.config import get_settings
from app.db import make_engine, make_session_factory, session_scope
from app.search.base import SearchUnavailable
from app.search.factory import make_search_engine
from app.services import content as content_service
from app.services.sync import IndexBusy, OutboxDrain, rebuild_index
from app.taxonomy import load_taxonomies

app = typer.Typer(help="crv: the virtual resource centre against child labour, forced labour and trafficking.")
db_app = typer.Typer(help="Database schema.")
content_app = typer.Typer(help="The resources under content/.")
index_app = typer.Typer(help="The search index.")
app.add_typer(db_app, name="db")
app.add_typer(content_app, name="content")
app.add_typer(index_app, name="index")
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
) -> None:
    """Serve the API with uvicorn."""
    settings = get_settings()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=True,
    )


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database to REVISION (default: the latest)."""
    migrations.upgrade(get_settings().database_url, revision)
    console.print(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="e.g. base, or -1")]) -> None:
    """Migrate the database back to REVISION."""
    migrations.downgrade(get_settings().database_url, revision)
    console.print(f"database at {revision}")


def _report_issues(issues: list[content_service.ContentIssue]) -> None:
    table = Table("file", "field", "problem", title=f"{len(issues)} problem(s)", show_lines=False)
    for issue in issues:
        table.add_row(issue.path, issue.field, issue.message)
    errors.print(table)


@content_app.command("check")
def content_check(path: ContentPath = None) -> None:
    """Validate every file under content/ without touching the database."""
    content_dir = path or get_settings().content_dir
    files = content_service.content_files(content_dir)
    with _progress("checking", len(files)) as progress:
        report = content_service.check(content_dir, _advance(progress))
    if not report.ok:
        _report_issues(report.issues)
        raise typer.Exit(1)
    console.print(f"{len(report.files)} resource file(s) valid")


@content_app.command("load")
def content_load(path: ContentPath = None) -> None:
    """Load content/ into the database: all or nothing; unchanged files are left alone."""
    settings = get_settings()
    content_dir = path or settings.content_dir
    factory = make_session_factory(make_engine(settings.database_url))
    files = content_service.content_files(content_dir)
    try:
        with _progress("loading", len(files)) as progress:
            for session in session_scope(factory):
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
    factory = make_session_factory(make_engine(settings.database_url))
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
    """Drain the search outbox into the engine (runs until interrupted unless --once)."""
    settings = get_settings()
    factory = make_session_factory(make_engine(settings.database_url))
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
    drain.run_forever(stop, settings.sync_interval_seconds)


def main() -> None:
    app()
