"""uvicorn's HTTP/1.1 protocol, answering requests it cannot parse with RFC 9457 problem+json, and without
Nagle's delay.

A request line holding raw bytes above 0x7F (``GET /v1/search?q=café`` sent unencoded), or any other request
h11 refuses, never reaches the application: uvicorn answers it itself, in plain text. This subclass answers the
same 400 as the application answers everything else.

With several workers uvicorn binds the listening socket itself (``socket.socket(family)``, protocol 0) and asyncio's
event loop sets ``TCP_NODELAY`` only on connections of a socket whose protocol is ``IPPROTO_TCP``: every response,
written as headers then body, then waited ~40 ms for the client's delayed ACK (Nagle), at any load — 44 ms a
request at concurrency 1 with 2 workers, 1 ms with one. The protocol sets it on every connection itself.
"""

import asyncio
import json
import socket

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

PROBLEM = {
    "type": "/problems/bad-request",
    "title": "Bad request",
    "status": 400,
    "detail": "The request could not be read: percent-encode non-ASCII characters in the URL (é is %C3%A9) and "
    "send well-formed HTTP/1.1.",
}


class ProblemH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(PROBLEM).encode()
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        self.transport.write(self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")))
        self.transport.write(self.conn.send(h11.Data(data=body)))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()
