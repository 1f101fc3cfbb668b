"""The mails that tell people where their request or their submission stands: an account request reaches the centre
(its administrators, else its contact address) and its author is told what happens next; a partner who submits a
resource is told the editors have it."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.models import Role
from tests.web.helpers import Mailbox, csrf_of, make_person, post_form, signed_in
from tests.web.test_partner_requests import ASKED
from tests.web.test_portal import GOOD, NEW

EN_FORM = "/en/publish/account-request"
FR_FORM = "/fr/publier/demande-de-compte"
RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"


def test_a_request_no_administrator_can_be_told_of_goes_to_the_contact_address(
    web: TestClient, settings: Settings, mailbox: Mailbox
) -> None:
    """The centre has no administrator yet: the request came to nobody, though the page offers the contact
    address."""
    assert post_form(web, EN_FORM, **ASKED).status_code == 200
    (told,) = mailbox.to(settings.contact_email)
    body = mailbox.body(told)
    assert mailbox.subject(told) == "Account request: Collectif Mines Propres"
    assert "Nadia Benali (nadia@mines-propres.example.org) asks for a partner account" in body and "orpaillage" in body
    assert "No administrator of the centre could be told" in body
    assert "http://testserver/en/partner/team" in body
    assert "crv users invite <address> --org crv --role admin" in body  # how to make one
    assert post_form(web, EN_FORM, **ASKED).status_code == 200  # sent twice: told once
    assert len(mailbox.to(settings.contact_email)) == 1


def test_the_author_of_a_request_is_told_what_happens_next_in_the_page_s_language(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    assert post_form(web, EN_FORM, **ASKED).status_code == 200
    assert not mailbox.to(settings.contact_email)  # an administrator was told
    (received,) = mailbox.to(ASKED["admin_email"])
    body = mailbox.body(received)
    assert mailbox.subject(received) == "We received your request for a partner account"
    assert "Hello Nadia Benali," in body
    assert "request for a partner account for Collectif Mines Propres (https://mines-propres.example.org)" in body
    assert "An administrator of the centre reads it and answers you at this address" in body
    assert f"write to {settings.contact_email}" in body and "If you did not ask for it, ignore this message" in body
    assert post_form(web, EN_FORM, **ASKED).status_code == 200  # sent twice: told once
    assert len(mailbox.to(ASKED["admin_email"])) == 1
    # from the French page, in French
    post_form(web, FR_FORM, **dict(ASKED, admin_email="awa@ong-ci.example.org"))
    (french,) = mailbox.to("awa@ong-ci.example.org")
    assert mailbox.subject(french) == gettext("fr", "We received your request for a partner account")


def test_a_partner_who_submits_is_told_the_editors_have_it_and_what_comes_next(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "ong-a", "kofi@ong-a.org")  # a colleague: only the person who submitted is told
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    saved = partner.post(
        NEW, data={"csrf_token": csrf_of(partner.get(NEW)), **dict(GOOD, action="save")}, follow_redirects=False
    )
    assert saved.status_code == 303 and not mailbox.to("awa@ong-a.org")  # a draft: nothing to tell
    page = partner.get(saved.headers["location"])
    version = page.text.split('name="version" value="')[1].split('"')[0]
    submitted = partner.post(
        f"/fr/espace-partenaire/ressources/{RID}",
        data={"csrf_token": csrf_of(page), "version": version, **dict(GOOD, action="submit")},
        follow_redirects=False,
    )
    assert submitted.status_code == 303
    assert len(mailbox.to("redac@crv.org")) == 1 and not mailbox.to("kofi@ong-a.org")
    (told,) = mailbox.to("awa@ong-a.org")
    title = GOOD["title"]
    expected = gettext("fr", "Submitted for review: %(title)s", title=title)
    assert mailbox.subject(told).split() == expected.split()  # a long subject is folded
    assert title in mailbox.body(told)
    assert mailbox.link("awa@ong-a.org") == f"/fr/espace-partenaire/ressources/{RID}"  # her page in the portal
