"""The mails about resources follow the event, whatever the channel: a submission or a withdrawal made with an API
key mails the centre's editors (else its contact address) as the portal's do, and a decision taken with the API
(or ``crv review``, which calls it) mails the organisation's people as the desk's does — after the commit, and
never at the cost of an answer: a mail that cannot go leaves the decision done. Mails go in each person's
language."""

from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.main import create_app
from app.models import OrganisationKind, Role, User
from app.paths import page_path
from app.services.desk_queue import Kind
from app.services.resources import resource_url
from app.web.notifications import DECISION_MAILS, EDITOR_MAILS, OFFER_TRANSLATION
from tests.helpers import REVIEW, WRITE, bearer, create, good_practice, make_key, make_org, submit
from tests.web.helpers import Mailbox, make_person, sign_in
from tests.web.test_desk import RID as PORTAL_RID
from tests.web.test_desk import submit_one
from tests.web.test_desk_decisions import decide, resubmit

RID = "cocoa-remediation.fr"
TITLE = good_practice()["title"]


@pytest.fixture
def api(settings: Settings, session_factory: sessionmaker[Session], mailbox: Mailbox) -> Iterator[TestClient]:
    """The app, the centre (crv) and an NGO (ong-a)."""
    make_org(session_factory, "crv", OrganisationKind.resource_centre)
    make_org(session_factory, "ong-a")
    with TestClient(create_app(settings)) as client:
        yield client


def person(
    session_factory: sessionmaker[Session], org: str, email: str, role: Role = Role.contributor, language: str = "fr"
) -> str:
    """An activated account of ``org`` whose mails are in ``language``; its address."""
    make_person(session_factory, org, email, role)
    with session_factory() as session:
        session.scalars(select(User).where(User.email == email)).one().language = language
        session.commit()
    return email


def etag(client: TestClient, token: str, path: str) -> str:
    return client.get(path, headers=bearer(token)).headers["etag"]


def body(mailbox: Mailbox, message: Message) -> str:
    return mailbox.body(message).replace("\r\n", "\n")


def assert_subject(mailbox: Mailbox, message: Message, expected: str) -> None:
    assert mailbox.subject(message).split() == expected.split()  # one line, however the header was folded


def subjects(mailbox: Mailbox, address: str) -> list[str]:
    return [" ".join(mailbox.subject(m).split()) for m in mailbox.to(address)]


def said(lang: str, template: str) -> str:
    return " ".join(gettext(lang, template, title=TITLE).split())


