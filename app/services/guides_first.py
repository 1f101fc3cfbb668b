"""Which resources a search lists first, by type, and the search that lists them so: the one place where a query's
intent reorders its results.

- A question asked as one: « travail forcé que faire », « que faire travail des enfants », « comment signaler la
  traite », « what to do forced labour », « how to report child labour ». Its question words are stop words
  (:data:`app.search.text.STOP_WORDS`), and the words left (« travail forcé ») are those of every risk sheet: on the
  corpus, the first eight French results of each were risk sheets and ILO conventions. Who asks what to do is after
  the methodologies (the witness's guide among them), the tools, the training and the good practices
  (:data:`HOW_TO`): they come first, then the rest, each part in the engine's order. Among them, those whose title
  says the question's own phrase (:data:`ASKED_PHRASES`) come first: « travail forcé que faire » listed the guide
  titled « … : que faire, qui contacter, comment signaler » fourteenth, its title's phrase counting for nothing. On
  the search page and through ``/v1/search`` (the widget) alike: it is how the words' relevance is read, which an
  API client asking for relevance asks for too.
- The search page's listing of one audience's resources without words (the home page's « Acheteurs publics », a
  resource's audience link): every type but the risk sheets first, then the sheets, each part by title. Without
  words the engines list by title (:class:`app.search.base.SearchQuery`), which is what the API keeps documenting;
  on this page it buried the 64 French guides written for public buyers among 314 country and product risk sheets
  (« Açaí », « Accessoires de mode », « Afghanistan »…, 2026-12). A reader who chose an audience is after what was
  written for it; the risk sheets follow, still listed.

A chosen type (a filter, or a key's fixed one) or another sort leaves the engine's order as it is."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from app.filters import FilterField
from app.models.resource import ResourceType
from app.search.base import SearchEngine, SearchHit, SearchQuery, SearchResult, SortOrder
from app.search.text import tokenize

# What tells a reader what to do. The legal references (conventions, laws) say what is owed, not how to act on it.
HOW_TO: Final[tuple[str, ...]] = (
    ResourceType.methodology.value,
    ResourceType.tool.value,
    ResourceType.training_module.value,
    ResourceType.good_practice.value,
)
SHEETS: Final = ResourceType.risk_sheet.value  # what an audience's listing lists after the rest
# A word that asks how to act wherever it stands: « comment » (« comment signaler »), « signaler » (a verb: the noun
# « signalement » names texts about it). Not the English « report », as often a publication sought (« ILO report
# forced labour ») as an act; « how to report » asks through « how to ».
ASKING: Final = frozenset({"comment", "signaler"})
# A question word, the words that make it ask what to do, and how far after it they may come: « que faire », « que
# dois-je faire », « quoi faire »; « how to », « how can we », « how do I » (not « how many »); « what to do »,
# « what should we do ».
ASKING_WITH: Final[Sequence[tuple[str, frozenset[str], int]]] = (
    ("que", frozenset({"faire"}), 3),
    ("quoi", frozenset({"faire"}), 1),
    ("how", frozenset({"to", "do", "does", "can", "could", "should", "must", "shall"}), 1),
    ("what", frozenset({"do"}), 3),
)
# A question's phrase that a how-to resource's title may say too, by language; each asks how to act by itself
# (:func:`asks_how_to`). Its words are stop words, so the engine weighs the title's phrase for nothing; a how-to
# resource whose title says the phrase the query says (word for word, folded) comes before the other how-to
# resources, each part in the engine's order.
ASKED_PHRASES: Final[Mapping[str, tuple[str, ...]]] = {
    "fr": ("que faire", "quoi faire", "comment signaler", "comment agir"),
    "en": ("what to do", "how to report", "how to act"),
}
_PHRASES: Final = tuple(tuple(tokenize(phrase)) for phrases in ASKED_PHRASES.values() for phrase in phrases)
# Hits of the how-to types read at once to find those whose title says the phrase: ~100 per language (2026-12), and
# the engines' deepest hit by default (``Settings.max_result_window``); deeper ones are read a page of it at a time.
TITLES_READ: Final = 1000


def asks_how_to(q: str) -> bool:
    """Whether the words ``q`` ask what to do, or how (:data:`ASKING`, :data:`ASKING_WITH`)."""
    tokens = tokenize(q)
    if ASKING.intersection(tokens):
        return True
    return any(
        token == word and then.intersection(tokens[at + 1 : at + 1 + reach])
        for at, token in enumerate(tokens)
        for word, then, reach in ASKING_WITH
    )


def _says(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    width = len(phrase)
    return any(tuple(tokens[at : at + width]) == phrase for at in range(len(tokens) - width + 1))


def asked_phrases(q: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of :data:`ASKED_PHRASES` that the words ``q`` say, as folded words."""
    tokens = tokenize(q)
    return tuple(phrase for phrase in _PHRASES if _says(tokens, phrase))


