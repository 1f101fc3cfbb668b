"""Resolving a buyer's free text to codes: a country to ISO 3166-1 alpha-2, a product to a commodity or a sector.

Countries: French and English names and their variants from the taxonomies (pycountry's ISO names, the curated
overrides and synonyms of ``countries.yaml``), CLDR's names from Babel in both languages (``Côte d’Ivoire``,
``Congo-Kinshasa``, ``Myanmar (Birmanie)``), ILAB's spellings, ISO2 and ISO3 codes (``CI``, ``CIV``, ``USA``).
Products: ILAB's exact goods and their French and English labels, the commodity and sector labels and synonyms of
``sectors.yaml`` and a few buyer words (:data:`PRODUCT_ALIASES`: ``t-shirts``, ``smartphones``…).

Matching is accent-, case- and punctuation-insensitive (``Côte d’Ivoire`` = ``cote d'ivoire``), plurals fold to
singulars, a country's name is its words in any order with its qualifiers spelt out (``Congo, Rép. dém.``), a
product phrase may name its good among other words (``raw cocoa beans, grade A``), a material or a form beside a
good giving way to it (``gants en cuir``, ``beurre de cacao``); else rapidfuzz proposes "did you mean" candidates
and accepts a close typo only when it points to one code. Goods ILAB lists apart that a line may also be (gloves
and rubber gloves, meat and beef) are :data:`RELATED_GOODS`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
    "polo": "garments",
    "sweat": "garments",  # French for a sweatshirt
    "sweatshirt": "garments",
    "sweat shirt": "garments",
    "hoodie": "garments",
    "hoody": "garments",  # also what « hoodies » folds to
    "sneaker": "footwear",
    "basket": "footwear",
    "chaussure": "footwear",
    "smartphone": "electronics",
    "phone": "electronics",
    "telephone": "electronics",
    "laptop": "electronics",
    "ordinateur": "electronics",
    "iphone": "electronics",
    "ipad": "electronics",
    "battery": "lithium-ion-batteries",
    "batterie": "lithium-ion-batteries",
    "pile": "lithium-ion-batteries",
    # ILAB lists China's polysilicon and the ingots, wafers, cells and modules made of it, one commodity here; PV is
    # what a list writes for photovoltaic (« panneaux solaires » and « solar modules » are the taxonomy's synonyms).
    "module photovoltaique": "solar-polysilicon",
    "photovoltaic module": "solar-polysilicon",
    "module pv": "solar-polysilicon",
    "pv module": "solar-polysilicon",
    "cellule photovoltaique": "solar-polysilicon",
    "photovoltaic cell": "solar-polysilicon",
    "cellule pv": "solar-polysilicon",
    "pv cell": "solar-polysilicon",
    "panneau pv": "solar-polysilicon",
    "pv panel": "solar-polysilicon",
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
    # A crop's beans are the crop: ILAB's « beans » are the pulses.
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
    # ILAB lists particular spices (pepper, chile peppers, cloves, cumin, vanilla), none as « spices »: the word is
    # the sector's, as an unlisted crop is.
    "epice": "agriculture",
    "spice": "agriculture",
    "karite": "agriculture",  # shea nuts, gathered; « beurre de karité » was dairy
    "shea": "agriculture",
    "framboise": "agriculture",
    "raspberry": "agriculture",
    "miel": "agriculture",
    "honey": "agriculture",
    "pork": "hogs",  # the meat of ILAB's hogs (« Porcs » in French)
    "laine": "sheep",  # the fleece of ILAB's sheep (not « laitue », lettuce, two letters away)
    "wool": "sheep",
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
    "tissu": "fabrics",  # the singular of the taxonomy's « tissus », which keeps its s (as « virus » does)
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


def product_words(text: str) -> list[str]:
    """The words that name a product, singular, without the stop words as written, accents kept: « thé » (tea) is
    not « the »."""
    return " ".join(product_key(w) for w in re.findall(r"[^\W_]+", text.casefold()) if w not in STOP_WORDS).split()


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


# The words that qualify a state's name, abbreviated or not, in either language, read as one: « Rép. dém. »,
# « Dem. Rep. », « République démocratique » and « Democratic Republic » are the same words.
NAME_QUALIFIERS: dict[str, str] = {
    "rep": "republic",
    "republique": "republic",
    "dem": "democratic",
    "democratique": "democratic",
    "pop": "people",
    "populaire": "people",
}
NAME_LINKS = frozenset("the of and de du d des la le l les et s".split())  # « du », « d’ », « People’s », « & »


def name_words(text: str) -> str:
    """A country name's words in any order, qualifiers spelt out and links dropped: the World Bank's, the UN's and
    the French administration's « Name, qualifier » (« Congo, Rép. dém. », « Corée, Rép. », « Sudan, South ») is
    the name, and so is « Rép. dém. du Congo ». The words are counted, not merely collected: « Sudan / South Sudan »
    names two countries, not South Sudan."""
    words = [NAME_QUALIFIERS.get(word, word) for word in fold(text).split() if word not in NAME_LINKS]
    return " ".join(sorted(words))


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
        for country in pycountry.countries:
            self.iso3.setdefault(country.alpha_3, country.alpha_2)
        self.by_words: dict[str, tuple[str, MatchMethod]] = {}
        for folded, found in self.index.exact.items():  # labels first, as in the index
            if words := name_words(folded):
                self.by_words.setdefault(words, found)

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        raw = text.strip()
        key = country_key(raw)
        if not key:
            return Resolution(None, MatchMethod.none)
        return self._exact(raw) or self._in_parts(raw) or _fuzzy(key, self.index)

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


# Words that give way to a good beside them. A material names the good made of it: « fil de coton » is yarn,
# « gants en cuir » gloves, « meubles en bois » furniture, « bois de teck » teak. A form a good takes names the good
# it is made of, its direct product: « beurre de cacao » is cocoa, « beurre de karité » shea (not dairy), « viande de
# bœuf » beef, « farine de manioc » cassava. Alone, each word is its own product (« cuir » leather, « beurre » dairy).
GIVES_WAY = frozenset(
    product_key(word)
    for word in "coton cotton cuir leather caoutchouc rubber laine wool bois wood beurre butter viande meat farine "
    "flour lait milk".split()
)
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
        self.aliases = frozenset(" ".join(product_words(alias)) for alias in PRODUCT_ALIASES)
        self.longest = max(len(k.split()) for k in self.index.keys)

    def _add(self, text: str, code: str, method: MatchMethod) -> None:
        """A name, also without its stop words, as a phrase among other words is read: « noix de cajou bio » holds
        « noix cajou » (cashews), not only « noix » (walnuts)."""
        for key in (product_key(text), " ".join(product_words(text))):
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
        words = product_words(text)
        resolution = self._resolve(text, key, words)
        narrower, names = NARROWER_GOODS.get(resolution.code or "", (None, frozenset()))
        if narrower is None or names.isdisjoint(words):
            return resolution
        return replace(resolution, code=narrower)

    def _resolve(self, text: str, key: str, words: list[str]) -> Resolution:
        found = self.index.exact.get(fold(text))
        if found:
            return Resolution(found[0], found[1])
        if text.strip().lower() in self.sectors:
            return Resolution(text.strip().lower(), MatchMethod.code)
        found = self.index.keys.get(key)
        if found:
            return Resolution(found[0], found[1])
        if " ".join(words) in self.index.keys:
            code, method = self.index.keys[" ".join(words)]
            return Resolution(code, method)
        inside = self._contains(words)
        if inside is not None:
            return inside
        return _fuzzy(key, self.index)

    def _contains(self, words: list[str]) -> Resolution | None:
        """The longest known phrase inside the words; ties between codes are candidates, not a match. A material or
        a form beside a good gives way to it (:data:`GIVES_WAY`), and a commodity beside a broad sector is the good
        meant (« lithium batteries » are the batteries, not the mining sector; « industrie du cuir » leather)."""
        for size in range(min(self.longest, len(words)), 0, -1):
            found = dict(_phrases(words, size, self.index))
            if any(phrase not in GIVES_WAY and self.is_good(phrase, code) for phrase, code in found.items()):
                found = {phrase: code for phrase, code in found.items() if phrase not in GIVES_WAY}
            if found:
                codes = list(dict.fromkeys(found.values()))
                return _found_in([code for code in codes if self.is_commodity(code)] or codes)
        return None


def related_goods(code: str) -> tuple[str, ...]:
    """The goods ILAB lists apart that a line resolved to ``code`` may also be (:data:`RELATED_GOODS`), sorted."""
    return tuple(sorted(RELATED_GOODS.get(code, ())))


def _phrases(words: list[str], size: int, index: _Index) -> Iterable[tuple[str, str]]:
    """Each known phrase of ``size`` words and its code."""
    for start in range(len(words) - size + 1):
        phrase = " ".join(words[start : start + size])
        found = index.keys.get(phrase)
        if found:
            yield phrase, found[0]
