"""Search API schemas."""

from datetime import date
from typing import TypedDict

from pydantic import BaseModel, Field

from app.models import Language, ResourceType
from app.schemas.resource import Duration, Level, PrerequisitesLine


class SearchHitRead(BaseModel):
    id: str = Field(examples=["country-ci.fr"])
    slug: str
    type: ResourceType
    language: Language
    title: str
    summary: str
    countries: list[str]
    sectors: list[str]
    risks: list[str]
    publisher: str = Field(
        description="The publishing organisation's code, as a resource names it (`crv` for the centre)",
        examples=["crv"],
    )
    publisher_name: str = Field(
        description="Its name, as pages credit it (the centre's in the reader's language)",
        examples=["Centre de ressources virtuel 8.7"],
    )
    published_at: date = Field(description="Its publication date, a day (what `sort=published_at:desc` orders by)")
    updated_at: date = Field(
        description="The date its publisher gives its latest version, a day (`sort=updated_at:desc`); the Atom "
        "feed's order is another, the centre's last change to the resource"
    )
    url: str
    highlights: dict[str, str] = Field(
        description="title, summary and a cropped body excerpt, HTML-escaped, matches wrapped in <mark>"
    )
    duration: Duration = None
    level: Level = None
    prerequisites: PrerequisitesLine = None


class PlaceRead(BaseModel):
    country: str = Field(description="The country's code (a `country` filter value)", examples=["BD"])
    name: str = Field(description="Its name, in the reader's language", examples=["Bangladesh"])
    region: str = Field(description="The words typed, which name a region of it (ISO 3166-2)", examples=["Dhaka"])
    total: int = Field(
        description="How many published resources the same search finds on the country: without the words, its "
        "`country` and `region` filters replaced by the country, its other filters kept"
    )
    url: str = Field(
        description="The centre's search page listing them, in the reader's language",
        examples=["http://127.0.0.1:8000/fr/recherche?country=BD"],
    )


class SearchResponse(BaseModel):
    query: str
    language: str | None = Field(
        default=None,
        description="The reader's language: ranked first and used for labels (prefer_lang, else Accept-Language, "
        "else the query's words); never a filter",
    )
    left_out: list[str] = Field(
        default_factory=list,
        description="The words of `q` the hits are without (lower-cased, accents removed: « Groenland » is "
        "`groenland`): no published resource held every word, so these were left out to find some. Empty when "
        "every word matched or nothing was found.",
        examples=[["mika"]],
    )
    places: list[PlaceRead] = Field(
        default_factory=list,
        description="When nothing matches and `q` is the name of a region of one or more countries (« Dhaka », "
        "« Punjab »; not a country's own name, nor a world region): each of those countries on which the same search "
        "finds resources, to offer instead. Empty otherwise.",
        examples=[[{"country": "BD", "name": "Bangladesh", "region": "Dhaka", "total": 12, "url": "…"}]],
    )
    hits: list[SearchHitRead]
    total: int = Field(
        description="How many published resources match, counted up to the search's result window (the `maximum` "
        "of `page`: 1000 by default): at the window there may be more. Narrow the search with filters, or read "
        "every resource from /v1/export or /v1/feed.atom"
    )
    page: int
    per_page: int
    total_pages: int = Field(
        description="The last page that may be asked for with this `per_page`: every page from 1 to it answers, "
        "within the result window"
    )
    facets: dict[str, dict[str, int]] = Field(
        description="Counts per value of each requested facet, most frequent first (at most facet_limit values); "
        "a facet's counts ignore its own selection."
    )
    facet_labels: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="The label, in the reader's language (fr by default), of every value the answer holds: each "
        "facet's values and the hits' `type`, `countries`, `sectors` and `risks` (by filter name: `country`…)",
    )
    fixed_filters: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The filters the caller's publishable key fixes, ANDed with every search (empty without one): "
        "a facet they fix only counts their values, so a widget hides it, as it hides those its own filters fix",
        examples=[{"sector": ["cocoa"]}],
    )
    processing_time_ms: float

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "query": "cacao Côte d'Ivoire",
                    "left_out": [],
                    "places": [],
                    "hits": [
                        {
                            "id": "country-ci.fr",
                            "slug": "cote-d-ivoire",
                            "type": "risk_sheet",
                            "language": "fr",
                            "title": "Côte d'Ivoire : travail des enfants et travail forcé",
                            "summary": "…",
                            "countries": ["CI"],
                            "sectors": ["cocoa"],
                            "risks": ["child-labour"],
                            "publisher": "crv",
                            "publisher_name": "Centre de ressources virtuel 8.7",
                            "published_at": "2026-11-26",
                            "updated_at": "2026-11-26",
                            "url": "http://127.0.0.1:8000/fr/resources/cote-d-ivoire",
                            "highlights": {"title": "<mark>Côte</mark> <mark>d'Ivoire</mark> : …"},
                        }
                    ],
                    "total": 1,
                    "page": 1,
                    "per_page": 20,
                    "total_pages": 1,
                    "facets": {"country": {"CI": 1}},
                    "facet_labels": {
                        "country": {"CI": "Côte d'Ivoire"},
                        "type": {"risk_sheet": "Fiche risque"},
                        "sector": {"cocoa": "Cacao"},
                        "risk": {"child-labour": "Travail des enfants"},
                    },
                    "fixed_filters": {},
                    "processing_time_ms": 2.1,
                }
            ]
        }
    }


