"""The people's pages as a French-speaking editor and organisation administrator meets them: names elided in French
sentences, moments in the centre's time zone in words, no action offered on one's own row, deactivation in two
steps, invitations checked and worded by role, a deactivated person told (only with the right password), and the
focus on what a form's answer says."""

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import LoginAttempt, Role, User, UserSession
from app.web import sessions
from tests.helpers import make_org
from tests.web.helpers import PASSWORD, Mailbox, invite, make_person, post_form, sign_in, signed_in
from tests.web.test_desk import submit_one
from tests.web.test_team import act, user_id

TEAM_FR, TEAM_EN = "/fr/espace-partenaire/equipe", "/en/partner/team"
AUDIT = "ONG Audit Éditeur"


def rename(session_factory: sessionmaker[Session], email: str, name: str, language: str = "fr") -> None:
    with session_factory() as session:
        session.execute(update(User).where(User.email == email).values(name=name, language=language))
        session.commit()


def audit_team(session_factory: sessionmaker[Session]) -> None:
    """« ONG Audit Éditeur »: Élise, its administrator, Awa Koné and Kofi Mensah."""
    make_org(session_factory, "ong-audit", name=AUDIT)
    make_person(session_factory, "ong-audit", "elise@ong-audit.org", Role.admin)
    make_person(session_factory, "ong-audit", "awa@ong-audit.org")
    make_person(session_factory, "ong-audit", "kofi@ong-audit.org")
    rename(session_factory, "elise@ong-audit.org", "Élise")
    rename(session_factory, "awa@ong-audit.org", "Awa Koné")
    rename(session_factory, "kofi@ong-audit.org", "Kofi Mensah")


def row_of(html: str, person: int) -> str:
    return html.split(f'<tr id="person-{person}">')[1].split("</tr>")[0]


