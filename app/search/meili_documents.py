"""Meilisearch's side of the index: its settings and the mapping between a :class:`SearchDocument` and the JSON
document Meilisearch stores (see :mod:`app.search.meili` for why documents look the way they do)."""

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

import pycountry

from app.dates import midnight_utc
from app.languages import Language
from app.search.base import SearchDocument, SearchUnavailable, sheet_subjects
from app.search.meili_filters import FILTERABLE_ATTRIBUTES
from app.search.text import CONCEPT_ATTRIBUTES, MAX_SYNONYM_KEY_WORDS, STOP_WORDS, fold, tokenize

PRIMARY_KEY: Final = "key"
LOCALIZED_FIELDS: Final = ("title", "summary", "body")
LOCALES: Final[Mapping[str, str]] = {Language.fr: "fra", Language.en: "eng"}  # one per language
# `sheet` first: a risk sheet's own subject (see `subject_terms`), so that a country, commodity, sector or region
# named alone brings its sheet first, as the embedded engine's `sheet` field does. Meilisearch's `attributeRank`
# rule ranks a document by the first searchable attribute each query word appears in (« attribute ranking order »
# in its documentation), after `words`, `typo` and `proximity`: among equally good matches, the sheet leads.
# `publisher_name` last: a partner's name finds what it published, ranked after the texts holding the words searched
# (the embedded engine weighs it least too).
SEARCHABLE_ATTRIBUTES: Final = ("sheet", "title", "country_codes", "keywords", "summary", "body", "publisher_name")
SORTABLE_ATTRIBUTES: Final = ("published_at_ts", "updated_at_ts", "title_sort", "language")
# `sort` right after `words`: with the `all` matching strategy every hit ties on `words`, so a requested sort
# order is the order of the results (as with the embedded engine), and without one the rule is a no-op.
RANKING_RULES: Final = ("words", "sort", "typo", "proximity", "attributeRank", "wordPosition", "exactness")
ONE_TYPO_MIN_LENGTH: Final = 5
TWO_TYPOS_MIN_LENGTH: Final = 9
MAX_VALUES_PER_FACET: Final = 300
_KEY_SAFE = re.compile(r"[A-Za-z0-9-]")
_ESCAPED_CHAR = re.compile(r"_([0-9a-f]+)_")


class MalformedResponse(SearchUnavailable):
    """Meilisearch answered something we cannot read."""


# -- settings -------------------------------------------------------------------------------------------------
def synonym_key(term: str) -> str:
    """How a query reaches the synonym: folded words without stop words (see :func:`meili_query`)."""
    return " ".join(word for word in tokenize(term) if word not in STOP_WORDS)


def synonym_map(groups: Iterable[Sequence[str]]) -> dict[str, list[str]]:
    """Meilisearch synonyms (term → its equivalents) from groups of interchangeable terms: every term of a group
    maps to all the others, both ways; a term in several groups maps to the union.

    Keys are what a query looks like once :func:`meili_query` has prepared it (folded, stop words removed:
    Meilisearch looks synonyms up on runs of adjacent query words), values are the folded phrases as written,
    stop words included, because Meilisearch matches a multi-word synonym as a phrase of adjacent words in the
    document; a key whose wording lost stop words also maps to that wording, so the exact phrase ranks like a
    synonym. A term that is only stop words (« Or », gold in French) is dropped.

    Meilisearch only looks synonyms up for runs of one to three query words, so a key of four words or more
    would never fire: such a term is only ever a *value* (« worst forms child labour » is reached through its
    shorter aliases). :func:`long_synonym_keys` lists the terms in that case."""
    merged: dict[str, dict[str, None]] = {}
    for group in groups:
        # « Côte d’Ivoire » and « Côte d'Ivoire » are one term: the apostrophe is a separator either way.
        terms = {synonym_key(term): " ".join(fold(term).replace("’", "'").split()) for term in group}
        terms.pop("", None)
        if len(terms) < 2:
            continue
        for key, phrase in terms.items():
            if len(key.split()) > MAX_SYNONYM_KEY_WORDS:
                continue
            equivalents = [v for k, v in terms.items() if k != key]
            if phrase != key:  # the wording itself, stop words included, matched as a phrase
                equivalents.append(phrase)
            merged.setdefault(key, {}).update(dict.fromkeys(equivalents))
    return {key: list(equivalents) for key, equivalents in sorted(merged.items())}


