"""What the command line does with people's data: ``crv purge`` deletes what is past its retention (the outbox drain
does it daily by itself, app/services/retention.py), ``crv users erase`` erases a deactivated account (the GDPR's
erasure, app/services/erasure.py); and the unit of work and the one-line error every database command shares."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import configured_engine, make_session_factory, session_scope
from app.errors import AppError
from app.services import erasure, retention

console = Console()
errors = Console(stderr=True)


@contextmanager
def database_session() -> Iterator[Session]:
    """One committed unit of work on the configured database."""
    engine = configured_engine(get_settings())
    try:
        with session_scope(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def fail(exc: AppError) -> typer.Exit:
    """The refusal as one line on standard error (its title and detail), and exit code 1."""
    errors.print(f"[red]{exc.title}:[/red] {exc.detail}")
    return typer.Exit(1)


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be deleted; delete nothing")] = False,
) -> None:
    """Delete the personal data past its retention (CRV_*_KEPT_DAYS): ended sessions, failed sign-ins, decided
    requests, the sign-in audit entries. `crv sync` does it once a day by itself."""
    with database_session() as session:
        report = retention.purge(session, get_settings(), dry_run=dry_run)  # a dry run writes nothing
    console.print(f"{'would delete' if dry_run else 'deleted'}: {report.summary()}", highlight=False)


def erase(email: Annotated[str, typer.Argument(help="The address of a deactivated account")]) -> None:
    """Erase a deactivated account for good (GDPR article 17): its name, address, password, sessions, failed
    sign-ins and requests; the resources and the audit log then name it by its number."""
    try:
        with database_session() as session:
            user = erasure.erase(session, None, erasure.account_of(session, email))
            number = user.id
    except AppError as exc:
        raise fail(exc) from exc
    console.print(f'account {number} erased: the audit log names it "{erasure.ERASED_NAME.format(number=number)}"')
