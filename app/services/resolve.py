"""Resolving a buyer's free text to codes: a country to ISO 3166-1 alpha-2, a product to a commodity or a sector.

Countries: French and English names and their variants from the taxonomies (pycountry's ISO names, the curated
overrides and synonyms of ``countries.yaml``), CLDR's names from Babel in both languages (``Côte d’Ivoire``,
``Congo-Kinshasa``, ``Myanmar (Birmanie)``), ILAB's spellings, ISO2 and ISO3 codes (``CI``, ``CIV``, ``USA``), a few
short names (:data:`~app.services.resolve_aliases.COUNTRY_SHORT_NAMES`: ``Burkina``). A name's first words
(``Corée``) or a region's name (ISO 3166-2's: ``Xinjiang``, ``Tamil Nadu``) are a question between the countries
they may be; a world region's (``Afrique``, ``UE``) is no country.
Products: ILAB's exact goods and their French and English labels, the commodity and sector labels and synonyms of
``sectors.yaml`` and a few buyer words (:data:`~app.services.resolve_aliases.PRODUCT_ALIASES`: ``t-shirts``,
``smartphones``…).

Matching is accent-, case- and punctuation-insensitive (``Côte d’Ivoire`` = ``cote d'ivoire``), plurals fold to
singulars, a country's name is its words in any order with its qualifiers spelt out (``Congo, Rép. dém.``), a
product phrase may name its good among other words (``raw cocoa beans, grade A``), a material or a form beside a
good giving way to it (``gants en cuir``, ``beurre de cacao``), its head before what qualifies it (``miel de fleurs``
is honey, ``lait en brique`` milk); else rapidfuzz proposes "did you mean" candidates and accepts a close typo only
when it points to one code. Goods ILAB lists apart that a line may also be (gloves and rubber gloves, meat and beef)
are :data:`RELATED_GOODS`.
"""

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property, lru_cache

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from app.ilab.goods import GOODS
from app.ilab.reader import IlabData
from app.languages import LANGUAGES
from app.search.text import fold as text_fold
from app.search.text import typo_budget, typo_distance
from app.services.resolve_aliases import COUNTRY_SHORT_NAMES, PRODUCT_ALIASES
from app.taxonomy import Taxonomies, TaxonomyName

STOP_WORDS = frozenset(
    "a à an and of the for from with raw grade de du des d la le les l et en au aux pour brut bruts brute".split()
)
# The words opening what qualifies a product phrase's head, which comes first in French: « miel de fleurs » is honey,
# « lait UHT en brique » milk. After these, what the head is made of, holds or comes from: read when the head names
# no good (« sac en coton », « pot de miel », « carbonate de lithium »), …
CONTENT_OPENERS = frozenset("de du des d en au aux of".split())
SOURCE_OPENERS = frozenset("de du des d of".split())  # … and, after these, instead of a form (« beurre de cacao »)
PURPOSE_OPENERS = frozenset("à a pour for".split())  # What a thing is for is not what it is: « machine à café ».
GRADES = frozenset("grade type class classe quality qualite category categorie calibre".split())  # « Grade A cocoa »
ARTICLES = ("the ", "la ", "le ", "les ", "l ")
ACCEPT_SCORE = 88.0  # a typo is accepted from this similarity (rapidfuzz ratio, 0–100) …
AGREE_SCORE = 78.0  # … or from this one when no other code comes that close
MARGIN = 5.0  # … and, either way, when the runner-up is at least this much further
CANDIDATE_SCORE = 70.0  # below, a « did you mean » shares letters, not a spelling (« almond »: « ballon »)
RIVAL_TYPOS = 2  # a spelling this many typos away (or the words' typo budget) makes a typo a question
MAX_CANDIDATES = 3
NAMED = 100.0  # a candidate's score when the text names it as written (« Birmanie/Thaïlande », « Corée »), not a typo


