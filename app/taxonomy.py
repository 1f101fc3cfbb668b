"""Taxonomies: the controlled vocabularies of ``content/taxonomies/`` and ISO 3166 countries.

Each term has a code, French and English labels and search synonyms. The search engines derive their synonym
groups and each document's ``keywords`` from here, so FR and EN queries reach the same resources.
"""

import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pycountry
import yaml
from babel import Locale

from app.search.spellings import spelling_groups
from app.yaml_loader import SAFE_LOADER


class TaxonomyName(StrEnum):
    types = "types"
    risks = "risks"
    audiences = "audiences"
    regions = "regions"
    sectors = "sectors"
    countries = "countries"


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    fr: str
    en: str
    synonyms: tuple[str, ...] = ()
    group: str | None = None
    # Translation keys of the resources to begin with on this term, in reading order, chosen by the editors: the
    # search page lists them above the results of a search about the term alone (app.services.site.essentials).
    essentials: tuple[str, ...] = ()
    # Its labels and synonyms, once: every search document asks for those of ~7 codes (built at each call, they
    # were 30 us of a document's ~145 us in Python).
    search_terms: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "search_terms", tuple(dict.fromkeys((self.fr, self.en, *self.synonyms))))

    def label(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


class TaxonomyError(ValueError):
    """A taxonomy file is missing or malformed."""


@dataclass(frozen=True)
class Taxonomies:
    vocabularies: Mapping[TaxonomyName, Mapping[str, Term]]
    free_synonyms: tuple[tuple[str, ...], ...]

    def __getitem__(self, name: TaxonomyName) -> Mapping[str, Term]:
        return self.vocabularies[name]

    def synonym_groups(self) -> list[tuple[str, ...]]:
        """Groups of interchangeable search terms: the free groups, the British and American spellings of the
        texts' words (app.search.spellings), plus every term's labels and synonyms, but for the resource types':
        their words name kinds, not one thing (a « loi » is not a « directive » nor a « convention »), and a query
        finds a type's resources by them all the same (each document's keywords carry its type's words)."""
        groups: list[tuple[str, ...]] = [*self.free_synonyms, *spelling_groups()]
        for name, vocabulary in self.vocabularies.items():
            if name != TaxonomyName.types:
                groups.extend(term.search_terms for term in vocabulary.values() if len(term.search_terms) > 1)
        return groups

    def concepts(self) -> list[tuple[tuple[str, ...], str, str]]:
        """``(search terms, vocabulary, code)`` for every term: a query naming a term can match its code."""
        return [
            (term.search_terms, name.value, term.code)
            for name, vocabulary in self.vocabularies.items()
            if name != TaxonomyName.audiences
            for term in vocabulary.values()
        ]

    def keywords(self, **codes: Iterable[str]) -> tuple[str, ...]:
        """Search terms (both languages) for a document's taxonomy codes, e.g. ``keywords(countries=["CI"])``."""
        words: dict[str, None] = {}
        for name, values in codes.items():
            vocabulary = self.vocabularies[TaxonomyName(name)]
            for code in values:
                term = vocabulary.get(code)
                if term is not None:
                    words.update(dict.fromkeys(term.search_terms))
        return tuple(words)


def fold(text: str) -> str:
    """``Côte d’Ivoire`` → ``cote d ivoire``: what suggestions compare."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def suggest(vocabulary: Mapping[str, Term], text: str, limit: int = 3) -> list[str]:
    """Codes whose code, labels or synonyms match ``text`` (accents, case and punctuation aside): exact matches,
    else close ones (a typo or two). ``suggest(countries, "Côte d'Ivoire")`` → ``["CI"]``."""
    from rapidfuzz import fuzz, process  # only needed when something is wrong

    wanted = fold(text)
    if not wanted:
        return []
    names: dict[str, str] = {}
    for term in vocabulary.values():
        for name in (term.code, *term.search_terms):
            names.setdefault(fold(name), term.code)
    exact = names.get(wanted)
    if exact is not None:
        return [exact]
    matches = process.extract(wanted, list(names), scorer=fuzz.ratio, score_cutoff=80, limit=limit * 3)
    return list(dict.fromkeys(names[match] for match, _, _ in matches))[:limit]


# The keys an entry may have: its labels, then what :class:`Term` reads.
ENTRY_KEYS = frozenset({"fr", "en", "synonyms", "group", "essentials"})


def _term(code: str, raw: Any, source: Path) -> Term:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(key), str) and raw[key].strip() for key in ("fr", "en")):
        raise TaxonomyError(f"{source}: entry {code!r} needs string 'fr' and 'en' labels")
    # `{fr: Police, gendarmerie et justice, …}` unquoted is `{fr: Police, gendarmerie et justice: null, …}`: the
    # label cut at its comma, the rest a key of its own.
    unknown = sorted(str(key) for key in raw if key not in ENTRY_KEYS)
    if unknown:
        raise TaxonomyError(
            f"{source}: entry {code!r}: unknown keys {unknown} (an entry has {sorted(ENTRY_KEYS)}; quote a label "
            "holding a comma)"
        )
    if not isinstance(raw.get("group", ""), str):
        raise TaxonomyError(f"{source}: entry {code!r}: 'group' must be a code")
    return Term(
        code=str(code),
        fr=raw["fr"],
        en=raw["en"],
        synonyms=_strings(raw, "synonyms", "strings", code, source),
        group=raw.get("group"),
        essentials=_strings(raw, "essentials", "translation keys", code, source),
    )


def _strings(raw: dict[str, Any], key: str, what: str, code: str, source: Path) -> tuple[str, ...]:
    """An entry's optional list of strings (its synonyms, its essentials)."""
    values = raw.get(key) or []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise TaxonomyError(f"{source}: entry {code!r}: {key!r} must be a list of {what}")
    return tuple(values)


def _read_yaml(path: Path, text: str) -> Any:
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: invalid YAML: {exc}") from exc


def _vocabulary(path: Path, text: str) -> dict[str, Term]:
    raw = _read_yaml(path, text)
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{path}: expected a mapping of code to labels")
    return {str(code): _term(str(code), entry, path) for code, entry in raw.items()}


# CLDR locales whose country names are search variants: « Türkiye », « Czechia », « Côte d’Ivoire », « Tchéquie »,
# « Cité du Vatican » (fr_CA), « Myanmar (Burma) ».
CLDR_LOCALES = ("en", "en_GB", "fr", "fr_CA")


def _cldr_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for identifier in CLDR_LOCALES:
        for code, name in Locale.parse(identifier).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, set()).add(name)
    return names


