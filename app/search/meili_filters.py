r"""Meilisearch filter expressions, built only from typed values. Pure: no client, no I/O.

The expression is never assembled from caller text except inside a double-quoted string. Attributes come from
the :data:`~app.filters.FILTERS` table (the allow-list) (anything else is refused), and every value is quoted.

Quoting follows the server's filter grammar (``crates/filter-parser/src/value.rs``). Inside ``"…"`` the parser
scans to the first ``"`` not preceded by a backslash (a backslash always consumes the character after it), then
unescapes in two steps: ``\"`` becomes ``"``, and the result goes through the ``unescaper`` crate, which turns
``\\`` into ``\`` (and would also read ``\n``, ``\u{…}``, octal…). So a value is written as
``"`` + value with every ``\`` doubled and every ``"`` preceded by a backslash + ``"``: no character of the value
can end the string or be read as an escape sequence, and everything else (``(``, ``OR``, ``TO``, newlines, NUL,
bidi overrides, combining marks) is plain text inside the quotes. The second unescaping step was added in
Meilisearch v1.4.0 (a value ending in a backslash was not expressible before), so the server must be ≥ 1.4;
compose.yaml pins the version this module was checked against. Meilisearch compares filter values after trimming,
NFKD and lowercasing them (``normalize_facet``), so `` ci `` selects ``CI``; the search service only lets
taxonomy codes through, so that never widens anything.

Visibility is structural: only published resources are ever written to the index (the outbox drain deletes the
rest), so there is no ``is_public`` attribute to filter on, and none is added here; an attribute whose value is
always ``true`` would protect nothing. What the index holds is the public corpus.
"""

from collections.abc import Iterable
from typing import Final

from app.filters import FILTER_ATTRIBUTES, FilterField, Filters

FILTERABLE_ATTRIBUTES: Final[tuple[str, ...]] = tuple(dict.fromkeys(FILTER_ATTRIBUTES.values()))


class UnknownFilter(ValueError):
    """A filter name outside the allow-list: never turned into an expression."""


def quote(value: str) -> str:
    """``value`` as one double-quoted string literal of the filter grammar."""
    if not isinstance(value, str):
        raise TypeError(f"filter values are strings, not {type(value).__name__}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def attribute_for(name: FilterField) -> str:
    """The index attribute a filter name stands for; refuses anything not in the allow-list."""
    if not isinstance(name, FilterField):
        raise UnknownFilter(f"unknown filter {name!r}")
    attribute = FILTER_ATTRIBUTES.get(name)
    if attribute is None:  # pragma: no cover - every FilterField has an attribute (tested)
        raise UnknownFilter(f"filter {name.value!r} has no attribute")
    return attribute


def any_of(attribute: str, values: Iterable[str]) -> str:
    """``(attribute = "a" OR attribute = "b")``; ``attribute IN []`` (matches nothing) when there are no values."""
    if attribute not in FILTERABLE_ATTRIBUTES:
        raise UnknownFilter(f"{attribute!r} is not a filterable attribute")
    quoted = [quote(value) for value in values]
    if not quoted:
        return f"{attribute} IN []"
    return "(" + " OR ".join(f"{attribute} = {value}" for value in quoted) + ")"


def build_filter(
    filters: Filters,
    fixed_filters: Filters | None = None,
    *,
    without: FilterField | None = None,
) -> str | None:
    """The ``filter`` search parameter: the caller's filters (values ORed, filters ANDed) ANDed with the fixed
    filters. ``without`` leaves out that one caller filter (disjunctive facet counts); fixed filters are never
    left out. A caller filter with no values is no restriction; a fixed filter with no values matches nothing
    (a restriction that lost its values must not turn into no restriction). ``None`` when nothing applies."""
    conditions: list[str] = []
    for name, values in filters.items():
        attribute = attribute_for(name)
        if name == without or not values:
            continue
        conditions.append(any_of(attribute, values))
    for name, values in (fixed_filters or {}).items():
        conditions.append(any_of(attribute_for(name), values))
    return " AND ".join(conditions) or None


def ids_filter(attribute: str, ids: Iterable[str]) -> str:
    """``attribute IN ["…", …]`` for deleting documents by key (the primary key is filterable)."""
    return f"{attribute} IN [" + ", ".join(quote(value) for value in ids) + "]"
