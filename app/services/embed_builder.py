"""The snippet builder of ``/embed/demo``: what its form chose — filter codes, the partner site's address —, checked
against the taxonomies, and what the page makes of it: its selects' options in the page's language, the widget's
filter attributes and the snippet, the fallback link carrying the filters, and the way to the key request form with
them.

A communications officer picks « Côte d’Ivoire » and « Cacao » in lists; the snippet gets ``country="CI"
sector="cocoa"``. An address written by hand (``/embed/demo?country=Côte d'Ivoire``) is taken as the code it names,
and a value that names nothing is left out and said, never a JSON error: this is a page for people.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final
from urllib.parse import urlencode

from app.filters import FILTERS, ORGANISATION_CODE, FilterField
from app.i18n import N_, gettext
from app.paths import page_path
from app.taxonomy import Taxonomies, Term, fold, suggest

DEMO_PATH: Final = "/embed/demo"
# The filters the builder offers, in its form's and the snippet's order: each a select of its taxonomy's terms.
# The widget takes them all (and publisher, whose codes are organisations': carried when given, not chosen here).
CHOSEN: Final = (
    FilterField.country,
    FilterField.sector,
    FilterField.region,
    FilterField.type,
    FilterField.risk,
    FilterField.audience,
)
CARRIED: Final = (*CHOSEN, FilterField.publisher)
MORE: Final = frozenset({FilterField.region, FilterField.type, FilterField.risk, FilterField.audience})  # folded
MAX_VALUES: Final = 10  # codes kept per filter; more is no widget anyone means to build
MAX_TYPED: Final = 60  # longer is no code nor name: left out, and said shortened
MAX_LOOKUPS: Final = 3  # unknown values looked up among the terms' names (a few ms each)
MAX_SITE: Final = 200
# (label, the option for no filter) of each select: French makes « tous » and « toutes » agree with the noun.
FIELD_WORDS: Final[Mapping[FilterField, tuple[str, str]]] = {
    FilterField.country: (N_("Country"), N_("All countries")),
    FilterField.sector: (N_("Sector or product"), N_("All sectors and products")),
    FilterField.region: (N_("Region"), N_("All regions")),
    FilterField.type: (N_("Resource type"), N_("All types")),
    FilterField.risk: (N_("Risk"), N_("All risks")),
    FilterField.audience: (N_("Audience"), N_("All audiences")),
    FilterField.publisher: (N_("Published by"), ""),
}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class OptionGroup:
    label: str  # "" for a list without groups
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One select of the form: its parameter (the widget's attribute), its options, the code chosen, and the
    further codes an address chose (a search page's « Ghana » besides « Côte d’Ivoire »), as boxes ticked."""

    name: str
    label: str
    any_label: str
    groups: tuple[OptionGroup, ...]
    selected: str
    extra: tuple[Option, ...]
    folded: bool  # among the filters shown under « More filters »


@dataclass(frozen=True, slots=True)
class Noted:
    """A value of the address the builder did not take as given: a name whose code it took (``used``), or
    something it left out, with the codes it may have meant (``close``)."""

    field_label: str
    typed: str
    used: Option | None = None
    close: tuple[Option, ...] = ()


Chosen = dict[FilterField, tuple[str, ...]]


def _split(values: Sequence[str]) -> list[str]:
    """``["cocoa,coffee", " CI "]`` → ``["cocoa", "coffee", "CI"]``: the widget's comma-separated attribute and
    a form's repeated parameter alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _shown(typed: str) -> str:
    typed = CONTROL.sub(" ", typed)
    return typed if len(typed) <= MAX_TYPED else typed[: MAX_TYPED - 1] + "…"


def _names(term: Term, typed: str) -> bool:
    wanted = fold(typed)
    return bool(wanted) and any(fold(name) == wanted for name in term.search_terms)


def parse(
    raw: Mapping[FilterField, Sequence[str]], taxonomies: Taxonomies, language: str
) -> tuple[Chosen, list[Noted]]:
    """The codes the address chose, per filter (normalised, known, at most :data:`MAX_VALUES` each), and what it
    gave otherwise: a term's name (« Côte d'Ivoire », « cacao ») becomes its code, and is said; anything else is
    left out and said, with the closest codes."""
    chosen: Chosen = {}
    noted: list[Noted] = []
    lookups = 0
    for name in CARRIED:
        spec = FILTERS[name]
        label = gettext(language, FIELD_WORDS[name][0])
        vocabulary = taxonomies[spec.vocabulary] if spec.vocabulary else None
        codes: list[str] = []
        for typed in _split(raw.get(name, ()))[: MAX_VALUES * 2]:
            code = spec.normalise(typed)
            if vocabulary is None:
                if ORGANISATION_CODE.fullmatch(code):
                    codes.append(code)
                else:
                    noted.append(Noted(label, _shown(typed)))
                continue
            if code in vocabulary:
                codes.append(code)
                continue
            close: list[str] = []
            if len(typed) <= MAX_TYPED and lookups < MAX_LOOKUPS:
                lookups += 1
                close = suggest(vocabulary, typed)
            if close and _names(vocabulary[close[0]], typed):
                codes.append(close[0])
                noted.append(Noted(label, _shown(typed), used=_option(vocabulary[close[0]], language)))
            else:
                options = tuple(_option(vocabulary[c], language) for c in close)
                noted.append(Noted(label, _shown(typed), close=options))
        if codes:
            chosen[name] = tuple(dict.fromkeys(codes))[:MAX_VALUES]
    return chosen, noted


def _option(term: Term, language: str) -> Option:
    return Option(term.code, term.label(language))


def _sorted(terms: Sequence[Term], language: str) -> tuple[Option, ...]:
    """By their names in the page's language, accents aside: « Côte d’Ivoire » among the C, « Égypte » the E."""
    return tuple(sorted((_option(t, language) for t in terms), key=lambda o: (fold(o.label), o.label)))


