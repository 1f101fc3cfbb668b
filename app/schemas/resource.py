"""Resource schemas: the fields shared by content files and the write API, and the read models."""

import re
from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.language_tags import language_subtag, suggested_subtag
from app.models import Language, ResourceStatus, ResourceType, TrainingLevel
from app.schemas.problems import WORDS
from app.taxonomy import Taxonomies, TaxonomyName, suggest

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=KEBAB, min_length=1, max_length=120)]
PlainLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
PlainText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A training module's length, in minutes: 200 hours is a course, not a module, and more was surely typed wrong.
MAX_DURATION = 200 * 60
PREREQUISITES_LENGTH = 300
Prerequisites = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PREREQUISITES_LENGTH)]
TRAINING_FIELDS = ("duration", "level", "prerequisites")
# A training module's facts as the API documents them, written (ResourceFields) and read (ResourceView) alike.
Duration = Annotated[
    int | None,
    Field(
        description=f"A training module's total length in minutes, a whole number from 1 to {MAX_DURATION} (1 hour "
        "30 minutes: 90); null on the other types and on a module that does not state it",
        examples=[360],
    ),
]
Level = Annotated[
    TrainingLevel | None,
    Field(
        description="A training module's level: `introduction` (the subject from the start), `intermediate` (the "
        "subject put to work in the participants' trade), `advanced` (for participants who know the subject "
        "already); null when not stated"
    ),
]
PrerequisitesLine = Annotated[
    Prerequisites | None,
    Field(
        description="What a training module's participants need before it, in its language, one line of at most "
        f"{PREREQUISITES_LENGTH} characters; null when nothing is"
    ),
]


def _absent(value: object) -> bool:
    return value is None


def unstated(data: BaseModel) -> set[str]:
    """The training facts ``data`` does not state: left out of what is stored or hashed, so that what was written
    before they existed stays the same (a revision's data, a content file's digest)."""
    return {name for name in TRAINING_FIELDS if getattr(data, name, None) is None}


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    url: AnyHttpUrl
    # Left out of the source when absent: stored and served as before, a file without it keeps its digest.
    language: str | None = Field(
        default=None,
        exclude_if=_absent,
        description="The language the source is written in, when it is not the resource's: a BCP 47 primary "
        "language tag (`en`, `fr`, `es`). Its title is then marked so on the page (`lang`), for screen readers.",
        examples=["en"],
    )
    # After ``title`` and ``language``, which it is checked against; left out when absent, as ``language`` is.
    original_title: str | None = Field(
        default=None,
        exclude_if=_absent,
        description="When the title mixes languages, the part of it in `language`, copied from it exactly: the "
        "source's own title quoted among words in the resource's language. Only that part is then marked with "
        "`language` on the page (`lang`), the rest read in the resource's language; without it, the whole title is "
        "marked. Needs `language`.",
        examples=["Elimination of the worst forms of child labour in seasonal hazelnut agriculture in Turkey"],
    )

    @field_validator("language", mode="before")
    @classmethod
    def _language_tag(cls, value: Any) -> Any:
        """A primary language subtag, lowercased; blank is none (the portal's « same as the resource »)."""
        if not isinstance(value, str):
            return value  # None, or not text: pydantic's own message
        if not value.strip():
            return None
        tag = language_subtag(value)
        if tag is None:
            suggested = suggested_subtag(value)
            hint = f" (did you mean {suggested!r}?)" if suggested else ""
            raise PydanticCustomError(
                "crv_language_tag",
                "unknown language tag {tag}{hint}; a source's language is a BCP 47 primary language tag such as "
                "'en', 'fr' or 'es'",
                {"tag": repr(value), "hint": hint, "typed": value, "suggested": f" → {suggested}" if suggested else ""},
            )
        return tag

    @field_validator("original_title", mode="before")
    @classmethod
    def _part_of_the_title(cls, value: Any, info: ValidationInfo) -> Any:
        """Stripped, blank is none; words of ``title`` as written there, and in ``language``, which is needed. A
        field's validator rather than the model's: its problems are located at ``sources.N.original_title``, its own
        line in a content file."""
        if not isinstance(value, str):
            return value  # None, or not text: pydantic's own message
        part = value.strip()
        if not part or "title" not in info.data or "language" not in info.data:
            return part or None  # blank, or the title's or the language's own problem is the one to report
        if info.data["language"] is None:
            raise PydanticCustomError(
                "crv_original_title_language",
                "original_title is the part of the title in the source's language: give that language too, as "
                "language, a BCP 47 primary language tag such as 'en', 'fr' or 'es'",
            )
        title: str = info.data["title"]
        if part not in title:
            near = (
                " (the title has it with other capitals, spaces or apostrophes)"
                if _folded(part) in _folded(title)
                else ""
            )
            raise PydanticCustomError(
                "crv_original_title_part",
                "original_title {part} is not in the title{near}: copy the words of the title that are in the "
                "source's language exactly as the title writes them",
                {"part": repr(part), "near": near},
            )
        return part


