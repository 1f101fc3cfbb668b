"""The embedded engine's writes: the upsert in chunks (only a chunk holding a known document deletes before it
adds); a series of writes sharing one writer; an index of the earlier layout kept in service."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.search import tantivy_engine
from app.search.base import SearchDocument, SearchResult
from app.search.tantivy_schema import index_schema
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


def test_a_series_of_writes_shares_one_writer_and_commits_each(tmp_path: Path) -> None:
    documents = corpus(load_taxonomies(ROOT / "content"))[:4]
    engine = make(tmp_path, load_taxonomies(ROOT / "content"), size=0)
    engine.apply_settings()
    with engine.writing():
        engine.index(documents[:2])
        assert sorted(ids(search(engine))) == sorted(d.id for d in documents[:2])
        writer = engine._shared
        with pytest.raises(RuntimeError):
            engine.index(iter([documents[2], *_failing()]))  # rolled back: the series goes on
        engine.delete([documents[0].id])
        engine.index(documents[3:])
        assert engine._shared is writer
        assert sorted(ids(search(engine))) == sorted(d.id for d in (documents[1], documents[3]))
    assert engine._shared is None
    engine.index(documents[:1])  # the series' writer closed: tantivy's lock is free
    assert len(ids(search(engine))) == 3


def _failing() -> Iterator[SearchDocument]:
    raise RuntimeError("a document that cannot be built")
    yield


def answers(result: SearchResult) -> list[tuple[str, float, dict[str, str]]]:
    return [(hit.document.id, hit.score, dict(hit.highlights)) for hit in result.hits]


def test_an_index_with_positions_in_its_stemmed_fields_answers_alike_and_takes_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index written before the stemmed fields kept frequencies only is served until a rebuild, not refused."""
    taxonomies = load_taxonomies(ROOT / "content")
    documents = corpus(taxonomies)
    current = make(tmp_path / "current", taxonomies, size=0)
    current.apply_settings()
    current.index(documents[:-1])
    with monkeypatch.context() as patched:
        patched.setattr(tantivy_engine, "index_schema", lambda: index_schema(stem_positions=True))
        written_before = make(tmp_path / "before", taxonomies, size=0)
        written_before.apply_settings()
        written_before.index(documents[:-1])
        written_before.close()
    before = make(tmp_path / "before", taxonomies, size=0)
    for q in ("", "travail des enfants ", "cacao", "enfant", "childre", "risques fournisseur"):
        assert answers(search(before, q)) == answers(search(current, q)), q
    before.index(documents[-1:])
    assert documents[-1].id in ids(search(before))
