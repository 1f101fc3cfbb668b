"""An emergency: a partner organisation's only administrator left suddenly, or her account is compromised. The
centre's administrators — only them — deactivate her, warned on the confirmation that the organisation is then
left with no administrator; the page then says so, with the way out (invite one, or make a member administrator).
A page read while there were two administrators, posted after the other one left, is refused with the warning."""

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, Role, User
from tests.web.helpers import Mailbox, csrf_of, make_person, sign_in

TEAM = "/en/partner/team"
ONG_A = f"{TEAM}?organisation=ong-a"
NO_ADMIN = "This organisation has no administrator any more: invite one or make a member administrator."


def user_id(session_factory: sessionmaker[Session], email: str) -> int:
    with session_factory() as session:
        found = session.scalar(select(User.id).where(User.email == email))
        assert found is not None
        return found


def deactivate(client: TestClient, target: int, page: str = ONG_A, **data: str) -> tuple[int, str]:
    form = {"csrf_token": csrf_of(client.get(page)), "action": "deactivate", **data}
    response = client.post(f"{TEAM}/{target}", data=form, follow_redirects=False)
    return response.status_code, response.text


def centre_admin(web: TestClient, session_factory: sessionmaker[Session]) -> TestClient:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    browser = TestClient(web.app)
    sign_in(browser, "admin@crv.org", lang="en")
    return browser


def test_the_centre_deactivates_an_organisation_s_last_admin_warned_and_the_page_says_how_to_give_it_one(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "kofi@ong-a.org")
    centre = centre_admin(web, session_factory)
    awa, kofi = user_id(session_factory, "awa@ong-a.org"), user_id(session_factory, "kofi@ong-a.org")
    page = centre.get(ONG_A).text
    # the warning is on the last admin's confirmation, and on its button; the contributor's has none
    assert f'id="w-deactivate-{awa}"' in page and f'id="w-deactivate-{kofi}"' not in page
    assert "Awa is the only active administrator of Ong A: deactivated, the organisation has no administrator" in page
    assert f'aria-describedby="w-deactivate-{awa} d-deactivate-{awa}"' in page
    assert "Deactivate Awa, leaving the organisation with no administrator" in page
    assert page.count('name="without_admin" value="yes"') == 1 and NO_ADMIN not in page

    assert deactivate(centre, awa, without_admin="yes")[0] == 303
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == awa)) is not None
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "user.deactivate"))
        assert entry.details == {"user": awa, "organisation": "ong-a", "left_without_admin": True}
        assert entry.key_prefix == f"user:{user_id(session_factory, 'admin@crv.org')}"
    (closed,) = mailbox.to("awa@ong-a.org")
    assert "Le centre de ressources virtuel 8.7 a désactivé votre compte" in mailbox.body(closed)  # her language

    # the page then says the organisation has none, and the way out: the invitation form, its role chosen
    page = centre.get(ONG_A).text
    assert 'id="no-admin"' in page and NO_ADMIN in page and '<a href="#invite">' in page and 'id="invite"' in page
    assert '<option value="admin" selected>' in page
    # … until a member is made administrator
    form = {"csrf_token": csrf_of(centre.get(ONG_A)), "action": "role", "role": "admin"}
    assert centre.post(f"{TEAM}/{kofi}", data=form, follow_redirects=False).status_code == 303
    page = centre.get(ONG_A).text
    assert NO_ADMIN not in page and '<option value="contributor" selected>' in page


def test_a_page_read_while_there_were_two_admins_is_refused_with_the_warning(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "ben@ong-a.org", Role.admin)
    centre = centre_admin(web, session_factory)
    awa, ben = user_id(session_factory, "awa@ong-a.org"), user_id(session_factory, "ben@ong-a.org")
    page = centre.get(ONG_A)
    assert 'name="without_admin"' not in page.text  # two admins: no warning
    stale = {"csrf_token": csrf_of(page), "action": "deactivate"}
    assert deactivate(centre, ben)[0] == 303  # Ben leaves: Awa is the last one now
    refused = centre.post(f"{TEAM}/{awa}", data=stale, follow_redirects=False)
    assert refused.status_code == 422 and f'id="e-status-{awa}"' in refused.text
    assert "only active administrator" in refused.text and f'id="w-deactivate-{awa}"' in refused.text
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == awa)) is None


def test_only_the_centre_s_admins_may_leave_an_organisation_without_admin(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """An organisation's admin is never the last one of another; but the centre's own last admin (the one signed
    in) is refused to itself, warned or not, and a centre editor reaches no team page."""
    centre = centre_admin(web, session_factory)
    me = user_id(session_factory, "admin@crv.org")
    status, text = deactivate(centre, me, TEAM, without_admin="yes")
    assert status == 422 and "you cannot do this to your own account" in text
    assert 'name="without_admin"' not in centre.get(TEAM).text
    make_person(session_factory, "crv", "editor@crv.org", Role.editor)
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    editor = TestClient(web.app)
    sign_in(editor, "editor@crv.org", lang="en")
    form = {"csrf_token": csrf_of(editor.get("/en/sign-in")), "action": "deactivate", "without_admin": "yes"}
    awa = user_id(session_factory, "awa@ong-a.org")
    assert editor.post(f"{TEAM}/{awa}", data=form, follow_redirects=False).status_code == 403
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == awa)) is None


def test_a_reactivated_invitation_says_its_link_must_be_sent_again(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Deactivating someone invited voids their link: reactivated, they are invited again with no link that works,
    which the notice says (it said « active again », and nothing came)."""
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "kofi@ong-a.org", password=None)
    admin = TestClient(web.app)
    sign_in(admin, "awa@ong-a.org", lang="en")
    kofi = user_id(session_factory, "kofi@ong-a.org")
    assert deactivate(admin, kofi, TEAM)[0] == 303
    form = {"csrf_token": csrf_of(admin.get(TEAM)), "action": "reactivate"}
    back = admin.post(f"{TEAM}/{kofi}", data=form, follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"].endswith("notice=reactivated_invited")
    page = admin.get(back.headers["location"]).text
    assert "its link stopped working when it was deactivated: send the invitation again" in page
    # an active account reactivated is told as before
    with session_factory() as session:
        session.execute(update(User).where(User.id == kofi).values(password_hash="set"))
        session.commit()
    assert deactivate(admin, kofi, TEAM)[0] == 303
    form = {"csrf_token": csrf_of(admin.get(TEAM)), "action": "reactivate"}
    again = admin.post(f"{TEAM}/{kofi}", data=form, follow_redirects=False)
    assert again.headers["location"].endswith("notice=reactivated")
