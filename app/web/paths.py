"""The addresses of the partners' and editors' pages in each language, the same page in the other language, and
the breadcrumb of a page."""

from app.languages import other_language

PATHS: dict[str, dict[str, str]] = {
    "login": {"fr": "/fr/connexion", "en": "/en/sign-in"},
    "logout": {"fr": "/fr/deconnexion", "en": "/en/sign-out"},
    "logout_everywhere": {"fr": "/fr/deconnexion-partout", "en": "/en/sign-out-everywhere"},
    "forgot": {"fr": "/fr/mot-de-passe-oublie", "en": "/en/forgot-password"},
    "set_password": {"fr": "/fr/mot-de-passe", "en": "/en/set-password"},
    "portal": {"fr": "/fr/espace-partenaire", "en": "/en/partner"},
    "team": {"fr": "/fr/espace-partenaire/equipe", "en": "/en/partner/team"},
    "account": {"fr": "/fr/espace-partenaire/compte", "en": "/en/partner/account"},
    "account_sessions": {"fr": "/fr/espace-partenaire/compte/sessions", "en": "/en/partner/account/sessions"},
    "new": {"fr": "/fr/espace-partenaire/nouvelle-ressource", "en": "/en/partner/new-resource"},
    "preview": {"fr": "/fr/espace-partenaire/apercu", "en": "/en/partner/preview"},
    "resource": {"fr": "/fr/espace-partenaire/ressources", "en": "/en/partner/resources"},
    "desk": {"fr": "/fr/redaction", "en": "/en/editorial"},
}
SECTIONS = ("portal", "desk")  # the pages under these addresses have them as their breadcrumb's parent


def path(name: str, language: str) -> str:
    return PATHS[name]["en" if language == "en" else "fr"]


def language_of_path(current: str) -> str:
    return "en" if current.startswith("/en/") else "fr"


def _under(current: str, prefix: str) -> bool:
    return current == prefix or current.startswith(prefix + "/")


def alternate(current: str, query: str = "") -> str:
    """``current`` in the other language: its longest known address swapped, the rest (a resource id) and the
    query kept (``/fr/espace-partenaire/ressources/x.fr`` → ``/en/partner/resources/x.fr``)."""
    lang = language_of_path(current)
    known = [(len(p[lang]), name) for name, p in PATHS.items() if _under(current, p[lang])]
    if not known:
        return path("portal", other_language(lang))
    size, name = max(known)
    swapped = path(name, other_language(lang)) + current[size:]
    return f"{swapped}?{query}" if query else swapped


def section(current: str) -> str | None:
    """The section (portal, desk) a page belongs to, if any."""
    lang = language_of_path(current)
    return next((name for name in SECTIONS if _under(current, path(name, lang))), None)
