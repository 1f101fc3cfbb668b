"""The stemmed fields given their stems (app/search/tantivy_stems.py): the same terms at the same positions as
tantivy's stemming analyzer would index."""

from pathlib import Path

import pytest
import tantivy

from app.search.tantivy_schema import STEMMERS, build_analyzer
from app.search.tantivy_stems import Stems, stems_analyzer

TEXTS = [
    "Le travail des enfants dans les plantations de cacao : « vigilance » et remédiation.",
    "Child labour, forced labour and trafficking — supply-chain due diligence (2024-01-02).",
    "Côte d’Ivoire, l'école ; œuvre ŒUVRE straße ⑽  travaillé\u00a0payé\n\nnouveau paragraphe\tfin",
    "avant " + "x" * 85 + " après: un mot trop long garde sa place vide",
    "",
    "— … !",
]
# 79 bytes, so indexed, but 105 once folded ("⑽" -> "(10)"): too long for the whitespace tokenizer to keep.
GROWING = "⑽" * 26 + "a"


def tokens(analyzer: "tantivy.TextAnalyzer", text: str) -> list[tuple[str, int]]:
    return [(token.text, token.position) for token in analyzer.pre_tokenize(text).tokens]


@pytest.mark.parametrize("stemmer", STEMMERS.values())
@pytest.mark.parametrize("text", TEXTS)
def test_the_stems_given_are_the_analyzers_terms_at_its_positions(stemmer: str, text: str) -> None:
    analyzer = build_analyzer(stemmer)
    stems = Stems(analyzer)
    for _ in range(2):  # computed, then remembered
        given = stems.of(text)
        assert given is not None
        assert tokens(stems_analyzer(), given) == tokens(analyzer, text)


def test_a_stem_the_tokenizer_would_not_keep_sends_the_text_pre_tokenized(tmp_path: Path) -> None:
    analyzer = build_analyzer("french")
    stems = Stems(analyzer)
    text = f"un mot {GROWING} grandit"
    assert stems.of(text) is None
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body_fr", tokenizer_name="stems")
    schema = builder.build()
    index = tantivy.Index(schema, path=str(tmp_path))
    index.register_tokenizer("stems", stems_analyzer())
    writer = index.writer(15_000_000, 1)
    document = tantivy.Document()
    stems.add(document, "body_fr", text)
    writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    folded = analyzer.analyze(GROWING)[0]
    assert len(folded.encode()) >= 80
    phrase = tantivy.Query.phrase_query(schema, "body_fr", ["mot", folded, "grand"])
    assert index.searcher().search(phrase, 1, count=True).count == 1  # type: ignore[attr-defined]
