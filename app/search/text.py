"""Query analysis shared by the engines: folding, tokenising, stop words, typo budgets and synonym spans.

Pure functions, no engine imports. The rules mirror Meilisearch's so both engines answer alike: words of 5+
letters tolerate one typo, 9+ two; the last word of a query is a prefix while the user is still typing.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz.distance import OSA

from app.filters import FILTERS
from app.search.spellings import spelling_groups
from app.search.vocabulary import Vocabulary

_TOKEN = re.compile(r"[^\W_]+")
# Initials written with full stops (« R.D.C. », « O.I.T », « U.S.A. »): read as the one word their letters spell,
# the way they are indexed when written without (« RDC »), where the tokenizer split them into single letters that
# no text matched together.
_DOTTED_INITIALS = re.compile(r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])")
# Meilisearch reads at most 10 query words (milli's `words_limit: 10` in crates/milli/src/search/mod.rs, applied in
# `located_query_terms_from_tokens`, search/new/query_term/parse_query.rs: stop words it skipped do not count):
# both engines ignore the words after the tenth, and the tenth is then a finished word, not a prefix.
MAX_QUERY_WORDS = 10
# Meilisearch looks synonyms up for runs of one to three query words only (`QueryGraph::from_query` builds 2- and
# 3-word ngrams, search/new/query_graph.rs; see `meili_documents.synonym_map`).
MAX_SYNONYM_KEY_WORDS = 3
Code = tuple[str, str]  # (document attribute, taxonomy code)
# Vocabulary name → the document attribute holding its codes (from the filters' table).
CONCEPT_ATTRIBUTES: Final[Mapping[str, str]] = {
    str(spec.vocabulary): spec.attribute for spec in FILTERS.values() if spec.vocabulary is not None
}

# Articles, prepositions, pronouns, auxiliaries and question words: what a question typed as a sentence
# (« que faire si on découvre du travail des enfants chez un fournisseur », « how can we check our suppliers »,
# « combien d’enfants travaillent », « how many children work ») holds besides its subject, and the verbs of a
# request (« comment rédiger un plan de vigilance », « how to write a vigilance plan »: no text says « write »).
# Every word must match, and the words dropped when nothing has them all go from the end: left in, « je suis
# acheteur public » found nothing at all and « former mes acheteurs » dropped its last two words and listed 851
# texts matching « former ». Folded (« être », « où », « ça »). A country code among them (« il », « ma », « ne »,
# « si », « can », « us ») still names the country typed in capitals (:func:`analyze_query`), « thé » and « d’or »
# their terms (:meth:`SynonymIndex.names_term`). Dropped from the words, a question still says what it is after: one
# of what to do (« que faire », « comment », « how to ») lists the how-to resources first (app.services.guides_first).
FRENCH_STOP_WORDS: frozenset[str] = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les leur lui ou par pour qu que qui sa se ses son sur"
    " un une"
    " je j tu il elle on nous vous ils elles me m te t moi toi mon ma mes ton ta tes notre nos votre vos leurs"
    " ne n pas si est sont suis es etre ai as avons avez ont c ca cela ceci cette cet y comment quel quelle"
    " quels quelles quoi dont chez quand combien"
    " faire faut dois doit doivent peux peut peuvent veux voudrais besoin rediger ecrire trouver".split()
)
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    "a an and are as at be by for from in into is it its of on or s that the their to was were with"
    " i my we our you your he she they them do does did how what which who where when why can could should"
    " would will if not no this these those there here have has had been am about us many much"
    " must need want get make write find".split()
)
STOP_WORDS: frozenset[str] = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS


# Letters that NFKD leaves whole, spelled as tantivy's ascii_fold filter spells them in the index (« sœur » is
# indexed as « soeur »: a query must ask for that).
LETTERS_SPELLED_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d"}
    | {"Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)


def fold(text: str) -> str:
    """Lowercase and strip accents: « Côte d’Ivoire » → « cote d’ivoire », « sœur » → « soeur »."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS_SPELLED_OUT))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokenize(text: str) -> list[str]:
    """Folded words, split like tantivy's simple tokenizer (on anything not a letter or digit); initials written
    with full stops are one word (« R.D.C. » → « rdc »)."""
    if "." in text:
        text = _DOTTED_INITIALS.sub(lambda initials: initials[0].replace(".", ""), text)
    return _TOKEN.findall(fold(text))


