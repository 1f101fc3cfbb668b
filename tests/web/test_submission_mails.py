"""An editor chooses, on their account page, whether to be mailed each submission, resubmission and withdrawal (on
until they turn it off); when no editor is mailed, the centre's contact address is, so a submission never waits
unseen."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.models import Role, User
from app.services.desk_queue import Kind
from app.web.notifications import EDITOR_MAILS
from tests.web.helpers import Mailbox, csrf_of, post_form, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import resubmit
from tests.web.test_desk_refusals import EDIT
from tests.web.test_portal import GOOD

ACCOUNT = "/en/partner/account"
MAILS = "/en/partner/account/mails"
BOX = re.compile(r'<input type="checkbox" name="submission_mails" value="on"[^>]*>')


def box(page: httpx.Response) -> str:
    found = BOX.search(page.text)
    assert found, page.text
    return found.group(0)


def turn_off(editor: TestClient) -> None:
    answer = post_form(editor, ACCOUNT, MAILS)  # the box unticked: the browser sends no field for it
    assert answer.status_code == 303 and answer.headers["location"] == f"{ACCOUNT}?notice=mails"


def withdraw(partner: TestClient) -> None:
    page = partner.get(EDIT)
    version = re.findall(r'name="version" value="(\d+)"', page.text.split(f'action="{EDIT}/withdraw"')[1])[0]
    data = {"csrf_token": csrf_of(page), "version": version}
    assert partner.post(f"{EDIT}/withdraw", data=data, follow_redirects=False).status_code == 303


def test_an_editor_s_choice_is_saved_and_shown(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    page = editor.get(ACCOUNT)
    assert "Email me about each submission" in page.text and " checked" in box(page)  # on until turned off
    assert f'<form method="post" action="{MAILS}">' in page.text
    turn_off(editor)
    saved = editor.get(f"{ACCOUNT}?notice=mails")
    assert "Your choice of mails is saved." in saved.text and " checked" not in box(saved)
    again = post_form(editor, ACCOUNT, MAILS, submission_mails="on")
    assert again.status_code == 303 and " checked" in box(editor.get(ACCOUNT))
    french = editor.get("/fr/espace-partenaire/compte")
    assert gettext("fr", "Email me about each submission") in french.text
    assert 'action="/fr/espace-partenaire/compte/courriels"' in french.text


def test_only_editors_have_the_choice(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Partners are mailed no submission (nor is the centre's administrator): nothing to choose, nothing to post."""
    for org, email, role in (("ong-a", "awa@ong-a.org", Role.admin), ("crv", "admin@crv.org", Role.admin)):
        person = signed_in(web, session_factory, org, email, role)
        page = person.get(ACCOUNT)
        assert page.status_code == 200 and "submission_mails" not in page.text
        assert post_form(person, ACCOUNT, MAILS, submission_mails="on").status_code == 403
    token = csrf_of(web.get("/en/sign-in"))
    refused = web.post(MAILS, data={"csrf_token": token}, follow_redirects=False)  # signed out: to sign in first
    assert refused.status_code == 303 and refused.headers["location"].startswith("/en/sign-in")


def test_an_editor_who_turned_it_off_gets_no_submission_mail(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    quiet = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    turn_off(quiet)
    submit_one(partner)
    withdraw(partner)
    resubmit(partner)
    assert mailbox.to("elise@crv.org") == []
    subjects = [mailbox.subject(m) for m in mailbox.to("redac@crv.org")]  # submitted, withdrawn, submitted again
    assert [s.split(":")[0] for s in subjects] == [  # withdrawn by its organisation, not sent back: new again
        gettext("fr", template, title="").split(":")[0]
        for template in (EDITOR_MAILS[Kind.new][0], EDITOR_MAILS["withdrawn"][0], EDITOR_MAILS[Kind.new][0])
    ]
    assert mailbox.to(settings.contact_email) == []  # an editor was told
    assert len(mailbox.to("awa@ong-a.org")) == 2  # the partner still hears that the editors have it


def test_when_no_editor_wants_them_the_contact_address_gets_them(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    for email in ("elise@crv.org", "redac@crv.org"):
        turn_off(signed_in(web, session_factory, "crv", email, Role.editor))
    submit_one(partner)
    assert mailbox.to("elise@crv.org") == [] and mailbox.to("redac@crv.org") == []
    (told,) = mailbox.to(settings.contact_email)
    expected = gettext("fr", EDITOR_MAILS[Kind.new][0], title=GOOD["title"])  # in the resource's language
    assert mailbox.subject(told).split() == expected.split()
    body = mailbox.body(told)
    assert f"http://testserver/fr/redaction/{RID}" in body  # where to decide
    assert "http://testserver/fr/espace-partenaire/compte" in body.splitlines()  # where an editor turns them back on
    assert gettext("fr", "Hello %(name)s,", name="Elise") not in body
    withdraw(partner)
    assert len(mailbox.to(settings.contact_email)) == 2  # told of the withdrawal too
    # one editor turns them back on: the contact address is no longer mailed
    post_form(signed_in(web, session_factory, "crv", "lea@crv.org", Role.editor), ACCOUNT, MAILS, submission_mails="on")
    resubmit(partner)
    assert len(mailbox.to("lea@crv.org")) == 1 and len(mailbox.to(settings.contact_email)) == 2


def test_anyone_chooses_the_language_of_their_mails(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """An account invited from the command line got French mails, and nothing let its person change that."""
    partner = signed_in(web, session_factory, "ong-a", "tom@ong-a.org", Role.admin)
    page = partner.get(ACCOUNT)
    assert '<input type="radio" name="mail_language" value="fr" checked>' in page.text
    assert post_form(partner, ACCOUNT, MAILS, mail_language="en").status_code == 303
    assert '<input type="radio" name="mail_language" value="en" checked>' in partner.get(ACCOUNT).text
    with session_factory() as session:
        user = session.scalars(select(User).where(User.email == "tom@ong-a.org")).one()
        assert user.language == "en"
    refused = post_form(partner, ACCOUNT, MAILS, mail_language="de")
    assert refused.status_code == 422
    assert '<p class="field-error" id="e-mail_language">Choose French or English.</p>' in refused.text
