"""Highlighting and cropping for engines that do not do it themselves (the embedded one).

A token of the text is highlighted when it matches a one-word clause (or one-word synonym) the way the engine
matched it: same folded word, same stem, within the word's typo budget, or (for the word being typed) as a
prefix. A phrase — a several-word query term or synonym, such as Pakistan's « Islamic Republic of Pakistan » —
is highlighted only where its words follow one another: « Republic » alone is not a match for « pakistan ». The
words of a phrase typed are also matched apart (``Clause.apart``), so they are highlighted wherever they are.
"""

import html
import re
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import chain, islice

from rapidfuzz.distance import OSA

from app.search.text import STOP_WORDS, Clause, fold, typo_budget

_WORD = re.compile(r"[^\W_]+")
Stemmer = Callable[[str], str]
Span = tuple[int, int]
STEM_GATE = 3
CROP_LOOKBEHIND_CHARS = 400
PATTERN_CACHE = 512  # as many as re's own cache of compiled patterns


class Highlighter:
    def __init__(self, clauses: Sequence[Clause], stemmers: Sequence[Stemmer]) -> None:
        self._stemmers = stemmers
        self._words: set[str] = set()
        self._stems: set[str] = set()
        self._fuzzy: list[tuple[str, int]] = []
        self._prefixes: list[str] = []
        self._stem_gates: set[str] = set()
        self._memo = _Memo(self._matches)  # texts repeat their words: match each distinct token once
        phrases: list[str] = []
        first_words: set[str] = set()
        for clause in chain.from_iterable((clause, *clause.apart) for clause in clauses):
            for alternative in clause.alternatives:
                if len(alternative) > 1:
                    phrases.append(r"[\W_]+".join(map(_accent_insensitive, alternative)))
                    first_words.add(alternative[0])
                    continue
                words = [word for word in alternative if word not in STOP_WORDS]
                self._words.update(words)
                self._stems.update(stem(word) for word in words for stem in stemmers)
                self._stem_gates.update(word[:STEM_GATE] for word in words)
            word = clause.alternatives[0][-1]
            if len(clause.alternatives[0]) == 1 and typo_budget(word):
                self._fuzzy.append((word, typo_budget(word)))
            if clause.prefix:
                self._prefixes.append(word)
        # Every matching word starts like a query word, a typo-tolerant word (typos past its first letters) or
        # the prefix being typed.
        starts = self._stem_gates | {w[:STEM_GATE] for w, _ in self._fuzzy} | {w[:STEM_GATE] for w in self._prefixes}
        self._candidates = _word_starting(frozenset(starts), r"[^\W_]*") if starts else None
        self._phrases = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + r")(?![^\W_])", re.I)
            if phrases
            else None
        )
        # A phrase starts with a whole word, its first (each letter of the pattern matches one character): that
        # short pattern finds where a phrase may start without reading past the part of the text wanted.
        self._phrase_starts = _word_starting(frozenset(first_words), r"(?![^\W_])") if first_words else None
        self._longest_first_word = max(map(len, first_words), default=0)
        # Where a matching word or a phrase may start, to find a cropped text's first match of either in one
        # reading (a body matched by its title alone is read to its end).
        self._anchors = _word_starting(frozenset(starts | first_words), "") if starts or first_words else None

    def _matches(self, token: str) -> bool:
        folded = fold(token)
        if folded in self._words or any(folded.startswith(prefix) for prefix in self._prefixes):
            return True
        # A stem shares its first letters with the word: skip the stemmers for words that cannot match.
        if folded[:STEM_GATE] in self._stem_gates and any(stem(folded) in self._stems for stem in self._stemmers):
            return True
        return any(
            abs(len(folded) - len(word)) <= budget and OSA.distance(folded, word, score_cutoff=budget) <= budget
            for word, budget in self._fuzzy
        )

    def highlight(self, text: str, crop_words: int | None = None) -> str:
        """HTML-escaped ``text`` with matches in <mark>; cropped to ``crop_words`` around the first match.

        A cropped text is read only as far as its window: to its first match, then to the window's end (a body
        of 300 words shows 40)."""
        if crop_words is None:
            end_char = len(text)
            marked = self._spans(text, 0, 0, end_char)
            if not marked:  # a title or a summary the words are not in: kept whole, escaped if need be
                return html.escape(text) if _html_special(text) else text
            return _marked(text, marked, 0, end_char)
        first_word, first_phrase_word, since = self._first_matches(text)
        anchor = min((span[0] for span in (first_word, first_phrase_word) if span), default=0)
        begin_char, end_char = _crop(text, anchor, crop_words)
        # No matching word starts before the first one (the anchor): the words are sought from there.
        words_since = anchor if first_word or first_phrase_word else None
        return _marked(text, self._spans(text, since, words_since, end_char), begin_char, end_char)

    def _spans(self, text: str, phrases_since: int, words_since: int | None, until: int) -> list[Span]:
        """The words to mark, in order: those of the phrases starting from ``phrases_since`` and before
        ``until`` (:meth:`_phrase_matches`), and the matching words from ``words_since`` (None: none) to
        ``until``, where no word goes on. A matching word starts like some query word (its first letters, its
        stem's, its prefix's), so one accent- and case-insensitive regex finds the few candidates to check."""
        if words_since is None or self._candidates is None:
            words = []
        else:
            memo = self._memo
            words = [word.span() for word in self._candidates.finditer(text, words_since, until) if memo[word.group()]]
        if self._phrases is None:
            return words
        in_phrases = [
            word for phrase in self._phrase_matches(text, phrases_since, until) for word in _marked_words(phrase)
        ]
        # A word of a phrase is the same span as the matching word there, if it is one: marked once.
        return sorted(set(in_phrases).union(words)) if in_phrases else words

    def _first_matches(self, text: str) -> tuple[Span | None, Span | None, int]:
        """The first matching word, the first word to mark of the first phrase starting before it (or None), and
        where the phrases of a window after them are to be sought from: no phrase with words to mark starts
        earlier, and none without ends later."""
        if self._anchors is None:
            return None, None, len(text)
        resume = 0  # phrase matches do not overlap: the next one starts after the last one's end
        for start in self._anchors.finditer(text):
            at = start.start()
            word = self._candidates.match(text, at) if self._candidates is not None else None
            if word is not None and self._memo[word.group()]:
                return word.span(), None, max(at, resume)
            phrase = self._phrases.match(text, at) if self._phrases is not None and at >= resume else None
            if phrase is not None:
                resume = phrase.end()
                marked = _marked_words(phrase)
                if marked:
                    # A matching word inside the phrase, before the first word it marks, comes first.
                    return self._first_word(text, at + 1, marked[0][0]), marked[0], at
        return None, None, max(len(text), resume)

    def _first_word(self, text: str, since: int, until: int) -> Span | None:
        """The first matching word from ``since`` to ``until`` (where no word goes on), or None."""
        if self._candidates is None:
            return None
        memo = self._memo
        return next((word.span() for word in self._candidates.finditer(text, since, until) if memo[word.group()]), None)

    def _phrase_matches(self, text: str, since: int, until: int) -> Iterator[re.Match[str]]:
        """The phrase matches starting from ``since`` (a word's start, where no match starts earlier and ends
        later) and before ``until``, in order: those ``self._phrases.finditer(text)`` finds there, read no
        further than needed."""
        if self._phrases is None or self._phrase_starts is None:
            return
        resume = 0  # matches do not overlap: the next one starts after the last one's end
        for start in self._phrase_starts.finditer(text, since, min(len(text), until + self._longest_first_word)):
            if start.start() >= until:
                return
            phrase = self._phrases.match(text, start.start()) if start.start() >= resume else None
            if phrase is not None:
                resume = phrase.end()
                yield phrase