class FacetValueRead(BaseModel):
    value: str = Field(examples=["CI"])
    label: str = Field(examples=["Côte d'Ivoire"])
    count: int


class FacetSearchResponse(BaseModel):
    facet: str
    facet_query: str
    language: str | None
    values: list[FacetValueRead] = Field(description="Values whose label or code matches, most frequent first")


class SuggestionRead(BaseModel):
    kind: str = Field(description="`term` (a taxonomy term: a filter to apply) or `resource` (a title to open)")
    text: str = Field(description="What to show, HTML-escaped, the typed words wrapped in <mark>")
    label: str
    facet: str | None = Field(default=None, description="For a term: the filter it sets")
    value: str | None = Field(default=None, description="For a term: the code to filter on")
    url: str | None = Field(default=None, description="For a resource: where to read it")


class SuggestResponse(BaseModel):
    query: str
    language: str | None
    suggestions: list[SuggestionRead]


class SearchHitAnswer(TypedDict):
    """A hit of :class:`SearchResponse` as the search service builds it: plain data, serialised as is, without a
    pydantic model per hit (~0.1 ms a page of 20). ``tests/routers/test_search_api.py`` holds it to
    :class:`SearchHitRead`, field for field and in order."""

    id: str
    slug: str
    type: str  # a ResourceType's value, as the engine stores it
    language: str  # a Language's value
    title: str
    summary: str
    countries: list[str]
    sectors: list[str]
    risks: list[str]
    publisher: str
    publisher_name: str
    published_at: date  # serialised as YYYY-MM-DD (orjson)
    updated_at: date
    url: str
    highlights: dict[str, str]
    duration: int | None  # a training module's facts, None on the other types
    level: str | None  # a TrainingLevel's value
    prerequisites: str | None


class PlaceAnswer(TypedDict):
    """:class:`PlaceRead` as plain data."""

    country: str
    name: str
    region: str
    total: int
    url: str


class SearchAnswer(TypedDict):
    """:class:`SearchResponse` as plain data (see :class:`SearchHitAnswer`)."""

    query: str
    language: str | None
    left_out: list[str]
    places: list[PlaceAnswer]
    hits: list[SearchHitAnswer]
    total: int
    page: int
    per_page: int
    total_pages: int
    facets: dict[str, dict[str, int]]
    facet_labels: dict[str, dict[str, str]]
    fixed_filters: dict[str, list[str]]
    processing_time_ms: float
