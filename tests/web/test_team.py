"""The team page: an organisation's administrators (and the centre's, for any organisation) list its people with
role and status, change a role, deactivate and reactivate an account (its sessions end at once, it cannot sign in),
send an invitation again. Every change is audited, every form needs its CSRF token, refusals show next to the
person they concern, and nobody else reaches the page."""

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AuditEntry, Organisation, OrganisationKind, Role, User
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, invite, make_person, post_form, sign_in

TEAM = "/fr/espace-partenaire/equipe"


def user_id(session_factory: sessionmaker[Session], email: str) -> int:
    with session_factory() as session:
        found = session.scalar(select(User.id).where(User.email == email))
        assert found is not None
        return found


def change(client: TestClient, target: int, action: str, page: str = TEAM, **data: str) -> Response:
    """Post one change about person ``target`` from the team ``page`` (with its CSRF token)."""
    token = csrf_of(client.get(page))
    form = {"csrf_token": token, "action": action, **data}
    return client.post(f"{TEAM}/{target}", data=form, follow_redirects=False)


def act(client: TestClient, session_factory: sessionmaker[Session], email: str, action: str, **data: str) -> Response:
    return change(client, user_id(session_factory, email), action, **data)


def audited(session_factory: sessionmaker[Session], action: str) -> list[AuditEntry]:
    with session_factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_an_admin_lists_people_and_changes_a_role(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "ong-a", "new@ong-a.org", password=None)
    make_person(session_factory, "ong-b", "bob@ong-b.org")
    sign_in(web, "admin@ong-a.org")
    page = web.get(TEAM)
    assert page.status_code == 200
    assert "awa@ong-a.org" in page.text and "new@ong-a.org" in page.text and "bob@ong-b.org" not in page.text
    assert "invité·e" in page.text and "actif·ve" in page.text and "contributeur·rice" in page.text
    assert act(web, session_factory, "awa@ong-a.org", "role", role="admin").status_code == 303
    with session_factory() as session:
        assert session.scalar(select(User.role).where(User.email == "awa@ong-a.org")) == Role.admin
    [entry] = audited(session_factory, "user.role")
    admin = user_id(session_factory, "admin@ong-a.org")
    assert entry.details["after"] == "admin" and entry.key_prefix == f"user:{admin}"
    assert "Le rôle est changé." in web.get(f"{TEAM}?notice=role").text
    # editors belong to the centre: refused, next to the person's role
    refused = act(web, session_factory, "awa@ong-a.org", "role", role="editor")
    awa = user_id(session_factory, "awa@ong-a.org")
    assert refused.status_code == 422
    assert f'id="e-role-{awa}"' in refused.text and "l’équipe éditoriale appartient" in refused.text
    assert f'aria-describedby="e-role-{awa}"' in refused.text


def test_deactivating_ends_sessions_at_once_and_blocks_sign_in(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "admin@ong-a.org")
    awa = TestClient(web.app)
    sign_in(awa, "awa@ong-a.org")
    assert awa.get("/fr/espace-partenaire").status_code == 200
    assert act(web, session_factory, "awa@ong-a.org", "deactivate").status_code == 303
    assert awa.get("/fr/espace-partenaire", follow_redirects=False).status_code == 303  # signed out now
    refused = post_form(TestClient(web.app), "/fr/connexion", email="awa@ong-a.org", password=PASSWORD)
    assert refused.status_code == 403  # told so, the password being right (test_people_pages)
    assert "désactivé·e" in web.get(TEAM).text and len(audited(session_factory, "user.deactivate")) == 1
    assert act(web, session_factory, "awa@ong-a.org", "reactivate").status_code == 303
    sign_in(TestClient(web.app), "awa@ong-a.org")
    assert len(audited(session_factory, "user.reactivate")) == 1


def test_an_organisation_keeps_an_active_admin_and_nobody_acts_on_themselves(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    sign_in(web, "admin@ong-a.org")
    me = user_id(session_factory, "admin@ong-a.org")
    for action, data in (("deactivate", {}), ("role", {"role": "contributor"})):
        response = act(web, session_factory, "admin@ong-a.org", action, **data)
        assert response.status_code == 422, action
        assert "impossible sur votre propre compte" in response.text
    # the organisation's own admin is bound by the rule, even saying the organisation may be left with none
    refused = act(web, session_factory, "admin@ong-a.org", "deactivate", without_admin="yes")
    assert refused.status_code == 422 and "impossible sur votre propre compte" in refused.text
    # the centre's admin may take the organisation's last admin away (an emergency), only once warned that it is
    # left with none (tests/web/test_team2_last_admin.py): the page's confirmation says so
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    centre = TestClient(web.app)
    sign_in(centre, "admin@crv.org")
    page = f"{TEAM}?organisation=ong-a"
    unconfirmed = change(centre, me, "deactivate", page)
    assert unconfirmed.status_code == 422 and f'id="e-status-{me}"' in unconfirmed.text
    assert 'name="without_admin" value="yes"' in unconfirmed.text  # the warned confirmation, open
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == me)) is None
    assert change(centre, me, "deactivate", page, without_admin="yes").status_code == 303
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == me)) is not None
    [entry] = audited(session_factory, "user.deactivate")
    assert entry.details["left_without_admin"] is True and entry.details["organisation"] == "ong-a"


def test_an_invitation_is_sent_again_and_the_old_link_stops_working(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "admin@ong-a.org")
    assert invite(web, TEAM, name="Kofi", email="kofi@ong-a.org", role="contributor").status_code == 200
    first = mailbox.link("kofi@ong-a.org")
    assert act(web, session_factory, "kofi@ong-a.org", "resend").status_code == 303
    assert len(mailbox.to("kofi@ong-a.org")) == 2
    second = mailbox.link("kofi@ong-a.org")
    assert second != first
    assert web.get(first).status_code == 404 and web.get(second).status_code == 200
    assert len(audited(session_factory, "user.invite.resend")) == 1
    active = act(web, session_factory, "awa@ong-a.org", "resend")  # has a password already
    assert active.status_code == 422 and "seule une personne" in active.text


