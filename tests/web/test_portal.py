"""The partner portal: the organisation's resources, create and edit with every problem shown at once next to its
field, preview through the public sanitiser, submit (the editors get a mail), translation, revisions and diff."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import Mailbox, csrf_of, make_person, sign_in

NEW = "/fr/espace-partenaire/nouvelle-ressource"
GOOD = {
    "type": "good_practice",
    "title": "Suivi communautaire des enfants dans les coopératives",
    "summary": "Des agents visitent les ménages et orientent les enfants vers l’école.",
    "body": "## Démarche\n\nDes agents visitent les ménages.\n",
    "countries": ["CI"],
    "sectors": ["cocoa"],
    "risks": ["child-labour"],
    "source_title": ["ICI, CLMRS", ""],
    "source_url": ["https://example.org/clmrs", ""],
    "licence": "CC-BY-4.0",
    "language": "fr",
}


def post(client: TestClient, url: str, page: str | None = None, **data: object) -> object:
    token = csrf_of(client.get(page or url))
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def test_portal_needs_a_signed_in_person(web: TestClient) -> None:
    for url in ("/fr/espace-partenaire", "/en/partner", NEW, "/fr/espace-partenaire/ressources/x.fr"):
        response = web.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith(("/fr/connexion", "/en/sign-in"))


def test_every_problem_is_shown_at_once_next_to_its_field(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    page = web.get(NEW)
    assert page.status_code == 200 and "Côte d’Ivoire" in page.text and 'value="CI"' in page.text
    bad = dict(GOOD, title="", licence="", source_title=["", ""], source_url=["", ""], body="")
    response = web.post(NEW, data={"csrf_token": csrf_of(page), **bad}, follow_redirects=False)
    assert response.status_code == 422
    text = response.text
    assert "Corrigez les champs signalés ci-dessous." in text
    for field in ("title", "licence", "body", "sources"):  # each problem is tied to its field for screen readers
        assert re.search(f'aria-describedby="([^"]+ )?e-{field}"', text) and f'id="e-{field}"' in text, field
    # In the page's language, not the API's English
    assert "une ressource de type «\u00a0bonne pratique\u00a0» doit citer au moins une source avec son adresse" in text
    assert "est vide" in text and "obligatoire" in text  # the body; the title
    assert "Field required" not in text and "is empty" not in text
    assert text.count('aria-invalid="true"') >= 4
    assert web.get("/fr/espace-partenaire").text.count("<tr>") == 0  # nothing written


def test_the_form_asks_for_the_title_first_and_keeps_the_addresses_aside(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    text = web.get(NEW).text
    assert text.index('id="f-title"') < text.index('id="f-translation_key"')  # a person writes a title, not a key
    aside = re.search(r'<details class="advanced"( open)?>', text)
    assert aside and not aside.group(1)  # made from the title: closed until needed
    assert 'aria-describedby="h-body"' in text and "Un intertitre\u00a0: ## Intertitre." in text  # Markdown, told
    # A problem with the address opens it, next to its field.
    response = post(web, NEW, **dict(GOOD, slug="Pas une adresse !"))
    assert response.status_code == 422
    page = response.text
    assert '<details class="advanced" open>' in page and 'id="e-slug"' in page


def test_a_saved_resource_without_country_sector_or_risk_is_told_it_will_not_be_found(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    assert 'id="unfindable"' not in web.get(NEW).text  # nothing saved yet: nothing to warn about
    created = post(web, NEW, **dict(GOOD, action="save", countries=[], sectors=[], risks=[]))
    assert created.status_code == 303  # saved: a warning, not a problem
    page = web.get(created.headers["location"]).text
    assert "ne cite encore aucun pays, secteur ni risque\u00a0: qui affine la recherche" in page


def test_a_title_on_two_lines_is_a_problem_next_to_it(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    # It went into the editors' mail subject, where a line break is refused: a 500 after the submission was kept.
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    sign_in(web, "awa@ong-a.org")
    response = post(web, NEW, **dict(GOOD, action="submit", title="Deux\nlignes"))
    assert response.status_code == 422
    assert '<p class="field-error" id="e-title">doit tenir sur une ligne</p>' in response.text


def test_a_sources_problem_names_the_source_and_its_part_in_the_pages_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    bad = dict(GOOD, source_title=["ICI", "OIT"], source_url=["https://example.org/clmrs", "pas une adresse"])
    french = post(web, NEW, **dict(bad, action="save"))
    assert french.status_code == 422
    assert "source 2, adresse\u00a0: n’est pas une adresse web (elle commence par https://)" in french.text
    english = post(web, "/en/partner/new-resource", **dict(bad, action="save", language="en"))
    assert english.status_code == 422
    assert "source 2, address: not a web address (it starts with https://)" in english.text


def test_the_preview_shows_the_body_in_the_typography_of_its_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """As the public page will: « l'OIT : » reads « l’OIT : » in a French resource, an English one as typed, whatever
    the language of the portal's page (the live preview sends the resource's)."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    typed = "Le rapport de l'OIT : 40 %"
    french = post(web, NEW, **dict(GOOD, action="preview", body=typed))
    assert "Le rapport de l’OIT&nbsp;: 40&nbsp;%" in french.text
    english = post(web, NEW, **dict(GOOD, action="preview", language="en", body=typed))
    assert "Le rapport de l'OIT : 40 %" in english.text
    live_english = post(web, "/fr/espace-partenaire/apercu", NEW, body=typed, language="en")
    assert live_english.text == "<p>Le rapport de l'OIT : 40 %</p>\n"
    live_french = post(web, "/en/partner/preview", "/en/partner/new-resource", body=typed, language="fr")
    assert "l’OIT&nbsp;: 40&nbsp;%" in live_french.text


