"""The partners' and editors' pages are pages of the site: its header, navigation, breadcrumb and footer; their
strings come from the site's gettext catalogs in the page's language; the language switch leads to the same page
in the other language."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.web.paths import alternate
from tests.web.helpers import make_person, sign_in
from tests.web.test_security import create

SWITCH = re.compile(r'<a class="lang-switch" href="([^"]+)" hreflang="(\w+)"')
CRUMBS = re.compile(r'<nav class="wrap breadcrumb"[^>]*>(.*?)</nav>', re.S)


def switch_of(html: str) -> tuple[str, str]:
    found = SWITCH.search(html)
    assert found, html[:300]
    return found.group(1).replace("&amp;", "&"), found.group(2)


def test_the_language_switch_leads_to_the_same_page(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    assert switch_of(web.get("/fr/connexion?next=/fr/espace-partenaire").text) == (
        "/en/sign-in?next=%2Ffr%2Fespace-partenaire",
        "en",
    )
    sign_in(web, "awa@ong-a.org")
    rid = create(web, action="submit")
    pages = {
        "/fr/espace-partenaire": "/en/partner",
        "/en/partner": "/fr/espace-partenaire",
        "/fr/espace-partenaire/equipe": "/en/partner/team",
        "/en/partner/account": "/fr/espace-partenaire/compte",
        "/fr/espace-partenaire/nouvelle-ressource?type=tool": "/en/partner/new-resource?type=tool",
        f"/fr/espace-partenaire/ressources/{rid}?notice=saved": f"/en/partner/resources/{rid}",
        f"/en/partner/resources/{rid}/revisions/1/diff": f"/fr/espace-partenaire/ressources/{rid}/revisions/1/diff",
    }
    for page, other in pages.items():
        response = web.get(page)
        assert response.status_code == 200, page
        assert switch_of(response.text) == (other, other[1:3]), page
        assert web.get(other).status_code == 200, other
    editor = TestClient(web.app)
    sign_in(editor, "redac@crv.org")
    assert switch_of(editor.get(f"/fr/redaction/{rid}").text) == (f"/en/editorial/{rid}", "en")
    assert alternate("/fr/ailleurs") == "/en/partner"


def test_portal_pages_have_the_site_layout_in_their_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    french, english = web.get("/fr/espace-partenaire/nouvelle-ressource"), web.get("/en/partner/new-resource")
    for response, words in ((french, ("Rechercher", "Accueil", "Nouvelle ressource", "Enregistrer le brouillon")),
                            (english, ("Search", "Home", "New resource", "Save the draft"))):  # fmt: skip
        html = response.text
        assert 'class="wrap main-nav"' in html and '<footer class="site">' in html
        assert all(word in html for word in words), words
        crumbs = CRUMBS.search(html)
        assert crumbs
        assert ("Espace partenaire" if response is french else "Partner area") in crumbs.group(1)  # as the menu says
    assert "Enregistrer" not in english.text and "Save the draft" not in french.text
    assert 'href="/fr/publier" aria-current="page"' in french.text  # "Publish" is where partners are


def test_each_page_shows_the_notice_its_redirect_asked_for_in_its_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    assert "Vous êtes déconnecté·e sur tous vos appareils." in web.get("/fr/connexion?notice=everywhere").text
    sign_in(web, "redac@crv.org")
    shown = {
        "/fr/espace-partenaire?notice=password": "Votre mot de passe est enregistré. Vous êtes connecté·e.",
        "/fr/redaction?notice=approved": "Publiée.",
        "/fr/espace-partenaire/compte?notice=others": "Vos autres sessions sont fermées.",
        "/en/editorial?notice=approved": "Published.",
    }
    for url, notice in shown.items():
        assert notice in web.get(url).text, url
    assert "Publiée." not in web.get("/fr/redaction?notice=unknown").text  # only the page's own notices


def test_an_error_page_leads_back_into_its_own_part_of_the_site(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    # A public page of the people's kind (an email alert's link, no account) is the public site's: its error page
    # leads home and does not mark « Publier » as the current menu item; the partners' own pages lead to their area.
    public = web.get("/fr/alertes/confirmer?t=altered")
    assert public.status_code == 404
    assert '<a href="/fr/">La page d’accueil</a>' in public.text
    assert "Espace partenaire</a>" not in public.text.split("<main", 1)[1]
    assert (
        'aria-current="page" href="/fr/publier"' not in public.text
        and 'href="/fr/publier" aria-current' not in public.text
    )
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    sign_in(web, "awa@ong-a.org")
    portal = web.get("/en/partner/resources/nobody.fr")
    assert portal.status_code == 404
    assert '<a href="/en/partner">Partner area</a>' in portal.text.split("<main", 1)[1]
