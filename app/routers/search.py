"""Public search, facet-value search and autocomplete."""

from dataclasses import dataclass
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic_core import to_json

from app.config import Settings
from app.deps import principal_of
from app.errors import InvalidParameters, ServiceUnavailable, problem_responses
from app.languages import Language
from app.middleware.caching import weak_etag
from app.models import SearchSource
from app.policy import public
from app.routers.filters import FiltersDep
from app.routers.parameters import STRICT_PARAMETERS
from app.schemas.search import FacetSearchResponse, SearchAnswer, SearchResponse, SuggestResponse
from app.search.base import FilterField, SearchEngine, SearchQuery, SortOrder
from app.services import search as search_service
from app.services import suggest as suggest_service
from app.services.principal import Principal
from app.services.reader_language import reader_language
from app.services.search_statistics import TYPING_PARAMETER, SearchStatistics, record_search
from app.taxonomy import Taxonomies


def answer_json(answer: SearchAnswer) -> tuple[bytes, str]:
    """The answer's JSON and its weak ETag from one serialisation: the tag digests everything but the processing
    time, which is the last field and so appended after (a repeated search keeps its tag)."""
    stable = orjson.dumps({name: value for name, value in answer.items() if name != "processing_time_ms"})
    return stable[:-1] + b',"processing_time_ms":' + to_json(answer["processing_time_ms"]) + b"}", weak_etag(stable)


router = APIRouter(
    prefix="/v1",
    tags=["search"],
    # Search, facet search and suggestions alike: open to web pages, kept 60 s by caches with an ETag (their answers
    # depend on the URL, the key and Accept-Language, which Vary names, like the search's).
    dependencies=[STRICT_PARAMETERS, public(cache_seconds=60, widget_scope="search")],
)


SEARCH_PROBLEMS = problem_responses(InvalidParameters, ServiceUnavailable)
PreferLanguage = Annotated[
    Language | None,
    Query(
        description="The reader's language (the site's or the widget's), ranked first without hiding the other; "
        "default: Accept-Language, else the language of the query's words"
    ),
]
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@dataclass(slots=True)
class SearchParameters:
    """What every search route takes: the words, the filters and the reader's language, with the engine, the
    settings, the taxonomies and the caller (whose fixed filters narrow every query, never widened)."""

    q: str
    filters: dict[FilterField, list[str]]
    settings: Settings
    taxonomies: Taxonomies
    engine: SearchEngine
    caller: Principal
    response: Response
    prefer_lang: Language | None
    accept_language: str | None
    names: search_service.PublisherNames  # read only when an answer labels publishers
    statistics: SearchStatistics  # the words searched, counted for the editors (never who searched)

    def query(
        self,
        *,
        sort: SortOrder = SortOrder.relevance,
        page: int = 1,
        per_page: int = 20,
        facets: list[FilterField] | None = None,
    ) -> SearchQuery:
        language = reader_language(
            self.taxonomies,
            asked=self.prefer_lang,
            accept_language=self.accept_language,
            q=self.q,
            filtered=[v.strip().lower() for v in self.filters.get(FilterField.lang, [])],
        )
        if self.prefer_lang is None:
            self.response.headers["Vary"] = "Accept-Language"
        return search_service.build_query(
            self.settings,
            self.taxonomies,
            q=self.q,
            filters=self.filters,
            sort=sort,
            page=page,
            per_page=per_page,
            facets=facets or [],
            fixed_filters=self.caller.fixed_filters,  # a publishable key's restriction, never widened
            prefer_language=language,
        )


