"""The partner portal: the organisation's resources, create and edit with every problem shown at once next to its
field, preview through the public sanitiser, submit (the editors get a mail), translation, revisions and diff."""

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role, UserSession
from app.services import accounts
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, make_person, sign_in

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
    bad = dict(GOOD, title="", licence="", source_title=["", ""], source_url=["", ""], body="", action="submit")
    response = web.post(NEW, data={"csrf_token": csrf_of(page), **bad}, follow_redirects=False)
    assert response.status_code == 422
    text = response.text
    assert '<div class="alert error-summary" role="alert"' in text  # nothing saved: tests/web/test_portal_drafts.py
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
    assert '<p class="field-error" id="e-sources.1.url">une adresse web commence par' in french.text
    english = post(web, "/en/partner/new-resource", **dict(bad, action="save", language="en"))
    assert english.status_code == 422
    problem = "a web address starts with “https://”: perhaps a “:” or “//” is missing"
    assert f'<a href="#f-sources.1.url">Source 2, address: {problem}</a>' in english.text
    assert f'<p class="field-error" id="e-sources.1.url">{problem}</p>' in english.text


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
    assert str(mail["Subject"]).startswith(
        "Nouvelle ressource à relire\u00a0:"
    ) and f"/fr/redaction/{rid}" in mailbox.body(mail)
    listing = web.get("/fr/espace-partenaire")
    assert "soumise" in listing.text and "Suivi communautaire" in listing.text
    # the revisions and their diff
    page = web.get(edit_url)
    assert "Comparer avec la précédente" in page.text
    diff = web.get(f"{edit_url}/revisions/2/diff")
    assert diff.status_code == 200 and "<dt>Résumé</dt>" in diff.text
    assert "</strong> Nouveau résumé.</p>" in diff.text and "summary:" not in diff.text  # by its label
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


def version_of(page: str) -> str:
    return page.split('name="version" value="')[1].split('"')[0]