def long_synonym_keys(groups: Iterable[Sequence[str]]) -> list[str]:
    """Terms whose synonym key is longer than Meilisearch looks up (more than three words once folded and
    without stop words): they are reached only through a shorter alias of the same group."""
    keys = {synonym_key(term) for group in groups for term in group}
    return sorted(key for key in keys if len(key.split()) > MAX_SYNONYM_KEY_WORDS)


def index_settings(synonym_groups: Iterable[Sequence[str]], max_total_hits: int) -> dict[str, Any]:
    """The complete settings of the index, applied as one task."""
    return {
        "searchableAttributes": list(SEARCHABLE_ATTRIBUTES),
        "displayedAttributes": ["*"],
        "filterableAttributes": [*FILTERABLE_ATTRIBUTES, PRIMARY_KEY, "visibility"],
        "sortableAttributes": list(SORTABLE_ATTRIBUTES),
        "rankingRules": list(RANKING_RULES),
        "synonyms": synonym_map(synonym_groups),
        # Stop words are removed from the query by `meili_query`, not by Meilisearch: server-side stop words
        # still take a position in documents but are dropped from multi-word synonyms, so « child labour » could
        # never reach a text saying « travail des enfants » (a phrase needs adjacent words).
        "stopWords": [],
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": ONE_TYPO_MIN_LENGTH, "twoTypos": TWO_TYPOS_MIN_LENGTH},
            "disableOnWords": [],
            "disableOnAttributes": [],
        },
        "localizedAttributes": [
            {"attributePatterns": [f"{field}.{language}" for field in LOCALIZED_FIELDS], "locales": [locale]}
            for language, locale in LOCALES.items()
        ],
        "pagination": {"maxTotalHits": max_total_hits},
        "faceting": {"maxValuesPerFacet": MAX_VALUES_PER_FACET, "sortFacetValuesBy": {"*": "count"}},
        "facetSearch": False,
        "distinctAttribute": None,
    }


# -- documents ------------------------------------------------------------------------------------------------
def meili_key(document_id: str) -> str:
    """A primary key Meilisearch accepts (``[A-Za-z0-9_-]``) for any id, reversibly: ``country-ci.fr`` →
    ``country-ci_2e_fr``; ``_`` itself is encoded, so two ids never share a key."""
    return "".join(c if _KEY_SAFE.fullmatch(c) else f"_{ord(c):x}_" for c in document_id)


def id_from_key(key: str) -> str:
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), key)


def _timestamp(value: date) -> int:
    return int(midnight_utc(value).timestamp())


def _country_codes(countries: Iterable[str]) -> list[str]:
    """alpha-2 and alpha-3 codes, so « PK » or « PAK » reach Pakistan (the embedded engine does the same)."""
    codes: dict[str, None] = {}
    for code in countries:
        codes[code] = None
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            codes[str(country.alpha_3)] = None
    return list(codes)


def subject_terms(concepts: Iterable[tuple[Sequence[str], str, str]]) -> dict[str, tuple[str, ...]]:
    """What a risk sheet about a term is searched by in its ``sheet`` attribute: ``sheet_subjects`` keys
    (« sectors:cocoa », « countries:CI ») → the term's search terms in both languages (« Cacao », « Cocoa »…), and
    for a country its ISO codes (« PK », « PAK »), from the taxonomies' ``concepts()``."""
    terms: dict[str, tuple[str, ...]] = {}
    for search_terms, vocabulary, code in concepts:
        attribute = CONCEPT_ATTRIBUTES.get(vocabulary)
        if attribute is None:
            continue
        codes = _country_codes([code]) if attribute == "countries" else []
        terms[f"{attribute}:{code}"] = (*search_terms, *codes)
    return terms


