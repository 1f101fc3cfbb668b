"""The search page (``/fr/recherche``, ``/en/search``): the URL holds the whole state (``q``, filters, ``sort``,
``page``); this module turns it into one engine query and into what the template shows — facets with labels and
counts, active-filter chips, sort options, pagination, the words typed that the results are for a correction of
and, when nothing matches, ways out."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from rapidfuzz.distance import OSA

from app.config import Settings
from app.filters import FILTERS, check_values
from app.i18n import N_, collation_key, gettext
from app.languages import other_language
from app.paths import page_path
from app.search.base import FilterField, SearchEngine, SearchQuery, SearchResult, SortOrder
from app.search.factory import country_codes
from app.search.text import (
    STOP_WORDS,
    SynonymIndex,
    analyze_query,
    fold,
    limit_words,
    number_key,
    synonym_index,
    tokenize,
    typo_budget,
)
from app.services import guides_first
from app.services.glossary import GlossaryTerm
from app.services.reader_language import guesser
from app.services.search import PublisherNames, facet_labels
from app.services.search_places import place_offers
from app.services.site.essentials import Essentials, essentials, subject
from app.services.site.layout import Ignored
from app.services.site.published import PublishedIndex
from app.services.site.search_definition import Definition, search_definition
from app.services.site.search_hits import Hit, Named, hits
from app.taxonomy import Taxonomies

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
# The site's tools a search names, each by a word of its synonym group (content/taxonomies/synonyms.yaml), with its
# title and what it does: a link to it comes before the results, which are resources only (« criblage », the
# screening page's French name, found nothing).
TOOLS: Sequence[tuple[str, str, str, str]] = (
    (
        "screening", "criblage", N_("Screen your suppliers"),
        N_("Paste or upload a list of countries and products: ILAB’s findings line by line, and what to read next."),
    ),
)  # fmt: skip
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
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: str
    url: str
    count: int | None = None  # what it finds, where it was tried
    without: str = ""  # the words its count is without, that the page's own results are not (:func:`_wider`)


@dataclass(frozen=True, slots=True)
class ToolLink:
    """A tool of the site the words name (:data:`TOOLS`): its title, its page and what it does."""

    title: str
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class Correction:
    """The results are for a correction of words typed that no resource holds (« travail » for « travial »):
    ``query`` is the query as searched, ``url`` its search, ``typed`` those words, quoted and listed."""

    query: str
    url: str
    typed: str


@dataclass(frozen=True, slots=True)
class Reuse:
    """The page's selection (its words and filters, in its language) through the open-data API: every result as a
    file for a due-diligence record, and the newest ones as a feed to follow."""

    csv_url: str
    xlsx_url: str
    feed_url: str
    alert_url: str  # the same selection as the feed's, mailed (app.routers.alerts)


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
    places: Sequence[Suggestion] = ()  # the countries a place typed is in (« Dhaka »: Bangladesh), when none matches
    wider: Sequence[Suggestion] = ()
    reuse: Reuse | None = None
    unavailable: bool = False
    essentials: Essentials | None = None  # the resources to begin with, on the first page of a search about a term
    left_out: str = ""  # the words the results are without, since nothing held them all (« mika » of « mika Inde »)
    correction: Correction | None = None
    tools: Sequence[ToolLink] = ()
    definition: Definition | None = None  # the glossary's, on the first page of a search about one of its terms


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
        alert_url=f"{page_path('alerts', language)}?{selection}",
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


def named_codes(state: SearchState, taxonomies: Taxonomies) -> Named:
    """The taxonomy codes a search is about, by document attribute: its filters' values and the terms its words
    name (« Chinese cotton », « PK »)."""
    named: dict[str, set[str]] = {}
    for name, values in state.filters.items():
        named.setdefault(FILTERS[name].attribute, set()).update(values)
    vocabulary = _vocabulary(taxonomies)
    for clause in analyze_query(state.q, vocabulary.index, vocabulary.country_codes):
        for attribute, code in clause.codes:
            named.setdefault(attribute, set()).add(code)
    return {attribute: frozenset(codes) for attribute, codes in named.items()}


def past_the_end(state: SearchState, view: SearchView, language: str) -> str | None:
    """The address of the last page of results when ``state`` asks for a page after it (an old link, a number
    typed in the address, results fewer since), else None. Shown, such a page said « 468 results (page 100 of 47) »
    then « Nothing matches… use fewer words »: the search is sent on to its last page (its first when nothing
    matches), whose address then says what it shows, as Django's ``Paginator.get_page`` serves the last page."""
    if view.unavailable or state.page <= max(view.total_pages, 1):
        return None
    return _url(language, state, page=view.total_pages)


def _pages(state: SearchState, total_pages: int, language: str) -> list[PageLink]:
    if total_pages <= 1:
        return []
    numbers = sorted({1, total_pages, *range(max(1, state.page - 2), min(total_pages, state.page + 2) + 1)})
    return [PageLink(n, _url(language, state, page=n), n == state.page) for n in numbers]


