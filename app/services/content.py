"""Loading ``content/`` into the database, all or nothing.

``check`` validates every file (front matter, taxonomy codes, file naming, uniqueness, translations, sources,
internal links) and reports every problem with its file and field. ``load`` writes only when ``check`` found
nothing: new files are created, changed ones updated, unchanged ones left alone (loading twice changes
nothing), and resources whose file disappeared are archived.
"""

import functools
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.languages import LANGUAGES
from app.models import Resource, ResourceOrigin, ResourceStatus
from app.models.resource import resource_id
from app.schemas.resource import TAXONOMY_FIELDS, ContentFrontMatter, unstated
from app.services import content_hints, former_slugs, glossary, tool_steps, typography
from app.services import resource_files as documents
from app.services.publishing.identity import draft_in_the_way, move_aside
from app.services.resource_files import Document
from app.services.validation import body_error, sources_error
from app.taxonomy import TAXONOMY_FILES, Taxonomies, TaxonomyError, load_taxonomies
from app.yaml_loader import SAFE_LOADER

RESOURCES_FOLDER = "resources"
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ContentIssue:
    path: str
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """``file:line:column: field: message``, as compilers and editors expect."""
        where = f"{self.path}:{self.line}:{self.column or 1}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ContentFile:
    path: str
    meta: ContentFrontMatter
    body: str
    line_of: dict[str, int] = field(default_factory=dict, compare=False)

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


def content_files(content_dir: Path) -> list[Path]:
    return sorted((content_dir / RESOURCES_FOLDER).rglob("*.md"))


def _relative(path: Path, content_dir: Path) -> str:
    return path.relative_to(content_dir).as_posix()


def read_document(path: Path, name: str) -> Document | list[ContentIssue]:
    """The front matter (with the position of every key) and Markdown body of one file in the content format, or
    why it cannot be read. Shared by the loader, ``crv content check`` and ``crv push``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [ContentIssue(name, "file", "is not UTF-8 text", 1, 1)]
    except OSError as exc:
        return [ContentIssue(name, "file", f"cannot be read: {exc.strerror}")]
    document = documents.read(text)
    if isinstance(document, documents.DocumentProblem):
        where = document.position
        if (advice := content_hints.yaml_advice(text)) is not None:  # the mistake in plain words, and its fix
            return [ContentIssue(name, document.field, advice.message, advice.line, advice.column)]
        return [ContentIssue(name, document.field, document.message, where.line, where.column)]
    return document


def issue_at(
    name: str, document: Document, location: tuple[str | int, ...], field_name: str, message: str
) -> ContentIssue:
    where = document.positions.get((*location, "=")) or document.position_of(location)
    return ContentIssue(name, field_name, message, where.line, where.column)


def validation_issues(
    name: str, document: Document, exc: ValidationError, taxonomies: Taxonomies | None
) -> list[ContentIssue]:
    """Every error of a schema validation, each at the position of its key (or of the first unknown code)."""
    issues = []
    for error in exc.errors():
        location = tuple(error["loc"])
        if location and location[0] in TAXONOMY_FIELDS and taxonomies is not None and len(location) == 1:
            values = document.metadata.get(str(location[0]))
            vocabulary = taxonomies[TAXONOMY_FIELDS[str(location[0])]]
            if isinstance(values, list):
                bad = next((i for i, v in enumerate(values) if str(v).upper() not in vocabulary), None)
                if bad is not None and str(values[bad]) not in vocabulary:
                    location = (*location, bad)
        field_name = ".".join(str(p) for p in error["loc"]) or "front matter"
        typed = _typed(document.metadata, tuple(error["loc"]))
        plain = content_hints.field_message(error, typed, taxonomies, ContentFrontMatter.model_fields)
        message = plain or error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            where = document.position_of(location[:-1])  # a source's missing url: at that source
            issues.append(ContentIssue(name, field_name, plain or "is required", where.line, where.column))
        else:
            issues.append(issue_at(name, document, location, field_name, message))
    return issues


def _typed(metadata: object, location: tuple[str | int, ...]) -> object:
    """The value at ``location`` in the front matter as typed (None where there is none)."""
    for step in location:
        if isinstance(metadata, dict) and isinstance(step, str):
            metadata = metadata.get(step)
        elif isinstance(metadata, list) and isinstance(step, int) and 0 <= step < len(metadata):
            metadata = metadata[step]
        else:
            return None
    return metadata


def body_issues(name: str, document: Document) -> list[ContentIssue]:
    error = body_error(document.body)
    return [ContentIssue(name, error.field, error.message, document.body_line, 1)] if error else []


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def typography_issues(name: str, text: str) -> list[ContentIssue]:
    """Where a French file first departs from French typography (``typography.french_markdown``)."""
    typeset = typography.french_markdown(text)
    if typeset == text:
        return []
    offset = typography.first_difference(text, typeset)
    message = (
        f"is not in French typography from {text[offset : offset + 12]!r}: ’ for ', a no-break space before : ; ! ? % "
        "and inside « »; `crv content typeset` rewrites the file"
    )
    return [ContentIssue(name, "typography", message, *_line_and_column(text, offset))]


def _french_mark_message(mark: typography.FrenchMark) -> str:
    return f"{mark.rule} in English, {mark.found!r}: write {mark.fix}"


def _sources_lines(document: Document) -> range:
    """The lines of the front matter's ``sources``: from its key to the next key, or to the closing ``---``."""
    start = document.positions.get(("sources",))
    if start is None:
        return range(0)
    later = [where.line for key, where in document.positions.items() if len(key) == 1 and where.line > start.line]
    return range(start.line, min(later, default=document.body_line - 1))


