"""The addresses of the centre's pages in each language — the public site's and the signed-in people's — and the
one rule for a language the centre does not have: its default language's address. Links inside the site are
root-relative paths; absolute URLs (canonical, ``hreflang``, Open Graph, sitemap, mails) are built on
``CRV_PUBLIC_BASE_URL`` by :func:`absolute`, never on the request's ``Host`` header."""

from collections.abc import Mapping
from urllib.parse import urlencode

from app.languages import DEFAULT_LANGUAGE, LANGUAGES

# The signed-in people's pages (accounts, partners' space, editorial desk): their language switch and breadcrumb
# search these (app.web.paths).
PEOPLE_PAGES: Mapping[str, Mapping[str, str]] = {
    "login": {"fr": "/fr/connexion", "en": "/en/sign-in"},
    "logout": {"fr": "/fr/deconnexion", "en": "/en/sign-out"},
    "logout_everywhere": {"fr": "/fr/deconnexion-partout", "en": "/en/sign-out-everywhere"},
    "forgot": {"fr": "/fr/mot-de-passe-oublie", "en": "/en/forgot-password"},
    "account_request": {"fr": "/fr/publier/demande-de-compte", "en": "/en/publish/account-request"},
    # a site's request for a publishable key, from the snippet builder (/embed/demo): no account needed either
    "key_request": {"fr": "/fr/integrer/demande-de-cle", "en": "/en/embed/key-request"},
    # a reader's email alert for a search (app.routers.alerts): asked from the search page, confirmed and stopped
    # from the links its mails bring; no account needed either
    "alerts": {"fr": "/fr/alertes", "en": "/en/alerts"},
    "alert_confirm": {"fr": "/fr/alertes/confirmer", "en": "/en/alerts/confirm"},
    "alert_unsubscribe": {"fr": "/fr/alertes/desabonnement", "en": "/en/alerts/unsubscribe"},
    # « Mes alertes »: every alert of an address, by the signed link its mails bring or the form of /fr/alertes mails
    "alert_manage": {"fr": "/fr/alertes/gerer", "en": "/en/alerts/manage"},
    "alert_manage_link": {"fr": "/fr/alertes/lien-de-gestion", "en": "/en/alerts/manage-link"},
    "set_password": {"fr": "/fr/mot-de-passe", "en": "/en/set-password"},
    "portal": {"fr": "/fr/espace-partenaire", "en": "/en/partner"},
    "team": {"fr": "/fr/espace-partenaire/equipe", "en": "/en/partner/team"},
    "team_requests": {"fr": "/fr/espace-partenaire/equipe/demandes", "en": "/en/partner/team/requests"},
    "team_key_requests": {"fr": "/fr/espace-partenaire/equipe/demandes-de-cle", "en": "/en/partner/team/key-requests"},
    "account": {"fr": "/fr/espace-partenaire/compte", "en": "/en/partner/account"},
    "account_sessions": {"fr": "/fr/espace-partenaire/compte/sessions", "en": "/en/partner/account/sessions"},
    "account_mails": {"fr": "/fr/espace-partenaire/compte/courriels", "en": "/en/partner/account/mails"},
    "new": {"fr": "/fr/espace-partenaire/nouvelle-ressource", "en": "/en/partner/new-resource"},
    "preview": {"fr": "/fr/espace-partenaire/apercu", "en": "/en/partner/preview"},
    "resource": {"fr": "/fr/espace-partenaire/ressources", "en": "/en/partner/resources"},
    "desk": {"fr": "/fr/redaction", "en": "/en/editorial"},
    # the words readers searched that found nothing (app.routers.desk_searches): before the desk's /<resource id>
    "desk_searches": {"fr": "/fr/redaction/recherches-sans-resultat", "en": "/en/editorial/searches-without-results"},
    # the most read resources (app.routers.desk_reads): before the desk's /<resource id> too
    "desk_reads": {"fr": "/fr/redaction/ressources-les-plus-lues", "en": "/en/editorial/most-read-resources"},
    # the subjects readers follow by email alert (app.routers.desk_searches too): before the desk's /<resource id>
    "desk_followed": {"fr": "/fr/redaction/ce-que-les-lecteurs-suivent", "en": "/en/editorial/what-readers-follow"},
}
# The last part of the address of a submission's correction by an editor, under its desk page
# (``/fr/redaction/<id>/corriger``, ``/en/editorial/<id>/correct``).
DESK_CORRECT: Mapping[str, str] = {"fr": "corriger", "en": "correct"}
PAGES: Mapping[str, Mapping[str, str]] = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "search": {"fr": "/fr/recherche", "en": "/en/search"},
    "countries": {"fr": "/fr/pays/", "en": "/en/countries/"},
    "sectors": {"fr": "/fr/secteurs/", "en": "/en/sectors/"},
    "tools": {"fr": "/fr/outils/", "en": "/en/tools/"},
    "training": {"fr": "/fr/formations/", "en": "/en/training/"},
    "screening": {"fr": "/fr/outils/criblage", "en": "/en/tools/screening"},
    "screening_sample": {"fr": "/fr/outils/criblage/exemple.csv", "en": "/en/tools/screening/sample.csv"},
    "publish": {"fr": "/fr/publier", "en": "/en/publish"},
    "about": {"fr": "/fr/a-propos", "en": "/en/about"},
    "glossary": {"fr": "/fr/glossaire", "en": "/en/glossary"},  # the words of target 8.7, defined with their sources
    "api": {"fr": "/fr/api", "en": "/en/api"},  # what the API offers; its reference (/docs, /redoc) is in English
    # what the law asks every page to lead to (app.routers.legal): linked from every page's footer
    "accessibility": {"fr": "/fr/accessibilite", "en": "/en/accessibility"},
    "personal_data": {"fr": "/fr/donnees-personnelles", "en": "/en/personal-data"},
    "legal_notice": {"fr": "/fr/mentions-legales", "en": "/en/legal-notice"},
    **PEOPLE_PAGES,
}


def page_path(name: str, language: str, **query: str | list[str]) -> str:
    path = PAGES[name][language if language in LANGUAGES else DEFAULT_LANGUAGE]
    params = {key: value for key, value in query.items() if value}
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


def alert_path(language: str, **filters: str | list[str]) -> str:
    """The email alert form (app.routers.alerts) of a selection by ``filters`` (a filter's name, its code or codes),
    in ``language``, which the alert keeps as its ``lang`` filter — as the search page's own link and its feed's
    selection carry it, so the two links of one subject are the same address."""
    return page_path("alerts", language, **filters, lang=language)


# The folder of the resources' pages, in each language's words (the French pages were under /fr/resources/ until
# December 2026, which now redirects).
RESOURCES_FOLDER = {"fr": "ressources", "en": "resources"}


def resource_path(language: str, slug: str) -> str:
    return f"/{language}/{RESOURCES_FOLDER.get(language, 'resources')}/{slug}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path
