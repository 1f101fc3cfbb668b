"""Public search: validates what the caller asked for against the taxonomies, asks the engine, shapes hits."""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.errors import FieldError, InvalidParameters, ServiceUnavailable
from app.filters import FILTERS, FilterField, check_values
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.paths import absolute, page_path
from app.schemas.search import PlaceAnswer, SearchAnswer, SearchHitAnswer
from app.search.base import SearchEngine, SearchQuery, SearchResult, SearchUnavailable, SortOrder
from app.services import guides_first, jsonld
from app.services.access import trim_facets
from app.services.centre import CENTRE_SLUG, organisation_name
from app.services.resources import resource_url
from app.services.search_places import place_offers
from app.taxonomy import Taxonomies

LANGUAGE_NAMES = {"fr": {"fr": "Français", "en": "Anglais"}, "en": {"fr": "French", "en": "English"}}


def language_names(reader: str) -> dict[str, str]:
    """The resources' languages named for a reader of ``reader`` (English for any language but French)."""
    return LANGUAGE_NAMES["fr" if reader == "fr" else "en"]


# The organisations' names by code (``jsonld.organisation_names``), read only when a label needs them: the
# publisher facet's values are organisation codes, which no taxonomy lists.
PublisherNames = Callable[[], Mapping[str, str]]


def publisher_names(sessions: sessionmaker[Session]) -> PublisherNames:
    """The organisations' names, read from the database when asked for: only a search labelling publishers does."""

    def read() -> Mapping[str, str]:
        with sessions() as session:
            return jsonld.organisation_names(session)

    return read


def facet_labels(
    taxonomies: Taxonomies,
    facet: FilterField,
    codes: Iterable[str],
    language: str | None,
    names: PublisherNames | None = None,
) -> dict[str, str]:
    """The label of each value of a facet in ``language`` (French by default); the code itself when unknown. The
    vocabulary is looked up once per facet: a country facet has some 250 values. A publisher is labelled with
    its organisation's name as pages credit it (``centre.organisation_name``), from ``names``."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE.value
    if facet == FilterField.publisher:
        codes = list(codes)
        # The centre is named in ``language`` whatever its row says: a page of its resources reads no name.
        known = names() if names is not None and any(code != CENTRE_SLUG for code in codes) else {}
        return {code: organisation_name(code, known.get(code, code), language) for code in codes}
    vocabulary = FILTERS[facet].vocabulary
    if vocabulary is None:
        language_names = LANGUAGE_NAMES[language]
        return {code: language_names.get(code, code) for code in codes}
    terms = taxonomies[vocabulary]
    return {code: term.label(language) if (term := terms.get(code)) else code for code in codes}


def facet_label(taxonomies: Taxonomies, facet: FilterField, code: str, language: str | None) -> str:
    return facet_labels(taxonomies, facet, (code,), language)[code]


def labels_of(
    taxonomies: Taxonomies,
    facets: Mapping[str, Mapping[str, int]],
    hits: Sequence[SearchHitAnswer],
    language: str | None,
    names: PublisherNames | None = None,
    filtered: Mapping[FilterField, Sequence[str]] | None = None,
) -> dict[str, dict[str, str]]:
    """The label of every value an answer holds: its facets' values (a publisher's: its name), its hits' type,
    countries, sectors and risks, and the values it is filtered by (``filtered``: what a widget says it is limited
    to, labelled even when no hit is found) — a widget labels them all from the answer alone, without asking for
    the taxonomies."""
    codes: dict[str, dict[str, None]] = {name: dict.fromkeys(values) for name, values in facets.items()}
    for field, values in (filtered or {}).items():
        if values:
            codes.setdefault(field.value, {}).update(dict.fromkeys(values))
    for hit in hits:
        held = (
            ("type", [hit["type"]]),
            ("country", hit["countries"]),
            ("sector", hit["sectors"]),
            ("risk", hit["risks"]),
        )
        for name, values in held:
            if values:
                codes.setdefault(name, {}).update(dict.fromkeys(values))
    return {
        name: facet_labels(taxonomies, FilterField(name), values, language, names) for name, values in codes.items()
    }


def top_values(counts: Mapping[str, int], limit: int | None) -> dict[str, int]:
    """Most frequent first (ties by value, so the order is stable), at most ``limit``."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ordered[:limit] if limit else ordered)


def build_query(
    settings: Settings,
    taxonomies: Taxonomies,
    *,
    q: str,
    filters: Mapping[FilterField, Sequence[str]],
    sort: SortOrder,
    page: int,
    per_page: int,
    facets: Sequence[FilterField],
    fixed_filters: Mapping[FilterField, tuple[str, ...]] | None = None,
    prefer_language: str | None = None,
) -> SearchQuery:
    errors: list[FieldError] = []
    if len(q) > settings.max_query_length:
        errors.append(
            FieldError(field="q", message=f"is {len(q)} characters long; at most {settings.max_query_length}")
        )
    if "\x00" in q:
        errors.append(FieldError(field="q", message="contains a NUL character"))
    if per_page > settings.max_per_page:
        errors.append(FieldError(field="per_page", message=f"must be at most {settings.max_per_page}"))
    if page * per_page > settings.max_result_window:
        errors.append(
            FieldError(
                field="page",
                message=(
                    f"page × per_page must be at most {settings.max_result_window}; narrow the search with filters, "
                    "or read every resource from /v1/export or /v1/feed.atom"
                ),
            )
        )
    selected, filter_errors = check_values(filters, taxonomies)
    errors.extend(filter_errors)
    if errors:
        raise InvalidParameters("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return SearchQuery(
        q=q.strip(),
        filters=selected,
        fixed_filters=fixed_filters or {},
        sort=sort,
        page=page,
        per_page=per_page,
        facets=tuple(dict.fromkeys(facets)),
        prefer_language=prefer_language,
    )


