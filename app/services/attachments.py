"""Documents attached to a partner's resource: the PDF report, a toolkit (DOCX, ODT, XLSX, ODS), a poster (PNG,
JPEG), a table (CSV).

Rules:

* A file's format is found from its bytes, never from its name or the type its browser announced: a PDF starts
  with ``%PDF-``; Office and OpenDocument files are ZIP archives holding their own entries (a macro-enabled
  document, a ``vbaProject.bin`` inside, is refused); an executable or an HTML page named ``.pdf`` is none of them.
  Its stored name is the sent name made safe (:func:`app.services.slugs.slugify`) with its format's extension.
* At most ``attachment_max_bytes`` a file and ``attachment_max_count`` a resource (settings); every problem is
  said at once, next to its row of the form (``attachments.<n>.file``, ``.title``).
* Each revision lists its documents (``ResourceRevision.attachments``: title, filename, media type, size,
  language and the SHA-256 of the bytes, kept once in ``attachment_files``), beside its data, which the write API
  sends whole: a revision it writes keeps the documents of the one before. Approving a revision publishes its list
  (``Resource.attachments``), so a document added to a published resource stays unseen until the editors approve
  it, and a document removed from a draft is still there in the revision that had it.
* The public reads a published resource's documents; its organisation and the centre's editors read a revision's
  (the access of :mod:`app.services.publishing`). A document's address is its resource's and its filename, which
  a replaced file in the same format keeps.
"""

import hashlib
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from babel.numbers import format_decimal
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound
from app.i18n import N_
from app.language_tags import SOURCE_LANGUAGES
from app.models import AttachmentFile
from app.schemas.resource import AttachmentRead
from app.services.slugs import slugify

STORED: Final = ("filename", "media_type", "size", "file")  # an entry's facts of its file, with its title and language
KEY: Final = "attachments"  # a revision's data's, and the form's rows (« attachments.0.file »)
# Where a revision's documents are read by its organisation and the editors: <the portal's resource>/revisions/<n>/…
REVISION_SEGMENT: Final = "documents"
TITLE_LENGTH: Final = 200
NOT_FOUND: Final = "This resource has no document named {filename!r}."


class Format(NamedTuple):
    label: str  # what a reader is told (« PDF, 2,3 Mo »): the same in every language
    media_type: str
    extension: str
    inline: bool = False  # shown by the browser rather than saved: PDF and images only


