"""The centre as an organisation: the publisher of ``content/`` and the home of the editors who review submissions
(``keys.ensure_centre`` creates it), and how pages name it."""

from app.i18n import gettext

CENTRE_SLUG = "crv"  # the publisher of content/ (docs/content-format.md)
CENTRE_NAME = "Centre de ressources virtuel 8.7"  # its organisation row's name


def centre_name(language: str) -> str:
    """The centre's name in ``language``, wherever it is named as publisher (pages, feeds, the DCAT catalogue)."""
    return gettext(language, "Virtual resource centre 8.7")


def organisation_name(slug: str, name: str, language: str) -> str:
    """An organisation as pages name it: the centre in ``language`` (its row holds the French name: English pages
    said « Centre de ressources virtuel 8.7 »), any other by its own name."""
    return centre_name(language) if slug == CENTRE_SLUG else name
