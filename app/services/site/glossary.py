"""The glossary page (``/fr/glossaire``, ``/en/glossary``): the terms of ``content/glossary.yaml``
(:mod:`app.services.glossary`) in the page's language, in dictionary order (« Âge » with the A, « É » with the E:
:func:`app.i18n.collation_key`), grouped by their first letter for the A–Z jump list; each with its anchor, its name
in the other language, its sources as links and the centre's resources that go further, as published in the page's
language (a resource not published in it is left out, not linked to the other language's)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.i18n import collation_key
from app.languages import other_language
from app.paths import resource_path
from app.services.glossary import GlossaryTerm, anchor
from app.services.site.published import PublishedIndex
from app.services.typography import typeset

LETTER_ANCHOR = {"fr": "lettre", "en": "letter"}  # « #lettre-t », "#letter-t": the letters' own anchors


@dataclass(frozen=True, slots=True)
class SourceLink:
    title: str
    url: str
    title_language: str | None  # the title's language where it is not the page's (``lang``)
    page_language: str | None  # the language of the page it leads to where it is not the page's (``hreflang``)


@dataclass(frozen=True, slots=True)
class ResourceLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    anchor: str
    term: str
    definition: str
    other_term: str  # the name in the other language
    sources: Sequence[SourceLink]
    see_also: Sequence[ResourceLink]


@dataclass(frozen=True, slots=True)
class Letter:
    letter: str
    anchor: str
    entries: Sequence[Entry]


@dataclass(frozen=True, slots=True)
class GlossaryView:
    language: str
    other_language: str
    letters: Sequence[Letter]

    @property
    def entries(self) -> list[Entry]:
        return [entry for letter in self.letters for entry in letter.entries]


def build_glossary(terms: Iterable[GlossaryTerm], language: str, published: PublishedIndex) -> GlossaryView:
    other = other_language(language)
    entries = sorted(
        (_entry(term, language, other, published) for term in terms), key=lambda entry: collation_key(entry.term)
    )
    letters: dict[str, list[Entry]] = {}
    for entry in entries:
        letters.setdefault(initial(entry.term), []).append(entry)
    return GlossaryView(
        language,
        other,
        [
            Letter(letter, f"{LETTER_ANCHOR.get(language, 'letter')}-{letter.lower()}", group)
            for letter, group in letters.items()
        ],
    )


def initial(term: str) -> str:
    """The letter a term is listed under: its first, without accent (« Âge » under A, « État » under E)."""
    return collation_key(term)[0][:1].upper()


def _entry(term: GlossaryTerm, language: str, other: str, published: PublishedIndex) -> Entry:
    text = term.text(language)
    sources = [
        SourceLink(
            source.title_in(language),
            source.url_in(language),
            title_language if (title_language := source.title_language(language)) != language else None,
            page_language if (page_language := source.page_language(language)) not in (None, language) else None,
        )
        for source in term.sources
    ]
    see_also = [
        ResourceLink(entry.title, resource_path(language, entry.slug))
        for key in term.see_also
        if (entry := published.by_key.get(key, {}).get(language)) is not None
    ]
    return Entry(
        anchor(text.term),
        typeset(text.term, language),
        typeset(text.definition, language),
        term.text(other).term,
        sources,
        see_also,
    )


def json_ld(view: GlossaryView, name: str, canonical: str) -> dict[str, Any]:
    """schema.org's ``DefinedTermSet`` of the page: each term with its definition and its address (the anchor)."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": canonical,
        "name": name,
        "url": canonical,
        "inLanguage": view.language,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{canonical}#{entry.anchor}",
                "name": entry.term,
                "description": entry.definition,
                "url": f"{canonical}#{entry.anchor}",
                "inDefinedTermSet": canonical,
            }
            for entry in view.entries
        ],
    }
