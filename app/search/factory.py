"""Builds the configured search engine. The only place that knows which engines exist."""

import pycountry

from app.config import Settings
from app.search.base import SearchEngine
from app.search.guarded import GuardedEngine
from app.taxonomy import Taxonomies, TaxonomyName


def country_codes(taxonomies: Taxonomies) -> dict[str, str]:
    """Folded alpha-2 and alpha-3 codes → alpha-2, so « pk » or « PAK » reach Pakistan."""
    codes = {code.lower(): code for code in taxonomies[TaxonomyName.countries]}
    for country in pycountry.countries:
        codes[country.alpha_3.lower()] = country.alpha_2
    return codes


def make_search_engine(settings: Settings, taxonomies: Taxonomies) -> SearchEngine:
    """The configured engine, wrapped so that any of its failures is :class:`SearchUnavailable` (a 503)."""
    return GuardedEngine(_make_engine(settings, taxonomies))


def _make_engine(settings: Settings, taxonomies: Taxonomies) -> SearchEngine:
    if settings.search_backend == "meilisearch":
        from app.search.meili import MeiliEngine

        return MeiliEngine(
            url=settings.meili_url,
            api_key=settings.meili_master_key.get_secret_value() if settings.meili_master_key else None,
            index_uid=settings.meili_index,
            timeout_seconds=settings.search_timeout_seconds,
            synonym_groups=taxonomies.synonym_groups(),
            concepts=taxonomies.concepts(),
            max_total_hits=settings.max_result_window,
        )
    from app.search.tantivy_engine import TantivyEngine

    return TantivyEngine(
        index_dir=settings.index_dir,
        synonym_groups=taxonomies.synonym_groups(),
        country_codes=country_codes(taxonomies),
        concepts=taxonomies.concepts(),
        max_total_hits=settings.max_result_window,
        answer_cache_size=settings.search_cache_size,
        concurrent_searches=settings.concurrent_searches(),
        facet_threads=settings.facet_threads(),
    )
