"""``crv review decline`` and ``crv review unpublish``: the editors' final decisions from the command line, through
the API the desk's service functions serve, each with its required reason."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.models import Resource, ResourceRevision, ResourceStatus, RevisionState
from tests.helpers import Parties
from tests.services.test_push import live_server, write

__all__ = ["live_server"]  # the fixture, for the tests below


def states(session_factory: sessionmaker[Session], resource_id: str) -> tuple[ResourceStatus, list[RevisionState]]:
    with session_factory() as session:
        resource = session.get_one(Resource, resource_id)
        revisions = session.scalars(
            select(ResourceRevision.state)
            .where(ResourceRevision.resource_id == resource_id)
            .order_by(ResourceRevision.number)
        )
        return resource.status, list(revisions)


def test_crv_review_declines_and_takes_off_the_site_with_a_reason(
    live_server: str, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    parties = Parties.create(session_factory)
    runner = CliRunner()
    editor = {"CRV_API_KEY": parties.editor, "CRV_SERVER": live_server, "COLUMNS": "200"}

    def push(body: str) -> None:
        path = write(tmp_path, body=body)
        pushed = runner.invoke(cli.app, ["push", str(path), "--server", live_server, "--key", parties.partner])
        assert pushed.exit_code == 0, pushed.output

    push("Des agents visitent les ménages.")
    # the reason is required: nothing decided without it
    bare = runner.invoke(cli.app, ["review", "decline", "clmrs.fr"], env=editor)
    assert bare.exit_code == 2 and "--reason" in bare.output
    assert states(session_factory, "clmrs.fr")[1] == [RevisionState.submitted]
    approved = runner.invoke(cli.app, ["review", "approve", "clmrs.fr"], env=editor)
    assert approved.exit_code == 0, approved.output
    # a change of the published resource, declined for good: the published version stays
    push("Des agents visitent les ménages (sans source).")
    declined = runner.invoke(cli.app, ["review", "decline", "clmrs.fr", "--reason", "Sans source."], env=editor)
    assert declined.exit_code == 0 and "clmrs.fr declined" in declined.output, declined.output
    assert states(session_factory, "clmrs.fr") == (
        ResourceStatus.published,
        [RevisionState.published, RevisionState.declined],
    )
    again = runner.invoke(cli.app, ["review", "decline", "clmrs.fr", "--reason", "Encore."], env=editor)
    assert again.exit_code == 1 and "404" in again.output  # nothing waits any more
    # taken off the site, with the editor's reason recorded
    bare = runner.invoke(cli.app, ["review", "unpublish", "clmrs.fr"], env=editor)
    assert bare.exit_code == 2 and "--reason" in bare.output
    taken = runner.invoke(cli.app, ["review", "unpublish", "clmrs.fr", "--reason", "Lien mort."], env=editor)
    assert taken.exit_code == 0 and "clmrs.fr taken off the site" in taken.output, taken.output
    status, revisions = states(session_factory, "clmrs.fr")
    assert status == ResourceStatus.archived and revisions[-1] == RevisionState.unpublished
    with session_factory() as session:
        last = session.scalars(
            select(ResourceRevision)
            .where(ResourceRevision.resource_id == "clmrs.fr")
            .order_by(ResourceRevision.number.desc())
        ).first()
        assert last is not None and last.reason == "Lien mort."
    gone = runner.invoke(cli.app, ["review", "unpublish", "clmrs.fr", "--reason", "Encore."], env=editor)
    assert gone.exit_code == 1 and "410" in gone.output  # taken off already: gone
    partner = runner.invoke(
        cli.app, ["review", "decline", "clmrs.fr", "--reason", "x"], env=editor | {"CRV_API_KEY": parties.partner}
    )
    assert partner.exit_code == 1
