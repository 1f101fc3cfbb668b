"""Glossary API schemas: every term of the centre's glossary (``content/glossary.yaml``) in French and English, with
its entry on each language's page, its sources and the centre's resources that go further (``GET /v1/glossary``)."""

from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.taxonomy import Labels


class GlossarySourceRead(BaseModel):
    """A text the term comes from (a convention on NORMLEX, the Palermo Protocol, Légifrance, EUR-Lex…)."""

    title: Labels = Field(
        description="Its title as each language's page gives it; the same twice when the source has one title only, "
        "in `language`",
        examples=[{"fr": "OIT NORMLEX, Convention (n° 29) sur le travail forcé, 1930", "en": "ILO NORMLEX, Forced "
                   "Labour Convention, 1930 (No. 29)"}],
    )  # fmt: skip
    url: Labels = Field(
        description="Its address for a reader of each language: the page in that language where the source has one "
        "per language (NORMLEX, OHCHR), else the same address twice"
    )
    language: Literal["fr", "en"] | None = Field(
        None,
        description="The language of the page `url` leads to when it has one only (a title given once is in it "
        "too); null when the source has a page in each language or its address does not say (EUR-Lex)",
    )


class GlossaryResourceRead(BaseModel):
    """One of the centre's published resources that goes further than the definition."""

    key: str = Field(description="Translation key", examples=["law-ilo-c029"])
    id: Labels = Field(
        description="The resource's id in each language, `{key}.{lang}` (`GET /v1/resources/{id}`); a language it "
        "is not published in gives the other's, as `/v1/findings`' sheet links do",
        examples=[{"fr": "law-ilo-c029.fr", "en": "law-ilo-c029.en"}],
    )
    title: Labels
    api_url: Labels = Field(description="`GET /v1/resources/{id}`, absolute")
    page_url: Labels = Field(description="The human page, `/fr/ressources/{slug}` or `/en/resources/{slug}`, absolute")


class GlossaryTermRead(BaseModel):
    id: str = Field(
        description="The term's identifier: its anchor on the English page, made from its English name (renaming "
        "the English term changes it)",
        examples=["forced-labour"],
    )
    uri: str = Field(
        description="The term as a SKOS concept (`format=ttl` or `format=jsonld`): the glossary's URI with `#id`",
        examples=["https://example.org/v1/glossary#forced-labour"],
    )
    term: Labels = Field(description="Its name in French and in English", examples=[{"fr": "Travail forcé", "en":
                         "Forced labour"}])  # fmt: skip
    definition: Labels = Field(description="Its definition in each language, in the centre's own words (plain text)")
    page_url: Labels = Field(
        description="Its entry on the glossary page of each language: the page's absolute address with the term's "
        "anchor, made from its name in that language",
        examples=[{"fr": "https://example.org/fr/glossaire#travail-force", "en":
                   "https://example.org/en/glossary#forced-labour"}],
    )  # fmt: skip
    sources: list[GlossarySourceRead] = Field(description="The texts it comes from, at least one, in reading order")
    see_also: list[GlossaryResourceRead] = Field(
        description="The centre's resources that go further, in reading order; one published in neither language is "
        "left out, as the page leaves it out"
    )


class GlossaryRead(BaseModel):
    uri: str = Field(
        description="The glossary as a SKOS concept scheme; asked with `Accept: text/turtle` or "
        "`application/ld+json`, it answers in that format",
        examples=["https://example.org/v1/glossary"],
    )
    page_url: Labels = Field(description="The glossary page in each language")
    licence: str = Field(
        description="SPDX identifier: the centre's own texts are under CC BY 4.0", examples=["CC-BY-4.0"]
    )
    licence_url: str
    total: int = Field(description="The number of terms; 0, with no term, while the centre has no glossary")
    terms: list[GlossaryTermRead] = Field(description="Every term, by `id`")
