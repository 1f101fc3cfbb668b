"""uvicorn's HTTP/1.1 protocol, answering requests it cannot parse with RFC 9457 problem+json.

A request line holding raw bytes above 0x7F (``GET /v1/search?q=café`` sent unencoded), or any other request
h11 refuses, never reaches the application: uvicorn answers it itself, in plain text. This subclass answers the
same 400 as the application answers everything else.
"""

import json

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
