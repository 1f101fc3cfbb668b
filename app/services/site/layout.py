"""What the base layout (``templates/base.html``) needs beyond ``lang``: SEO metadata and the language switch."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.languages import LANGUAGES
from app.services.site.urls import absolute, page_path


@dataclass(frozen=True, slots=True)
class Meta:
    """``<head>`` metadata: canonical link, ``hreflang`` alternates, description, Open Graph."""

    title: str
    description: str = ""
    canonical: str = ""
    alternates: Sequence[tuple[str, str]] = field(default_factory=tuple)
    og_type: str = "website"
    noindex: bool = False


def page_meta(base_url: str, name: str, language: str, title: str, description: str = "", **query: str) -> Meta:
    """Metadata of a fixed page of the site (home, search, indexes) present in both languages."""
    alternates = [(lang, absolute(base_url, page_path(name, lang, **query))) for lang in LANGUAGES]
    alternates.append(("x-default", absolute(base_url, page_path(name, "fr", **query))))
    return Meta(
        title=title,
        description=description,
        canonical=absolute(base_url, page_path(name, language, **query)),
        alternates=alternates,
    )