def titled_first(hits: Sequence[SearchHit], phrases: Sequence[tuple[str, ...]]) -> list[SearchHit]:
    """``hits``, those whose title says one of ``phrases`` first, each part in its order."""
    return sorted(hits, key=lambda hit: not any(_says(tokenize(hit.document.title), p) for p in phrases))


def types_first(query: SearchQuery, *, audience_listing: bool = False) -> tuple[str, ...]:
    """The resource types ``query``'s results list first; none for the engine's order throughout.
    ``audience_listing``: the search page's, where a listing without words of an audience's resources lists every
    type but the risk sheets first."""
    if (
        query.sort != SortOrder.relevance
        or query.filters.get(FilterField.type)
        or query.fixed_filters.get(FilterField.type)
    ):
        return ()
    if query.q.strip():
        return HOW_TO if asks_how_to(query.q) else ()
    if audience_listing and query.filters.get(FilterField.audience):
        return tuple(code.value for code in ResourceType if code != SHEETS)
    return ()


def search(engine: SearchEngine, query: SearchQuery, *, audience_listing: bool = False) -> SearchResult:
    """``query``'s results, those of :func:`types_first`'s types first: its count and facets those of the whole
    search, its page taken from the first types' results, then from the others'. One more search for the first
    types' page, and one or two for the others' pages that the page's place straddles. Where no resource of the
    first types holds as many of the words as others do (the engine left more of them out to find one), the
    engine's order is kept: a guide without the country typed does not come before the country's sheet. A question
    saying a phrase of :data:`ASKED_PHRASES` reads the first types' hits whole instead of a page of them, to list
    those whose title says it first (:func:`titled_first`)."""
    first = types_first(query, audience_listing=audience_listing)
    if not first:
        return engine.search(query)
    whole = engine.search(replace(query, page=1, per_page=1))  # its count and facets: its hits are the parts'
    if not whole.total:
        return whole
    rest = tuple(code.value for code in ResourceType if code not in first)
    per_page, offset = query.per_page, (query.page - 1) * query.per_page

    def part(types: tuple[str, ...], page: int, size: int = per_page) -> SearchResult:
        filters = {**query.filters, FilterField.type: types}
        return engine.search(replace(query, filters=filters, page=page, per_page=size, facets=()))

    phrases = asked_phrases(query.q)
    if phrases:
        leading = part(first, 1, TITLES_READ)
        every, more, number = list(leading.hits), leading.hits, 1
        while more and len(every) < leading.total:
            number += 1
            more = part(first, number, TITLES_READ).hits
            every += more
        leading = replace(leading, hits=titled_first(every, phrases)[offset : offset + per_page])
    else:
        leading = part(first, query.page)
    if leading.left_out != whole.left_out:
        return engine.search(query)
    hits = list(leading.hits)
    if len(hits) < per_page and whole.total > leading.total:
        start = max(0, offset - leading.total)  # the first of the others this page shows, among them
        page, skip = divmod(start, per_page)
        needed = per_page - len(hits)
        others = list(part(rest, page + 1).hits)
        if skip + needed > per_page:  # the rest is on their next page
            others += part(rest, page + 2).hits
        hits += others[skip : skip + needed]
    return replace(whole, hits=hits)