def test_french_elides_before_names(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    audit_team(session_factory)
    sign_in(web, "elise@ong-audit.org")
    page = web.get(TEAM_FR).text
    assert "Connecté·e en tant qu’Élise (ONG Audit Éditeur)" in page
    # « Membres : <name> », whatever the name (« Membres de Centre… » read wrong): nothing to elide there
    assert f"<h1>{gettext('fr', 'Members: %(organisation)s', organisation='ONG Audit Éditeur')}</h1>" in page
    assert "Rôle d’Awa Koné" in page and "Changer le rôle d’Awa Koné" in page
    assert "Rôle de Kofi Mensah" in page  # a consonant: nothing to elide
    assert "de Awa" not in page and "que Élise" not in page and "de ONG" not in page
    assert "<h1>Members: ONG Audit Éditeur</h1>" in web.get(TEAM_EN).text


def test_moments_are_shown_in_paris_time_in_words_and_for_machines(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    with session_factory() as session:
        session.execute(update(UserSession).values(created_at=datetime(2026, 12, 2, 9, 23, tzinfo=UTC)))
        session.commit()
    french = web.get("/fr/espace-partenaire/compte").text
    assert '<time datetime="2026-12-02T09:23:00Z">2 déc. 2026, 10\u00a0h\u00a023</time>' in french
    english = web.get("/en/partner/account").text
    assert '<time datetime="2026-12-02T09:23:00Z">2 Dec 2026, 10:23</time>' in english
    assert "Signed in (Paris time)" in english and " UTC" not in english
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", french + english)


def test_the_desk_queue_and_trail_show_moments_in_words(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    submit_one(partner)
    queue = editor.get("/en/editorial").text
    assert "Submitted (Paris time)" in queue
    moment = r'<td data-label="Submitted \(Paris time\): "><time datetime="[-\dT:]+Z">'
    moment += r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d</time>"
    assert re.search(moment, queue)  # named on a phone, where each row is a card
    item = editor.get("/fr/redaction/suivi-communautaire-des-enfants-dans-les-cooperatives.fr").text
    assert re.search(r'<td><time datetime="[-\dT:]+Z">\d{1,2}(er)? \w+\.? \d{4}, \d{1,2}\u00a0h\u00a0\d\d</time>', item)
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", queue + item)


def test_the_own_row_offers_nothing_and_deactivating_takes_two_steps(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    audit_team(session_factory)
    sign_in(web, "elise@ong-audit.org")
    page = web.get(TEAM_EN).text
    own = row_of(page, user_id(session_factory, "elise@ong-audit.org"))
    assert "<select" not in own and "<button" not in own and "<form" not in own
    assert '<span class="hint">you</span>' in own
    awa = user_id(session_factory, "awa@ong-audit.org")
    row = row_of(page, awa)
    # the first step only opens the confirmation, which holds the one button that deactivates (no script)
    outside, confirmation = row.split('<details class="confirm">')
    assert 'value="deactivate"' not in outside
    assert "<summary>Deactivate" in confirmation and "Deactivate the account of Awa Koné</button>" in confirmation
    assert 'aria-describedby="d-deactivate-' in confirmation  # what it does, read with the button
    assert act(web, session_factory, "awa@ong-audit.org", "deactivate").status_code == 303
    after = row_of(web.get(TEAM_EN).text, awa)
    assert "<details" not in after and 'value="reactivate"' in after


def test_the_confirmation_names_the_person_elided_in_french(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Passes once /tmp/po_people.tsv is merged into the French catalog (« Deactivate the account of %(name)s »)."""
    audit_team(session_factory)
    sign_in(web, "elise@ong-audit.org")
    page = web.get(TEAM_FR).text
    assert "Désactiver le compte d’Awa Koné</button>" in page and "Désactiver le compte de Kofi Mensah" in page
    assert '<span class="hint">vous</span>' in page


def test_invitations_need_a_whole_address_and_never_say_who_has_an_account(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    audit_team(session_factory)
    make_person(session_factory, "ong-b", "bintou@ong-b.org")
    sign_in(web, "elise@ong-audit.org")
    form = {"name": "Fatou Diallo", "role": "contributor", "organisation": "ong-audit"}
    refused = post_form(web, TEAM_EN, email="fatou@ong", **form)
    assert refused.status_code == 422 and not mailbox.to("fatou@ong")
    email_field = refused.text.split('id="f-email"')[1].split(">")[0]
    assert 'aria-invalid="true"' in email_field and "autofocus" in email_field
    assert '<p class="field-error" id="e-email">not an email address: it looks like name@organisation.org</p>' in (
        refused.text
    )
    elsewhere = post_form(web, TEAM_EN, email="Bintou@ong-b.org", **form)
    assert elsewhere.status_code == 409 and not mailbox.to("bintou@ong-b.org")
    assert (
        '<p class="field-error" id="e-email">This address cannot be invited: ask the person to use another address, '
        "or write to the centre.</p>"
    ) in elsewhere.text
    assert "already has an account" not in elsewhere.text
    # someone of its own organisation: the team page lists them anyway
    own = post_form(web, TEAM_EN, email="awa@ong-audit.org", **form)
    assert own.status_code == 409 and "already has an account" in own.text
    assert invite(web, TEAM_EN, email="fatou@ong.example.org", **form).status_code == 200
    assert mailbox.to("fatou@ong.example.org")


def test_a_deactivated_person_is_told_only_with_the_right_password(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    audit_team(session_factory)
    rename(session_factory, "awa@ong-audit.org", "Awa Koné", language="en")
    sign_in(web, "elise@ong-audit.org")
    assert act(web, session_factory, "awa@ong-audit.org", "deactivate").status_code == 303
    awa = TestClient(web.app)
    wrong = post_form(awa, "/en/sign-in", email="awa@ong-audit.org", password="not the password at all")
    assert wrong.status_code == 401 and "Wrong email address or password." in wrong.text
    assert "deactivated" not in wrong.text
    right = post_form(awa, "/en/sign-in", email="awa@ong-audit.org", password=PASSWORD)
    assert right.status_code == 403
    assert "Your account has been deactivated: contact the administrator of your organisation." in right.text
    assert not any(c.startswith(f"{sessions.COOKIE}=") for c in right.headers.get_list("set-cookie"))
    with session_factory() as session:  # the right password is no failure to count
        assert len(session.scalars(select(LoginAttempt)).all()) == 1
    # asking for a new password: the page answers as for anyone; the mailbox is told why no link comes
    forgot = post_form(awa, "/en/forgot-password", email="awa@ong-audit.org")
    assert forgot.status_code == 200 and "If an account has this address" in forgot.text
    closed, mail = mailbox.to("awa@ong-audit.org")  # told at the deactivation (test_deactivation_told), then why
    body = mailbox.body(mail)
    assert mailbox.subject(closed) == "Your access to the virtual resource centre 8.7 is closed"
    assert mailbox.subject(mail) == "Your account is deactivated"
    assert "contact the administrator of ONG Audit Éditeur" in body and "token=" not in body


def autofocused(html: str) -> list[str]:
    """The start tags holding ``autofocus``."""
    return re.findall(r"<[a-z]+[^>]*\sautofocus[^>]*>", html)


def test_the_focus_starts_on_what_a_form_answers(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    audit_team(session_factory)
    wrong = post_form(TestClient(web.app), "/fr/connexion", email="elise@ong-audit.org", password="pas le bon, non")
    assert autofocused(wrong.text) == ['<p class="alert" role="alert" tabindex="-1" autofocus>']
    sign_in(web, "elise@ong-audit.org")
    invited = invite(web, TEAM_FR, name="Fatou", email="fatou@ong-audit.org", role="contributor")
    assert autofocused(invited.text) == ['<p class="notice" role="status" tabindex="-1" autofocus>']
    role = act(web, session_factory, "awa@ong-audit.org", "role", role="admin")
    assert autofocused(web.get(role.headers["location"]).text) == [
        '<p class="notice" role="status" tabindex="-1" autofocus>'
    ]
    assert autofocused(web.get(TEAM_FR).text) == []  # nothing to say: the page starts as usual
    # a field marked invalid takes the focus itself, its problem read with it: one autofocus only
    refused = post_form(web, TEAM_FR, name="Fatou", email="fatou@ong", role="contributor")
    [field] = autofocused(refused.text)
    assert 'id="f-email"' in field
    new = "une autre phrase de passe bien longue"
    changed = post_form(web, "/fr/espace-partenaire/compte", current_password=PASSWORD, password=new, confirmation=new)
    assert autofocused(web.get(changed.headers["location"]).text) == [
        '<p class="notice" role="status" tabindex="-1" autofocus>'
    ]
    bad = post_form(web, "/fr/espace-partenaire/compte", current_password="non", password=new, confirmation=new)
    assert autofocused(bad.text) == ['<div class="alert error-summary" role="alert" tabindex="-1" autofocus>']
    # the editors' desk after a decision
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    assert autofocused(editor.get("/fr/redaction?notice=approved").text) == [
        '<p class="notice" role="status" tabindex="-1" autofocus>'
    ]


def test_invitations_say_what_the_role_is_for(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    for email, role in (("ed@crv.org", "editor"), ("boss@crv.org", "admin"), ("pen@crv.org", "contributor")):
        answer = invite(web, TEAM_EN, name=email.split("@")[0], email=email, role=role, language="en")
        assert answer.status_code == 200, answer.text
    editor, admin, contributor = (
        mailbox.body(mailbox.to(e)[0]).replace("\r\n", "\n") for e in ("ed@crv.org", "boss@crv.org", "pen@crv.org")
    )
    assert "to join the editors of the virtual resource centre 8.7: you will review what partner" in editor
    assert "publish resources for" not in editor
    assert "to publish resources for Crv in the virtual resource centre 8.7, and to manage the people" in admin
    assert "to publish resources for Crv in the virtual resource centre 8.7.\n" in contributor


def test_editors_are_told_of_a_submission_by_the_organisations_name(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_org(session_factory, "ong-audit", name=AUDIT)
    partner = signed_in(web, session_factory, "ong-audit", "awa@ong-audit.org")
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    submit_one(partner)
    [mail] = mailbox.to("redac@crv.org")
    body = mailbox.body(mail)
    assert AUDIT in body and "ong-audit" not in body.split("http")[0]
