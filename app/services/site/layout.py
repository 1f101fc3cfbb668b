"""What the base layout (``templates/base.html``) needs beyond ``lang``: SEO metadata, the language switch, and the
notice of the query values a page could not use."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.paths import absolute, page_path


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
    alternates.append(("x-default", absolute(base_url, page_path(name, DEFAULT_LANGUAGE, **query))))
    return Meta(
        title=title,
        description=description,
        canonical=absolute(base_url, page_path(name, language, **query)),
        alternates=alternates,
    )


@dataclass(frozen=True, slots=True)
class Ignored:
    """A value of a page's query that it could not use (an unknown filter value, sort or page number). The page
    still answers 200 without it, so that a shared link keeps working, and says so next to its filters
    (``templates/site/_ignored.html``): bad input is never dropped in silence."""

    label: str  # the parameter's label, an N_() message the template translates
    value: str
