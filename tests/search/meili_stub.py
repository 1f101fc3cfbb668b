"""A scripted stand-in for Meilisearch's HTTP API, served on 127.0.0.1 for tests that need no real server.

It fakes the *third-party* server at the HTTP level only, so the real client, its timeouts and its error
handling all run. It does not search: each test scripts the answers it needs (``on``) and reads what the client
sent (``requests``). Task routes follow the real protocol: writes answer ``202`` with an enqueued task, and
``GET /tasks/<uid>`` reports the outcome the test chose (succeeded by default).
"""

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ENQUEUED_AT = "2026-01-01T00:00:00.000000Z"


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    delay: float = 0.0


@dataclass
class TaskOutcome:
    status: str = "succeeded"
    error: dict[str, str] | None = None


def api_error(code: str, message: str = "", error_type: str = "invalid_request") -> dict[str, str]:
    return {"message": message or code, "code": code, "type": error_type, "link": f"https://docs/{code}"}


@dataclass
class StubMeili:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    scripted: dict[tuple[str, str], list[Reply]] = field(default_factory=dict)
    existing_indexes: set[str] = field(default_factory=set)
    # Index uid -> its primary key when not ours ("key"), as an index made by another application would have.
    primary_keys: dict[str, str | None] = field(default_factory=dict)
    # Task type -> outcome of the tasks of that type (default: succeeded).
    task_outcomes: dict[str, TaskOutcome] = field(default_factory=dict)
    tasks: dict[int, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on(self, method: str, path: str, *replies: Reply) -> None:
        """Answer ``method path`` with ``replies`` in turn (the last one repeats)."""
        self.scripted[(method, path)] = list(replies)

    def calls(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        return [r for r in self.requests if (method in (None, r.method)) and (path in (None, r.path))]

    def route_log(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.requests if not r.path.startswith("/tasks/")]

    # -- behaviour -------------------------------------------------------------------------------------------
    def _enqueue(self, task_type: str, index_uid: str | None) -> Reply:
        with self.lock:
            uid = len(self.tasks) + 1
            outcome = self.task_outcomes.get(task_type, TaskOutcome())
            self.tasks[uid] = {
                "uid": uid,
                "indexUid": index_uid,
                "status": outcome.status,
                "type": task_type,
                "error": outcome.error,
                "enqueuedAt": ENQUEUED_AT,
            }
        return Reply(
            202,
            {"taskUid": uid, "indexUid": index_uid, "status": "enqueued", "type": task_type, "enqueuedAt": ENQUEUED_AT},
        )

    def respond(self, method: str, path: str, body: Any) -> Reply:
        script = self.scripted.get((method, path))
        if script:
            return script.pop(0) if len(script) > 1 else script[0]
        parts = path.strip("/").split("/")
        if method == "GET" and path == "/health":
            return Reply(200, {"status": "available"})
        if method == "GET" and parts[0] == "tasks" and len(parts) == 2:
            task = self.tasks.get(int(parts[1]))
            return Reply(200, task) if task else Reply(404, api_error("task_not_found"))
        if parts[0] == "indexes":
            return self._index_route(method, parts, body)
        if method == "POST" and path == "/swap-indexes":
            return self._enqueue("indexSwap", None)
        return Reply(404, api_error("not_found", f"stub has no route {method} {path}"))

    def _index_route(self, method: str, parts: list[str], body: Any) -> Reply:
        if len(parts) == 1:
            if method == "GET":
                return Reply(200, {"results": [{"uid": uid} for uid in sorted(self.existing_indexes)]})
            self.existing_indexes.add(body["uid"])
            return self._enqueue("indexCreation", body["uid"])
        uid = parts[1]
        if len(parts) == 2:
            if method == "DELETE":
                self.existing_indexes.discard(uid)
                return self._enqueue("indexDeletion", uid)
            if uid in self.existing_indexes:
                primary_key = self.primary_keys.get(uid, "key")
                index = {"uid": uid, "primaryKey": primary_key, "createdAt": ENQUEUED_AT, "updatedAt": ENQUEUED_AT}
                return Reply(200, index)
            return Reply(404, api_error("index_not_found", f"Index `{uid}` not found."))
        tail = "/".join(parts[2:])
        kinds = {
            ("PATCH", "settings"): "settingsUpdate",
            ("POST", "documents"): "documentAdditionOrUpdate",
            ("POST", "documents/delete"): "documentDeletion",
            ("POST", "documents/delete-batch"): "documentDeletion",
        }
        if (method, tail) in kinds:
            return self._enqueue(kinds[(method, tail)], uid)
        if method == "GET" and tail == "stats":
            return Reply(200, {"numberOfDocuments": 12, "isIndexing": False, "fieldDistribution": {}})
        return Reply(404, api_error("not_found", f"stub has no route {method} /indexes/{uid}/{tail}"))


def _handler(stub: StubMeili) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            stub.requests.append(
                Recorded(self.command, split.path, parse_qs(split.query), body, dict(self.headers.items()))
            )
            reply = stub.respond(self.command, split.path, body)
            if reply.delay:
                time.sleep(reply.delay)
            payload = b"" if reply.body is None else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                pass

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def serve_stub() -> Iterator[StubMeili]:
    stub = StubMeili()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), name="meili-stub", daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
