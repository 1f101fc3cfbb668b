"""The addresses of the partners' and editors' pages in each language."""

PATHS: dict[str, dict[str, str]] = {
    "login": {"fr": "/fr/connexion", "en": "/en/sign-in"},
    "logout": {"fr": "/fr/deconnexion", "en": "/en/sign-out"},
    "logout_everywhere": {"fr": "/fr/deconnexion-partout", "en": "/en/sign-out-everywhere"},
    "forgot": {"fr": "/fr/mot-de-passe-oublie", "en": "/en/forgot-password"},
    "set_password": {"fr": "/fr/mot-de-passe", "en": "/en/set-password"},
    "portal": {"fr": "/fr/espace-partenaire", "en": "/en/partner"},
    "team": {"fr": "/fr/espace-partenaire/equipe", "en": "/en/partner/team"},
    "new": {"fr": "/fr/espace-partenaire/nouvelle-ressource", "en": "/en/partner/new-resource"},
    "preview": {"fr": "/fr/espace-partenaire/apercu", "en": "/en/partner/preview"},
    "resource": {"fr": "/fr/espace-partenaire/ressources", "en": "/en/partner/resources"},
    "desk": {"fr": "/fr/redaction", "en": "/en/editorial"},
}


def path(name: str, language: str) -> str:
    return PATHS[name]["en" if language == "en" else "fr"]


def other_language(language: str) -> str:
    return "en" if language == "fr" else "fr"
