"""Taxonomy API schemas."""

from pydantic import BaseModel, Field


class Labels(BaseModel):
    fr: str
    en: str


class TaxonomyTermRead(BaseModel):
    code: str
    labels: Labels
    synonyms: list[str]
    group: str | None = None
    essentials: list[str] = Field(
        default_factory=list,
        description="Translation keys of the resources to begin with on this term, in reading order (the search "
        "page lists them above a search about the term alone); a resource's id is its key and language, "
        "`GET /v1/resources/{key}.fr` or `.en`",
        examples=[["method-forced-labour-indicators", "law-ilo-c029"]],
    )


class TaxonomyRead(BaseModel):
    name: str
    terms: list[TaxonomyTermRead]
