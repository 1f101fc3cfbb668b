"""Every page's address in each language, its language switch and its section, written out: the addresses are
public (links, bookmarks, search engines), so a change to the table must show here."""

import pytest

from app.languages import LANGUAGES
from app.paths import PAGES, page_path
from app.web.paths import alternate, section

# (page, language, address, the people's language switch from it, the people's section it belongs to). The switch
# and the section are those of the signed-in people's pages: they know only those pages, so from a public page the
# switch leads to the partners' space (the public pages build their own, app.routers.site).
EVERY_PAGE = [
    ("home", "fr", "/fr/", "/en/partner", None),
    ("home", "en", "/en/", "/fr/espace-partenaire", None),
    ("search", "fr", "/fr/recherche", "/en/partner", None),
    ("search", "en", "/en/search", "/fr/espace-partenaire", None),
    ("countries", "fr", "/fr/pays/", "/en/partner", None),
    ("countries", "en", "/en/countries/", "/fr/espace-partenaire", None),
    ("sectors", "fr", "/fr/secteurs/", "/en/partner", None),
    ("sectors", "en", "/en/sectors/", "/fr/espace-partenaire", None),
    ("tools", "fr", "/fr/outils/", "/en/partner", None),
    ("tools", "en", "/en/tools/", "/fr/espace-partenaire", None),
    ("training", "fr", "/fr/formations/", "/en/partner", None),
    ("training", "en", "/en/training/", "/fr/espace-partenaire", None),
    ("screening", "fr", "/fr/outils/criblage", "/en/partner", None),
    ("screening", "en", "/en/tools/screening", "/fr/espace-partenaire", None),
    ("screening_sample", "fr", "/fr/outils/criblage/exemple.csv", "/en/partner", None),
    ("screening_sample", "en", "/en/tools/screening/sample.csv", "/fr/espace-partenaire", None),
    ("publish", "fr", "/fr/publier", "/en/partner", "publish"),
    ("publish", "en", "/en/publish", "/fr/espace-partenaire", "publish"),
    ("about", "fr", "/fr/a-propos", "/en/partner", None),
    ("about", "en", "/en/about", "/fr/espace-partenaire", None),
    ("glossary", "fr", "/fr/glossaire", "/en/partner", None),
    ("glossary", "en", "/en/glossary", "/fr/espace-partenaire", None),
    ("api", "fr", "/fr/api", "/en/partner", None),
    ("api", "en", "/en/api", "/fr/espace-partenaire", None),
    ("accessibility", "fr", "/fr/accessibilite", "/en/partner", None),
    ("accessibility", "en", "/en/accessibility", "/fr/espace-partenaire", None),
    ("personal_data", "fr", "/fr/donnees-personnelles", "/en/partner", None),
    ("personal_data", "en", "/en/personal-data", "/fr/espace-partenaire", None),
    ("legal_notice", "fr", "/fr/mentions-legales", "/en/partner", None),
    ("legal_notice", "en", "/en/legal-notice", "/fr/espace-partenaire", None),
    ("login", "fr", "/fr/connexion", "/en/sign-in", None),
    ("login", "en", "/en/sign-in", "/fr/connexion", None),
    ("logout", "fr", "/fr/deconnexion", "/en/sign-out", None),
    ("logout", "en", "/en/sign-out", "/fr/deconnexion", None),
    ("logout_everywhere", "fr", "/fr/deconnexion-partout", "/en/sign-out-everywhere", None),
    ("logout_everywhere", "en", "/en/sign-out-everywhere", "/fr/deconnexion-partout", None),
    ("forgot", "fr", "/fr/mot-de-passe-oublie", "/en/forgot-password", None),
    ("forgot", "en", "/en/forgot-password", "/fr/mot-de-passe-oublie", None),
    ("account_request", "fr", "/fr/publier/demande-de-compte", "/en/publish/account-request", "publish"),
    ("account_request", "en", "/en/publish/account-request", "/fr/publier/demande-de-compte", "publish"),
    ("key_request", "fr", "/fr/integrer/demande-de-cle", "/en/embed/key-request", None),
    ("key_request", "en", "/en/embed/key-request", "/fr/integrer/demande-de-cle", None),
    ("alerts", "fr", "/fr/alertes", "/en/alerts", None),
    ("alerts", "en", "/en/alerts", "/fr/alertes", None),
    ("alert_confirm", "fr", "/fr/alertes/confirmer", "/en/alerts/confirm", None),
    ("alert_confirm", "en", "/en/alerts/confirm", "/fr/alertes/confirmer", None),
    ("alert_unsubscribe", "fr", "/fr/alertes/desabonnement", "/en/alerts/unsubscribe", None),
    ("alert_unsubscribe", "en", "/en/alerts/unsubscribe", "/fr/alertes/desabonnement", None),
    ("alert_manage", "fr", "/fr/alertes/gerer", "/en/alerts/manage", None),
    ("alert_manage", "en", "/en/alerts/manage", "/fr/alertes/gerer", None),
    ("alert_manage_link", "fr", "/fr/alertes/lien-de-gestion", "/en/alerts/manage-link", None),
    ("alert_manage_link", "en", "/en/alerts/manage-link", "/fr/alertes/lien-de-gestion", None),
    ("set_password", "fr", "/fr/mot-de-passe", "/en/set-password", None),
    ("set_password", "en", "/en/set-password", "/fr/mot-de-passe", None),
    ("portal", "fr", "/fr/espace-partenaire", "/en/partner", "portal"),
    ("portal", "en", "/en/partner", "/fr/espace-partenaire", "portal"),
    ("team", "fr", "/fr/espace-partenaire/equipe", "/en/partner/team", "portal"),
    ("team", "en", "/en/partner/team", "/fr/espace-partenaire/equipe", "portal"),
    ("team_requests", "fr", "/fr/espace-partenaire/equipe/demandes", "/en/partner/team/requests", "portal"),
    ("team_requests", "en", "/en/partner/team/requests", "/fr/espace-partenaire/equipe/demandes", "portal"),
    (
        "team_key_requests",
        "fr",
        "/fr/espace-partenaire/equipe/demandes-de-cle",
        "/en/partner/team/key-requests",
        "portal",
    ),
    (
        "team_key_requests",
        "en",
        "/en/partner/team/key-requests",
        "/fr/espace-partenaire/equipe/demandes-de-cle",
        "portal",
    ),
    ("account", "fr", "/fr/espace-partenaire/compte", "/en/partner/account", "portal"),
    ("account", "en", "/en/partner/account", "/fr/espace-partenaire/compte", "portal"),
    ("account_sessions", "fr", "/fr/espace-partenaire/compte/sessions", "/en/partner/account/sessions", "portal"),
    ("account_sessions", "en", "/en/partner/account/sessions", "/fr/espace-partenaire/compte/sessions", "portal"),
    ("account_mails", "fr", "/fr/espace-partenaire/compte/courriels", "/en/partner/account/mails", "portal"),
    ("account_mails", "en", "/en/partner/account/mails", "/fr/espace-partenaire/compte/courriels", "portal"),
    ("new", "fr", "/fr/espace-partenaire/nouvelle-ressource", "/en/partner/new-resource", "portal"),
    ("new", "en", "/en/partner/new-resource", "/fr/espace-partenaire/nouvelle-ressource", "portal"),
    ("preview", "fr", "/fr/espace-partenaire/apercu", "/en/partner/preview", "portal"),
    ("preview", "en", "/en/partner/preview", "/fr/espace-partenaire/apercu", "portal"),
    ("resource", "fr", "/fr/espace-partenaire/ressources", "/en/partner/resources", "portal"),
    ("resource", "en", "/en/partner/resources", "/fr/espace-partenaire/ressources", "portal"),
    ("desk", "fr", "/fr/redaction", "/en/editorial", "desk"),
    ("desk", "en", "/en/editorial", "/fr/redaction", "desk"),
    (
        "desk_searches",
        "fr",
        "/fr/redaction/recherches-sans-resultat",
        "/en/editorial/searches-without-results",
        "desk",
    ),
    (
        "desk_searches",
        "en",
        "/en/editorial/searches-without-results",
        "/fr/redaction/recherches-sans-resultat",
        "desk",
    ),
    (
        "desk_followed",
        "fr",
        "/fr/redaction/ce-que-les-lecteurs-suivent",
        "/en/editorial/what-readers-follow",
        "desk",
    ),
    ("desk_followed", "en", "/en/editorial/what-readers-follow", "/fr/redaction/ce-que-les-lecteurs-suivent", "desk"),
    ("desk_reads", "fr", "/fr/redaction/ressources-les-plus-lues", "/en/editorial/most-read-resources", "desk"),
    ("desk_reads", "en", "/en/editorial/most-read-resources", "/fr/redaction/ressources-les-plus-lues", "desk"),
]


def test_every_page_is_listed() -> None:
    assert sorted({(name, lang) for name, lang, *_ in EVERY_PAGE}) == sorted(
        (name, lang) for name in PAGES for lang in LANGUAGES
    )


@pytest.mark.parametrize(("name", "language", "address", "switch", "in_section"), EVERY_PAGE)
def test_address_language_switch_and_section(
    name: str, language: str, address: str, switch: str, in_section: str | None
) -> None:
    found = page_path(name, language)
    assert (found, alternate(found), section(found)) == (address, switch, in_section)


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("language", ["de", "", "FR"])
def test_a_language_the_centre_does_not_have_gets_the_french_address(name: str, language: str) -> None:
    assert page_path(name, language) == PAGES[name]["fr"]


def test_a_query_is_added_without_its_empty_values() -> None:
    assert page_path("search", "en", q="cocoa", type=["tool", "guide"], country="") == (
        "/en/search?q=cocoa&type=tool&type=guide"
    )
