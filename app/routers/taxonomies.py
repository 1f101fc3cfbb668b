"""Taxonomies: the codes accepted by filters and content, with French and English labels."""

from fastapi import APIRouter

from app.deps import TaxonomiesDep
from app.policy import public
from app.routers.parameters import STRICT_PARAMETERS
from app.schemas.taxonomy import Labels, TaxonomyRead, TaxonomyTermRead
from app.taxonomy import TaxonomyName

router = APIRouter(prefix="/v1", tags=["taxonomies"], dependencies=[STRICT_PARAMETERS, public(cache_seconds=3600)])


@router.get("/taxonomies/{name}", response_model=TaxonomyRead)
def read_taxonomy(name: TaxonomyName, taxonomies: TaxonomiesDep) -> TaxonomyRead:
    """Every code of one taxonomy with its labels and search synonyms."""
    return TaxonomyRead(
        name=name.value,
        terms=[
            TaxonomyTermRead(
                code=term.code,
                labels=Labels(fr=term.fr, en=term.en),
                synonyms=list(term.synonyms),
                group=term.group,
                essentials=list(term.essentials),
            )
            for term in sorted(taxonomies[name].values(), key=lambda t: t.code)
        ],
    )