def test_only_admins_reach_the_page_and_only_for_their_organisation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "ong-b", "admin@ong-b.org", Role.admin)
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    sign_in(web, "awa@ong-a.org")
    refused = web.get(TEAM)
    assert refused.status_code == 403 and "Seul·e un·e administrateur·rice" in refused.text
    assert refused.headers["content-type"].startswith("text/html")
    token = csrf_of(refused)
    target = user_id(session_factory, "admin@ong-a.org")
    assert web.post(f"{TEAM}/{target}", data={"csrf_token": token, "action": "deactivate"}).status_code == 403
    other = TestClient(web.app)
    sign_in(other, "admin@ong-b.org")
    assert other.get(f"{TEAM}?organisation=ong-a").status_code == 404
    assert change(other, target, "deactivate").status_code == 404
    assert "admin@ong-a.org" not in other.get(TEAM).text
    # a missing or wrong CSRF token
    assert other.post(f"{TEAM}/{target}", data={"action": "deactivate"}).status_code == 403
    wrong = {"csrf_token": token, "action": "role", "role": "admin"}  # another browser's token
    assert other.post(f"{TEAM}/{user_id(session_factory, 'admin@ong-b.org')}", data=wrong).status_code == 403
    with session_factory() as session:
        assert session.scalar(select(User.disabled_at).where(User.id == target)) is None


def test_the_centres_admin_manages_any_organisation(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "admin@crv.org")
    listing = web.get(f"{TEAM}?organisation=ong-a")
    assert listing.status_code == 200 and "awa@ong-a.org" in listing.text and 'value="ong-b"' in listing.text
    assert 'value="editor"' not in listing.text  # no editor in an NGO
    invited = invite(
        web, f"{TEAM}?organisation=ong-a", TEAM, name="Kofi", email="kofi@ong-a.org", role="admin", organisation="ong-a"
    )
    assert invited.status_code == 200 and "Invitation envoyée à kofi@ong-a.org." in invited.text
    with session_factory() as session:
        kofi = session.scalar(select(User).where(User.email == "kofi@ong-a.org"))
        assert kofi is not None and kofi.role == Role.admin
        assert kofi.organisation_id == session.scalar(select(User.organisation_id).where(User.email == "awa@ong-a.org"))
    changed = change(web, user_id(session_factory, "awa@ong-a.org"), "deactivate", f"{TEAM}?organisation=ong-a")
    assert changed.status_code == 303 and changed.headers["location"].endswith("?organisation=ong-a&notice=deactivated")
    assert 'value="editor"' in web.get(TEAM).text  # the centre's own people may be editors


def test_the_centres_admin_adds_a_partner_organisation_and_invites_its_administrator(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    assert 'id="add-partner"' in web.get(TEAM).text
    partner = {"org_kind": "ngo", "org_website": "https://cacao-equitable.example.org", "admin_name": "Aya Koné"}
    added = post_form(
        web, TEAM, f"{TEAM}/organisations", org_name="ONG Cacao Équitable", admin_email="aya@cacao.example.org",
        admin_language="fr", **partner,
    )  # fmt: skip
    assert added.status_code == 303
    assert added.headers["location"] == f"{TEAM}?organisation=ong-cacao-equitable&notice=partner"
    page = web.get(added.headers["location"]).text
    assert "L’organisation est ajoutée" in page and "aya@cacao.example.org" in page
    with session_factory() as session:
        aya = session.scalar(select(User).where(User.email == "aya@cacao.example.org"))
        assert aya is not None and aya.role == Role.admin and aya.password_hash is None  # invited
        organisation = session.get(Organisation, aya.organisation_id)
        assert organisation is not None and organisation.kind == OrganisationKind.ngo
        assert organisation.website == "https://cacao-equitable.example.org"
    (mail,) = mailbox.to("aya@cacao.example.org")
    assert "ONG Cacao Équitable" in mailbox.body(mail)
    # The same name again gets an address of its own.
    again = post_form(
        web, TEAM, f"{TEAM}/organisations", org_name="ONG Cacao Équitable", admin_email="ben@cacao.example.org",
        **partner,
    )  # fmt: skip
    assert again.headers["location"].startswith(f"{TEAM}?organisation=ong-cacao-equitable-2&")


def test_adding_a_partner_shows_every_problem_at_once_and_writes_nothing(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "admin@crv.org")
    refused = post_form(
        web, TEAM, f"{TEAM}/organisations", org_name=" ", org_kind="resource-centre", org_website="http://x.org",
        admin_name="", admin_email="awa@ong-a.org",
    )  # fmt: skip
    assert refused.status_code == 422
    for name in ("org_name", "org_kind", "org_website", "admin_name", "admin_email"):
        assert f'id="e-{name}"' in refused.text, name
    assert "choisissez la catégorie de l’organisation" in refused.text and "a déjà un compte" in refused.text
    assert 'value="http://x.org"' in refused.text  # what was typed stays
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 3  # crv, ong-a, ong-b


def test_a_partner_s_admin_adds_no_organisation(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "boss@ong-a.org", Role.admin)
    sign_in(web, "boss@ong-a.org")
    assert 'id="add-partner"' not in web.get(TEAM).text
    refused = post_form(
        web, TEAM, f"{TEAM}/organisations", org_name="Autre", org_kind="ngo", admin_name="X", admin_email="x@y.org"
    )
    assert refused.status_code == 403