def typo_budget(word: str) -> int:
    """Edits tolerated for a query word (Meilisearch's defaults: 1 from 5 letters, 2 from 9). None past
    :data:`MAX_FUZZY_LENGTH` letters: no real word is that long, and a typo automaton for one costs a second."""
    if len(word) > MAX_FUZZY_LENGTH:
        return 0
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


MAX_FUZZY_LENGTH = 25  # « anticonstitutionnellement »


# French articles, elided or not, read as one: « travail d’enfants » is « travail des enfants ».
_ARTICLE_KEYS: Final[Mapping[str, str]] = {
    "d": "de", "des": "de", "du": "de", "l": "le", "la": "le", "les": "le", "aux": "au"
}  # fmt: skip


def number_key(word: str) -> str:
    """``word`` with its grammatical number left out, the same for the singular and the plural of a French or
    English word (« enfant », « enfants »; « orpailleur », « orpailleurs »; « réseau », « réseaux »; « country »,
    « countries ») and for the forms of a French article (« d », « des », « du »). Not a stemmer: a word and its
    plural are one phrase, where a stem would also join « marché » and « marcher », « exploitation » and
    « exploiter »."""
    if word in _ARTICLE_KEYS:
        return _ARTICLE_KEYS[word]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    elif len(word) > 4 and word.endswith(("eaux", "eux")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("ie"):  # « countrie(s) » as « country »
        return word[:-1]
    if len(word) > 3 and word.endswith("y"):
        return word[:-1] + "i"
    return word


def typo_distance(typed: str, word: str) -> int:
    """Edits from ``typed`` to ``word`` (a transposition is one), another first letter counting as two, as
    Meilisearch counts them (milli's search/new/query_term/compute_derivations.rs): « câbles » is no typo of
    « sables »."""
    return OSA.distance(typed, word) + (typed[:1] != word[:1])


class SynonymIndex:
    """Finds synonym phrases in a token list. Each phrase maps to the group of its equivalents and, when it
    names a taxonomy term, to that term's code (``("sectors", "cocoa")``)."""

    def __init__(
        self, groups: Iterable[Sequence[str]], concepts: Iterable[tuple[Sequence[str], str, str]] = ()
    ) -> None:
        self._groups: list[tuple[tuple[str, ...], ...]] = []
        self._phrase_to_groups: dict[tuple[str, ...], list[int]] = {}
        self._phrase_to_codes: dict[tuple[str, ...], dict[Code, None]] = {}
        # The phrases a typo is corrected to: not a British or American spelling alone (app.search.spellings), a
        # word of the texts whose neighbours are most often words of their own (« élaborer » is no typo of
        # « laborer », nor « organismes » of « organise », nor « penalties » of « penalise »). The engines' typo
        # tolerance reaches a spelling as it does any word of the texts.
        spellings = frozenset(spelling_groups())
        targets: set[tuple[str, ...]] = set()
        for group in groups:
            phrases = tuple(dict.fromkeys(p for p in (tuple(tokenize(term)) for term in group) if p))
            if len(phrases) < 2:
                continue
            index = len(self._groups)
            self._groups.append(phrases)
            for phrase in phrases:
                self._phrase_to_groups.setdefault(phrase, []).append(index)
            if tuple(group) not in spellings:
                targets.update(phrases)
        # A term whose name folds to a stop word (« Thé » → « the », « Or » → « or »), by that word: how it is spelled.
        self._stop_word_terms: dict[str, set[str]] = {}
        for terms, vocabulary, code in concepts:
            attribute = CONCEPT_ATTRIBUTES.get(vocabulary)
            if attribute is None:
                continue
            for term in terms:
                phrase = tuple(tokenize(term))
                if phrase:
                    self._phrase_to_codes.setdefault(phrase, {})[(attribute, code)] = None
                if len(phrase) == 1 and phrase[0] in STOP_WORDS:
                    self._stop_word_terms.setdefault(phrase[0], set()).add(term)
        known = self._phrase_to_groups.keys() | self._phrase_to_codes.keys()
        self._longest = max((len(p) for p in known), default=0)
        # Each phrase by its words' number keys (:func:`number_key`), to find it in its other number or with
        # another article: « travail des enfant », « travail d’enfants ». The first phrase listed keeps its key.
        self._by_key: dict[tuple[str, ...], tuple[str, ...]] = {}
        # And by its words without their stop words, as Meilisearch looks synonyms up (meili_documents.synonym_key):
        # « grille entretien » is « grille d’entretien », « travail enfants » « travail des enfants ».
        self._by_words: dict[tuple[str, ...], tuple[str, ...]] = {}
        for phrase in [*self._phrase_to_groups, *self._phrase_to_codes]:
            self._by_key.setdefault(tuple(map(number_key, phrase)), phrase)
            words = _words_key(phrase)
            if len(words) > 1:
                self._by_words.setdefault(words, phrase)
        # How many phrases hold each word: the most common of a typo's nearest words is the likeliest meant
        # (« enfans »: « enfants », in five phrases, rather than « enfant », in one).
        self._frequency = Counter(word for phrase in targets | self._phrase_to_codes.keys() for word in set(phrase))
        self._words = frozenset(word for phrase in known for word in phrase)
        self._forms: dict[str, list[str]] = {}  # the words by number key: « marche » → « marches »
        for word in sorted(self._words):
            self._forms.setdefault(number_key(word), []).append(word)
        # Sought by the first, last or middle letters a typo leaves in place: a tenth of the words compared.
        self._correctable = Vocabulary(word for word in self._frequency if typo_budget(word))

    def correct(self, token: str) -> str:
        """The vocabulary word ``token`` is a typo of (« enfnats » → « enfants »), or ``token`` itself.
        Correcting before looking for phrases lets a mistyped synonym or taxonomy term act as the real one. A
        word of the vocabulary in another number is that word, not a typo of another (« cacaos » → « cacao »;
        « marchés », one letter from « matches », is the plural of « marché »)."""
        budget = typo_budget(token)
        if not budget or token in self._words:
            return token
        # The nearest; among equals the one in most phrases, then the first in alphabetical order.
        return min(
            self._forms.get(number_key(token)) or self._correctable.near(token, budget),
            key=lambda word: (OSA.distance(token, word), -self._frequency[word], word),
            default=token,
        )

    def spelling(self, phrase: tuple[str, ...]) -> tuple[str, ...]:
        """The synonym or taxonomy phrase ``phrase`` is, as the vocabulary spells it: itself when known, else the
        phrase it is in another number or with another article (« travail d enfants » → « travail des
        enfants »), else itself."""
        if phrase in self._phrase_to_groups or phrase in self._phrase_to_codes:
            return phrase
        return self._by_key.get(tuple(map(number_key, phrase))) or self._by_words.get(_words_key(phrase), phrase)

    def codes(self, phrase: tuple[str, ...]) -> tuple[Code, ...]:
        """Taxonomy codes ``phrase`` names (« cacao » → sectors/cocoa)."""
        return tuple(self._phrase_to_codes.get(phrase, ()))

    def alternatives(self, phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Every phrase equivalent to ``phrase`` (itself first), merged across the groups it belongs to; none made
        of stop words alone: « Thé » folds to « the », which would find every English text for « tea »."""
        found: dict[tuple[str, ...], None] = {phrase: None}
        for index in self._phrase_to_groups.get(phrase, ()):
            found.update(dict.fromkeys(self._groups[index]))
        return tuple(words for words in found if not all(word in STOP_WORDS for word in words))

    def names_term(self, q: str, token: str) -> bool:
        """Whether the stop word ``token`` stands in ``q`` for the taxonomy term it also spells: typed with the
        term's accents (« thé », where « the » is the English article), its capital (« Or ») or after an elided
        French article (« mines d’or », « l’or »), where « or » alone is the English conjunction."""
        lowered = q.lower()
        return any(
            (term.lower() != token and _has_word(lowered, term.lower()))
            or (term != term.lower() and _has_word(q, term))
            or _has_word(lowered, term.lower(), after=r"[dl]['’]")
            for term in self._stop_word_terms.get(token, ())
        )

    def named_positions(self, tokens: Sequence[str]) -> frozenset[int]:
        """The positions of ``tokens`` inside a synonym or taxonomy phrase, found from the left as the query's
        clauses are (:func:`analyze_query`)."""
        return frozenset(at for start, length in self._phrases(tokens) for at in range(start, start + length))

    def spelled(self, tokens: Sequence[str]) -> list[str]:
        """``tokens`` with each synonym or taxonomy phrase spelled as the vocabulary does (:meth:`spelling`):
        « travail des enfant » → « travail des enfants », the words an engine looking synonyms up as typed needs."""
        spelled = list(tokens)
        for start, length in self._phrases(tokens):
            spelled[start : start + length] = self.spelling(tuple(tokens[start : start + length]))
        return spelled

    def _phrases(self, tokens: Sequence[str]) -> Iterator[tuple[int, int]]:
        """(start, length) of each synonym or taxonomy phrase in ``tokens``, found from the left as the query's
        clauses are (:func:`analyze_query`)."""
        position = 0
        while position < len(tokens):
            length = self.longest_match(tokens, position)
            if length:
                yield position, length
            position += length or 1

    def longest_match(self, tokens: Sequence[str], start: int) -> int:
        """Length of the longest synonym phrase starting at ``tokens[start]`` (0 if none), in either number
        (:meth:`spelling`), or with other stop words between its words (« grille entretien »). A lone stop word
        never starts a synonym (« and » is not Andorra)."""
        for length in range(min(self._longest, len(tokens) - start), 0, -1):
            phrase = tuple(tokens[start : start + length])
            if tuple(map(number_key, phrase)) in self._by_key and not (length == 1 and phrase[0] in STOP_WORDS):
                return length
            if phrase[0] not in STOP_WORDS and phrase[-1] not in STOP_WORDS and _words_key(phrase) in self._by_words:
                return length
        return 0


def _words_key(phrase: Sequence[str]) -> tuple[str, ...]:
    """``phrase``'s words other than stop words, each by its :func:`number_key`."""
    return tuple(number_key(word) for word in phrase if word not in STOP_WORDS)


SYNONYM_INDEXES_KEPT = 4  # distinct vocabularies a process keeps (tests write their own)
_synonym_indexes: dict[tuple[object, ...], SynonymIndex] = {}


def synonym_index(
    groups: Iterable[Sequence[str]], concepts: Iterable[tuple[Sequence[str], str, str]] = ()
) -> SynonymIndex:
    """The :class:`SynonymIndex` of ``groups`` and ``concepts``, built once per process for the same vocabulary
    (~20 ms; every engine made asks for one, two for each test). It is only read once built: engines share it."""
    key = (tuple(map(tuple, groups)), tuple((tuple(terms), name, code) for terms, name, code in concepts))
    index = _synonym_indexes.get(key)
    if index is None:
        if len(_synonym_indexes) >= SYNONYM_INDEXES_KEPT:
            _synonym_indexes.clear()
        index = _synonym_indexes[key] = SynonymIndex(*key)
    return index


def _has_word(text: str, word: str, after: str = "") -> bool:
    """Whether ``word`` is in ``text`` as a word of its own, preceded by ``after`` (a pattern) if given."""
    boundary = "" if after else r"(?<![^\W_])"
    return re.search(rf"{boundary}{after}{re.escape(word)}(?![^\W_])", text) is not None


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of the query that a document must match: a word, or a phrase with its synonyms."""

    alternatives: tuple[tuple[str, ...], ...]  # each alternative is a phrase of folded tokens
    prefix: bool = False  # the last word, still being typed
    # Taxonomy codes the clause names: ("sectors", "cocoa") for « cacao », ("countries", "PK") for « PAK ».
    codes: tuple[Code, ...] = field(default=())
    # A phrase typed that names no taxonomy term: its words (stop words left out), each a one-word clause, also
    # matched apart, where the phrase and its synonyms are not (Meilisearch's query graph keeps the typed words'
    # path beside the synonyms' ngram): « risk mapping » finds « Mapping … risks ». A taxonomy term's phrase
    # reaches its documents through their tags (its code) too; its words apart, among the corpus's most common
    # (« travail », « enfants »), would double the query's cost (benchmark, 100k) for texts that rarely speak of it.
    apart: tuple["Clause", ...] = field(default=())
    # The first alternative is what was typed, the others were reached through its correction (« modele » →
    # « module », « travial forcé » → « travail forcé » and its synonyms): where the index holds the words typed,
    # they were meant, and the correction is only a typo neighbour.
    corrected: bool = False
    # What was typed, when the first alternative is the synonym phrase it was read as, in another number or with
    # another article (« travail des enfant » → « travail des enfants »), ranked as if typed so: () otherwise.
    typed: tuple[str, ...] = ()

    @property
    def code_only(self) -> bool:
        """A stop word typed as a code (« IN » for India) stands for the code, not for the word."""
        return bool(self.codes) and len(self.alternatives) == 1 and self.alternatives[0][0] in STOP_WORDS

    @property
    def word(self) -> str:
        """The words typed."""
        return " ".join(self.typed or self.alternatives[0])


def limit_words(tokens: list[str]) -> tuple[list[str], bool]:
    """The tokens up to the tenth word that is not a stop word, and whether any were dropped."""
    words = 0
    for position, token in enumerate(tokens):
        if token not in STOP_WORDS:
            if words == MAX_QUERY_WORDS:
                return tokens[:position], True
            words += 1
    return tokens, False


def analyze_query(q: str, synonyms: SynonymIndex, country_codes: dict[str, str] | None = None) -> list[Clause]:
    """Split ``q`` into clauses. ``country_codes`` maps folded alpha-2/alpha-3 codes to alpha-2."""
    typed, truncated = limit_words(tokenize(q))
    tokens = [synonyms.correct(token) for token in typed]
    typing_last_word = bool(q) and not q[-1].isspace() and not q.rstrip().endswith('"') and not truncated
    codes = country_codes or {}
    clauses: list[Clause] = []
    position = 0
    while position < len(tokens):
        length = synonyms.longest_match(tokens, position) or int(synonyms.names_term(q, tokens[position]))
        if length:
            phrase = tuple(tokens[position : position + length])
            known = synonyms.spelling(phrase)
            named = synonyms.codes(known) + _codes(phrase, codes)
            alternatives = synonyms.alternatives(known) or (known,)
            if known != phrase:  # « travail des enfant »: read as the phrase it is, still sought as typed
                alternatives = tuple(dict.fromkeys((alternatives[0], phrase, *alternatives[1:])))
            original = tuple(typed[position : position + length])
            corrected = original != phrase
            if corrected:  # what was typed is still sought, in case it was meant
                alternatives = (original, *alternatives)
            apart = tuple(
                Clause(
                    alternatives=_typed_and_corrected(typed[at], tokens[at]),
                    prefix=at == len(tokens) - 1 and typing_last_word,
                    corrected=typed[at] != tokens[at],
                )
                for at in range(position, position + length)
                if tokens[at] not in STOP_WORDS
            )
            clauses.append(
                Clause(
                    alternatives=alternatives,
                    codes=tuple(dict.fromkeys(named)),
                    apart=apart if len(apart) > 1 and not named else (),
                    corrected=corrected,
                    typed=original if known != phrase and not corrected else (),
                )
            )
            position += length
            continue
        token = tokens[position]
        position += 1
        is_last = position == len(tokens)
        code = _codes((token,), codes)
        if token in STOP_WORDS:
            # « in », « and » are words unless typed as codes (« IN », « AND »).
            if not code or not re.search(rf"\b{re.escape(token.upper())}\b", q):
                continue
        alternatives = _typed_and_corrected(typed[position - 1], token)
        corrected = typed[position - 1] != token
        clauses.append(
            Clause(alternatives=alternatives, prefix=is_last and typing_last_word, codes=code, corrected=corrected)
        )
    return clauses


def one_fewer(kept: Sequence[int], names_term: Sequence[bool]) -> list[int]:
    """``kept``, positions of a query's words (or clauses), without the one to leave out next when nothing holds
    them all: the last that names no taxonomy term, else the last. A country, a commodity or a risk says most of
    what is sought: dropped from the end, « uniformes coton Chine » kept « uniformes » alone (its 5 texts on school
    uniforms), where « coton Chine » holds what was asked about."""
    generic = [at for at in kept if not names_term[at]]
    dropped = generic[-1] if generic else kept[-1]
    return [at for at in kept if at != dropped]


def term_words(clauses: Iterable[Clause]) -> frozenset[str]:
    """The words of the clauses that name a taxonomy term, in every form they are sought in."""
    return frozenset(word for clause in clauses if clause.codes for phrase in clause.alternatives for word in phrase)


def _typed_and_corrected(typed: str, corrected: str) -> tuple[tuple[str, ...], ...]:
    """A word sought as typed and, if it was corrected, as corrected (« enfnats », « enfants »)."""
    return tuple(dict.fromkeys(((typed,), (corrected,))))


def _codes(phrase: tuple[str, ...], codes: dict[str, str]) -> tuple[Code, ...]:
    if len(phrase) != 1 or phrase[0] not in codes:
        return ()
    return (("countries", codes[phrase[0]]),)