def _groups(name: FilterField, taxonomies: Taxonomies, language: str) -> tuple[OptionGroup, ...]:
    vocabulary = taxonomies[FILTERS[name].taxonomy]
    if name == FilterField.sector:  # the broad sectors, then the products (cocoa, gold…), each list A–Z
        broad = [t for t in vocabulary.values() if t.group is None]
        products = [t for t in vocabulary.values() if t.group is not None]
        return (
            OptionGroup(gettext(language, "Sectors"), _sorted(broad, language)),
            OptionGroup(gettext(language, "Products"), _sorted(products, language)),
        )
    if name == FilterField.country:
        return (OptionGroup("", _sorted(list(vocabulary.values()), language)),)
    return (OptionGroup("", tuple(_option(t, language) for t in vocabulary.values())),)  # the editors' order


def fields(chosen: Chosen, taxonomies: Taxonomies, language: str) -> list[Field]:
    """The form's selects, each with the first code chosen selected and the others as ticked boxes; publisher's
    codes, which no list here offers, as ticked boxes only."""
    out: list[Field] = []
    for name in CARRIED:
        label, any_label = (gettext(language, words) if words else "" for words in FIELD_WORDS[name])
        codes = chosen.get(name, ())
        if name == FilterField.publisher:
            if codes:
                out.append(Field(name.value, label, "", (), "", tuple(Option(c, c) for c in codes), False))
            continue
        vocabulary = taxonomies[FILTERS[name].taxonomy]
        extra = tuple(_option(vocabulary[c], language) for c in codes[1:])
        selected = codes[0] if codes else ""
        groups = _groups(name, taxonomies, language)
        out.append(Field(name.value, label, any_label, groups, selected, extra, name in MORE))
    return out


def attributes(chosen: Chosen) -> list[tuple[str, str]]:
    """The widget's filter attributes, in the form's order: ``[("country", "CI"), ("sector", "cocoa")]``."""
    return [(name.value, ",".join(chosen[name])) for name in CARRIED if chosen.get(name)]


def pairs(chosen: Chosen) -> list[tuple[str, str]]:
    """The filters as query parameters, each code its own (as the search page and the form send them)."""
    return [(name.value, code) for name in CARRIED for code in chosen.get(name, ())]


def search_url(base: str, language: str, chosen: Chosen) -> str:
    """The centre's own search page with the same filters: the snippet's fallback link, for a visitor whose browser
    cannot run the widget."""
    query = urlencode(pairs(chosen))
    return base + page_path("search", language) + (f"?{query}" if query else "")


def demo_path(language: str, key: str = "", chosen: Chosen | None = None, site: str = "") -> str:
    query = [("lang", language), *([("key", key)] if key else []), *pairs(chosen or {})]
    return f"{DEMO_PATH}?{urlencode([*query, *([('site', site)] if site else [])])}"


def clean_site(typed: str) -> str:
    """The partner site's address as an address gave it, for the key request form: one line, not too long."""
    return CONTROL.sub("", typed).strip()[:MAX_SITE]


def described(chosen: Chosen, taxonomies: Taxonomies, language: str) -> list[str]:
    """The filters as people read them: « Pays : Côte d’Ivoire (CI) »."""
    colon = gettext(language, ":")
    lines = []
    for name in CARRIED:
        codes = chosen.get(name, ())
        if not codes:
            continue
        spec = FILTERS[name]
        vocabulary = taxonomies[spec.vocabulary] if spec.vocabulary else {}
        shown = [f"{vocabulary[c].label(language)} ({c})" if c in vocabulary else c for c in codes]
        lines.append(f"{gettext(language, FIELD_WORDS[name][0])}{colon} {', '.join(shown)}")
    return lines


def chosen_of(filters: Mapping[str, Sequence[str]]) -> Chosen:
    """A key's fixed filters (checked codes, by filter name) as the builder's choice."""
    return {name: tuple(filters[name.value]) for name in CARRIED if filters.get(name.value)}


def snippet(base: str, language: str, chosen: Chosen, key: str = "") -> str:
    """The lines a site pastes into its page, as the builder shows them and a key's mail brings them: the script,
    the element with its filters (and key), and its fallback link to the centre's search with the same filters —
    HTML, so the link's ``&`` is written ``&amp;``."""
    filters = "".join(f' {name}="{codes}"' for name, codes in attributes(chosen))
    with_key = f' key="{escape(key)}"' if key else ""
    fallback = escape(search_url(base, language, chosen))
    return (
        f'<script src="{escape(base)}/embed/v1/widget.js" defer></script>\n'
        f'<crv-search{with_key} lang="{language}"{filters} per-page="10" theme="light">\n'
        f'  <a href="{fallback}">{escape(gettext(language, "Search the resource centre"))}</a>\n'
        "</crv-search>"
    )


def key_request_path(language: str, chosen: Chosen, site: str = "") -> str:
    """The key request form with the builder's filters and the site's address written in."""
    query = urlencode([*([("site", site)] if site else []), *pairs(chosen)])
    return page_path("key_request", language) + (f"?{query}" if query else "")