def _countries(path: Path, text: str) -> dict[str, Term]:
    """All ISO 3166-1 countries from maintained sources: pycountry's names (common, short and official; French
    from its locale) and CLDR's English and French names through Babel; then the file's overrides."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    cldr = _cldr_names()
    terms: dict[str, Term] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        variants = {country.name, getattr(country, "official_name", country.name), *cldr.get(country.alpha_2, ())}
        terms[country.alpha_2] = Term(
            code=country.alpha_2,
            fr=french.gettext(country.name),
            en=english,
            synonyms=tuple(sorted(variants - {english})),
        )
    overrides = _read_yaml(path, text) or {}
    for code, raw in overrides.items():
        base = terms.get(str(code))
        if base is not None and isinstance(raw, dict):  # an entry of synonyms alone keeps ISO's and CLDR's labels
            raw = {"fr": base.fr, "en": base.en, **raw}
        merged = _term(str(code), raw, path)
        extra = (base.fr, base.en, *base.synonyms) if base else ()
        synonyms = tuple(dict.fromkeys(s for s in (*merged.synonyms, *extra) if s not in (merged.fr, merged.en)))
        terms[str(code)] = Term(code=str(code), fr=merged.fr, en=merged.en, synonyms=synonyms)
    return terms


# The files of a taxonomies folder, by their names in it: one per vocabulary, and the free synonym groups.
SYNONYMS_FILE = "synonyms.yaml"
TAXONOMY_FILES = (*(f"{name}.yaml" for name in TaxonomyName), SYNONYMS_FILE)
LOADED_KEPT = 8  # distinct taxonomies a process keeps (tests write their own)
_loaded: dict[tuple[str, ...], Taxonomies] = {}


def load_taxonomies(content_dir: Path) -> Taxonomies:
    """The taxonomies of ``content_dir``, built once per content: another folder with the same files (each test's
    copy of content/) shares them, and a file changed since is read anew. Their texts are read each time (~0.2 ms);
    building them takes ~30 ms (the countries' names from pycountry and CLDR)."""
    folder = content_dir.resolve() / "taxonomies"
    texts = tuple(_text(folder / name) for name in TAXONOMY_FILES)
    taxonomies = _loaded.get(texts)
    if taxonomies is None:
        if len(_loaded) >= LOADED_KEPT:
            _loaded.clear()
        taxonomies = _loaded[texts] = _build(folder, dict(zip(TAXONOMY_FILES, texts, strict=True)))
    return taxonomies


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TaxonomyError(f"{path}: taxonomy file missing") from exc


def _build(folder: Path, texts: Mapping[str, str]) -> Taxonomies:
    def vocabulary(name: TaxonomyName) -> Mapping[str, Term]:
        file = f"{name}.yaml"
        read = _countries if name == TaxonomyName.countries else _vocabulary
        return read(folder / file, texts[file])

    vocabularies = {name: vocabulary(name) for name in TaxonomyName}
    raw_synonyms = _read_yaml(folder / SYNONYMS_FILE, texts[SYNONYMS_FILE]) or []
    if not isinstance(raw_synonyms, list) or not all(
        isinstance(group, list) and all(isinstance(t, str) for t in group) for group in raw_synonyms
    ):
        raise TaxonomyError(f"{folder / SYNONYMS_FILE}: expected a list of lists of terms")
    return Taxonomies(vocabularies=vocabularies, free_synonyms=tuple(tuple(g) for g in raw_synonyms))
