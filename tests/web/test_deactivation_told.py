"""A person whose account is deactivated is told: a mail in their language says by whom (their organisation's
administrator, or the centre) and whom to write to, and the page their session ends on says the account was
deactivated — not « a long time without activity ». A reactivated account's old sessions stay ended."""

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.models import Role, User
from tests.web.helpers import Mailbox, make_person, sign_in
from tests.web.test_team import TEAM, act, change, user_id

SUBJECT = "Your access to the virtual resource centre 8.7 is closed"


def test_an_organisation_s_administrator_deactivates_and_the_person_is_told_by_mail_and_on_the_page(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    with session_factory() as session:
        session.execute(update(User).where(User.email == "awa@ong-a.org").values(language="en"))
        session.commit()
    awa = TestClient(web.app)
    sign_in(awa, "awa@ong-a.org", lang="en")
    sign_in(web, "admin@ong-a.org")
    assert act(web, session_factory, "awa@ong-a.org", "deactivate").status_code == 303
    [closed] = mailbox.to("awa@ong-a.org")  # in her language, though her administrator's pages are French
    body = mailbox.body(closed)
    assert mailbox.subject(closed) == SUBJECT
    assert body.startswith("Hello Awa,")
    assert "Admin, administrator of Ong A, has deactivated your account of the virtual resource centre 8.7" in body
    assert "(awa@ong-a.org): you can no longer sign in" in body and "write to Admin: admin@ong-a.org" in body
    # her next page: the sign-in, saying why her session ended
    ended = awa.get("/en/partner", follow_redirects=False)
    assert ended.status_code == 303
    assert ended.headers["location"] == "/en/sign-in?next=/en/partner&notice=deactivated"
    page = awa.get(ended.headers["location"]).text
    assert "Your session has ended because your account has been deactivated" in page
    assert "without activity" not in page
    # deactivated again (a second tab, a double click): nothing changes, nobody is told twice
    assert act(web, session_factory, "awa@ong-a.org", "deactivate").status_code == 303
    assert len(mailbox.to("awa@ong-a.org")) == 1
    # reactivated: her old session does not come back, it ended like any other
    assert act(web, session_factory, "awa@ong-a.org", "reactivate").status_code == 303
    again = awa.get("/en/partner", follow_redirects=False)
    assert again.headers["location"] == "/en/sign-in?next=/en/partner&notice=expired"
    sign_in(awa, "awa@ong-a.org", lang="en")
    assert awa.get("/en/partner").status_code == 200


def test_the_centre_deactivates_and_the_person_is_sent_to_the_centre(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    make_person(session_factory, "ong-b", "bob@ong-b.org")
    make_person(session_factory, "ong-b", "new@ong-b.org", password=None)
    sign_in(web, "admin@crv.org")
    page = f"{TEAM}?organisation=ong-b"
    assert change(web, user_id(session_factory, "bob@ong-b.org"), "deactivate", page).status_code == 303
    [closed] = mailbox.to("bob@ong-b.org")
    body = mailbox.body(closed)
    assert mailbox.subject(closed) == gettext("fr", SUBJECT)  # his language: French
    assert "Ong B" in body and "bob@ong-b.org" in body and settings.contact_email in body
    assert "admin@crv.org" not in body  # the centre answers at its own address
    # someone invited who never chose a password had no access to close: no mail
    assert change(web, user_id(session_factory, "new@ong-b.org"), "deactivate", page).status_code == 303
    assert not mailbox.to("new@ong-b.org")