def english_typography_issues(name: str, document: Document) -> list[ContentIssue]:
    """Every place an English file is in French typography (``typography.french_marks``), each with its fix: they
    are set right by hand. Its sources are left out: a source's title is its publisher's, in its own language and
    typography — whole (``language: fr``) or in part (« Collectif « Ensemble contre la traite des êtres humains »,
    Ac.Sé »)."""
    cited = _sources_lines(document)
    issues = []
    for mark in typography.french_marks(document.text):
        line, column = _line_and_column(document.text, mark.offset)
        if line not in cited:
            issues.append(ContentIssue(name, "typography", _french_mark_message(mark), line, column))
    return issues


def _english_strings(node: yaml.Node) -> Iterable[yaml.ScalarNode]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode) and isinstance(key, yaml.ScalarNode) and key.value == "en":
                yield value
            else:
                yield from _english_strings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _english_strings(item)


def _english_label_issues(content_dir: Path) -> Iterable[ContentIssue]:
    """The English labels (``en:``) of the taxonomies and of the tools page's steps in French typography; their
    synonyms are in any language, and are not checked."""
    files = [Path("taxonomies", file) for file in TAXONOMY_FILES] + [Path(tool_steps.TOOL_STEPS_FILE)]
    for file in files:
        try:
            text = (content_dir / file).read_text(encoding="utf-8")
        except OSError:
            continue  # a file missing or unreadable is reported by the check that reads it
        yield from _english_label_issues_in(file.as_posix(), text)


