"""The search filters: one table, :data:`FILTERS`, read by everything that filters.

Each row says what a public filter name (a query parameter of ``/v1/search``, a key of a publishable key's
``fixed_filters``, a facet) stands for:

* ``attribute``: the field of a :class:`~app.models.Resource` and of a
  :class:`~app.search.base.SearchDocument` it filters on (both engines index it under that name);
* ``vocabulary``: the taxonomy its values come from (``None``: the languages of :mod:`app.languages`, or the codes
  ``pattern`` describes);
* ``pattern``: the shape of its codes, for a filter whose codes no file lists: ``publisher``'s are the
  organisations' codes, which live in the database (a search never reads it to check a value: an unknown
  organisation, like one with nothing published, finds nothing; its facet lists the codes with their names);
* ``case``: how a value a caller sends is normalised before it is checked (country codes are upper case, every
  other code lower case).

What a filter finds a resource under is its codes of that attribute (:meth:`Filter.values_of`), but for the
``country`` filter, which follows (country, commodity) pairs (:func:`filter_countries`): the engines, the access
rules and the database's selections (``app.services.listing``) all read it so.

Consumers: the search service (validation of the caller's values), both engines (index fields, filters, facets),
the Meilisearch filter builder (its allow-list), the key service (a key's fixed filters, checked against the
taxonomies) and the access rules (whether a resource passes a key's fixed filters).

Adding a filter: a member of :class:`FilterField`, a row in :data:`FILTERS` and, when its codes are new, a
taxonomy in ``content/taxonomies/`` (or a ``pattern``); the attribute must exist on the resource and the search
document. The query parameters of the search, the feeds and the exports are made from the table too
(``app.routers.filters``).
"""

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from app.errors import FieldError
from app.languages import LANGUAGES
from app.taxonomy import Taxonomies, TaxonomyName, Term, fold, suggest


class FilterField(StrEnum):
    """Public filter names (query parameters, fixed-filter keys, facet names)."""

    type = "type"
    country = "country"
    region = "region"
    sector = "sector"
    risk = "risk"
    audience = "audience"
    publisher = "publisher"
    lang = "lang"

    @property
    def attribute(self) -> str:
        return FILTERS[self].attribute

    @property
    def spec(self) -> "Filter":
        return FILTERS[self]


# A risk sheet's translation key names what it is about (« country-ci », « commodity-cocoa », « sector-mining »,
# « region-sub-saharan-africa »): its prefix, and the attribute the rest is a code of.
COUNTRY_SHEET, COMMODITY_SHEET, SECTOR_SHEET, REGION_SHEET = "country-", "commodity-", "sector-", "region-"
SHEET_PREFIXES: Final[Mapping[str, str]] = {
    COUNTRY_SHEET: "countries",
    COMMODITY_SHEET: "sectors",
    SECTOR_SHEET: "sectors",
    REGION_SHEET: "regions",
}
# A link to a country's risk sheet in a resource's Markdown body: « [Côte d’Ivoire](crv:country-ci) ».
COUNTRY_LINK = re.compile(r"\(crv:" + COUNTRY_SHEET + r"([a-z]{2})\)")
# An organisation's code, a resource's ``publisher`` (the slugs of app.schemas.resource: kebab-case, 120 at most).
ORGANISATION_CODE = re.compile(r"(?=.{1,120}\Z)[a-z0-9]+(?:-[a-z0-9]+)*")


def filter_countries(item: Any) -> tuple[str, ...]:
    """The countries a ``country`` filter finds ``item`` (a resource, or a search document made of one) under.

    Search follows (country, commodity) pairs: a commodity risk sheet answers the filter of every country its
    findings table links to (``country=CI&sector=cocoa`` finds the cocoa sheet); a region sheet answers the
    ``region`` filter, not the filter of each of its countries. A search document's countries are already these
    (its body is text, its links gone): the function gives them back unchanged.
    """
    if item.type == "risk_sheet" and item.translation_key.startswith(REGION_SHEET):
        return ()
    if item.type == "risk_sheet" and item.translation_key.startswith(COMMODITY_SHEET):
        linked = {code.upper() for code in COUNTRY_LINK.findall(item.body)}
        return tuple(sorted(linked | set(item.countries)))
    return tuple(item.countries)


