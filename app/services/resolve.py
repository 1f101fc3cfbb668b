"""Resolving a buyer's free text to codes: a country to ISO 3166-1 alpha-2, a product to a commodity or a sector.

Countries: French and English names and their variants from the taxonomies (pycountry's ISO names, the curated
overrides and synonyms of ``countries.yaml``), CLDR's names from Babel in both languages (``Côte d’Ivoire``,
``Congo-Kinshasa``, ``Myanmar (Birmanie)``), ILAB's spellings, ISO2 and ISO3 codes (``CI``, ``CIV``, ``USA``).
Products: ILAB's exact goods and their French and English labels, the commodity and sector labels and synonyms of
``sectors.yaml`` and a few buyer words (:data:`PRODUCT_ALIASES`: ``t-shirts``, ``smartphones``…).

Matching is accent-, case- and punctuation-insensitive (``Côte d’Ivoire`` = ``cote d'ivoire``), plurals fold to
singulars, a product phrase may name its good among other words (``raw cocoa beans, grade A``); else rapidfuzz
proposes "did you mean" candidates and accepts a close typo only when it points to one code.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from app.ilab.goods import GOODS
from app.ilab.reader import IlabData
from app.languages import LANGUAGES
from app.search.text import fold as text_fold
from app.search.text import typo_budget, typo_distance
from app.taxonomy import Taxonomies, TaxonomyName

# Buyer words that no taxonomy carries, folded as the index folds them. Product → commodity or sector code.
PRODUCT_ALIASES: dict[str, str] = {
    "t-shirt": "garments",
    "tee-shirt": "garments",
    "tshirt": "garments",
    "shirt": "garments",
    "chemise": "garments",
    "jean": "garments",
    "denim": "garments",
    "pantalon": "garments",
    "trousers": "garments",
    "dress": "garments",
    "robe": "garments",
    "clothes": "garments",
    "vetement": "garments",
    "habit": "garments",
    "sweater": "garments",
    "pull": "garments",
    "sportswear": "garments",
    "uniform": "garments",
    "sneaker": "footwear",
    "basket": "footwear",
    "chaussure": "footwear",
    "smartphone": "electronics",
    "phone": "electronics",
    "telephone": "electronics",
    "laptop": "electronics",
    "ordinateur": "electronics",
    "battery": "lithium-ion-batteries",
    "batterie": "lithium-ion-batteries",
    "pile": "lithium-ion-batteries",
    "solar panel": "solar-polysilicon",
    "panneau solaire": "solar-polysilicon",
    "panneaux solaire": "solar-polysilicon",
    "chocolate": "cocoa",
    "chocolat": "cocoa",
    "thon": "fish",
    "tuna": "fish",
    "soy": "beans",  # as soja and soybeans, among ILAB's beans
    "vin": "grapes",  # ILAB lists the grapes (their harvest), not the wine made of them
    "wine": "grapes",
    "sucre": "sugarcane",
    "sugar": "sugarcane",
    "palm": "palm-oil",
    "palme": "palm-oil",
    "rose": "flowers",  # cut flowers; « roses » was taken for « robes » (garments)
    "guirlande noel": "christmas-decorations",
    "christmas light": "christmas-decorations",
    "seafood": "fishing",
    "fruits de mer": "fishing",
    # A good named with its material is the good, as ILAB lists it (its yarn, its rubber gloves): « fil de coton »
    # was a question between yarn and cotton, « gants nitrile » Pakistan's (leather) gloves, not Malaysia's.
    "fil coton": "yarn",
    "cotton yarn": "yarn",
    "cotton thread": "yarn",
    "gant nitrile": "rubber-gloves",
    "nitrile glove": "rubber-gloves",
    "gant latex": "rubber-gloves",
    "latex glove": "rubber-gloves",
    "gant caoutchouc": "rubber-gloves",
    "vetement coton": "garments",
    "cotton garment": "garments",
    "cotton clothing": "garments",
    "leather shoe": "footwear",
    "chaussure cuir": "footwear",
    "cotton fabric": "fabrics",
    "tissu coton": "fabrics",
    # … and a crop's beans are the crop: ILAB's « beans » are the pulses.
    "coffee bean": "coffee",
    "grain cafe": "coffee",
    "cafe grain": "coffee",
    "green coffee": "coffee",
    # Minerals a buyer's list names that ILAB's list does not: their broad sector, whose findings in the country
    # (cobalt and copper in the DRC…) are what is known of the mines there.
    "lithium": "mining",
    "nickel": "mining",
    "manganese": "mining",
    "bauxite": "mining",
    "graphite": "mining",
    "terre rare": "mining",
    "rare earth": "mining",
    "platine": "mining",
    "platinum": "mining",
    "palladium": "mining",
    "uranium": "mining",
    "phosphate": "mining",
    "potasse": "mining",
    "potash": "mining",
    "chromite": "mining",
    # Crops ILAB's list does not name: their broad sector, whose findings in the country are what is known of its
    # farms. Listed so that a real word is not taken for a typo of a good (« poire » was « poivre »).
    "avocat": "agriculture",
    "avocado": "agriculture",
    "mangue": "agriculture",
    "mango": "agriculture",
    "amande": "agriculture",
    "almond": "agriculture",
    "noix": "agriculture",
    "walnut": "agriculture",
    "pistache": "agriculture",
    "pistachio": "agriculture",
    "datte": "agriculture",
    "cannelle": "agriculture",
    "cinnamon": "agriculture",
    "gingembre": "agriculture",
    "ginger": "agriculture",
    "framboise": "agriculture",
    "raspberry": "agriculture",
    "miel": "agriculture",
    "honey": "agriculture",
    "pork": "hogs",  # the meat of ILAB's hogs (« Porcs » in French)
    "farine": "agriculture",  # « flour » was « flowers », one letter away
    "flour": "agriculture",
    # Household textiles are textiles (« bed sheets » were « sheep »; a bare « sheet » may be steel), dairy and
    # seafood their good or sector.
    "drap": "textiles",
    "bed sheet": "textiles",
    "linge de lit": "textiles",
    "towel": "textiles",
    "curtain": "textiles",
    "rideau": "textiles",
    "fromage": "dairy",
    "cheese": "dairy",
    "beurre": "dairy",
    "butter": "dairy",
    "yaourt": "dairy",
    "yogurt": "dairy",
    "crabe": "fishing",
    "crab": "fishing",
    "calamar": "fishing",
    "squid": "fishing",
    "huitre": "fishing",
    "oyster": "fishing",
    "mussel": "fishing",  # not « moule », a mould too
    "saumon": "fishing",
    "salmon": "fishing",
    "sardine": "fishing",
    "algue": "fishing",
    "seaweed": "fishing",
}
STOP_WORDS = frozenset(
    "a an and of the for from with raw grade de du des d la le les l et en au aux pour brut bruts brute".split()
)
ARTICLES = ("the ", "la ", "le ", "les ", "l ")
ACCEPT_SCORE = 88.0  # a typo is accepted from this similarity (rapidfuzz ratio, 0–100) …
AGREE_SCORE = 78.0  # … or from this one when no other code comes that close
MARGIN = 5.0  # … and, either way, when the runner-up is at least this much further
CANDIDATE_SCORE = 70.0  # below, a « did you mean » shares letters, not a spelling (« almond »: « ballon »)
CANDIDATE_TYPOS = 2  # … and is at most this many typos away (or the words' typo budget, when larger)
MAX_CANDIDATES = 3


class MatchMethod(StrEnum):
    iso2 = "iso2"
    iso3 = "iso3"
    code = "code"  # a commodity or sector code of the taxonomy
    name = "name"  # a label, exactly (once folded)
    variant = "variant"  # a synonym, another spelling, ILAB's good, a CLDR name
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


def _fuzzy(key: str, index: _Index) -> Resolution:
    choices = list(index.keys)
    found = process.extract(key, choices, scorer=fuzz.ratio, limit=12, score_cutoff=CANDIDATE_SCORE)
    budget = sum(typo_budget(word) for word in key.split())
    best_by_code: dict[str, tuple[float, str]] = {}
    for choice, score, _ in found:
        if typo_distance(key, choice) > max(CANDIDATE_TYPOS, budget):
            continue  # shares letters, not a spelling: « photography » is not a typo of « pornography »
        code = index.keys[choice][0]
        best_by_code[code] = max(best_by_code.get(code, (0.0, "")), (float(score), choice))
    ranked = sorted(best_by_code.items(), key=lambda item: -item[1][0])[:MAX_CANDIDATES]
    candidates = tuple((code, round(score, 1)) for code, (score, _) in ranked)
    if ranked:
        code, (score, choice) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        # A typo is accepted when it is close and nothing else is nearly as close: "Bangaldesh", "Brasil". Close
        # means within the search's typo budget too, word by word (none under 5 letters, one under 9): a ratio
        # alone takes "vin" for "ovin" (sheep) and "huile" for "houille" (coal); "Democratic Republic of Congo"
        # is four edits from "… of the Congo", within its words' budget.
        clear = (score >= ACCEPT_SCORE and runner_up < score - MARGIN) or (
            score >= AGREE_SCORE and runner_up < AGREE_SCORE
        )
        if clear and typo_distance(key, choice) <= budget:
            return Resolution(code, MatchMethod.fuzzy, round(score, 1), candidates)
    return Resolution(None, MatchMethod.none, None, candidates)


# What sets a country apart from the detail a supplier list adds: brackets, commas, a spaced dash, a slash.
PART_SEPARATORS = re.compile(r"\s*(?:[(),;/|]|\s[-–—]\s)\s*")


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
            name = facts.name_en
            if ", " in name:  # "Congo, Democratic Republic of the" → also "Democratic Republic of the Congo"
                head, _, tail = name.partition(", ")
                self.index.add(name, iso2, MatchMethod.variant, country_key(f"{tail} {head}"))
            self.index.add(name, iso2, MatchMethod.variant, country_key(name))
        for language in LANGUAGES:
            for code, name in Locale(language).territories.items():
                if code in self.codes:
                    for variant in _cldr_variants(name):
                        self.index.add(variant, code, MatchMethod.variant, country_key(variant))
        for country in pycountry.countries:
            self.iso3.setdefault(country.alpha_3, country.alpha_2)

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        raw = text.strip()
        key = country_key(raw)
        if not key:
            return Resolution(None, MatchMethod.none)
        return self._exact(raw) or self._in_parts(raw) or _fuzzy(key, self.index)

    def _exact(self, text: str) -> Resolution | None:
        """The country ``text`` names as it is (a name or variant, else an ISO code), or None."""
        found = self.index.keys.get(country_key(text))
        if found:
            return Resolution(found[0], found[1])
        compact = text.strip().replace(".", "").upper()
        found = self.index.keys.get(country_key(compact)) if "." in text else None
        if found:  # an abbreviation with its dots: « U.K. », « D.R.C. »
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
        an index's order is read first: « Sudan, South » is South Sudan."""
        head, comma, tail = raw.partition(",")
        if comma and tail.strip() and "," not in tail:  # an index's order: « Guinea, Equatorial », « Sudan, South »
            inverted = self._exact(f"{tail.strip()} {head.strip()}")
            if inverted:
                return inverted
        parts = [part for part in PART_SEPARATORS.split(raw) if part.strip()]
        if len(parts) < 2:
            return None
        found = [resolution for part in parts if (resolution := self._exact(part))]
        named = [r.code for r in found if r.code and r.method not in (MatchMethod.iso2, MatchMethod.iso3)]
        codes = list(dict.fromkeys(named or [r.code for r in found if r.code]))
        return _found_in(codes) if codes else None


