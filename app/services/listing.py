"""Lists of published resources for the bulk formats (Atom feeds, exports, OAI-PMH, the DCAT catalogue).

They are selected by the search's own query layer, not a copy of it: the caller's words and filters go through
:func:`app.services.search.build_query` (same parameters, same validation, same errors, same fixed filters of a
publishable key); a text query is answered by the search engine itself (its matches, up to the result window);
the filters are applied to the database by translating the one filter table (``app.filters.FILTERS``) generically,
so every filter the search knows works here too and a new one needs no change in this module; the ``country``
filter's pairs (``app.filters.filter_countries``) are said once more in SQL here, and
``tests/services/test_listing.py`` holds both to the same answers. Reading the
database rather than the engine lets a harvest or an export walk the whole corpus (the engine's result window
stops at ``max_result_window``) and carry the fields the index does not hold (licence, sources).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import JSON, ColumnElement, Select, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption
from sqlalchemy.sql.selectable import TableValuedAlias

from app.config import Settings
from app.filters import COMMODITY_SHEET, COUNTRY_SHEET, FILTERS, REGION_SHEET, FilterField
from app.models import Resource
from app.search.base import SearchEngine, SearchQuery, SortOrder
from app.services import search as search_service
from app.taxonomy import Taxonomies

BATCH_SIZE = 500


@dataclass(frozen=True, slots=True)
class Selection:
    """What a caller asked for, validated: filters (theirs and their key's) and, for a text query, the ids the
    search engine matched (``None`` without a text query: every published resource passing the filters)."""

    query: SearchQuery = field(default_factory=SearchQuery)
    ids: tuple[str, ...] | None = None

    @property
    def filters(self) -> dict[FilterField, tuple[str, ...]]:
        return dict(self.query.filters)


def select_resources(
    settings: Settings,
    taxonomies: Taxonomies,
    engine: SearchEngine,
    *,
    q: str,
    filters: Mapping[FilterField, Sequence[str]],
    fixed_filters: Mapping[FilterField, tuple[str, ...]] | None = None,
) -> Selection:
    """Validate like ``/v1/search`` (422 problem on unknown values) and resolve a text query with the engine."""
    query = search_service.build_query(
        settings,
        taxonomies,
        q=q,
        filters=filters,
        sort=SortOrder.relevance,
        page=1,
        per_page=1,
        facets=(),
        fixed_filters=fixed_filters,
    )
    ids = _matching_ids(settings, engine, query) if query.q else None
    return Selection(query=query, ids=ids)


def _matching_ids(settings: Settings, engine: SearchEngine, query: SearchQuery) -> tuple[str, ...]:
    per_page = settings.max_per_page
    ids: list[str] = []
    for page in range(1, settings.max_result_window // per_page + 1):
        result = search_service.run(engine, replace(query, page=page, per_page=per_page))
        ids.extend(hit.document.id for hit in result.hits)
        if len(result.hits) < per_page:
            break
    return tuple(ids)


def conditions(selection: Selection, dialect: str) -> list[ColumnElement[bool]]:
    """SQL conditions: public, and the selection's (:func:`selection_conditions`)."""
    return [and_(Resource.is_public), *selection_conditions(selection, dialect)]


def selection_conditions(selection: Selection, dialect: str) -> list[ColumnElement[bool]]:
    """SQL conditions of the selection alone, whatever the status: every filter (values ORed, filters ANDed, fixed
    filters ANDed too) and its ids."""
    clauses: list[ColumnElement[bool]] = []
    for filters in (selection.query.filters, selection.query.fixed_filters):
        for name, values in filters.items():
            clauses.append(_matches(name, values, dialect))
    if selection.ids is not None:
        clauses.append(Resource.id.in_(selection.ids))
    return clauses


def _matches(name: FilterField, values: Sequence[str], dialect: str) -> ColumnElement[bool]:
    column = Resource.__table__.c[FILTERS[name].attribute]
    if not isinstance(column.type, JSON):
        return column.in_(values)
    # A list of codes stored as JSON: any of its elements among the values.
    elements = json_elements(column, dialect)
    tagged = exists(select(1).select_from(elements).where(elements.c.value.in_(values)))
    return _country_pairs(tagged, values) if name == FilterField.country else tagged


def _country_pairs(tagged: ColumnElement[bool], codes: Sequence[str]) -> ColumnElement[bool]:
    """``app.filters.filter_countries`` in SQL: a region sheet is not found under its countries, and a commodity
    sheet is also found under every country its findings table links to."""
    sheet = Resource.type == "risk_sheet"
    region_sheet = and_(sheet, Resource.translation_key.startswith(REGION_SHEET))
    linked = or_(*(Resource.body.contains(f"(crv:{COUNTRY_SHEET}{code.lower()})", autoescape=True) for code in codes))
    commodity_sheet = and_(sheet, Resource.translation_key.startswith(COMMODITY_SHEET))
    return or_(and_(not_(region_sheet), tagged), and_(commodity_sheet, linked))


def json_elements(column: ColumnElement[Any], dialect: str) -> TableValuedAlias:
    """The elements of a JSON list column, as a table of one column, ``value``, for each row."""
    function = func.json_array_elements_text if dialect == "postgresql" else func.json_each
    return function(column).table_valued("value").alias()


def statement(session: Session, selection: Selection) -> Select[Resource]:
    return select(Resource).where(*conditions(selection, session.get_bind().dialect.name))


def stream(
    session: Session,
    selection: Selection,
    *options: ORMOption,
    batch_size: int = BATCH_SIZE,
    where: Sequence[ColumnElement[bool]] = (),
) -> Iterator[Resource]:
    """Every selected resource (passing ``where`` too: an export's ``since``), newest first, fetched ``batch_size``
    rows at a time (a server-side cursor on PostgreSQL): memory stays flat however large the corpus."""
    stmt = (
        statement(session, selection)
        .where(*where)
        .options(*options)
        .order_by(Resource.published_at.desc(), Resource.id)
        .execution_options(yield_per=batch_size)
    )
    for resource in session.scalars(stmt):
        yield resource
        session.expunge(resource)


def count(session: Session, selection: Selection) -> int:
    stmt = select(func.count()).select_from(Resource).where(*conditions(selection, session.get_bind().dialect.name))
    return int(session.scalar(stmt) or 0)


def translations_of(session: Session, resources: Sequence[Resource]) -> dict[str, list[Resource]]:
    """The published languages of each translation key among ``resources`` (one query)."""
    keys = {r.translation_key for r in resources}
    found: dict[str, list[Resource]] = {}
    for row in session.scalars(select(Resource).where(Resource.translation_key.in_(keys), Resource.is_public)):
        found.setdefault(row.translation_key, []).append(row)
    return found