_WORD = re.compile(r"[^\W_]+")  # a word as app.search.text.tokenize finds it, before folding


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The synonym and taxonomy vocabulary the engine corrects typos against, the written form of each of its
    phrases (« fours à briques » for the folded ``fours a briques``) and, by language, of each of its words that
    folding changes (« force » is « forcé » in French)."""

    index: SynonymIndex
    written: Mapping[tuple[str, ...], str]
    accented: Mapping[str | None, Mapping[str, str]]
    country_codes: dict[str, str]  # folded alpha-2 and alpha-3 codes → alpha-2, as the engines read them


_VOCABULARIES: dict[int, tuple[Taxonomies, _Vocabulary]] = {}


def _vocabulary(taxonomies: Taxonomies) -> _Vocabulary:
    """Built once per taxonomies."""
    cached = _VOCABULARIES.get(id(taxonomies))
    if cached is None or cached[0] is not taxonomies:
        groups = taxonomies.synonym_groups()
        written: dict[tuple[str, ...], str] = {}
        for group in groups:
            for term in group:
                written.setdefault(tuple(tokenize(term)), term)
        accented: dict[str | None, dict[str, str]] = {}
        guess = guesser(taxonomies).guess
        for term in sorted({*written.values(), *(t for terms, _, _ in taxonomies.concepts() for t in terms)}):
            for word in _WORD.findall(term):
                if word.lower() != fold(word):
                    accented.setdefault(guess(term), {}).setdefault(fold(word), word.lower())
        index = synonym_index(groups, taxonomies.concepts())
        vocabulary = _Vocabulary(index, written, accented, country_codes(taxonomies))
        cached = _VOCABULARIES[id(taxonomies)] = (taxonomies, vocabulary)
    return cached[1]


def _help(
    engine: SearchEngine, state: SearchState, taxonomies: Taxonomies, language: str
) -> tuple[list[Suggestion], ...]:
    """Ways out of an empty result: a spelling correction, related terms, the countries of a place, and how to
    widen."""
    vocabulary = _vocabulary(taxonomies)
    index, written = vocabulary.index, vocabulary.written
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
        _places(engine, state, taxonomies, language),
        _wider(engine, state, language, more_than=0),
    )


def _places(engine: SearchEngine, state: SearchState, taxonomies: Taxonomies, language: str) -> list[Suggestion]:
    """The resources on the countries the query names a place of (:mod:`app.services.search_places`), where there
    are some."""
    return [
        Suggestion(offer.name, _url(language, SearchState(filters=offer.filters)), offer.total)
        for offer in place_offers(engine, taxonomies, engine_query(state, language), language)
    ]


def _wider(
    engine: SearchEngine, state: SearchState, language: str, *, more_than: int, left_out: Sequence[str] = ()
) -> list[Suggestion]:
    """Ways to widen the search (no filters, a word fewer, the other language), each tried first and offered with
    its count only when it finds more than ``more_than`` resources: the same words in the other language often find
    nothing either, and a word fewer can find what one text alone has every word of.

    A count is of a search that keeps the query's words: where nothing holds them all, the engine leaves out the
    words found nowhere, which in the other language are often most of them (« ouvriers saisonniers fraises »
    offered 7 English texts, found by « fraises » alone). A way whose search left out words that the page's own
    results are not without (``left_out``) is offered only when it kept at least as many, and says which."""
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
    in_other = N_("The same search in French") if other == "fr" else N_("The same search in English")
    wider.append((gettext(language, in_other), other, state))
    tried = []
    for label, lang, widened in wider[:6]:
        query = replace(engine_query(widened, lang), page=1, per_page=1, facets=())
        result = engine.search(query)
        without = [words for words in result.left_out if words not in left_out]
        if result.total > more_than and _keeps_most(widened.q, without, left_out):
            tried.append(Suggestion(label, _url(lang, widened, page=1), result.total, " ".join(without)))
    return tried


def _keeps_most(q: str, without: Sequence[str], left_out: Sequence[str]) -> bool:
    """Whether a search of ``q`` without ``without`` kept at least as many of its words as it left out, those the
    page's results are without (``left_out``) not counted."""
    skipped = STOP_WORDS | {word for words in left_out for word in tokenize(words)}
    words = {word for word in tokenize(q) if word not in skipped}
    dropped = {word for words in without for word in tokenize(words) if word in words}
    return 2 * len(dropped) <= len(words)


