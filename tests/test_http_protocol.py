"""Requests uvicorn cannot parse are answered as problem+json, like everything else."""

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from app.http_protocol import ProblemH11Protocol


async def ok_app(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = int(probe.getsockname()[1])
    config = uvicorn.Config(ok_app, host="127.0.0.1", port=free, http=ProblemH11Protocol, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield free
    server.should_exit = True
    thread.join(5)


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
