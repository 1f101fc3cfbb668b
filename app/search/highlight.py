"""Highlighting and cropping for engines that do not do it themselves (the embedded one).

A token of the text is highlighted when it matches a query word the way the engine matched it: same folded
word, same stem, within the word's typo budget, or (for the word being typed) as a prefix.
"""

import html
import re
from collections.abc import Callable, Sequence
from itertools import islice

from rapidfuzz.distance import OSA

from app.search.text import STOP_WORDS, Clause, fold, typo_budget

_WORD = re.compile(r"[^\W_]+")
Stemmer = Callable[[str], str]
STEM_GATE = 3
MAX_TOKENS = 5000  # highlight within the first words of very long bodies only


class Highlighter:
    def __init__(self, clauses: Sequence[Clause], stemmers: Sequence[Stemmer]) -> None:
        self._stemmers = stemmers
        self._words: set[str] = set()
        self._stems: set[str] = set()
        self._fuzzy: list[tuple[str, int]] = []
        self._prefixes: list[str] = []
        self._stem_gates: set[str] = set()
        self._memo: dict[str, bool] = {}  # texts repeat their words: match each distinct token once
        for clause in clauses:
            for alternative in clause.alternatives:
                words = [word for word in alternative if word not in STOP_WORDS]
                self._words.update(words)
                self._stems.update(stem(word) for word in words for stem in stemmers)
                self._stem_gates.update(word[:STEM_GATE] for word in words)
            word = clause.alternatives[0][-1]
            if len(clause.alternatives[0]) == 1 and typo_budget(word):
                self._fuzzy.append((word, typo_budget(word)))
            if clause.prefix:
                self._prefixes.append(word)

    def matches(self, token: str) -> bool:
        known = self._memo.get(token)
        if known is None:
            known = self._memo[token] = self._matches(token)
        return known

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
        """HTML-escaped ``text`` with matches in <mark>; cropped to ``crop_words`` around the first match."""
        spans = [m.span() for m in islice(_WORD.finditer(text), MAX_TOKENS)]
        begin, end = 0, len(spans)
        if crop_words is not None and len(spans) > crop_words:
            first = next((i for i, (a, b) in enumerate(spans) if self.matches(text[a:b])), 0) if self._words else 0
            begin = max(0, min(first - crop_words // 3, len(spans) - crop_words))
            end = begin + crop_words
        if not spans:
            return html.escape(text)
        start_char = spans[begin][0] if begin > 0 else 0
        end_char = spans[end - 1][1] if end < len(spans) else len(text)
        out: list[str] = ["…" if begin > 0 else ""]
        cursor = start_char
        for span_start, span_end in spans[begin:end] if self._words else ():
            word = text[span_start:span_end]
            if self.matches(word):
                out.append(html.escape(text[cursor:span_start]))
                out.append(f"<mark>{html.escape(word)}</mark>")
                cursor = span_end
        out.append(html.escape(text[cursor:end_char]))
        out.append("…" if end < len(spans) else "")
        return "".join(out)
