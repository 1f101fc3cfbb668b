"""Taxonomy API schemas."""

from pydantic import BaseModel


class Labels(BaseModel):
    fr: str
    en: str


class TaxonomyTermRead(BaseModel):
    code: str
    labels: Labels
    synonyms: list[str]
    group: str | None = None


class TaxonomyRead(BaseModel):
    name: str
    terms: list[TaxonomyTermRead]
