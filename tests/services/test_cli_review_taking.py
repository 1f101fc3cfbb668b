"""``crv review take`` and ``crv review give-back``: « I'm reviewing this » from the command line, through the review
API; ``crv review list`` and ``show`` say who has each submission, and ``list --taken`` narrows as the desk's queue
does."""

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli, cli_review
from app.services import review
from tests.helpers import REVIEW, Parties, make_key
from tests.services.test_push import live_server, write

__all__ = ["live_server"]  # the fixture, for the test below

RID = "clmrs.fr"


def holder(session_factory: sessionmaker[Session]) -> str | None:
    """Who has the submission, as stored (a key's prefix)."""
    with session_factory() as session:
        return review.submitted_revision(session, RID)[1].taken_by


def test_crv_review_takes_is_refused_another_s_takes_it_over_and_gives_it_back(
    live_server: str, session_factory: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the table's width, whatever COLUMNS was when the module was first imported (rich reads it then)
    monkeypatch.setattr(cli_review.console, "_width", 250)
    parties = Parties.create(session_factory)
    other = make_key(session_factory, "crv-editors", REVIEW)
    first_prefix, other_prefix = parties.editor.rsplit("_", 1)[0], other.rsplit("_", 1)[0]
    runner = CliRunner()
    first = {"CRV_API_KEY": parties.editor, "CRV_SERVER": live_server}
    second = first | {"CRV_API_KEY": other}
    pushed = runner.invoke(cli.app, ["push", str(write(tmp_path)), "--server", live_server, "--key", parties.partner])
    assert pushed.exit_code == 0, pushed.output

    listed = runner.invoke(cli.app, ["review", "list"], env=first)
    assert listed.exit_code == 0 and "taken by" in listed.output, listed.output
    assert first_prefix not in listed.output

    taken = runner.invoke(cli.app, ["review", "take", RID], env=first)
    assert taken.exit_code == 0 and f"{RID} taken for review by {first_prefix}" in taken.output, taken.output
    assert holder(session_factory) == first_prefix
    listed = runner.invoke(cli.app, ["review", "list"], env=second)
    assert f"{first_prefix} since" in listed.output, listed.output
    for who, taken, count in ((first, "mine", 1), (second, "mine", 0), (second, "others", 1), (first, "free", 0)):
        narrowed = runner.invoke(cli.app, ["review", "list", "--taken", taken], env=who)
        assert narrowed.exit_code == 0 and (RID in narrowed.output) == bool(count), narrowed.output
        assert f"{count} waiting: {cli_review.TAKINGS[cli_review.Taking(taken)].lower()}" in narrowed.output
    unknown = runner.invoke(cli.app, ["review", "list", "--taken", "theirs"], env=first)
    assert unknown.exit_code == 2 and "theirs" in unknown.output, unknown.output
    shown = runner.invoke(cli.app, ["review", "show", RID], env=second)
    assert f"taken by: {first_prefix} since" in shown.output, shown.output

    refused = runner.invoke(cli.app, ["review", "take", RID], env=second)
    assert refused.exit_code == 1 and "409" in refused.output and first_prefix in refused.output
    assert f"crv review take {RID} --over" in refused.output
    assert holder(session_factory) == first_prefix
    not_hers = runner.invoke(cli.app, ["review", "give-back", RID], env=second)
    assert not_hers.exit_code == 1 and "409" in not_hers.output
    assert holder(session_factory) == first_prefix

    over = runner.invoke(cli.app, ["review", "take", RID, "--over"], env=second)
    assert over.exit_code == 0 and f"taken for review by {other_prefix}" in over.output, over.output
    assert holder(session_factory) == other_prefix
    given = runner.invoke(cli.app, ["review", "give-back", RID], env=second)
    assert given.exit_code == 0 and f"{RID} given back" in given.output, given.output
    assert holder(session_factory) is None
    gone = runner.invoke(cli.app, ["review", "take", "nothing.fr"], env=first)
    assert gone.exit_code == 1 and "404" in gone.output