def _found_in(codes: list[str]) -> Resolution:
    """What a text holding ``codes`` (one or more, found as they are) means: the code, or a question between them."""
    if len(codes) == 1:
        return Resolution(codes[0], MatchMethod.contains)
    return Resolution(None, MatchMethod.none, None, tuple((code, 100.0) for code in codes[:MAX_CANDIDATES]))


def _cldr_variants(name: str) -> list[str]:
    """``Myanmar (Birmanie)`` → the name, ``Myanmar`` and ``Birmanie``; ``Congo - Kinshasa`` → ``Congo-Kinshasa``."""
    variants = [name, name.replace(" - ", "-")]
    match = re.fullmatch(r"(.+?) \((.+)\)", name)
    if match:
        variants += [match.group(1), match.group(2)]
    return variants


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
                self.index.add(label, term.code, MatchMethod.name, product_key(label))
        for good, (code, label_fr, label_en) in GOODS.items():
            for label in (label_fr, label_en):
                self.index.add(label, code, MatchMethod.name, product_key(label))
                plain = re.sub(r"\s*\(.*\)$", "", label)  # "bidis (hand-rolled cigarettes)" → "bidis"
                self.index.add(plain, code, MatchMethod.name, product_key(plain))
            self.index.add(good, code, MatchMethod.variant, product_key(good))
        for term in commodities:
            for synonym in term.synonyms:
                self.index.add(synonym, term.code, MatchMethod.variant, product_key(synonym))
        for term in broad:
            for label in (term.fr, term.en):
                self.index.add(label, term.code, MatchMethod.name, product_key(label))
            for synonym in term.synonyms:
                self.index.add(synonym, term.code, MatchMethod.variant, product_key(synonym))
        for alias, code in PRODUCT_ALIASES.items():
            self.index.add(alias, code, MatchMethod.variant, product_key(alias))
        self.longest = max(len(k.split()) for k in self.index.keys)

    def is_commodity(self, code: str) -> bool:
        """A commodity (``cocoa``, or ``pornography``, a listed good with no broad sector), not a broad sector."""
        term = self.sectors.get(code)
        return code in self.goods or (term is not None and term.group is not None)

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        key = product_key(text)
        if not key:
            return Resolution(None, MatchMethod.none)
        found = self.index.exact.get(fold(text))
        if found:
            return Resolution(found[0], found[1])
        if text.strip().lower() in self.sectors:
            return Resolution(text.strip().lower(), MatchMethod.code)
        found = self.index.keys.get(key)
        if found:
            return Resolution(found[0], found[1])
        # Stop words as written, accents kept: « thé » (tea) is not « the ».
        words = " ".join(product_key(w) for w in re.findall(r"[^\W_]+", text.casefold()) if w not in STOP_WORDS).split()
        if " ".join(words) in self.index.keys:
            code, method = self.index.keys[" ".join(words)]
            return Resolution(code, method)
        inside = self._contains(words)
        if inside is not None:
            return inside
        return _fuzzy(key, self.index)

    def _contains(self, words: list[str]) -> Resolution | None:
        """The longest known phrase inside the words; ties between codes are candidates, not a match. A commodity
        beside a broad sector is the good meant (« lithium batteries » are the batteries, not the mining sector)."""
        for size in range(min(self.longest, len(words)), 0, -1):
            codes = list(dict.fromkeys(_phrases(words, size, self.index)))
            if codes:
                return _found_in([code for code in codes if self.is_commodity(code)] or codes)
        return None


def _phrases(words: list[str], size: int, index: _Index) -> Iterable[str]:
    for start in range(len(words) - size + 1):
        found = index.keys.get(" ".join(words[start : start + size]))
        if found:
            yield found[0]
