"""Facet-value search and autocomplete.

Facet-value search is Meilisearch's ``/facet-search`` for our facets: the values of one facet, under the current
query and filters (disjunctive counts, as in the search), whose label in either language, synonym or code
matches the typed words — so a 143-country facet can be narrowed to « cô » → Côte d'Ivoire, and the publisher
facet to « ethique » → its organisation's code, labelled with its name. Autocomplete offers
taxonomy terms (a filter to apply) and resource titles (a page to open) for what is being typed.
"""

import html
from collections.abc import Mapping, Sequence
from dataclasses import replace

from app.filters import FILTERS
from app.languages import LANGUAGES
from app.schemas.search import FacetSearchResponse, FacetValueRead, SuggestionRead, SuggestResponse
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.search.text import fold, tokenize
from app.services.access import trim_facets
from app.services.centre import CENTRE_SLUG, organisation_name
from app.services.resources import resource_url
from app.services.search import LANGUAGE_NAMES, PublisherNames, facet_label, facet_labels, run, top_values
from app.taxonomy import Taxonomies, Term

# Facets whose terms autocomplete offers, in the order they are offered.
SUGGESTED_FACETS = (FilterField.country, FilterField.sector, FilterField.risk, FilterField.region, FilterField.type)
MAX_TERM_SUGGESTIONS = 5


def _matches(words: Sequence[str], names: Sequence[str]) -> bool:
    """Every typed word starts a word of one of ``names`` (each typed word its own name word, in order)."""
    for name in names:
        tokens = tokenize(name)
        position = 0
        for word in words:
            while position < len(tokens) and not tokens[position].startswith(word):
                position += 1
            if position == len(tokens):
                break
            position += 1
        else:
            return True
    return False


def _names(
    taxonomies: Taxonomies, facet: FilterField, code: str, publishers: Mapping[str, str] | None = None
) -> list[str]:
    """What a value is found by: its code and its labels in both languages (a term's synonyms too; a publisher's
    organisation's name from ``publishers``, the centre's in either language, as it is labelled)."""
    if facet == FilterField.publisher:
        name = (publishers or {}).get(code, code)
        return [code, *dict.fromkeys(organisation_name(code, name, language) for language in LANGUAGES)]
    vocabulary = FILTERS[facet].vocabulary
    if vocabulary is None:
        return [code, *(names[code] for names in LANGUAGE_NAMES.values() if code in names)]
    term: Term | None = taxonomies[vocabulary].get(code)
    return [code, *term.search_terms] if term else [code]


def search_facet_values(
    engine: SearchEngine,
    taxonomies: Taxonomies,
    query: SearchQuery,
    facet: FilterField,
    facet_query: str,
    limit: int,
    names: PublisherNames | None = None,
) -> FacetSearchResponse:
    """Values of ``facet`` matching ``facet_query`` with their counts under ``query`` (its page is not needed).
    ``names``: the organisations' names, read (once) only for the publisher facet listing another than the centre."""
    result = run(engine, replace(query, page=1, per_page=1, facets=(facet,)))
    counts = trim_facets({facet.value: result.facets.get(facet, {})}, query.fixed_filters)[facet.value]
    publishers: Mapping[str, str] = {}
    if facet == FilterField.publisher and names is not None and any(code != CENTRE_SLUG for code in counts):
        publishers = names()
    words = tokenize(facet_query)
    found = {
        code: n
        for code, n in counts.items()
        if not words or _matches(words, _names(taxonomies, facet, code, publishers))
    }
    top = top_values(found, limit)
    labels = facet_labels(taxonomies, facet, top, query.prefer_language, lambda: publishers)
    return FacetSearchResponse(
        facet=facet.value,
        facet_query=facet_query,
        language=query.prefer_language,
        values=[FacetValueRead(value=code, label=labels[code], count=n) for code, n in top.items()],
    )


def _mark(label: str, words: Sequence[str]) -> str:
    """``label`` HTML-escaped, the typed beginnings of its words in <mark>."""
    out: list[str] = []
    for token in label.split(" "):
        folded = fold(token)
        prefix = max((len(w) for w in words if folded.startswith(w)), default=0)
        if prefix and token[:prefix].isalnum():
            out.append(f"<mark>{html.escape(token[:prefix])}</mark>{html.escape(token[prefix:])}")
        else:
            out.append(html.escape(token))
    return " ".join(out)


def _term_suggestions(
    taxonomies: Taxonomies, words: Sequence[str], counts: Mapping[FilterField, Mapping[str, int]], language: str | None
) -> list[SuggestionRead]:
    found: list[tuple[int, int, SuggestionRead]] = []
    for rank, facet in enumerate(SUGGESTED_FACETS):
        for code, count in counts.get(facet, {}).items():
            if count and _matches(words, _names(taxonomies, facet, code)):
                label = facet_label(taxonomies, facet, code, language)
                text = _mark(label, words) if _matches(words, [label]) else html.escape(label)
                suggestion = SuggestionRead(kind="term", text=text, label=label, facet=facet.value, value=code)
                found.append((rank, -count, suggestion))
    found.sort(key=lambda item: (item[0], item[1], item[2].label))
    return [suggestion for _, _, suggestion in found[:MAX_TERM_SUGGESTIONS]]


def suggest(
    engine: SearchEngine,
    taxonomies: Taxonomies,
    query: SearchQuery,
    base_url: str,
    limit: int,
) -> SuggestResponse:
    """Taxonomy terms that have resources (within the caller's fixed filters) and resource titles, for ``query.q``
    being typed: its last word is a prefix."""
    words = tokenize(query.q)
    suggestions: list[SuggestionRead] = []
    if words:
        available = run(engine, SearchQuery(fixed_filters=query.fixed_filters, per_page=1, facets=SUGGESTED_FACETS))
        counts = trim_facets({f.value: c for f, c in available.facets.items()}, query.fixed_filters)
        by_facet = {FilterField(name): values for name, values in counts.items()}
        suggestions = _term_suggestions(taxonomies, words, by_facet, query.prefer_language)[:limit]
        titles = run(engine, replace(query, page=1, per_page=limit))
        seen: set[str] = set()
        for hit in titles.hits:
            if len(suggestions) >= limit or hit.document.translation_key in seen:
                continue
            seen.add(hit.document.translation_key)  # one version of each resource: the reader's, ranked first
            suggestions.append(
                SuggestionRead(
                    kind="resource",
                    text=hit.highlights.get("title") or html.escape(hit.document.title),
                    label=hit.document.title,
                    url=resource_url(base_url, hit.document.language, hit.document.slug),
                )
            )
    return SuggestResponse(query=query.q, language=query.prefer_language, suggestions=suggestions)