PDF = Format("PDF", "application/pdf", "pdf", inline=True)
DOCX = Format("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = Format("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = Format("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
ODT = Format("ODT", "application/vnd.oasis.opendocument.text", "odt")
ODS = Format("ODS", "application/vnd.oasis.opendocument.spreadsheet", "ods")
ODP = Format("ODP", "application/vnd.oasis.opendocument.presentation", "odp")
PNG = Format("PNG", "image/png", "png", inline=True)
JPEG = Format("JPEG", "image/jpeg", "jpg", inline=True)
CSV = Format("CSV", "text/csv", "csv")
FORMATS: Final = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, CSV)
BY_MEDIA_TYPE: Final = {f.media_type: f for f in FORMATS}
ACCEPT: Final = ",".join(f".{f.extension}" for f in FORMATS) + ",.jpeg"  # the file field's hint to the browser
# An Office document by the entry its main part is (its [Content_Types].xml names the rest).
OOXML_PARTS: Final = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
OPENDOCUMENT: Final = {f.media_type.encode(): f for f in (ODT, ODS, ODP)}
MACROS: Final = "vbaproject.bin"

TOO_LARGE = N_("This file is {size}: a document may be {limit} at most. Make it smaller (a PDF saved for the web).")
NOT_ACCEPTED = N_(
    "“{name}” is not a document the centre accepts, whatever its name says: send a PDF, a Word, Excel or PowerPoint "
    "document (DOCX, XLSX, PPTX), an OpenDocument (ODT, ODS, ODP), a PNG or JPEG image, or a CSV table."
)
WITH_MACROS = N_("“{name}” holds macros, which the centre does not publish: save it without them (as DOCX or XLSX).")
TOO_MANY = N_("A resource has {limit} documents at most: remove one to add this one.")
NO_FILE = N_("Choose the file of this document.")
EMPTY = N_("“{name}” is empty.")
TITLE_TOO_LONG = N_("{limit} characters at most.")
UNKNOWN_LANGUAGE = N_("Choose a language from the list.")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file sent with the form: the name the person's computer gave it, and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the form's documents: an existing one (``key``: its filename) kept, retitled, replaced or removed,
    or a new one (``key`` empty)."""

    key: str = ""
    title: str = ""
    language: str = ""
    remove: bool = False
    upload: Upload | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int
    max_count: int


@dataclass(frozen=True, slots=True)
class Sent:
    """The documents' rows of a form posted, and the limits they are held to."""

    rows: Sequence[Row]
    limits: Limits


@dataclass
class Plan:
    """What a form's rows make of a resource's documents: the new list, the files to store and the problems."""

    entries: list[dict[str, Any]]
    files: dict[str, tuple[bytes, Format]]
    errors: list[FieldError]


def sniff(content: bytes) -> Format | None:
    """The format ``content`` is, from its bytes; None for any other (an executable, an HTML page, a macro)."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _archive(content)
    return CSV if _is_table(content) else None


def _archive(content: bytes) -> Format | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = {name.lower(): name for name in archive.namelist()}
            if any(name.rsplit("/", 1)[-1] == MACROS for name in names):
                return None
            if "mimetype" in names:  # OpenDocument: its first entry, stored, names its type
                with archive.open(names["mimetype"]) as entry:
                    return OPENDOCUMENT.get(entry.read(100).strip())
            if "[content_types].xml" in names:
                return next((f for part, f in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def _is_table(content: bytes) -> bool:
    """A CSV table: text (UTF-8, or Windows-1252 as Excel saves it) of lines with a separator, nothing a browser
    could take for a page or a program."""
    head = content[:4096]
    if b"\x00" in head or head.lstrip()[:1] == b"<":
        return False
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            return False
    first = text.lstrip().split("\n", 1)[0]
    return any(separator in first for separator in ",;\t") and all(c.isprintable() or c in "\r\n\t" for c in text)


def size_text(size: int, language: str) -> str:
    """« 2,3 Mo », « 350 ko » in French; "2.3 MB", "350 kB" in English (of 1,024: as computers show files)."""
    locale = "fr_FR" if language == "fr" else "en_GB"
    if size >= 1024 * 1024:
        number, unit = format_decimal(size / (1024 * 1024), format="#,##0.#", locale=locale), ("Mo", "MB")
    else:
        number, unit = format_decimal(max(1, round(size / 1024)), locale=locale), ("ko", "kB")
    return f"{number}\u00a0{unit[0] if language == 'fr' else unit[1]}"


def described(entry: Mapping[str, Any], language: str) -> str:
    """What a reader is told of a document beside its title: « PDF, 2,3 Mo »."""
    fmt = BY_MEDIA_TYPE.get(str(entry.get("media_type")))
    return f"{fmt.label if fmt else entry.get('media_type')}, {size_text(int(entry.get('size') or 0), language)}"


def base_name(name: str) -> str:
    """A sent file's own name, without the folders some browsers send with it (« C:\\Users\\…\\rapport.pdf »)."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def title_from(name: str) -> str:
    """A document's title when none is typed: its file's name, without extension, its dashes as spaces."""
    stem = base_name(name).rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:TITLE_LENGTH] or "Document"


def _filename(stem_from: str, fmt: Format, taken: set[str]) -> str:
    stem = slugify(base_name(stem_from).rsplit(".", 1)[0], max_length=80) or "document"
    name, number = f"{stem}.{fmt.extension}", 2
    while name in taken:
        name, number = f"{stem}-{number}.{fmt.extension}", number + 1
    return name


def filename_for(name: str, fmt: Format) -> str:
    """The name a file sent as ``name`` is stored under when no other document of its resource has it
    (« Rapport 2025.PDF » → « rapport-2025.pdf »): the write API finds a document again by the name it was sent as."""
    return _filename(name, fmt, set())