@functools.lru_cache(maxsize=32)
def _english_label_issues_in(name: str, text: str) -> tuple[ContentIssue, ...]:
    """The issues of one file's text, kept: composing the taxonomies' YAML is most of a small corpus's load (each
    test loads one), and their text rarely changes."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return ()  # reported by the check that reads the file
    return tuple(
        ContentIssue(name, "en", _french_mark_message(mark), value.start_mark.line + 1, value.start_mark.column + 1)
        for value in (_english_strings(node) if node is not None else ())
        for mark in typography.french_marks(value.value)
    )


def typeset(paths: Iterable[Path]) -> list[Path]:
    """Rewrite the French files among ``paths`` (``*.fr.md``) in French typography; the files it changed."""
    changed = []
    for path in paths:
        if path.name.endswith(".fr.md"):
            text = path.read_text(encoding="utf-8")
            if (typeset_text := typography.french_markdown(text)) != text:
                path.write_text(typeset_text, encoding="utf-8")
                changed.append(path)
    return changed


def _parse(path: Path, content_dir: Path, taxonomies: Taxonomies) -> ContentFile | list[ContentIssue]:
    return parse_file(path, _relative(path, content_dir), taxonomies)


def parse_file(path: Path, name: str, taxonomies: Taxonomies) -> ContentFile | list[ContentIssue]:
    """One file of the content tree, shown as ``name`` in its problems."""
    document = read_document(path, name)
    if isinstance(document, list):
        return document
    metadata = document.metadata
    issues = body_issues(name, document)
    meta: ContentFrontMatter | None = None
    try:
        meta = ContentFrontMatter.model_validate(metadata, context={"taxonomies": taxonomies})
    except ValidationError as exc:
        issues = validation_issues(name, document, exc, taxonomies) + issues
    key, language = metadata.get("translation_key"), metadata.get("language")
    if isinstance(key, str) and isinstance(language, str):
        expected = f"{key}.{language}.md"
        if path.name != expected:
            message = content_hints.file_name_message(path.name, key, language)
            issues.append(issue_at(name, document, ("translation_key",), "file name", message))
    missing = sources_error(metadata.get("type"), metadata.get("sources"))
    if missing is not None:
        issues.append(issue_at(name, document, ("type",), missing.field, missing.message))
    for cut in content_hints.cut_by_comment(document):
        issues.append(ContentIssue(name, "front matter", cut.message, cut.line, cut.column))
    if language == "fr":
        issues += typography_issues(name, document.text)
    elif language == "en":
        issues += english_typography_issues(name, document)
    if issues or meta is None:
        return sorted(issues, key=lambda issue: (issue.line or 0, issue.column or 0))
    return ContentFile(
        path=name,
        meta=meta,
        body=document.body.strip() + "\n",
        line_of={
            "translation_key": document.position_of(("translation_key",)).line,
            "slug": document.position_of(("slug",)).line,
            "language": document.position_of(("language",)).line,
            # where ``body`` starts: the body without the blank lines it is stored without
            "body": document.body_line + document.body[: len(document.body) - len(document.body.lstrip())].count("\n"),
        },
    )


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
    unread: list[content_hints.Entry] = []  # files with problems of their own, as far as they can be read
    for path in paths:
        parsed = _parse(path, content_dir, taxonomies)
        if isinstance(parsed, ContentFile):
            report.files.append(parsed)
        else:
            report.issues.extend(parsed)
            name = _relative(path, content_dir)
            document = read_document(path, name)
            unread.extend(content_hints.entries(name, path.name, None if isinstance(document, list) else document))
        if progress:
            progress(1)
    report.issues.extend(_cross_file_issues([*map(_entry, report.files), *unread]))
    report.issues.extend(_tool_steps_issues(content_dir, report.files))
    resources = {(item.meta.translation_key, item.meta.language) for item in report.files}
    report.issues.extend(
        ContentIssue(glossary.GLOSSARY_FILE, *problem) for problem in glossary.problems(content_dir, resources)
    )
    report.issues.extend(_english_label_issues(content_dir))
    return report


def _tool_steps_issues(content_dir: Path, files: list[ContentFile]) -> Iterable[ContentIssue]:
    """The tools page's steps (:mod:`app.services.tool_steps`) name tools of the tree, each once."""
    try:
        steps = tool_steps.tool_steps(content_dir)
    except tool_steps.ToolStepsError as exc:
        yield ContentIssue(tool_steps.TOOL_STEPS_FILE, "file", str(exc))
        return
    tools = {item.meta.translation_key for item in files if item.meta.type == "tool"}
    named = Counter(key for step in steps for key in step.tools)
    for key, times in named.items():
        if key not in tools:
            yield ContentIssue(tool_steps.TOOL_STEPS_FILE, "tools", f"{key!r} is not the translation_key of a tool")
        elif times > 1:
            yield ContentIssue(tool_steps.TOOL_STEPS_FILE, "tools", f"{key!r} is in {times} steps: one is enough")


def _entry(item: ContentFile) -> content_hints.Entry:
    meta = item.meta
    return content_hints.Entry(item.path, meta.translation_key, meta.language, meta.slug, item.body, item.line_of)


