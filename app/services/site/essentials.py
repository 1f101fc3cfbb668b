"""The resources to begin with on a taxonomy term (its ``essentials``, chosen by the editors in
``content/taxonomies/``), listed above the results of a search about that term alone: « travail forcé » typed, or
the risk filter « Travail forcé » and nothing else (the home page's browse links).

Ranked by their words, such a search lists first the short sheets whose titles name the term (« Gants : travail
forcé — fiche risque produit »), and with the filter alone every resource is about it, in title order: a reader new
to the subject needs first the texts that define it and say how to act on it. The term is a risk's page, in effect:
its new resources by email are offered there too (a buyer follows forced labour, not the words typed)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.filters import FILTERS, FilterField
from app.paths import alert_path, resource_path
from app.search.text import SynonymIndex, analyze_query
from app.services.site.published import PublishedIndex
from app.taxonomy import Taxonomies, Term


@dataclass(frozen=True, slots=True)
class Essentials:
    term: str  # its label in the page's language
    links: Sequence[tuple[str, str]]  # (title, page) in reading order
    alert_url: str  # the term's new resources by email: its filter's, whether it was typed or chosen


def subject(
    q: str, filters: Mapping[FilterField, Sequence[str]], synonyms: SynonymIndex, taxonomies: Taxonomies
) -> Term | None:
    """The taxonomy term a search is about alone, when it has essentials: its words name that one term and no
    filter is set, or no words and one filter holds that one value."""
    if q:
        clauses = analyze_query(q, synonyms)
        if filters or len(clauses) != 1 or len(clauses[0].codes) != 1:
            return None
        ((attribute, code),) = clauses[0].codes
        vocabulary = next(spec.vocabulary for spec in FILTERS.values() if spec.attribute == attribute)
    else:
        if len(filters) != 1:
            return None
        ((field, values),) = filters.items()
        if len(values) != 1:
            return None
        vocabulary, code = FILTERS[field].vocabulary, values[0]
    term = taxonomies[vocabulary].get(code) if vocabulary else None
    return term if term is not None and term.essentials else None


def essentials(term: Term, published: PublishedIndex, language: str, taxonomies: Taxonomies) -> Essentials | None:
    """``term``'s essentials that are published, each in ``language`` when it is translated (else in the other)."""
    links = [
        (entry.title, resource_path(entry.language, entry.slug))
        for entry in (published.best(key, language) for key in term.essentials)
        if entry is not None
    ]
    if not links:
        return None
    # the filter of the vocabulary holding this very term (a code alone may be another vocabulary's too)
    field = next(
        name for name, spec in FILTERS.items() if spec.vocabulary and taxonomies[spec.vocabulary].get(term.code) is term
    )
    alert_url = alert_path(language, **{field.value: term.code})
    return Essentials(term.label(language), links, alert_url)
