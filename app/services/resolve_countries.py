"""Resolving a buyer's country to ISO 3166-1 alpha-2 (:mod:`app.services.resolve` does the products).

French and English names and their variants from the taxonomies (pycountry's ISO names, the curated overrides and
synonyms of ``countries.yaml``), pycountry's French official names (``République populaire de Chine``), CLDR's names
from Babel in both languages (``Côte d’Ivoire``, ``Congo-Kinshasa``, ``Myanmar (Birmanie)``), ILAB's spellings, ISO2
and ISO3 codes (``CI``, ``CIV``, ``USA``), a few short names (:data:`~app.services.resolve_aliases.COUNTRY_SHORT_NAMES`:
``Burkina``). A short name two countries share (``Congo``) is a question between them
(:data:`~app.services.resolve_aliases.AMBIGUOUS_COUNTRY_NAMES`). A name is its words in any order with its
qualifiers spelt out (``Congo, Rép. dém.``, ``Rép. pop. de Chine``). A name's first words (``Corée``) or a region's
name (ISO 3166-2's: ``Xinjiang``, ``Tamil Nadu``) are a question between the countries they may be; a world
region's (``Afrique``, ``UE``) is no country.
"""

import gettext
import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry
from babel import Locale

from app.ilab.reader import IlabData
from app.languages import LANGUAGES
from app.services.resolve import MAX_CANDIDATES, NAMED, Index, MatchMethod, Resolution, found_in, fuzzy
from app.services.resolve_aliases import (
    AMBIGUOUS_COUNTRY_NAMES,
    ARTICLES,
    COUNTRY_SHORT_NAMES,
    NAME_LINKS,
    NAME_QUALIFIERS,
)
from app.services.resolve_words import fold
from app.taxonomy import Taxonomies, TaxonomyName


def country_key(text: str) -> str:
    key = fold(text)
    for article in ARTICLES:
        if key.startswith(article):
            return key[len(article) :]
    return key


# What sets a country apart from the detail a supplier list adds: brackets, commas, a spaced dash, a slash.
PART_SEPARATORS = re.compile(r"\s*(?:[(),;/|]|\s[-–—]\s)\s*")


def name_words(text: str) -> str:
    """A country name's words in any order, qualifiers spelt out and links dropped: the World Bank's, the UN's and
    the French administration's « Name, qualifier » (« Congo, Rép. dém. », « Corée, Rép. », « Sudan, South ») is
    the name, and so is « Rép. dém. du Congo ». The words are counted, not merely collected: « Sudan / South Sudan »
    names two countries, not South Sudan."""
    words = " ".join(NAME_QUALIFIERS.get(word, word) for word in fold(text).split() if word not in NAME_LINKS)
    return " ".join(sorted(words.split()))