def _cross_file_issues(entries: list[content_hints.Entry]) -> Iterable[ContentIssue]:
    """Duplicates, missing translations and broken links, among every file of the tree: those with problems of
    their own too, as far as they can be read (all of a file's problems at once; its translation not said missing,
    nor a link to it broken, for a fault of its own)."""
    by_id: dict[str, list[content_hints.Entry]] = defaultdict(list)
    for item in entries:
        by_id[resource_id(item.translation_key, item.language)].append(item)
    for id_, duplicates in by_id.items():
        for item in duplicates[1:]:
            message = f"{id_} is also defined in {duplicates[0].path}"
            yield ContentIssue(item.path, "translation_key", message, item.line_of.get("translation_key"))
    slugs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in entries:
        if item.slug is not None:
            slugs[(item.language, item.slug)].append(item.path)
    languages: dict[str, set[str]] = defaultdict(set)
    for item in entries:
        languages[item.translation_key].add(item.language)
    for item in entries:
        if item.slug is not None:
            if others := [path for path in slugs[(item.language, item.slug)] if path != item.path]:
                message = content_hints.duplicate_slug(item.slug, item.language, others)
                yield ContentIssue(item.path, "slug", message, item.line_of.get("slug"))
        missing = set(LANGUAGES) - languages[item.translation_key]
        if missing and item.language in LANGUAGES:
            message = content_hints.missing_translation(item.path, item.translation_key, missing)
            yield ContentIssue(item.path, "language", message, item.line_of.get("language"))
        for link in content_hints.broken_links(item.body, item.line_of.get("body", 1), languages):
            yield ContentIssue(item.path, "body", link.message, link.line, link.column)


def _digest(item: ContentFile) -> str:
    # A training module's facts count only when given: a file without them keeps the digest it had before they were
    # in the format, so adding them did not make every resource changed (a new version, the feeds' latest change).
    data = item.meta.model_dump(mode="json", exclude=unstated(item.meta)) | {"body": item.body}
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


def _publication_clashes(session: Session, files: list[ContentFile]) -> Iterable[ContentIssue]:
    """A file whose id or slug a partner's published resource already holds. A publication is never taken over
    by content/ (unlike a draft, which claims nothing): the file must change."""
    published = session.execute(
        select(Resource.id, Resource.translation_key, Resource.language, Resource.slug, Resource.publisher).where(
            Resource.claimed, Resource.origin != ResourceOrigin.content
        )
    ).all()
    by_key = {(row.translation_key, row.language): row for row in published}
    by_slug = {(row.language, row.slug): row for row in published}
    for item in files:
        meta = item.meta
        if (holder := by_key.get((meta.translation_key, meta.language))) is not None:
            message = f"{item.resource_id} is already published by {holder.publisher}: choose another translation_key"
            yield ContentIssue(item.path, "translation_key", message, item.line_of.get("translation_key"))
        if (holder := by_slug.get((meta.language, meta.slug))) is not None:
            message = f"{meta.slug!r} is the slug of {holder.id}, published by {holder.publisher}: choose another"
            yield ContentIssue(item.path, "slug", message, item.line_of.get("slug"))


def load(session: Session, content_dir: Path, progress: Progress | None = None) -> LoadReport:
    report = check(content_dir, progress)
    report.issues.extend(_publication_clashes(session, report.files))
    if not report.ok:
        raise ContentInvalid(report.issues)
    existing = {r.id: r for r in session.scalars(select(Resource).where(Resource.origin == ResourceOrigin.content))}
    # the partners' ids, read at once: a new file's id is looked up one by one only among them (a lookup a file
    # flushed the rows added before it, one INSERT at a time)
    partners = set(session.scalars(select(Resource.id).where(Resource.origin != ResourceOrigin.content)))
    result = LoadReport()
    for item in report.files:
        digest = _digest(item)
        resource = existing.pop(item.resource_id, None)
        if resource is None:
            if item.resource_id in partners and (draft := draft_in_the_way(session, item.resource_id)) is not None:
                move_aside(session, draft)  # a partner's draft claims nothing: it goes to its namespace, unnoticed
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
            former_slugs.retire(session, resource, item.meta.slug)
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