def test_create_preview_submit_and_translate(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    sign_in(web, "awa@ong-a.org")
    preview = post(web, NEW, **dict(GOOD, action="preview", body="**gras** <script>alert(1)</script>"))
    assert (
        preview.status_code == 200 and "<strong>gras</strong>" in preview.text and "<script>alert" not in preview.text
    )
    live = post(web, "/fr/espace-partenaire/apercu", NEW, body="[x](javascript:alert(1)) _ok_")
    assert live.status_code == 200 and "<em>ok</em>" in live.text and 'href="javascript' not in live.text
    assert web.post("/fr/espace-partenaire/apercu", data={"body": "x"}).status_code == 403  # CSRF
    created = post(web, NEW, **dict(GOOD, action="save"))
    assert created.status_code == 303
    rid = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"
    assert created.headers["location"] == f"/fr/espace-partenaire/ressources/{rid}?notice=saved"
    edit_url = f"/fr/espace-partenaire/ressources/{rid}"
    page = web.get(created.headers["location"])
    assert "Brouillon enregistré." in page.text and "brouillon" in page.text
    assert 'id="unfindable"' not in page.text  # it names Côte d'Ivoire, cocoa and child labour
    version = page.text.split('name="version" value="')[1].split('"')[0]
    submitted = web.post(
        edit_url,
        data={
            "csrf_token": csrf_of(page),
            "version": version,
            **dict(GOOD, action="submit", summary="Nouveau résumé."),
        },
        follow_redirects=False,
    )
    assert submitted.status_code == 303 and submitted.headers["location"].endswith("?notice=submitted")
    [mail] = mailbox.to("redac@crv.org")
    assert str(mail["Subject"]).startswith("À relire\u00a0:") and f"/fr/redaction/{rid}" in mailbox.body(mail)
    listing = web.get("/fr/espace-partenaire")
    assert "soumise" in listing.text and "Suivi communautaire" in listing.text
    # the revisions and their diff
    page = web.get(edit_url)
    assert "Comparer avec la précédente" in page.text
    diff = web.get(f"{edit_url}/revisions/2/diff")
    assert diff.status_code == 200 and "+summary: Nouveau résumé." in diff.text
    # the English translation shares the key, with the language-neutral fields copied
    translation = web.get(f"{NEW}?translation_of={rid}")
    assert 'value="suivi-communautaire-des-enfants-dans-les-cooperatives"' in translation.text
    assert 'value="CI" checked' in translation.text and 'value="https://example.org/clmrs"' in translation.text
    english = dict(
        GOOD,
        language="en",
        translation_key="suivi-communautaire-des-enfants-dans-les-cooperatives",
        title="Community monitoring of children in cooperatives",
        summary="Agents visit households.",
        body="## Approach\n\nAgents visit households.\n",
        action="submit",
    )
    made = web.post(NEW, data={"csrf_token": csrf_of(translation), **english}, follow_redirects=False)
    assert made.status_code == 303, made.text
    assert "/en/partner" not in made.headers["location"]  # French interface: French addresses
    assert web.get("/en/partner").status_code == 200 and "Community monitoring" in web.get("/en/partner").text

    french = web.get(f"/fr/espace-partenaire/ressources/{rid}")
    assert "Ouvrir la version anglaise" in french.text and "Ajouter la version anglaise" not in french.text