PUBLIC = "public"
VISIBILITY_FILTER = f'visibility = "{PUBLIC}"'


def to_meili(document: SearchDocument, subjects: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The stored document; ``subjects`` (:func:`subject_terms`) fills a risk sheet's ``sheet`` attribute."""
    language = document.language
    sheet = [term for subject in sheet_subjects(document) for term in (subjects or {}).get(subject, ())]
    return {
        PRIMARY_KEY: meili_key(document.id),
        "sheet": sheet,
        "id": document.id,
        "translation_key": document.translation_key,
        "slug": document.slug,
        "type": document.type,
        "language": language,
        "title": {language: document.title},
        "summary": {language: document.summary},
        "body": {language: document.body},
        "keywords": list(document.keywords),
        "country_codes": _country_codes(document.countries),
        "countries": list(document.countries),
        "regions": list(document.regions),
        "sectors": list(document.sectors),
        "risks": list(document.risks),
        "audiences": list(document.audiences),
        "publisher": document.publisher,
        "publisher_name": document.publisher_name,
        "visibility": PUBLIC,
        "published_at": document.published_at.isoformat(),
        "updated_at": document.updated_at.isoformat(),
        "published_at_ts": _timestamp(document.published_at),
        "updated_at_ts": _timestamp(document.updated_at),
        "title_sort": " ".join(fold(document.title).split()),
        "duration": document.duration,
        "level": document.level,
        "prerequisites": document.prerequisites,
    }


def _string(raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str):
        raise MalformedResponse(f"document field {name!r} is {type(value).__name__}, expected a string")
    return value


def _localized(raw: Mapping[str, Any], name: str, language: str) -> str:
    value = raw.get(name)
    if isinstance(value, Mapping):
        text = value.get(language)
        if isinstance(text, str):
            return text
    raise MalformedResponse(f"document field {name!r} has no {language!r} text")


def _strings(raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise MalformedResponse(f"document field {name!r} is not a list of strings")
    return tuple(value)


def _date(raw: Mapping[str, Any], name: str) -> date:
    try:
        return date.fromisoformat(_string(raw, name))
    except ValueError as exc:
        raise MalformedResponse(f"document field {name!r} is not an ISO date") from exc


def _minutes(value: object) -> int | None:
    if value is None or (type(value) is int and value > 0):
        return value
    raise MalformedResponse(f"document field 'duration' is {value!r}, expected a number of minutes")


def from_meili(raw: Mapping[str, Any]) -> SearchDocument:
    """The :class:`SearchDocument` a stored document (or a hit) came from."""
    language = _string(raw, "language")
    return SearchDocument(
        id=_string(raw, "id"),
        translation_key=_string(raw, "translation_key"),
        slug=_string(raw, "slug"),
        type=_string(raw, "type"),
        language=language,
        title=_localized(raw, "title", language),
        summary=_localized(raw, "summary", language),
        body=_localized(raw, "body", language),
        countries=_strings(raw, "countries"),
        regions=_strings(raw, "regions"),
        sectors=_strings(raw, "sectors"),
        risks=_strings(raw, "risks"),
        audiences=_strings(raw, "audiences"),
        publisher=_string(raw, "publisher"),
        published_at=_date(raw, "published_at"),
        updated_at=_date(raw, "updated_at"),
        keywords=_strings(raw, "keywords"),
        # absent from a document indexed before the names were: read as no name until the next rebuild
        publisher_name=_string(raw, "publisher_name") if "publisher_name" in raw else "",
        # shown on a training module's hit; absent from a document indexed before they were, or null: none
        duration=_minutes(raw.get("duration")),
        level=_string(raw, "level") if raw.get("level") is not None else None,
        prerequisites=_string(raw, "prerequisites") if raw.get("prerequisites") is not None else None,
    )