def of(entries: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """A copy of a revision's or a resource's documents (none for a row written before they existed)."""
    return [dict(entry) for entry in entries or []]


def with_documents(data: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A revision's data with its documents, as a person compares two revisions (:mod:`.publishing.changes`)."""
    return dict(data) | ({KEY: of(entries)} if entries else {})


def plan(
    rows: Sequence[Row], current: Sequence[Mapping[str, Any]], language: str, limits: Limits, said_in: str
) -> Plan:
    """The documents after the form's ``rows`` (``current``: the latest revision's; ``language``: the resource's,
    a document's unless its row says another), every problem at once, sizes said as ``said_in`` writes them."""
    by_name = {str(entry["filename"]): dict(entry) for entry in current}
    entries: list[dict[str, Any]] = []
    files: dict[str, tuple[bytes, Format]] = {}
    errors: list[FieldError] = []
    kept = [row for row in rows if row.key in by_name and not row.remove]
    taken = {row.key for row in kept}
    room = limits.max_count - len(kept)  # for new documents
    for number, row in enumerate(rows):
        field = f"{KEY}.{number}"
        before = by_name.get(row.key) if row.key else None
        if (row.key and before is None) or row.remove:  # removed, or gone since the form was read
            continue
        if before is None and row.upload is None:
            if row.title.strip():
                errors.append(FieldError.translatable(f"{field}.file", NO_FILE))
            continue
        if before is None and room <= 0:
            errors.append(FieldError.translatable(f"{field}.file", TOO_MANY, limit=limits.max_count))
            continue
        entry = dict(before or {})
        if row.upload is not None:
            fmt, problem = _checked(row.upload, limits, f"{field}.file", said_in)
            if fmt is None:
                errors.extend([problem] if problem else [])
                continue
            digest = hashlib.sha256(row.upload.content).hexdigest()
            files[digest] = (row.upload.content, fmt)
            if before is None or not str(before["filename"]).endswith(f".{fmt.extension}"):
                taken.discard(row.key)  # another format: its own name (a replaced PDF keeps its address)
                entry["filename"] = _filename(row.key or row.upload.name, fmt, taken)
                taken.add(entry["filename"])
            entry |= {"file": digest, "media_type": fmt.media_type, "size": len(row.upload.content)}
        room -= 1 if before is None else 0
        title = " ".join(row.title.split()) or str(entry.get("title") or "")
        title = title or title_from(row.upload.name if row.upload else "")
        if len(title) > TITLE_LENGTH:
            errors.append(FieldError.translatable(f"{field}.title", TITLE_TOO_LONG, limit=TITLE_LENGTH))
        chosen = row.language or str(entry.get("language") or language)
        if chosen not in SOURCE_LANGUAGES:
            errors.append(FieldError.translatable(f"{field}.language", UNKNOWN_LANGUAGE))
        entries.append({"title": title, "language": chosen} | {k: entry[k] for k in STORED})
    return Plan(entries, files if not errors else {}, errors)


def _checked(upload: Upload, limits: Limits, field: str, said_in: str) -> tuple[Format | None, FieldError | None]:
    name = base_name(upload.name)[:120]
    if len(upload.content) > limits.max_bytes:
        return None, FieldError.translatable(
            field, TOO_LARGE, size=size_text(len(upload.content), said_in), limit=size_text(limits.max_bytes, said_in)
        )
    if not upload.content:
        return None, FieldError.translatable(field, EMPTY, name=name)
    fmt = sniff(upload.content)
    if fmt is None:
        macro = upload.content.startswith(b"PK") and MACROS.encode() in upload.content.lower()
        return None, FieldError.translatable(field, WITH_MACROS if macro else NOT_ACCEPTED, name=name)
    return fmt, None


def store(session: Session, files: Mapping[str, tuple[bytes, Format]]) -> None:
    """Keep the bytes of ``files`` (by digest) that the database does not hold yet."""
    for digest, (content, fmt) in files.items():
        if session.get(AttachmentFile, digest) is not None:
            continue
        try:
            with session.begin_nested():  # the same file sent at the same instant by another request: kept once
                stored = AttachmentFile(sha256=digest, media_type=fmt.media_type, size=len(content), content=content)
                session.add(stored)
        except IntegrityError:
            continue


def find(entries: Sequence[Mapping[str, Any]], filename: str) -> dict[str, Any]:
    entry = next((dict(e) for e in entries if e.get("filename") == filename), None)
    if entry is None:
        raise NotFound(NOT_FOUND.format(filename=filename))
    return entry


def content(session: Session, entry: Mapping[str, Any]) -> bytes:
    stored = session.get(AttachmentFile, str(entry["file"]))
    if stored is None:  # listed but not kept: never, unless the table was emptied by hand
        raise NotFound(NOT_FOUND.format(filename=entry["filename"]))
    return stored.content


# Sandboxed, nothing loaded: an image or a document opened by the browser runs nothing of the centre's origin. Not
# on a PDF: the browsers' PDF viewers refuse to run in a sandboxed document, and run its scripts (if any) in their
# own, apart from the page's origin.
SANDBOX: Final = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def headers(entry: Mapping[str, Any], *, public: bool) -> dict[str, str]:
    """The headers of a document served: its strong ETag (its SHA-256), saved rather than shown unless a PDF or an
    image, never sniffed into another type; kept by shared caches only when it is public."""
    fmt = BY_MEDIA_TYPE.get(str(entry["media_type"]))
    disposition = "inline" if fmt is not None and fmt.inline else "attachment"
    result = {
        "ETag": f'"{entry["file"]}"',
        "Content-Disposition": f'{disposition}; filename="{entry["filename"]}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=300" if public else "private, no-cache",
    }
    if fmt is not PDF:
        result["Content-Security-Policy"] = SANDBOX
    if entry.get("language"):
        result["Content-Language"] = str(entry["language"])
    return result


def address(base_url: str, resource_id: str, filename: str) -> str:
    """Where the public downloads a published resource's document."""
    return f"{base_url.rstrip('/')}/v1/resources/{resource_id}/{KEY}/{filename}"


def read_models(base_url: str, resource_id: str, entries: Sequence[Mapping[str, Any]]) -> list[AttachmentRead]:
    return [
        AttachmentRead(
            title=str(entry["title"]),
            filename=str(entry["filename"]),
            media_type=str(entry["media_type"]),
            size=int(entry["size"]),
            language=str(entry["language"]),
            sha256=str(entry["file"]),
            url=address(base_url, resource_id, str(entry["filename"])),
        )
        for entry in entries
    ]
