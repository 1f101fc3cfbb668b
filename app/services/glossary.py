"""The glossary (``content/glossary.yaml``, written by the editors): the words of child labour, forced labour,
trafficking and due diligence, each with its name and a short definition in French and in English, the texts it comes
from (at least one) and the translation keys of the centre's resources that go further. ``crv content check``
validates it (:func:`problems`, with the content tree's resources); the page ``/fr/glossaire``, ``/en/glossary``
shows it (:mod:`app.services.site.glossary`). Optional: without the file, the page lists no term."""

import re
from collections import Counter
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

import structlog
import yaml
from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from app.languages import LANGUAGES
from app.services import typography
from app.services.slugs import slugify
from app.yaml_loader import SAFE_LOADER

GLOSSARY_FILE = "glossary.yaml"
LANG_PLACEHOLDER = "{lang}"  # in a source's url: the page in the reader's language (NORMLEX, OHCHR)
LANGUAGE_NAMES = {"fr": "French", "en": "English"}

URL = TypeAdapter(AnyHttpUrl)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
log = structlog.get_logger(__name__)


class TermText(BaseModel):
    """A term in one language: its name, as a headword, and its definition (plain text)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    definition: Annotated[str, StringConstraints(strip_whitespace=True, min_length=40, max_length=1500)]


class Titles(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: Text
    en: Text


class GlossarySource(BaseModel):
    """A text a term comes from: its title in each language (or in the one ``language`` it has) and its address; a
    ``{lang}`` in the address gives the page in the reader's language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Titles | Text
    url: Text
    language: Literal["fr", "en"] | None = None  # the language of the page the url leads to, when it has one only

    @model_validator(mode="after")
    def _consistent(self) -> "GlossarySource":
        for language in LANGUAGES:
            try:
                URL.validate_python(self.url_in(language))
            except ValidationError:
                raise ValueError(f"{self.url_in(language)!r} is not a web address (http or https)") from None
        if LANG_PLACEHOLDER in self.url and self.language is not None:
            raise ValueError("an url with {lang} leads to a page in each language: leave `language` out")
        if isinstance(self.title, str) and self.language is None:
            raise ValueError(
                "a title in one language needs the `language` it is in (fr or en), or one title per language"
            )
        if isinstance(self.title, str) and LANG_PLACEHOLDER in self.url:
            raise ValueError("an url with {lang} leads to a page in each language: give its title in each (fr, en)")
        return self

    def title_in(self, language: str) -> str:
        return self.title if isinstance(self.title, str) else getattr(self.title, language)

    def title_language(self, language: str) -> str:
        """The language the title shown to a reader of ``language`` is in."""
        return self.language if isinstance(self.title, str) and self.language else language

    def url_in(self, language: str) -> str:
        return self.url.replace(LANG_PLACEHOLDER, language)

    def page_language(self, language: str) -> str | None:
        """The language of the page the link leads a reader of ``language`` to; None when the address does not say
        (EUR-Lex's, in the visitor's language)."""
        return language if LANG_PLACEHOLDER in self.url else self.language


KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: TermText
    en: TermText
    sources: tuple[GlossarySource, ...] = Field(min_length=1)
    see_also: tuple[Annotated[str, StringConstraints(pattern=KEY.pattern)], ...] = Field(min_length=1)

    def text(self, language: str) -> TermText:
        return self.fr if language == "fr" else self.en


TERMS = TypeAdapter(tuple[GlossaryTerm, ...])


class GlossaryError(ValueError):
    """The glossary file cannot be read: the message names the file and what is wrong."""


class Problem(NamedTuple):
    """One thing wrong in the glossary file, for ``crv content check`` (``ContentIssue(GLOSSARY_FILE, *problem)``)."""

    field: str
    message: str
    line: int | None = None
    column: int | None = None


def anchor(term: str) -> str:
    """A term's fragment on the page, from its name: « Travail forcé » → ``travail-force``."""
    return slugify(term, max_length=100)


def glossary(content_dir: Path) -> tuple[GlossaryTerm, ...]:
    """The terms in ``content_dir`` in the file's order, none without the file; read again when the file changes."""
    path = content_dir / GLOSSARY_FILE
    try:
        status = path.stat()
    except FileNotFoundError:
        return ()
    return _read(path, status.st_mtime_ns, status.st_size)


def shown_glossary(content_dir: Path) -> tuple[GlossaryTerm, ...]:
    """The terms the page shows: none, and an error logged, when the file cannot be read (``crv content check``
    refuses it; a file edited in place leaves the page empty rather than failing)."""
    try:
        return glossary(content_dir)
    except GlossaryError as exc:
        log.error("glossary_unreadable", error=str(exc))
        return ()