class Case(StrEnum):
    UPPER = "upper"
    LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Filter:
    field: FilterField
    attribute: str
    vocabulary: TaxonomyName | None
    case: Case = Case.LOWER
    description: str = ""  # for the API's documentation; default: where its codes are listed
    pattern: re.Pattern[str] | None = None  # the shape of its codes when no taxonomy lists them

    def normalise(self, value: str) -> str:
        value = value.strip()
        return value.upper() if self.case == Case.UPPER else value.lower()

    def known(self, taxonomies: Taxonomies) -> frozenset[str] | None:
        """The codes this filter accepts; None when they are not listed (any code of its ``pattern``)."""
        if self.pattern is not None:
            return None
        return frozenset(taxonomies[self.vocabulary]) if self.vocabulary else frozenset(LANGUAGES)

    def problem(
        self, value: str, known: frozenset[str] | None, typed: str = "", names: Mapping[str, Term] | None = None
    ) -> str | None:
        """What is wrong with ``value`` (normalised from ``typed``) as a code of this filter whose codes are
        ``known`` (:meth:`known`); None when nothing is. With ``names`` (the filter's vocabulary), an unknown value
        is also looked up among the terms' names, to suggest their codes."""
        if known is not None:
            return None if value in known else unknown_value(value, known, self.hint(), names, typed)
        if self.pattern is not None and self.pattern.fullmatch(value):
            return None
        return f"malformed value {value[:60]!r}: {self.hint()}"

    @property
    def taxonomy(self) -> TaxonomyName:
        """The taxonomy of a filter whose codes have one (every filter but ``lang`` and ``publisher``)."""
        if self.vocabulary is None:
            raise LookupError(f"the {self.field} filter has no taxonomy")
        return self.vocabulary

    def describe(self) -> str:
        return self.description or f"Codes of {self.hint().removeprefix('see ')}; repeat to OR several"

    def hint(self) -> str:
        """Where a caller finds the codes this filter accepts."""
        if self.pattern is not None:
            return f"lower-case letters, digits and hyphens; see /v1/search?facets={self.field.value}"
        if self.vocabulary:
            return f"see /v1/taxonomies/{self.vocabulary}"
        return f"use one of {', '.join(LANGUAGES)}"

    def values_of(self, item: object) -> tuple[str, ...]:
        """The codes ``item`` (a resource or a search document) is tagged with for this filter's attribute."""
        value = getattr(item, self.attribute)
        return (value,) if isinstance(value, str) else tuple(value)

    def found_under(self, item: object) -> tuple[str, ...]:
        """The values this filter finds ``item`` under: its codes, but for the ``country`` filter's pairs."""
        return filter_countries(item) if self.field == FilterField.country else self.values_of(item)


FILTERS: Final[Mapping[FilterField, Filter]] = {
    spec.field: spec
    for spec in (
        Filter(FilterField.type, "type", TaxonomyName.types),
        Filter(FilterField.country, "countries", TaxonomyName.countries, Case.UPPER, "ISO 3166-1 alpha-2; repeatable"),
        Filter(FilterField.region, "regions", TaxonomyName.regions),
        Filter(FilterField.sector, "sectors", TaxonomyName.sectors),
        Filter(FilterField.risk, "risks", TaxonomyName.risks),
        Filter(FilterField.audience, "audiences", TaxonomyName.audiences),
        Filter(
            FilterField.publisher,
            "publisher",
            None,
            description="Organisation codes (the centre's: crv), as the publisher facet lists them with their "
            "names; repeat to OR several",
            pattern=ORGANISATION_CODE,
        ),
        Filter(FilterField.lang, "language", None, description="fr or en; repeatable"),
    )
}
FILTER_ATTRIBUTES: Final[Mapping[FilterField, str]] = {name: spec.attribute for name, spec in FILTERS.items()}
FILTER_NAMES: Final[frozenset[str]] = frozenset(FilterField)
# The values one filter takes in a request's query (app.routers.filters: the search API's, the feeds', the exports'
# and the alert form's, which refuses more with a 422): a link built for them stays within it.
MAX_FILTER_VALUES: Final = 50

