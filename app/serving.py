"""``crv serve``'s worker processes take an even share of the connections.

Why: the workers share one listening socket, every worker waiting on it is woken by a new connection, and the one
that runs first accepts every connection waiting (uvloop, like asyncio, accepts until the backlog is empty; libuv
dropped its ``UV_TCP_SINGLE_ACCEPT`` switch). A client opening its keep-alive connections at once (a proxy's pool,
a load test) saw them split 4/4 between 2 workers about half the time, 5/3 to 7/1 otherwise, and a worker keeps a
keep-alive connection for good: the one holding 6 queues 6 requests on one core while the other idles, and the
p95 is its queue's.

How: each worker notes how many connections it holds in a :class:`Board` (a small file each worker maps, one slot
per worker, written only by its owner). A worker accepts one connection at a time, and only while it holds no more
than the least loaded live worker; otherwise it stops listening for :data:`RETRY` seconds and looks again. The
least loaded may always accept, so a connection is never left waiting; a worker that deferred :data:`PATIENCE`
times in a row accepts anyway, so one that is stuck cannot hold the others back. Only accepting pauses: a worker
serves the connections it holds as ever.
"""

import asyncio
import contextlib
import fcntl
import logging
import mmap
import os
import socket
import struct
import tempfile
from collections.abc import Callable, Iterator
from ssl import SSLContext
from typing import Any

import uvloop

BOARD_ENV = "CRV_WORKER_BOARD"
SLOTS = 64  # uvicorn's --workers, and more added by SIGTTIN
RETRY = 0.002  # seconds a worker over its share stops listening before it looks again
PATIENCE = 50  # deferrals in a row (0.1 s) after which a worker accepts even over its share

_SLOT = struct.Struct("=qq")  # a worker's pid, the connections it holds
_COUNT = struct.Struct("=q")
log = logging.getLogger("uvicorn.error")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Board:
    """The connections each worker holds, in the file at ``path`` (made by :func:`board_file`); this process's
    slot is the first one free (never used, or of a process that has ended)."""

    def __init__(self, path: str) -> None:
        with open(path, "r+b") as file:
            self._map = mmap.mmap(file.fileno(), SLOTS * _SLOT.size)
            fcntl.flock(file, fcntl.LOCK_EX)  # two workers starting at once claim two slots
            try:
                self._offset = self._claim()
            finally:  # explicitly: the map keeps the file open, and with it the lock
                fcntl.flock(file, fcntl.LOCK_UN)
        self.open = 0

    def _claim(self) -> int:
        for slot in range(SLOTS):
            offset = slot * _SLOT.size
            pid, _ = _SLOT.unpack_from(self._map, offset)
            if pid == 0 or not _alive(pid):
                _SLOT.pack_into(self._map, offset, os.getpid(), 0)
                return offset
        raise RuntimeError(f"more than {SLOTS} workers")

    def note(self, change: int) -> None:
        self.open += change
        _COUNT.pack_into(self._map, self._offset + _COUNT.size, self.open)

    def least_loaded(self) -> bool:
        """Whether no other live worker holds fewer connections than this one."""
        for offset in range(0, SLOTS * _SLOT.size, _SLOT.size):
            pid, held = _SLOT.unpack_from(self._map, offset)
            if pid and held < self.open and offset != self._offset and _alive(pid):
                return False
        return True