class CountryResolver:
    def __init__(self, taxonomies: Taxonomies, data: IlabData) -> None:
        self.codes = frozenset(taxonomies[TaxonomyName.countries])
        self.iso3: dict[str, str] = {facts.iso3: iso2 for iso2, facts in data.countries.items()}
        self.index = Index()
        self.ambiguous = {country_key(name): codes for name, codes in AMBIGUOUS_COUNTRY_NAMES.items()}
        terms = taxonomies[TaxonomyName.countries]
        for term in terms.values():
            for label in (term.fr, term.en):
                self.index.add(label, term.code, MatchMethod.name, country_key(label))
        for term in terms.values():
            for synonym in term.synonyms:
                self.index.add(synonym, term.code, MatchMethod.variant, country_key(synonym))
        for iso2, facts in data.countries.items():
            self.index.add(facts.name_en, iso2, MatchMethod.variant, country_key(facts.name_en))
        for language in LANGUAGES:
            for code, name in Locale(language).territories.items():
                if code in self.codes:
                    for variant in _cldr_variants(name):
                        self.index.add(variant, code, MatchMethod.variant, country_key(variant))
        for name, code in COUNTRY_SHORT_NAMES.items():
            self.index.add(name, code, MatchMethod.variant, country_key(name))
        for name, code in _french_official_names(self.codes):
            self.index.add(name, code, MatchMethod.variant, country_key(name))
        for country in pycountry.countries:
            self.iso3.setdefault(country.alpha_3, country.alpha_2)
        self.by_words: dict[str, tuple[str, MatchMethod]] = {}
        for folded, found in self.index.exact.items():  # labels first, as in the index
            if words := name_words(folded):
                self.by_words.setdefault(words, found)
        # A country's usual names (its labels, CLDR's) by their first words, the world's regions (the taxonomy's,
        # CLDR's) by their names and first words.
        usual = [(label, term.code) for term in terms.values() for label in (term.fr, term.en)]
        for language in LANGUAGES:
            usual += [(name, code) for code, name in Locale(language).territories.items() if code in self.codes]
        self.first_words = _first_words(usual, whole=False)
        world = [(name, "") for term in taxonomies[TaxonomyName.regions].values() for name in term.search_terms]
        for language in LANGUAGES:
            world += [(name, "") for code, name in Locale(language).territories.items() if _is_world_region(code)]
        self.world_regions = frozenset(_first_words(world, whole=True))

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        raw = text.strip()
        key = country_key(raw)
        if not key:
            return Resolution(None, MatchMethod.none)
        return self._exact(raw) or self._in_parts(raw) or self._begun(key) or fuzzy(key, self.index)

    def _exact(self, text: str) -> Resolution | None:
        """The country ``text`` names as it is (a name or variant, else an ISO code), the question between those a
        short name may be (« Congo »), or None."""
        if codes := self.ambiguous.get(country_key(text)):
            return Resolution(None, MatchMethod.none, None, tuple((code, NAMED) for code in codes))
        compact = text.strip().replace(".", "").upper()
        for spelling in (text, compact) if "." in text else (text,):  # an abbreviation's dots: « U.K. », « R.D. »
            found = self.index.keys.get(country_key(spelling)) or self.by_words.get(name_words(spelling))
            if found:
                return Resolution(found[0], found[1])
        if len(compact) == 2 and compact in self.codes:
            return Resolution(compact, MatchMethod.iso2)
        if len(compact) == 3 and compact in self.iso3:
            return Resolution(self.iso3[compact], MatchMethod.iso3)
        return None

    def _in_parts(self, raw: str) -> Resolution | None:
        """A country and more, apart: « Brésil (São Paulo) », « USA - California », « Côte d’Ivoire (CIV) »: the
        one country its parts name (names before codes: « USA - CA » is not Canada); several are candidates. Words
        not set apart are not looked into: « Irlande du Nord » is not Ireland, nor « Sud-Soudan » Sudan. A name in
        an index's order is two parts (:func:`name_words`): the longest run of parts naming a country is read, not
        its pieces: « Congo, Rép. dém. (Kinshasa) » is the DR Congo, not the Congo. A part that may be several
        (« Congo ») is answered by another naming one of them (« Congo (RDC) »), else adds them to the question
        (« Congo / Gabon »)."""
        parts = [part for part in PART_SEPARATORS.split(raw) if part.strip()]
        found: list[Resolution] = []
        read: set[int] = set()
        for size in range(len(parts) - 1, 0, -1):  # all the parts together were the text, looked up already
            for start in range(len(parts) - size + 1):
                run = set(range(start, start + size))
                if not run & read and (resolution := self._exact(" ".join(parts[start : start + size]))):
                    found.append(resolution)
                    read |= run
        named = [r.code for r in found if r.code and r.method not in (MatchMethod.iso2, MatchMethod.iso3)]
        codes = list(dict.fromkeys(named or [r.code for r in found if r.code]))
        for question in (r for r in found if r.code is None):
            among = [code for code, _ in question.candidates]
            if not set(among) & set(codes):
                codes = list(dict.fromkeys([*codes, *among]))
        return found_in(codes) if codes else None

    @lru_cache(maxsize=4096)  # noqa: B019 - as resolve
    def apart(self, text: str) -> Resolution | None:
        """The countries ``text`` names each in its own part (« CN; VN; BD », « Côte d’Ivoire, Ghana »), two or
        more, every one in the cell's order (not cut to a question's candidates: the buyer is to give each its line,
        not to choose one); ``None`` for a text that names fewer. A data provider's countries of exposure, not a name
        that may be several countries (« Congo », « Corée »)."""
        parts = (self._exact(part) for part in PART_SEPARATORS.split(text) if part.strip())
        codes = list(dict.fromkeys(found.code for found in parts if found is not None and found.code))
        if len(codes) < 2:
            return None
        return Resolution(None, MatchMethod.none, None, tuple((code, NAMED) for code in codes))

    @property
    def regions(self) -> dict[str, frozenset[str]]:
        """The countries' regions by their names and first words → their countries (:func:`region_countries`)."""
        return region_countries(self.codes)

    def _begun(self, key: str) -> Resolution | None:
        """Not a country's name but the first words of one or more (« Corée », « Arabie »), or a region's name or
        first words (« Xinjiang », « Sabah », « Tamil Nadu », « Punjab »): a question between the countries they
        may be, as a typo is, never a guess (« Papua » is also Indonesia's; « Porto » Portugal's). Words shorter
        than four letters, or that may be more countries, are no question (« Sud », « Saint », « Nord »); a world
        region's (« Afrique », « Asie », « UE ») is none: it is no country."""
        if key in self.world_regions:
            return Resolution(None, MatchMethod.none)
        if len(key) < 4:
            return None
        codes = list(dict.fromkeys([*sorted(self.first_words.get(key, ())), *sorted(self.regions.get(key, ()))]))
        if not codes or len(codes) > MAX_CANDIDATES:
            return None
        return Resolution(None, MatchMethod.none, None, tuple((code, NAMED) for code in codes))


