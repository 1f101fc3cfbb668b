"""The signed-in people's pages seen from an address: the same page in the other language and the section (portal,
desk) it belongs to. Their addresses are in :data:`app.paths.PEOPLE_PAGES`."""

from app.languages import other_language
from app.paths import PEOPLE_PAGES, page_path

SECTIONS = ("portal", "desk", "publish")  # the pages under these addresses have them as their breadcrumb's parent


def language_of_path(current: str) -> str:
    return "en" if current.startswith("/en/") else "fr"


def _under(current: str, prefix: str) -> bool:
    return current == prefix or current.startswith(prefix + "/")


def alternate(current: str, query: str = "") -> str:
    """``current`` in the other language: its longest known address swapped, the rest (a resource id) and the
    query kept (``/fr/espace-partenaire/ressources/x.fr`` → ``/en/partner/resources/x.fr``). Only the people's
    pages are known: the public pages build their own switch (``app.routers.site``)."""
    lang = language_of_path(current)
    known = [(len(p[lang]), name) for name, p in PEOPLE_PAGES.items() if _under(current, p[lang])]
    if not known:
        return page_path("portal", other_language(lang))
    size, name = max(known)
    swapped = page_path(name, other_language(lang)) + current[size:]
    return f"{swapped}?{query}" if query else swapped


def section(current: str) -> str | None:
    """The section (portal, desk, publish) a page belongs to, if any."""
    lang = language_of_path(current)
    return next((name for name in SECTIONS if _under(current, page_path(name, lang))), None)
