"""A search result as the site shows it, on the search page and among the 404's guesses: its title and summary as
the engine highlighted them, an excerpt of its body, its type, places, sectors and date; a training module's
audiences, length and level."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from app.i18n import collation_key, format_number, ngettext
from app.models import ResourceType
from app.paths import resource_path
from app.search.base import SearchDocument, SearchResult
from app.services import training
from app.services.training import TrainingFacts
from app.taxonomy import Taxonomies, TaxonomyName, Term

# The types whose results say whom they are written for (their audiences): a trainer chooses a training module by
# its participants; other resources are chosen by subject, and their audiences, often many, would crowd the list.
AUDIENCES_LISTED: frozenset[ResourceType] = frozenset({ResourceType.training_module})
# A result's countries (or regions) and sectors named before « and N more »: a commodity sheet lists dozens.
PLACES_SHOWN = 4
SECTORS_SHOWN = 3
Named = Mapping[str, frozenset[str]]  # a document attribute (« countries ») → the codes a search is about


@dataclass(frozen=True, slots=True)
class Hit:
    title: Markup
    url: str
    type_label: str
    summary: Markup
    excerpt: Markup
    places: str
    published_at: str
    audiences: str = ""  # whom it is written for, on the types of AUDIENCES_LISTED
    # a training module's length and level (app.services.training), what tells a 1-hour module from a 6-hour one;
    # its prerequisites, which its search document now holds too, are left to its page: a hit stays short
    training: TrainingFacts | None = None


# An excerpt's text keeps its blocks (a heading, a paragraph, a table row) on lines of their own, which HTML would
# run together: « What the map is for A risk map… ». A block not ending a sentence is followed by a middle dot.
_BLOCK_BREAK = re.compile(r"(?<![.!?…:;])\n")


def excerpt(body: str) -> Markup:
    """The engine's highlighted, cropped body (its marks are the only markup) with its blocks told apart."""
    return Markup(_BLOCK_BREAK.sub(" · ", body).replace("\n", " "))


def hits(result: SearchResult, taxonomies: Taxonomies, language: str, named: Named | None = None) -> list[Hit]:
    """The results as the page shows them; ``named``: what the search is about, listed first among each result's
    places (app.services.site.search_page.named_codes)."""
    from app.services.pages import human_date

    found = []
    for hit in result.hits:
        document = hit.document
        audiences = [_label(taxonomies, TaxonomyName.audiences, a, language) for a in document.audiences]
        found.append(
            Hit(
                title=Markup(hit.highlights.get("title") or Markup.escape(document.title)),
                url=resource_path(document.language, document.slug),
                type_label=_label(taxonomies, TaxonomyName.types, document.type, language),
                summary=Markup(hit.highlights.get("summary") or Markup.escape(document.summary)),
                excerpt=excerpt(hit.highlights.get("body", "")),
                places=places(document, taxonomies, language, named or {}),
                published_at=human_date(document.published_at, language),
                audiences=", ".join(audiences) if document.type in AUDIENCES_LISTED else "",
                training=training.facts(document.duration, document.level, None, language),
            )
        )
    return found


def _label(taxonomies: Taxonomies, vocabulary: TaxonomyName, code: str, language: str) -> str:
    term = taxonomies[vocabulary].get(code)
    return term.label(language) if term else code


def places(document: SearchDocument, taxonomies: Taxonomies, language: str, named: Named) -> str:
    """Where a resource is about and on what: its countries (its regions when it names no country: the EU's texts),
    then its sectors, each by name in the reader's language, those the search is about first (« Chinese cotton »:
    China and cotton), and past the first few how many more. In ISO code order and cut at four without a word,
    cotton's countries hid Turkmenistan after « Argentina, Azerbaijan, Burkina Faso, Benin »."""
    if document.countries:
        where = _listed(document.countries, taxonomies[TaxonomyName.countries], language, named, "countries")
    else:
        where = _listed(document.regions, taxonomies[TaxonomyName.regions], language, named, "regions")
    sectors = _listed(document.sectors, taxonomies[TaxonomyName.sectors], language, named, "sectors")
    return " · ".join(part for part in (where, sectors) if part)


def _listed(codes: Sequence[str], terms: Mapping[str, Term], language: str, named: Named, attribute: str) -> str:
    first = named.get(attribute, frozenset())
    labels = sorted(
        ((code not in first, terms[code].label(language) if code in terms else code) for code in codes),
        key=lambda item: (item[0], collation_key(item[1])),
    )
    shown = SECTORS_SHOWN if attribute == "sectors" else PLACES_SHOWN
    if len(labels) <= shown + 1:  # « and 1 more » would take the room of the name it hides
        return ", ".join(label for _, label in labels)
    listed = ", ".join(label for _, label in labels[:shown])
    more = len(labels) - shown
    count = format_number(more, language)
    return ngettext(language, "%(places)s and %(count)s more", "%(places)s and %(count)s more", more, places=listed,
                    count=count)  # fmt: skip
