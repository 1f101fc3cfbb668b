"""A resource's reference for a reference manager: RIS (Zotero, EndNote, Mendeley), BibLaTeX (an ``@online`` entry)
and CSL-JSON (pandoc, citeproc, Zotero), from ``/v1/resources/{id}/citation?format=`` and by content negotiation
on ``/v1/resources/{id}``.

Each says what the page's « How to cite » says (:func:`app.services.pages.cite`): the publishing organisation as an
institutional author, the title as the page shows it, the centre as the site unless it is the author, the date of
this version, the address and the day it is read. The organisation is written so that each format's readers keep it
whole, not split into a first and a last name as a person's: RIS's ``AU`` without a comma, BibTeX's name in a second
pair of braces, CSL's ``literal`` name (Zotero's RIS, BibTeX and CSL-JSON importers read them as one field)."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app.i18n import centre_today
from app.models import Resource
from app.services.centre import centre_name
from app.services.jsonld import publisher_of
from app.services.resources import resource_url
from app.services.typography import typeset


class CitationFormat(StrEnum):
    ris = "ris"
    bibtex = "bibtex"
    csl = "csl"


MEDIA_TYPES = {
    CitationFormat.ris: "application/x-research-info-systems",
    CitationFormat.bibtex: "application/x-bibtex",
    CitationFormat.csl: "application/vnd.citationstyles.csl+json",
}
BY_MEDIA_TYPE = {media_type: fmt for fmt, media_type in MEDIA_TYPES.items()}
EXTENSIONS = {CitationFormat.ris: "ris", CitationFormat.bibtex: "bib", CitationFormat.csl: "json"}
LABELS = {CitationFormat.ris: "RIS", CitationFormat.bibtex: "BibTeX", CitationFormat.csl: "CSL-JSON"}
# biblatex's ``langid`` (babel's names), for the hyphenation of the title in the language it is written in
BABEL_LANGUAGES = {"fr": "french", "en": "english"}


@dataclass(frozen=True, slots=True)
class Reference:
    key: str  # the BibTeX key and CSL id: ASCII, the same for a resource's version whatever the day
    title: str
    author: str  # the publishing organisation
    site: str | None  # the centre, where it is not the author
    issued: date  # this version's date, the one the page's citation gives
    accessed: date
    url: str
    language: str
    abstract: str


def reference(session: Session, base_url: str, resource: Resource, accessed: date | None = None) -> Reference:
    """The resource's reference, read on ``accessed`` (today in the centre's time zone by default)."""
    language, issued = resource.language, resource.updated_at
    author, _ = publisher_of(session, resource)
    centre = centre_name(language)
    return Reference(
        # the language too: a sheet's French and English pages may share their slug, and a thesis cite both
        key=re.sub(r"[^A-Za-z0-9-]+", "-", f"{resource.publisher}-{issued.year}-{resource.slug}-{language}"),
        title=typeset(resource.title, language),
        author=author,
        site=centre if author != centre else None,
        issued=issued,
        accessed=accessed or centre_today(),
        url=resource_url(base_url, language, resource.slug),
        language=language,
        abstract=typeset(resource.summary, language),
    )


def filename(resource: Resource, fmt: CitationFormat) -> str:
    return f"{resource.slug}.{EXTENSIONS[fmt]}"


def _one_line(value: str) -> str:
    """A value on one line: RIS reads a tag per line (no-break spaces are kept)."""
    return re.sub(r"\s*[\r\n]+\s*", " ", value).strip()


def ris(ref: Reference) -> str:
    """``TY  - ELEC`` (Zotero's « Web page »): ``T2`` the site, ``DA`` this version's date, ``Y2`` the day read;
    CRLF line ends, as the format's specification asks."""
    tags = [
        ("TY", "ELEC"),
        ("TI", ref.title),
        ("AU", ref.author),
        *([("T2", ref.site)] if ref.site else []),
        ("PY", str(ref.issued.year)),
        ("DA", ref.issued.strftime("%Y/%m/%d")),
        ("Y2", ref.accessed.strftime("%Y/%m/%d")),
        ("LA", ref.language),
        ("UR", ref.url),
        ("AB", ref.abstract),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in tags)


_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_TEX_SPECIAL = re.compile("|".join(re.escape(character) for character in _TEX_SPECIALS))


def tex(value: str) -> str:
    """``value`` as a BibTeX field's text: LaTeX's special characters escaped, on one line, the no-break spaces of
    French typography as ties (pdfLaTeX's UTF-8 input does not know the narrow one)."""
    escaped = _TEX_SPECIAL.sub(lambda match: _TEX_SPECIALS[match.group()], _one_line(value))
    return re.sub("[\u00a0\u202f]", "~", escaped)


def bibtex(ref: Reference) -> str:
    """A biblatex ``@online`` entry (Zotero's « Web page »): the organisation in double braces, one name; ``date``
    this version's, ``urldate`` the day read; ``titleaddon`` the site, as Zotero's own BibLaTeX export writes it."""
    fields = [
        ("author", f"{{{tex(ref.author)}}}"),
        ("title", tex(ref.title)),
        *([("titleaddon", tex(ref.site))] if ref.site else []),
        ("date", ref.issued.isoformat()),
        ("urldate", ref.accessed.isoformat()),
        ("url", ref.url),
        ("langid", BABEL_LANGUAGES.get(ref.language, ref.language)),
        ("abstract", tex(ref.abstract)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{ref.key},\n{body}\n}}\n"


def _date_parts(day: date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(ref: Reference) -> str:
    """A CSL-JSON array of one ``webpage`` item (what pandoc and citeproc read): the organisation as a ``literal``
    name, ``container-title`` the site."""
    item = {
        "id": ref.key,
        "type": "webpage",
        "title": ref.title,
        "author": [{"literal": ref.author}],
        **({"container-title": ref.site} if ref.site else {}),
        "issued": _date_parts(ref.issued),
        "accessed": _date_parts(ref.accessed),
        "URL": ref.url,
        "language": ref.language,
        "abstract": ref.abstract,
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[CitationFormat, Callable[[Reference], str]] = {
    CitationFormat.ris: ris,
    CitationFormat.bibtex: bibtex,
    CitationFormat.csl: csl_json,
}


def render(ref: Reference, fmt: CitationFormat) -> str:
    return WRITERS[fmt](ref)
