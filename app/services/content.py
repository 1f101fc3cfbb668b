"""Loading ``content/`` into the database, all or nothing.

``check`` validates every file (front matter, taxonomy codes, file naming, uniqueness, translations, sources,
internal links) and reports every problem with its file and field. ``load`` writes only when ``check`` found
nothing: new files are created, changed ones updated, unchanged ones left alone (loading twice changes
nothing), and resources whose file disappeared are archived.
"""

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.languages import LANGUAGES
from app.models import Resource, ResourceOrigin, ResourceStatus, ResourceType
from app.schemas.resource import ContentFrontMatter
from app.services.markdown import internal_links
from app.taxonomy import Taxonomies, TaxonomyError, load_taxonomies

RESOURCES_FOLDER = "resources"
TYPES_NEEDING_SOURCES = {
    ResourceType.risk_sheet,
    ResourceType.good_practice,
    ResourceType.legal_reference,
    ResourceType.methodology,
}
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ContentIssue:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ContentFile:
    path: str
    meta: ContentFrontMatter
    body: str

    @property
    def resource_id(self) -> str:
        return resource_id(self.meta.translation_key, self.meta.language)


@dataclass
class ContentReport:
    files: list[ContentFile] = field(default_factory=list)
    issues: list[ContentIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0


class ContentInvalid(Exception):
    def __init__(self, issues: list[ContentIssue]) -> None:
        super().__init__(f"{len(issues)} problem(s) in content; nothing was changed")
        self.issues = issues


def resource_id(translation_key: str, language: str) -> str:
    return f"{translation_key}.{language}"


def content_files(content_dir: Path) -> list[Path]:
    return sorted((content_dir / RESOURCES_FOLDER).rglob("*.md"))


def _relative(path: Path, content_dir: Path) -> str:
    return path.relative_to(content_dir).as_posix()


def read_document(path: Path, name: str) -> tuple[dict[str, Any], str] | list[ContentIssue]:
    """The front matter and Markdown body of one file in the content format, or why it cannot be read.
    Shared by the loader and ``crv push``."""
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [ContentIssue(name, "file", "is not UTF-8 text")]
    except yaml.YAMLError as exc:
        return [ContentIssue(name, "front matter", f"invalid YAML: {exc}".splitlines()[0])]
    return dict(post.metadata), post.content


def _parse(path: Path, content_dir: Path, taxonomies: Taxonomies) -> ContentFile | list[ContentIssue]:
    name = _relative(path, content_dir)
    document = read_document(path, name)
    if isinstance(document, list):
        return document
    metadata, content = document
    try:
        meta = ContentFrontMatter.model_validate(metadata, context={"taxonomies": taxonomies})
    except ValidationError as exc:
        return [
            ContentIssue(name, ".".join(str(p) for p in error["loc"]) or "front matter", error["msg"])
            for error in exc.errors()
        ]
    issues = []
    expected = f"{meta.translation_key}.{meta.language}.md"
    if path.name != expected:
        issues.append(ContentIssue(name, "file name", f"must be {expected!r} to match translation_key and language"))
    if meta.type in TYPES_NEEDING_SOURCES and not meta.sources:
        issues.append(ContentIssue(name, "sources", f"a {meta.type} must cite at least one source with a URL"))
    if not content.strip():
        issues.append(ContentIssue(name, "body", "is empty"))
    return issues or ContentFile(path=name, meta=meta, body=content.strip() + "\n")


def check(content_dir: Path, progress: Progress | None = None) -> ContentReport:
    """Validate the whole tree; never touches the database."""
    report = ContentReport()
    try:
        taxonomies = load_taxonomies(content_dir)
    except TaxonomyError as exc:
        report.issues.append(ContentIssue("taxonomies", "file", str(exc)))
        return report
    paths = content_files(content_dir)
    if not paths:
        report.issues.append(ContentIssue(RESOURCES_FOLDER, "folder", f"no Markdown file under {content_dir}"))
    for path in paths:
        parsed = _parse(path, content_dir, taxonomies)
        if isinstance(parsed, ContentFile):
            report.files.append(parsed)
        else:
            report.issues.extend(parsed)
        if progress:
            progress(1)
    report.issues.extend(_cross_file_issues(report.files))
    return report


def _cross_file_issues(files: list[ContentFile]) -> Iterable[ContentIssue]:
    by_id: dict[str, list[ContentFile]] = defaultdict(list)
    for item in files:
        by_id[item.resource_id].append(item)
    for duplicates in by_id.values():
        for item in duplicates[1:]:
            yield ContentIssue(
                item.path, "translation_key", f"{item.resource_id} is also defined in {duplicates[0].path}"
            )
    slugs = Counter((f.meta.language, f.meta.slug) for f in files)
    for item in files:
        if slugs[(item.meta.language, item.meta.slug)] > 1:
            yield ContentIssue(item.path, "slug", f"{item.meta.slug!r} is used by another {item.meta.language} file")
    languages: dict[str, set[str]] = defaultdict(set)
    for item in files:
        languages[item.meta.translation_key].add(item.meta.language)
    for item in files:
        missing = set(LANGUAGES) - languages[item.meta.translation_key]
        if missing:
            yield ContentIssue(item.path, "language", f"no translation in {', '.join(sorted(missing))}")
        for target in internal_links(item.body):
            if target not in languages:
                yield ContentIssue(item.path, "body", f"broken internal link crv:{target} (no such translation_key)")


def _digest(item: ContentFile) -> str:
    data = item.meta.model_dump(mode="json") | {"body": item.body}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _apply(resource: Resource, item: ContentFile, digest: str) -> None:
    meta = item.meta
    values: dict[str, Any] = meta.model_dump(mode="python", exclude={"translation_key", "language", "updated_at"})
    values["sources"] = [source.model_dump(mode="json") for source in meta.sources]
    values["updated_at"] = meta.updated_at or meta.published_at
    for name, value in values.items():
        setattr(resource, name, value)
    resource.body = item.body
    resource.source_path = item.path
    resource.content_hash = digest


def load(session: Session, content_dir: Path, progress: Progress | None = None) -> LoadReport:
    report = check(content_dir, progress)
    if not report.ok:
        raise ContentInvalid(report.issues)
    existing = {r.id: r for r in session.scalars(select(Resource).where(Resource.origin == ResourceOrigin.content))}
    result = LoadReport()
    for item in report.files:
        digest = _digest(item)
        resource = existing.pop(item.resource_id, None)
        if resource is None:
            resource = Resource(
                id=item.resource_id,
                translation_key=item.meta.translation_key,
                language=item.meta.language,
                origin=ResourceOrigin.content,
            )
            _apply(resource, item, digest)
            session.add(resource)
            result.created += 1
        elif resource.content_hash != digest:
            _apply(resource, item, digest)
            result.updated += 1
        else:
            result.unchanged += 1
    for gone in existing.values():
        if gone.status != ResourceStatus.archived:
            gone.status = ResourceStatus.archived
            gone.content_hash = None
            result.archived += 1
    session.flush()
    return result
