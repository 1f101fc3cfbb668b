"""The workers of ``crv serve`` take an even share of the connections, and never leave one waiting."""

import asyncio
import os
import socket
import subprocess
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from app import serving
from app.serving import Board, FairListener

T = TypeVar("T")


@pytest.fixture
def board_path(tmp_path: Path) -> str:
    path = tmp_path / "board"
    path.write_bytes(bytes(serving.SLOTS * 16))
    return str(path)


def test_a_worker_accepts_while_no_other_holds_fewer_connections(board_path: str) -> None:
    first, second = Board(board_path), Board(board_path)  # two workers (slots), one process
    first.note(+2)
    second.note(+1)
    assert not first.least_loaded() and second.least_loaded()
    second.note(+1)
    assert first.least_loaded() and second.least_loaded()  # even: whoever comes first
    first.note(-2)
    assert first.least_loaded() and not second.least_loaded()


def test_a_worker_that_ended_holds_nobody_back_and_leaves_its_slot(board_path: str) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    with open(board_path, "r+b") as file:  # its slot, with no connection: it would hold everyone back
        file.write(ended.pid.to_bytes(8, "little") + bytes(8))
    board = Board(board_path)
    board.note(+3)
    assert board.least_loaded()
    assert int.from_bytes(Path(board_path).read_bytes()[:8], "little") != ended.pid  # the slot was taken over


def test_each_worker_gets_a_loop_with_the_board_serve_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(serving.BOARD_ENV, raising=False)
    with serving.board_file() as path:
        assert os.environ[serving.BOARD_ENV] == path  # what the spawned workers inherit
        loop = serving.new_event_loop()
        try:
            assert isinstance(loop, serving.FairLoop) and loop.board is not None
        finally:
            loop.close()
    assert not Path(path).exists() and serving.BOARD_ENV not in os.environ


class Answer(asyncio.Protocol):
    """Answers ``ok`` to whatever it receives."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(b"ok")


async def burst(port: int, count: int) -> list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    """``count`` connections opened at once, each asked once and answered."""
    connections = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(count)))
    for _, writer in connections:
        writer.write(b"?")
    answers = await asyncio.wait_for(asyncio.gather(*(reader.readexactly(2) for reader, _ in connections)), 5)
    assert answers == [b"ok"] * count  # every connection served, none lost
    return connections


def run_apart(main: Coroutine[None, None, T]) -> T:
    """``main`` run to its end by ``asyncio.run`` in a thread of its own: the browser tests' session-wide
    Playwright (its sync API) keeps an event loop running in the main thread of the pytest worker that ran them,
    where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main).result()


@pytest.fixture
def listening() -> Iterator[socket.socket]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock


def test_workers_share_a_burst_of_connections_evenly(board_path: str, listening: socket.socket) -> None:
    """Two workers on one socket (each its own file descriptor, as each process has), 8 connections at once, and
    one of the workers slow to wake (busy, or waiting for a core): the first awake leaves it its share."""

    async def run() -> tuple[int, int]:
        loop = asyncio.get_running_loop()
        boards = [Board(board_path), Board(board_path)]
        listeners = [FairListener(loop, listening.dup(), Answer, boards[0])]
        late = loop.call_later(0.03, lambda: listeners.append(FairListener(loop, listening.dup(), Answer, boards[1])))
        connections = await burst(listening.getsockname()[1], 8)
        held = boards[0].open, boards[1].open
        for _, writer in connections:
            writer.close()
        await asyncio.sleep(0.1)
        assert boards[0].open == boards[1].open == 0  # the board follows the connections that end
        late.cancel()
        for listener in listeners:
            listener.close()
        return held

    assert run_apart(run()) == (4, 4)


def test_a_worker_over_its_share_accepts_when_the_others_do_not(board_path: str, listening: socket.socket) -> None:
    """Another worker holds fewer connections but does not accept (stuck): this one is patient, then serves."""

    async def run() -> int:
        loop = asyncio.get_running_loop()
        stuck, board = Board(board_path), Board(board_path)
        listener = FairListener(loop, listening.dup(), Answer, board)
        await burst(listening.getsockname()[1], 3)
        listener.close()
        assert stuck.open == 0
        return board.open

    assert run_apart(run()) == 3