async def search_parameters(
    request: Request,
    filters: FiltersDep,
    response: Response,
    q: Annotated[
        str, Query(description="Words to search for, in French or English", examples=["cacao Côte d'Ivoire"])
    ] = "",
    prefer_lang: PreferLanguage = None,
    accept_language: AcceptLanguage = None,
) -> SearchParameters:
    """A function, not the class itself: FastAPI runs a class dependency in its thread pool, a hop that costs more
    than building it. It reads the settings, the taxonomies, the engine and the caller itself rather than through
    SettingsDep, TaxonomiesDep, SearchDep and PrincipalDep: FastAPI's solving of each dependency cost more than
    the read (4 fewer: ~0.06 ms less CPU a search)."""
    state = request.app.state
    return SearchParameters(
        q, filters, state.settings, state.taxonomies, state.search, principal_of(request), response, prefer_lang,
        accept_language, search_service.publisher_names(state.session_factory), state.search_statistics,
    )  # fmt: skip


SearchParams = Annotated[SearchParameters, Depends(search_parameters)]


@router.get(
    "/search",
    response_model=SearchResponse,
    responses=SEARCH_PROBLEMS,
)
def search(
    params: SearchParams,
    sort: SortOrder = SortOrder.relevance,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
    facets: Annotated[list[FilterField], Query(description="Filters to count values of")] = [],  # noqa: B006
    facet_limit: Annotated[
        int | None, Query(ge=1, le=300, description="At most this many values per facet, most frequent first")
    ] = None,
    typing: Annotated[
        bool,
        Query(
            alias=TYPING_PARAMETER,
            description=(
                "Set to 1 by a search box that searches as the person types (the widget does): answered alike, not "
                "counted in the editors' statistics of searches. Leave it out once the words are settled (Enter)"
            ),
        ),
    ] = False,
) -> Response:
    """Search published resources, with filters (values ORed, filters ANDed) and disjunctive facets."""
    # `def`: the engine runs in FastAPI's thread pool, never blocking the event loop. Computed on the loop instead
    # (one search at a time per worker anyway, and ~0.3 ms of CPU less without the hop), 2 workers at concurrency
    # 8 served 10% more on a quiet machine (365 vs 332 requests/s) but 20-45% less whenever other processes
    # competed for the cores (alternated A/B runs, 5 of 6): the loop's Python and the engine's GIL-free work no
    # longer overlapped. The answer is serialised here, once, and returned as is: FastAPI neither validates it
    # again nor hops to its thread pool to do so.
    query = params.query(sort=sort, page=page, per_page=per_page, facets=facets)
    answer = search_service.search(
        params.engine,
        query,
        params.settings.public_base_url,
        params.taxonomies,
        facet_limit,
        params.names,
        max_result_window=params.settings.max_result_window,
    )
    record_search(params.statistics, query, answer["total"], SearchSource.api, typing=typing)
    body, etag = answer_json(answer)
    response = Response(body, media_type="application/json")
    response.headers.raw.extend(params.response.headers.raw)  # what the dependencies set (Vary)
    response.headers["ETag"] = etag
    return response


@router.get("/facet-search", response_model=FacetSearchResponse, responses=SEARCH_PROBLEMS)
def facet_search(
    params: SearchParams,
    facet: Annotated[FilterField, Query(description="The facet whose values to search")],
    facet_q: Annotated[
        str,
        Query(
            max_length=100,
            description="Words the value's label (a publisher's: its organisation's name), synonym or code starts with",
        ),
    ] = "",
    limit: Annotated[int, Query(ge=1, le=300)] = 20,
) -> FacetSearchResponse:
    """Values of one facet whose label matches `facet_q`, with their counts under the search's words and filters."""
    return suggest_service.search_facet_values(
        params.engine, params.taxonomies, params.query(), facet, facet_q, limit, params.names
    )


@router.get("/suggest", response_model=SuggestResponse, responses=SEARCH_PROBLEMS)
def suggest(
    params: SearchParams,
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> SuggestResponse:
    """Autocomplete: taxonomy terms (filters to apply) and resource titles for the words being typed."""
    base_url = params.settings.public_base_url
    return suggest_service.suggest(params.engine, params.taxonomies, params.query(), base_url, limit)