Filters = Mapping[FilterField, tuple[str, ...]]


# Unknown values of one check looked up among the terms' names (~3 ms each, over every label and synonym of the
# vocabulary); the others get the closest codes only, so a request of hundreds of wrong values costs no more.
NAME_LOOKUPS: Final = 3
MAX_NAME: Final = 100  # longer than any term's name, typo included: not looked up


def check_values(
    raw: Mapping[FilterField, Sequence[str]], taxonomies: Taxonomies, *, field_prefix: str = ""
) -> tuple[dict[FilterField, tuple[str, ...]], list[FieldError]]:
    """Known, normalised, de-duplicated values per filter, and an error for every unknown one, suggesting the code
    of a term it names (« Bangladesh », « Côte d’Ivoire », « cacao ») or else the closest known codes."""
    filters: dict[FilterField, tuple[str, ...]] = {}
    errors: list[FieldError] = []
    for name, values in raw.items():
        spec = FILTERS[name]
        known = spec.known(taxonomies)
        cleaned: list[str] = []
        for typed in values:
            value = spec.normalise(typed)
            names = taxonomies[spec.vocabulary] if spec.vocabulary and len(errors) < NAME_LOOKUPS else None
            problem = spec.problem(value, known, typed.strip(), names)
            if problem is not None:
                errors.append(FieldError(field=f"{field_prefix}{name.value}", message=problem))
            elif value not in cleaned:
                cleaned.append(value)
        if cleaned:
            filters[name] = tuple(cleaned)
    return filters, errors


def unknown_value(
    value: str, known: frozenset[str], hint: str, names: Mapping[str, Term] | None = None, typed: str = ""
) -> str:
    """The message for an unknown ``value`` (normalised from ``typed``, which the message quotes). A value that
    names a term of ``names`` — a label in either language or a synonym, accents, case and punctuation aside — is
    told the term's code: the API takes codes and never guesses one from a name, but says which to send. Else the
    closest codes, by their names (a typo) or by their spelling."""
    typed = typed or value
    codes = suggest(names, typed) if names is not None and len(typed) <= MAX_NAME else []
    if names is not None and codes and _names(names[codes[0]], typed):
        return f"unknown value {typed[:60]!r} (did you mean {codes[0]!r}? The filter takes codes, not names): {hint}"
    close = codes or difflib.get_close_matches(value, sorted(known), n=3)
    suggestion = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
    return f"unknown value {typed[:60]!r}{suggestion}: {hint}"


def _names(term: Term, text: str) -> bool:
    """Whether ``text`` is one of ``term``'s names (a label or a synonym; not its code), accents and case aside."""
    wanted = fold(text)
    return any(fold(name) == wanted for name in term.search_terms)


def passes(fixed: Filters, item: object) -> bool:
    """Whether ``item`` (a resource or a search document) passes every one of the ``fixed`` filters."""
    return all(set(values) & set(FILTERS[name].found_under(item)) for name, values in fixed.items())


def parse_fixed_filters(raw: Any) -> dict[FilterField, tuple[str, ...]]:
    """A key's ``fixed_filters`` ({"sector": ["cocoa"]}) as filters, normalised by the table's case rule; its shape
    only (codes are checked against the taxonomies by :func:`check_values` when the key is made). Anything
    malformed raises ``ValueError``: a key whose restriction cannot be read must not fall back to no restriction."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("fixed_filters must be a mapping of filter name to a list of values")
    filters: dict[FilterField, tuple[str, ...]] = {}
    for name, values in raw.items():
        try:
            field = FilterField(str(name))
        except ValueError:
            raise ValueError(f"unknown filter {name!r} in fixed_filters") from None
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, Sequence) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise ValueError(f"fixed filter {name!r} needs a non-empty list of values")
        filters[field] = tuple(dict.fromkeys(FILTERS[field].normalise(v) for v in values))
    return filters
