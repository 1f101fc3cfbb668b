"""Highlighting and cropping for engines that do not do it themselves (the embedded one).

A token of the text is highlighted when it matches a query word the way the engine matched it: same folded
word, same stem, within the word's typo budget, or (for the word being typed) as a prefix.
"""

import html
import re
from collections.abc import Callable, Sequence

from rapidfuzz.distance import OSA

from app.search.text import STOP_WORDS, Clause, fold, typo_budget

_WORD = re.compile(r"[^\W_]+")
Stemmer = Callable[[str], str]


class Highlighter:
    def __init__(self, clauses: Sequence[Clause], stemmers: Sequence[Stemmer]) -> None:
        self._stemmers = stemmers
        self._words: set[str] = set()
        self._stems: set[str] = set()
        self._fuzzy: list[tuple[str, int]] = []
        self._prefixes: list[str] = []
        for clause in clauses:
            for alternative in clause.alternatives:
                words = [word for word in alternative if word not in STOP_WORDS]
                self._words.update(words)
                self._stems.update(stem(word) for word in words for stem in stemmers)
            word = clause.alternatives[0][-1]
            if len(clause.alternatives[0]) == 1 and typo_budget(word):
                self._fuzzy.append((word, typo_budget(word)))
            if clause.prefix:
                self._prefixes.append(word)

    def matches(self, token: str) -> bool:
        folded = fold(token)
        if folded in self._words or any(stem(folded) in self._stems for stem in self._stemmers):
            return True
        if any(folded.startswith(prefix) for prefix in self._prefixes):
            return True
        return any(
            OSA.distance(folded, word, score_cutoff=budget) <= budget
            for word, budget in self._fuzzy
            if len(folded) >= 3
        )

    def highlight(self, text: str, crop_words: int | None = None) -> str:
        """HTML-escaped ``text`` with matches in <mark>; cropped to ``crop_words`` around the first match."""
        spans = [(m.start(), m.end(), self.matches(m.group())) for m in _WORD.finditer(text)]
        if not self._words or not spans:
            return html.escape(_crop_plain(text, spans, crop_words))
        start_char, end_char, prefix, suffix = 0, len(text), "", ""
        if crop_words is not None and len(spans) > crop_words:
            first = next((i for i, span in enumerate(spans) if span[2]), 0)
            begin = max(0, min(first - crop_words // 3, len(spans) - crop_words))
            end = begin + crop_words
            start_char = spans[begin][0]
            end_char = spans[end - 1][1]
            prefix = "…" if begin > 0 else ""
            suffix = "…" if end < len(spans) else ""
        out: list[str] = [prefix]
        cursor = start_char
        for span_start, span_end, matched in spans:
            if span_start < start_char or span_end > end_char:
                continue
            out.append(html.escape(text[cursor:span_start]))
            word = html.escape(text[span_start:span_end])
            out.append(f"<mark>{word}</mark>" if matched else word)
            cursor = span_end
        out.append(html.escape(text[cursor:end_char]))
        out.append(suffix)
        return "".join(out)


def _crop_plain(text: str, spans: Sequence[tuple[int, int, bool]], crop_words: int | None) -> str:
    if crop_words is None or len(spans) <= crop_words:
        return text
    return text[: spans[crop_words - 1][1]] + "…"