def last_page(total: int, per_page: int, max_result_window: int) -> int:
    """The last page a client can ask for: the engines count ``total`` up to the window, and a window that is not a
    multiple of ``per_page`` (1000 by 30) would otherwise end on a page :func:`build_query` answers with a 422 — a
    client paging up to ``total_pages`` must never meet one."""
    return min(-(-total // per_page), max_result_window // per_page)


@contextmanager
def _answering() -> Iterator[None]:
    """The engine's searches, a 503 problem when it cannot answer now."""
    try:
        yield
    except SearchUnavailable as exc:
        raise ServiceUnavailable(
            f"Search is temporarily unavailable ({exc}). Try again shortly.", headers={"Retry-After": "5"}
        ) from exc


def run(engine: SearchEngine, query: SearchQuery, *, how_to_first: bool = False) -> SearchResult:
    """The engine's answer, or a 503 problem when it cannot answer now. ``how_to_first``: a question's how-to
    resources first (:func:`app.services.guides_first.search`), as the search page lists them; a listing of ids
    or of facet values has no order to steer."""
    with _answering():
        return guides_first.search(engine, query) if how_to_first else engine.search(query)


def places(
    engine: SearchEngine, taxonomies: Taxonomies, query: SearchQuery, base_url: str, language: str
) -> list[PlaceAnswer]:
    """The countries ``query``'s words name a region of, with their resources (:func:`place_offers`), each linked
    to the centre's search page in ``language``."""
    with _answering():
        offers = place_offers(engine, taxonomies, query, language)
    return [
        {
            "country": offer.code,
            "name": offer.name,
            "region": query.q,
            "total": offer.total,
            # The page's language is its address's; the search page is under no key's fixed filters.
            "url": absolute(base_url, page_path("search", language, **_page_filters(offer.filters))),
        }
        for offer in offers
    ]


def _page_filters(filters: Mapping[FilterField, Sequence[str]]) -> dict[str, list[str]]:
    return {name.value: list(values) for name, values in filters.items() if name != FilterField.lang}


def search(
    engine: SearchEngine,
    query: SearchQuery,
    base_url: str,
    taxonomies: Taxonomies | None = None,
    facet_limit: int | None = None,
    names: PublisherNames | None = None,
    *,
    max_result_window: int,
) -> SearchAnswer:
    """The answer as plain data in the shape of the route's documented model (:class:`SearchAnswer`): validating
    a model per hit and serialising them through pydantic cost ~0.1 ms a page of 20, more than everything else
    here. ``names``: the organisations' names, asked for when the answer lists publishers. ``max_result_window``:
    the bound :func:`build_query` puts on ``page × per_page``, so that ``total_pages`` names no page it refuses."""
    result = run(engine, query, how_to_first=True)
    reader = query.prefer_language if query.prefer_language in LANGUAGES else DEFAULT_LANGUAGE.value
    hits: list[SearchHitAnswer] = [
        {
            "id": document.id,
            "slug": document.slug,
            "type": document.type,
            "language": document.language,
            "title": document.title,
            "summary": document.summary,
            "countries": list(document.countries),
            "sectors": list(document.sectors),
            "risks": list(document.risks),
            "publisher": document.publisher,
            # The centre's documents hold no name (it is not searched): named in the reader's language, as pages do.
            "publisher_name": organisation_name(
                document.publisher, document.publisher_name or document.publisher, reader
            ),
            "published_at": document.published_at,
            "updated_at": document.updated_at,
            "url": resource_url(base_url, document.language, document.slug),
            "highlights": dict(hit.highlights),
            # a training module's facts, as its document holds them (none on the other types)
            "duration": document.duration,
            "level": document.level,
            "prerequisites": document.prerequisites,
        }
        for hit in result.hits
        for document in (hit.document,)
    ]
    counts = trim_facets({f.value: counts for f, counts in result.facets.items()}, query.fixed_filters)
    facets = {name: top_values(values, facet_limit) for name, values in counts.items()}
    filtered = {field: (*query.filters.get(field, ()), *query.fixed_filters.get(field, ())) for field in FilterField}
    labels = (
        labels_of(taxonomies, facets, hits, query.prefer_language, names, filtered) if taxonomies is not None else {}
    )
    return {
        "query": query.q,
        "language": query.prefer_language,
        "left_out": list(result.left_out) if result.total else [],  # nothing found: no word was left out for it
        "places": places(engine, taxonomies, query, base_url, reader)
        if taxonomies is not None and not result.total
        else [],
        "hits": hits,
        "total": result.total,
        "page": query.page,
        "per_page": query.per_page,
        "total_pages": last_page(result.total, query.per_page, max_result_window),
        "facets": facets,
        "facet_labels": labels,
        "fixed_filters": {f.value: list(query.fixed_filters[f]) for f in FilterField if f in query.fixed_filters},
        "processing_time_ms": result.processing_time_ms,
    }