class MatchMethod(StrEnum):
    iso2 = "iso2"
    iso3 = "iso3"
    code = "code"  # a commodity or sector code of the taxonomy
    name = "name"  # a label, exactly (once folded)
    variant = "variant"  # a synonym, another spelling, ILAB's good, a CLDR name, a short name
    contains = "contains"  # a known phrase among other words
    fuzzy = "fuzzy"  # a close typo
    none = "none"


@dataclass(frozen=True, slots=True)
class Resolution:
    code: str | None
    method: MatchMethod
    score: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()  # (code, score) "did you mean", best first


def fold(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: ``Côte d’Ivoire`` → ``cote d ivoire``, ``bœuf`` → ``boeuf``."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text_fold(text)).split())


def singular(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("oes") and not word.endswith("hoes"):  # tomatoes → tomato, shoes → shoe
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def product_key(text: str) -> str:
    return " ".join(singular(w) for w in fold(text).split())


@dataclass(frozen=True, slots=True)
class ProductWords:
    """A product phrase's words (:func:`product_words`) and the part of the phrase each is in: 0 for its head, one
    more at each word opening a qualifier, which ``openers`` holds (None for the head): « lait UHT en brique » is
    ``lait uht`` then ``brique``, opened by ``en``."""

    words: tuple[str, ...]
    parts: tuple[int, ...]
    openers: tuple[str | None, ...]


OPENERS = CONTENT_OPENERS | PURPOSE_OPENERS


def product_parts(text: str) -> ProductWords:
    words: list[str] = []
    parts: list[int] = []
    openers: list[str | None] = [None]
    previous = ""
    for token in re.findall(r"[^\W_]+", text.casefold()):
        if token in OPENERS and not (token == "a" and fold(previous) in GRADES):  # « à » written « a », not « A »
            openers.append(token)
        previous = token
        if token not in STOP_WORDS:
            for word in product_key(token).split():
                words.append(word)
                parts.append(len(openers) - 1)
    return ProductWords(tuple(words), tuple(parts), tuple(openers))


def product_words(text: str) -> list[str]:
    """The words that name a product, singular, without the stop words as written, accents kept: « thé » (tea) is
    not « the »."""
    return list(product_parts(text).words)


def country_key(text: str) -> str:
    key = fold(text)
    for article in ARTICLES:
        if key.startswith(article):
            return key[len(article) :]
    return key


@dataclass
class _Index:
    keys: dict[str, tuple[str, MatchMethod]] = field(default_factory=dict)
    exact: dict[str, tuple[str, MatchMethod]] = field(default_factory=dict)  # folded, plurals kept

    def add(self, text: str, code: str, method: MatchMethod, key: str) -> None:
        if key and key not in self.keys:  # first come wins: labels are added before variants
            self.keys[key] = (code, method)
        folded = fold(text)
        if folded and folded not in self.exact:
            self.exact[folded] = (code, method)


def _added_at_end(typed: str, known: str) -> bool:
    """``typed`` is ``known`` with a letter more at its end, not a doubled one: « briquet » (a lighter), « brique »."""
    return len(typed) == len(known) + 1 and typed.startswith(known) and typed[-1] != known[-1:]


def _typos(typed: str, known: str, *, words: bool) -> int:
    """:func:`typo_distance`, and for ``words`` (not names) a letter added at the end counting as two, as another
    first letter does: a suffix makes another word (« briquet », lighter; « cocao » is no typo of « coca »), a slip of
    the finger rarely adds one there (« coffe », « coto », « cacoa », « crevetes » are typos)."""
    return typo_distance(typed, known) + (words and _added_at_end(typed, known))


def _fuzzy(key: str, index: _Index, *, words: bool = False) -> Resolution:
    choices = list(index.keys)
    found = process.extract(key, choices, scorer=fuzz.ratio, limit=12, score_cutoff=CANDIDATE_SCORE)
    budget = sum(typo_budget(word) for word in key.split())
    best_by_code: dict[str, tuple[float, str]] = {}
    typos: dict[str, int] = {}  # each code's fewest
    for choice, score, _ in found:
        distance = _typos(key, choice, words=words)
        if distance > max(RIVAL_TYPOS, budget):
            continue  # shares letters, not a spelling: « photography » is not a typo of « pornography »
        code = index.keys[choice][0]
        best_by_code[code] = max(best_by_code.get(code, (0.0, "")), (float(score), choice))
        typos[code] = min(typos.get(code, distance), distance)
    ranked = sorted(best_by_code.items(), key=lambda item: -item[1][0])
    # A « did you mean » is a spelling within the words' typo budget, one typo for a short word: not another word
    # two letters or a first letter away (« cheveux », « chèvres »; « huile », « houille »; « câbles », « sables »;
    # « UE », « EAU »), which still makes a typo of a third word a question (« gomme »: « gemme », « pomme »).
    candidates = tuple((code, round(score, 1)) for code, (score, _) in ranked if typos[code] <= max(1, budget))[
        :MAX_CANDIDATES
    ]
    if ranked:
        code, (score, choice) = ranked[0]
        rivals = ranked[1:MAX_CANDIDATES]
        runner_up = rivals[0][1][0] if rivals else 0.0
        # A typo is accepted when it is close and nothing else is nearly as close: "Bangaldesh", "Brasil". Close
        # means within the search's typo budget too, word by word (none under 5 letters, one under 9): a ratio
        # alone takes "vin" for "ovin" (sheep) and "huile" for "houille" (coal); "Democratic Republic of Congo"
        # is four edits from "… of the Congo", within its words' budget. Nothing else means no other code as few
        # typos away either: « cocao » is one from « coco » and from « cacao ».
        clear = (score >= ACCEPT_SCORE and runner_up < score - MARGIN) or (
            score >= AGREE_SCORE and runner_up < AGREE_SCORE
        )
        alone = all(typos[other] > typos[code] for other, _ in rivals)
        if clear and alone and typos[code] <= budget:
            return Resolution(code, MatchMethod.fuzzy, round(score, 1), candidates)
    return Resolution(None, MatchMethod.none, None, candidates)


# What sets a country apart from the detail a supplier list adds: brackets, commas, a spaced dash, a slash.
PART_SEPARATORS = re.compile(r"\s*(?:[(),;/|]|\s[-–—]\s)\s*")


# The words that qualify a state's name, abbreviated or not, in either language, read as one: « Rép. dém. »,
# « Dem. Rep. », « République démocratique » and « Democratic Republic » are the same words.
NAME_QUALIFIERS: dict[str, str] = {
    "rep": "republic",
    "republique": "republic",
    "dem": "democratic",
    "democratique": "democratic",
    "pop": "people",
    "populaire": "people",
    "pr": "people republic",  # « P.R. China », « PR of China »
}
NAME_LINKS = frozenset("the of and de du d des la le l les et s".split())  # « du », « d’ », « People’s », « & »


def name_words(text: str) -> str:
    """A country name's words in any order, qualifiers spelt out and links dropped: the World Bank's, the UN's and
    the French administration's « Name, qualifier » (« Congo, Rép. dém. », « Corée, Rép. », « Sudan, South ») is
    the name, and so is « Rép. dém. du Congo ». The words are counted, not merely collected: « Sudan / South Sudan »
    names two countries, not South Sudan."""
    words = " ".join(NAME_QUALIFIERS.get(word, word) for word in fold(text).split() if word not in NAME_LINKS)
    return " ".join(sorted(words.split()))


class CountryResolver:
    def __init__(self, taxonomies: Taxonomies, data: IlabData) -> None:
        self.codes = set(taxonomies[TaxonomyName.countries])
        self.iso3: dict[str, str] = {facts.iso3: iso2 for iso2, facts in data.countries.items()}
        self.index = _Index()
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
        return self._exact(raw) or self._in_parts(raw) or self._begun(key) or _fuzzy(key, self.index)

    def _exact(self, text: str) -> Resolution | None:
        """The country ``text`` names as it is (a name or variant, else an ISO code), or None."""
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
        its pieces: « Congo, Rép. dém. (Kinshasa) » is the DR Congo, not the Congo."""
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
        return _found_in(codes) if codes else None

    @cached_property
    def regions(self) -> dict[str, frozenset[str]]:
        """The countries' regions (ISO 3166-2, as pycountry names and translates them) by their names and first
        words → their countries: built when a text first names no country (half a second)."""
        return _first_words(_region_names(self.codes), whole=True)

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


def _region_names(codes: set[str]) -> Iterable[tuple[str, str]]:
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


def _is_world_region(code: str) -> bool:
    """CLDR's code for a part of the world (« 002 », Africa; « EU »), not for a country or territory."""
    return code.isdigit() or code in ("EU", "EZ", "UN", "QO")


def _found_in(codes: list[str]) -> Resolution:
    """What a text holding ``codes`` (one or more, found as they are) means: the code, or a question between them."""
    if len(codes) == 1:
        return Resolution(codes[0], MatchMethod.contains)
    return Resolution(None, MatchMethod.none, None, tuple((code, NAMED) for code in codes[:MAX_CANDIDATES]))


def _cldr_variants(name: str) -> list[str]:
    """``Myanmar (Birmanie)`` → the name, ``Myanmar`` and ``Birmanie``; ``Congo - Kinshasa`` → ``Congo-Kinshasa``."""
    variants = [name, name.replace(" - ", "-")]
    match = re.fullmatch(r"(.+?) \((.+)\)", name)
    if match:
        variants += [match.group(1), match.group(2)]
    return variants


# Words that give way to a good beside them. A material names the good made of it: « fil de coton » is yarn,
# « gants en cuir » gloves, « meubles en bois » furniture, « bois de teck » teak. A form a good takes names the good
# it is made of, its direct product: « beurre de cacao » is cocoa, « beurre de karité » shea (not dairy), « viande de
# bœuf » beef, « farine de manioc » cassava. Alone, each word is its own product (« cuir » leather, « beurre » dairy).
GIVES_WAY = frozenset(
    product_key(word)
    for word in "coton cotton cuir leather caoutchouc rubber laine wool bois wood beurre butter viande meat farine "
    "flour lait milk".split()
)
# Heads that, before « de » and what they are made of, name it (« beurre de cacao », « bois de teck », « sucre de
# coco »), or hold it: « brique de lait » is a carton of milk. « Sucre » alone is sugarcane, « brique » bricks.
MADE_OF = GIVES_WAY | {product_key(word) for word in ("sucre", "brique")}
# What a product comes in rather than what it is, when it qualifies another word: « lait UHT en brique ».
PACKAGING = frozenset({product_key("brique")})
# ILAB lists China's « Gloves » and Malaysia's « Rubber Gloves ». Gloves of nitrile, latex or rubber, and the
# disposable ones for examination, medical or surgical use (which are made of those), are what ILAB calls rubber
# gloves: « gants d'examen nitrile », « gants médicaux » were Malaysia's « aucun constat ». A broad good → the
# narrower one ILAB lists, and the words that, beside the broad good's, name it in any order.
NARROWER_GOODS: dict[str, tuple[str, frozenset[str]]] = {
    "gloves": (
        "rubber-gloves",
        frozenset(
            product_key(word)
            for word in "nitrile latex caoutchouc rubber examen examination médical médicaux medical jetable "
            "disposable chirurgical chirurgicaux surgical".split()
        ),
    ),
}
# Goods ILAB lists apart that a line resolved to one may also be: the screening shows the country's listings of these
# beside the good's own, never « aucun constat » beside them. Gloves may be of rubber and rubber gloves are gloves
# (China lists « Gloves », Malaysia « Rubber Gloves »); meat may be of any animal ILAB lists (Cambodia lists « Meat »,
# Brazil its beef, hogs and poultry); beef is the meat of cattle, and the hogs and poultry codes hold pork and chicken.
# Not sheep and goats: the sheep code holds wool too.
RELATED_GOODS: dict[str, frozenset[str]] = {
    "gloves": frozenset({"rubber-gloves"}),
    "rubber-gloves": frozenset({"gloves"}),
    "meat": frozenset({"beef", "cattle", "goats", "hogs", "poultry", "sheep"}),
    "beef": frozenset({"cattle", "meat"}),
    "hogs": frozenset({"meat"}),
    "poultry": frozenset({"meat"}),
}


class ProductResolver:
    """Free text → a commodity code (``cocoa``) or, for a broad word (``agriculture``), a sector code."""

    def __init__(self, taxonomies: Taxonomies) -> None:
        self.sectors = taxonomies[TaxonomyName.sectors]
        self.goods = frozenset(code for code, _, _ in GOODS.values())
        self.index = _Index()
        commodities = [t for t in self.sectors.values() if self.is_commodity(t.code)]
        broad = [t for t in self.sectors.values() if not self.is_commodity(t.code)]
        # Priority when two codes share a key: commodity labels, ILAB's goods, commodity synonyms, broad sectors.
        for term in commodities:
            for label in (term.fr, term.en):
                self._add(label, term.code, MatchMethod.name)
        for good, (code, label_fr, label_en) in GOODS.items():
            for label in (label_fr, label_en):
                self._add(label, code, MatchMethod.name)
                plain = re.sub(r"\s*\(.*\)$", "", label)  # "bidis (hand-rolled cigarettes)" → "bidis"
                self._add(plain, code, MatchMethod.name)
            self._add(good, code, MatchMethod.variant)
        for term in commodities:
            for synonym in term.synonyms:
                self._add(synonym, term.code, MatchMethod.variant)
        for term in broad:
            for label in (term.fr, term.en):
                self._add(label, term.code, MatchMethod.name)
            for synonym in term.synonyms:
                self._add(synonym, term.code, MatchMethod.variant)
        for alias, code in PRODUCT_ALIASES.items():
            self._add(alias, code, MatchMethod.variant)
        self.aliases = frozenset(key for alias in PRODUCT_ALIASES for key in _keys(alias))
        self.longest = max(len(k.split()) for k in self.index.keys)

    def _add(self, text: str, code: str, method: MatchMethod) -> None:
        for key in _keys(text):
            self.index.add(text, code, method, key)

    def is_good(self, phrase: str, code: str) -> bool:
        """``phrase`` names a good: a commodity, or one read as its sector (« karité », « lithium »), not the sector
        itself (« industrie »: « industrie du cuir » is leather, « beurre de karité » shea)."""
        return self.is_commodity(code) or phrase in self.aliases

    def is_commodity(self, code: str) -> bool:
        """A commodity (``cocoa``, or ``pornography``, a listed good with no broad sector), not a broad sector."""
        term = self.sectors.get(code)
        return code in self.goods or (term is not None and term.group is not None)

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        key = product_key(text)
        if not key:
            return Resolution(None, MatchMethod.none)
        words = product_parts(text)
        resolution = self._resolve(text, key, words)
        narrower, names = NARROWER_GOODS.get(resolution.code or "", (None, frozenset()))
        if narrower is None or names.isdisjoint(words.words):
            return resolution
        return replace(resolution, code=narrower)

    def _resolve(self, text: str, key: str, words: ProductWords) -> Resolution:
        found = self.index.exact.get(fold(text))
        if found:
            return Resolution(found[0], found[1])
        if text.strip().lower() in self.sectors:
            return Resolution(text.strip().lower(), MatchMethod.code)
        found = self.index.keys.get(key) or self.index.keys.get(" ".join(words.words))
        if found:
            return Resolution(found[0], found[1])
        inside = self._contains(words)
        if inside is not None:
            return inside
        return _fuzzy(key, self.index, words=True)

    def _contains(self, words: ProductWords) -> Resolution | None:
        """The known phrases inside the words, the longest first, read by the part of the phrase they are in: its
        head, else what qualifies it (:meth:`_read`)."""
        parts: list[dict[str, str]] = [{} for _ in words.openers]
        for start, phrase, code in _phrases(words.words, self.longest, self.index):
            parts[words.parts[start]][phrase] = code
        return self._read(list(zip(words.openers, parts, strict=True)))

    def _read(self, parts: list[tuple[str | None, dict[str, str]]], *, source: bool = False) -> Resolution | None:
        """What a phrase's parts name: its head's good (« miel de fleurs » is honey, « lait UHT en brique » milk,
        « chocolat au lait » cocoa). A head that names none (« sac en coton », « pot de miel », « industrie du cuir »)
        is what it is made of, holds or comes from: the next part that names one, but never what it is for
        (« brosse à cheveux », « machine à café ») nor the carton it comes in (« jus en brique »). A head that is
        a form of its source (:data:`MADE_OF`) is the source it is followed by, if known: « beurre de cacao » is
        cocoa, « brique de lait » milk, « sucre de coco » coconuts. An unknown line is flagged, with suggestions; a
        qualifier read as the product was a finding of forced child labour in bricks for a carton of milk.

        ``source``: the parts follow a form, and only their head may name its source."""
        if not parts:
            return None
        (opener, found), rest = parts[0], parts[1:]
        if opener in PURPOSE_OPENERS:
            found = {}
        elif opener is not None:
            found = {phrase: code for phrase, code in found.items() if phrase not in PACKAGING}
        head = self._among(found)
        if not any(self.is_good(phrase, code) for phrase, code in found.items()):
            return head if source else self._read(rest) or head
        if rest and rest[0][0] in SOURCE_OPENERS and found.keys() <= MADE_OF:
            return self._read(rest, source=True) or head
        return head

    def _among(self, found: dict[str, str]) -> Resolution | None:
        """What the phrases of one part name: ties between codes are candidates, not a match. A material or a form
        beside a good gives way to it (:data:`GIVES_WAY`: « T-shirt coton », « cocoa butter »), and a commodity beside
        a broad sector is the good meant (« lithium batteries » are the batteries, not the mining sector)."""
        if any(phrase not in GIVES_WAY and self.is_good(phrase, code) for phrase, code in found.items()):
            found = {phrase: code for phrase, code in found.items() if phrase not in GIVES_WAY}
        if not found:
            return None
        codes = list(dict.fromkeys(found.values()))
        return _found_in([code for code in codes if self.is_commodity(code)] or codes)


def _keys(name: str) -> tuple[str, ...]:
    """A product name's keys: as it is and without its stop words, as a phrase among other words is read (« noix de
    cajou bio » holds « noix cajou », cashews, not only « noix », walnuts), and the keys of its plural where folding
    that to a singular does not give the name back (« broderies » is « brodery », as « strawberries »; « bambous »)."""
    keys = (product_key(name), " ".join(product_words(name)))
    plurals = tuple(" ".join(singular(word + "s") for word in key.split()) for key in keys)
    return tuple(dict.fromkeys(keys + plurals))


def related_goods(code: str) -> tuple[str, ...]:
    """The goods ILAB lists apart that a line resolved to ``code`` may also be (:data:`RELATED_GOODS`), sorted."""
    return tuple(sorted(RELATED_GOODS.get(code, ())))


def _phrases(words: tuple[str, ...], longest: int, index: _Index) -> list[tuple[int, str, str]]:
    """The known phrases among ``words``, the longest first, none overlapping another: (start, phrase, code)."""
    taken = [False] * len(words)
    found: list[tuple[int, str, str]] = []
    for size in range(min(longest, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if not any(taken[start : start + size]) and (hit := index.keys.get(phrase)):
                found.append((start, phrase, hit[0]))
                taken[start : start + size] = [True] * size
    return found
