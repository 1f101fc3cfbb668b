"""``crv content check`` on any files and folders: the content tree's own rules for files under ``content/``, and
the write API's rules for drafts kept anywhere else (the files ``crv push`` sends).

A draft is a file in the content format without the fields the server sets (``publisher``, dates, ``status``);
its ``translation_key`` and ``language`` may come from its name (``<key>.<language>.md``) and its ``slug`` is
optional (derived from the title on creation). Every problem of every file is reported in one pass, each at its
``file:line:column``. The taxonomies are those of ``content/`` or, with ``--server``, those the server uses.
"""

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
from pydantic import ValidationError

from app.schemas.publishing import ResourceCreate
from app.services import content
from app.services.content import ContentIssue, ContentReport
from app.services.resource_files import Document
from app.services.validation import sources_error
from app.taxonomy import Taxonomies, TaxonomyName, Term

SERVER_MANAGED = frozenset({"publisher", "published_at", "updated_at", "status"})
SENT_APART = "documents"  # files beside the draft, which `crv push` sends one by one (app.services.push_documents)
FILE_NAME = re.compile(r"^(?P<key>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2})\.md$")


def draft_payload(document: Document, file_name: str) -> dict[str, Any]:
    """The write API's body for a draft file: its front matter without the server's fields, the identity taken
    from the file name when the front matter does not say it, and the body."""
    metadata = document.metadata
    named = FILE_NAME.match(file_name)
    data = {k: v for k, v in metadata.items() if k not in SERVER_MANAGED and k != SENT_APART}
    if named:
        data.setdefault("translation_key", named.group("key"))
        data.setdefault("language", named.group("language"))
    data["body"] = document.body.strip() + "\n"
    return data


def check_draft(path: Path, name: str, taxonomies: Taxonomies) -> list[ContentIssue]:
    """Every problem of one draft file, with the rules of the write API (``POST /v1/resources``)."""
    document = content.read_document(path, name)
    if isinstance(document, list):
        return document
    issues = content.body_issues(name, document)
    payload = draft_payload(document, path.name)
    try:
        ResourceCreate.model_validate(payload, context={"taxonomies": taxonomies})
    except ValidationError as exc:
        issues = content.validation_issues(name, document, exc, taxonomies) + issues
    missing = sources_error(payload.get("type"), payload.get("sources"))
    if missing is not None:
        issues.append(content.issue_at(name, document, ("type",), missing.field, missing.message))
    key, language = document.metadata.get("translation_key"), document.metadata.get("language")
    if isinstance(key, str) and isinstance(language, str) and FILE_NAME.match(path.name):
        expected = f"{key}.{language}.md"
        if path.name != expected:
            message = f"must be {expected!r} to match translation_key and language"
            issues.append(content.issue_at(name, document, ("translation_key",), "file name", message))
    elif not FILE_NAME.match(path.name) and not (isinstance(key, str) and isinstance(language, str)):
        issues.append(
            content.ContentIssue(
                name, "translation_key", "needed in the front matter (or a <key>.<language>.md name)", 1, 1
            )
        )
    return sorted(issues, key=lambda i: (i.line or 0, i.column or 0))


def _is_content_tree(folder: Path) -> bool:
    return (folder / "taxonomies").is_dir() and (folder / content.RESOURCES_FOLDER).is_dir()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def check_paths(paths: Iterable[Path], content_dir: Path, taxonomies: Taxonomies) -> ContentReport:
    """Check files and folders: a whole content tree with its cross-file rules; files under
    ``content_dir/resources`` with the content rules; any other file as a draft."""
    report = ContentReport()
    resources = content_dir / content.RESOURCES_FOLDER
    for path in paths:
        if path.is_dir() and _is_content_tree(path):
            tree = content.check(path)
            report.files.extend(tree.files)
            report.issues.extend(tree.issues)
            continue
        if path.is_dir():
            files = sorted(path.rglob("*.md"))
            if not files:
                report.issues.append(ContentIssue(str(path), "folder", "holds no Markdown (.md) file"))
        elif path.is_file():
            files = [path]
        else:
            report.issues.append(ContentIssue(str(path), "file", "does not exist"))
            continue
        for file in files:
            if _inside(file, resources):
                parsed = content.parse_file(file, str(file), taxonomies)
                if isinstance(parsed, content.ContentFile):
                    report.files.append(parsed)
                else:
                    report.issues.extend(parsed)
            else:
                report.issues.extend(check_draft(file, str(file), taxonomies))
    return report


def fetch_taxonomies(client: httpx.Client) -> Taxonomies:
    """The taxonomies a server validates against (``GET /v1/taxonomies/{name}``)."""
    vocabularies: dict[TaxonomyName, dict[str, Term]] = {}
    for name in TaxonomyName:
        response = client.get(f"/v1/taxonomies/{name}")
        response.raise_for_status()
        vocabularies[name] = {
            term["code"]: Term(
                code=term["code"],
                fr=term["labels"]["fr"],
                en=term["labels"]["en"],
                synonyms=tuple(term.get("synonyms") or ()),
                group=term.get("group"),
            )
            for term in response.json()["terms"]
        }
    return Taxonomies(vocabularies=vocabularies, free_synonyms=())