class _Memo(dict[str, bool]):
    """Whether each token matches, computed the first time it is looked up: a C dict lookup after that."""

    def __init__(self, matches: Callable[[str], bool]) -> None:
        super().__init__()
        self._matches = matches

    def __missing__(self, token: str) -> bool:
        known = self[token] = self._matches(token)
        return known


def _marked(text: str, spans: Sequence[Span], begin_char: int, end_char: int) -> str:
    """``text`` from ``begin_char`` to ``end_char``, HTML-escaped, the ``spans`` (in order) within it in <mark>,
    with « … » where it was cut."""
    # Most windows hold nothing to escape: then their pieces are kept as they are.
    escape = html.escape if _html_special(text[begin_char:end_char]) else str
    out = ["…" if begin_char > 0 else ""]
    cursor = begin_char
    for span_start, span_end in spans:
        if span_start < begin_char or span_end > end_char:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end_char]))
    out.append("…" if end_char < len(text) else "")
    return "".join(out)


def _html_special(text: str) -> bool:
    """Whether ``text`` holds a character html.escape replaces. Five searches for one character each (memchr)
    read a page's texts ~18× faster than a regex character class, tried at every character."""
    return "&" in text or "<" in text or ">" in text or '"' in text or "'" in text


def _marked_words(phrase: re.Match[str]) -> list[Span]:
    """The words of a phrase match: each marked, as Meilisearch does, but not its stop words (« d’ », « of »)."""
    inside = _WORD.finditer(phrase.string, phrase.start(), phrase.end())
    return [word.span() for word in inside if fold(word.group()) not in STOP_WORDS]


def _crop(text: str, anchor: int, words: int) -> tuple[int, int]:
    """Character bounds of about ``words`` words around ``anchor`` (a word's start), a third of them before it.

    Only the words that decide a bound are read: the ``words // 3`` before the anchor, found backwards in the
    reversed lookbehind (a word's end there is its start here), and the end of the ``words``-th word from the
    start (the others from the anchor, when the lead was found), by one regex match each instead of a match
    object per word."""
    lead = words // 3
    plain = "_" not in text  # almost every text: the faster patterns are exact (see _word_classes)
    low = max(0, anchor - CROP_LOOKBEHIND_CHARS)
    behind = text[low:anchor][::-1]
    leading = _words_from(lead, plain).match(behind) if lead else None
    if leading:
        # The window's first ``lead`` words are those before the anchor: its others start there.
        return anchor - leading.end(), _words_end(text, anchor, words - lead, plain)
    if anchor <= CROP_LOOKBEHIND_CHARS:
        begin = 0  # fewer words than wanted before the anchor: start at the beginning
    else:
        before = list(islice(_WORD.finditer(behind), lead or None))
        begin = anchor - before[-1].end() if before else anchor
    return begin, _words_end(text, begin, words, plain)


