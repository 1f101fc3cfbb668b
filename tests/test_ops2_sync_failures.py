"""The outbox drain's log while the database is down: one line when the failures start, with their reason, a reminder
every ten minutes while they last, one line when the database is back. Before, each retry (every 0.5 s to 60 s)
logged ``outbox_drain_crashed`` with two chained tracebacks, and stopping the drain while the database was down
killed its thread with one more."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.logs import configure_logging
from app.search.base import SearchEngine
from app.search.factory import make_search_engine
from app.services.sync import FailureStreak, OutboxDrain
from app.taxonomy import Taxonomies
from tests.helpers import free_port

pytestmark = pytest.mark.database_agnostic


@pytest.fixture
def json_logs() -> Iterator[None]:
    configure_logging("json")
    try:
        yield
    finally:
        configure_logging("console")


@pytest.fixture
def engine(settings: Settings, taxonomies: Taxonomies) -> Iterator[SearchEngine]:
    search = make_search_engine(settings, taxonomies)
    yield search
    search.close()


def log_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


class Running:
    """The drain's loop in a thread, as the API's worker and ``crv sync`` run it; what its thread raised, if any."""

    def __init__(self, drain: OutboxDrain) -> None:
        self.stop = threading.Event()
        self.raised: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(drain,), daemon=True)

    def _run(self, drain: OutboxDrain) -> None:
        try:
            drain.run_forever(self.stop, 0.01)
        except BaseException as exc:
            self.raised.append(exc)

    def __enter__(self) -> "Running":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self._thread.join(timeout=30)
        assert not self._thread.is_alive()


@pytest.mark.usefixtures("json_logs")
def test_a_database_refusing_connections_is_one_line_not_a_traceback_per_retry(
    engine: SearchEngine, taxonomies: Taxonomies, capsys: pytest.CaptureFixture[str]
) -> None:
    database = make_engine(f"postgresql+psycopg://crv@127.0.0.1:{free_port()}/crv")  # nothing listens there
    drain = OutboxDrain(make_session_factory(database), engine, taxonomies)
    try:
        with Running(drain) as running:
            wait_until(lambda: drain.streak.failures >= 4)
    finally:
        database.dispose()
    output = capsys.readouterr().out
    assert "Traceback" not in output
    assert running.raised == []  # stopping while the database is down no longer kills the thread
    events = [line["event"] for line in log_lines(output)]
    assert events.count("outbox_drain_failing") == 1 and "outbox_drain_crashed" not in events
    failing = next(line for line in log_lines(output) if line["event"] == "outbox_drain_failing")
    assert "Connection refused" in str(failing["error"]) and "\n" not in str(failing["error"])
    assert "exception" not in failing


@pytest.mark.usefixtures("json_logs")
def test_the_drain_says_once_that_the_database_is_down_and_once_that_it_is_back(
    tmp_path: Path, engine: SearchEngine, taxonomies: Taxonomies, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crv.db"
    path.mkdir()  # a database file that cannot be opened: every connection fails
    url = f"sqlite:///{path}"
    database = make_engine(url)
    drain = OutboxDrain(make_session_factory(database), engine, taxonomies)
    try:
        with Running(drain) as running:
            wait_until(lambda: drain.streak.failures >= 3)
            path.rmdir()  # the database comes back
            migrations.upgrade(url)
            wait_until(lambda: drain.streak.failures == 0)
    finally:
        database.dispose()
    output = capsys.readouterr().out
    assert "Traceback" not in output and running.raised == []
    lines = [line for line in log_lines(output) if str(line["event"]).startswith("outbox_drain")]
    assert [line["event"] for line in lines] == ["outbox_drain_failing", "outbox_drain_recovered"]
    assert "unable to open database file" in str(lines[0]["error"])
    assert isinstance(lines[1]["failures"], int) and lines[1]["failures"] >= 3


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def database_down(session_factory: sessionmaker[Session]) -> Exception:
    """The error a session raises on a database that refuses connections."""
    try:
        with session_factory() as session:
            session.connection()
    except Exception as exc:
        return exc
    raise AssertionError("the database answered")


@pytest.mark.usefixtures("json_logs")
def test_a_long_outage_is_recalled_every_ten_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    database = make_engine(f"postgresql+psycopg://crv@127.0.0.1:{free_port()}/crv")
    error = database_down(make_session_factory(database))
    database.dispose()
    clock = Clock()
    streak = FailureStreak(clock=clock)
    for seconds in (0, 60, 120, 599, 600, 660, 1199, 1200):
        clock.now = 1000.0 + seconds
        streak.failed(error)
    clock.now = 1000.0 + 1250
    streak.succeeded()
    streak.succeeded()  # a success after a success says nothing
    lines = log_lines(capsys.readouterr().out)
    assert [(line["event"], line.get("failures"), line.get("seconds")) for line in lines] == [
        ("outbox_drain_failing", None, None),
        ("outbox_drain_still_failing", 5, 600),
        ("outbox_drain_still_failing", 8, 1200),
        ("outbox_drain_recovered", 8, 1250),
    ]


@pytest.mark.usefixtures("json_logs")
def test_an_error_that_is_a_bug_keeps_its_traceback_once(capsys: pytest.CaptureFixture[str]) -> None:
    streak = FailureStreak(clock=Clock())
    for _ in range(3):
        try:
            raise RuntimeError("a bug in the drain")
        except RuntimeError as exc:
            streak.failed(exc)
    lines = log_lines(capsys.readouterr().out)
    assert len(lines) == 1 and lines[0]["event"] == "outbox_drain_failing"
    assert "RuntimeError: a bug in the drain" in str(lines[0]["exception"])