def _folded(text: str) -> str:
    """``text`` as a reader compares it: capitals, the kinds of spaces and of apostrophes told apart no more."""
    return " ".join(text.casefold().replace("\u2019", "'").split())


TAXONOMY_FIELDS: dict[str, TaxonomyName] = {
    "countries": TaxonomyName.countries,
    "regions": TaxonomyName.regions,
    "sectors": TaxonomyName.sectors,
    "risks": TaxonomyName.risks,
    "audiences": TaxonomyName.audiences,
}


def taxonomy_codes(item: object) -> dict[str, list[str]]:
    """The codes of ``item`` (a resource, a revision's data, a view) in each of :data:`TAXONOMY_FIELDS`, as new
    lists: what every copy of a resource carries over."""
    return {name: list(getattr(item, name)) for name in TAXONOMY_FIELDS}


class ResourceFields(BaseModel):
    """Editable fields of a resource, validated against the taxonomies passed as context
    (``model_validate(data, context={"taxonomies": ...})``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: PlainLine
    summary: PlainText
    body: Annotated[str, StringConstraints(max_length=200_000)] = ""
    countries: list[str] = Field(default_factory=list, max_length=300)
    regions: list[str] = Field(default_factory=list, max_length=20)
    sectors: list[str] = Field(default_factory=list, max_length=100)
    risks: list[str] = Field(default_factory=list, max_length=4)
    audiences: list[str] = Field(default_factory=list, max_length=20)
    sources: list[Source] = Field(default_factory=list, max_length=100)
    # No default: a publisher chooses the licence explicitly (an SPDX id such as CC-BY-4.0, or public-domain).
    licence: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    type: ResourceType
    # A training module's facts (docs/content-format.md, "Training modules"), after ``type``, which they are
    # checked against: the same rules for content/, the write API and the partner portal. Only a training module
    # has them; changing a module's type while they are set is refused (the field is named), never cleared.
    duration: Duration = None
    level: Level = None
    prerequisites: PrerequisitesLine = None

    @field_validator("title", "summary", "body")
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        if _CONTROL.search(value):
            raise PydanticCustomError("crv_control_characters", WORDS["crv_control_characters"])
        return value

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        """A title is a line: it heads pages and goes into mail subjects, where a line break is refused."""
        if "\n" in value or "\r" in value:
            raise PydanticCustomError("crv_line_break", WORDS["crv_line_break"])
        return value

    @field_validator("duration", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> Any:
        """A whole number of minutes: « 6 h », 6.5 or ``true`` are refused with the number to write, not read."""
        if value is None or (type(value) is int and 0 < value <= MAX_DURATION):
            return value
        raise PydanticCustomError("crv_duration", WORDS["crv_duration"], {"maximum": MAX_DURATION})

    @field_validator("prerequisites")
    @classmethod
    def _prerequisites_line(cls, value: str | None) -> str | None:
        """Shown after « Prerequisites: » on the page: one line of text."""
        if value is not None and (_CONTROL.search(value) or "\n" in value or "\r" in value):
            raise PydanticCustomError("crv_line_break", WORDS["crv_line_break"])
        return value

    @field_validator(*TRAINING_FIELDS)
    @classmethod
    def _training_modules_only(cls, value: object, info: ValidationInfo) -> object:
        kind = info.data.get("type")  # absent when the type itself is invalid: that is the error to report
        if value is not None and kind is not None and kind != ResourceType.training_module:
            raise PydanticCustomError("crv_training_only", WORDS["crv_training_only"], {"type": str(kind)})
        return value

    @field_validator("countries", mode="before")
    @classmethod
    def _upper_countries(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value  # codes are case-insensitive; a name ("Côte d'Ivoire") is kept as typed for the message
        return [v.upper() if isinstance(v, str) and len(v) <= 3 and v.isalpha() else v for v in value]

    @field_validator(*TAXONOMY_FIELDS)
    @classmethod
    def _known_codes(cls, values: list[str], info: ValidationInfo) -> list[str]:
        taxonomies: Taxonomies | None = (info.context or {}).get("taxonomies")
        if len(set(values)) != len(values):
            raise PydanticCustomError("crv_duplicate_code", WORDS["crv_duplicate_code"])
        if taxonomies is not None and info.field_name is not None:
            name = TAXONOMY_FIELDS[info.field_name]
            vocabulary = taxonomies[name]
            problems, suggested = [], []
            for value in values:
                if value not in vocabulary:
                    codes = suggest(vocabulary, value)
                    hint = f" (did you mean {' or '.join(map(repr, codes))}?)" if codes else ""
                    problems.append(f"{value!r}{hint}")
                    suggested.append(f"{value!r} → {' / '.join(map(repr, codes))}" if codes else repr(value))
            if problems:
                raise PydanticCustomError(
                    "crv_unknown_code",
                    "unknown code {codes}; the codes are in /v1/taxonomies/{taxonomy}",
                    {"codes": ", ".join(problems), "suggested": ", ".join(suggested), "taxonomy": str(name)},
                )
        return values


class ContentFrontMatter(ResourceFields):
    """The front matter of a file under content/ (see docs/content-format.md)."""

    translation_key: Slug
    language: Language
    slug: Slug
    publisher: Slug
    published_at: date
    updated_at: date | None = None
    status: ResourceStatus = ResourceStatus.published

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.updated_at is not None and self.updated_at < self.published_at:
            raise PydanticCustomError("crv_dates_order", WORDS["crv_dates_order"])
        return self


class TranslationLink(BaseModel):
    id: str
    language: Language
    title: str
    url: str


class AttachmentRead(BaseModel):
    """A document attached to a partner's resource (its report, toolkit, poster), as its page lists it."""

    title: str = Field(description="What a reader sees", examples=["Rapport complet"])
    filename: str = Field(examples=["rapport-complet.pdf"])
    media_type: str = Field(description="Found from the file's bytes", examples=["application/pdf"])
    size: int = Field(description="In bytes")
    language: str = Field(description="The document's language (BCP 47 primary tag)", examples=["fr"])
    sha256: str = Field(description="The digest of its bytes: its download's strong ETag")
    url: str = Field(description="Where to download it: GET /v1/resources/{id}/attachments/{filename}")


class ResourceView(BaseModel):
    """What every read model of a resource shows: who it is, its content (the body also rendered) and its codes."""

    id: str
    translation_key: str
    language: Language
    slug: str
    type: ResourceType
    title: str
    summary: str
    body: str = Field(description="Markdown source")
    body_html: str = Field(description="Sanitised HTML rendering of the body")
    countries: list[str]
    regions: list[str]
    sectors: list[str]
    risks: list[str]
    audiences: list[str]
    publisher: str
    sources: list[Source]
    licence: str
    duration: Duration = None
    level: Level = None
    prerequisites: PrerequisitesLine = None


class ResourceRead(ResourceView):
    id: str = Field(examples=["country-ci.fr"])
    translation_key: str = Field(examples=["country-ci"])
    published_at: date
    updated_at: date
    status: ResourceStatus
    version: int
    url: str
    translations: list[TranslationLink]
    attachments: list[AttachmentRead] = Field(
        default_factory=list, description="The documents of a partner's resource, in its page's order (added 2026-12)"
    )
