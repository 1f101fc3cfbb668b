"""The partner portal's work on resources: HTML form ↔ resource data, saving with every problem at once, the
organisation's list. Validation is :func:`app.services.publishing.data_problems` — the write API's and the
loader's rules; a draft saved here may be unfinished (:class:`app.schemas.publishing.Unfinished`), the rest is
asked at submission — and writes go through the publishing services, acting as the signed-in person."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from sqlalchemy.orm import Session

from app.errors import AppError, FieldError
from app.http import IfMatch
from app.i18n import collation_key
from app.language_tags import SOURCE_LANGUAGES, language_name
from app.languages import other_language
from app.models import AccountRequest, KeyRequest, Resource, ResourceType, RevisionState, TrainingLevel
from app.schemas.publishing import DraftCreate, DraftData, ManagedResource, ResourceCreate, RevisionData
from app.schemas.resource import PREREQUISITES_LENGTH, TAXONOMY_FIELDS, TRAINING_FIELDS, taxonomy_codes
from app.services import attachments, centre_requests, editorial_checks, publishing, review, training
from app.services.accounts import Person
from app.services.addresses import web_address
from app.services.principal import Principal
from app.services.publishing.translations import own_holder, type_problems
from app.taxonomy import Taxonomies, TaxonomyName, Term

TEXT_FIELDS = ("translation_key", "language", "slug", "type", "title", "summary", "body", "licence", *TRAINING_FIELDS)
BLANK_SOURCES = 2  # empty source rows offered below the filled ones
NEW_DOCUMENT_ROWS = 2  # empty document rows offered below the resource's documents (within the limit)
# A translation's type differs from its original's (a hand-made post, an old page): the type is language-neutral.


def _max_length(name: str) -> int:
    field_info = DraftData.model_fields[name]
    return next(int(m.max_length) for m in field_info.metadata if getattr(m, "max_length", None))


# The texts a person may write past their bound, and that bound (the schema's): the form says how long the text is.
TEXT_LIMITS = {name: _max_length(name) for name in ("title", "slug", "summary", "body")} | {
    "prerequisites": PREREQUISITES_LENGTH
}


@dataclass
class Draft:
    """What the form shows: the values typed (valid or not) and the problems per field."""

    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    version: int | None = None  # the resource's version the form was read at (If-Match)
    taken_by: str | None = None  # the organisation's own resource a new draft's translation key is already taken by
    # its documents' rows as posted (shown again when the form comes back), and whether files chosen were dropped
    # (nothing saved: a browser never fills a file field again)
    rows: Sequence[attachments.Row] = ()
    files_dropped: bool = False
    limits: ClassVar[Mapping[str, int]] = TEXT_LIMITS  # its texts' bounds: their fields' maxlength

    @property
    def unfindable(self) -> bool:
        """No country, sector nor risk ticked: people narrowing the search by them never meet the resource (the
        desk's check, which the form says as a warning: submitting is still allowed)."""
        return not editorial_checks.findable(self.values)

    @property
    def sources(self) -> list[dict[str, str]]:
        filled = [s for s in self.values.get("sources") or [] if s.get("title") or s.get("url")]
        return filled + [{"title": "", "url": "", "language": ""}] * BLANK_SOURCES


@dataclass(frozen=True)
class Waiting:
    """What waits for the centre's people when they open the portal: submissions to review (its editors), account
    and key requests to decide (its administrators). All are mailed too; this is where they are seen again."""

    submissions: int = 0
    requests: int = 0
    key_requests: int = 0


def waiting_for(session: Session, person: Person) -> Waiting:
    deciding = person.is_admin and person.is_centre
    return Waiting(
        submissions=review.waiting(session) if person.is_editor else 0,
        requests=centre_requests.pending_count(session, AccountRequest) if deciding else 0,
        key_requests=centre_requests.pending_count(session, KeyRequest) if deciding else 0,
    )


def empty(language: str, type_: str = ResourceType.good_practice) -> Draft:
    return Draft(values={"language": language, "type": type_, "sources": []} | {name: [] for name in TAXONOMY_FIELDS})


def from_form(form: Mapping[str, Any], lists: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The resource data of a posted form (``lists``: the repeated fields, as ``FormData.getlist`` gives them)."""
    raw: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            raw[name] = value  # its line breaks as LF already (app.web.routing.typed_text)
    duration = str(raw.get("duration", "")).strip()
    if duration.isdecimal():  # a number of minutes; anything else is kept as typed, for its problem to name it
        raw["duration"] = int(duration)
    for name in TAXONOMY_FIELDS:
        raw[name] = [v for v in lists.get(name, []) if v]
    titles, urls = lists.get("source_title", []), lists.get("source_url", [])
    languages = [*lists.get("source_language", []), *[""] * len(titles)]  # none posted: the resource's language
    originals = [*lists.get("source_original_title", []), *[""] * len(titles)]
    sources = (
        {"title": title.strip(), "url": web_address(url)}
        | ({"language": tag.strip()} if tag.strip() else {})
        | _original_title(title, tag, original)
        for title, url, tag, original in zip(titles, urls, languages, originals, strict=False)
    )
    # the rows Draft.sources shows again, in this order: a source's problem (« sources.1.url ») is under its field
    raw["sources"] = [source for source in sources if source["title"] or source["url"]]
    return raw


def _original_title(title: str, tag: str, original: str) -> dict[str, str]:
    """A source's ``original_title`` as its row carries it (a hidden field: the form does not show it, content/ and
    the API set it), kept while it is still in the title and a language is chosen: a title corrected elsewhere (a
    date, the publisher's name) keeps its mark, and one whose marked words changed loses it rather than being
    refused for a field the person cannot see."""
    original = original.strip()
    return {"original_title": original} if original and tag.strip() and original in title else {}


def document_rows(fields: Mapping[str, str], files: Mapping[str, attachments.Upload]) -> list[attachments.Row]:
    """The documents' rows of a posted form, in their order (« attachments.<n>.title », « .key », « .language »,
    « .remove », « .file »: web/_documents.html)."""
    prefix = f"{attachments.KEY}."
    numbers = sorted(
        {
            int(number)
            for name in [*fields, *files]
            if name.startswith(prefix) and (number := name.split(".")[1]).isdigit() and len(number) < 3
        }
    )
    return [
        attachments.Row(
            key=fields.get(f"{attachments.KEY}.{n}.key", ""),
            title=fields.get(f"{attachments.KEY}.{n}.title", ""),
            language=fields.get(f"{attachments.KEY}.{n}.language", ""),
            remove=bool(fields.get(f"{attachments.KEY}.{n}.remove")),
            upload=files.get(f"{attachments.KEY}.{n}.file"),
        )
        for n in numbers
    ]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A row of the form's documents: one the resource has (``key``: its filename; ``detail``: its format and size;
    ``url``: where its organisation and the editors download it), or a new one (``key`` empty). ``dropped``: the name
    of the file chosen in it when the form came back unsaved, which a browser never chooses again."""

    title: str = ""
    language: str = ""  # empty: the resource's
    remove: bool = False
    key: str = ""
    detail: str = ""
    url: str = ""
    dropped: str = ""


def shown_documents(
    entries: Sequence[Mapping[str, Any]],
    posted: Sequence[attachments.Row],
    resource_language: str,
    language: str,
    limits: attachments.Limits,
    url_of: Callable[[str], str],
) -> list[DocumentRow]:
    """The form's documents: the resource's ``entries`` (its latest revision's), as ``posted`` when the form comes
    back, then the new rows posted and blank ones, up to :data:`NEW_DOCUMENT_ROWS` within the limit; in the order
    they were posted, so that each row's problem (« attachments.<n>.file ») is beside it."""
    by_key = {row.key: row for row in posted if row.key}
    rows: list[DocumentRow] = []
    for entry in entries:
        filename = str(entry["filename"])
        row = by_key.get(filename)
        kept_language = "" if entry.get("language") == resource_language else str(entry.get("language") or "")
        rows.append(
            DocumentRow(
                title=row.title if row else str(entry["title"]),
                language=row.language if row else kept_language,
                remove=row.remove if row else False,
                key=filename,
                detail=attachments.described(entry, language),
                url=url_of(filename),
                dropped=_chosen(row),
            )
        )
    listed = {row.key for row in rows}
    # the form of a person whose session ended shows what it posted: its documents stay, listed by their names
    rows += [
        DocumentRow(row.title, row.language, row.remove, row.key) for row in posted if row.key and row.key not in listed
    ]
    new = [row for row in posted if not row.key]
    blank = max(len(new), min(NEW_DOCUMENT_ROWS, limits.max_count - len(rows)))
    return (
        rows
        + [DocumentRow(title=row.title, language=row.language, dropped=_chosen(row)) for row in new]
        + [DocumentRow()] * (blank - len(new))
    )


def _chosen(row: attachments.Row | None) -> str:
    return attachments.base_name(row.upload.name) if row is not None and row.upload is not None else ""


def from_resource(view: ManagedResource) -> Draft:
    values = view.model_dump(mode="json")
    return Draft(values=values, version=view.version)


# The parts of a source, each a field of the form's source rows.
_SOURCE_PARTS = ("title", "url", "language")


def by_field(errors: Sequence[FieldError], language: str, taxonomies: Taxonomies) -> dict[str, list[str]]:
    """The problems by form field, in the page's language (a type named by its label, « a good practice », where the
    API says ``good_practice``); a source's part keeps its own name (``sources.1.url``: the second source's
    address), the form showing its problem under that field rather than at the top of the sources."""
    types = taxonomies[TaxonomyName.types]

    def name_of(placeholder: str, value: object) -> str | None:
        term = types.get(str(value)) if placeholder == "type" else None
        return term.label(language).lower() if term else None

    found: dict[str, list[str]] = {}
    for error in errors:
        name, *rest = error.field.split(".")
        if name.startswith("source"):
            name = "sources"
        message = error.localized(language, name_of)
        if name == attachments.KEY and len(rest) == 2 and rest[0].isdigit():  # a document's row: next to its field
            name = error.field
        elif name == "sources" and len(rest) == 2 and rest[0].isdigit() and rest[1] in _SOURCE_PARTS:
            name = error.field
        elif name != error.field:
            message = f"{error.field}: {message}"
        found.setdefault(name, []).append(message)
    return found


def save(
    session: Session,
    person: Person,
    taxonomies: Taxonomies,
    raw: dict[str, Any],
    resource_id: str | None,
    version: int | None,
    language: str,
    *,
    submitting: bool = False,
    sent: attachments.Sent | None = None,
) -> tuple[Resource | None, dict[str, list[str]]]:
    """Create (``resource_id`` None) or update a draft, and the problems by field, in ``language``. A draft needs
    a title, and what it holds must be valid, its documents' rows too (``sent``; None: its documents kept as they
    are): otherwise
    nothing is written. ``submitting``: the problems are those of a finished resource, all at once; when only the
    missing parts stop the submission the draft is saved all the same, so nothing typed is lost."""
    key = person.as_principal()
    existing = None if resource_id is None else publishing.get_own(session, key, resource_id)
    if existing is None:
        data = raw
    else:
        data = {k: v for k, v in raw.items() if k not in ("translation_key", "language")}
        if not publishing.ever_published(session, existing):  # a typo corrected in its title leaves its address too
            latest = publishing.own_latest(session, existing)
            retitled = publishing.slug_after_retitling(latest.data, data.get("slug"), data.get("title"))
            data["slug"] = retitled or data.get("slug")
        if not data.get("slug"):
            data["slug"] = existing.slug
    creating = resource_id is None
    draft_model, finished_model = (DraftCreate, ResourceCreate) if creating else (DraftData, RevisionData)
    if existing is None:
        translation_key = str(data.get("translation_key") or publishing.slugify(str(data.get("title") or "")))
        language_of_data = str(data.get("language") or "")
    else:
        translation_key, language_of_data = existing.translation_key, existing.language
    mismatch = type_problems(session, key, translation_key, language_of_data, data.get("type"), existing)
    current = publishing.own_latest(session, existing).attachments if existing is not None else []
    documents = (
        attachments.Plan(current, {}, [])
        if sent is None
        else attachments.plan(sent.rows, current, language_of_data, sent.limits, language)
    )
    _, blocking = publishing.data_problems(session, data, taxonomies, key.organisation_id, draft_model)
    blocking += mismatch + documents.errors
    problems = blocking
    if submitting:
        _, problems = publishing.data_problems(session, data, taxonomies, key.organisation_id, finished_model)
        problems += mismatch + documents.errors
    if blocking:
        return None, by_field(problems, language, taxonomies)
    try:
        attachments.store(session, documents.files)
        if resource_id is None:
            payload = DraftCreate.model_validate(data, context={"taxonomies": taxonomies})
            resource = _sent_again(session, key, payload, taxonomies, documents.entries) or publishing.create(
                session, key, payload, taxonomies, documents.entries
            )
        else:
            match = IfMatch(frozenset({str(version)}))
            resource, _ = publishing.update(
                session, key, resource_id, data, match, taxonomies, DraftData, documents.entries
            )
    except AppError as exc:
        return None, by_field(exc.errors or [FieldError(field="form", message=exc.detail)], language, taxonomies)
    return resource, by_field(problems, language, taxonomies)


def _sent_again(
    session: Session,
    key: Principal,
    payload: DraftCreate,
    taxonomies: Taxonomies,
    documents: Sequence[Mapping[str, Any]],
) -> Resource | None:
    """The draft this new one would be, already created from the same form: sent twice (a double click, without
    JavaScript, sends it again before the first answer comes back), the second send finds it — the organisation's,
    under the same translation key, with one revision holding what was sent — and answers with it, as the first."""
    translation_key = payload.translation_key or publishing.slugify(payload.title)
    holder = own_holder(session, key, translation_key, payload.language)
    if holder is None:
        return None
    latest = publishing.own_latest(session, holder)
    if latest.number != 1 or latest.state not in (RevisionState.draft, RevisionState.submitted):
        return None
    sent = payload.model_dump(mode="json", exclude={"translation_key", "language"}) | {
        "slug": payload.slug or holder.slug
    }
    validated = publishing.validate_data(session, sent, taxonomies, key.organisation_id, DraftData)
    same = validated == latest.data and attachments.of(documents) == latest.attachments
    return holder if same else None


def taken_by(session: Session, person: Person, raw: Mapping[str, Any]) -> str | None:
    """The organisation's own resource whose translation key a new draft of ``raw`` asks for (its title's when it
    names none) in its language: the form leads to it, where « already used » alone left a person wondering."""
    translation_key = str(raw.get("translation_key") or publishing.slugify(str(raw.get("title") or "")))
    holder = own_holder(session, person.as_principal(), translation_key, str(raw.get("language") or ""))
    return publishing.public_id(holder) if holder is not None else None


def in_review(session: Session, person: Person, resource_id: str) -> bool:
    """Whether the resource's latest revision waits for the editors (saving a draft of it takes it back)."""
    resource = publishing.get_own(session, person.as_principal(), resource_id)
    return publishing.own_latest(session, resource).state == RevisionState.submitted


def submit(session: Session, person: Person, resource_id: str) -> Resource:
    resource = publishing.get_own(session, person.as_principal(), resource_id)
    return publishing.submit(session, person.as_principal(), resource_id, IfMatch(frozenset({str(resource.version)})))


def own_resources(session: Session, person: Person, base_url: str) -> list[ManagedResource]:
    key = person.as_principal()
    resources, _ = publishing.list_own(session, key, limit=500)
    return publishing.to_managed(session, resources, base_url, owner=key)


def taken_off_by(session: Session, views: Sequence[ManagedResource], language: str) -> dict[str, str]:
    """Resource id → the name of the editor who took it off the site, of the ``views`` whose latest revision says
    an editor did (an API key's: not named)."""
    taken = [view for view in views if view.revision.state == RevisionState.unpublished]
    names = review.person_names(session, (view.revision.reviewer_key for view in taken), language)
    return {view.id: names[view.revision.reviewer_key] for view in taken if view.revision.reviewer_key in names}


def own(session: Session, person: Person, resource_id: str, base_url: str, headings_under: int = 1) -> ManagedResource:
    """The organisation's ``resource_id``; on a form (the original a translation is written from), its body's
    headings under the form's level ``headings_under``, so that its « ## » are not taken for sections of the form."""
    key = person.as_principal()
    resource = publishing.get_own(session, key, resource_id)
    return publishing.to_managed(session, [resource], base_url, owner=key, headings_under=headings_under)[0]


def untranslated(views: Sequence[ManagedResource]) -> set[str]:
    """The ids of ``views`` (an organisation's resources) with no version in the other language among them: the
    portal's list offers to add it, where people look, rather than at the foot of each resource's form."""
    present = {(view.translation_key, view.language) for view in views}
    return {view.id for view in views if (view.translation_key, other_language(view.language)) not in present}


def paired(views: Sequence[ManagedResource]) -> list[list[ManagedResource]]:
    """``views`` (an organisation's resources) in their order, each with its other language's version right after
    it: the portal lists the two versions of a resource together, where the last changed first set them apart."""
    by_version: dict[tuple[str, str], ManagedResource] = {(view.translation_key, view.language): view for view in views}
    pairs: list[list[ManagedResource]] = []
    listed: set[str] = set()
    for view in views:
        if view.id in listed:
            continue
        other = by_version.get((view.translation_key, other_language(view.language)))
        pair = [view, other] if other is not None else [view]
        listed.update(version.id for version in pair)
        pairs.append(pair)
    return pairs


def translation_of(view: ManagedResource) -> Draft:
    """A new draft in the other language sharing the translation key, with the language-neutral fields copied."""
    language = other_language(view.language)
    copied = taxonomy_codes(view)
    # A source said in « the resource's » language is in the original's, not the translation's: named so, its title
    # is still read in French on the English page (WCAG 3.1.2).
    sources = [s.model_dump(mode="json") | {"language": s.language or view.language} for s in view.sources]
    return Draft(
        values={
            "translation_key": view.translation_key,
            "language": language,
            "type": view.type,
            "licence": view.licence,
            "sources": sources,
            # a module's length and level are the same in both languages; its prerequisites are words, translated
            "duration": view.duration,
            "level": view.level,
        }
        | copied
    )


class Option(NamedTuple):
    """A choice of the form: its code, its label in the interface language, and what else a picker's filter
    matches (the other language's label, synonyms, the code), so that « Ivory Coast » or « chocolat » find it."""

    code: str
    label: str
    other_names: str = ""


def _option(code: str, term: Term, language: str) -> Option:
    label = term.label(language)
    return Option(code, label, " ".join(word for word in (*term.search_terms, code) if word != label))


def choices(taxonomies: Taxonomies, language: str) -> dict[str, list[Option]]:
    """Every picker's options, by label; and the types, in their vocabulary's order, the training levels in theirs."""
    options = {
        name: sorted(
            (_option(code, term, language) for code, term in taxonomies[vocabulary].items()),
            key=lambda option: collation_key(option.label),
        )
        for name, vocabulary in TAXONOMY_FIELDS.items()
    }
    options["type"] = [Option(code, term.label(language)) for code, term in taxonomies[TaxonomyName.types].items()]
    options["source_language"] = [Option(code, language_name(code, language)) for code in SOURCE_LANGUAGES]
    options["level"] = [Option(level.value, training.level_label(level, language)) for level in TrainingLevel]
    return options