@contextlib.contextmanager
def board_file() -> Iterator[str]:
    """A board for the workers about to start (spawned processes, which inherit the environment), removed after."""
    fd, path = tempfile.mkstemp(prefix="crv-workers-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        os.ftruncate(fd, SLOTS * _SLOT.size)
        os.close(fd)
        os.environ[BOARD_ENV] = path
        yield path
    finally:
        os.environ.pop(BOARD_ENV, None)
        os.unlink(path)


class _Counted(asyncio.Protocol):
    """uvicorn's protocol for one connection, told everything; ``done`` runs once, when the connection ends. (A
    protocol put on the transport in its place, as a websocket upgrade does, would end unseen: crv serves none, and
    uvicorn upgrades nothing without a websocket library installed.)"""

    def __init__(self, protocol: asyncio.Protocol, done: Callable[[], None]) -> None:
        self._protocol = protocol
        self._done: Callable[[], None] | None = done

    def release(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._protocol.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self._protocol.data_received(data)

    def eof_received(self) -> bool | None:
        return self._protocol.eof_received()

    def pause_writing(self) -> None:
        self._protocol.pause_writing()

    def resume_writing(self) -> None:
        self._protocol.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        try:
            self._protocol.connection_lost(exc)
        finally:
            self.release()


class FairListener(asyncio.AbstractServer):
    """Accepts the connections of ``sock`` for this worker, one at a time, while it is among the least loaded."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        sock: socket.socket,
        protocol_factory: Callable[[], asyncio.BaseProtocol],
        board: Board,
        *,
        backlog: int = 100,
        ssl_context: SSLContext | None = None,
    ) -> None:
        self._loop = loop
        self._sock = sock
        self._factory = protocol_factory
        self._board = board
        self._ssl = ssl_context
        self._deferred = 0
        self._retry: asyncio.TimerHandle | None = None
        self._connecting: set[asyncio.Task[None]] = set()
        self._listening = False
        self._closed = False
        sock.setblocking(False)
        sock.listen(backlog)
        self._listen()

    def _listen(self) -> None:
        self._retry = None
        if not self._closed and not self._listening:
            self._loop.add_reader(self._sock.fileno(), self._accept)
            self._listening = True

    def _pause(self, seconds: float) -> None:
        if self._listening:
            self._loop.remove_reader(self._sock.fileno())
            self._listening = False
        self._retry = self._loop.call_later(seconds, self._listen)

    def _accept(self) -> None:
        if self._deferred < PATIENCE and not self._board.least_loaded():
            self._deferred += 1  # another worker holds fewer: it was woken too, and takes this one
            self._pause(RETRY)
            return
        try:
            connection, _ = self._sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return  # another worker took it, or the client gave up
        except OSError as exc:  # out of file descriptors or memory: as asyncio does, wait a second
            log.error("accepting a connection failed: %s", exc)
            self._pause(1.0)
            return
        self._deferred = 0
        self._board.note(+1)
        connection.setblocking(False)
        task = self._loop.create_task(self._connect(connection))
        self._connecting.add(task)
        task.add_done_callback(self._connecting.discard)

    async def _connect(self, connection: socket.socket) -> None:
        protocol = _Counted(self._factory(), lambda: self._board.note(-1))  # type: ignore[arg-type]
        try:
            await self._loop.connect_accepted_socket(lambda: protocol, connection, ssl=self._ssl)
        except Exception as exc:  # a TLS handshake that failed, a client that left
            log.debug("connection dropped before it was served: %s", exc)
            connection.close()
            protocol.release()

    def close(self) -> None:
        self._closed = True
        if self._retry is not None:
            self._retry.cancel()
        if self._listening:
            self._loop.remove_reader(self._sock.fileno())
            self._listening = False

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def is_serving(self) -> bool:
        return not self._closed

    async def start_serving(self) -> None:
        """Serving from the start."""

    async def serve_forever(self) -> None:
        raise NotImplementedError("uvicorn runs its own main loop")

    async def wait_closed(self) -> None:
        """Nothing to wait for: uvicorn itself waits for the connections to end."""


class FairLoop(uvloop.Loop):
    """uvloop, whose servers on a socket shared by the workers (``create_server(sock=…)``, what uvicorn does with
    several) accept fairly when the workers have a board."""

    board: Board | None = None

    async def create_server(  # type: ignore[override]
        self,
        protocol_factory: Callable[[], asyncio.BaseProtocol],
        host: Any = None,
        port: Any = None,
        *,
        sock: socket.socket | None = None,
        backlog: int = 100,
        ssl: SSLContext | None = None,
        **options: Any,
    ) -> asyncio.AbstractServer:
        if sock is None or self.board is None:
            return await super().create_server(
                protocol_factory, host, port, sock=sock, backlog=backlog, ssl=ssl, **options
            )
        return FairListener(self, sock, protocol_factory, self.board, backlog=backlog, ssl_context=ssl)


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvicorn's loop factory in each worker (``loop="app.serving:new_event_loop"``): a :class:`FairLoop` with
    the board ``crv serve`` made."""
    loop = FairLoop()
    path = os.environ.get(BOARD_ENV)
    if path:
        loop.board = Board(path)
    return loop