def _correction(
    engine: SearchEngine, state: SearchState, taxonomies: Taxonomies, language: str, left_out: Sequence[str]
) -> Correction | None:
    """The correction the results are for, when the engine read some words typed as others (« travial forcé »
    as « travail forcé »): a word of the query, not a stop word nor left out of the results, that no resource holds
    as typed and that the vocabulary corrects to another word, not to the same in another number (« cacaos » is
    « cacao ») nor to a stop word (which the engine drops). A word of the vocabulary is never corrected: a synonym
    typed (« cotton » finding « coton ») is no correction. The correction is written in the page's language where
    one of its synonyms is as near what was typed (« cototn » is « coton » in French, « cotton » in English), with
    its accents and the case typed."""
    vocabulary = _vocabulary(taxonomies)
    guess = guesser(taxonomies).guess
    spellings = {**vocabulary.accented.get(None, {}), **vocabulary.accented.get(language, {})}
    skipped = STOP_WORDS | {word for words in left_out for word in tokenize(words)}
    tokens, truncated = limit_words(tokenize(state.q))
    # The last word is still being typed, as the engine reads it (app.search.text.analyze_query): the words it
    # begins are no correction (« esclavag » is « esclavage » on its way).
    typing = tokens[-1:] if not truncated and not state.q.endswith('"') else []
    corrected: dict[str, str] = {}
    for token in dict.fromkeys(tokens):
        correction = vocabulary.index.correct(token)
        if (
            correction == token
            or token in skipped
            or correction in STOP_WORDS
            or number_key(correction) == number_key(token)
            or _held(engine, token, prefix=token in typing)
        ):
            continue
        near = [correction] + [
            phrase[0]
            for phrase in vocabulary.index.alternatives((correction,))[1:]
            if len(phrase) == 1 and OSA.distance(token, phrase[0]) <= typo_budget(token)
        ]
        chosen = next((word for word in near if guess(word) == language), correction)
        corrected[token] = spellings.get(chosen, chosen)
    if not corrected:
        return None
    typed: dict[str, str] = {}

    def replaced(word: re.Match[str]) -> str:
        folded = fold(word[0])
        if folded not in corrected:
            return word[0]
        typed.setdefault(folded, gettext(language, "“%(word)s”", word=word[0]))
        return _cased(corrected[folded], word[0])

    query = _WORD.sub(replaced, state.q)
    if not typed:  # initials written with full stops (« U.N.I.C.E.F. »), one word only once folded: left as typed
        return None
    *first, last = typed.values()
    listed = gettext(language, "%(words)s or %(word)s", words=", ".join(first), word=last) if first else last
    return Correction(query, _url(language, state, q=query), listed)


def _held(engine: SearchEngine, word: str, *, prefix: bool) -> bool:
    """Whether a resource holds ``word`` as typed (a word it begins, for a ``prefix``). Both engines rank the
    resources holding a word as typed before those holding a typo neighbour of it (Meilisearch by its typo rule;
    the embedded engine weighs the typo neighbours, and the vocabulary's correction where the word is held, at
    0.4): the first results of the word alone hold it if any resource does. Only words the vocabulary corrects are
    asked about, one search each."""
    result = engine.search(SearchQuery(q=word if prefix else f"{word} ", per_page=PER_PAGE))  # the space: typed
    for hit in result.hits:
        document = hit.document
        for text in (document.title, document.summary, document.body, document.publisher_name):
            if any(found.startswith(word) if prefix else found == word for found in tokenize(text)):
                return True
    return False


def _tools(state: SearchState, taxonomies: Taxonomies, language: str) -> list[ToolLink]:
    """The site's tools the words name (:data:`TOOLS`), through a synonym of their name."""
    named = {
        word
        for clause in analyze_query(state.q, _vocabulary(taxonomies).index)
        for phrase in clause.alternatives
        for word in phrase
    }
    return [
        ToolLink(gettext(language, title), page_path(page, language), gettext(language, text))
        for page, word, title, text in TOOLS
        if word in named
    ]


def _cased(word: str, typed: str) -> str:
    """``word`` in the case ``typed`` is in: « Pakistan » for « Pakitsan », « pakistan » for « pakitsan »."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


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
    glossary: Sequence[GlossaryTerm] = (),
) -> SearchView:
    """``published`` is asked for only when the search is about a term with essentials: the published index is
    the database's (rebuilt when resources change, ~3 s at 100k), which a search otherwise never needs; ``names``
    (the organisations') only when a publisher is listed or chosen."""
    query = engine_query(state, language)
    result = guides_first.search(engine, query, audience_listing=True)
    term = subject(state.q, state.filters, _vocabulary(taxonomies).index, taxonomies) if state.page == 1 else None
    facets, chips = _facets(result, state, taxonomies, language, names)
    total_pages = -(-result.total // PER_PAGE)
    corrections: list[Suggestion] = []
    related: list[Suggestion] = []
    in_places: list[Suggestion] = []
    wider: list[Suggestion] = []
    if result.total == 0:
        corrections, related, in_places, wider = _help(engine, state, taxonomies, language)
    elif result.total < FEW_RESULTS and state.page == 1:
        wider = _wider(engine, state, language, more_than=result.total, left_out=result.left_out)
    return SearchView(
        state=state,
        total=result.total,
        hits=hits(result, taxonomies, language, named_codes(state, taxonomies)),
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
        places=in_places,
        wider=wider,
        reuse=_reuse(state, language) if result.total else None,
        essentials=essentials(term, published(), language, taxonomies) if term is not None else None,
        left_out=" ".join(result.left_out) if result.total else "",
        correction=_correction(engine, state, taxonomies, language, result.left_out) if result.total else None,
        tools=_tools(state, taxonomies, language) if state.q and state.page == 1 else [],
        definition=search_definition(state.q, glossary, taxonomies, language) if state.page == 1 else None,
    )