def test_a_draft_needs_only_its_title_and_submitting_asks_for_the_rest(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Saving a draft with a title alone was refused (« Corrigez les champs… »): work was lost. Now a draft keeps
    whatever is typed; the submission shows what is missing, every part next to its field, and keeps the draft."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    sign_in(web, "awa@ong-a.org", lang="en")
    new = "/en/partner/new-resource"
    saved = post(web, new, type="good_practice", language="fr", title="Suivi des enfants", action="save")
    assert saved.status_code == 303 and saved.headers["location"].endswith("?notice=saved"), saved.text
    edit_url = saved.headers["location"].split("?")[0]
    page = web.get(saved.headers["location"])
    assert "Draft saved." in page.text and 'value="Suivi des enfants"' in page.text
    refused = web.post(
        edit_url,
        data={
            "csrf_token": csrf_of(page),
            "version": version_of(page.text),
            **dict(GOOD, summary="Un résumé.", body="", licence="", source_title=[""], source_url=[""]),
            "action": "submit",
        },
        follow_redirects=False,
    )
    assert refused.status_code == 422
    text = refused.text
    assert "Your draft is saved. To submit it, complete the fields marked below." in text
    for field in ("licence", "body", "sources"):
        assert re.search(f'aria-describedby="([^"]+ )?e-{field}"', text) and f'id="e-{field}"' in text, field
    assert 'id="e-summary"' not in text and 'id="e-title"' not in text
    assert mailbox.to("redac@crv.org") == []  # not submitted
    again = web.get(edit_url).text  # what was typed is saved: nothing lost
    assert "Un résumé." in again and 'value="CI" checked' in again and version_of(again) == version_of(text)
    assert '<span class="state">draft</span>' in again
    done = web.post(
        edit_url,
        data={"csrf_token": csrf_of(refused), "version": version_of(text), **dict(GOOD, action="submit")},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("?notice=submitted")
    assert len(mailbox.to("redac@crv.org")) == 1


def end_sessions(session_factory: sessionmaker[Session]) -> None:
    """Every session idle for longer than the limit, as after two hours away."""
    with session_factory() as session:
        session.execute(update(UserSession).values(last_seen_at=accounts.utcnow() - timedelta(minutes=121)))
        session.commit()


def test_a_form_posted_after_the_session_ended_is_kept_and_saved_once_signed_in_again(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """It sent the person to the sign-in page with no word, and lost everything typed. Now the form comes back
    with it, says why, asks for the password there and saves; CSRF is checked as on every form."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    new = "/en/partner/new-resource"
    form = web.get(new)
    end_sessions(session_factory)
    typed = dict(GOOD, title="Deux heures de travail", body="## Démarche\n\nUn long texte.\n", action="save")
    assert web.post(new, data=typed, follow_redirects=False).status_code == 403  # no CSRF token: refused, always
    ended = web.post(new, data={"csrf_token": csrf_of(form), **typed}, follow_redirects=False)
    assert ended.status_code == 401
    assert "Your session has ended" in ended.text and 'autocomplete="current-password"' in ended.text
    assert 'value="Deux heures de travail"' in ended.text and "Un long texte." in ended.text
    assert 'value="CI" checked' in ended.text and 'value="https://example.org/clmrs"' in ended.text
    assert 'action="/en/partner/new-resource"' in ended.text and "Sign out" not in ended.text
    wrong = web.post(
        new,
        data={"csrf_token": csrf_of(ended), **typed, "email": "awa@ong-a.org", "password": "not the password"},
        follow_redirects=False,
    )
    assert wrong.status_code == 401 and "Wrong email address or password." in wrong.text
    assert "Un long texte." in wrong.text and 'value="awa@ong-a.org"' in wrong.text
    saved = web.post(
        new,
        data={"csrf_token": csrf_of(wrong), **typed, "email": "awa@ong-a.org", "password": PASSWORD},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?notice=saved"), saved.text
    page = web.get(saved.headers["location"])  # signed in again, with a new session and new CSRF tokens
    assert page.status_code == 200 and "Un long texte." in page.text and "Deux heures de travail" in page.text
    more = dict(typed, title="Suite", version=version_of(page.text), csrf_token=csrf_of(page))
    assert web.post(saved.headers["location"].split("?")[0], data=more, follow_redirects=False).status_code == 303


def test_an_ended_session_is_told_and_brings_the_person_back_to_their_page(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    sign_in(web, "awa@ong-a.org")
    team = web.get("/fr/espace-partenaire/equipe")
    end_sessions(session_factory)
    shown = web.get("/fr/espace-partenaire/compte", follow_redirects=False)
    assert shown.headers["location"] == "/fr/connexion?next=/fr/espace-partenaire/compte&notice=expired"
    told = web.get(shown.headers["location"]).text
    assert "Votre session a pris fin (après une longue inactivité, ou une déconnexion ailleurs)." in told
    # A form whose address answers POST only: back to the page it was posted from, not to a 405.
    posted = web.post(
        "/fr/espace-partenaire/equipe/organisations",
        data={"csrf_token": csrf_of(team)},
        headers={"referer": "http://testserver/fr/espace-partenaire/equipe"},
        follow_redirects=False,
    )
    assert posted.headers["location"] == "/fr/connexion?next=/fr/espace-partenaire/equipe&notice=expired"
    fresh = TestClient(web.app)  # never signed in here: no word about an ended session
    assert "notice" not in fresh.get("/fr/espace-partenaire", follow_redirects=False).headers["location"]


def test_names_not_codes_in_the_pickers_and_addresses_without_https(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    page = web.get(NEW).text
    # a person reads « Côte d’Ivoire »; the filter also knows « Ivory Coast » and the code
    assert re.search(r'value="CI"> <span data-words="[^"]*Ivory Coast[^"]*CI">Côte d’Ivoire</span></label>', page)
    assert '<span class="hint">CI</span>' not in page and '<span class="hint">sub-saharan-africa</span>' not in page
    assert 'type="url"' not in page  # the browser would refuse « www.… » before the server could complete it
    typed = dict(GOOD, source_title=["Rapport"], source_url=["www.terre-solidaire-enfance.org/rapport-2023.pdf"])
    created = post(web, NEW, **dict(typed, action="save"))
    assert created.status_code == 303, created.text
    saved = web.get(created.headers["location"]).text
    assert 'value="https://www.terre-solidaire-enfance.org/rapport-2023.pdf"' in saved


def test_the_form_offers_the_licences_the_publish_page_promises(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The publish page promised Etalab's Licence Ouverte, which the form did not offer."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    assert "Etalab" in web.get("/fr/publier").text
    form = web.get(NEW).text
    assert 'value="etalab-2.0"> <span>Licence Ouverte 2.0 (Etalab)' in form
    created = post(web, NEW, **dict(GOOD, licence="etalab-2.0", action="save"))
    assert created.status_code == 303, created.text
