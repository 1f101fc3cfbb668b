"""Search API schemas."""

from pydantic import BaseModel, Field

from app.models import Language, ResourceType


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
    url: str
    highlights: dict[str, str] = Field(
        description="title, summary and a cropped body excerpt, HTML-escaped, matches wrapped in <mark>"
    )


class SearchResponse(BaseModel):
    query: str
    hits: list[SearchHitRead]
    total: int
    page: int
    per_page: int
    total_pages: int
    facets: dict[str, dict[str, int]] = Field(
        description="Counts per value of each requested facet; a facet's counts ignore its own selection."
    )
    processing_time_ms: float

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "query": "cacao Côte d'Ivoire",
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
                            "url": "http://127.0.0.1:8000/fr/resources/cote-d-ivoire",
                            "highlights": {"title": "<mark>Côte</mark> <mark>d'Ivoire</mark> : …"},
                        }
                    ],
                    "total": 1,
                    "page": 1,
                    "per_page": 20,
                    "total_pages": 1,
                    "facets": {"country": {"CI": 1}},
                    "processing_time_ms": 2.1,
                }
            ]
        }
    }
