"""Resolving a buyer's free text to codes: a product to a commodity or a sector here, a country to ISO 3166-1 alpha-2
in :mod:`app.services.resolve_countries`, on the matching both share; a product phrase's words, folded and split
into parts, in :mod:`app.services.resolve_words`.

Products: ILAB's exact goods and their French and English labels, the commodity and sector labels and synonyms of
``sectors.yaml`` and a few buyer words (:data:`~app.services.resolve_aliases.PRODUCT_ALIASES`: ``t-shirts``,
``smartphones``…).

Matching is accent-, case- and punctuation-insensitive (``Côte d’Ivoire`` = ``cote d'ivoire``), plurals fold to
singulars, a product phrase may name its good among other words (``raw cocoa beans, grade A``), a material or a form
beside a good giving way to it (``gants en cuir``, ``beurre de cacao``), its head before what qualifies it (``miel de
fleurs`` is honey, ``lait en brique`` milk), a compound's head first in French and last in English (``fromage
chèvre``, ``goat cheese``) and a catalogue's product before its kind (``Honey, flower``), a container what it holds
(``brique de lait``, ``tin of tuna``, ``basket of fruit``), thread before a metal wire (``fil de laiton``), a thing
of cotton or wool that names no good a textile (``ruban de coton``, :data:`TEXTILE_FIBRES`); else rapidfuzz proposes
"did you mean" candidates and accepts a close typo only when it points to one code and is a slip of the finger
(:mod:`app.services.resolve_slips`).
Goods ILAB lists apart that a line may also be (gloves and rubber gloves, meat and beef) are
:data:`~app.services.resolve_aliases.RELATED_GOODS`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from app.ilab.goods import GOODS
from app.search.text import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS, typo_budget, typo_distance
from app.services.resolve_aliases import (
    BASKET_CONTAINERS,
    CONTAINERS,
    ELECTRIC,
    FALSE_FRIENDS,
    FIBRES,
    FORMS,
    MATERIALS,
    NARROWER_GOODS,
    POURED,
    PRODUCT_ALIASES,
    PURPOSE_OPENERS,
    RELATED_GOODS,
    SECTOR_ALIASES,
    SERVICE_SECTORS,
    SOURCE_OPENERS,
    WIRES,
)
from app.services.resolve_slips import FAR, slip_typos
from app.services.resolve_words import ProductWords, fold, product_key, product_parts, product_words, singular
from app.taxonomy import Taxonomies, TaxonomyName

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
    also: tuple[str, ...] = ()  # the goods the product's materials are (« pantalons coton/polyester »: cotton, …)


@dataclass
class Index:
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


def fuzzy(key: str, index: Index, *, words: bool = False) -> Resolution:
    choices = list(index.keys)
    found = process.extract(key, choices, scorer=fuzz.ratio, limit=12, score_cutoff=CANDIDATE_SCORE)
    budget = sum(typo_budget(word) for word in key.split())
    best_by_code: dict[str, tuple[float, str]] = {}
    typos: dict[str, int] = {}  # each code's fewest
    slips: dict[str, int] = {}  # each code's fewest when only slips of the finger count (resolve_slips)
    for choice, score, _ in found:
        distance = _typos(key, choice, words=words)
        if distance > max(RIVAL_TYPOS, budget):
            continue  # shares letters, not a spelling: « photography » is not a typo of « pornography »
        code = index.keys[choice][0]
        best_by_code[code] = max(best_by_code.get(code, (0.0, "")), (float(score), choice))
        typos[code] = min(typos.get(code, distance), distance)
        slips[code] = min(slips.get(code, FAR), max(distance, slip_typos(key, choice)) if words else distance)
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
        # typos away either: « cocao » is one from « coco » and from « cacao ». A word's typo is a slip of the
        # finger, not another word's spelling (« sweets », « marteaux »), which stays a « did you mean ».
        clear = (score >= ACCEPT_SCORE and runner_up < score - MARGIN) or (
            score >= AGREE_SCORE and runner_up < AGREE_SCORE
        )
        alone = all(typos[other] > typos[code] for other, _ in rivals)
        if clear and alone and slips[code] <= budget:
            return Resolution(code, MatchMethod.fuzzy, round(score, 1), candidates)
    return Resolution(None, MatchMethod.none, None, candidates)


def found_in(codes: list[str]) -> Resolution:
    """What a text holding ``codes`` (one or more, found as they are) means: the code, or a question between them."""
    if len(codes) == 1:
        return Resolution(codes[0], MatchMethod.contains)
    return Resolution(None, MatchMethod.none, None, tuple((code, NAMED) for code in codes[:MAX_CANDIDATES]))


MATERIAL = frozenset(product_key(word) for word in (*MATERIALS, *FIBRES))
GIVES_WAY = frozenset(product_key(word) for word in (*MATERIALS, *FORMS))
FIBRE = frozenset(product_key(word) for word in FIBRES)
# A thing of cotton or wool that names no good is a textile article, ILAB's « Textiles » beside its fibre's good
# (Resolution.also): « ruban de coton » (cotton tape) read as raw cotton missed the textiles' findings. Not the fibre
# as it is sold raw: its bales, fibre, lint, seed or waste (« balles de coton », « cotton seed ») are the fibre's good.
TEXTILE_FIBRES = frozenset(product_key(word) for word in "coton cotton laine wool".split())
TEXTILES = "fabrics"
RAW_FIBRE = frozenset(
    product_key(word)
    for word in "balle bale fibre fiber linter lint graine seed semence déchet waste toison fleece".split()
)
# Heads that, before « de » and what they are made of, name it (« beurre de cacao », « bois de teck », « sucre de
# coco »). « Sucre » alone is sugarcane.
MADE_OF = GIVES_WAY | {product_key("sucre")}
CONTAINED = frozenset(product_key(word) for word in CONTAINERS)
BASKETS = frozenset(product_key(word) for word in BASKET_CONTAINERS)
POURS = frozenset(product_key(word) for word in POURED)
WIRE = frozenset(product_key(word) for word in WIRES)
ELECTRIC_WORDS = frozenset(product_key(word) for word in ELECTRIC)
NARROWER: dict[str, tuple[str, frozenset[str]]] = {
    broad: (narrower, frozenset(product_key(word) for word in words))
    for broad, (narrower, words) in NARROWER_GOODS.items()
}


class Phrase(NamedTuple):
    """A known phrase among a product's words: first word, key, code, run (None across two: « noix du Brésil »),
    whether its last word is written in the plural and whether a comma opens its run (:class:`ProductWords`)."""

    start: int
    key: str
    code: str
    run: int | None
    plural: bool
    comma: bool


class Part(NamedTuple):
    """A part of a product phrase (:class:`ProductWords`): the word opening it, its words, its known phrases."""

    opener: str | None
    words: tuple[str, ...]
    phrases: tuple[Phrase, ...]


class ProductResolver:
    """Free text → a commodity code (``cocoa``) or, for a broad word (``agriculture``), a sector code."""

    def __init__(self, taxonomies: Taxonomies) -> None:
        self.sectors = taxonomies[TaxonomyName.sectors]
        self.goods = frozenset(code for code, _, _ in GOODS.values())
        self.index = Index()
        commodities = [t for t in self.sectors.values() if self.is_commodity(t.code)]
        broad = [t for t in self.sectors.values() if not self.is_commodity(t.code)]
        # Priority when two codes share a key: the buyer's word of a false friend, commodity labels, ILAB's goods,
        # commodity synonyms, broad sectors.
        for word, code in FALSE_FRIENDS.items():
            self._add(word, code, MatchMethod.variant)
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
        for alias, code in (*SECTOR_ALIASES.items(), *PRODUCT_ALIASES.items()):
            self._add(alias, code, MatchMethod.variant)
        self.aliases = frozenset(key for alias in (*PRODUCT_ALIASES, *FALSE_FRIENDS) for key in _keys(alias))
        self.heads = _heads(self.index)
        self.longest = max(len(k.split()) for k in self.index.keys)
        self.only = _language_words(taxonomies)
        # The words of names written in the plural (« flowers », « cerises »), not « honey » (:meth:`_one_of`).
        written = {word for name in self.index.exact for word in name.split()}
        self.plurals = frozenset(singular(word) for word in written if singular(word) != word)

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

    def serves(self, resolution: Resolution | None) -> bool:
        """The resolution is a service (:data:`SERVICE_SECTORS`): its sector or a good of one."""
        term = self.sectors.get(resolution.code or "") if resolution is not None else None
        return term is not None and (term.code in SERVICE_SECTORS or term.group in SERVICE_SECTORS)

    @lru_cache(maxsize=4096)  # noqa: B019 - one resolver per catalogue, kept for the process's life
    def resolve(self, text: str) -> Resolution:
        key = product_key(text)
        if not key:
            return Resolution(None, MatchMethod.none)
        words = product_parts(text)
        resolution = self._resolve(text, key, words)
        narrower, names = NARROWER.get(resolution.code or "", (None, frozenset()))
        if narrower is None or names.isdisjoint(words.words):
            return resolution
        # The material that names the narrower good is in its name (« gants caoutchouc » are rubber gloves).
        named = {self.index.keys[name][0] for name in names if name in self.index.keys}
        return replace(resolution, code=narrower, also=tuple(code for code in resolution.also if code not in named))

    def _resolve(self, text: str, key: str, words: ProductWords) -> Resolution:
        found = self.index.exact.get(fold(text))
        if found:
            return Resolution(found[0], found[1])
        if text.strip().lower() in self.sectors:
            return Resolution(text.strip().lower(), MatchMethod.code)
        found = self.index.keys.get(key) or self.index.keys.get(" ".join(words.words))
        if found:
            return Resolution(found[0], found[1])
        product, comma, kind = text.partition(",")
        if comma and product.strip() and kind.strip() and "," not in kind:
            # A catalogue's order, the kind after a comma, naming a good as a whole: « Potatoes, sweet » are sweet
            # potatoes, « Beans, cocoa » cocoa; else its parts are read as they are (« Honey, flower », :meth:`_head`).
            inverted = f"{kind} {product}"
            found = self.index.keys.get(product_key(inverted)) or self.index.keys.get(" ".join(product_words(inverted)))
            if found:
                return Resolution(found[0], found[1])
        inside = self._contains(text, words)
        if inside is not None:
            return inside
        found_fuzzy = fuzzy(key, self.index, words=True)
        if found_fuzzy.code is None and not found_fuzzy.candidates and key in self.heads:
            # The first word of one good's name (« accessoires », of « accessoires de mode »): a question, for it may
            # be of another thing (« accessoires auto »), but the one name it begins is worth asking about.
            code, name = self.heads[key]
            return Resolution(None, MatchMethod.none, None, ((code, round(fuzz.ratio(key, name), 1)),))
        return found_fuzzy

    def _language(self, text: str) -> str | None:
        """The language of the text's words that belong to one only (:func:`_language_words`), if most are in one:
        « flower honey » is English, « fromage chèvre » French, « T-shirt » neither."""
        french, english = (sum(word in self.only[lang] for word in product_key(text).split()) for lang in ("fr", "en"))
        return None if french == english else "fr" if french > english else "en"

    def _contains(self, text: str, words: ProductWords) -> Resolution | None:
        """The known phrases inside the words, the longest first, read by the part of the phrase they are in: its
        head, else what qualifies it (:meth:`_read`)."""
        found: list[list[Phrase]] = [[] for _ in words.openers]
        for phrase in _phrases(words, self.longest, self.index):
            found[words.parts[phrase.start]].append(phrase)
        inside = [
            tuple(w for w, at in zip(words.words, words.parts, strict=True) if at == part) for part in range(len(found))
        ]
        parts = [Part(*part) for part in zip(words.openers, inside, map(tuple, found), strict=True)]
        language = self._language(text)
        read = self._read(parts, language)
        if read is None or read.code is None or not self.is_commodity(read.code):
            return read  # a sector's line lists its goods in the country, a service is made of nothing
        code = TEXTILES if _textile_article(parts, read.code, language) else read.code
        return replace(read, code=code, also=self._materials(parts, code))

    def _materials(self, parts: list[Part], code: str) -> tuple[str, ...]:
        """The goods, other than ``code``, that the line's materials are, wherever they are written (« pantalons de
        travail coton/polyester »: cotton and textiles, beside garments): what a product is made of has its own
        findings. Not what it is for (« housse pour coussin en coton »), nor a form its source names (« bois de teck »
        is teak, « laine de mouton » sheep)."""
        found: list[str] = []
        for at, part in enumerate(parts):
            form = at + 1 < len(parts) and parts[at + 1].opener in SOURCE_OPENERS
            if part.opener in PURPOSE_OPENERS or (form and {p.key for p in part.phrases} <= MADE_OF):
                continue
            found += [p.code for p in part.phrases if p.key in MATERIAL and self.is_good(p.key, p.code)]
        return tuple(dict.fromkeys(found_code for found_code in found if found_code != code))

    def _read(self, parts: list[Part], language: str | None, *, source: bool = False) -> Resolution | None:
        """What a phrase's parts name: its head's good (« miel de fleurs » is honey, « lait UHT en brique » milk,
        « chocolat au lait » cocoa). A head that names none (« sac en coton », « pot de miel », « industrie du cuir »)
        is what it is made of, holds or comes from: the next part that names one, never what it is for (« machine à
        café ») nor the carton it comes in (« jus en brique »). A container holds it (« brique de lait » is milk,
        « brique de jus » juice, which ILAB does not list, but « briques de terre cuite » bricks), a form is made of it
        (:data:`MADE_OF`: « beurre de cacao » is cocoa). An unknown line is flagged, with suggestions; a qualifier read
        as the product was a finding of forced child labour in bricks for a carton of milk.

        ``source``: the parts follow a form, and only their head may name its source. A head naming thread before
        « de » and a metal is wire, the metal (:data:`WIRE`: « fil de laiton » is brass, « fil de coton » yarn)."""
        if not parts:
            return None
        part, rest = parts[0], parts[1:]
        phrases = part.phrases
        if part.opener in PURPOSE_OPENERS:
            phrases = ()
        elif part.opener == "en":
            phrases = tuple(phrase for phrase in phrases if phrase.key not in CONTAINED)
        if self._wire(part):
            phrases = tuple(phrase for phrase in phrases if phrase.key not in WIRE)
        head = self._among(phrases, language)
        keys = {phrase.key for phrase in phrases}
        if rest and self.serves(head) and not source:
            # A service of a good is the service (« nettoyage de vêtements »), of a service that one (« prestation
            # de nettoyage »).
            held = self._read(rest, language)
            return held if self.serves(held) else head
        if rest and keys == WIRE and rest[0].opener in SOURCE_OPENERS and not source:
            held = self._read(rest, language)
            if self._mined(held.code if held is not None else None):
                return held
        if not any(self.is_good(phrase.key, phrase.code) for phrase in phrases):
            if source:
                return head
            # A head naming a sector is what it is made of when that is a good (« industrie du cuir » is leather),
            # not another sector: « boutons en laiton » are haberdashery, not metal.
            held = self._read(rest, language)
            if held is None:
                return head
            if head is not None and not self._names_good(rest):
                return head
            return held
        if rest and rest[0].opener in SOURCE_OPENERS and keys <= _containers(language):
            held = self._read(rest, language)
            poured = rest[0].opener == "of" or not POURS.isdisjoint(rest[0].words)  # not what it is made of
            return held or (Resolution(None, MatchMethod.none) if poured else head)
        if rest and rest[0].opener in SOURCE_OPENERS and keys <= MADE_OF:
            return self._read(rest, language, source=True) or head
        return head

    def _mined(self, code: str | None) -> bool:
        """The code is a metal or a mineral: the mining sector or a good of it (« laiton », « cuivre »)."""
        term = self.sectors.get(code or "")
        return term is not None and "mining" in (term.code, term.group)

    def _wire(self, part: Part) -> bool:
        """The part names thread beside a metal or an electric word, which makes it wire (:data:`WIRES`)."""
        keys = {phrase.key for phrase in part.phrases}
        if not keys & WIRE:
            return False
        beside = (phrase.code for phrase in part.phrases if phrase.key not in WIRE)
        return bool(ELECTRIC_WORDS.intersection(part.words)) or any(self._mined(code) for code in beside)

    def _names_good(self, parts: list[Part]) -> bool:
        """Some part, other than what the thing is for, names a good."""
        return any(
            self.is_good(phrase.key, phrase.code)
            for part in parts
            if part.opener not in PURPOSE_OPENERS
            for phrase in part.phrases
        )

    def _among(self, phrases: Iterable[Phrase], language: str | None) -> Resolution | None:
        """What the phrases of one part name: ties between codes are candidates, not a match. A container beside a
        good gives way to it (« lait brique »), then a material or a form (:data:`GIVES_WAY`: « T-shirt coton »,
        « cocoa butter »), then a fibre (:data:`FIBRE`: « T-shirt coton/polyester »); a compound is its head
        (:meth:`_head`), and a commodity beside a broad sector is the good meant (« batteries lithium » are the
        batteries, not the mining sector)."""
        found = list(phrases)
        for yielding in (_containers(language), GIVES_WAY, FIBRE):
            if any(p.key not in yielding and self.is_good(p.key, p.code) for p in found):
                found = [p for p in found if p.key not in yielding]
        found = self._head(found, language)
        if not found:
            return None
        codes = list(dict.fromkeys(p.code for p in found))
        return found_in([code for code in codes if self.is_commodity(code)] or codes)

    def _head(self, phrases: list[Phrase], language: str | None) -> list[Phrase]:
        """A compound's head, where the text's language says which end it is: of two goods or more written one after
        the other (:class:`ProductWords`), the last in English (« flower honey » is honey, « cherry tomatoes »
        tomatoes, « goat cheese » dairy), the first in French (« fromage chèvre », « tomates cerises »), in either
        language the one a good written after it is the kind of (:meth:`_kind_of`: « HONEY FLOWER »). Goods set
        apart (« cocoa, coffee », « cocoa and coffee ») or a text of either language stay a question."""
        goods = sorted((p for p in phrases if self.is_good(p.key, p.code)), key=lambda p: p.start)
        if len({p.code for p in goods}) < 2:
            return phrases
        if (kind := self._kind_of(goods)) is not None:
            return [kind]
        runs = {p.run for p in goods}
        if language is None or len(runs) > 1 or None in runs:
            return phrases
        return [goods[-1] if language == "en" else goods[0]]

    def _kind_of(self, goods: list[Phrase]) -> Phrase | None:
        """The good of two that the other, written after it, names the kind of, as a catalogue writes a product and
        then its kind (« Honey, flower », « HONEY FLOWER », « Tomatoes, cherry »): a good one counts written in the
        singular, beside a good one does not count or written in the plural. A modifier keeps the singular and the
        head takes the plural (« cherry tomatoes », « flower honey »), so in either order the singular countable
        good is the kind; a list names its countable goods in the plural and stays what it was (« honey, flowers »,
        « cocoa, coffee »)."""
        if len(goods) != 2:
            return None
        head, kind = goods
        if head.run is None or kind.run is None:
            return None
        beside = kind.run == head.run or (kind.run == head.run + 1 and kind.comma)
        if beside and self._one_of(kind) and not self._one_of(head):
            return head
        return None

    def _one_of(self, phrase: Phrase) -> bool:
        """The phrase names a good one counts, written in the singular: « flower », which names write in the plural
        only; not « flowers », nor « honey », nor « pepper » (ILAB's spice beside its « chile peppers »), nor
        « banana » or « pv module », names too."""
        return not phrase.plural and phrase.key.split()[-1] in self.plurals and phrase.key not in self.index.exact


def _textile_article(parts: list[Part], code: str, language: str | None) -> bool:
    """The product read as ``code``, the good of a fibre (:data:`TEXTILE_FIBRES`), is a thing made of it: its head is
    a word that names nothing known, not a raw form of the fibre (:data:`RAW_FIBRE`) nor, before « de », a container
    holding it (« sac de coton »). Beside the fibre, the head is the word before it in French (« ruban coton »), after
    it in English (« cotton tape »), where the other side qualifies it (« coton bio », « organic cotton »); after
    « de » or « en », the words before (« ruban de coton », « sac en coton »)."""
    head = parts[0]
    named = {at for phrase in head.phrases for at in range(phrase.start, phrase.start + len(phrase.key.split()))}
    words = [at for at, word in enumerate(head.words) if at not in named and word.isalpha() and word not in RAW_FIBRE]
    for at, part in enumerate(parts):
        for fibre in (p for p in part.phrases if p.key in TEXTILE_FIBRES and p.code == code):
            if at:
                holds = part.opener in SOURCE_OPENERS
                return any(not (holds and head.words[word] in CONTAINED) for word in words)
            end = fibre.start + len(fibre.key.split())
            return any(word < fibre.start if language == "fr" else word >= end for word in words) if language else False
    return False


def _containers(language: str | None) -> frozenset[str]:
    """What holds a product: in English, a basket too (« basket of fruit »; « baskets cuir », « t-shirts, baskets »
    are sneakers)."""
    return CONTAINED | BASKETS if language == "en" else CONTAINED


def _keys(name: str) -> tuple[str, ...]:
    """A product name's keys: as it is and without its stop words, as a phrase among other words is read (« noix de
    cajou bio » holds « noix cajou », cashews, not only « noix », walnuts), and the keys of its plural where folding
    that to a singular does not give the name back (« broderies » is « brodery », as « strawberries »; « bambous »)."""
    keys = (product_key(name), " ".join(product_words(name)))
    plurals = tuple(" ".join(singular(word + "s") for word in key.split()) for key in keys)
    return tuple(dict.fromkeys(keys + plurals))


def _heads(index: Index) -> dict[str, tuple[str, str]]:
    """The first words of names of two words or more (labels, not synonyms) that begin the names of one code only,
    and that name nothing alone: word → (code, name)."""
    found: dict[str, dict[str, str]] = {}
    for key, (code, method) in index.keys.items():
        words = key.split()
        if method == MatchMethod.name and len(words) > 1 and words[0] not in index.keys:
            found.setdefault(words[0], {}).setdefault(code, key)
    return {word: next(iter(codes.items())) for word, codes in found.items() if len(codes) == 1}


def related_goods(code: str) -> tuple[str, ...]:
    """The goods ILAB lists apart that a line resolved to ``code`` may also be (:data:`RELATED_GOODS`), sorted."""
    return tuple(sorted(RELATED_GOODS.get(code, ())))


def _language_words(taxonomies: Taxonomies) -> dict[str, frozenset[str]]:
    """The words of one language only, as products are keyed (« flower », « fleur »): the taxonomies' French and
    English labels, ILAB's goods' and each language's stop words. A word both share says nothing (« cumin »). As
    :class:`app.services.reader_language.LanguageGuesser`, with plurals folded: « flower » is no « flowers »."""
    words = {
        language: {product_key(w) for w in stop}
        for language, stop in (("fr", FRENCH_STOP_WORDS), ("en", ENGLISH_STOP_WORDS))
    }
    labels = [(t.fr, t.en) for vocabulary in taxonomies.vocabularies.values() for t in vocabulary.values()]
    for french, english in [*labels, *((fr, en) for _, fr, en in GOODS.values())]:
        words["fr"].update(product_key(french).split())
        words["en"].update(product_key(english).split())
    return {"fr": frozenset(words["fr"] - words["en"]), "en": frozenset(words["en"] - words["fr"])}


def _phrases(words: ProductWords, longest: int, index: Index) -> list[Phrase]:
    """The known phrases among the words, the longest first, none overlapping another."""
    taken = [False] * len(words.words)
    found: list[Phrase] = []
    for size in range(min(longest, len(words.words)), 0, -1):
        for start in range(len(words.words) - size + 1):
            phrase = " ".join(words.words[start : start + size])
            if not any(taken[start : start + size]) and (hit := index.keys.get(phrase)):
                run = words.runs[start] if words.runs[start] == words.runs[start + size - 1] else None
                plural = words.plural[start + size - 1]
                found.append(Phrase(start, phrase, hit[0], run, plural, words.runs[start] in words.commas))
                taken[start : start + size] = [True] * size
    return found
