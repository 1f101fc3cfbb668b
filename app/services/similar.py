"""The published resources most like a submission, shown to the editor before approving it: a partner may submit
what the centre (or another partner) already publishes, under another address. One query of the search engine, on
the submission's title: the engine's own matching (stems, accents, both languages' synonyms, and words left out
from the end when nothing holds them all) ranks a near-identical title first."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Organisation
from app.paths import resource_path
from app.search.base import SearchDocument, SearchEngine, SearchQuery, SearchUnavailable
from app.services.centre import organisation_name
from app.services.search import LANGUAGE_NAMES
from app.taxonomy import Taxonomies, TaxonomyName

SHOWN = 5
# One page of the engine's ranking: room for the submission's own published versions and each resource's other
# language, which are left out, and still five to show.
ASKED = 12


@dataclass(frozen=True, slots=True)
class Similar:
    title: str
    path: str  # its public page
    language: str
    language_name: str  # in the reader's language
    type_label: str  # in the reader's language
    publisher: str  # its organisation's name


def ranked(
    documents: list[SearchDocument], translation_key: str, language: str, limit: int = SHOWN
) -> list[SearchDocument]:
    """``documents`` (the engine's order) without the submission's own resource (``translation_key``: its published
    versions), a resource once (its version in ``language`` when found, at its best-ranked version's place), those
    in ``language`` first."""
    chosen: dict[str, SearchDocument] = {}
    for document in documents:
        key = document.translation_key
        if key == translation_key:
            continue
        if key not in chosen or (chosen[key].language != language and document.language == language):
            chosen[key] = document
    in_order = sorted(chosen.values(), key=lambda document: document.language != language)  # stable: rank kept
    return in_order[:limit]


def _publishers(session: Session, codes: set[str]) -> Mapping[str, str]:
    if not codes:
        return {}
    return dict(session.execute(select(Organisation.slug, Organisation.name).where(Organisation.slug.in_(codes))).all())


def similar(
    session: Session,
    engine: SearchEngine,
    taxonomies: Taxonomies,
    *,
    title: str,
    translation_key: str,
    language: str,
    reader_language: str,
) -> list[Similar] | None:
    """The published resources most like a submission of ``title`` in ``language`` (its own published versions,
    sharing its ``translation_key``, left out), their type, language and publisher named in ``reader_language``;
    None when the engine cannot answer (the desk's page still shows the submission)."""
    try:
        result = engine.search(SearchQuery(q=title, per_page=ASKED))
    except SearchUnavailable:
        return None
    documents = ranked([hit.document for hit in result.hits], translation_key, language)
    names = _publishers(session, {document.publisher for document in documents})
    types = taxonomies[TaxonomyName.types]
    language_names = LANGUAGE_NAMES["fr" if reader_language == "fr" else "en"]
    return [
        Similar(
            title=document.title,
            path=resource_path(document.language, document.slug),
            language=document.language,
            language_name=language_names.get(document.language, document.language),
            type_label=term.label(reader_language) if (term := types.get(document.type)) else document.type,
            publisher=organisation_name(
                document.publisher, names.get(document.publisher, document.publisher), reader_language
            ),
        )
        for document in documents
    ]
