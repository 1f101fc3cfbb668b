"""What to write instead: the plain words `crv content check` says a problem in, for people who write the
resources rather than the code (docs/content-format.md).

Each function takes what a check found — a YAML error, a schema error and the value as typed, a link to no
resource — and gives the message that names the mistake and the line to write: « 3 décembre 2026 » is told
``published_at: 2026-12-03``, a title holding « : » is given back in double quotes, a misspelt link its key.
:mod:`app.services.content` places them in the file.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import yaml
from pydantic_core import ErrorDetails

from app.models import ResourceType
from app.schemas.resource import TAXONOMY_FIELDS
from app.services.markdown import internal_links
from app.services.resource_files import Document
from app.taxonomy import Taxonomies, TaxonomyName, Term, fold, suggest
from app.yaml_loader import DUPLICATE_KEY, SAFE_LOADER

FORMAT_DOC = "docs/content-format.md"
LANGUAGE_NAMES = {"fr": "French", "en": "English"}
# A vocabulary this small is listed whole in a message about it: the regions, risks, audiences, types.
LISTED_VOCABULARY = 20
_TAXONOMY_FILE = "content/taxonomies/{name}.yaml"
_FILE_NAME = re.compile(r"^(?P<key>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2})\.md$")

# The line to add for a required field, and what it holds.
REQUIRED_LINES: dict[str, tuple[str, str]] = {
    "translation_key": ("translation_key: country-gh", "the file's name before .fr.md or .en.md"),
    "language": ("language: fr", "fr or en, as at the end of the file's name"),
    "slug": ("slug: ghana", "the page's address: lowercase words joined by hyphens, unique in its language"),
    "type": ("type: risk_sheet", f"one of {', '.join(t.value for t in ResourceType)}"),
    "title": ('title: "…"', "one line, in double quotes"),
    "summary": ('summary: "…"', "plain text, at most 600 characters"),
    "publisher": ("publisher: crv", "crv is the centre's editorial team"),
    "licence": ("licence: CC-BY-4.0", "an SPDX licence id, or public-domain"),
    "published_at": ("published_at: 2026-12-03", "year-month-day"),
    "url": ("url: https://…", "the page's whole address, under the source's title and lined up with it"),
}
_MONTHS = {
    **dict.fromkeys(("janvier", "january"), 1),
    **dict.fromkeys(("fevrier", "february"), 2),
    **dict.fromkeys(("mars", "march"), 3),
    **dict.fromkeys(("avril", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june"), 6),
    **dict.fromkeys(("juillet", "july"), 7),
    **dict.fromkeys(("aout", "august"), 8),
    **dict.fromkeys(("septembre", "september"), 9),
    **dict.fromkeys(("octobre", "october"), 10),
    **dict.fromkeys(("novembre", "november"), 11),
    **dict.fromkeys(("decembre", "december"), 12),
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Advice:
    line: int  # 1-based, in the whole file
    column: int
    message: str


# Dates


def _month(word: str) -> int | None:
    """The month a French or English name, or its first three letters or more, names (« déc. », « Sept »)."""
    if len(word) < 3:
        return None
    months = {number for name, number in _MONTHS.items() if name.startswith(word)}
    return months.pop() if len(months) == 1 else None


def _day(year: int, month: int | None, day: int) -> date | str | None:
    """The day, or why there is none (« there is no month 13 »)."""
    if month is None:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        return date(year, month, day)
    except ValueError:
        return f"there is no day {day} in month {month} of {year}"


def read_date(value: object) -> date | str | None:
    """The day a date written another way names — « 3 décembre 2026 », « 03/12/2026 » (day first, as in French),
    « December 3, 2026 », « 2026-12-3 » —, the reason it names none (« 2026-13-01 »), or None when it is no date."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().casefold().strip()
    if match := _DAY_MONTH_YEAR.match(text):
        return _day(int(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.match(text):
        return _day(int(match[3]), _month(match[1]), int(match[2]))
    if match := _NUMERIC_DMY.match(text):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := _NUMERIC_YMD.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    return None


def date_message(field: str, value: object) -> str:
    """What to write for a date the format cannot read: year-month-day, the day it seems to be when it is one."""
    found = read_date(value)
    if isinstance(found, date):
        return (
            f"{value!r} is not a date as the format writes it (year-month-day): write {field}: {found.isoformat()} "
            f"({found.day} {found.strftime('%B')} {found.year})"
        )
    why = f" ({found})" if found else ""
    return f"{value!r} is not a date{why}: write it year-month-day, e.g. {field}: 2026-12-03"


# Schema errors


def _slugified(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _codes_of(vocabulary: Mapping[str, Term], name: TaxonomyName) -> str:
    if len(vocabulary) <= LISTED_VOCABULARY:
        return "the codes: " + ", ".join(vocabulary)
    return f"the codes are in {_TAXONOMY_FILE.format(name=name.value)}"


def _as_list(field: str, value: str, taxonomies: Taxonomies | None, name: TaxonomyName) -> str:
    parts = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    codes = []
    for part in parts:
        found = suggest(taxonomies[name], part) if taxonomies is not None and part not in taxonomies[name] else []
        codes.append(found[0] if found else part)
    return f"is a list, written in square brackets: {field}: [{', '.join(codes)}]"


def _closest(word: str, choices: Iterable[str]) -> str | None:
    folded = {fold(choice).replace(" ", "") or choice: choice for choice in choices}
    close = difflib.get_close_matches(fold(word).replace(" ", ""), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def field_message(
    error: ErrorDetails, value: object, taxonomies: Taxonomies | None, fields: Iterable[str]
) -> str | None:
    """The plain words of one schema error on a content file or draft, given the value as typed; None where the
    schema's own message says it well enough. ``fields``: the fields of the format, for an unknown one."""
    kind, location = error["type"], tuple(error["loc"])
    field = str(location[-1]) if location else "front matter"
    top = str(location[0]) if location else ""
    if kind == "missing" and field in REQUIRED_LINES:
        line, holds = REQUIRED_LINES[field]
        return f"is required: add the line « {line} » ({holds})"
    if kind.startswith("date_"):
        return date_message(field, value)
    if kind in ("url_parsing", "url_scheme", "url_type"):
        shown = str(value).strip()
        if kind == "url_parsing" and "." in shown and " " not in shown and "://" not in shown:
            return f"{shown!r} is not a whole web address (URL): write url: https://{shown}"
        return f"{shown!r} is not a web address (URL): copy the page's whole address from the browser, https://…"
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        fixed = _slugified(value)
        return (
            f"{value!r} does not match the pattern of a {field}: lowercase letters, digits and single hyphens only"
            + (f"; write {field}: {fixed}" if fixed else "")
        )
    if kind == "list_type" and top in TAXONOMY_FIELDS and len(location) == 1 and isinstance(value, str):
        return _as_list(top, value, taxonomies, TAXONOMY_FIELDS[top])
    if kind == "enum":
        expected = str((error.get("ctx") or {}).get("expected", ""))
        choices = re.findall(r"'([^']+)'", expected)
        close = _closest(str(value), choices)
        return f"{error['msg']}; did you mean {close!r}?" if close and close != value else None
    if kind == "extra_forbidden":
        close = _closest(field, fields)
        hint = f"; did you mean {close!r}?" if close else ""
        return f"is not a field of the format (extra inputs are not permitted){hint}; the fields are in {FORMAT_DOC}"
    if kind == "crv_unknown_code" and taxonomies is not None and top in TAXONOMY_FIELDS:
        name = TAXONOMY_FIELDS[top]
        if len(taxonomies[name]) <= LISTED_VOCABULARY:  # listed whole, instead of the API's address
            return f"{error['msg'].split('; the codes are in ')[0]}; {_codes_of(taxonomies[name], name)}"
    return None


# Files and links across the tree


def identity(file_name: str) -> tuple[str, str] | None:
    """``(translation_key, language)`` a file's name gives (``country-gh.fr.md``), whatever its front matter says."""
    named = _FILE_NAME.match(file_name)
    return (named["key"], named["language"]) if named else None


@dataclass(frozen=True, slots=True)
class Entry:
    """What the checks across files know of one file: who it is, its slug, its body and where they are written."""

    path: str
    translation_key: str
    language: str
    slug: str | None
    body: str
    line_of: Mapping[str, int]


def entries(path: str, file_name: str, document: Document | None) -> list[Entry]:
    """The entry of a file with problems of its own, as far as it can be read: who its name says it is (else its
    front matter), its slug and body when its YAML reads; none when neither says who it is."""
    metadata = document.metadata if document is not None else {}
    named = identity(file_name)
    key, language = named or (metadata.get("translation_key"), metadata.get("language"))
    if not isinstance(key, str) or not isinstance(language, str):
        return []
    slug = metadata.get("slug")
    line_of: dict[str, int] = {}
    body = ""
    if document is not None:
        body = document.body.strip() + "\n"
        lead = document.body[: len(document.body) - len(document.body.lstrip())]
        line_of = {name: document.position_of((name,)).line for name in ("translation_key", "slug", "language")}
        line_of["body"] = document.body_line + lead.count("\n")
    return [Entry(path, key, language, slug if isinstance(slug, str) else None, body, line_of)]


def file_name_message(file_name: str, key: str, language: str) -> str:
    """A file whose name and front matter disagree: the name to give it, or — a file copied to start a new
    resource keeps the translation_key of the one it was copied from — the key to write."""
    expected = f"{key}.{language}.md"
    message = f"must be {expected!r} to match translation_key and language"
    named = identity(file_name)
    if named is None or named[0] == key:
        return message
    return f"{message}; for a new resource (a copied file), write translation_key: {named[0]} instead"


def missing_translation(path: str, key: str, missing: Iterable[str]) -> str:
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    files = " and ".join(f"{folder}{key}.{language}.md" for language in sorted(missing))
    names = " and ".join(LANGUAGE_NAMES.get(language, language) for language in sorted(missing))
    return (
        f"no {names} translation: write {files} beside it (the same translation_key, its own slug and language); "
        "every resource is published in French and in English"
    )


def duplicate_slug(slug: str, language: str, others: Iterable[str]) -> str:
    return (
        f"{slug!r} is also the slug of {', '.join(others)}: choose another (a slug is the page's address, one per "
        f"{LANGUAGE_NAMES.get(language, language)} page)"
    )


def broken_links(body: str, body_line: int, keys: Iterable[str]) -> list[Advice]:
    """Every ``crv:`` link of ``body`` to a translation key not in ``keys``, at its own line and column, with the
    closest key when there is one (« crv:method-forced-labour-indicator » → ``method-forced-labour-indicators``)."""
    known = set(keys)
    found, start = [], 0
    for target in internal_links(body):
        offset = body.find(f"crv:{target}", start)
        if offset < 0:
            offset = start  # a link written in a way the text does not hold as such (an escape): its block's place
        else:
            start = offset + 4
        if target in known:
            continue
        line = body.count("\n", 0, offset) + body_line
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        close = difflib.get_close_matches(target, known, n=1, cutoff=0.8)
        hint = f"; did you mean crv:{close[0]}?" if close else "; a link names a resource's translation_key"
        found.append(Advice(line, column, f"broken internal link crv:{target} (no such translation_key){hint}"))
    return found


# YAML


def _front_matter(text: str) -> list[str] | None:
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    return lines[1:end]


_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[^\s:#\"'][^:]*?):(?:\s|$)")


def _duplicate(source: str, line: int) -> Advice | None:
    """Where a key given twice was first given, from the YAML's node tree (composing checks no key)."""
    node = yaml.compose(source, Loader=SAFE_LOADER)
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first and key.start_mark.line == line:
                        message = (
                            f"invalid YAML: {key.value} is given twice, on lines {first[key.value] + 2} and "
                            f"{line + 2}: keep one (YAML would keep the last and drop the other without a word)"
                        )
                        return Advice(line + 2, key.start_mark.column + 1, message)
                    first.setdefault(key.value, key.start_mark.line)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


# Fields of free text: a « # » in them is text, never a comment its writer meant (« Le #1 du cacao »).
TEXT_FIELDS = frozenset({"title", "summary", "prerequisites"})


def cut_by_comment(document: Document) -> list[Advice]:
    """Free text YAML cut at « # »: in ``title: Le #1 du cacao`` what follows the « # » is a comment, dropped, and
    the title reads « Le ». A source's title too; the other fields may carry a comment."""
    lines = document.text.splitlines()[1 : document.body_line - 2]
    if not any(" #" in line or "\t#" in line for line in lines):
        return []  # nearly every file: nothing to compose again
    node = yaml.compose("\n".join(lines) + "\n", Loader=SAFE_LOADER)
    found: list[Advice] = []
    for key, value in _text_values(node):
        end = value.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if not value.style and re.match(r"\s+#", rest):
            whole = f"{value.value}{rest}".strip()
            message = (
                f"{key} stops at « # »: YAML reads what follows as a comment and drops it ({key} is "
                f"{value.value!r}); put the value in double quotes: {_quoted(key, whole)}"
            )
            found.append(Advice(end.line + 2, end.column + len(rest) - len(rest.lstrip()) + 1, message))
    return found


def _text_values(node: yaml.Node | None, in_source: bool = False) -> Iterable[tuple[str, yaml.ScalarNode]]:
    """The free text values of the front matter (:data:`TEXT_FIELDS`, a source's title), with their keys."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if isinstance(value, yaml.ScalarNode) and key.value in (("title",) if in_source else TEXT_FIELDS):
            yield key.value, value
        elif key.value == "sources" and not in_source and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                yield from _text_values(item, in_source=True)


def _quoted(key: str, value: str) -> str:
    return f'{key}: "{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'


def _requoted(value: str) -> str:
    """A quoted value whose quotes inside it ended it early, quoted again: an apostrophe between letters is ’."""
    inner = value[1:].rstrip()
    inner = inner.removesuffix(value[0])
    inner = re.sub(r"(?<=\w)[\"'](?=\w)", "’", inner)
    return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _above(lines: list[str], index: int) -> re.Match[str] | None:
    """The field on the nearest line above ``index`` that starts one."""
    for previous in range(index - 1, -1, -1):
        if match := _KEY.match(lines[previous]):
            return match
    return None


def _alignment(lines: list[str], index: int, what: str) -> Advice | None:
    match, above = _KEY.match(lines[index]), _above(lines, index)
    if match is None or above is None:
        return None
    column = len(above["indent"]) + len(above["dash"] or "") + 1
    here = len(match["indent"]) + len(match["dash"] or "") + 1
    if here == column and not match["dash"]:
        return None
    where = f"under « {above['key']}: » on the line above, at column {column}" if column > 1 else "at column 1"
    message = (
        f"invalid YAML: {what}: « {match['key']}: » starts at column {here}; write it {where}, "
        "with spaces (a source's title and url line up, the fields start at column 1)"
    )
    return Advice(index + 2, here, message)


def yaml_advice(text: str) -> Advice | None:
    """Where a file's front matter cannot be read and what to write instead, for the mistakes people make: a
    tab, a colon or a quote inside a value, a line indented wrong, a list left open, a key given twice. None when
    the YAML reads, or for a mistake it has no words for (the reader's own message then stands)."""
    lines = _front_matter(text)
    if lines is None:
        return None
    source = "\n".join(lines) + "\n"
    try:
        yaml.load(source, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        return _advice(lines, source, exc)
    except yaml.YAMLError:
        return None
    return None


def _advice(lines: list[str], source: str, exc: yaml.MarkedYAMLError) -> Advice | None:
    problem, mark, context = exc.problem or "", exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    index, column = mark.line, mark.column
    line = lines[index] if index < len(lines) else ""
    said = " ".join(part.strip() for part in (exc.context, exc.problem) if part)
    if problem.startswith(DUPLICATE_KEY):
        return _duplicate(source, index)
    tab = line.find("\t")
    if "tab" in problem or (tab >= 0 and "cannot start any token" in problem):
        return Advice(
            index + 2,
            max(tab, 0) + 1,
            "invalid YAML: a tab character; YAML lines are indented with spaces only: replace the tab with spaces",
        )
    match = _KEY.match(line)
    value_at = match.end() if match else 0
    if problem.startswith("mapping values are not allowed") and match:
        if column >= value_at:  # a colon inside the value
            value = line[value_at:].strip()
            return Advice(
                index + 2,
                column + 1,
                f"invalid YAML: {problem}: the value of {match['key']} holds « : »; put it in double quotes: "
                f"{match['dash'] or ''}{_quoted(match['key'], value)}",
            )
        return _alignment(lines, index, problem)
    if problem.startswith("did not find expected") and match and "flow" not in said:
        rest = line[value_at:].lstrip()
        if rest[:1] in ('"', "'") and column > value_at:
            return Advice(
                index + 2,
                column + 1,
                f"invalid YAML: the value of {match['key']} ends at its second {rest[0]} and the rest of the line "
                'cannot be read: in French text write ’ for an apostrophe and « » for quotation marks, else \\" '
                f"inside double quotes: {match['key']}: {_requoted(rest)}",
            )
        return _alignment(lines, index, problem)
    if context is not None and "flow" in said:
        return Advice(
            context.line + 2,
            context.column + 1,
            f"invalid YAML: {said}: the list opened here is not closed; end it with ] on the same line, "
            "e.g. countries: [CI, GH]",
        )
    if context is not None and "simple key" in said:
        return Advice(
            context.line + 2,
            context.column + 1,
            f"invalid YAML: line {context.line + 2} is neither a field (name: value) nor indented under one: the "
            "lines of a text after « summary: >- » are indented by two spaces",
        )
    return None