def test_an_api_submission_and_its_withdrawal_mail_the_editors_in_their_language(
    api: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    elise = person(session_factory, "crv", "elise@crv.org", Role.editor, "en")
    marc = person(session_factory, "crv", "marc@crv.org", Role.editor)
    awa = person(session_factory, "ong-a", "awa@ong-a.org")
    key = make_key(session_factory, "ong-a", WRITE)
    create(api, key)
    submitted = submit(api, key, RID)
    (to_elise,) = mailbox.to(elise)
    assert_subject(mailbox, to_elise, gettext("en", EDITOR_MAILS[Kind.new][0], title=TITLE))
    text = body(mailbox, to_elise)
    assert "Hello Elise," in text and f"http://testserver/en/editorial/{RID}" in text
    assert subjects(mailbox, marc) == [said("fr", EDITOR_MAILS[Kind.new][0])]
    # the key's caller has the answer: nobody of its organisation is told it was received, nor the contact address
    assert mailbox.to(awa) == [] and mailbox.to(settings.contact_email) == []
    withdrawn = api.post(f"/v1/resources/{RID}/withdraw", headers=bearer(key, submitted.headers["etag"]))
    assert withdrawn.status_code == 200, withdrawn.text
    assert subjects(mailbox, elise)[1] == said("en", EDITOR_MAILS["withdrawn"][0])
    assert subjects(mailbox, marc)[1] == said("fr", EDITOR_MAILS["withdrawn"][0])
    assert len(mailbox.messages) == 4


def test_when_no_editor_wants_them_the_contact_address_gets_the_api_s(
    api: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    key = make_key(session_factory, "ong-a", WRITE)
    create(api, key)
    submitted = submit(api, key, RID)
    assert subjects(mailbox, settings.contact_email) == [said("fr", EDITOR_MAILS[Kind.new][0])]  # its language
    api.post(f"/v1/resources/{RID}/withdraw", headers=bearer(key, submitted.headers["etag"]))
    assert subjects(mailbox, settings.contact_email)[1] == said("fr", EDITOR_MAILS["withdrawn"][0])


def test_a_new_revision_written_over_a_submission_tells_the_editors_it_was_withdrawn(
    api: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """As saving it in the portal does: PUT or PATCH takes it back from them; the same data again changes nothing."""
    marc = person(session_factory, "crv", "marc@crv.org", Role.editor)
    key = make_key(session_factory, "ong-a", WRITE)
    create(api, key)
    submitted = submit(api, key, RID)
    same = api.put(f"/v1/resources/{RID}", json=good_practice(), headers=bearer(key, submitted.headers["etag"]))
    assert same.status_code == 200 and same.json()["revision"]["state"] == "submitted"
    assert len(mailbox.to(marc)) == 1  # still in review: nothing to tell
    changed = api.patch(f"/v1/resources/{RID}", json={"summary": "Un autre résumé."}, headers=bearer(key, "*"))
    assert changed.status_code == 200 and changed.json()["revision"]["state"] == "draft"
    assert subjects(mailbox, marc)[1] == said("fr", EDITOR_MAILS["withdrawn"][0])
    again = api.patch(f"/v1/resources/{RID}", json={"summary": "Encore un autre."}, headers=bearer(key, "*"))
    assert again.status_code == 200 and len(mailbox.to(marc)) == 2  # a draft over a draft: the editors had nothing


def test_archiving_a_submission_tells_the_editors_it_no_longer_waits(
    api: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    marc = person(session_factory, "crv", "marc@crv.org", Role.editor)
    key = make_key(session_factory, "ong-a", WRITE)
    create(api, key)
    submitted = submit(api, key, RID)
    archived = api.post(f"/v1/resources/{RID}/archive", headers=bearer(key, submitted.headers["etag"]))
    assert archived.status_code == 200, archived.text
    assert subjects(mailbox, marc) == [said("fr", EDITOR_MAILS[what][0]) for what in (Kind.new, "withdrawn")]
    again = api.post(f"/v1/resources/{RID}/archive", headers=bearer(key, archived.headers["etag"]))
    assert again.status_code == 409 and len(mailbox.to(marc)) == 2  # already archived: nothing told


def expected_decision(settings: Settings, lang: str, name: str, mail: str, reason: str = "") -> tuple[str, str]:
    """The subject and body a person of ong-a gets in ``lang`` for the decision mail ``mail``."""
    subject, text = DECISION_MAILS[mail]
    if mail == "approve":
        page = resource_url(settings.public_base_url, "fr", good_practice()["slug"])
    else:
        page = f"http://testserver{page_path('resource', lang)}/{RID}"
    told = gettext(lang, text, name=name, title=TITLE, reason=reason, link=page)
    if mail == "approve":  # it has no English version: the mail offers to write one
        form = f"http://testserver{page_path('new', lang)}?translation_of={RID}"
        told += "\n" + gettext(lang, OFFER_TRANSLATION["en"], link=form) + "\n"
    return gettext(lang, subject, title=TITLE), told


@pytest.fixture
def parties(api: TestClient, session_factory: sessionmaker[Session]) -> tuple[str, str, str, str]:
    """ong-a's key and its people (in French, in English), the centre's key with ``resources:review``."""
    awa = person(session_factory, "ong-a", "awa@ong-a.org")
    bob = person(session_factory, "ong-a", "bob@ong-a.org", language="en")
    return make_key(session_factory, "ong-a", WRITE), awa, bob, make_key(session_factory, "crv", REVIEW)


def test_an_api_approval_mails_the_organisation_s_people_in_their_language(
    api: TestClient, settings: Settings, mailbox: Mailbox, parties: tuple[str, str, str, str]
) -> None:
    key, awa, bob, editor = parties
    create(api, key)
    submit(api, key, RID)
    approved = api.post(f"/v1/review/{RID}/approve", headers=bearer(editor, etag(api, editor, f"/v1/review/{RID}")))
    assert approved.status_code == 200, approved.text
    for address, lang, name in ((awa, "fr", "Awa"), (bob, "en", "Bob")):
        (told,) = mailbox.to(address)
        subject, text = expected_decision(settings, lang, name, "approve")
        assert_subject(mailbox, told, subject)
        assert body(mailbox, told) == text


@pytest.mark.parametrize(
    ("route", "mail"), [("reject", "send_back"), ("decline", "decline"), ("unpublish", "unpublish")]
)
def test_each_api_decision_with_a_reason_mails_it_to_the_organisation_s_people(
    api: TestClient,
    settings: Settings,
    mailbox: Mailbox,
    parties: tuple[str, str, str, str],
    route: str,
    mail: str,
) -> None:
    key, awa, bob, editor = parties
    create(api, key)
    submit(api, key, RID)
    if route == "unpublish":  # a published resource
        api.post(f"/v1/review/{RID}/approve", headers=bearer(editor, etag(api, editor, f"/v1/review/{RID}")))
    mailbox.messages.clear()
    reason = "Citez le rapport de 2023 : il manque la source."
    decided = api.post(f"/v1/review/{RID}/{route}", json={"reason": f"  {reason} "}, headers=bearer(editor, "*"))
    assert decided.status_code == 200, decided.text
    for address, lang, name in ((awa, "fr", "Awa"), (bob, "en", "Bob")):
        (told,) = mailbox.to(address)
        subject, text = expected_decision(settings, lang, name, mail, reason)  # the reason as stored: trimmed
        assert_subject(mailbox, told, subject)
        assert body(mailbox, told) == text
    assert len(mailbox.messages) == 2  # the editors are told nothing of their own decision


def test_an_api_key_s_decision_is_mailed_as_the_desk_s(
    api: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """The same sending back, on the desk then with a key: the organisation gets the same mail."""
    awa = person(session_factory, "ong-a", "awa@ong-a.org")
    person(session_factory, "crv", "elise@crv.org", Role.editor)
    partner, desk = TestClient(api.app), TestClient(api.app)
    sign_in(partner, awa)
    sign_in(desk, "elise@crv.org")
    submit_one(partner)
    reason = "Citez le rapport de 2023."
    item = f"/en/editorial/{PORTAL_RID}"
    assert decide(desk, desk.get(item), "send_back", url=item, reason=reason).status_code == 303
    resubmit(partner, summary="Des agents visitent chaque ménage et orientent les enfants vers l’école.")
    editor = make_key(session_factory, "crv", REVIEW)
    sent_back = api.post(f"/v1/review/{PORTAL_RID}/reject", json={"reason": reason}, headers=bearer(editor, "*"))
    assert sent_back.status_code == 200, sent_back.text
    revise = gettext("fr", DECISION_MAILS["send_back"][0], title="").split()[0]
    by_desk, by_key = [m for m in mailbox.to(awa) if mailbox.subject(m).startswith(revise)]
    assert mailbox.subject(by_key) == mailbox.subject(by_desk)
    assert body(mailbox, by_key) == body(mailbox, by_desk)


def test_a_mail_that_cannot_go_leaves_the_decision_done(
    api: TestClient, session_factory: sessionmaker[Session], settings: Settings, tmp_path: Path
) -> None:
    """The embedded mail folder unwritable (app.mail logs an SMTP refusal itself, not this): the approval is
    committed and answered, the resource public."""
    key, editor = make_key(session_factory, "ong-a", WRITE), make_key(session_factory, "crv", REVIEW)
    person(session_factory, "ong-a", "awa@ong-a.org")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.smtp_host, settings.mail_dir = None, blocked / "mail"
    create(api, key)
    submitted = api.post(f"/v1/resources/{RID}/submit", headers=bearer(key, etag(api, key, f"/v1/my/resources/{RID}")))
    assert submitted.status_code == 200, submitted.text
    approved = api.post(f"/v1/review/{RID}/approve", headers=bearer(editor, etag(api, editor, f"/v1/review/{RID}")))
    assert approved.status_code == 200 and approved.json()["status"] == "published"
    assert api.get(f"/v1/resources/{RID}").status_code == 200