def _words_end(text: str, begin: int, words: int, plain: bool) -> int:
    following = _words_from(words, plain).match(text, begin)
    return following.end() if following else len(text)


@cache
def _words_from(count: int, plain: bool) -> re.Pattern[str]:
    """Matches ``count`` words from where it starts: its end is the last one's. Possessive, so that a word is
    never split in two to make up the count. ``plain``: for a text without « _ » (:func:`_word_classes`)."""
    word, other = _word_classes() if plain else (r"[^\W_]", r"[\W_]")
    return re.compile(f"(?:{other}*+{word}++){{{count}}}")


@cache
def _word_classes() -> tuple[str, str]:
    """A word's characters and the others, as regex sets matching what ``[^\\W_]`` and ``[\\W_]`` match in a text
    without « _ », ~2.5× faster: Python's regex engine tests ``[^\\W_]`` on each character by looking up its
    Unicode properties, a set of ranges of the Basic Multilingual Plane by one bitmap lookup. Its letters and
    digits (those of ``str.isalnum``, what ``[^\\W_]`` matches) are the ranges; the rest of Unicode, rarer, is
    left to ``\\w``, tried after them, which matches « _ » too."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    letters = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return f"[{letters}\\w]", f"[^{letters}\\w]"


# The letters :func:`fold` spells with two (« sœur » is « soeur »), by their spelling, to find them in a text.
LETTERS_OF = {"oe": "œ", "ae": "æ", "ss": "ß"}
# Latin-1 and Latin Extended-A letters grouped by what :func:`fold` makes of them: « e » stands for « éèêë… ».
_VARIANTS: dict[str, str] = {}
for _code in range(0xC0, 0x180):
    _folded = fold(chr(_code))
    if len(_folded) == 1 and _folded != chr(_code).lower():
        _VARIANTS[_folded] = _VARIANTS.get(_folded, _folded) + chr(_code)


@lru_cache(maxsize=PATTERN_CACHE)  # a query's patterns are the next one's too, while its words are typed
def _word_starting(words: frozenset[str], tail: str) -> re.Pattern[str]:
    """What ``(?<![^\\W_])(?:w1|w2|…)tail`` matches ignoring case, each ``w`` accent-insensitive: a word (after no
    letter or digit) starting with one of ``words``, then ``tail``. Python's regex engine tries such a pattern at
    every position of a text; led by a set of characters, it skips in C to the next one of the set (a body is read
    ~3× faster). The set holds every character the first letters match ignoring case; each alternative checks its
    first letter again, exactly, behind."""
    starts = sorted(
        chain.from_iterable(
            [(_letter_pattern(w[0]), w[1:])] + ([(LETTERS_OF[w[:2]], w[2:])] if w[:2] in LETTERS_OF else [])
            for w in words
        )
    )
    firsts = "".join(dict.fromkeys(chain.from_iterable(_case_variants(first) for first, _ in starts)))
    alternatives = "|".join(f"(?<=(?i:{first})){_accent_insensitive(rest)}" for first, rest in starts)
    return re.compile(f"[{re.escape(firsts)}](?<![^\\W_].)(?i:{alternatives}){tail}")


@cache
def _case_variants(letter_pattern: str) -> str:
    """Every character ``letter_pattern`` matches ignoring case (« k » also matches the Kelvin sign « \u212a »),
    found by matching it against every character once."""
    return "".join(re.findall(letter_pattern, _every_character(), re.I))


@cache
def _every_character() -> str:
    """All of Unicode, lone surrogates included, in one string (4 MB, built in ~40 ms)."""
    return array("I", range(sys.maxunicode + 1)).tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=PATTERN_CACHE * 8)
def _accent_insensitive(word: str) -> str:
    """Each letter of ``word`` with its accented variants; « oe », « ae », « ss » also as the one letter
    :func:`fold` spells so (« œ », « æ », « ß »), and a last « o », « a » or « s » as its beginning."""
    parts: list[str] = []
    at = 0
    while at < len(word):
        pair = word[at : at + 2]
        if pair in LETTERS_OF:
            parts.append(f"(?:{_letter_pattern(pair[0])}{_letter_pattern(pair[1])}|{LETTERS_OF[pair]})")
            at += 2
            continue
        letter = _letter_pattern(word[at])
        begun = [one for two, one in LETTERS_OF.items() if at == len(word) - 1 and two[0] == word[at]]
        parts.append(f"(?:{letter}|{begun[0]})" if begun else letter)
        at += 1
    return "".join(parts)


@cache  # one entry per letter ever typed: escaping each anew was most of a Highlighter's construction
def _letter_pattern(letter: str) -> str:
    return f"[{re.escape(_VARIANTS[letter])}]" if letter in _VARIANTS else re.escape(letter)
