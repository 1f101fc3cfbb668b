"""The shipped corpus: valid, loadable, and findable as its users search it (real content/, embedded engine)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import migrations
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.search.factory import make_search_engine
from app.services import content as content_service
from app.services.sync import rebuild_index
from app.taxonomy import TaxonomyName, load_taxonomies

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_corpus_passes_the_quality_gate() -> None:
    report = content_service.check(CONTENT)
    assert report.issues == []
    assert report.files


@pytest.fixture(scope="module")
def corpus_engine(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SearchEngine, list[content_service.ContentFile]]]:
    """The whole corpus loaded once into its own SQLite database and indexed (loading on PostgreSQL is covered
    by the loader's tests)."""
    work = tmp_path_factory.mktemp("corpus")
    settings = Settings(database_url=f"sqlite:///{work / 'crv.db'}", index_dir=work / "index", content_dir=CONTENT)
    migrations.upgrade(settings.database_url)
    db_engine = make_engine(settings.database_url)
    session_factory = make_session_factory(db_engine)
    with session_factory() as session:
        content_service.load(session, CONTENT)
        session.commit()
    taxonomies = load_taxonomies(CONTENT)
    engine = make_search_engine(settings, taxonomies)
    rebuild_index(session_factory, engine, taxonomies)
    yield engine, content_service.check(CONTENT).files
    engine.close()
    db_engine.dispose()


def test_every_country_sheet_comes_first_by_name_or_code(
    corpus_engine: tuple[SearchEngine, list[content_service.ContentFile]],
) -> None:
    engine, files = corpus_engine
    countries = load_taxonomies(CONTENT)[TaxonomyName.countries]
    sheets = [f for f in files if f.meta.translation_key.startswith("country-") and len(f.meta.countries) == 1]
    assert sheets
    misses = []
    for sheet in sheets:
        term = countries[sheet.meta.countries[0]]
        for q in (term.label(sheet.meta.language), sheet.meta.countries[0]):
            hits = engine.search(SearchQuery(q=q, filters={FilterField.lang: (sheet.meta.language,)})).hits
            if not hits or hits[0].document.translation_key != sheet.meta.translation_key:
                misses.append((q, sheet.meta.language, [h.document.id for h in hits[:3]]))
    assert misses == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cacao Côte d'Ivoire", "country-ci"),
        ("cocoa ivory coast", "country-ci"),
        ("briques Pakistan", "country-pk"),
        ("cobalt", "commodity-cobalt"),
        ("mica", "commodity-mica"),
        ("Birmanie", "country-mm"),
        ("RDC", "country-cd"),
    ],
)
def test_known_queries(corpus_engine: tuple[SearchEngine, list[object]], q: str, expected: str) -> None:
    engine, _ = corpus_engine
    hits = engine.search(SearchQuery(q=q)).hits
    assert hits[0].document.translation_key == expected, [h.document.id for h in hits[:5]]


@pytest.mark.parametrize(("q", "good"), [("briques Pakistan", "bricks"), ("cobalt", "cobalt"), ("mica", "mica")])
def test_a_good_finds_the_sheets_carrying_its_finding(
    corpus_engine: tuple[SearchEngine, list[content_service.ContentFile]], q: str, good: str
) -> None:
    engine, files = corpus_engine
    carrying = {
        f.meta.translation_key
        for f in files
        if f.meta.type == "risk_sheet" and good in f.meta.sectors and f.meta.translation_key.startswith("country-")
    }
    if q == "briques Pakistan":
        carrying = {"country-pk"}
    found = {h.document.translation_key for h in engine.search(SearchQuery(q=q, per_page=100)).hits}
    assert carrying <= found
    assert f"commodity-{good}" in found
