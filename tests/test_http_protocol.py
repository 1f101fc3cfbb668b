"""Requests uvicorn cannot parse are answered as problem+json, like everything else."""

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from app.http_protocol import ProblemH11Protocol


async def ok_app(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


@contextmanager
def serving(listening: socket.socket | None = None) -> Iterator[uvicorn.Server]:
    """uvicorn in a thread, on asyncio's own event loop: on a free port of its own, or on ``listening``."""
    if listening is None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            free = int(probe.getsockname()[1])
    else:
        free = int(listening.getsockname()[1])
    config = uvicorn.Config(
        ok_app, host="127.0.0.1", port=free, http=ProblemH11Protocol, loop="asyncio", log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, args=([listening] if listening else None,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield server
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving() as server:
        yield server.config.port


def raw_get(port: int, target: bytes) -> tuple[bytes, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


@pytest.mark.parametrize("target", [b"/v1/search?q=caf\xc3\xa9", b"/v1/search?q=caf\xe9", b"/v1/caf\xe9"])
def test_raw_non_ascii_bytes_in_the_url_are_a_problem(port: int, target: bytes) -> None:
    head, body = raw_get(port, target)
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/problem+json" in head.lower()
    problem = json.loads(body)
    assert problem["status"] == 400 and "percent-encode" in problem["detail"]


def test_an_encoded_url_still_reaches_the_application(port: int) -> None:
    head, body = raw_get(port, b"/v1/search?q=caf%C3%A9")
    assert head.startswith(b"HTTP/1.1 200") and body == b"ok"


def test_responses_are_not_held_back_by_nagle_with_several_workers() -> None:
    """With several workers uvicorn binds the socket itself (protocol 0, on which asyncio sets no TCP_NODELAY): each
    response would wait ~40 ms for the client's delayed ACK. Every connection gets TCP_NODELAY all the same."""
    with socket.socket(family=socket.AF_INET) as listening:  # as uvicorn's Config.bind_socket makes it
        listening.bind(("127.0.0.1", 0))
        with serving(listening) as server, socket.create_connection(listening.getsockname(), timeout=5) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(65536).startswith(b"HTTP/1.1 200")
            (connection,) = server.server_state.connections
            accepted = connection.transport.get_extra_info("socket")
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
