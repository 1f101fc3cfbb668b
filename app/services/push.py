"""``crv push``: a partner publishes Markdown files in the content format (docs/content-format.md) through the
write API, with any ``httpx.Client`` (a real server, or the app in tests).

For each file: read it with the content loader's parser; ``GET /v1/my/resources/{id}``; create the resource if
the organisation has none with that id, else replace it (``PUT`` with ``If-Match``, a no-op when nothing changed);
then submit it for review unless ``draft``. ``publisher``, the dates and ``status`` of the front matter are set by
the server and ignored here. Files are independent: one failing does not stop the others.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from app.services.content import read_document
from app.services.drafts import SERVER_MANAGED, draft_payload

__all__ = ["SERVER_MANAGED", "PushError", "PushResult", "check_file", "make_client", "push_file", "push_files"]


@dataclass
class PushResult:
    path: str
    resource_id: str | None = None
    actions: list[str] = field(default_factory=list)  # created, updated, unchanged, submitted, …
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class PushError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def problem_detail(response: httpx.Response) -> str:
    """What a failed answer says: the ``detail`` of its problem+json, else the body as text."""
    try:
        problem = response.json()
    except ValueError:
        return response.text
    return str(problem.get("detail", response.text)) if isinstance(problem, dict) else response.text


def _problem(response: httpx.Response, doing: str) -> PushError:
    """A server's problem+json as lines a person can act on."""
    try:
        problem = response.json()
    except ValueError:
        return PushError([f"{doing}: HTTP {response.status_code}"])
    if not isinstance(problem, dict):
        return PushError([f"{doing}: HTTP {response.status_code}"])
    fields = [f"{e.get('field')}: {e.get('message')}" for e in problem.get("errors") or [] if isinstance(e, dict)]
    if response.status_code == 422 and fields:  # one line per invalid field
        return PushError(fields)
    detail = str(problem.get("detail") or problem.get("title") or "")
    return PushError([f"{doing}: {response.status_code} {detail}".rstrip()])


def payload_of(path: Path) -> tuple[str, dict[str, Any]]:
    """The resource id and the JSON body for one file; PushError when the file cannot be read."""
    document = read_document(path, str(path))
    if isinstance(document, list):
        raise PushError([str(issue) for issue in document])
    if not document.body.strip():
        raise PushError([f"{path}:{document.body_line}:1: body: is empty"])
    data = draft_payload(document, path.name)
    translation_key, language = data.get("translation_key"), data.get("language")
    if not translation_key or not language:
        raise PushError(["translation_key, language: needed in the front matter (or a <key>.<language>.md name)"])
    return f"{translation_key}.{language}", json.loads(json.dumps(data, default=str))


def check_file(client: httpx.Client, path: Path) -> PushResult:
    """``crv push --check``: the server validates the file as a push would, and writes nothing."""
    result = PushResult(path=str(path))
    try:
        resource_id, data = payload_of(path)
        result.resource_id = resource_id
        checked = client.post("/v1/resources/check", json=data)
        if checked.status_code != 200:
            raise _problem(checked, "check")
        result.actions.append(f"valid ({checked.json()['action']})")
    except PushError as exc:
        result.errors.extend(exc.messages)
    except httpx.HTTPError as exc:
        result.errors.append(f"cannot reach the server: {exc}")
    return result


def push_file(client: httpx.Client, path: Path, *, draft: bool = False) -> PushResult:
    result = PushResult(path=str(path))
    try:
        resource_id, data = payload_of(path)
        result.resource_id = resource_id
        current = client.get(f"/v1/my/resources/{resource_id}")
        if current.status_code == 404:
            written = client.post("/v1/resources", json=data)
            if written.status_code != 201:
                raise _problem(written, "create")
            result.actions.append("created")
        elif current.status_code == 200:
            written = client.put(
                f"/v1/resources/{resource_id}", json=data, headers={"If-Match": current.headers["ETag"]}
            )
            if written.status_code != 200:
                raise _problem(written, "update")
            changed = written.json()["version"] != current.json()["version"]
            result.actions.append("updated" if changed else "unchanged")
        else:
            raise _problem(current, "read")
        state = written.json()["revision"]["state"]
        if draft or state != "draft":
            result.actions.append({"submitted": "awaiting review", "published": "published"}.get(state, state))
            return result
        submitted = client.post(f"/v1/resources/{resource_id}/submit", headers={"If-Match": written.headers["ETag"]})
        if submitted.status_code != 200:
            raise _problem(submitted, "submit")
        result.actions.append("submitted")
    except PushError as exc:
        result.errors.extend(exc.messages)
    except httpx.HTTPError as exc:  # never includes the key: it travels in a header
        result.errors.append(f"cannot reach the server: {exc}")
    return result


def push_files(
    client: httpx.Client, paths: Iterable[Path], *, draft: bool = False, check: bool = False
) -> list[PushResult]:
    if check:
        return [check_file(client, path) for path in paths]
    return [push_file(client, path, draft=draft) for path in paths]


def make_client(server: str, key: str, timeout: float = 30.0) -> httpx.Client:
    return httpx.Client(
        base_url=server.rstrip("/"),
        headers={"Authorization": f"Bearer {key}", "User-Agent": "crv-push"},
        timeout=timeout,
    )
