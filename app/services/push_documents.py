"""The documents of a file ``crv push`` sends: its front matter's ``documents:`` (each a path relative to the
Markdown file, or ``{path, title, language}``), checked on this machine with the portal's rules
(:func:`app.services.attachments.plan`) and made the resource's with the write API, one file a request.

A file without ``documents:`` leaves its resource's documents alone (they may be the portal's); with it, the list
is the whole truth: a document the server has and the list does not is removed, one whose bytes (SHA-256), title
or language differ is sent again, the others are left as they are.
"""

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx

from app.config import Settings
from app.services import attachments
from app.services.drafts import SENT_APART as KEY

# The centre's default limits: a server may set others (CRV_ATTACHMENT_MAX_*), and says so when it refuses a file.
LIMITS: Final = attachments.Limits(
    int(Settings.model_fields["attachment_max_bytes"].default),
    int(Settings.model_fields["attachment_max_count"].default),
)
SHAPE: Final = "a path, or {path, title, language}"


@dataclass(frozen=True, slots=True)
class Listed:
    """A document the front matter lists: its file, and the title and language it asks (empty: the server's)."""

    path: Path
    title: str = ""
    language: str = ""


def listed(metadata: Mapping[str, Any], markdown: Path) -> tuple[list[Listed] | None, list[str]]:
    """The documents of a file's front matter (None: it lists none) and the problems of the list's shape."""
    if KEY not in metadata:
        return None, []
    raw = metadata[KEY] or []
    if not isinstance(raw, list):
        return [], [f"{KEY}: must be a list, each {SHAPE}"]
    found: list[Listed] = []
    problems: list[str] = []
    for number, item in enumerate(raw):
        spec = {"path": item} if isinstance(item, str) else item
        if not isinstance(spec, dict) or not isinstance(spec.get("path"), str) or not spec["path"].strip():
            problems.append(f"{KEY}[{number}]: must be {SHAPE}")
            continue
        title, language = spec.get("title") or "", spec.get("language") or ""
        found.append(Listed(markdown.parent / spec["path"].strip(), str(title), str(language)))
    return found, problems


def check(documents: Sequence[Listed], language: str) -> list[str]:
    """Every problem of the listed documents, one line each, as the server would say it (with its default limits)."""
    problems: list[str] = []
    rows: list[attachments.Row] = []
    for document in documents:
        if not document.path.is_file():
            problems.append(f"{KEY}: {document.path}: no such file")
            continue
        size = document.path.stat().st_size
        if size > LIMITS.max_bytes:  # never read: said as the server would
            sizes = {"size": attachments.size_text(size, "en"), "limit": attachments.size_text(LIMITS.max_bytes, "en")}
            problems.append(f"{KEY}: {document.path}: {attachments.TOO_LARGE.format(**sizes)}")
            continue
        upload = attachments.Upload(document.path.name, document.path.read_bytes())
        rows.append(attachments.Row(title=document.title, language=document.language, upload=upload))
    names = [str(row.upload.name) for row in rows if row.upload is not None]
    for error in attachments.plan(rows, [], language, LIMITS, "en").errors:
        number = int(error.field.split(".")[1])
        problems.append(f"{KEY}: {names[number]}: {error.message}")
    return problems


class Refused(Exception):
    """The server refused a document's change: its answer, and what was being done."""

    def __init__(self, response: httpx.Response, doing: str) -> None:
        super().__init__(doing)
        self.response, self.doing = response, doing


def sync(
    client: httpx.Client, resource_id: str, written: httpx.Response, documents: Sequence[Listed]
) -> tuple[httpx.Response, list[str]]:
    """Make the resource's documents ``documents`` (checked already): the last answer (its ETag and state) and what
    was done; :class:`Refused` when the server says no."""
    done: list[str] = []
    base = f"/v1/my/resources/{resource_id}/{attachments.REVISION_SEGMENT}"
    wanted = {document.path.name: (document, document.path.read_bytes()) for document in documents}
    on_server = {str(entry["filename"]): entry for entry in written.json()["attachments"]}
    keep: set[str] = set()
    to_send: list[tuple[Listed, bytes]] = []
    for name, (document, content) in wanted.items():
        entry = _matching(on_server, name, content)
        if entry is not None:
            keep.add(str(entry["filename"]))
        if entry is None or not _same(entry, document, content):
            to_send.append((document, content))
    for filename in [name for name in on_server if name not in keep]:  # first: room for the new ones
        written = _ok(client.delete(f"{base}/{filename}", headers={"If-Match": written.headers["ETag"]}), filename)
        done.append(f"removed {filename}")
    for document, content in to_send:
        params = {"title": document.title, "language": document.language}
        headers = {"If-Match": written.headers["ETag"], "Content-Type": "application/octet-stream"}
        sent = {k: v for k, v in params.items() if v}
        answer = client.put(f"{base}/{document.path.name}", content=content, params=sent, headers=headers)
        written = _ok(answer, document.path.name)
        done.append(f"{'added' if written.status_code == 201 else 'replaced'} {document.path.name}")
    return written, done


def _matching(on_server: Mapping[str, Mapping[str, Any]], name: str, content: bytes) -> Mapping[str, Any] | None:
    """The server's document a local file is, by the name the server gave it (as the API finds it)."""
    if name in on_server:
        return on_server[name]
    fmt = attachments.sniff(content)
    return on_server.get(attachments.filename_for(name, fmt)) if fmt is not None else None


def _same(entry: Mapping[str, Any], document: Listed, content: bytes) -> bool:
    return (
        entry["sha256"] == hashlib.sha256(content).hexdigest()
        and (not document.title or entry["title"] == " ".join(document.title.split()))
        and (not document.language or entry["language"] == document.language)
    )


def _ok(response: httpx.Response, name: str) -> httpx.Response:
    if not response.is_success:
        raise Refused(response, f"{KEY}: {name}")
    return response
