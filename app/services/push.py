"""``crv push``: a partner publishes Markdown files in the content format (docs/content-format.md) through the
write API, with any ``httpx.Client`` (a real server, or the app in tests).

For each file: read it with the content loader's parser; ``GET /v1/my/resources/{id}``; create the resource if
the organisation has none with that id, else replace it (``PUT`` with ``If-Match``, a no-op when nothing changed);
then make its documents those its front matter lists, if it lists any (:mod:`.push_documents`); then submit it
for review unless ``draft``. ``publisher``, the dates and ``status`` of the front matter are set by
the server and ignored here. Files are independent: one failing does not stop the others.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from app.services import push_documents
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


@dataclass(frozen=True, slots=True)
class Pushed:
    """What one file sends: the resource's id, its JSON body, its documents (None: it lists none) and their
    problems, found here (nothing is sent while there are some)."""

    resource_id: str
    data: dict[str, Any]
    documents: list[push_documents.Listed] | None
    problems: list[str]


def payload_of(path: Path) -> Pushed:
    """What one file sends, its documents checked here; PushError when the file cannot be read."""
    document = read_document(path, str(path))
    if isinstance(document, list):
        raise PushError([str(issue) for issue in document])
    if not document.body.strip():
        raise PushError([f"{path}:{document.body_line}:1: body: is empty"])
    data = draft_payload(document, path.name)
    translation_key, language = data.get("translation_key"), data.get("language")
    if not translation_key or not language:
        raise PushError(["translation_key, language: needed in the front matter (or a <key>.<language>.md name)"])
    documents, problems = push_documents.listed(document.metadata, path)
    problems += push_documents.check(documents or [], str(language))
    return Pushed(f"{translation_key}.{language}", json.loads(json.dumps(data, default=str)), documents, problems)


def check_file(client: httpx.Client, path: Path) -> PushResult:
    """``crv push --check``: the server validates the file as a push would, its documents are checked here (they
    exist, within the centre's default limits, in a format it accepts), and nothing is written."""
    result = PushResult(path=str(path))
    try:
        pushed = payload_of(path)
        result.resource_id = pushed.resource_id
        checked = client.post("/v1/resources/check", json=pushed.data)
        result.errors.extend(pushed.problems)  # with the server's, all at once
        if checked.status_code != 200:
            raise _problem(checked, "check")
        if not pushed.problems:
            result.actions.append(f"valid ({checked.json()['action']})")
    except PushError as exc:
        result.errors.extend(exc.messages)
    except httpx.HTTPError as exc:
        result.errors.append(f"cannot reach the server: {exc}")
    return result


def push_file(client: httpx.Client, path: Path, *, draft: bool = False) -> PushResult:
    result = PushResult(path=str(path))
    try:
        pushed = payload_of(path)
        resource_id, data = pushed.resource_id, pushed.data
        result.resource_id = resource_id
        if pushed.problems:
            raise PushError(pushed.problems)
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
        if pushed.documents is not None:
            written, done = push_documents.sync(client, resource_id, written, pushed.documents)
            result.actions.extend(done)
        state = written.json()["revision"]["state"]
        if draft or state != "draft":
            result.actions.append({"submitted": "awaiting review", "published": "published"}.get(state, state))
            return result
        submitted = client.post(f"/v1/resources/{resource_id}/submit", headers={"If-Match": written.headers["ETag"]})
        if submitted.status_code != 200:
            raise _problem(submitted, "submit")
        result.actions.append("submitted")
    except push_documents.Refused as exc:
        result.errors.extend(_problem(exc.response, exc.doing).messages)
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
