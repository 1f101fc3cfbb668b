"""The search page (``/fr/recherche``, ``/en/search``): the URL holds the whole state (``q``, filters, ``sort``,
``page``); this module turns it into one engine query and into what the template shows — facets with labels and
counts, active-filter chips, sort options, pagination and, when nothing matches, ways out."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from markupsafe import Markup

from app.config import Settings
from app.filters import FILTERS, check_values
from app.i18n import N_, collation_key, gettext
from app.languages import other_language
from app.paths import page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery, SearchResult, SortOrder
from app.search.text import STOP_WORDS, SynonymIndex, tokenize
from app.services.reader_language import guesser
from app.services.search import PublisherNames, facet_labels
from app.services.site.essentials import Essentials, essentials, subject
from app.services.site.layout import Ignored
from app.services.site.published import PublishedIndex
from app.taxonomy import Taxonomies, TaxonomyName

PER_PAGE = 10  # each hit is highlighted by the engine: ten keep the page fast and readable
FEW_RESULTS = 5  # fewer, and the page also says how to widen the search
FACET_SHOWN = 8  # values shown before "more"
FACET_LIMIT = 40  # values listed at all (the selected ones always are); the indexes list every country and sector
FACETS: Sequence[tuple[FilterField, str]] = (  # their taxonomies: app.filters.FILTERS
    (FilterField.type, N_("Resource type")),
    (FilterField.risk, N_("Risk")),
    (FilterField.region, N_("Region")),
    (FilterField.country, N_("Country")),
    (FilterField.sector, N_("Sector or product")),
    (FilterField.audience, N_("Audience")),
    (FilterField.publisher, N_("Published by")),
)
# Listed only when it tells results apart (several values, or one chosen): the centre publishes nearly everything,
# and a lone « Published by: Virtual resource centre 8.7 » would say nothing.
WHEN_SEVERAL: frozenset[FilterField] = frozenset({FilterField.publisher})
SORTS: Sequence[tuple[SortOrder, str]] = (
    (SortOrder.relevance, N_("Relevance")),
    (SortOrder.published_desc, N_("Newest first")),
    (SortOrder.published_asc, N_("Oldest first")),
    (SortOrder.updated_desc, N_("Recently updated")),
    (SortOrder.title_asc, N_("Title (A to Z)")),
)


@dataclass(frozen=True, slots=True)
class SearchState:
    """What the URL asks for, cleaned: unknown filter values, sorts and page numbers are left out (the page still
    answers, so that a shared link keeps working) and listed in ``ignored``, which the page shows; a page number
    past the last page of results is brought back to it."""

    q: str = ""
    filters: Mapping[FilterField, tuple[str, ...]] = field(default_factory=dict)
    sort: SortOrder = SortOrder.relevance
    page: int = 1
    ignored: tuple[Ignored, ...] = ()

    def params(self, **changes: object) -> dict[str, str | list[str]]:
        q = str(changes.get("q", self.q))
        filters = changes.get("filters", self.filters)
        sort = changes.get("sort", self.sort)
        page = changes.get("page", 1)
        assert isinstance(filters, Mapping)
        out: dict[str, str | list[str]] = {}
        if q:
            out["q"] = q
        for name, _ in FACETS:
            if filters.get(name):
                out[name.value] = list(filters[name])
        if sort != SortOrder.relevance:
            out["sort"] = str(sort)
        if isinstance(page, int) and page > 1:
            out["page"] = str(page)
        return out


@dataclass(frozen=True, slots=True)
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    name: str
    label: str
    values: Sequence[FacetValue]
    shown: int


@dataclass(frozen=True, slots=True)
class Chip:
    facet_label: str
    label: str
    remove_url: str


@dataclass(frozen=True, slots=True)
class Hit:
    title: Markup
    url: str
    type_label: str
    summary: Markup
    excerpt: Markup
    places: str
    published_at: str


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: str
    url: str
    count: int | None = None  # what it finds, where it was tried


@dataclass(frozen=True, slots=True)
class Reuse:
    """The page's selection (its words and filters, in its language) through the open-data API: every result as a
    file for a due-diligence record, and the newest ones as a feed to follow."""

    csv_url: str
    xlsx_url: str
    feed_url: str


@dataclass(frozen=True, slots=True)
class SearchView:
    state: SearchState
    total: int
    hits: Sequence[Hit]
    facets: Sequence[Facet]
    chips: Sequence[Chip]
    clear_url: str
    sorts: Sequence[tuple[str, str, bool]]
    pages: Sequence[PageLink]
    first_number: int
    previous_url: str | None
    next_url: str | None
    total_pages: int
    corrections: Sequence[Suggestion] = ()
    related: Sequence[Suggestion] = ()
    wider: Sequence[Suggestion] = ()
    reuse: Reuse | None = None
    unavailable: bool = False
    essentials: Essentials | None = None  # the resources to begin with, on the first page of a search about a term
    left_out: str = ""  # the words the results are without, since nothing held them all (« mika » of « mika Inde »)


def parse_state(
    taxonomies: Taxonomies, settings: Settings, *, q: str, raw_filters: Mapping[FilterField, Sequence[str]], sort: str,
    page: str,
) -> SearchState:  # fmt: skip
    q = q.replace("\x00", " ").strip()[: settings.max_query_length]
    raw: dict[FilterField, Sequence[str]] = {  # lang is the page's language
        name: values for name, values in raw_filters.items() if name != FilterField.lang
    }
    filters, _errors = check_values(raw, taxonomies)
    labels = dict(FACETS)
    ignored = [
        Ignored(labels.get(name, name.value), value)
        for name, values in raw.items()
        for value in values
        if FILTERS[name].normalise(value) not in filters.get(name, ())
    ]
    try:
        order = SortOrder(sort or SortOrder.relevance)
    except ValueError:
        order = SortOrder.relevance
        ignored.append(Ignored(N_("Sort by"), sort))
    number = int(page) if page.isascii() and page.isdecimal() and len(page) < 10 else 0
    if page and number < 1:
        ignored.append(Ignored(N_("Page"), page))
    last_page = max(1, settings.max_result_window // PER_PAGE)
    return SearchState(q=q, filters=filters, sort=order, page=min(max(number, 1), last_page), ignored=tuple(ignored))


def engine_query(state: SearchState, language: str) -> SearchQuery:
    return SearchQuery(
        q=state.q,
        filters={**state.filters, FilterField.lang: (language,)},
        sort=state.sort,
        page=state.page,
        per_page=PER_PAGE,
        facets=tuple(name for name, _ in FACETS),
    )


def _label(taxonomies: Taxonomies, vocabulary: TaxonomyName, code: str, language: str) -> str:
    term = taxonomies[vocabulary].get(code)
    return term.label(language) if term else code


def _url(language: str, state: SearchState, **changes: object) -> str:
    params = state.params(**changes)
    return page_path("search", language, **params)


def _reuse(state: SearchState, language: str) -> Reuse:
    params = [*state.params(sort=SortOrder.relevance).items(), ("lang", language)]
    selection = urlencode(params, doseq=True)
    return Reuse(
        csv_url=f"/v1/export?format=csv&{selection}",
        xlsx_url=f"/v1/export?format=xlsx&{selection}",
        feed_url=f"/v1/feed.atom?{selection}",
    )


def _facets(
    result: SearchResult, state: SearchState, taxonomies: Taxonomies, language: str, names: PublisherNames | None
) -> tuple[list[Facet], list[Chip]]:
    """The facets and the chips of the chosen values, labelled as the API labels them (``facet_labels``: a
    publisher by its organisation's name, from ``names``)."""
    facets, chips = [], []
    for name, label in FACETS:
        selected = state.filters.get(name, ())
        counts = dict(result.facets.get(name, {}))
        for code in selected:
            counts.setdefault(code, 0)
        labels = facet_labels(taxonomies, name, counts, language, names)
        values = sorted(
            (FacetValue(code, labels[code], count, code in selected) for code, count in counts.items()),
            key=lambda v: (not v.selected, -v.count, collation_key(v.label)),
        )
        values = values[: max(FACET_LIMIT, len(selected))]
        if values and (name not in WHEN_SEVERAL or len(values) > 1 or selected):
            shown = max(FACET_SHOWN, sum(1 for v in values if v.selected))
            facets.append(Facet(name.value, gettext(language, label), values, shown))
        for code in selected:
            remaining = {**state.filters, name: tuple(c for c in selected if c != code)}
            chips.append(
                Chip(gettext(language, label), labels[code], _url(language, state, filters=remaining, sort=state.sort))
            )
    return facets, chips


# An excerpt's text keeps its blocks (a heading, a paragraph, a table row) on lines of their own, which HTML would
# run together: « What the map is for A risk map… ». A block not ending a sentence is followed by a middle dot.
_BLOCK_BREAK = re.compile(r"(?<![.!?…:;])\n")


def excerpt(body: str) -> Markup:
    """The engine's highlighted, cropped body (its marks are the only markup) with its blocks told apart."""
    return Markup(_BLOCK_BREAK.sub(" · ", body).replace("\n", " "))


def hits(result: SearchResult, taxonomies: Taxonomies, language: str) -> list[Hit]:
    from app.services.pages import human_date

    found = []
    for hit in result.hits:
        document = hit.document
        places = [_label(taxonomies, TaxonomyName.countries, c, language) for c in document.countries[:4]]
        places += [_label(taxonomies, TaxonomyName.sectors, s, language) for s in document.sectors[:3]]
        found.append(
            Hit(
                title=Markup(hit.highlights.get("title") or Markup.escape(document.title)),
                url=resource_path(document.language, document.slug),
                type_label=_label(taxonomies, TaxonomyName.types, document.type, language),
                summary=Markup(hit.highlights.get("summary") or Markup.escape(document.summary)),
                excerpt=excerpt(hit.highlights.get("body", "")),
                places=", ".join(places),
                published_at=human_date(document.published_at, language),
            )
        )
    return found


def _pages(state: SearchState, total_pages: int, language: str) -> list[PageLink]:
    if total_pages <= 1:
        return []
    numbers = sorted({1, total_pages, *range(max(1, state.page - 2), min(total_pages, state.page + 2) + 1)})
    return [PageLink(n, _url(language, state, page=n), n == state.page) for n in numbers]


_VOCABULARIES: dict[int, tuple[Taxonomies, SynonymIndex, dict[tuple[str, ...], str]]] = {}


def _vocabulary(taxonomies: Taxonomies) -> tuple[SynonymIndex, dict[tuple[str, ...], str]]:
    """The synonym and taxonomy vocabulary the engine corrects typos against (built once per taxonomies), and the
    written form of each of its phrases (« fours à briques » for the folded ``fours a briques``)."""
    cached = _VOCABULARIES.get(id(taxonomies))
    if cached is None or cached[0] is not taxonomies:
        groups = taxonomies.synonym_groups()
        written: dict[tuple[str, ...], str] = {}
        for group in groups:
            for term in group:
                written.setdefault(tuple(tokenize(term)), term)
        cached = (taxonomies, SynonymIndex(groups, taxonomies.concepts()), written)
        _VOCABULARIES[id(taxonomies)] = cached
    return cached[1], cached[2]


def _help(
    engine: SearchEngine, state: SearchState, taxonomies: Taxonomies, language: str
) -> tuple[list[Suggestion], ...]:
    """Ways out of an empty result: a spelling correction, related terms, and how to widen."""
    index, written = _vocabulary(taxonomies)
    tokens = tokenize(state.q)
    corrected = [index.correct(token) for token in tokens]
    corrections = []
    if tokens and corrected != tokens:
        text = " ".join(corrected)
        corrections.append(Suggestion(text, _url(language, state, q=text)))
    related: dict[str, None] = {}
    guess, other = guesser(taxonomies).guess, other_language(language)
    for token in corrected:
        for phrase in index.alternatives((token,))[1:]:
            term = written.get(phrase, " ".join(phrase))
            if guess(term) != other:  # « Republic of India » is no help on the French page
                related[term] = None
    return (
        corrections,
        [Suggestion(term, _url(language, state, q=term)) for term in list(related)[:8]],
        _wider(engine, state, language, more_than=0),
    )


def _wider(engine: SearchEngine, state: SearchState, language: str, *, more_than: int) -> list[Suggestion]:
    """Ways to widen the search (no filters, a word fewer, the other language), each tried first and offered with
    its count only when it finds more than ``more_than`` resources: the same words in the other language often find
    nothing either, and a word fewer can find what one text alone has every word of."""
    tokens = tokenize(state.q)
    words = [token for token in dict.fromkeys(tokens) if token not in STOP_WORDS]  # « the »: no word fewer
    wider: list[tuple[str, str, SearchState]] = []
    if state.filters:
        wider.append((gettext(language, "Remove every filter"), language, replace(state, filters={})))
    if len(words) > 1:
        for word in words:
            shorter = " ".join(t for t in tokens if t != word)
            wider.append((gettext(language, "Without “%(word)s”", word=word), language, replace(state, q=shorter)))
    other = other_language(language)
    wider.append((gettext(language, "The same search in the other language"), other, state))
    tried = [
        Suggestion(label, _url(lang, widened, page=1), _count(engine, widened, lang))
        for label, lang, widened in wider[:6]
    ]
    return [suggestion for suggestion in tried if (suggestion.count or 0) > more_than]


def _count(engine: SearchEngine, state: SearchState, language: str) -> int:
    """How many resources the page's search finds in ``language`` (its first page, nothing else asked)."""
    query = replace(engine_query(state, language), page=1, per_page=1, facets=())
    return engine.search(query).total


def empty_view(state: SearchState, language: str, *, unavailable: bool = False) -> SearchView:
    return SearchView(
        state=state, total=0, hits=(), facets=(), chips=(), clear_url=page_path("search", language),
        sorts=(), pages=(), first_number=1, previous_url=None, next_url=None, total_pages=0, unavailable=unavailable,
    )  # fmt: skip


def build_view(
    engine: SearchEngine,
    taxonomies: Taxonomies,
    published: Callable[[], PublishedIndex],
    state: SearchState,
    language: str,
    names: PublisherNames | None = None,
) -> SearchView:
    """``published`` is asked for only when the search is about a term with essentials: the published index is
    the database's (rebuilt when resources change, ~3 s at 100k), which a search otherwise never needs; ``names``
    (the organisations') only when a publisher is listed or chosen."""
    result = engine.search(engine_query(state, language))
    term = subject(state.q, state.filters, _vocabulary(taxonomies)[0], taxonomies) if state.page == 1 else None
    facets, chips = _facets(result, state, taxonomies, language, names)
    total_pages = -(-result.total // PER_PAGE)
    corrections: list[Suggestion] = []
    related: list[Suggestion] = []
    wider: list[Suggestion] = []
    if result.total == 0:
        corrections, related, wider = _help(engine, state, taxonomies, language)
    elif result.total < FEW_RESULTS and state.page == 1:
        wider = _wider(engine, state, language, more_than=result.total)
    return SearchView(
        state=state,
        total=result.total,
        hits=hits(result, taxonomies, language),
        facets=facets,
        chips=chips,
        clear_url=_url(language, state, filters={}, sort=state.sort),
        sorts=[(str(order), gettext(language, label), order == state.sort) for order, label in SORTS],
        pages=_pages(state, total_pages, language),
        first_number=(state.page - 1) * PER_PAGE + 1,
        previous_url=_url(language, state, page=state.page - 1) if state.page > 1 else None,
        next_url=_url(language, state, page=state.page + 1) if state.page < total_pages else None,
        total_pages=total_pages,
        corrections=corrections,
        related=related,
        wider=wider,
        reuse=_reuse(state, language) if result.total else None,
        essentials=essentials(term, published(), language) if term is not None else None,
        left_out=" ".join(result.left_out) if result.total else "",
    )
