"""The embedded engine's index layout: its fields, their analyzers, and the search document stored with each
entry (written and read back whole, so a page of hits needs no database)."""

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from operator import itemgetter
from typing import Any

import orjson
import tantivy

from app.filters import FILTERS
from app.languages import Language
from app.search.base import SearchDocument

# A partner's name (SearchDocument.publisher_name) weighs least: it finds what the partner published, but every
# one of its resources holds it, so it must not rank them above texts about the words searched.
TEXT_FIELDS: Mapping[str, float] = {
    "title": 4.0,
    "keywords": 2.5,
    "summary": 2.0,
    "body": 1.0,
    "publisher_name": 0.5,
}
STEMMED_FIELDS = ("title", "summary", "body")
STEMMERS: Mapping[str, str] = {Language.fr: "french", Language.en: "english"}  # one per language of app.languages
FACET_ATTRIBUTES = tuple(dict.fromkeys(spec.attribute for spec in FILTERS.values()))
LONG_WORD_BYTES = 80  # a longer word is not indexed


def build_analyzer(stemmer: str | None) -> "tantivy.TextAnalyzer":
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(LONG_WORD_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stemmer:
        builder = builder.filter(tantivy.Filter.stemmer(stemmer))
    return builder.build()


def index_schema(stem_positions: bool = False) -> "tantivy.Schema":
    """The index's fields. The stemmed fields keep term frequencies only: a search seeks single stems there, by
    their BM25 score (frequencies and field lengths), never a phrase (the folded fields have the positions), so
    their positions would cost indexing time and space for nothing. ``stem_positions``: the layout of indexes
    written before, with positions there too, which answer the same queries alike
    (:meth:`app.search.tantivy_engine.TantivyEngine._open`)."""
    stem_option = "position" if stem_positions else "freq"
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_bytes_field("doc", stored=True, indexed=False)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="crv_fold")
    for name in STEMMED_FIELDS:
        for language in STEMMERS:
            # Given stems (app.search.tantivy_stems): the tokenizer registered under this name only splits them.
            builder.add_text_field(f"{name}_{language}", tokenizer_name=f"crv_{language}", index_option=stem_option)
    for name in FACET_ATTRIBUTES:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_text_field("title_sort", tokenizer_name="raw", fast=True)
    builder.add_text_field("sheet", tokenizer_name="raw")  # `sheet_subjects`: « countries:CI », « sectors:cocoa »
    builder.add_date_field("published_at", fast=True, indexed=True)
    builder.add_date_field("updated_at", fast=True, indexed=True)
    return builder.build()


DOCUMENT_FIELDS = tuple(field.name for field in fields(SearchDocument))


def encode_document(document: SearchDocument) -> bytes:
    # What ``asdict`` gives, without its deep copy of every value (half the cost of indexing a document); orjson
    # writes dates as ISO 8601 and enumerations as their values, as ``decode_document`` reads them, 4× faster than json.
    return orjson.dumps({name: getattr(document, name) for name in DOCUMENT_FIELDS})


# A document's values in the order of its fields: given by position rather than by keyword, a page's 20
# documents are made ~0.07 ms faster.
DOCUMENT_VALUES = itemgetter(*DOCUMENT_FIELDS)


def decode_document(raw: bytes) -> SearchDocument:
    # orjson reads a page's 20 documents (~4 kB each) in 60% of json's time.
    data: dict[str, Any] = orjson.loads(raw)
    for name in ("countries", "regions", "sectors", "risks", "audiences", "keywords"):
        data[name] = tuple(data[name])
    data["published_at"] = date.fromisoformat(data["published_at"])
    data["updated_at"] = date.fromisoformat(data["updated_at"])
    for name in ("duration", "level", "prerequisites"):
        data.setdefault(name, None)  # absent from a document indexed before they were: none until it is again
    return SearchDocument(*DOCUMENT_VALUES(data))