@lru_cache(maxsize=4)
def _read(path: Path, _modified: int, _size: int) -> tuple[GlossaryTerm, ...]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        return ()
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{path}: invalid YAML: {exc}") from exc
    try:
        return TERMS.validate_python(raw or [])
    except ValidationError as exc:
        raise GlossaryError(f"{path}: {len(exc.errors())} problem(s); `crv content check` lists them") from exc


def problems(content_dir: Path, resources: Collection[tuple[str, str]]) -> list[Problem]:
    """Everything wrong in the glossary of ``content_dir`` (none without the file), each with its line: the form of
    each term (names and definitions in both languages, at least one source with a title and an address, at least
    one resource), its resources among ``resources`` (translation key, language) in both languages, the French in
    French typography and the English in English, and no two terms with the same anchor in a language."""
    path = content_dir / GLOSSARY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
        raw = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem("file", f"invalid YAML: {exc}", *((mark.line + 1, mark.column + 1) if mark else ()))]
    if not isinstance(raw, list) or not isinstance(node, yaml.SequenceNode):
        return [Problem("file", "expected a list of terms, each with fr, en, sources and see_also")]
    found: list[Problem] = []
    terms: list[tuple[int, GlossaryTerm]] = []
    for index, item in enumerate(raw):
        try:
            terms.append((index, GlossaryTerm.model_validate(item)))
        except ValidationError as exc:
            found.extend(_validation_problems(exc, node.value[index]))
    for index, term in terms:
        found.extend(_term_problems(term, node.value[index], resources))
    found.extend(_anchor_problems(terms, node))
    return sorted(found, key=lambda problem: (problem.line or 0, problem.column or 0))


def _validation_problems(exc: ValidationError, item: yaml.Node) -> Iterable[Problem]:
    errors = exc.errors()
    # A list whose every item is refused is also "too short" to pydantic: its items' problems say it better.
    refused_items = {error["loc"][0] for error in errors if len(error["loc"]) > 1 and isinstance(error["loc"][1], int)}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and len(loc) == 1 and loc[0] in refused_items:
            continue
        field = ".".join(str(part) for part in loc) or "term"
        said = error["msg"].removeprefix("Value error, ")  # a validator's own words, without pydantic's prefix
        message = _MESSAGES.get((str(loc[-1]) if loc else "", error["type"]), said)
        yield Problem(field, message, *_position(item, loc))


# Pydantic's words for the two refusals an editor meets most, in the glossary's own.
_MESSAGES = {
    ("sources", "missing"): "a term needs at least one source: the text it comes from (title and url)",
    ("sources", "too_short"): "a term needs at least one source: the text it comes from (title and url)",
    ("see_also", "missing"): "a term needs at least one of the centre's resources (translation keys) to go further",
    ("see_also", "too_short"): "a term needs at least one of the centre's resources (translation keys) to go further",
}


def _term_problems(term: GlossaryTerm, item: yaml.Node, resources: Collection[tuple[str, str]]) -> Iterable[Problem]:
    for position, key in enumerate(term.see_also):
        where = _position(item, ("see_also", position))
        missing = [language for language in LANGUAGES if (key, language) not in resources]
        if len(missing) == len(LANGUAGES):
            yield Problem("see_also", f"{key!r} is not the translation_key of a resource of content/resources", *where)
        elif missing:
            names = " and ".join(LANGUAGE_NAMES[language] for language in missing)
            yield Problem("see_also", f"{key!r} has no {names} version: that glossary could not link it", *where)
    for key, times in Counter(term.see_also).items():
        if times > 1:
            yield Problem(
                "see_also", f"{key!r} is named {times} times: once is enough", *_position(item, ("see_also",))
            )
    for name in ("term", "definition"):
        french: str = getattr(term.fr, name)
        if (typeset := typography.french(french)) != french:
            offset = typography.first_difference(french, typeset)
            yield Problem(
                f"fr.{name}",
                f"is not in French typography from {french[offset : offset + 12]!r}: ’ for ', a no-break space "
                "before : ; ! ? % and inside « »",
                *_position(item, ("fr", name)),
            )
        for mark in typography.french_marks(getattr(term.en, name)):
            yield Problem(
                f"en.{name}",
                f"{mark.rule} in English, {mark.found!r}: write {mark.fix}",
                *_position(item, ("en", name)),
            )


def _anchor_problems(terms: list[tuple[int, GlossaryTerm]], node: yaml.SequenceNode) -> Iterable[Problem]:
    for language in LANGUAGES:
        seen: dict[str, str] = {}
        for index, term in terms:
            name = term.text(language).term
            fragment = anchor(name)
            if fragment in seen:
                yield Problem(
                    f"{language}.term",
                    f"{name!r} has the same anchor (#{fragment}) as {seen[fragment]!r}: two terms, one name",
                    *_position(node.value[index], (language, "term")),
                )
            else:
                seen[fragment] = name


def _position(node: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """The line and column of the deepest node of ``loc`` (keys and list indexes) found under ``node``."""
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if getattr(key, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1
