"""``crv alerts``: the readers' email alerts for a search (app/services/alerts.py), by hand."""

from typing import Annotated

import typer
from rich.console import Console

from app import cli_ops
from app.cli_data import errors
from app.config import get_settings
from app.db import configured_engine, make_session_factory
from app.search.factory import make_search_engine
from app.services.alert_digests import AlertDigests, AlertsBusy
from app.signing import resolve_secret_key
from app.taxonomy import load_taxonomies

alerts_app = typer.Typer(help="Readers' email alerts for a search.")
console = Console()


@alerts_app.command("send")
def send(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count the digests due; send nothing")] = False,
) -> None:
    """Mail the digests that are due now (`crv sync` does it by itself every hour): each confirmed alert whose day
    or week has passed, when its search has something new."""
    settings = get_settings()
    cli_ops.require_schema(settings.database_url)
    taxonomies = load_taxonomies(settings.content_dir)
    engine = make_search_engine(settings, taxonomies)
    database = configured_engine(settings)
    factory = make_session_factory(database)
    digests = AlertDigests(factory, settings, taxonomies, engine, resolve_secret_key(settings))
    try:
        report = digests.send(dry_run=dry_run)
    except AlertsBusy:
        errors.print("[red]another process is sending the digests now:[/red] try again in a few minutes")
        raise typer.Exit(1) from None
    finally:
        engine.close()
        database.dispose()
    console.print(("would send: " if dry_run else "") + report.summary(), highlight=False)
    raise typer.Exit(1 if report.failed else 0)
