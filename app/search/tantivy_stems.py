"""The stemmed fields' text, stemmed in Python a word at a time with a cache, rather than by tantivy's stemmer.

tantivy's Snowball stemmers cost ~0.6 us a word, spent again on every occurrence: stemming a body's 300 words was
half of the CPU of indexing a document (0.31 -> 0.09 ms a body when given its stems). A text is mostly words seen
before, so each whitespace-separated piece of text is stemmed once, by the stemming analyzer the field used to run
(:func:`app.search.tantivy_schema.build_analyzer`), and remembered. The field is given the stems separated by
spaces, and its tokenizer (:func:`stems_analyzer`) only splits them: the same terms at the same positions.

Why the same: tantivy's simple tokenizer splits on every character that is not a letter or a digit, whitespace
among them, so splitting on whitespace first finds the same words in the same order; each word then goes through
the very analyzer the field had. A word of 80 bytes or more, which the analyzer drops (its position left empty),
is given as it is, and the field's tokenizer drops it at the same position. A stem that could not pass through
the whitespace tokenizer unchanged (empty, holding whitespace, or grown to 80 bytes by the ASCII folding) makes
the whole text go to the field pre-tokenized, by the analyzer itself (never seen in French or English text).
"""

from typing import Final

import tantivy

from app.search.tantivy_schema import LONG_WORD_BYTES

# Whitespace-separated pieces of text remembered per language (~180 bytes each, with their stems): past this,
# forgotten at once. The benchmark's 100k documents hold ~29k a language (a vocabulary of 20k words and some
# punctuation): 10 MB for both.
MAX_PIECES: Final = 100_000


def stems_analyzer() -> "tantivy.TextAnalyzer":
    """The stemmed fields' tokenizer: the text :class:`Stems` gives is already analyzed."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.remove_long(LONG_WORD_BYTES))
        .build()
    )


class Stems:
    """Adds a text to a document's stemmed field for one language, whose stemming ``analyzer`` is one of
    :func:`app.search.tantivy_schema.build_analyzer`."""

    def __init__(self, analyzer: "tantivy.TextAnalyzer") -> None:
        self._analyzer = analyzer
        self._words = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()
        self._pieces: dict[str, str] = {}

    def add(self, document: "tantivy.Document", field: str, text: str) -> None:
        stems = self.of(text)
        if stems is None:
            document.add_pre_tokenized_text(field, self._analyzer.pre_tokenize(text))
        else:
            document.add_text(field, stems)

    def of(self, text: str) -> str | None:
        """``text``'s stems separated by spaces, or None if one of them cannot be given so."""
        pieces = text.split()
        try:
            return " ".join(map(self._pieces.__getitem__, pieces))
        except KeyError:
            if len(self._pieces) > MAX_PIECES:
                self._pieces.clear()
            for piece in pieces:
                if piece not in self._pieces:
                    stems = self._piece_stems(piece)
                    if stems is None:
                        return None
                    self._pieces[piece] = stems
            return " ".join(map(self._pieces.__getitem__, pieces))

    def _piece_stems(self, piece: str) -> str | None:
        stems = []
        for word in self._words.analyze(piece):
            if len(word.encode()) >= LONG_WORD_BYTES:
                stems.append(word)  # dropped by the field's tokenizer, as by the analyzer
                continue
            analyzed = self._analyzer.analyze(word)
            stem = analyzed[0] if len(analyzed) == 1 else ""
            if not stem or len(stem.encode()) >= LONG_WORD_BYTES or any(c.isspace() for c in stem):
                return None
            stems.append(stem)
        return " ".join(stems)
