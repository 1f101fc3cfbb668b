"""The benchmark's queries, shared by its scripts."""

from app.filters import FilterField

QUERIES = {
    "one-word": ["cacao", "cotton", "briques", "gold", "recrutement", "fishing"],
    "multi-word": ["travail des enfants cacao", "forced labour cotton", "debt bondage bricks", "audit fournisseurs"],
    "typo": ["travial enfnats", "cototn", "recruitmnet", "plantatoin"],
    "prefix": ["cac", "recru", "fish", "travail des enf"],
}
FACETS = (FilterField.type, FilterField.country, FilterField.sector, FilterField.risk, FilterField.lang)
FACET_FILTERS: dict[FilterField, tuple[str, ...]] = {FilterField.lang: ("fr",), FilterField.risk: ("child-labour",)}
