"""The embedded engine's upsert in chunks: only a chunk holding a known document deletes before it adds."""

from dataclasses import replace
from pathlib import Path

import pytest

from app.search import tantivy_engine
from app.taxonomy import load_taxonomies
from tests.search.conformance.corpus import corpus, ids, search
from tests.search.test_answer_cache import ROOT, make


def test_a_bulk_upsert_replaces_known_documents_in_any_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tantivy_engine, "BULK_DOCUMENTS", 2)  # the bulk writer, and chunks after the first
    monkeypatch.setattr(tantivy_engine, "ABSENT_CHECK", 2)
    documents = corpus(load_taxonomies(ROOT / "content"))[:6]
    engine = make(tmp_path, load_taxonomies(ROOT / "content"))
    engine.apply_settings()
    engine.index(documents[:1] + documents[4:5])
    # Chunks: [new, new], [new, known], [new, known (given again)]
    renamed = replace(documents[4], title="Un titre entièrement nouveau")
    engine.index(iter([documents[1], documents[2], documents[3], documents[0], documents[5], renamed]))
    assert sorted(ids(search(engine))) == sorted(d.id for d in documents)
    assert ids(search(engine, "entièrement nouveau "))[:1] == [documents[4].id]
