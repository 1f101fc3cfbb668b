"""The database's selections (feeds, exports, OAI-PMH sets) find what the search finds: the ``country`` filter
follows (country, commodity) pairs in SQL as in the engines (``app.filters.filter_countries``)."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.filters import FILTERS, filter_countries, passes
from app.models import Resource
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.services import content as content_service
from app.services import listing
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies

SHEET = """---
translation_key: {key}
language: {language}
slug: {key}
type: risk_sheet
title: "{title}"
summary: "Test sheet."
countries: {countries}
regions: [sub-saharan-africa]
sectors: [cocoa]
risks: [child-labour]
audiences: [companies]
publisher: crv
licence: CC-BY-4.0
published_at: 2026-03-01
sources:
  - title: "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"
    url: https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods
---
## Findings

| Country | Finding |
| --- | --- |
| [Côte d’Ivoire](crv:country-ci) | Child labour |
| [Pakistan](crv:country-pk) | Child labour |
"""


def test_a_country_selects_in_the_database_what_it_finds_in_the_engine(
    session_factory: sessionmaker[Session],
    content_dir: Path,
    settings: Settings,
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    # The fixture corpus (Côte d'Ivoire, Pakistan, a method), a commodity sheet tagged with Côte d'Ivoire whose
    # table links to Pakistan too, and a region sheet tagged with both.
    for key, title, countries in (("commodity-cocoa", "Cocoa", "[CI]"), ("region-africa", "Africa", "[CI, PK]")):
        for language in ("fr", "en"):
            sheet = SHEET.format(key=key, language=language, title=title, countries=countries)
            (content_dir / "resources" / f"{key}.{language}.md").write_text(sheet)
    with session_factory() as session:
        content_service.load(session, content_dir)
        session.commit()
    rebuild_index(session_factory, search_engine, taxonomies)
    with session_factory() as session:
        resources = list(session.scalars(select(Resource)))
        by_key = {r.translation_key: r for r in resources if r.language == "en"}
        assert filter_countries(by_key["commodity-cocoa"]) == ("CI", "PK")  # more than its own tags
        assert not filter_countries(by_key["region-africa"])
        for code in ("CI", "PK", "FR"):
            query = SearchQuery(filters={FilterField.country: (code,)}, per_page=100)
            found = {hit.document.id for hit in search_engine.search(query).hits}
            selection = listing.select_resources(
                settings, taxonomies, search_engine, q="", filters={FilterField.country: [code]}
            )
            selected = {r.id for r in session.scalars(listing.statement(session, selection))}
            keyed = {r.id for r in resources if passes({FilterField.country: (code,)}, r)}
            assert selected == found == keyed, code
            assert (by_key["commodity-cocoa"].id in found) == (code != "FR"), code
            assert by_key["region-africa"].id not in found
            assert FILTERS[FilterField.country].found_under(by_key["commodity-cocoa"]) == filter_countries(
                by_key["commodity-cocoa"]
            )