def _first_words(names: Iterable[tuple[str, str]], *, whole: bool) -> dict[str, frozenset[str]]:
    """Each name's first words (and the whole name if ``whole``), as :func:`country_key` folds them → the codes of
    the names they begin."""
    found: dict[str, set[str]] = {}
    for name, code in names:
        words = country_key(name).split()
        for size in range(1, len(words) + whole):
            found.setdefault(" ".join(words[:size]), set()).add(code)
    return {key: frozenset(codes) for key, codes in found.items()}


@lru_cache(maxsize=4)
def region_countries(codes: frozenset[str]) -> dict[str, frozenset[str]]:
    """The regions of the countries of ``codes`` (ISO 3166-2, as pycountry names and translates them) by their
    names and first words, as :func:`country_key` folds them → their countries: built when a text first names no
    country (half a second), for the screening's questions and the search's places."""
    return _first_words(_region_names(codes), whole=True)


def _region_names(codes: frozenset[str]) -> Iterable[tuple[str, str]]:
    """The names of the countries' regions (ISO 3166-2: provinces, states…), as written and in our languages, with
    their country's code: (« Xinjiang Uygur Zizhiqu », « CN »), (« Penjab », « IN »)."""
    translations = [
        gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for language in LANGUAGES
    ]
    for region in pycountry.subdivisions:
        if region.country_code in codes:
            for name in {region.name, *(translation.gettext(region.name) for translation in translations)}:
                yield name, region.country_code


def _french_official_names(codes: frozenset[str]) -> Iterable[tuple[str, str]]:
    """The countries' official names in French, as pycountry translates ISO 3166-1's (« République populaire de
    Chine », « Royaume du Maroc »): the taxonomy has their English, whose words in another language's base name
    (« Chine ») were no name (:func:`name_words`)."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        if official and country.alpha_2 in codes:
            yield french.gettext(official), country.alpha_2


def _is_world_region(code: str) -> bool:
    """CLDR's code for a part of the world (« 002 », Africa; « EU »), not for a country or territory."""
    return code.isdigit() or code in ("EU", "EZ", "UN", "QO")


def _cldr_variants(name: str) -> list[str]:
    """``Myanmar (Birmanie)`` → the name, ``Myanmar`` and ``Birmanie``; ``Congo - Kinshasa`` → ``Congo-Kinshasa``."""
    variants = [name, name.replace(" - ", "-")]
    match = re.fullmatch(r"(.+?) \((.+)\)", name)
    if match:
        variants += [match.group(1), match.group(2)]
    return variants
