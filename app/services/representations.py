"""Content negotiation for ``/v1/resources/{id}``: JSON (default), Markdown with YAML front matter (the format of
``content/``), schema.org JSON-LD and the reference for a reference manager (RIS, BibTeX, CSL-JSON, the media types
DOI resolvers answer with: :mod:`app.services.citation_formats`); a 406 problem for an ``Accept`` that takes none
of them."""

from collections.abc import Sequence

import yaml

from app.errors import NotAcceptable
from app.models import Resource
from app.schemas.resource import taxonomy_codes
from app.services.citation_formats import MEDIA_TYPES as CITATION_MEDIA_TYPES
from app.services.resources import resource_url

JSON = "application/json"
MARKDOWN = "text/markdown"
JSON_LD = "application/ld+json"
OFFERS = (JSON, MARKDOWN, JSON_LD, *CITATION_MEDIA_TYPES.values())


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in accept.split(","):
        media_range, *parameters = (p.strip() for p in part.split(";"))
        main, _, sub = media_range.lower().partition("/")
        if not main or not sub:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((main, sub, quality))
    return ranges


def preferred(accept: str | None, offers: Sequence[str] = OFFERS) -> str | None:
    """The offer the ``Accept`` header prefers (the most specific matching range gives its quality; ties go to
    the first offer): the first offer when no header is sent, or none that can be read (RFC 9110 §12.5.1); None
    when the header accepts none of the offers."""
    ranges = _ranges(accept or "")
    if not ranges:
        return offers[0]
    best, best_quality = None, 0.0
    for offer in offers:
        main, _, sub = offer.partition("/")
        matches = [
            (specificity, quality)
            for r_main, r_sub, quality in ranges
            if (specificity := _specificity(main, sub, r_main, r_sub)) >= 0
        ]
        if not matches:
            continue
        quality = max(matches)[1]
        if quality > best_quality:
            best, best_quality = offer, quality
    return best


def negotiate(accept: str | None, offers: Sequence[str] = OFFERS) -> str:
    """The offer the ``Accept`` header prefers (:func:`preferred`); a 406 problem naming the offers when it accepts
    none of them (``image/png``, ``application/json;q=0``), rather than a body the client said it cannot use."""
    chosen = preferred(accept, offers)
    if chosen is None:
        raise NotAcceptable(
            f"The Accept header accepts none of this address's media types: ask for {', '.join(offers)}.",
            headers={"Vary": "Accept"},
        )
    return chosen


def _specificity(main: str, sub: str, r_main: str, r_sub: str) -> int:
    if r_main == main and r_sub == sub:
        return 2
    if r_main == main and r_sub == "*":
        return 1
    if r_main == "*" and r_sub == "*":
        return 0
    return -1


def _training_facts(resource: Resource) -> dict[str, object]:
    """A training module's facts where its file states them (docs/content-format.md), as plain YAML values."""
    facts = {
        "duration": resource.duration,
        "level": resource.level.value if resource.level else None,
        "prerequisites": resource.prerequisites,
    }
    return {name: value for name, value in facts.items() if value is not None}


def markdown(resource: Resource, base_url: str) -> str:
    """The resource as a Markdown file with its front matter, as in ``content/resources``."""
    front_matter = {
        "translation_key": resource.translation_key,
        "language": resource.language.value,  # enum columns: YAML writes plain strings only
        "slug": resource.slug,
        "type": resource.type.value,
        "title": resource.title,
        "summary": resource.summary,
        **taxonomy_codes(resource),
        "publisher": resource.publisher,
        "licence": resource.licence,
        **_training_facts(resource),
        "published_at": resource.published_at,
        "updated_at": resource.updated_at,
        "url": resource_url(base_url, resource.language, resource.slug),
        "sources": [
            {key: s[key] for key in ("title", "url", "language", "original_title") if s.get(key)}
            for s in resource.sources
        ],
    }
    header = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n{resource.body.rstrip()}\n"
