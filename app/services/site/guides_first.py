"""The search page's listing of one audience's resources without words (the home page's « Acheteurs publics », a
resource's audience link): the guides first, then the risk sheets, each part by title.

Without words, the engines list by title (:class:`app.search.base.SearchQuery`), which is what the API keeps
documenting; on this page it buried the 64 French guides written for public buyers among 314 country and product
risk sheets (« Açaí », « Accessoires de mode », « Afghanistan »…, 2026-12). A reader who chose an audience is
after what was written for it: the methodologies, tools, legal references, training and good practices. The risk
sheets follow, still listed; a chosen type, words or another sort leave the engine's order as it is."""

from dataclasses import replace

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery, SearchResult, SortOrder
from app.taxonomy import Taxonomies, TaxonomyName

SHEETS = "risk_sheet"  # the type listed after the others


def guides_first(query: SearchQuery) -> bool:
    """Whether ``query`` is a listing without words of one or more audiences, in the engine's own order."""
    filters = query.filters
    return (
        not query.q.strip()
        and query.sort == SortOrder.relevance
        and bool(filters.get(FilterField.audience))
        and not filters.get(FilterField.type)
    )


def search_guides_first(engine: SearchEngine, taxonomies: Taxonomies, query: SearchQuery) -> SearchResult:
    """``query``'s results (its count and facets those of the whole listing) with its page taken from the guides,
    then from the risk sheets: one more search for the guides' page, and one or two for the sheets' pages that
    the page's place straddles."""
    whole = engine.search(replace(query, page=1, per_page=1))  # its count and facets: its hits are the parts'
    guide_types = tuple(code for code in taxonomies[TaxonomyName.types] if code != SHEETS)
    per_page, offset = query.per_page, (query.page - 1) * query.per_page

    def part(types: tuple[str, ...], page: int) -> SearchResult:
        filters = {**query.filters, FilterField.type: types}
        return engine.search(replace(query, filters=filters, page=page, facets=()))

    guides = part(guide_types, query.page)
    hits = list(guides.hits)
    if len(hits) < per_page and whole.total > guides.total:
        start = max(0, offset - guides.total)  # the first sheet this page shows, among the sheets
        first, skip = divmod(start, per_page)
        needed = per_page - len(hits)
        sheets = list(part((SHEETS,), first + 1).hits)
        if skip + needed > per_page:  # the rest is on the next page of sheets
            sheets += part((SHEETS,), first + 2).hits
        hits += sheets[skip : skip + needed]
    return replace(whole, hits=hits)
